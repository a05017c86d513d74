/* The staff search (issue 11 §3): one page of the directory, filtered and sorted,
 * with the exact count of matches. The SQL is built from fixed pieces (the filters
 * given, the scope's bits); every value the caller typed is bound. */
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "store/sqlite/sqlite_int.h"

/* The businesses of a published type in run ?1: the run's own type where no upheld
 * objection corrected it, else the corrected one (SQL_RESULT_TYPE, read through the
 * (run_id, type) index rather than row by row). */
#define SEARCH_OF_TYPE                                                                                            \
    "b.uscc IN (SELECT x.uscc FROM results x WHERE x.run_id=?1 AND x.type=?6 AND NOT EXISTS(SELECT 1 FROM "       \
    "result_corrections c WHERE c.run_id=x.run_id AND c.uscc=x.uscc) UNION ALL SELECT c.uscc FROM "               \
    "result_corrections c WHERE c.run_id=?1 AND c.type=?6)"

/* Appends the scope's condition: a business holding facts of the targets, or listed on
 * one of the lists, as http/scope.c's scopeCovers decides on a loaded dossier. */
static void searchScopeSql(char *out, size_t n, const storeSearchQuery *q) {
    static const struct { unsigned target; const char *sql; } facts[] = {
        {FACT_ANNUAL_REPORT, "EXISTS(SELECT 1 FROM annual_reports t WHERE t.uscc=b.uscc)"},
        {FACT_TAX_FLAGS, "(b.tax_registered<>0 OR b.general_taxpayer<>0)"},
        {FACT_TAX_PAID, "EXISTS(SELECT 1 FROM tax_paid t WHERE t.uscc=b.uscc)"},
        {FACT_INSURED, "EXISTS(SELECT 1 FROM insured t WHERE t.uscc=b.uscc)"},
        {FACT_TRADEMARK, "EXISTS(SELECT 1 FROM trademarks t WHERE t.uscc=b.uscc)"},
        {FACT_PATENT, "EXISTS(SELECT 1 FROM patents t WHERE t.uscc=b.uscc)"},
        {FACT_PENALTY, "EXISTS(SELECT 1 FROM penalties t WHERE t.uscc=b.uscc)"},
        {FACT_OPERATOR_GROUP, "b.operator_groups<>0"},
    };
    if (q->all || (q->targets & FACT_REGISTRATION)) return;
    size_t len = strlen(out);
    len += (size_t)snprintf(out + len, n - len, " AND (0");
    for (size_t i = 0; i < sizeof facts / sizeof facts[0] && len < n; i++)
        if (q->targets & facts[i].target) len += (size_t)snprintf(out + len, n - len, " OR %s", facts[i].sql);
    if ((q->targets & FACT_INTERVAL) && len < n) {
        len += (size_t)snprintf(out + len, n - len, " OR EXISTS(SELECT 1 FROM intervals t WHERE t.uscc=b.uscc AND t.list IN (''");
        for (int l = 0; l < LIST__COUNT && len < n; l++)
            if (q->lists & (1u << l)) len += (size_t)snprintf(out + len, n - len, ",'%s'", sqlListCodes[l]);
        if (len < n) len += (size_t)snprintf(out + len, n - len, "))");
    }
    if (len < n) snprintf(out + len, n - len, ")");
}

/* The statement of the page (count false) or of the total (count true). Parameters:
 * ?1 the latest published run, ?2 the text, ?3 the town, ?4/?5 the industry range,
 * ?6 the type, ?7 the status, ?8 limit, ?9 offset; an unused one is still named. */
static void searchSql(char *out, size_t n, const storeSearchQuery *q, bool count) {
    static const char *const orders[] = {"b.name, b.uscc", "b.uscc", "b.established, b.uscc",
                                         "b.established DESC, b.uscc DESC"};
    const char *text = "?2 IS NULL";
    if (q->text && *q->text) {
        const size_t k = strlen(q->text);
        text = !usccValidate(q->text, k)   ? "b.uscc=?2"
               : !regnoValidate(q->text, k) ? "b.legacy_reg_no=?2"
                                            : "b.name IS NOT NULL AND instr(b.name,?2)>0";
    }
    /* with another filter the type is probed per candidate; alone, the type's list
     * (few for 发展型) drives the search instead (decision 171) */
    const bool narrow = (q->text && *q->text) || q->town || (q->industry && *q->industry);
    const char *type = q->type == STORE_TYPE_ANY    ? "?6 IS NULL"
                       : q->type == STORE_TYPE_NONE ? "?6 IS NULL AND NOT EXISTS(SELECT 1 FROM results x WHERE "
                                                      "x.run_id=?1 AND x.uscc=b.uscc)"
                       : narrow                     ? "?6 IS NOT NULL AND EXISTS(SELECT 1 FROM results x WHERE "
                                                      "x.run_id=?1 AND x.uscc=b.uscc AND " SQL_RESULT_TYPE("x") "=?6)"
                                                    : SEARCH_OF_TYPE;
    /* a filter not given is named as "IS NULL" rather than "(?k IS NULL OR …)": the
     * planner picks its index only for a condition it can see */
    snprintf(out, n, "SELECT %s FROM businesses b WHERE %s AND %s AND %s AND %s AND %s AND ?1 IS ?1",
             count ? "count(*)" : "b.uscc", text, q->town ? "b.town=?3" : "?3 IS NULL",
             !q->industry || !*q->industry ? "?4 IS NULL AND ?5 IS NULL"
             : !q->industry[1] /* a section: the index alone answers */
                 ? "substr(b.industry,1,1)=?4 AND ?5 IS NOT NULL"
                 : "substr(b.industry,1,1)=substr(?4,1,1) AND b.industry>=?4 AND b.industry<?5",
             type, q->status >= 0 ? "b.status=?7" : "?7 IS NULL");
    searchScopeSql(out, n, q);
    if (count) return;
    /* the page's USCCs first, from the index that gives the order; only the page's
     * rows are then read whole and typed (decision 171: a deep page skips index
     * entries, not joined rows) */
    const char *order = orders[q->sort >= STORE_SORT_NAME && q->sort <= STORE_SORT_NEWEST ? q->sort : 0];
    char inner[2560];
    snprintf(inner, sizeof inner, "%s ORDER BY %s LIMIT ?8 OFFSET ?9", out, order);
    snprintf(out, n,
             "SELECT b.uscc,b.name,b.town,b.legacy_reg_no,b.status,b.operator_name,b.industry,b.established,"
             "CASE WHEN r.uscc IS NULL THEN NULL ELSE " SQL_RESULT_TYPE("r") " END FROM (%s) p"
             " JOIN businesses b ON b.uscc=p.uscc LEFT JOIN results r ON r.run_id=?1 AND r.uscc=b.uscc ORDER BY %s",
             inner, order);
}

/* The run whose types the search shows: the published run of the latest year (0: none). */
static int searchLatestRun(sqliteStore *s, int64_t *run) {
    sqlite3_stmt *st;
    *run = 0;
    if (sqlPrepare(s, "SELECT run_id FROM publications ORDER BY year DESC LIMIT 1", &st, "publications")) return GH_EIO;
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *run = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sqlFail(s, "publications");
}

/* Whether every business has a result in run, so that "none" matches nothing: two
 * counts instead of a probe per business (a district's own run types every business
 * it held; a run made from the city's file may name businesses the directory lacks,
 * which are not counted). */
static int searchAllTyped(sqliteStore *s, int64_t run, bool *all) {
    sqlite3_stmt *st;
    *all = false;
    if (sqlPrepare(s, "SELECT (SELECT count(*) FROM businesses) <= (SELECT count(*) FROM results x WHERE x.run_id=?1 AND "
                      "((SELECT source FROM runs WHERE id=?1)='run' OR EXISTS(SELECT 1 FROM businesses b WHERE b.uscc=x.uscc)))",
                   &st, "search"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, run);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *all = sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : sqlFail(s, "search");
}

static int searchPrepare(sqliteStore *s, const storeSearchQuery *q, int64_t run, bool count, sqlite3_stmt **st) {
    char sql[3072], hi[8] = "";
    searchSql(sql, sizeof sql, q, count);
    if (sqlPrepare(s, sql, st, "search")) return GH_EIO;
    sqlite3_bind_int64(*st, 1, run);
    if (q->text && *q->text) sqlBindText(*st, 2, q->text);
    sqlBindText(*st, 3, q->town);
    if (q->industry && *q->industry && strlen(q->industry) < sizeof hi) {
        /* the codes that start with the prefix: [prefix, prefix with its last character raised) */
        memcpy(hi, q->industry, strlen(q->industry) + 1);
        hi[strlen(hi) - 1]++;
        sqlBindText(*st, 4, q->industry);
        sqlite3_bind_text(*st, 5, hi, -1, SQLITE_TRANSIENT);
    }
    if (q->type >= 0) sqlBindText(*st, 6, typingTypeCode((bizType)q->type));
    if (q->status >= 0 && q->status < 4) sqlBindText(*st, 7, sqlStatusCodes[q->status]);
    if (!count) {
        sqlite3_bind_int(*st, 8, q->limit);
        sqlite3_bind_int64(*st, 9, q->offset);
    }
    return 0;
}

static int sqliteSearch(storeBackend *b, const storeSearchQuery *q, int64_t *total, storeSearchFn fn, void *ctx) {
    sqliteStore *s = SQ(b);
    sqlite3_stmt *st;
    int64_t run;
    *total = 0;
    bool typed = false;
    if (searchLatestRun(s, &run)) return GH_EIO;
    if (q->type == STORE_TYPE_NONE && run && searchAllTyped(s, run, &typed)) return GH_EIO;
    if (typed) return 0; /* nobody without a type */
    if (searchPrepare(s, q, run, true, &st)) return GH_EIO;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *total = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return sqlFail(s, "search");
    if (searchPrepare(s, q, run, false, &st)) return GH_EIO;
    int k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        bizType t;
        const char *type = sqlColText(st, 8);
        const storeSearchHit h = {
            .hit = {sqlColText(st, 0), sqlColText(st, 1), sqlColText(st, 2), sqlColText(st, 3), sqlColText(st, 5),
                    (bizStatus)sqlCode(sqlStatusCodes, 4, sqlColText(st, 4))},
            .industry = sqlColText(st, 6),
            .established = sqlColDate(st, 7),
            .type = type && !typingTypeParse(&t, type) ? (int)t : STORE_TYPE_NONE};
        k = fn(ctx, &h);
    }
    sqlite3_finalize(st);
    return sqlEnd(s, rc, k, "search");
}

/* The distinct values by skip-scan: each step one seek in the index for the next
 * greater value, so a million businesses cost a few dozen seeks (decision 173). */
#define FACET_SKIP(EXPR)                                                                                      \
    "WITH RECURSIVE v(x) AS (SELECT min(" EXPR ") FROM businesses WHERE " EXPR ">'' UNION ALL "                \
    "SELECT (SELECT min(" EXPR ") FROM businesses WHERE " EXPR ">v.x) FROM v WHERE v.x IS NOT NULL) "            \
    "SELECT x FROM v WHERE x IS NOT NULL"

static int sqliteSearchFacets(storeBackend *b, storeFacetFn fn, void *ctx) {
    static const char *const facets[][2] = {{"town", FACET_SKIP("town")},
                                            {"section", FACET_SKIP("substr(industry,1,1)")}};
    sqliteStore *s = SQ(b);
    int rc = SQLITE_DONE, k = 0;
    for (size_t i = 0; i < 2 && !k && rc == SQLITE_DONE; i++) {
        sqlite3_stmt *st;
        if (sqlPrepare(s, facets[i][1], &st, "search facets")) return GH_EIO;
        while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) k = fn(ctx, facets[i][0], sqlColText(st, 0));
        sqlite3_finalize(st);
    }
    return sqlEnd(s, rc, k, "search facets");
}

void sqliteSearchInstall(storeBackend *b) {
    b->search = sqliteSearch;
    b->searchFacets = sqliteSearchFacets;
}
