/* The city's typing result (issue 10 §6): counts and rows of its reconciliation
 * with a run, the clerk's worklist status, and a publishable run made from it
 * (PostgreSQL; mirrors sqlite/city.c). city_results is filled by staging. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

enum { ST_COUNTS = PG_ST_CITY, ST_CHECK_GET, ST_CHECK_PUT, ST_LAST_IMPORT, ST_RUN, ST_RESULTS, ST_TOTALS };

static const char *const cityCheckCodes[3] = {"pending", "accepted", "raised"};

/* The type of result row A as published (decision 101), and its reasons. */

/* A type code column as a bizType, or -1 when NULL. */
static int cityType(PGresult *r, int row, int col) {
    bizType t;
    const char *code = pgText(r, row, col);
    return code && typingTypeParse(&t, code) == 0 ? (int)t : -1;
}

/* At most 25 rows: read whole, then handed out, in SQLite's grouping order (runs.c). */
static int pgReconcileCounts(storeBackend *b, int year, int64_t run_id, storeTransitionFn fn, void *ctx) {
    /* two index-driven halves, as storeTransitions: no FULL OUTER JOIN */
    static const char sql[] =
        "SELECT ct, rt, n FROM ("
        "SELECT 0 AS arm, c.type AS ct, " SQL_RESULT_TYPE("r") " AS rt, count(*) AS n FROM city_results c "
        "LEFT JOIN results r ON r.run_id=$2 AND r.uscc=c.uscc WHERE c.year=$1 GROUP BY 2, 3 "
        "UNION ALL "
        "SELECT 1, NULL, " SQL_RESULT_TYPE("r") ", count(*) FROM results r WHERE r.run_id=$2 AND NOT EXISTS "
        "(SELECT 1 FROM city_results c WHERE c.year=$1 AND c.uscc=r.uscc) GROUP BY 2, 3) x "
        "ORDER BY arm, ct NULLS FIRST, rt NULLS FIRST";
    int code = pgCopyPending(PG(b)), k = 0;
    if (code) return code;
    char y[24], id[24];
    const char *v[] = {pgI64(y, year), pgI64(id, run_id)};
    PGresult *r = pgQuery(PG(b), ST_COUNTS, sql, 2, v, &code, "reconcile");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) k = fn(ctx, cityType(r, i, 0), cityType(r, i, 1), pgInt(r, i, 2));
    PQclear(r);
    return k;
}

/* The differences: the city's rows whose run type is another or none, then the
 * run's rows the city does not give; filters and paging over both. */
#define RECONCILE_SQL \
    "SELECT *, count(*) OVER () FROM (" \
    "SELECT c.uscc AS u, b.name, b.town, c.type AS ct, " SQL_RESULT_TYPE("r") " AS rt, " SQL_RESULT_REASONS("r") " AS rr, " \
    "c.import_id, coalesce(k.status,'pending') AS ks, k.note, k.actor, " PG_TIME_TEXT("k.at") " AS kat, " \
    "(b.uscc IS NOT NULL)::int AS d FROM city_results c " \
    "LEFT JOIN results r ON r.run_id=$2 AND r.uscc=c.uscc LEFT JOIN businesses b ON b.uscc=c.uscc " \
    "LEFT JOIN city_checks k ON k.year=c.year AND k.uscc=c.uscc " \
    "WHERE c.year=$1 AND " SQL_RESULT_TYPE("r") " IS DISTINCT FROM c.type AND ($6::text IS NULL OR c.uscc=$6::text) " \
    "UNION ALL " \
    "SELECT r.uscc, b.name, b.town, NULL, " SQL_RESULT_TYPE("r") ", " SQL_RESULT_REASONS("r") ", 0, " \
    "coalesce(k.status,'pending'), k.note, k.actor, " PG_TIME_TEXT("k.at") ", (b.uscc IS NOT NULL)::int " \
    "FROM results r LEFT JOIN businesses b ON b.uscc=r.uscc " \
    "LEFT JOIN city_checks k ON k.year=$1 AND k.uscc=r.uscc " \
    "WHERE r.run_id=$2 AND ($6::text IS NULL OR r.uscc=$6::text) AND NOT EXISTS " \
    "(SELECT 1 FROM city_results c WHERE c.year=$1 AND c.uscc=r.uscc)) x " \
    "WHERE ($3::text IS NULL OR coalesce(ct,'-')=$3::text) AND ($4::text IS NULL OR coalesce(rt,'-')=$4::text) " \
    "AND ($5::text IS NULL OR ks=$5::text) ORDER BY u LIMIT $7::bigint OFFSET $8::bigint"

typedef struct reconcileWalk {
    storeReconcileFn fn;
    void *ctx;
} reconcileWalk;

static int reconcileRow(void *ctx, PGresult *r, int row) {
    const reconcileWalk *w = ctx;
    storeReconcileRow x = {.uscc = pgText(r, row, 0), .name = pgText(r, row, 1), .town = pgText(r, row, 2),
                           .city_type = cityType(r, row, 3), .run_type = cityType(r, row, 4),
                           .reasons = pgText(r, row, 5), .reasons_len = (size_t)PQgetlength(r, row, 5),
                           .city_import_id = pgInt(r, row, 6), .note = pgText(r, row, 8),
                           .checked_by = pgText(r, row, 9), .checked_at = pgText(r, row, 10),
                           .in_directory = pgInt(r, row, 11) != 0, .total = pgInt(r, row, 12)};
    const int status = pgCode(cityCheckCodes, 3, pgText(r, row, 7));
    x.status = status < 0 ? CITY_CHECK_PENDING : (storeCityCheckStatus)status;
    return w->fn(w->ctx, &x);
}

static int pgEachReconcile(storeBackend *b, const storeReconcileQuery *q, storeReconcileFn fn, void *ctx) {
    if (q->status < -1 || q->status > CITY_CHECK_RAISED)
        return storeErrSet(b->err, GH_EINVAL, "status", "未知核实状态 (unknown status)");
    int rc = pgCopyPending(PG(b));
    if (rc) return rc;
    char y[24], id[24], l[24], o[24];
    const char *v[] = {pgI64(y, q->year), pgI64(id, q->run_id), q->city_type, q->run_type,
                       q->status >= 0 ? cityCheckCodes[q->status] : NULL, q->uscc,
                       q->limit > 0 ? pgI64(l, q->limit) : NULL, pgI64(o, q->offset > 0 ? q->offset : 0)};
    reconcileWalk w = {fn, ctx};
    return pgEach(PG(b), RECONCILE_SQL, 8, v, reconcileRow, &w, "reconcile");
}

static int pgCityCheckSet(storeBackend *b, const storeCityCheck *c, storeCityCheckStatus *before) {
    pgStore *p = PG(b);
    int code = pgInTransaction(p, "city check");
    if (code) return code;
    if ((int)c->status < 0 || c->status > CITY_CHECK_RAISED)
        return storeErrSet(b->err, GH_EINVAL, "status", "未知核实状态 (unknown status)");
    char y[24];
    const char *v[] = {pgI64(y, c->year), c->uscc, cityCheckCodes[c->status], c->note ? c->note : "", c->actor};
    PGresult *r = pgQuery(p, ST_CHECK_GET, "SELECT status FROM city_checks WHERE year=$1 AND uscc=$2", 2, v, &code,
                          "city_checks");
    if (!r) return code;
    const int old = PQntuples(r) ? pgCode(cityCheckCodes, 3, pgText(r, 0, 0)) : 0;
    PQclear(r);
    *before = old < 0 ? CITY_CHECK_PENDING : (storeCityCheckStatus)old;
    return pgCmd(p, ST_CHECK_PUT,
                 "INSERT INTO city_checks(year,uscc,status,note,actor,at) VALUES($1,$2,$3,$4,$5,now()) "
                 "ON CONFLICT(year,uscc) DO UPDATE SET status=excluded.status,note=excluded.note,"
                 "actor=excluded.actor,at=excluded.at",
                 5, v, NULL, "city_checks");
}

/* The reason names the import each type came from (DATA.md §3 allows codes of our
 * own), built as the SQLite backend's json_array(json_object(…)) writes it, byte for
 * byte: keys in that order, no spaces (decision 256). */
#define CITY_REASON                                                                                        \
    "'[{\"code\":\"CITY.RESULT\",\"article\":\"S2(一)2\",\"text\":'||"                                      \
    "to_json('市级统一判定结果（第 '||c.import_id||' 次导入，文件 '||i.file_name||'）')::text||'}]'"

static int pgCityRunCreate(storeBackend *b, const storeRun *info, int64_t *id) {
    pgStore *p = PG(b);
    int code = pgInTransaction(p, "city run");
    if (!code) code = pgCopyPending(p);
    if (code) return code;
    char y[24], imp[24], run[24];
    const char *yv[] = {pgI64(y, info->year)};
    PGresult *r = pgQuery(p, ST_LAST_IMPORT, "SELECT coalesce(max(import_id),0) FROM city_results WHERE year=$1", 1,
                          yv, &code, "city run");
    if (!r) return code;
    const int64_t import_id = pgInt(r, 0, 0);
    PQclear(r);
    if (!import_id)
        return storeErrSet(b->err, GH_ENOTFOUND, "year", "%d 年度没有导入市级分型结果 (no city result for %d)",
                           info->year, info->year);
    const char *v[] = {y, info->params_json, info->params_sha256, info->provisional ? "1" : "0",
                       info->program_version, info->actor, pgI64(imp, import_id)};
    r = pgQuery(p, ST_RUN,
                "INSERT INTO runs(year,params_json,params_sha256,provisional,program_version,actor,started_at,"
                "status,source,city_import_id) VALUES($1,$2,$3,$4,$5,$6,now(),'running','city',$7) RETURNING id",
                7, v, &code, "city run");
    if (!r) return code;
    *id = pgInt(r, 0, 0);
    PQclear(r);
    const char *rv[] = {y, pgI64(run, *id)};
    code = pgCmd(p, ST_RESULTS,
                 "INSERT INTO results(run_id,uscc,type,reasons) SELECT $2::bigint, c.uscc, c.type, " CITY_REASON " "
                 "FROM city_results c JOIN imports i ON i.id=c.import_id "
                 "WHERE c.year=$1 AND EXISTS (SELECT 1 FROM businesses b WHERE b.uscc=c.uscc) ORDER BY c.uscc",
                 2, rv, NULL, "city run");
    if (code) return code;
    return pgCmd(p, ST_TOTALS,
                 "UPDATE runs SET status='done', finished_at=now(), population=t.n, survival=t.s, growth=t.g, "
                 "development=t.d, ineligible=t.i FROM (SELECT count(*) AS n, "
                 "count(*) FILTER (WHERE type='survival') AS s, count(*) FILTER (WHERE type='growth') AS g, "
                 "count(*) FILTER (WHERE type='development') AS d, count(*) FILTER (WHERE type='ineligible') AS i "
                 "FROM results WHERE run_id=$1) t WHERE runs.id=$1",
                 1, rv + 1, NULL, "city run");
}

void pgCityInstall(storeBackend *b) {
    b->reconcileCounts = pgReconcileCounts;
    b->eachReconcile = pgEachReconcile;
    b->cityCheckSet = pgCityCheckSet;
    b->cityRunCreate = pgCityRunCreate;
}
