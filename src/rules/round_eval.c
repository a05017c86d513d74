#include "rules/round_eval.h"
#include <stdint.h>
#include <string.h>

/* A3.3.5 A "明显增长": latest - base >= ceil(base × percent / 100), base > 0, in
 * integers (fen or people) without overflow for any stored amount. */
static bool roundGrew(long long base, long long latest, int percent) {
    if (base <= 0 || latest <= base) return false;
    const long long q = base / 100, rem = base % 100;
    if (q > INT64_MAX / percent - 1) return false;
    const long long need = q * percent + (rem * percent + 99) / 100;
    return latest - base >= need;
}

/* The figure of one year: revenue (a filed annual report), tax paid, insured employees. */
typedef enum { FIG_REVENUE, FIG_TAX, FIG_INSURED } roundFigure;

/* Reads one figure of year; false when the data has none. */
static bool roundFigureOf(long long *v, const dossier *d, roundFigure f, int year) {
    bool found = false;
    if (f == FIG_REVENUE) {
        for (size_t i = 0; i < d->n_annual_reports && !found; i++) {
            const dAnnualReport *a = &d->annual_reports[i];
            found = a->year == year && a->filed_on != DATE_NONE && a->has_revenue;
            if (found) *v = a->revenue;
        }
    } else if (f == FIG_TAX) {
        for (size_t i = 0; i < d->n_tax_paid && !found; i++)
            if ((found = d->tax_paid[i].year == year)) *v = d->tax_paid[i].amount;
    } else {
        for (size_t i = 0; i < d->n_insured && !found; i++)
            if ((found = d->insured[i].year == year)) *v = d->insured[i].count;
    }
    return found;
}

/* A3.3.5 A for one figure: base year vs the latest later year that has it. */
static void roundGrowthOf(roundGrowth *g, const dossier *d, roundFigure f, int base_year, int last_year, int pct) {
    memset(g, 0, sizeof *g);
    g->base_year = base_year;
    if (!roundFigureOf(&g->base, d, f, base_year)) return;
    for (int y = last_year; y > base_year; y--)
        if (roundFigureOf(&g->latest, d, f, y)) {
            g->has = true;
            g->latest_year = y;
            g->met = roundGrew(g->base, g->latest, pct);
            return;
        }
}

/* A3.3.5 B: commendations from the period's start to today. */
static void roundCommendations(roundEvaluation *out, const roundEvalInput *in, civilDate today) {
    out->commended_on = DATE_NONE;
    for (size_t i = 0; i < in->n_commendations; i++) {
        const civilDate c = in->commendations[i];
        if (c < out->period_from || c > today) continue;
        out->commendations++;
        if (out->commended_on == DATE_NONE || c > out->commended_on) out->commended_on = c;
    }
    out->b = out->commendations > 0;
}

/* A3.3.5 C: survival → growth, growth → development (and survival → development). */
static bool roundRose(bizType from, bizType to) {
    if (from == TYPE_INELIGIBLE || to == TYPE_INELIGIBLE) return false;
    return (int)to > (int)from; /* TYPE_SURVIVAL < TYPE_GROWTH < TYPE_DEVELOPMENT */
}

/* A3.3.5 评估 (contract in round_eval.h). */
int roundEvaluate(roundEvaluation *out, const roundEvalInput *in, civilDate today, const yearParams *p) {
    memset(out, 0, sizeof *out);
    const roundRecognition *r = in->r;
    out->period_from = roundPeriodStart(r, p);
    out->expires = roundExpiry(r, p);
    out->in_final_year = roundInFinalYear(r, today, p);
    out->percent = p->category_growth_percent;
    const int base = dateYear(out->period_from) - 1, last = dateYear(today) - 1;
    roundGrowthOf(&out->revenue, in->d, FIG_REVENUE, base, last, out->percent);
    roundGrowthOf(&out->tax, in->d, FIG_TAX, base, last, out->percent);
    roundGrowthOf(&out->insured, in->d, FIG_INSURED, base, last, out->percent);
    out->a = out->revenue.met || out->tax.met || out->insured.met;
    roundCommendations(out, in, today);
    out->type_from = r->type;
    out->type_to = in->latest_type;
    out->c = roundRose(r->type, in->latest_type);
    const civilDate k = in->department_consent_on;
    out->d = r->route == ROUTE_RECOMMENDED && k != DATE_NONE && k >= out->period_from && k <= today;
    out->extend = out->in_final_year && (out->a || out->b || out->c || out->d);
    out->new_expires = out->extend ? dateAddYears(r->recognised_on, p->category_valid_years * (2 + r->extensions))
                                   : DATE_NONE;
    return 0;
}
