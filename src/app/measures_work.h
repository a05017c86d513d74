#ifndef GETIHU_APP_MEASURES_WORK_H
#define GETIHU_APP_MEASURES_WORK_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "app/run.h"
#include "rules/measures.h"
#include "store/store.h"

/* A department's, a town's or the clerk's work on the measures (issue 10 §3). */

/* Who works: the kind of reader (decision 86) and the unit its marks are kept
 * under — the department's full name, the town's name, or 区市场监督管理局 for the
 * clerk (decision 85). */
typedef struct appWorker {
    measureViewerKind kind;
    char unit[64];
} appWorker;
/* From a signed-in role and its department (a town account's: its town). GH_EINVAL
 * for a role with no worklist (administrator, reviewer, inspector, bank, owner). */
int appWorkerOf(appWorker *w, unsigned role, const char *department);

/* "pending" … "not_needed" and 待联系 … 不需要. */
const char *appWorkStatusCode(storeWorkStatus s);
const char *appWorkStatusLabel(storeWorkStatus s);
int appWorkStatusParse(storeWorkStatus *out, const char *code);

/* The latest year with a published run (decision 89): GH_ENOTFOUND when none.
 * *city (when city is not NULL): that run is the city's result (decision 124). */
int appLatestPublished(store *s, int *year, int64_t *run_id, bool *city);

typedef struct appWorkFilter {
    const char *measure, *town, *section, *sort;
    int type;     /* bizType or -1 */
    int category; /* categoryKind held, or -1 */
    int status; /* storeWorkStatus or -1 */
    int limit;
    int64_t offset;
} appWorkFilter;
/* Builds the store query of w's worklist for f over run on day on: GH_EREFUSED when
 * the measure is not w's work, GH_EINVAL for an unknown measure, sort, section or a
 * type or category that does not fit the measure. A town sees its own town only. */
int appWorkQuery(storeWorkQuery *q, const appWorker *w, const appWorkFilter *f, int64_t run_id, civilDate on);

/* Records w's status of uscc for measure (audited "measure.work" with the status
 * before and after, in one transaction). GH_EREFUSED when the measure is not w's
 * work, the business is not entitled to it today, or (a town) it is another town's;
 * GH_ENOTFOUND for an unknown business. */
int appWorkMark(store *s, const appActor *who, const appWorker *w, const char *uscc, const char *measure_id,
                storeWorkStatus status, civilDate on, const char *note, int64_t now);

/* Writes the whole worklist of q (no page) as CSV to out or XLSX to path; text
 * cells only, formula-like values neutralised. *rows receives the count. */
int appWorkExport(store *s, const storeWorkQuery *q, bool xlsx, FILE *out, const char *path, int64_t *rows);
#endif
