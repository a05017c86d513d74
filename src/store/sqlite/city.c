/* The city's typing result (issue 10 §6): counts and rows of its reconciliation
 * with a run, the clerk's worklist status, and a publishable run made from it.
 * city_results is filled by the import's staging (stage.c, FACT_CITY_TYPE). */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

static const char *const cityCheckCodes[3] = {"pending", "accepted", "raised"};

/* A type code column as a bizType, or -1 when NULL. */
static int cityType(sqlite3_stmt *st, int i) {
    bizType t;
    const char *code = sqlColText(st, i);
    return code && typingTypeParse(&t, code) == 0 ? (int)t : -1;
}

static int sqliteReconcileCounts(storeBackend *b, int year, int64_t run_id, storeTransitionFn fn, void *ctx) {
    /* two index-driven halves, as storeTransitions: no FULL OUTER JOIN */
    static const char sql[] =
        "SELECT c.type, " SQL_RESULT_TYPE("r") ", count(*) FROM city_results c "
        "LEFT JOIN results r ON r.run_id=?2 AND r.uscc=c.uscc WHERE c.year=?1 GROUP BY 1, 2 "
        "UNION ALL "
        "SELECT NULL, " SQL_RESULT_TYPE("r") ", count(*) FROM results r WHERE r.run_id=?2 AND NOT EXISTS "
        "(SELECT 1 FROM city_results c WHERE c.year=?1 AND c.uscc=r.uscc) GROUP BY 2";
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), sql, &st, "reconcile")) return GH_EIO;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_int64(st, 2, run_id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) k = fn(ctx, cityType(st, 0), cityType(st, 1), sqlite3_column_int64(st, 2));
    sqlite3_finalize(st);
    return sqlEnd(SQ(b), rc, k, "reconcile");
}

/* The differences: the city's rows whose run type is another or none, then the
 * run's rows the city does not give; filters and paging over both. */
#define RECONCILE_SQL \
    "SELECT *, count(*) OVER () FROM (" \
    "SELECT c.uscc AS u, b.name, b.town, c.type AS ct, " SQL_RESULT_TYPE("r") " AS rt, " SQL_RESULT_REASONS("r") ", c.import_id, " \
    "coalesce(k.status,'pending') AS ks, k.note, k.actor, k.at, b.uscc IS NOT NULL FROM city_results c " \
    "LEFT JOIN results r ON r.run_id=?2 AND r.uscc=c.uscc LEFT JOIN businesses b ON b.uscc=c.uscc " \
    "LEFT JOIN city_checks k ON k.year=c.year AND k.uscc=c.uscc " \
    "WHERE c.year=?1 AND " SQL_RESULT_TYPE("r") " IS NOT c.type AND (?6 IS NULL OR c.uscc=?6) " \
    "UNION ALL " \
    "SELECT r.uscc, b.name, b.town, NULL, " SQL_RESULT_TYPE("r") ", " SQL_RESULT_REASONS("r") ", 0, coalesce(k.status,'pending'), k.note, k.actor, " \
    "k.at, b.uscc IS NOT NULL FROM results r LEFT JOIN businesses b ON b.uscc=r.uscc " \
    "LEFT JOIN city_checks k ON k.year=?1 AND k.uscc=r.uscc " \
    "WHERE r.run_id=?2 AND (?6 IS NULL OR r.uscc=?6) AND NOT EXISTS " \
    "(SELECT 1 FROM city_results c WHERE c.year=?1 AND c.uscc=r.uscc)) " \
    "WHERE (?3 IS NULL OR coalesce(ct,'-')=?3) AND (?4 IS NULL OR coalesce(rt,'-')=?4) AND (?5 IS NULL OR ks=?5) " \
    "ORDER BY u LIMIT ?7 OFFSET ?8"

static int sqliteEachReconcile(storeBackend *b, const storeReconcileQuery *q, storeReconcileFn fn, void *ctx) {
    sqliteStore *sq = SQ(b);
    if (q->status < -1 || q->status > CITY_CHECK_RAISED)
        return storeErrSet(sq->base.err, GH_EINVAL, "status", "未知核实状态 (unknown status)");
    sqlite3_stmt *st;
    if (sqlPrepare(sq, RECONCILE_SQL, &st, "reconcile")) return GH_EIO;
    sqlite3_bind_int(st, 1, q->year);
    sqlite3_bind_int64(st, 2, q->run_id);
    sqlBindText(st, 3, q->city_type);
    sqlBindText(st, 4, q->run_type);
    sqlBindText(st, 5, q->status >= 0 ? cityCheckCodes[q->status] : NULL);
    sqlBindText(st, 6, q->uscc);
    sqlite3_bind_int64(st, 7, q->limit > 0 ? q->limit : -1);
    sqlite3_bind_int64(st, 8, q->offset > 0 ? q->offset : 0);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeReconcileRow r = {.uscc = sqlColText(st, 0), .name = sqlColText(st, 1), .town = sqlColText(st, 2),
                               .city_type = cityType(st, 3), .run_type = cityType(st, 4),
                               .reasons = sqlColText(st, 5), .reasons_len = (size_t)sqlite3_column_bytes(st, 5),
                               .city_import_id = sqlite3_column_int64(st, 6), .note = sqlColText(st, 8),
                               .checked_by = sqlColText(st, 9), .checked_at = sqlColText(st, 10),
                               .in_directory = sqlite3_column_int(st, 11), .total = sqlite3_column_int64(st, 12)};
        const int status = sqlCode(cityCheckCodes, 3, sqlColText(st, 7));
        r.status = status < 0 ? CITY_CHECK_PENDING : (storeCityCheckStatus)status;
        k = fn(ctx, &r);
    }
    sqlite3_finalize(st);
    return sqlEnd(sq, rc, k, "reconcile");
}

static int sqliteCityCheckSet(storeBackend *b, const storeCityCheck *c, storeCityCheckStatus *before) {
    sqliteStore *q = SQ(b);
    int rc = sqlInTransaction(q, "city check");
    if (rc) return rc;
    if ((int)c->status < 0 || c->status > CITY_CHECK_RAISED)
        return storeErrSet(q->base.err, GH_EINVAL, "status", "未知核实状态 (unknown status)");
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT status FROM city_checks WHERE year=?1 AND uscc=?2", &st, "city_checks")) return GH_EIO;
    sqlite3_bind_int(st, 1, c->year);
    sqlBindText(st, 2, c->uscc);
    rc = sqlite3_step(st);
    const int old = rc == SQLITE_ROW ? sqlCode(cityCheckCodes, 3, sqlColText(st, 0)) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlFail(q, "city_checks");
    *before = old < 0 ? CITY_CHECK_PENDING : (storeCityCheckStatus)old;
    if (sqlPrepare(q, "INSERT INTO city_checks(year,uscc,status,note,actor,at) VALUES(?1,?2,?3,?4,?5," TIME_NOW ") "
                      "ON CONFLICT(year,uscc) DO UPDATE SET status=excluded.status,note=excluded.note,"
                      "actor=excluded.actor,at=excluded.at", &st, "city_checks"))
        return GH_EIO;
    sqlite3_bind_int(st, 1, c->year);
    sqlBindText(st, 2, c->uscc);
    sqlBindText(st, 3, cityCheckCodes[c->status]);
    sqlBindText(st, 4, c->note ? c->note : "");
    sqlBindText(st, 5, c->actor);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sqlFail(q, "city_checks");
}

/* Runs one statement with ?1 year and ?2 run id. */
static int cityRunStep(sqliteStore *q, const char *sql, int year, int64_t id) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, sql, &st, "city run")) return GH_EIO;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_int64(st, 2, id);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sqlFail(q, "city run");
}

static int sqliteCityRunCreate(storeBackend *b, const storeRun *info, int64_t *id) {
    sqliteStore *q = SQ(b);
    int rc = sqlInTransaction(q, "city run");
    if (rc) return rc;
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT max(import_id) FROM city_results WHERE year=?1", &st, "city run")) return GH_EIO;
    sqlite3_bind_int(st, 1, info->year);
    rc = sqlite3_step(st);
    const int64_t import_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return sqlFail(q, "city run");
    if (!import_id)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "year", "%d 年度没有导入市级分型结果 (no city result for %d)",
                           info->year, info->year);
    if (sqlPrepare(q, "INSERT INTO runs(year,params_json,params_sha256,provisional,program_version,actor,started_at,"
                      "status,source,city_import_id) VALUES(?1,?2,?3,?4,?5,?6," TIME_NOW ",'running','city',?7)",
                   &st, "city run"))
        return GH_EIO;
    sqlite3_bind_int(st, 1, info->year);
    sqlBindText(st, 2, info->params_json);
    sqlBindText(st, 3, info->params_sha256);
    sqlite3_bind_int(st, 4, info->provisional);
    sqlBindText(st, 5, info->program_version);
    sqlBindText(st, 6, info->actor);
    sqlite3_bind_int64(st, 7, import_id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return sqlFail(q, "city run");
    *id = sqlite3_last_insert_rowid(q->db);
    /* the reason names the import each type came from (DATA.md §3 allows codes of our own) */
    return cityRunStep(q, "INSERT INTO results(run_id,uscc,type,reasons) SELECT ?2, c.uscc, c.type, "
                          "json_array(json_object('code','CITY.RESULT','article','S2(一)2','text',"
                          "'市级统一判定结果（第 '||c.import_id||' 次导入，文件 '||i.file_name||'）')) "
                          "FROM city_results c JOIN imports i ON i.id=c.import_id "
                          "WHERE c.year=?1 AND EXISTS (SELECT 1 FROM businesses b WHERE b.uscc=c.uscc) "
                          "ORDER BY c.uscc", info->year, *id) ||
           cityRunStep(q, "UPDATE runs SET status='done', finished_at=" TIME_NOW ", population=t.n, survival=t.s, "
                          "growth=t.g, development=t.d, ineligible=t.i FROM (SELECT count(*) AS n, "
                          "total(type='survival') AS s, total(type='growth') AS g, total(type='development') AS d, "
                          "total(type='ineligible') AS i FROM results WHERE run_id=?2) t WHERE runs.id=?2 AND ?1=?1",
                       info->year, *id)
               ? GH_EIO : 0;
}

void sqliteCityInstall(storeBackend *b) {
    b->reconcileCounts = sqliteReconcileCounts;
    b->eachReconcile = sqliteEachReconcile;
    b->cityCheckSet = sqliteCityCheckSet;
    b->cityRunCreate = sqliteCityRunCreate;
}
