#include "store/search_sql.h"
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "core/uscc.h"
#include "store/sql_shared.h"

/* The businesses of a published type in run @1: the run's own type where no upheld
 * objection corrected it, else the corrected one (SQL_RESULT_TYPE, read through the
 * (run_id, type) index rather than row by row). */
#define SEARCH_OF_TYPE                                                                                            \
    "b.uscc IN (SELECT x.uscc FROM results x WHERE x.run_id=@1 AND x.type=@6 AND NOT EXISTS(SELECT 1 FROM "       \
    "result_corrections c WHERE c.run_id=x.run_id AND c.uscc=x.uscc) UNION ALL SELECT c.uscc FROM "               \
    "result_corrections c WHERE c.run_id=@1 AND c.type=@6)"

/* Appends to t[n] at *len; false once it no longer fits. */
static bool searchPut(char *t, size_t n, size_t *len, const char *fmt, const char *a, const char *b) {
    const int k = snprintf(t + *len, n - *len, fmt, a, b);
    if (k < 0 || (size_t)k >= n - *len) return false;
    *len += (size_t)k;
    return true;
}

/* Appends the scope's condition: a business holding facts of the targets, or listed on
 * one of the lists, as http/scope.c's scopeCovers decides on a loaded dossier. */
static bool searchScope(char *t, size_t n, size_t *len, const searchDialect *d, const storeSearchQuery *q) {
    static const struct { unsigned target; const char *sql; } facts[] = {
        {FACT_ANNUAL_REPORT, "EXISTS(SELECT 1 FROM annual_reports t WHERE t.uscc=b.uscc)"},
        {FACT_TAX_FLAGS, NULL /* the dialect's tax_flags */},
        {FACT_TAX_PAID, "EXISTS(SELECT 1 FROM tax_paid t WHERE t.uscc=b.uscc)"},
        {FACT_INSURED, "EXISTS(SELECT 1 FROM insured t WHERE t.uscc=b.uscc)"},
        {FACT_TRADEMARK, "EXISTS(SELECT 1 FROM trademarks t WHERE t.uscc=b.uscc)"},
        {FACT_PATENT, "EXISTS(SELECT 1 FROM patents t WHERE t.uscc=b.uscc)"},
        {FACT_PENALTY, "EXISTS(SELECT 1 FROM penalties t WHERE t.uscc=b.uscc)"},
        {FACT_OPERATOR_GROUP, "b.operator_groups<>0"},
    };
    if (q->all || (q->targets & FACT_REGISTRATION)) return true;
    bool ok = searchPut(t, n, len, " AND (%s%s", d->no_fact, "");
    for (size_t i = 0; ok && i < sizeof facts / sizeof facts[0]; i++)
        if (q->targets & facts[i].target) ok = searchPut(t, n, len, " OR %s%s", facts[i].sql ? facts[i].sql : d->tax_flags, "");
    if (ok && (q->targets & FACT_INTERVAL)) {
        ok = searchPut(t, n, len, "%s%s", " OR EXISTS(SELECT 1 FROM intervals t WHERE t.uscc=b.uscc AND t.list IN (''", "");
        for (int l = 0; ok && l < LIST__COUNT; l++)
            if (q->lists & (1u << l)) ok = searchPut(t, n, len, ",'%s'%s", d->list_codes[l], "");
        ok = ok && searchPut(t, n, len, "%s%s", "))", "");
    }
    return ok && searchPut(t, n, len, "%s%s", ")", "");
}

/* The statement with @k parameters into t[n]. */
static bool searchTemplate(char *t, size_t n, const searchDialect *d, const storeSearchQuery *q, bool count) {
    const char *const orders[] = {d->order_name, "b.uscc", "b.established, b.uscc", "b.established DESC, b.uscc DESC"};
    const char *text = "@2 IS NULL";
    if (q->text && *q->text) {
        const size_t k = strlen(q->text);
        text = !usccValidate(q->text, k) ? "b.uscc=@2" : !regnoValidate(q->text, k) ? "b.legacy_reg_no=@2"
                                                                                     : d->name_match(q->text);
    }
    /* with another filter the type is probed per candidate; alone, the type's list
     * (few for 发展型) drives the search instead (decision 171) */
    const bool narrow = (q->text && *q->text) || q->town || (q->industry && *q->industry);
    const char *type = q->type == STORE_TYPE_ANY    ? "@6 IS NULL"
                       : q->type == STORE_TYPE_NONE ? "@6 IS NULL AND NOT EXISTS(SELECT 1 FROM results x WHERE "
                                                      "x.run_id=@1 AND x.uscc=b.uscc)"
                       : narrow                     ? "@6 IS NOT NULL AND EXISTS(SELECT 1 FROM results x WHERE "
                                                      "x.run_id=@1 AND x.uscc=b.uscc AND " SQL_RESULT_TYPE("x") "=@6)"
                                                    : SEARCH_OF_TYPE;
    /* a filter not given is named as "IS NULL" rather than "(@k IS NULL OR …)": the
     * planner picks its index only for a condition it can see */
    const char *industry = !q->industry || !*q->industry ? "@4 IS NULL AND @5 IS NULL"
                           : !q->industry[1] /* a section: the index alone answers */
                               ? "substr(b.industry,1,1)=@4 AND @5 IS NOT NULL"
                               : "substr(b.industry,1,1)=substr(@4,1,1) AND b.industry>=@4 AND b.industry<@5";
    size_t len = 0;
    bool ok = searchPut(t, n, &len, "SELECT %s FROM businesses b WHERE %s", count ? "count(*)" : "b.uscc", text) &&
              searchPut(t, n, &len, " AND %s AND %s", q->town ? "b.town=@3" : "@3 IS NULL", industry) &&
              searchPut(t, n, &len, " AND %s AND %s", type, q->status >= 0 ? "b.status=@7" : "@7 IS NULL") &&
              searchPut(t, n, &len, " AND %s%s", d->run_named, "") && searchScope(t, n, &len, d, q);
    if (!ok || count) return ok;
    /* the page's USCCs first, from the index that gives the order; only the page's
     * rows are then read whole and typed (decision 171: a deep page skips index
     * entries, not joined rows) */
    const char *order = orders[q->sort >= STORE_SORT_NAME && q->sort <= STORE_SORT_NEWEST ? q->sort : 0];
    char inner[2560];
    const int k = snprintf(inner, sizeof inner, "%s ORDER BY %s LIMIT @8 OFFSET @9", t, order);
    if (k < 0 || (size_t)k >= sizeof inner) return false;
    len = 0;
    return searchPut(t, n, &len,
                     "SELECT b.uscc,b.name,b.town,b.legacy_reg_no,b.status,b.operator_name,b.industry,b.established,"
                     "CASE WHEN r.uscc IS NULL THEN NULL ELSE " SQL_RESULT_TYPE("r") " END FROM (%s) p"
                     " JOIN businesses b ON b.uscc=p.uscc LEFT JOIN results r ON r.run_id=@1 AND r.uscc=b.uscc"
                     " ORDER BY %s", inner, order);
}

int searchSqlBuild(char *out, size_t n, const searchDialect *d, const storeSearchQuery *q, bool count) {
    char t[3072];
    if (!searchTemplate(t, sizeof t, d, q, count)) return GH_EINVAL;
    size_t len = 0;
    for (const char *c = t; *c; c++) {
        const bool param = c[0] == '@' && c[1] >= '1' && c[1] <= '9';
        const char *piece = param ? d->param[c[1] - '0'] : c;
        const size_t k = param ? strlen(piece) : 1;
        if (len + k >= n) return GH_EINVAL;
        memcpy(out + len, piece, k);
        len += k;
        c += param;
    }
    out[len] = '\0';
    return 0;
}
