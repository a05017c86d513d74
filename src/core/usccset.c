#define _DEFAULT_SOURCE /* madvise(MADV_DONTNEED) */
#include "core/usccset.h"
#include "core/error.h"
#include "core/uscc.h"
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define USCCSET_FIRST_CAP 1024

void usccSetInit(usccSet *s, size_t mem_budget, const char *tmpdir) {
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->mem_budget = mem_budget;
    s->tmpdir = tmpdir;
}

static size_t usccSetHash(uint32_t key, uint64_t lo) {
    uint64_t h = (lo ^ ((uint64_t)key * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
    return (size_t)(h ^ (h >> 31));
}

/* Every this many operations on a file-backed table, its pages are dropped from
 * the process (MADV_DONTNEED): they stay in the page cache, the process's
 * resident memory stays within a few MiB of mapped pages. */
#define USCCSET_RELEASE_EVERY 512

/* A new zero-filled (sparse) table file of cap slots, unlinked at once. */
static int usccSetTempFile(const usccSet *s, size_t cap) {
    const char *dir = s->tmpdir ? s->tmpdir : getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/getihu-uscc-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    unlink(path);
    if (ftruncate(fd, (off_t)(cap * sizeof(usccSlot)))) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Counts an operation on a file-backed table and, every so often, drops its
 * pages from the process (the data stays in the file's page cache). */
static void usccSetTouch(usccSet *s) {
    if (s->fd < 0 || ++s->ops % USCCSET_RELEASE_EVERY) return;
    madvise(s->mem, s->cap * sizeof(usccSlot), MADV_DONTNEED);
}

/* Finds key. Returns 1 and the slot's line when present, 0 and the index of the
 * empty slot where it belongs when absent. */
static int usccSetFind(usccSet *s, uint32_t key, uint64_t lo, size_t *index, uint32_t *line) {
    const size_t mask = s->cap - 1;
    size_t j = usccSetHash(key, lo) & mask;
    usccSetTouch(s);
    while (s->mem[j].hi) {
        if (s->mem[j].hi == key && s->mem[j].lo == lo) {
            *line = s->mem[j].line;
            return 1;
        }
        j = (j + 1) & mask;
    }
    *index = j;
    return 0;
}

/* Calls fn for every occupied slot of s. */
static int usccSetEach(usccSet *s, int (*fn)(void *ctx, const usccSlot *slot), void *ctx) {
    int rc = 0;
    for (size_t i = 0; i < s->cap && !rc; i++) {
        if (s->mem[i].hi) rc = fn(ctx, &s->mem[i]);
        if ((i & 1023) == 0) usccSetTouch(s);
    }
    return rc;
}

static int usccSetInsertVisit(void *ctx, const usccSlot *slot) {
    usccSet *next = ctx;
    size_t at;
    uint32_t line;
    const int rc = usccSetFind(next, slot->hi, slot->lo, &at, &line);
    assert(rc == 0); /* codes in a set are distinct */
    (void)rc;
    next->mem[at] = *slot;
    return 0;
}

/* Moves every slot of the current table into a table of twice the size, in
 * memory while it fits the budget, on disk otherwise. */
static int usccSetGrow(usccSet *s) {
    usccSet next = *s;
    next.cap = s->cap ? s->cap * 2 : USCCSET_FIRST_CAP;
    next.mem = NULL;
    next.fd = -1;
    if (next.cap * sizeof(usccSlot) <= s->mem_budget || next.cap == USCCSET_FIRST_CAP) {
        next.mem = calloc(next.cap, sizeof(usccSlot));
        if (!next.mem) return GH_ENOMEM;
    } else {
        next.fd = usccSetTempFile(s, next.cap);
        void *map = next.fd < 0 ? MAP_FAILED
                                : mmap(NULL, next.cap * sizeof(usccSlot), PROT_READ | PROT_WRITE, MAP_SHARED, next.fd, 0);
        if (map == MAP_FAILED) {
            if (next.fd >= 0) close(next.fd);
            return GH_EIO;
        }
        /* Random access: no read-ahead and no fault-around, which would map pages
         * that the next MADV_DONTNEED then has to drop again. */
        madvise(map, next.cap * sizeof(usccSlot), MADV_RANDOM);
        next.mem = map;
    }
    usccSetEach(s, usccSetInsertVisit, &next);
    next.count = s->count;
    usccSetFree(s);
    *s = next;
    return 0;
}

int usccSetAdd(usccSet *s, const char *uscc, uint64_t line, uint64_t *first_line) {
    uint64_t hi, lo;
    usccPack(uscc, &hi, &lo);
    assert(hi + 1 <= UINT32_MAX);
    if ((s->count + 1) * 4 > s->cap * 3) { /* keep the load at most 3/4 */
        int rc = usccSetGrow(s);
        if (rc) return rc;
    }
    const usccSlot slot = {(uint32_t)(hi + 1), line > UINT32_MAX ? UINT32_MAX : (uint32_t)line, lo};
    size_t at;
    uint32_t seen;
    if (usccSetFind(s, slot.hi, slot.lo, &at, &seen)) {
        if (first_line) *first_line = seen;
        return 1;
    }
    s->mem[at] = slot;
    s->count++;
    return 0;
}

void usccSetFree(usccSet *s) {
    if (s->fd >= 0) {
        munmap(s->mem, s->cap * sizeof(usccSlot));
        close(s->fd);
    } else {
        free(s->mem);
    }
    s->mem = NULL;
    s->fd = -1;
    s->cap = s->count = 0;
}
