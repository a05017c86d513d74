#ifndef GETIHU_CORE_USCCSET_H
#define GETIHU_CORE_USCCSET_H
#include <stddef.h>
#include <stdint.h>

/* An exact set of validated USCCs with the line each was first seen on, for "a
 * uscc already seen earlier in the same input" (DATA.md §1).
 *
 * Exact duplicate detection in one pass needs room for every code seen. Memory
 * stays bounded: codes live in an in-memory open-addressing table (16 bytes a
 * slot) up to mem_budget bytes; past that, the set moves to a table of the same
 * layout in an unlinked temporary file mapped shared, doubled as it fills, whose
 * pages are regularly dropped from the process (MADV_DONTNEED). The page cache,
 * not the process, then holds the table: the process's memory does not grow with
 * the input. */
typedef struct usccSlot {
    uint32_t hi;   /* packed code, high part + 1; 0 marks an empty slot */
    uint32_t line; /* line first seen (saturates at UINT32_MAX) */
    uint64_t lo;   /* packed code, low part */
} usccSlot;

typedef struct usccSet {
    usccSlot *mem;        /* the table: heap memory, or the file's mapping */
    int fd;               /* temporary file once on disk, else -1 */
    uint64_t ops;         /* operations on the file-backed table */
    size_t cap;           /* slots, a power of two */
    size_t count;
    size_t mem_budget;    /* bytes the in-memory table may take */
    const char *tmpdir;   /* where the file goes (NULL: $TMPDIR or /tmp) */
} usccSet;

void usccSetInit(usccSet *s, size_t mem_budget, const char *tmpdir);
/* Adds uscc (already validated) first seen at line. Returns 0 when it was new,
 * 1 when present (then *first_line is where), GH_ENOMEM, or GH_EIO when the
 * temporary file cannot be made. */
int usccSetAdd(usccSet *s, const char *uscc, uint64_t line, uint64_t *first_line);
void usccSetFree(usccSet *s);
#endif
