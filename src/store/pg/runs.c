/* Annual runs, their results, publication, and the statistics over results
 * (PostgreSQL; mirrors sqlite/runs.c). Results are buffered and sent with COPY. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ST_CREATE = PG_ST_RUNS, ST_FINISH, ST_GET, ST_EACH, ST_PUBLISHED, ST_PUBLISH, ST_PUBLISH_LOG, ST_RESULT_OF,
    ST_TRANSITIONS, ST_PUBLISHED_OF
};

#define RUN_COLS "SELECT r.id,r.year,r.params_json,r.params_sha256,r.provisional::int,r.program_version,r.actor," \
                 PG_TIME_TEXT("r.started_at") "," PG_TIME_TEXT("r.finished_at") ",r.status,r.population,"      \
                 "r.survival,r.growth,r.development,r.ineligible,(p.run_id IS NOT NULL)::int,r.source,"          \
                 "r.city_import_id,r.name,r.note,r.renderer FROM runs r LEFT JOIN publications p ON p.run_id=r.id "
/* A result corrected by an upheld objection reads as corrected (decision 101); the
 * run's source says whether it is getihu's own typing or the city's (decision 124). */
#define RESULT_COLS RESULT_COLS_PUB("EXISTS(SELECT 1 FROM publications p WHERE p.run_id=r.run_id)")
/* PUB: whether the row's run is published; for one run's results a subquery of $1
 * alone, evaluated once rather than per row (decision 291). */
#define RESULT_COLS_PUB(PUB)                                                                                      \
                    "SELECT r.uscc,b.name,b.town,b.industry,coalesce(c.type,r.type),coalesce(c.reasons,r.reasons)," \
                    "ru.year,r.run_id," PUB "::int,"                                                               \
                    "coalesce(c.objection_id,0),ru.source "                                                       \
                    "FROM results r JOIN runs ru ON ru.id=r.run_id LEFT JOIN businesses b ON b.uscc=r.uscc "      \
                    "LEFT JOIN result_corrections c ON c.run_id=r.run_id AND c.uscc=r.uscc "
/* The COPY of pgResultAdd; its buffer is tagged with this file's block number. */
#define RESULTS_COPY "COPY results(run_id,uscc,type,reasons) FROM STDIN"
#define COPY_RESULTS PG_ST_RUNS

static int pgRunCreate(storeBackend *b, const storeRun *info, int64_t *id) {
    char year[24], renderer[24];
    const char *v[] = {pgI64(year, info->year), info->params_json, info->params_sha256, info->provisional ? "1" : "0",
                       info->program_version, info->actor, info->name, info->note, pgI64(renderer, info->renderer)};
    int code;
    PGresult *r = pgQuery(PG(b), ST_CREATE,
                          "INSERT INTO runs(year,params_json,params_sha256,provisional,program_version,actor,"
                          "started_at,status,name,note,renderer) VALUES($1,$2,$3,$4,$5,$6,now(),'running',$7,$8,$9) "
                          "RETURNING id",
                          9, v, &code, "runs");
    if (!r) return code;
    *id = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

static int pgRunFinish(storeBackend *b, int64_t id, int64_t population, const int64_t by_type[4]) {
    int rc = pgCopyPending(PG(b));
    if (rc) return rc;
    char buf[6][24];
    const char *v[] = {pgI64(buf[0], id), pgI64(buf[1], population), pgI64(buf[2], by_type[0]),
                       pgI64(buf[3], by_type[1]), pgI64(buf[4], by_type[2]), pgI64(buf[5], by_type[3])};
    return pgCmd(PG(b), ST_FINISH,
                 "UPDATE runs SET status='done',finished_at=now(),population=$2,survival=$3,growth=$4,"
                 "development=$5,ineligible=$6 WHERE id=$1",
                 6, v, NULL, "runs");
}

/* Fills out from row of r; strings copied into a, or r's own when a is NULL. */
static void runRow(PGresult *r, int row, arena *a, storeRun *out) {
    memset(out, 0, sizeof *out);
    out->id = pgInt(r, row, 0);
    out->year = (int)pgInt(r, row, 1);
    const char **text[] = {&out->params_json, &out->params_sha256, NULL, &out->program_version, &out->actor,
                           &out->started_at, &out->finished_at, &out->status};
    for (int i = 0; i < 8; i++)
        if (text[i]) *text[i] = a ? pgDup(a, r, row, 2 + i) : pgText(r, row, 2 + i);
    out->provisional = pgInt(r, row, 4) != 0;
    out->population = pgInt(r, row, 10);
    for (int t = 0; t < 4; t++) out->by_type[t] = pgInt(r, row, 11 + t);
    out->published = pgInt(r, row, 15) != 0;
    out->source = a ? pgDup(a, r, row, 16) : pgText(r, row, 16);
    out->city_import_id = pgInt(r, row, 17);
    out->name = a ? pgDup(a, r, row, 18) : pgText(r, row, 18);
    out->note = a ? pgDup(a, r, row, 19) : pgText(r, row, 19);
    out->renderer = (int)pgInt(r, row, 20); /* issue 12 §1 */
}

/* Run id's row (the caller PQclear()s it), or NULL with *code GH_ENOTFOUND or a failure. */
static PGresult *runFind(pgStore *p, int64_t id, int *code) {
    char buf[24];
    const char *v[] = {pgI64(buf, id)};
    PGresult *r = pgQuery(p, ST_GET, RUN_COLS "WHERE r.id=$1", 1, v, code, "runs");
    if (r && PQntuples(r) == 0) {
        PQclear(r);
        *code = storeErrSet(p->base.err, GH_ENOTFOUND, "run", "没有第 %lld 次分型 (no run %lld)", (long long)id,
                            (long long)id);
        return NULL;
    }
    return r;
}

static int pgRunGet(storeBackend *b, int64_t id, arena *a, storeRun *out) {
    int code;
    PGresult *r = runFind(PG(b), id, &code);
    if (!r) return code;
    runRow(r, 0, a, out);
    PQclear(r);
    return 0;
}

/* The runs are few: read whole, then handed out (fn may use the store). */
static int pgEachRun(storeBackend *b, int year, storeRunFn fn, void *ctx) {
    char buf[24];
    const char *v[] = {pgI64(buf, year)};
    int code, k = 0;
    PGresult *r = pgQuery(PG(b), ST_EACH, RUN_COLS "WHERE $1::int=0 OR r.year=$1::int ORDER BY r.id", 1, v, &code,
                          "runs");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) {
        storeRun run;
        runRow(r, i, NULL, &run);
        k = fn(ctx, &run);
    }
    PQclear(r);
    return k;
}

static int pgPublishedRun(storeBackend *b, int year, int64_t *id) {
    char buf[24];
    const char *v[] = {pgI64(buf, year)};
    int code;
    PGresult *r = pgQuery(PG(b), ST_PUBLISHED, "SELECT run_id FROM publications WHERE year=$1", 1, v, &code,
                          "publications");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) *id = pgInt(r, 0, 0);
    PQclear(r);
    if (found) return 0;
    return storeErrSet(b->err, GH_ENOTFOUND, "year", "%d 年度尚未公布分型结果 (no published run for %d)", year, year);
}

static int pgPublish(storeBackend *b, int64_t id, const char *actor, int *year) {
    pgStore *p = PG(b);
    int code = pgInTransaction(p, "publish");
    if (!code) code = pgCopyPending(p);
    if (code) return code;
    PGresult *r = runFind(p, id, &code);
    if (!r) return code;
    const bool done = pgText(r, 0, 9) && strcmp(pgText(r, 0, 9), "done") == 0;
    *year = (int)pgInt(r, 0, 1);
    PQclear(r);
    if (!done)
        return storeErrSet(p->base.err, GH_EINVAL, "run", "第 %lld 次分型未完成，不能公布 (run not finished)",
                           (long long)id);
    char y[24], i[24];
    const char *v[] = {pgI64(y, *year), pgI64(i, id), actor};
    code = pgCmd(p, ST_PUBLISH,
                 "INSERT INTO publications(year,run_id,published_at,actor) VALUES($1,$2,now(),$3) "
                 "ON CONFLICT(year) DO UPDATE SET run_id=excluded.run_id,published_at=excluded.published_at,"
                 "actor=excluded.actor",
                 3, v, NULL, "publications");
    if (code) return code;
    return pgCmd(p, ST_PUBLISH_LOG,
                 "INSERT INTO publication_log(year,run_id,published_at,actor) VALUES($1,$2,now(),$3)", 3, v, NULL,
                 "publications");
}

/* Appends n bytes of v to b escaped for COPY's text format (\\, \t, \n, \r). */
static void copyText(sbuf *b, const char *v, size_t n) {
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char c = v[i];
        const char *esc = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
        if (!esc) continue;
        sbufAppend(b, v + from, i - from);
        sbufAppend(b, esc, 2);
        from = i + 1;
    }
    sbufAppend(b, v + from, n - from);
}

/* Buffered: the rows go as one COPY when the buffer passes PG_COPY_MAX, or before
 * any statement here that reads results or ends the run, or at commit
 * (pgCopyPending); a rollback drops them (decision 256). */
static int pgResultAdd(storeBackend *b, int64_t run_id, const char *uscc, bizType type, const char *reasons,
                       size_t n) {
    pgStore *p = PG(b);
    const int rc = p->copy_target != COPY_RESULTS ? pgCopyPending(p) : 0; /* another table's rows first */
    if (rc) return rc;
    p->copy_target = COPY_RESULTS;
    p->copy_sql = RESULTS_COPY;
    sbufPutInt(&p->copy, (long long)run_id);
    sbufPutc(&p->copy, '\t');
    pgCopyField(&p->copy, uscc, false);
    pgCopyField(&p->copy, typingTypeCode(type), false);
    copyText(&p->copy, reasons, n);
    sbufPutc(&p->copy, '\n');
    return p->copy.len >= PG_COPY_MAX || p->copy.failed ? pgCopyFlush(p, RESULTS_COPY) : 0;
}

/* The rows one by one into the same COPY buffer: COPY is the batch already. */
static int pgResultAddMany(storeBackend *b, int64_t run_id, const storeResultRow *rows, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const int rc = pgResultAdd(b, run_id, rows[i].uscc, rows[i].type, rows[i].reasons, rows[i].n);
        if (rc) return rc;
    }
    return 0;
}

typedef struct resultWalk {
    storeResultFn fn;
    void *ctx;
} resultWalk;

static int resultRow(void *ctx, PGresult *r, int row) {
    const resultWalk *w = ctx;
    storeResult x;
    x.uscc = pgText(r, row, 0);
    x.name = pgText(r, row, 1);
    x.town = pgText(r, row, 2);
    x.industry = pgText(r, row, 3);
    bizType t = TYPE_INELIGIBLE;
    if (pgText(r, row, 4)) typingTypeParse(&t, pgText(r, row, 4));
    x.type = t;
    x.reasons = pgText(r, row, 5);
    x.reasons_len = (size_t)PQgetlength(r, row, 5);
    x.year = (int)pgInt(r, row, 6);
    x.run_id = pgInt(r, row, 7);
    x.published = pgInt(r, row, 8) != 0;
    x.objection_id = pgInt(r, row, 9);
    x.corrected = x.objection_id != 0;
    x.source = pgText(r, row, 10);
    return w->fn(w->ctx, &x);
}

static int pgEachResult(storeBackend *b, int64_t run_id, storeResultFn fn, void *ctx) {
    int rc = pgCopyPending(PG(b));
    if (rc) return rc;
    char buf[24];
    const char *v[] = {pgI64(buf, run_id)};
    resultWalk w = {fn, ctx};
    return pgEach(PG(b), RESULT_COLS_PUB("EXISTS(SELECT 1 FROM publications p WHERE p.run_id=$1)")
                  "WHERE r.run_id=$1 ORDER BY r.uscc", 1, v, resultRow, &w, "results");
}

/* One business's results are few: read whole, then handed out. */
static int pgEachResultOf(storeBackend *b, const char *uscc, storeResultFn fn, void *ctx) {
    int code = pgCopyPending(PG(b)), k = 0;
    if (code) return code;
    const char *v[] = {uscc};
    PGresult *r = pgQuery(PG(b), ST_RESULT_OF, RESULT_COLS "WHERE r.uscc=$1 ORDER BY ru.year DESC, r.run_id DESC", 1,
                          v, &code, "results");
    if (!r) return code;
    resultWalk w = {fn, ctx};
    for (int i = 0; i < PQntuples(r) && !k; i++) k = resultRow(&w, r, i);
    PQclear(r);
    return k;
}

/* Decision 274: the published run of each year, then its one result of the business
 * through the (run_id, uscc) key; the other runs are never read. One row per
 * published year: sorted here, newest first, rather than by a Sort node whose set-up
 * costs more than the look-up (decision 275). */
static int pgEachPublishedOf(storeBackend *b, const char *uscc, storeResultFn fn, void *ctx) {
    int code = pgCopyPending(PG(b)), k = 0;
    if (code) return code;
    const char *v[] = {uscc};
    PGresult *r = pgQuery(PG(b), ST_PUBLISHED_OF,
                          "SELECT r.uscc,b.name,b.town,b.industry,coalesce(c.type,r.type),coalesce(c.reasons,r.reasons),"
                          "ru.year,r.run_id,1,coalesce(c.objection_id,0),ru.source "
                          "FROM publications p JOIN results r ON r.run_id=p.run_id AND r.uscc=$1 "
                          "JOIN runs ru ON ru.id=p.run_id LEFT JOIN businesses b ON b.uscc=r.uscc "
                          "LEFT JOIN result_corrections c ON c.run_id=r.run_id AND c.uscc=r.uscc",
                          1, v, &code, "results");
    if (!r) return code;
    const int n = PQntuples(r); /* one per published year */
    int local[32], *order = n <= 32 ? local : malloc((size_t)n * sizeof *order);
    if (!order) k = storeErrSet(b->err, GH_ENOMEM, "results", "内存不足 (out of memory)");
    for (int i = 0; i < n && order; i++) { /* insertion: a handful of rows */
        int j = i;
        for (; j > 0 && pgInt(r, order[j - 1], 6) < pgInt(r, i, 6); j--) order[j] = order[j - 1];
        order[j] = i;
    }
    resultWalk w = {fn, ctx};
    for (int i = 0; i < n && !k; i++) k = resultRow(&w, r, order[i]);
    if (order != local) free(order);
    PQclear(r);
    return k;
}

/* ---- statistics ---- */

typedef struct countWalk {
    storeCountFn fn;
    void *ctx;
} countWalk;

static int countRow(void *ctx, PGresult *r, int row) {
    const countWalk *w = ctx;
    bizType t = TYPE_INELIGIBLE;
    if (pgText(r, row, 1)) typingTypeParse(&t, pgText(r, row, 1));
    return w->fn(w->ctx, pgText(r, row, 0), t, pgInt(r, row, 2));
}

/* NULLS FIRST: the SQLite backend's order, which the statistics' output follows. */
static int pgCountBy(storeBackend *b, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx) {
    const char *key = !dimension ? "NULL::text"
                    : strcmp(dimension, "town") == 0 ? "b.town"
                    : strcmp(dimension, "section") == 0 ? "substr(b.industry,1,1)" : NULL;
    if (!key) return storeErrSet(b->err, GH_EINVAL, "dimension", "unknown dimension %s", dimension);
    int rc = pgCopyPending(PG(b));
    if (rc) return rc;
    char sql[512], buf[24];
    snprintf(sql, sizeof sql,
             "SELECT %s AS k, coalesce(c.type,r.type) AS t, count(*) FROM results r "
             "LEFT JOIN businesses b ON b.uscc=r.uscc "
             "LEFT JOIN result_corrections c ON c.run_id=r.run_id AND c.uscc=r.uscc "
             "WHERE r.run_id=$1 GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2", key);
    const char *v[] = {pgI64(buf, run_id)};
    countWalk w = {fn, ctx};
    return pgEach(PG(b), sql, 1, v, countRow, &w, "stats");
}

static int transitionType(PGresult *r, int row, int col) {
    bizType t;
    const char *code = pgText(r, row, col);
    return code && typingTypeParse(&t, code) == 0 ? (int)t : -1;
}

/* At most 20 rows: read whole, then handed out, in the order SQLite's grouping gives
 * them (each arm by its types, no type first), which the compare view shows. */
static int pgTransitions(storeBackend *b, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx) {
    static const char sql[] =
        "SELECT f, t, n FROM ("
        "SELECT 0 AS arm, coalesce(ca.type,a.type) AS f, coalesce(cb.type,b.type) AS t, count(*) AS n FROM results a "
        "LEFT JOIN results b ON b.run_id=$2 AND b.uscc=a.uscc "
        "LEFT JOIN result_corrections ca ON ca.run_id=a.run_id AND ca.uscc=a.uscc "
        "LEFT JOIN result_corrections cb ON cb.run_id=b.run_id AND cb.uscc=b.uscc WHERE a.run_id=$1 GROUP BY 2, 3 "
        "UNION ALL "
        "SELECT 1, NULL, coalesce(cb.type,b.type), count(*) FROM results b "
        "LEFT JOIN result_corrections cb ON cb.run_id=b.run_id AND cb.uscc=b.uscc WHERE b.run_id=$2 AND NOT EXISTS "
        "(SELECT 1 FROM results a WHERE a.run_id=$1 AND a.uscc=b.uscc) GROUP BY 2, 3) x "
        "ORDER BY arm, f NULLS FIRST, t NULLS FIRST";
    int code = pgCopyPending(PG(b)), k = 0;
    if (code) return code;
    char f[24], t[24];
    const char *v[] = {pgI64(f, from_run), pgI64(t, to_run)};
    PGresult *r = pgQuery(PG(b), ST_TRANSITIONS, sql, 2, v, &code, "transitions");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++)
        k = fn(ctx, transitionType(r, i, 0), transitionType(r, i, 1), pgInt(r, i, 2));
    PQclear(r);
    return k;
}

void pgRunsInstall(storeBackend *b) {
    b->runCreate = pgRunCreate;
    b->runFinish = pgRunFinish;
    b->runGet = pgRunGet;
    b->eachRun = pgEachRun;
    b->publishedRun = pgPublishedRun;
    b->publish = pgPublish;
    b->resultAdd = pgResultAdd;
    b->resultAddMany = pgResultAddMany;
    b->eachResult = pgEachResult;
    b->eachResultOf = pgEachResultOf;
    b->eachPublishedOf = pgEachPublishedOf;
    b->countBy = pgCountBy;
    b->transitions = pgTransitions;
}
