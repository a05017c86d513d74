#!/usr/bin/env bash
# Writes render_v1_golden.txt: every reason code in every variant of
# render_cases.h, as the release before facts (main at 7325d49, whose
# rules/explain.c wrote the sentences stored in results) words it. Renderer
# version 1 must give these bytes forever (test_render.c). Run from the repository.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/rules"
git show 7325d49:src/rules/explain.c > "$tmp/src/rules/explain.c"
git show 7325d49:src/rules/explain.h > "$tmp/src/rules/explain.h"
cat > "$tmp/gen.c" <<'C'
#include "rules/explain.h"
#include "render_cases.h"
#include <stdio.h>
int main(void) {
    for (int c = 0; c < REASON__COUNT; c++)
        for (int v = 0; v < RENDER_CASE_VARIANTS; v++) {
            typingReason r = renderCase((reasonCode)c, v);
            sbuf b;
            sbufInit(&b);
            explainText(&b, &r);
            printf("%s %d\t%s\n", explainCode((reasonCode)c), v, b.data);
            sbufFree(&b);
        }
    return 0;
}
C
cc -std=c11 -I"$tmp/src" -Isrc -Itests/unit -o "$tmp/gen" "$tmp/gen.c" "$tmp/src/rules/explain.c" src/core/*.c
"$tmp/gen" > tests/unit/render_v1_golden.txt
