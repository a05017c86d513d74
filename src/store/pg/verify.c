/* The PostgreSQL store's consistency checks (storeVerify): what the server offers
 * (amcheck's B-tree checks, when the extension is in the database; it is not
 * created here: a check writes nothing) and the reference checks of the
 * directory. A damaged store is a result, not a failure: *result says what. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

const char *const pgFactTables[PG_FACT_TABLES] = {"annual_reports", "tax_paid", "insured",  "intervals",
                                                  "trademarks",     "patents",  "penalties"};
const char *const pgImportedTables[PG_IMPORTED_TABLES] = {
    "annual_reports", "tax_paid", "insured", "intervals", "trademarks",
    "patents",        "penalties", "businesses", "business_imports", "city_results"};

/* Runs one check whose rows (if any) describe a fault: the first goes to *result.
 * An error the server raises for a damaged index (XX001, XX002) is a result too. */
static int pgVerifyOne(pgStore *p, const char *sql, char *result, size_t n) {
    PGresult *r = PQexec(p->conn, sql);
    const ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        if (st == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
            snprintf(result, n, "%s", PQgetvalue(r, 0, 0));
        PQclear(r);
        return 0;
    }
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (state && !strncmp(state, "XX", 2)) {
        snprintf(result, n, "%s", PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
        PQclear(r);
        return 0;
    }
    return pgFail(p, r, "verify");
}

/* amcheck over the B-tree indexes of the directory (quick) or of every table
 * (full, with heapallindexed: each row is found in its index). */
static int pgVerifyIndexes(pgStore *p, bool full, char *result, size_t n) {
    int code;
    PGresult *r = pgQuery(p, -1, "SELECT count(*) FROM pg_extension WHERE extname='amcheck'", 0, NULL, &code, "verify");
    if (!r) return code;
    const bool have = pgInt(r, 0, 0) > 0;
    PQclear(r);
    if (!have) return 0;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT CASE WHEN count(*) < 0 THEN 'never' END FROM (SELECT bt_index_check(i.indexrelid, %s) "
             "FROM pg_index i JOIN pg_class c ON c.oid=i.indexrelid JOIN pg_am a ON a.oid=c.relam "
             "JOIN pg_class t ON t.oid=i.indrelid JOIN pg_namespace s ON s.oid=t.relnamespace "
             "WHERE a.amname='btree' AND s.nspname=current_schema() %s) q",
             full ? "true" : "false",
             full ? "" : "AND t.relname IN ('businesses','annual_reports','tax_paid','insured','intervals',"
                         "'trademarks','patents','penalties')");
    return pgVerifyOne(p, sql, result, n);
}

/* Runs the check made of fmt (two %s, both the table's name) on each of n tables,
 * until one finds a fault or fails. */
static int pgVerifyTables(pgStore *p, const char *const *tables, size_t count, const char *fmt, char *result,
                          size_t n) {
    int rc = 0;
    for (size_t i = 0; !rc && !strcmp(result, "ok") && i < count; i++) {
        char sql[384];
        snprintf(sql, sizeof sql, fmt, tables[i], tables[i]);
        rc = pgVerifyOne(p, sql, result, n);
    }
    return rc;
}

int pgVerify(storeBackend *b, storeVerifyMode mode, char *result, size_t n) {
    pgStore *p = PG(b);
    snprintf(result, n, "ok");
    if (mode != STORE_VERIFY_QUICK && mode != STORE_VERIFY_FULL)
        return storeErrSet(p->base.err, GH_EINVAL, NULL, "verify: 未知的检查方式 (unknown mode %d)", (int)mode);
    int rc = pgVerifyIndexes(p, mode == STORE_VERIFY_FULL, result, n);
    if (!rc)
        rc = pgVerifyTables(p, pgFactTables, PG_FACT_TABLES,
                            "SELECT '%s: ' || f.uscc || ' 无对应商户 (no such business)' FROM %s f WHERE NOT EXISTS "
                            "(SELECT 1 FROM businesses b WHERE b.uscc=f.uscc) LIMIT 1",
                            result, n);
    if (!rc && mode == STORE_VERIFY_FULL)
        rc = pgVerifyTables(p, pgImportedTables, PG_IMPORTED_TABLES,
                            "SELECT '%s: ' || f.import_id || ' 导入记录不存在 (no such import)' FROM %s f WHERE "
                            "f.import_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.id=f.import_id) "
                            "LIMIT 1",
                            result, n);
    if (!rc && mode == STORE_VERIFY_FULL && !strcmp(result, "ok"))
        rc = pgVerifyOne(p, "SELECT 'results: ' || r.run_id || ' 分型批次不存在 (no such run)' FROM (SELECT DISTINCT "
                            "run_id FROM results) r WHERE NOT EXISTS (SELECT 1 FROM runs x WHERE x.id=r.run_id) LIMIT 1",
                         result, n);
    if (!rc && mode == STORE_VERIFY_FULL && !strcmp(result, "ok"))
        rc = pgVerifyOne(p, "SELECT 'getihu_meta: ' || count(*) || ' 行 (rows, expected 1)' FROM getihu_meta "
                            "HAVING count(*) <> 1", result, n);
    return rc;
}
