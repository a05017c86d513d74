/* The staff search (issue 11 §3): one page of the directory, filtered and sorted,
 * with the exact count of matches. The SQL is built from fixed pieces (the filters
 * given, the scope's bits); every value the caller typed is bound. */
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "store/search_sql.h"
#include "store/sqlite/sqlite_int.h"

/* A name fragment: a substring of the name, walked in the (name, uscc) index. */
static const char *searchNameMatch(const char *text) {
    (void)text;
    return "b.name IS NOT NULL AND instr(b.name,@2)>0";
}

/* SQLite's spelling of the shared search statement (store/search_sql.c). */
static const searchDialect sqliteSearchDialect = {
    .param = {"", "?1", "?2", "?3", "?4", "?5", "?6", "?7", "?8", "?9"},
    .run_named = "?1 IS ?1",
    .no_fact = "0",
    .tax_flags = "(b.tax_registered<>0 OR b.general_taxpayer<>0)",
    .order_name = "b.name, b.uscc",
    .list_codes = sqlListCodes,
    .name_match = searchNameMatch,
};

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
    char sql[4096], hi[8] = "";
    if (searchSqlBuild(sql, sizeof sql, &sqliteSearchDialect, q, count))
        return storeErrSet(s->base.err, GH_EINVAL, "search", "search: 查询条件过多 (query too long)");
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
