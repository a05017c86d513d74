#ifndef GETIHU_CORE_ARENA_H
#define GETIHU_CORE_ARENA_H
#include <stddef.h>

/* A bump allocator for data that lives exactly as long as one record: a parsed
 * dossier's strings and arrays. arenaReset() frees everything at once and keeps the
 * first block, so a stream of records allocates nothing in the steady state. */
typedef struct arenaBlock arenaBlock;
typedef struct arena {
    arenaBlock *head;     /* current block (newest) */
    size_t block_size;    /* size of ordinary blocks */
    size_t limit;         /* maximum bytes handed out between resets; 0 = none */
    size_t used_total;    /* bytes handed out since the last reset */
} arena;

void arenaInit(arena *a, size_t block_size, size_t limit);
/* Returns aligned memory of n bytes, or NULL when out of memory or over the limit. */
void *arenaAlloc(arena *a, size_t n);
/* Copies s[0..n) and NUL-terminates it; NULL on failure. */
char *arenaStrndup(arena *a, const char *s, size_t n);
void arenaReset(arena *a);
void arenaFree(arena *a);
#endif
