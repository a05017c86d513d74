/* Compares JSON parsers on a JSON Lines file of dossiers: getihu's own reader
 * (io/dossier_json.c, full dossier validation included), cJSON (plain malloc and
 * with an arena allocator), and jansson. Prints records/s and MB/s for each.
 * Built by bench/classify.sh; not part of the product. */
#include <cjson/cJSON.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "io/dossier_json.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char arenaBuf[1 << 22];
static size_t arenaUsed;
static void *bumpAlloc(size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (arenaUsed + n > sizeof arenaBuf) return NULL;
    void *p = arenaBuf + arenaUsed;
    arenaUsed += n;
    return p;
}
static void bumpFree(void *p) { (void)p; }

typedef struct lines { char *data; size_t *off; size_t n, bytes; } lines;

static void report(const char *name, const lines *l, double secs, long ok) {
    printf("%-34s %9.0f records/s %7.1f MB/s  (%ld parsed)\n", name, (double)l->n / secs,
           (double)l->bytes / secs / 1e6, ok);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: json_parsers FILE.jsonl [max_records]\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    size_t max = argc > 2 ? (size_t)atol(argv[2]) : 200000;
    lines l = {0};
    size_t cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    l.off = malloc((max + 1) * sizeof *l.off);
    while (l.n < max && (len = getline(&line, &lcap, f)) > 0) {
        if (l.bytes + (size_t)len + 1 > cap) { cap = (cap + (size_t)len + 1) * 2; l.data = realloc(l.data, cap); }
        memcpy(l.data + l.bytes, line, (size_t)len);
        l.data[l.bytes + (size_t)len - 1] = '\0'; /* newline -> NUL */
        l.off[l.n++] = l.bytes;
        l.bytes += (size_t)len;
    }
    l.off[l.n] = l.bytes;
    fclose(f);
    free(line);
    long ok = 0;
    double t = now();
    arena a;
    arenaInit(&a, 65536, 0);
    for (size_t i = 0; i < l.n; i++) {
        dossier d;
        dossierError e;
        arenaReset(&a);
        ok += dossierParseJson(&d, &a, l.data + l.off[i], l.off[i + 1] - l.off[i] - 1, &e) == 0;
    }
    report("getihu dossier reader (validating)", &l, now() - t, ok);
    arenaFree(&a);
    ok = 0;
    t = now();
    for (size_t i = 0; i < l.n; i++) {
        cJSON *j = cJSON_ParseWithLength(l.data + l.off[i], l.off[i + 1] - l.off[i] - 1);
        ok += j != NULL;
        cJSON_Delete(j);
    }
    report("cJSON 1.7.15 (tree only)", &l, now() - t, ok);
    cJSON_Hooks hooks = {bumpAlloc, bumpFree};
    cJSON_InitHooks(&hooks);
    ok = 0;
    t = now();
    for (size_t i = 0; i < l.n; i++) {
        arenaUsed = 0;
        ok += cJSON_ParseWithLength(l.data + l.off[i], l.off[i + 1] - l.off[i] - 1) != NULL;
    }
    report("cJSON + arena allocator (tree only)", &l, now() - t, ok);
    cJSON_InitHooks(NULL);
    ok = 0;
    t = now();
    for (size_t i = 0; i < l.n; i++) {
        json_error_t err;
        json_t *j = json_loadb(l.data + l.off[i], l.off[i + 1] - l.off[i] - 1, JSON_REJECT_DUPLICATES, &err);
        ok += j != NULL;
        json_decref(j);
    }
    report("jansson 2.14 (tree only)", &l, now() - t, ok);
    printf("(%zu records, %.1f MB; cJSON and jansson only build a tree, their numbers become double;\n"
           " getihu's reader also validates every field of DATA.md §1 and keeps amounts exact)\n",
           l.n, (double)l.bytes / 1e6);
    free(l.data);
    free(l.off);
    return 0;
}
