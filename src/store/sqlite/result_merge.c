/* One run's results with their businesses, walked as a merge in USCC order (decision
 * 302): the exports' reader. The results are read by their key (run_id, uscc), the
 * businesses by their USCC index and the run's corrections by theirs, each cursor
 * moving forward; a join would seek the businesses' index from its root (and the
 * corrections' key) once per result. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <string.h>

/* A business cursor further behind than this many rows is moved by a seek instead
 * (a run of few results over a large directory stays a look-up per result). */
#define MERGE_GALLOP 16

typedef struct mergeWalk {
    sqliteStore *q;
    sqlite3_stmt *res, *biz, *corr;
    int brc, crc;          /* SQLITE_ROW while the cursor is on a row */
    const char *bu, *cu;   /* the USCC under biz, corr (valid until their next step) */
} mergeWalk;

/* Steps st, keeping its USCC; 0, or the failure recorded. */
static int mergeStep(sqliteStore *q, sqlite3_stmt *st, int *rc, const char **uscc) {
    *rc = sqlite3_step(st);
    *uscc = *rc == SQLITE_ROW ? sqlColText(st, 0) : NULL;
    return *rc == SQLITE_ROW || *rc == SQLITE_DONE ? 0 : sqlFail(q, "results");
}

/* Moves the business cursor to the first business at or after u: a few steps, else a
 * new seek from u. true when it is u's. */
static int mergeBusiness(mergeWalk *w, const char *u, bool *found) {
    int rc = 0;
    for (int n = 0; !rc && w->brc == SQLITE_ROW && strcmp(w->bu, u) < 0; n++) {
        if (n == MERGE_GALLOP) {
            sqlite3_reset(w->biz);
            sqlite3_bind_text(w->biz, 1, u, -1, SQLITE_TRANSIENT);
        }
        rc = mergeStep(w->q, w->biz, &w->brc, &w->bu);
    }
    *found = !rc && w->brc == SQLITE_ROW && strcmp(w->bu, u) == 0;
    return rc;
}

/* The correction of u, if any: the cursor steps over those before it. */
static int mergeCorrection(mergeWalk *w, const char *u, bool *found) {
    int rc = 0;
    while (!rc && w->crc == SQLITE_ROW && strcmp(w->cu, u) < 0) rc = mergeStep(w->q, w->corr, &w->crc, &w->cu);
    *found = !rc && w->crc == SQLITE_ROW && strcmp(w->cu, u) == 0;
    return rc;
}

static int mergeRows(mergeWalk *w, storeResult *r, storeResultFn fn, void *ctx) {
    int rc = 0, k = 0, step = SQLITE_DONE;
    bool first = true;
    while (!k && !rc && (step = sqlite3_step(w->res)) == SQLITE_ROW) {
        const char *u = sqlColText(w->res, 0);
        bool biz, corr;
        if (first) { /* the business cursor starts at the first result */
            sqlite3_bind_text(w->biz, 1, u, -1, SQLITE_TRANSIENT);
            rc = mergeStep(w->q, w->biz, &w->brc, &w->bu);
            first = false;
        }
        if (!rc) rc = mergeBusiness(w, u, &biz);
        if (!rc) rc = mergeCorrection(w, u, &corr);
        if (rc) break;
        sqlite3_stmt *t = corr ? w->corr : w->res; /* type, reasons: columns 1 and 2 of either */
        r->uscc = u;
        r->name = biz ? sqlColText(w->biz, 1) : NULL;
        r->town = biz ? sqlColText(w->biz, 2) : NULL;
        r->industry = biz ? sqlColText(w->biz, 3) : NULL;
        bizType type = TYPE_INELIGIBLE;
        typingTypeParse(&type, sqlColText(t, 1));
        r->type = type;
        r->reasons = sqlColText(t, 2);
        r->reasons_len = (size_t)sqlite3_column_bytes(t, 2);
        r->objection_id = corr ? sqlite3_column_int64(w->corr, 3) : 0;
        r->corrected = r->objection_id != 0;
        k = fn(ctx, r);
    }
    return rc ? rc : sqlEnd(w->q, step, k, "results");
}

int sqliteResultMerge(sqliteStore *q, int64_t run_id, storeResultFn fn, void *ctx) {
    mergeWalk w = {.q = q, .brc = SQLITE_DONE, .crc = SQLITE_DONE};
    sqlite3_stmt *run = NULL;
    int rc = sqlPrepare(q, "SELECT year,source,EXISTS(SELECT 1 FROM publications p WHERE p.run_id=?1) FROM runs "
                           "WHERE id=?1", &run, "runs");
    if (!rc) rc = sqlPrepare(q, "SELECT uscc,type,reasons FROM results WHERE run_id=?1 ORDER BY uscc", &w.res, "results");
    if (!rc) rc = sqlPrepare(q, "SELECT uscc,name,town,industry FROM businesses WHERE uscc>=?1 ORDER BY uscc", &w.biz,
                             "businesses");
    if (!rc) rc = sqlPrepare(q, "SELECT uscc,type,reasons,objection_id FROM result_corrections WHERE run_id=?1 "
                                "ORDER BY uscc", &w.corr, "result_corrections");
    int step = SQLITE_DONE;
    if (!rc) {
        sqlite3_bind_int64(run, 1, run_id);
        sqlite3_bind_int64(w.res, 1, run_id);
        sqlite3_bind_int64(w.corr, 1, run_id);
        step = sqlite3_step(run);
        if (step != SQLITE_ROW && step != SQLITE_DONE) rc = sqlFail(q, "runs");
    }
    if (!rc && step == SQLITE_ROW) rc = mergeStep(q, w.corr, &w.crc, &w.cu);
    if (!rc && step == SQLITE_ROW) { /* a run that does not exist has no results */
        storeResult r = {.year = sqlite3_column_int(run, 0), .run_id = run_id, .source = sqlColText(run, 1),
                         .published = sqlite3_column_int(run, 2) != 0};
        rc = mergeRows(&w, &r, fn, ctx);
    }
    sqlite3_finalize(run);
    sqlite3_finalize(w.res);
    sqlite3_finalize(w.biz);
    sqlite3_finalize(w.corr);
    return rc;
}
