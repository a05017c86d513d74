#ifndef GETIHU_APP_STATS_H
#define GETIHU_APP_STATS_H
#include <stdbool.h>
#include <stdint.h>
#include "core/sbuf.h"
#include "store/store.h"

/* The statistics of a year's run, computed once for `getihu stats` and GET
 * /api/stats: counts per type, per town and per industry section (GB/T 4754-2017
 * letter), and the transitions from the previous year's published run. */
#define STATS_MAX_KEYS 128 /* more keys than a district has towns: the rest is in the totals */

typedef struct statsTable {
    char keys[STATS_MAX_KEYS][64];
    int64_t counts[STATS_MAX_KEYS][4]; /* by bizType */
    int n;
} statsTable;

typedef struct appStats {
    int year;
    int64_t run;
    bool published;
    int64_t types[4], total;
    statsTable towns, sections;
    bool have_prev;        /* the previous year has a published run */
    int64_t prev_run;
    int64_t moves[5][5];   /* [from + 1][to + 1]: index 0 is "none" (no result that year) */
    /* the data's "as of" (issue 11 §4, decision 183): when the run was published ("" not
     * published) and when the last import was committed ("" none) */
    char published_at[32], latest_import_at[32];
} appStats;

/* Computes the statistics of run (0: the published run of year) into *out, which is
 * large (allocate it, do not put it on a small stack). GH_ENOTFOUND when there is
 * no such run or it is of another year; another GH_E* when a count fails. The
 * store's error says why. */
int statsCompute(appStats *out, store *s, int year, int64_t run);

/* The JSON document of `getihu stats --format json` (README) and GET /api/stats, without a newline:
 * {"year","run","published","total","types":{type:count},"by_town":[{"key",type:count…}],
 *  "by_section":[…],"transitions":{"from_year","from_run","counts":[{"from","to","count"}]},
 *  "published_at","latest_import_at"} (transitions only when the previous year has a
 * published run; the two times null when unknown). */
void statsJson(sbuf *out, const appStats *st);

/* The English code of a row or column of the transition matrix (0: "none"). */
const char *statsCode(int index);
#endif
