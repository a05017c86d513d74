/* libFuzzer target for the XLSX reader (io/xlsx.c through io/rows.h). Build and run (clang):
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DGETIHU_FUZZ=ON -DGETIHU_SANITIZE=ON
 *   cmake --build build-fuzz --target fuzz_xlsx
 *   ./build-fuzz/tests/fuzz_xlsx -max_total_time=300 -max_len=65536 DIR_OF_XLSX_FILES
 * (GETIHU_SANITIZE: the io room is built with coverage instrumentation for the fuzzer.)
 * libzip reads from a path, so each input is written to a temporary file. Every
 * input must read through or fail with a message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "io/rows.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_xlsx_%d.xlsx", (int)getpid());
    FILE *f = fopen(path, "w+b");
    if (!f) return 0;
    if (fwrite(data, 1, size, f) != size || fflush(f)) { fclose(f); return 0; }
    rewind(f);
    rowReader r;
    rowsLimits lim = rowsDefaultLimits();
    lim.sheet_bytes = lim.strings_bytes = 16u << 20;
    int rc = rowsOpen(&r, f, path, NULL, NULL, &lim);
    while (rc == 0 && (rc = rowsNext(&r)) == 1) {}
    if (rc < 0 && !r.err[0]) abort();
    rowsClose(&r);
    fclose(f);
    unlink(path);
    return 0;
}
