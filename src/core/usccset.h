#ifndef GETIHU_CORE_USCCSET_H
#define GETIHU_CORE_USCCSET_H
#include <stddef.h>
#include <stdint.h>

/* An exact set of validated USCCs, for "a uscc already seen earlier in the same
 * input" (DATA.md §1). Each code is packed into 12 bytes (usccPack) plus a 4-byte line number, so the set
 * costs 16-32 bytes per distinct code: the one part of a classify run whose
 * memory grows with the input. */
typedef struct usccSet {
    uint64_t *lo;
    uint32_t *hi;   /* packed hi + 1; 0 marks an empty slot */
    uint32_t *line; /* line first seen (saturates at UINT32_MAX), for the error message */
    size_t cap;     /* power of two */
    size_t count;
} usccSet;

void usccSetInit(usccSet *s);
/* Adds uscc (already validated) first seen at line. Returns 0 when it was new,
 * 1 when present (then *first_line is where), GH_ENOMEM on allocation failure. */
int usccSetAdd(usccSet *s, const char *uscc, uint64_t line, uint64_t *first_line);
void usccSetFree(usccSet *s);
#endif
