#include "core/arena.h"
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arenaBlock {
    arenaBlock *next;
    size_t size;
    size_t used;
    max_align_t data[];
};

void arenaInit(arena *a, size_t block_size, size_t limit) {
    a->head = NULL;
    a->block_size = block_size ? block_size : 64 * 1024;
    a->limit = limit;
    a->used_total = 0;
}

static arenaBlock *arenaNewBlock(size_t size) {
    arenaBlock *b = malloc(sizeof(*b) + size);
    if (!b) return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *arenaAlloc(arena *a, size_t n) {
    const size_t align = _Alignof(max_align_t);
    if (n == 0) n = 1;
    if (n > SIZE_MAX / 2) return NULL;
    n = (n + align - 1) & ~(align - 1);
    if (a->limit && a->used_total + n > a->limit) return NULL;
    if (!a->head || a->head->size - a->head->used < n) {
        size_t size = n > a->block_size ? n : a->block_size;
        arenaBlock *b = arenaNewBlock(size);
        if (!b) return NULL;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)a->head->data + a->head->used;
    a->head->used += n;
    a->used_total += n;
    assert(a->head->used <= a->head->size);
    return p;
}

char *arenaStrndup(arena *a, const char *s, size_t n) {
    char *p = arenaAlloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Keeps the oldest block (the one of ordinary size), frees the rest. */
void arenaReset(arena *a) {
    arenaBlock *b = a->head, *keep = NULL;
    while (b) {
        arenaBlock *next = b->next;
        if (next == NULL && b->size == a->block_size) keep = b;
        else free(b);
        b = next;
    }
    if (keep) keep->used = 0;
    a->head = keep;
    a->used_total = 0;
}

void arenaFree(arena *a) {
    arenaBlock *b = a->head;
    while (b) {
        arenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
}
