#ifndef GETIHU_APP_MEASURES_COVERAGE_H
#define GETIHU_APP_MEASURES_COVERAGE_H
#include <stdint.h>
#include "core/sbuf.h"
#include "store/store.h"

/* Coverage of the measures (issue 10 §3): served / entitled per measure and the
 * department the scheme makes responsible, over a published run (decision 92). */
typedef struct appCoverageRow {
    const char *measure, *title, *target; /* article, heading, "survival" … */
    const char *department;               /* as the scheme spells it; a town's name for 各镇街 */
    bool town;                            /* department is a town (the 各镇街 rows) */
    int64_t entitled, served;
} appCoverageRow;

typedef struct appCoverage {
    appCoverageRow *rows;
    size_t n, cap;
    int64_t entitled_any; /* businesses entitled to at least one measure */
    char **strings;       /* the town names the rows point to */
    size_t n_strings;
} appCoverage;

/* Computes the rows for run_id, categories held on day on. appCoverageFree after. */
int appCoverageCompute(appCoverage *out, store *s, int64_t run_id, civilDate on);
void appCoverageFree(appCoverage *c);
/* {"year":…,"run":…,"rows":[{measure,title,for,department,town,entitled,served,rate}…]} */
void appCoverageJson(sbuf *b, const appCoverage *c, int year, int64_t run_id);
/* The leadership's report: one sheet, text and number cells, written to path. */
int appCoverageXlsx(const appCoverage *c, int year, const char *path);
#endif
