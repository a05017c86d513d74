#include "rules/typing.h"
#include "core/error.h"
#include <assert.h>
#include <string.h>

static typingReason *typingPush(typingResult *r, reasonCode code) {
    assert(r->n < TYPING_MAX_REASONS);
    typingReason *x = &r->reasons[r->n++];
    memset(x, 0, sizeof *x);
    x->code = code;
    x->date = x->date2 = DATE_NONE;
    return x;
}

/* The earliest-starting interval of list active at r, or NULL (RULES.md "Time"). */
static const dInterval *typingActive(dIntervals list, civilDate r) {
    const dInterval *found = NULL;
    for (size_t i = 0; i < list.n; i++)
        if (dateIntervalActive(list.v[i].from, list.v[i].to, r) && (!found || list.v[i].from < found->from))
            found = &list.v[i];
    return found;
}

static const dAnnualReport *typingReport(const dossier *d, int year) {
    for (size_t i = 0; i < d->n_annual_reports; i++)
        if (d->annual_reports[i].year == year) return &d->annual_reports[i];
    return NULL;
}

/* A1.3.1-report: a report for Y-1 filed on or before R. */
static bool typingReportFiled(const dAnnualReport *ar, civilDate r) {
    return ar && ar->filed_on != DATE_NONE && ar->filed_on <= r;
}

/* A1.3.1-list: one reason per exclusion list active at R. */
static void typingListCheck(typingResult *out, dIntervals list, civilDate r, reasonCode code) {
    const dInterval *iv = typingActive(list, r);
    if (!iv) return;
    typingReason *x = typingPush(out, code);
    x->date = iv->from;
    x->date2 = r;
}

/* A1.3.1(4): a filed suspension active at R excludes the business while R is within
 * the legal maximum (R < from + max years); seasonal businesses are exempt. */
static void typingSuspensionCheck(typingResult *out, const dossier *d, const yearParams *p) {
    const civilDate r = p->reference_date;
    const dInterval *excl = NULL, *beyond = NULL, *seasonal = NULL;
    for (size_t i = 0; i < d->suspensions.n; i++) {
        const dInterval *iv = &d->suspensions.v[i];
        if (!dateIntervalActive(iv->from, iv->to, r)) continue;
        if (d->seasonal) seasonal = iv;
        else if (r < dateAddYears(iv->from, p->suspension_max_years)) excl = iv;
        else beyond = iv;
    }
    const dInterval *iv = excl ? excl : seasonal ? seasonal : beyond;
    if (!iv) return;
    typingReason *x = typingPush(out, excl ? REASON_INELIGIBLE_SUSPENDED
                                      : seasonal ? REASON_NOTE_SEASONAL_SUSPENSION
                                                 : REASON_NOTE_SUSPENSION_BEYOND_MAXIMUM);
    x->date = iv->from;
    x->date2 = dateAddYears(iv->from, p->suspension_max_years);
    x->count = p->suspension_max_years;
}

/* A1.3.1: the base standard. Pushes every failed condition; returns how many. */
static size_t typingBase(typingResult *out, const dossier *d, const yearParams *p, bool is_new) {
    const civilDate r = p->reference_date;
    const size_t before = out->n;
    if (d->status != STATUS_REGISTERED) typingPush(out, REASON_INELIGIBLE_STATUS)->count = (int)d->status;
    if (!is_new) {
        const dAnnualReport *ar = typingReport(d, p->year - 1);
        if (!typingReportFiled(ar, r)) {
            typingReason *x = typingPush(out, REASON_INELIGIBLE_NO_ANNUAL_REPORT);
            x->year = p->year - 1;
            x->date = ar ? ar->filed_on : DATE_NONE;
            x->date2 = r;
        }
    }
    typingListCheck(out, d->abnormal_list, r, REASON_INELIGIBLE_ABNORMAL_LIST);
    typingListCheck(out, d->serious_illegal_list, r, REASON_INELIGIBLE_SERIOUS_ILLEGAL);
    typingListCheck(out, d->tax_abnormal, r, REASON_INELIGIBLE_TAX_ABNORMAL);
    typingSuspensionCheck(out, d, p);
    size_t failed = 0;
    for (size_t i = before; i < out->n; i++)
        if (out->reasons[i].code <= REASON_INELIGIBLE_SUSPENDED) failed++;
    return failed;
}

/* The Y-1 figures that A1.3.2 reads. */
typedef struct typingFigures {
    int year;
    bool has_revenue, has_tax, has_insured;
    money revenue, tax;
    int insured;
    int trademarks_in_use, patents;
    const char *trademark_ref, *patent_ref;
} typingFigures;

static void typingCollect(typingFigures *f, const dossier *d, const yearParams *p) {
    memset(f, 0, sizeof *f);
    f->year = p->year - 1;
    const dAnnualReport *ar = typingReport(d, f->year);
    if (typingReportFiled(ar, p->reference_date) && ar->has_revenue) {
        f->has_revenue = true;
        f->revenue = ar->revenue;
    }
    for (size_t i = 0; i < d->n_tax_paid; i++)
        if (d->tax_paid[i].year == f->year) {
            f->has_tax = true;
            f->tax = d->tax_paid[i].amount;
        }
    for (size_t i = 0; i < d->n_insured; i++)
        if (d->insured[i].year == f->year) {
            f->has_insured = true;
            f->insured = d->insured[i].count;
        }
    /* The explanation quotes the smallest number, so that it does not depend on the
     * order in which a source lists them. */
    for (size_t i = 0; i < d->n_trademarks; i++) {
        if (!d->trademarks[i].in_use) continue;
        f->trademarks_in_use++;
        if (!f->trademark_ref || strcmp(d->trademarks[i].reg_no, f->trademark_ref) < 0)
            f->trademark_ref = d->trademarks[i].reg_no;
    }
    for (size_t i = 0; i < d->n_patents; i++) {
        f->patents++;
        if (!f->patent_ref || strcmp(d->patents[i].number, f->patent_ref) < 0) f->patent_ref = d->patents[i].number;
    }
}

static void typingAmount(typingResult *out, reasonCode code, int year, bool has, money v, money threshold) {
    typingReason *x = typingPush(out, code);
    x->year = year;
    x->has_value = has;
    x->value = v;
    x->threshold = threshold;
}

static void typingCount(typingResult *out, reasonCode code, int year, bool has, int count, int lo, int hi) {
    typingReason *x = typingPush(out, code);
    x->year = year;
    x->has_value = has;
    x->count = count;
    x->count_min = lo;
    x->count_max = hi;
}

/* A1.3.2(3)A-E: pushes the met criteria (met = true) or the missed ones. */
static size_t typingDevelopment(typingResult *out, const typingFigures *f, const dossier *d, const yearParams *p,
                                bool met) {
    const bool a = f->has_revenue && f->revenue >= p->development_revenue_min;            /* A1.3.2(3)A */
    const bool b = d->general_taxpayer && f->has_tax && f->tax >= p->development_tax_min; /* A1.3.2(3)B */
    const bool c = f->has_insured && f->insured >= p->development_insured_min;            /* A1.3.2(3)C */
    const bool dd = f->trademarks_in_use >= 1;                                            /* A1.3.2(3)D */
    const bool e = f->patents >= 1;                                                       /* A1.3.2(3)E */
    const size_t before = out->n;
    if (a == met)
        typingAmount(out, met ? REASON_DEVELOPMENT_A : REASON_MISSED_DEVELOPMENT_A, f->year, f->has_revenue,
                     f->revenue, p->development_revenue_min);
    if (b == met) {
        typingAmount(out, met ? REASON_DEVELOPMENT_B : REASON_MISSED_DEVELOPMENT_B, f->year, f->has_tax, f->tax,
                     p->development_tax_min);
        out->reasons[out->n - 1].count = d->general_taxpayer;
    }
    if (c == met)
        typingCount(out, met ? REASON_DEVELOPMENT_C : REASON_MISSED_DEVELOPMENT_C, f->year, f->has_insured,
                    f->insured, p->development_insured_min, 0);
    if (dd == met) {
        typingReason *x = typingPush(out, met ? REASON_DEVELOPMENT_D : REASON_MISSED_DEVELOPMENT_D);
        x->count = f->trademarks_in_use;
        x->ref = f->trademark_ref;
    }
    if (e == met) {
        typingReason *x = typingPush(out, met ? REASON_DEVELOPMENT_E : REASON_MISSED_DEVELOPMENT_E);
        x->count = f->patents;
        x->ref = f->patent_ref;
    }
    return out->n - before;
}

/* A1.3.2(2)A-C: pushes the met criteria (met = true) or the missed ones. */
static size_t typingGrowth(typingResult *out, const typingFigures *f, const yearParams *p, bool met) {
    const int hi = p->development_insured_min - 1;
    const bool a = f->has_revenue && f->revenue >= p->growth_revenue_min;                          /* (2)A */
    const bool b = f->has_tax && f->tax >= p->growth_tax_min;                                      /* (2)B */
    const bool c = f->has_insured && f->insured >= p->growth_insured_min && f->insured <= hi;      /* (2)C */
    const size_t before = out->n;
    if (a == met)
        typingAmount(out, met ? REASON_GROWTH_A : REASON_MISSED_GROWTH_A, f->year, f->has_revenue, f->revenue,
                     p->growth_revenue_min);
    if (b == met)
        typingAmount(out, met ? REASON_GROWTH_B : REASON_MISSED_GROWTH_B, f->year, f->has_tax, f->tax,
                     p->growth_tax_min);
    if (c == met)
        typingCount(out, met ? REASON_GROWTH_C : REASON_MISSED_GROWTH_C, f->year, f->has_insured, f->insured,
                    p->growth_insured_min, hi);
    return out->n - before;
}

/* A1.3.2(1)-(3): the specific standard for an eligible business that is not new. */
static void typingSpecific(typingResult *out, const dossier *d, const yearParams *p) {
    typingFigures f;
    typingCollect(&f, d, p);
    const civilDate anniversary = dateAddYears(d->established, p->min_years);
    const bool aged = anniversary <= p->reference_date;
    if (aged && d->tax_registered) {
        typingResult probe = {.n = 0};
        if (typingDevelopment(&probe, &f, d, p, true)) {
            out->type = TYPE_DEVELOPMENT;
            typingDevelopment(out, &f, d, p, true);
            return;
        }
        if (typingGrowth(&probe, &f, p, true)) {
            out->type = TYPE_GROWTH;
            typingGrowth(out, &f, p, true);
            typingDevelopment(out, &f, d, p, false);
            return;
        }
    }
    out->type = TYPE_SURVIVAL;
    typingPush(out, REASON_SURVIVAL_DEFAULT);
    if (!aged) {
        typingReason *x = typingPush(out, REASON_MISSED_AGE);
        x->date = d->established;
        x->date2 = anniversary;
        x->count = p->min_years;
    }
    if (!d->tax_registered) typingPush(out, REASON_MISSED_TAX_REGISTRATION);
    typingGrowth(out, &f, p, false);
}

/* Moves RULES.md's codes before the explanatory ones, keeping each group's order,
 * so that a reader meets the deciding reasons first. */
static void typingOrder(typingResult *r) {
    typingReason tmp[TYPING_MAX_REASONS];
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < r->n; i++)
            if ((r->reasons[i].code < REASON_MISSED_AGE) == (pass == 0)) tmp[k++] = r->reasons[i];
    assert(k == r->n);
    memcpy(r->reasons, tmp, k * sizeof tmp[0]);
}

/* A1.3: base standard, then the specific standard. */
int typingClassify(typingResult *out, const dossier *d, const yearParams *p) {
    memset(out, 0, offsetof(typingResult, reasons));
    if (d->established == DATE_NONE || d->established > p->reference_date) return GH_EINVAL;
    const bool is_new = dateYear(d->established) == p->year; /* RULES.md "Time": new this year */
    if (typingBase(out, d, p, is_new) > 0) {
        out->type = TYPE_INELIGIBLE;
    } else if (is_new) { /* A1.3.2(1): 当年新成立的个体工商户，自动划定为“生存型” */
        out->type = TYPE_SURVIVAL;
        typingPush(out, REASON_SURVIVAL_NEW)->date = d->established;
    } else {
        typingSpecific(out, d, p);
    }
    typingOrder(out);
    return 0;
}

const char *typingTypeCode(bizType t) {
    static const char *const codes[] = {"survival", "growth", "development", "ineligible"};
    assert((unsigned)t < 4);
    return codes[t];
}

const char *typingTypeLabel(bizType t) {
    static const char *const labels[] = {"生存型", "成长型", "发展型", "不符合分型条件"};
    assert((unsigned)t < 4);
    return labels[t];
}

int typingTypeParse(bizType *out, const char *s) {
    for (int t = 0; t < 4; t++)
        if (strcmp(s, typingTypeCode((bizType)t)) == 0) {
            *out = (bizType)t;
            return 0;
        }
    return GH_EINVAL;
}
