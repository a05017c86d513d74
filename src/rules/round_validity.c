#include "rules/round_validity.h"
#include "core/error.h"
#include <string.h>

/* A3.3.5: each period is counted from the recognition date, never from the end of
 * the previous one, so that 29 February does not drift a day per extension. */
civilDate roundExpiry(const roundRecognition *r, const yearParams *p) {
    return dateAddYears(r->recognised_on, p->category_valid_years * (1 + r->extensions));
}

/* A3.3.5 */
civilDate roundPeriodStart(const roundRecognition *r, const yearParams *p) {
    return dateAddYears(r->recognised_on, p->category_valid_years * r->extensions);
}

/* A3.3.5 */
bool roundValidAt(const roundRecognition *r, civilDate t, const yearParams *p) {
    return dateIntervalActive(r->recognised_on, roundExpiry(r, p), t);
}

/* A3.2.1 */
bool roundMeasuresAt(const roundRecognition *r, civilDate t, const yearParams *rec_p) {
    return roundValidAt(r, t, rec_p) && t >= rec_p->category_effective_date;
}

/* A3.3.5 */
bool roundInFinalYear(const roundRecognition *r, civilDate t, const yearParams *p) {
    const civilDate last = dateAddYears(r->recognised_on, p->category_valid_years * (1 + r->extensions) - 1);
    return t >= last && t < roundExpiry(r, p);
}

/* A3.3.5 "于每年7月底前完成信息报告" */
int roundReportCheck(roundReportStatus *out, const roundRecognition *r, civilDate filed_on, civilDate today,
                     const yearParams *p) {
    if (dateYear(today) != p->year) return GH_EINVAL;
    const civilDate deadline = p->category_report_deadline;
    if (dateYear(r->recognised_on) >= p->year || !roundValidAt(r, deadline, p)) *out = RREPORT_NOT_DUE;
    else if (filed_on != DATE_NONE && filed_on <= today) *out = filed_on <= deadline ? RREPORT_FILED : RREPORT_LATE;
    else *out = today <= deadline ? RREPORT_OPEN : RREPORT_MISSING;
    return 0;
}

/* A3.3.5 re-check: the A3.3.1 checks that concern the business, not the
 * application (consent and claimed criteria were settled at recognition). */
static bool roundRecheckKeeps(categoryReasonCode c) {
    return c == CREASON_SOURCE || c == CREASON_PENALTY || c == CREASON_DISHONEST_DEBTOR || c == CREASON_BANNED;
}

int roundRecheckRun(roundRecheck *out, const roundRecognition *r, const dossier *d, const civilDate *revoked_on,
                    size_t n_revoked, const yearParams *p) {
    memset(out, 0, sizeof *out);
    const civilDate at = p->reference_date;
    if (!roundValidAt(r, at, p) || d->established > at) return GH_EINVAL;
    typingResult t;
    if (typingClassify(&t, d, p)) return GH_EINVAL;
    out->type = t.type;
    for (size_t i = 0; i < t.n && out->n_typing < sizeof out->typing / sizeof out->typing[0]; i++)
        if (t.reasons[i].code <= REASON_INELIGIBLE_SUSPENDED) out->typing[out->n_typing++] = t.reasons[i];
    categoryApp app = {.category = r->category, .route = r->route, .date = at, .n_claimed = 1,
                       .consent_on = at, .revoked_on = revoked_on, .n_revoked = n_revoked};
    app.claimed[0] = categoryCriteriaCount(r->category) - 1;
    categoryResult c;
    if (categoryCheck(&c, &app, d, p)) return GH_EINVAL;
    for (size_t i = 0; i < c.n_reasons; i++)
        if (roundRecheckKeeps(c.reasons[i].code)) out->category[out->n_category++] = c.reasons[i];
    out->flagged = out->n_typing + out->n_category > 0;
    return 0;
}
