#include "rules/round_compare.h"
#include "core/error.h"
#include <stdlib.h>
#include <string.h>

void roundCandidateFrom(roundCandidate *out, const char *id, const dossier *d, const categoryResult *r,
                        civilDate on, const yearParams *p) {
    memset(out, 0, sizeof *out);
    out->id = id;
    out->uscc = d->uscc;
    out->type = r->type;
    out->established = d->established;
    const int year = p->year - 1;
    for (size_t i = 0; i < d->n_annual_reports; i++)
        if (d->annual_reports[i].year == year && d->annual_reports[i].has_revenue) {
            out->has_revenue = true;
            out->revenue = d->annual_reports[i].revenue;
        }
    for (size_t i = 0; i < d->n_tax_paid; i++)
        if (d->tax_paid[i].year == year) {
            out->has_tax = true;
            out->tax = d->tax_paid[i].amount;
        }
    for (size_t i = 0; i < d->n_insured; i++)
        if (d->insured[i].year == year) {
            out->has_insured = true;
            out->insured = d->insured[i].count;
        }
    for (size_t i = 0; i < r->n_criteria; i++) {
        out->criteria_met += r->criteria[i].status == CRIT_MET;
        out->criteria_review += r->criteria[i].status == CRIT_REVIEW;
    }
    for (size_t i = 0; i < d->n_penalties; i++) out->penalties += d->penalties[i].decided_on <= on;
}

/* development 2, growth 1, survival 0, ineligible -1 */
static int roundTypeRank(bizType t) { return t == TYPE_INELIGIBLE ? -1 : (int)t; }

static int roundCmpInt(long long a, long long b) { return (a > b) - (a < b); }

/* A figure, higher first, an absent one last. */
static int roundCmpFigure(bool ha, long long a, bool hb, long long b) {
    if (ha != hb) return ha ? -1 : 1;
    return ha ? roundCmpInt(b, a) : 0;
}

static int roundCmpText(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

/* A3.3.2 比选, in the order of round_compare.h. */
int roundCompare(const roundCandidate *a, const roundCandidate *b) {
    int c;
    if ((c = roundCmpInt(b->criteria_met, a->criteria_met))) return c;
    if ((c = roundCmpInt(roundTypeRank(b->type), roundTypeRank(a->type)))) return c;
    if ((c = roundCmpInt(a->penalties, b->penalties))) return c;
    if ((c = roundCmpInt(a->established, b->established))) return c;
    if ((c = roundCmpFigure(a->has_revenue, a->revenue, b->has_revenue, b->revenue))) return c;
    if ((c = roundCmpFigure(a->has_tax, a->tax, b->has_tax, b->tax))) return c;
    if ((c = roundCmpFigure(a->has_insured, a->insured, b->has_insured, b->insured))) return c;
    if ((c = roundCmpInt(b->criteria_review, a->criteria_review))) return c;
    if ((c = roundCmpText(a->uscc, b->uscc))) return c;
    return roundCmpText(a->id, b->id);
}

static int roundQsort(const void *a, const void *b) { return roundCompare(a, b); }

/* A3.3.2 比选: qsort is not stable, but roundCompare is total, so the order is unique. */
void roundRank(roundCandidate *v, size_t n) {
    if (n > 1) qsort(v, n, sizeof *v, roundQsort);
}

/* RULES.md "Time": whole years, an anniversary of 29 February on 28 February. */
int roundYearsInOperation(civilDate established, civilDate on) {
    int y = dateYear(on) - dateYear(established);
    while (y > 0 && dateAddYears(established, y) > on) y--;
    return y < 0 ? 0 : y;
}

/* A3.3.4 更适宜类型: the recommendation names its category, so the recommended
 * criterion of the others is left out. */
int roundOtherCategories(categoryResult out[CAT__COUNT - 1], size_t *n, const categoryApp *app, const dossier *d,
                         const yearParams *p) {
    *n = 0;
    for (int k = 0; k < CAT__COUNT; k++) {
        if (k == (int)app->category) continue;
        categoryApp other = *app;
        other.category = (categoryKind)k;
        other.n_claimed = (size_t)categoryCriteriaCount(other.category) - 1;
        for (size_t i = 0; i < other.n_claimed; i++) other.claimed[i] = (int)i;
        const int rc = categoryCheck(&out[*n], &other, d, p);
        if (rc) return rc;
        (*n)++;
    }
    return 0;
}
