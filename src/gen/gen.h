#ifndef GETIHU_GEN_GEN_H
#define GETIHU_GEN_GEN_H
#include <stdint.h>
#include "core/arena.h"
#include "rules/dossier.h"
#include "rules/params.h"

/* A deterministic generator of realistic dossiers for a district (大兴区): valid
 * USCCs, towns, GB/T 4754 classes, Chinese names, establishment dates, yearly
 * figures and list memberships. Record i depends only on (seed, i), so any
 * slice can be regenerated. A dossier is a snapshot at p's reference date: no
 * date in it lies later. Figures are drawn relative to the thresholds of p so
 * that typing shares resemble published first-year results (mostly survival,
 * some growth, very few development, 15-25% not eligible). */
typedef struct genState {
    uint64_t seed;
    const yearParams *p;
    arena a;             /* strings and arrays of the current record */
} genState;

void genInit(genState *g, uint64_t seed, const yearParams *p);
/* Fills d with record i (valid until the next call). 0, or GH_ENOMEM. */
int genRecord(genState *g, uint64_t i, dossier *d);
void genFree(genState *g);
#endif
