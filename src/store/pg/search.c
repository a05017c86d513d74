/* The look-up (storeFind) and the staff search (issue 11 §3): one page of the
 * directory, filtered and sorted, with the exact count of matches (PostgreSQL;
 * mirrors sqlite/search.c and sqlite/read.c's find). A name fragment of three
 * characters or more is matched with LIKE through the pg_trgm GIN index on names;
 * a shorter one (one or two CJK characters: 张, 餐饮) has no trigram, and is
 * found by strpos walking the (name, uscc) index in order (decision 255). The SQL
 * is built from fixed pieces; every value the caller typed is a parameter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "core/utf8.h"
#include "store/pg/pg_int.h"
#include "store/search_sql.h"

enum { ST_FIND_USCC = PG_ST_SEARCH, ST_FIND_REGNO, ST_FIND_NAME, ST_FIND_SHORT, ST_LATEST, ST_ALL_TYPED, ST_FACET_TOWN,
       ST_FACET_SECTION };

#define HIT_COLS "b.uscc,b.name,b.town,b.legacy_reg_no,b.status,b.operator_name"

/* Whether a name fragment is long enough for the trigram index: three characters
 * (UTF-8 lead bytes) or more. */
static bool searchTrigram(const char *q) {
    int chars = 0;
    for (const unsigned char *c = (const unsigned char *)q; *c; c++) chars += (*c & 0xC0) != 0x80;
    return chars >= 3;
}

/* The LIKE pattern %q% with q's %, _ and \ escaped (malloc'd; NULL when out of memory). */
static char *searchPattern(const char *q) {
    char *out = malloc(2 * strlen(q) + 3), *o = out;
    if (!out) return NULL;
    *o++ = '%';
    for (; *q; q++) {
        if (*q == '%' || *q == '_' || *q == '\\') *o++ = '\\';
        *o++ = *q;
    }
    *o++ = '%';
    *o = '\0';
    return out;
}

/* The value of a name condition: the pattern for LIKE, else the text itself. */
static const char *searchNameValue(const char *text, char **pattern) {
    *pattern = NULL;
    if (!searchTrigram(text)) return text;
    return *pattern = searchPattern(text);
}

static int pgFind(storeBackend *b, const char *q, int limit, storeHitFn fn, void *ctx) {
    static const char *const sql[] = {
        "SELECT " HIT_COLS " FROM businesses b WHERE b.uscc=$1 AND $2::int>0",
        "SELECT " HIT_COLS " FROM businesses b WHERE b.legacy_reg_no=$1 ORDER BY b.uscc LIMIT $2::int",
        "SELECT " HIT_COLS " FROM businesses b WHERE b.name LIKE $1 ORDER BY b.name, b.uscc LIMIT $2::int",
        "SELECT " HIT_COLS " FROM businesses b WHERE strpos(b.name,$1)>0 ORDER BY b.name, b.uscc LIMIT $2::int"};
    const size_t n = strlen(q);
    size_t bad;
    if (!utf8Valid(q, n, &bad)) return 0; /* no name holds broken text (the server would refuse it) */
    char *pattern = NULL, l[24];
    int k = usccValidate(q, n) == 0 ? 0 : regnoValidate(q, n) == 0 ? 1 : 2;
    const char *value = k < 2 ? q : searchNameValue(q, &pattern);
    if (k == 2 && !pattern) k = searchTrigram(q) ? -1 : 3;
    if (k < 0) return storeErrSet(b->err, GH_ENOMEM, "query", "find: 内存不足 (out of memory)");
    const char *v[] = {value, pgI64(l, limit)};
    int code, stop = 0;
    PGresult *r = pgQuery(PG(b), ST_FIND_USCC + k, sql[k], 2, v, &code, "find");
    free(pattern);
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !stop; i++) {
        const storeHit h = {pgText(r, i, 0), pgText(r, i, 1), pgText(r, i, 2), pgText(r, i, 3), pgText(r, i, 5),
                            (bizStatus)pgCode(pgStatusCodes, 4, pgText(r, i, 4))};
        stop = fn(ctx, &h);
    }
    PQclear(r);
    return stop;
}

/* A name fragment: LIKE through the trigram index from three characters, else strpos
 * walking the (name, uscc) index (decision 255); searchRun binds the value to match. */
static const char *searchNameMatch(const char *text) {
    return searchTrigram(text) ? "b.name LIKE @2" : "strpos(b.name,@2)>0";
}

/* PostgreSQL's spelling of the shared search statement (store/search_sql.c): every
 * parameter with its type, since an unused one is still named. */
static const searchDialect pgSearchDialect = {
    .param = {"", "$1::bigint", "$2::text", "$3::text", "$4::text", "$5::text", "$6::text", "$7::text", "$8::int",
              "$9::bigint"},
    .run_named = "$1::bigint IS NOT NULL",
    .no_fact = "false",
    .tax_flags = "(b.tax_registered::int<>0 OR b.general_taxpayer::int<>0)",
    .order_name = "b.name NULLS FIRST, b.uscc", /* as SQLite sorts NULL (decision 255) */
    .list_codes = pgListCodes,
    .name_match = searchNameMatch,
};

/* The run whose types the search shows: the published run of the latest year (0: none). */
static int searchLatestRun(pgStore *p, int64_t *run) {
    int code;
    PGresult *r = pgQuery(p, ST_LATEST, "SELECT run_id FROM publications ORDER BY year DESC LIMIT 1", 0, NULL, &code,
                          "publications");
    if (!r) return code;
    *run = PQntuples(r) ? pgInt(r, 0, 0) : 0;
    PQclear(r);
    return 0;
}

/* Whether every business has a result in run, so that "none" matches nothing (two
 * counts instead of a probe per business; see sqlite/search.c). */
static int searchAllTyped(pgStore *p, int64_t run, bool *all) {
    char buf[24];
    const char *v[] = {pgI64(buf, run)};
    int code;
    PGresult *r = pgQuery(p, ST_ALL_TYPED,
                          "SELECT ((SELECT count(*) FROM businesses) <= (SELECT count(*) FROM results x WHERE "
                          "x.run_id=$1 AND ((SELECT source FROM runs WHERE id=$1)='run' OR "
                          "EXISTS(SELECT 1 FROM businesses b WHERE b.uscc=x.uscc))))::int",
                          1, v, &code, "search");
    if (!r) return code;
    *all = pgInt(r, 0, 0) != 0;
    PQclear(r);
    return 0;
}

/* Runs the page (count false) or the total of q; the result is the caller's. */
static PGresult *searchRun(pgStore *p, const storeSearchQuery *q, int64_t run, bool count, int *code) {
    char sql[4096], hi[8] = "", rb[24], lb[24], ob[24], *pattern = NULL;
    if (searchSqlBuild(sql, sizeof sql, &pgSearchDialect, q, count)) {
        *code = storeErrSet(p->base.err, GH_EINVAL, "search", "search: 查询条件过多 (query too long)");
        return NULL;
    }
    const char *v[9] = {pgI64(rb, run)};
    if (q->text && *q->text) {
        const size_t k = strlen(q->text);
        v[1] = !usccValidate(q->text, k) || !regnoValidate(q->text, k) ? q->text : searchNameValue(q->text, &pattern);
        if (!v[1]) {
            *code = storeErrSet(p->base.err, GH_ENOMEM, "text", "search: 内存不足 (out of memory)");
            return NULL;
        }
    }
    v[2] = q->town;
    if (q->industry && *q->industry && strlen(q->industry) < sizeof hi) {
        /* the codes that start with the prefix: [prefix, prefix with its last character raised) */
        memcpy(hi, q->industry, strlen(q->industry) + 1);
        hi[strlen(hi) - 1]++;
        v[3] = q->industry, v[4] = hi;
    }
    if (q->type >= 0) v[5] = typingTypeCode((bizType)q->type);
    if (q->status >= 0 && q->status < 4) v[6] = pgStatusCodes[q->status];
    v[7] = pgI64(lb, q->limit), v[8] = pgI64(ob, q->offset);
    PGresult *r = pgQuery(p, -1, sql, count ? 7 : 9, v, code, "search");
    free(pattern);
    return r;
}

/* A page is at most a few hundred rows: read whole, then handed out. */
static int pgSearch(storeBackend *b, const storeSearchQuery *q, int64_t *total, storeSearchFn fn, void *ctx) {
    pgStore *p = PG(b);
    int64_t run;
    int code;
    *total = 0;
    bool typed = false;
    size_t bad;
    if ((q->text && !utf8Valid(q->text, strlen(q->text), &bad)) || (q->town && !utf8Valid(q->town, strlen(q->town), &bad)))
        return 0; /* nothing holds broken text (the server would refuse it) */
    if ((code = pgCopyPending(p)) || (code = searchLatestRun(p, &run))) return code;
    if (q->type == STORE_TYPE_NONE && run && (code = searchAllTyped(p, run, &typed))) return code;
    if (typed) return 0; /* nobody without a type */
    PGresult *r = searchRun(p, q, run, true, &code);
    if (!r) return code;
    *total = pgInt(r, 0, 0);
    PQclear(r);
    if (!(r = searchRun(p, q, run, false, &code))) return code;
    int k = 0;
    for (int i = 0; i < PQntuples(r) && !k; i++) {
        bizType t;
        const char *type = pgText(r, i, 8);
        const storeSearchHit h = {
            .hit = {pgText(r, i, 0), pgText(r, i, 1), pgText(r, i, 2), pgText(r, i, 3), pgText(r, i, 5),
                    (bizStatus)pgCode(pgStatusCodes, 4, pgText(r, i, 4))},
            .industry = pgText(r, i, 6),
            .established = pgColDate(r, i, 7),
            .type = type && !typingTypeParse(&t, type) ? (int)t : STORE_TYPE_NONE};
        k = fn(ctx, &h);
    }
    PQclear(r);
    return k;
}

/* The distinct values by skip-scan: each step one seek in an index for the next
 * greater value, so a million businesses cost a few dozen seeks (decision 173). */
#define FACET_SKIP(EXPR)                                                                                      \
    "WITH RECURSIVE v(x) AS (SELECT min(" EXPR ") FROM businesses WHERE " EXPR ">'' UNION ALL "                \
    "SELECT (SELECT min(" EXPR ") FROM businesses WHERE " EXPR ">v.x) FROM v WHERE v.x IS NOT NULL) "            \
    "SELECT x FROM v WHERE x IS NOT NULL"

static int pgSearchFacets(storeBackend *b, storeFacetFn fn, void *ctx) {
    static const char *const facets[][2] = {{"town", FACET_SKIP("town")},
                                            {"section", FACET_SKIP("substr(industry,1,1)")}};
    int code = 0, k = 0;
    for (int f = 0; f < 2 && !k; f++) {
        PGresult *r = pgQuery(PG(b), ST_FACET_TOWN + f, facets[f][1], 0, NULL, &code, "search facets");
        if (!r) return code;
        for (int i = 0; i < PQntuples(r) && !k; i++) k = fn(ctx, facets[f][0], pgText(r, i, 0));
        PQclear(r);
    }
    return k;
}

void pgSearchInstall(storeBackend *b) {
    b->find = pgFind;
    b->search = pgSearch;
    b->searchFacets = pgSearchFacets;
}
