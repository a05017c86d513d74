#ifndef GETIHU_APP_RECONCILE_H
#define GETIHU_APP_RECONCILE_H
#include <stdint.h>
#include "app/run.h"
#include "core/sbuf.h"
#include "store/store.h"

/* Checking the city's typing (issue 10 §6, S2(一)2 数据判定), shared by `getihu
 * reconcile` and the server: which run is compared, the counts by kind of
 * difference, the differing businesses with getihu's reasons and the facts that
 * drive each difference, the clerk's worklist, the XLSX report, and a city result
 * made publishable. */

/* The run compared with the city's result of year: run_req when non-zero (it must
 * be of year and typed by getihu), else the published run of year when getihu typed
 * it, else the newest finished getihu run of year (decision 122). GH_ENOTFOUND /
 * GH_EINVAL with msg. */
int appReconcileRun(store *s, int year, int64_t run_req, int64_t *run_id, char *msg, size_t n);

/* n[city + 1][own + 1]: index 0 is "no result on that side". */
typedef struct appReconcileCounts {
    int year;
    int64_t run_id;
    int64_t n[5][5];
    int64_t city_total, agree, differ;
} appReconcileCounts;
int appReconcileCount(store *s, int year, int64_t run_id, appReconcileCounts *out);
/* {"year","run","city_total","agree","differ","kinds":[{"kind","label","city_type","run_type","count"}]}:
 * every kind of difference (12 ordered pairs, 4 only-in-city, 4 only-in-getihu), zeros included. */
void appReconcileCountsJson(sbuf *out, const appReconcileCounts *c);

/* One differing business as JSON: uscc, name, town, kind, kind_label, city_type(_label),
 * run_type(_label), reasons [{code, article, text, drives}], drivers [text], status, note,
 * checked_by, checked_at, in_directory. a: scratch (reset by the caller). GH_EINVAL for
 * stored reasons that do not parse. */
int appReconcileRowJson(sbuf *out, arena *a, const storeReconcileRow *r);

/* Appends the driving reasons of r ("CODE text"), joined by sep. */
int appReconcileDrivers(sbuf *out, arena *a, const storeReconcileRow *r, const char *sep);

/* Where a result comes from, for every place that shows one (decision 124): "run"
 * → 区级分型, "city" → 市级分型结果; NULL reads "run". */
const char *appSourceCode(const char *source);
const char *appSourceLabel(const char *source);

/* The status code ("pending", "accepted", "raised") and label (待核实, 认可市级结果,
 * 已向市局反映); parse: GH_EINVAL when unknown. */
const char *appCityCheckCode(storeCityCheckStatus s);
const char *appCityCheckLabel(storeCityCheckStatus s);
int appCityCheckParse(storeCityCheckStatus *out, const char *code);

/* Records the clerk's status and note for uscc's difference of year (against the
 * run appReconcileRun picks), audited (city_check) in one transaction.
 * GH_ENOTFOUND when uscc has no difference that year. */
int appCityCheck(store *s, const appActor *who, int year, const char *uscc, storeCityCheckStatus status,
                 const char *note, char *msg, size_t n);

/* Writes the report (a sheet of counts and one of differences) to path as XLSX,
 * formula-safe (every cell a string or number), through a temporary file renamed at
 * the end. counts: the counts already read (NULL: read them). *rows: the differences written. */
int appReconcileXlsx(store *s, int year, int64_t run_id, const appReconcileCounts *counts, const char *path,
                     int64_t *rows);

/* Makes the city's result of year a finished run (source city) with its audit entry
 * (city_run); the run is published like any other (appPublish). info->params gives the
 * year's parameters recorded with it. GH_ENOTFOUND: no city result that year. */
int appCityRun(store *s, const appRunInfo *info, int year, int64_t *run_id, char *msg, size_t n);
#endif
