#include "core/usccset.h"
#include "core/error.h"
#include "core/uscc.h"
#include <assert.h>
#include <stdlib.h>

void usccSetInit(usccSet *s) {
    s->lo = NULL;
    s->hi = NULL;
    s->line = NULL;
    s->cap = 0;
    s->count = 0;
}

/* Hashes the stored form (hi + 1, lo) both on insert and on regrow. */
static size_t usccSetSlot(uint32_t key, uint64_t lo, size_t cap) {
    const uint64_t hi = key;
    uint64_t h = (lo ^ (hi * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    return (size_t)h & (cap - 1);
}

static int usccSetGrow(usccSet *s) {
    const size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *lo = malloc(cap * sizeof *lo);
    uint32_t *hi = calloc(cap, sizeof *hi);
    uint32_t *line = malloc(cap * sizeof *line);
    if (!lo || !hi || !line) {
        free(lo);
        free(hi);
        free(line);
        return GH_ENOMEM;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->hi[i]) continue;
        size_t j = usccSetSlot(s->hi[i], s->lo[i], cap);
        while (hi[j]) j = (j + 1) & (cap - 1);
        hi[j] = s->hi[i];
        lo[j] = s->lo[i];
        line[j] = s->line[i];
    }
    free(s->lo);
    free(s->hi);
    free(s->line);
    s->lo = lo;
    s->hi = hi;
    s->line = line;
    s->cap = cap;
    return 0;
}

int usccSetAdd(usccSet *s, const char *uscc, uint64_t line, uint64_t *first_line) {
    uint64_t hi, lo;
    usccPack(uscc, &hi, &lo);
    assert(hi + 1 <= UINT32_MAX);
    if ((s->count + 1) * 4 > s->cap * 3) {
        int rc = usccSetGrow(s);
        if (rc) return rc;
    }
    const uint32_t key = (uint32_t)(hi + 1);
    size_t j = usccSetSlot(key, lo, s->cap);
    while (s->hi[j]) {
        if (s->hi[j] == key && s->lo[j] == lo) {
            if (first_line) *first_line = s->line[j];
            return 1;
        }
        j = (j + 1) & (s->cap - 1);
    }
    s->hi[j] = key;
    s->lo[j] = lo;
    s->line[j] = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    s->count++;
    return 0;
}

void usccSetFree(usccSet *s) {
    free(s->lo);
    free(s->hi);
    free(s->line);
    usccSetInit(s);
}
