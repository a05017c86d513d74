#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build, and generate a
# demo district (北京市大兴区, 50,000 businesses) and print its typing summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$(nproc)" > /dev/null
./build/getihu demo --count "${COUNT:-50000}" --year "${YEAR:-2025}" --dir demo-data
