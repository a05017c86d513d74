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
#include "store/pg/pg_int.h"

enum { ST_FIND_USCC = PG_ST_SEARCH, ST_FIND_REGNO, ST_FIND_NAME, ST_FIND_SHORT, ST_LATEST, ST_ALL_TYPED, ST_FACET_TOWN,
       ST_FACET_SECTION };

#define HIT_COLS "b.uscc,b.name,b.town,b.legacy_reg_no,b.status,b.operator_name"
#define RESULT_TYPE(A) \
    "coalesce((SELECT c_.type FROM result_corrections c_ WHERE c_.run_id=" A ".run_id AND c_.uscc=" A ".uscc)," A ".type)"

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

/* The businesses of a published type in run $1, read through the (run_id, type)
 * index rather than row by row (SQLite's SEARCH_OF_TYPE). */
#define SEARCH_OF_TYPE                                                                                            \
    "b.uscc IN (SELECT x.uscc FROM results x WHERE x.run_id=$1 AND x.type=$6::text AND NOT EXISTS(SELECT 1 FROM " \
    "result_corrections c WHERE c.run_id=x.run_id AND c.uscc=x.uscc) UNION ALL SELECT c.uscc FROM "               \
    "result_corrections c WHERE c.run_id=$1 AND c.type=$6::text)"

/* Appends the scope's condition: a business holding facts of the targets, or listed
 * on one of the lists, as http/scope.c's scopeCovers decides on a loaded dossier. */
static void searchScopeSql(char *out, size_t n, const storeSearchQuery *q) {
    static const struct { unsigned target; const char *sql; } facts[] = {
        {FACT_ANNUAL_REPORT, "EXISTS(SELECT 1 FROM annual_reports t WHERE t.uscc=b.uscc)"},
        {FACT_TAX_FLAGS, "(b.tax_registered::int<>0 OR b.general_taxpayer::int<>0)"},
        {FACT_TAX_PAID, "EXISTS(SELECT 1 FROM tax_paid t WHERE t.uscc=b.uscc)"},
        {FACT_INSURED, "EXISTS(SELECT 1 FROM insured t WHERE t.uscc=b.uscc)"},
        {FACT_TRADEMARK, "EXISTS(SELECT 1 FROM trademarks t WHERE t.uscc=b.uscc)"},
        {FACT_PATENT, "EXISTS(SELECT 1 FROM patents t WHERE t.uscc=b.uscc)"},
        {FACT_PENALTY, "EXISTS(SELECT 1 FROM penalties t WHERE t.uscc=b.uscc)"},
        {FACT_OPERATOR_GROUP, "b.operator_groups<>0"},
    };
    if (q->all || (q->targets & FACT_REGISTRATION)) return;
    size_t len = strlen(out);
    len += (size_t)snprintf(out + len, n - len, " AND (false");
    for (size_t i = 0; i < sizeof facts / sizeof facts[0] && len < n; i++)
        if (q->targets & facts[i].target) len += (size_t)snprintf(out + len, n - len, " OR %s", facts[i].sql);
    if ((q->targets & FACT_INTERVAL) && len < n) {
        len += (size_t)snprintf(out + len, n - len, " OR EXISTS(SELECT 1 FROM intervals t WHERE t.uscc=b.uscc AND t.list IN (''");
        for (int l = 0; l < LIST__COUNT && len < n; l++)
            if (q->lists & (1u << l)) len += (size_t)snprintf(out + len, n - len, ",'%s'", pgListCodes[l]);
        if (len < n) len += (size_t)snprintf(out + len, n - len, "))");
    }
    if (len < n) snprintf(out + len, n - len, ")");
}

/* The statement of the page (count false) or of the total (count true). Parameters:
 * $1 the latest published run, $2 the text, $3 the town, $4/$5 the industry range,
 * $6 the type, $7 the status, $8 limit, $9 offset (the page only); an unused one is
 * still named, with its type. */
static void searchSql(char *out, size_t n, const storeSearchQuery *q, bool count) {
    static const char *const orders[] = {"b.name, b.uscc", "b.uscc", "b.established, b.uscc",
                                         "b.established DESC, b.uscc DESC"};
    const char *text = "$2::text IS NULL";
    if (q->text && *q->text) {
        const size_t k = strlen(q->text);
        text = !usccValidate(q->text, k)   ? "b.uscc=$2::text"
               : !regnoValidate(q->text, k) ? "b.legacy_reg_no=$2::text"
               : searchTrigram(q->text)     ? "b.name LIKE $2::text"
                                            : "strpos(b.name,$2::text)>0";
    }
    /* with another filter the type is probed per candidate; alone, the type's list
     * (few for 发展型) drives the search instead (decision 171) */
    const bool narrow = (q->text && *q->text) || q->town || (q->industry && *q->industry);
    const char *type = q->type == STORE_TYPE_ANY    ? "$6::text IS NULL"
                       : q->type == STORE_TYPE_NONE ? "$6::text IS NULL AND NOT EXISTS(SELECT 1 FROM results x WHERE "
                                                      "x.run_id=$1 AND x.uscc=b.uscc)"
                       : narrow                     ? "$6::text IS NOT NULL AND EXISTS(SELECT 1 FROM results x WHERE "
                                                      "x.run_id=$1 AND x.uscc=b.uscc AND " RESULT_TYPE("x") "=$6::text)"
                                                    : SEARCH_OF_TYPE;
    snprintf(out, n, "SELECT %s FROM businesses b WHERE %s AND %s AND %s AND %s AND %s AND $1::bigint IS NOT NULL",
             count ? "count(*)" : "b.uscc", text, q->town ? "b.town=$3::text" : "$3::text IS NULL",
             !q->industry || !*q->industry ? "$4::text IS NULL AND $5::text IS NULL"
             : !q->industry[1] ? "substr(b.industry,1,1)=$4::text AND $5::text IS NOT NULL"
                               : "substr(b.industry,1,1)=substr($4::text,1,1) AND b.industry>=$4::text AND "
                                 "b.industry<$5::text",
             type, q->status >= 0 ? "b.status=$7::text" : "$7::text IS NULL");
    searchScopeSql(out, n, q);
    if (count) return;
    /* the page's USCCs first, from the index that gives the order; only the page's
     * rows are then read whole and typed (decision 171) */
    const char *order = orders[q->sort >= STORE_SORT_NAME && q->sort <= STORE_SORT_NEWEST ? q->sort : 0];
    char inner[2560];
    snprintf(inner, sizeof inner, "%s ORDER BY %s LIMIT $8::int OFFSET $9::bigint", out, order);
    snprintf(out, n,
             "SELECT b.uscc,b.name,b.town,b.legacy_reg_no,b.status,b.operator_name,b.industry,b.established,"
             "CASE WHEN r.uscc IS NULL THEN NULL ELSE " RESULT_TYPE("r") " END FROM (%s) p"
             " JOIN businesses b ON b.uscc=p.uscc LEFT JOIN results r ON r.run_id=$1 AND r.uscc=b.uscc ORDER BY %s",
             inner, order);
}

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
    searchSql(sql, sizeof sql, q, count);
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
