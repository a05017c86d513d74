/* libFuzzer target for the dossier parser. Build and run (clang):
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DGETIHU_FUZZ=ON && cmake --build build-fuzz
 *   ./build-fuzz/fuzz_dossier -max_total_time=300 tests/fuzz/corpus
 * Accepted input must write back to text that parses to the same text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "io/dossier_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena a;
    arenaInit(&a, 4096, 1 << 20);
    dossier d;
    dossierError e;
    if (dossierParseJson(&d, &a, (const char *)data, size, &e) == 0) {
        sbuf b, b2;
        sbufInit(&b);
        sbufInit(&b2);
        dossierWriteJson(&b, &d);
        arena a2;
        arenaInit(&a2, 4096, 0);
        dossier d2;
        if (dossierParseJson(&d2, &a2, b.data, b.len, &e) != 0) abort();
        dossierWriteJson(&b2, &d2);
        if (strcmp(b.data, b2.data) != 0) abort();
        arenaFree(&a2);
        sbufFree(&b);
        sbufFree(&b2);
    }
    arenaFree(&a);
    return 0;
}
