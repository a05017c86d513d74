#include "rules/category.h"
#include "core/error.h"
#include <assert.h>
#include <string.h>

static const char *const categoryCodes[CAT__COUNT] = {"famous", "characteristic", "quality", "emerging"};
static const char *const categoryLabels[CAT__COUNT] = {"知名", "特色", "优质", "新兴"};
/* A3.3.2: famous A–E, characteristic A–E, quality A–F, emerging A–D; the last
 * letter of each is "recommended" (推荐). */
static const int categoryCounts[CAT__COUNT] = {5, 5, 6, 4};

const char *categoryCode(categoryKind k) {
    assert((unsigned)k < CAT__COUNT);
    return categoryCodes[k];
}

const char *categoryLabel(categoryKind k) {
    assert((unsigned)k < CAT__COUNT);
    return categoryLabels[k];
}

int categoryCriteriaCount(categoryKind k) {
    assert((unsigned)k < CAT__COUNT);
    return categoryCounts[k];
}

int categoryParse(categoryKind *out, const char *s, size_t n) {
    for (int k = 0; k < CAT__COUNT; k++)
        if (strlen(categoryCodes[k]) == n && memcmp(categoryCodes[k], s, n) == 0) {
            *out = (categoryKind)k;
            return 0;
        }
    return GH_EINVAL;
}

int categoryCriterionParse(categoryKind *k, int *letter, const char *s, size_t n) {
    const char *dot = memchr(s, '.', n);
    if (!dot || (size_t)(s + n - dot) != 2 || categoryParse(k, s, (size_t)(dot - s))) return GH_EINVAL;
    const int l = dot[1] - 'A';
    if (l < 0 || l >= categoryCounts[*k]) return GH_EINVAL;
    *letter = l;
    return 0;
}

void categoryCriterionId(char buf[CATEGORY_ID_SIZE], categoryKind k, int letter) {
    assert((unsigned)k < CAT__COUNT && letter >= 0 && letter < categoryCounts[k]);
    const size_t n = strlen(categoryCodes[k]);
    memcpy(buf, categoryCodes[k], n);
    buf[n] = '.';
    buf[n + 1] = (char)('A' + letter);
    buf[n + 2] = '\0';
}

const char *categoryStatusCode(criterionStatus s) {
    static const char *const codes[] = {"met", "not_met", "review"};
    assert((unsigned)s < 3);
    return codes[s];
}

static categoryReason *categoryAdd(categoryResult *out, categoryReasonCode code, civilDate on) {
    assert(out->n_reasons < CREASON__COUNT);
    categoryReason *r = &out->reasons[out->n_reasons++];
    memset(r, 0, sizeof *r);
    r->code = code;
    r->date = r->date2 = DATE_NONE;
    r->on = on;
    return r;
}

/* A3.3.1-source: growth or development; survival only for a recommendation or an
 * operator of the four groups ("适当放宽"); ineligible never. */
static void categorySource(categoryResult *out, const categoryApp *app, const dossier *d, int year) {
    const bool ok = out->type == TYPE_GROWTH || out->type == TYPE_DEVELOPMENT ||
                    (out->type == TYPE_SURVIVAL && (app->route == ROUTE_RECOMMENDED || d->operator_groups != 0));
    if (ok) return;
    categoryReason *r = categoryAdd(out, CREASON_SOURCE, app->date);
    r->type = out->type;
    r->year = year;
}

/* A3.3.1(1): a publicised fine or heavier decided within the window before D and
 * not credit-repaired by D. The latest such penalty is quoted. */
static void categoryPenalty(categoryResult *out, const categoryApp *app, const dossier *d, int years) {
    const dPenalty *hit = NULL;
    for (size_t i = 0; i < d->n_penalties; i++) {
        const dPenalty *p = &d->penalties[i];
        if (!p->publicized || p->kind == PENALTY_WARNING) continue;
        if (p->decided_on > app->date || app->date >= dateAddYears(p->decided_on, years)) continue;
        if (p->repaired_on != DATE_NONE && p->repaired_on <= app->date) continue;
        if (!hit || p->decided_on > hit->decided_on) hit = p;
    }
    if (!hit) return;
    categoryReason *r = categoryAdd(out, CREASON_PENALTY, app->date);
    r->date = hit->decided_on;
    r->date2 = dateAddYears(hit->decided_on, years);
    r->penalty = hit->kind;
    r->years = years;
}

/* A3.3.1(2): on the dishonest-debtor list at D (RULES.md "Time", with D for R). */
static void categoryDebtor(categoryResult *out, const categoryApp *app, const dossier *d) {
    for (size_t i = 0; i < d->dishonest_debtor.n; i++) {
        const dInterval *iv = &d->dishonest_debtor.v[i];
        if (!dateIntervalActive(iv->from, iv->to, app->date)) continue;
        categoryAdd(out, CREASON_DISHONEST_DEBTOR, app->date)->date = iv->from;
        return;
    }
}

/* A3.3.5: not within the ban after a revocation for fraud or bribery. */
static void categoryBanned(categoryResult *out, const categoryApp *app, int years) {
    for (size_t i = 0; i < app->n_revoked; i++) {
        const civilDate v = app->revoked_on[i];
        if (v > app->date || app->date >= dateAddYears(v, years)) continue;
        categoryReason *r = categoryAdd(out, CREASON_BANNED, app->date);
        r->date = v;
        r->date2 = dateAddYears(v, years);
        r->years = years;
        return;
    }
}

/* A3.2.2: a recommendation goes forward only with the operator's consent on or before D. */
static void categoryConsent(categoryResult *out, const categoryApp *app) {
    if (app->route != ROUTE_RECOMMENDED) return;
    if (app->consent_on != DATE_NONE && app->consent_on <= app->date) return;
    categoryAdd(out, CREASON_NO_CONSENT, app->date)->date = app->consent_on;
}

/* A3.3.2: what the data can say of one claimed criterion; the rest is judged. */
static void categoryCriterionOf(categoryCriterion *c, const categoryApp *app, const dossier *d, int letter,
                                const yearParams *p) {
    memset(c, 0, sizeof *c);
    c->category = app->category;
    c->letter = letter;
    c->route = app->route;
    c->established = d->established;
    c->on = app->date;
    c->trademarks = (int)d->n_trademarks;
    c->patents = (int)d->n_patents;
    c->years = p->category_quality_years;
    c->status = CRIT_REVIEW;
    if (letter == categoryCounts[app->category] - 1) { /* famous.E, characteristic.E, quality.F, emerging.D */
        c->status = app->route == ROUTE_RECOMMENDED ? CRIT_MET : CRIT_NOT_MET;
    } else if (app->category == CAT_QUALITY && letter == 0) { /* quality.A: "more than" 20 years */
        c->status = dateAddYears(d->established, p->category_quality_years) < app->date ? CRIT_MET : CRIT_NOT_MET;
    } else if (app->category == CAT_FAMOUS && letter == 2) { /* famous.C: a trademark */
        if (d->n_trademarks == 0) c->status = CRIT_NOT_MET;
    } else if (app->category == CAT_EMERGING && letter == 1) { /* emerging.B: IP */
        if (d->n_trademarks == 0 && d->n_patents == 0) c->status = CRIT_NOT_MET;
    }
}

int categoryCheck(categoryResult *out, const categoryApp *app, const dossier *d, const yearParams *p) {
    memset(out, 0, sizeof *out);
    if (d->established > p->reference_date || app->date < p->reference_date || dateYear(app->date) != p->year ||
        app->n_claimed == 0 || app->n_claimed > CATEGORY_MAX_CRITERIA)
        return GH_EINVAL;
    typingResult t;
    if (typingClassify(&t, d, p)) return GH_EINVAL;
    out->type = t.type;
    categorySource(out, app, d, p->year);
    categoryPenalty(out, app, d, p->category_penalty_years);
    categoryDebtor(out, app, d);
    categoryBanned(out, app, p->category_ban_years);
    categoryConsent(out, app);
    bool any = false;
    for (size_t i = 0; i < app->n_claimed; i++) {
        assert(app->claimed[i] >= 0 && app->claimed[i] < categoryCounts[app->category]);
        categoryCriterionOf(&out->criteria[i], app, d, app->claimed[i], p);
        any |= out->criteria[i].status != CRIT_NOT_MET;
    }
    out->n_criteria = app->n_claimed;
    if (!any) categoryAdd(out, CREASON_NO_CRITERION, app->date);
    out->eligible = out->n_reasons == 0;
    return 0;
}
