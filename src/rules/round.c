#include "rules/round.h"
#include "core/error.h"
#include "rules/round_calendar.h"
#include <string.h>

/* Guards a row asks for (docs/decisions.md 56 says why each sits where it does). */
enum {
    G_REASON = 1u << 0,         /* a written reason (S3(二): every decision records why) */
    G_WINDOW = 1u << 1,         /* within the application window (A3.2.1), unless overridden */
    G_ELIGIBLE = 1u << 2,       /* categoryCheck again, at the date (A3.3.1) */
    G_LIMITS = 1u << 3,         /* one per business, one per operator (A3.3.4) */
    G_LIST_QUOTA = 1u << 4,     /* the list stays within the quota (A3.3.4) */
    G_QUOTA = 1u << 5,          /* recognition stays within the quota (A3.3.4) */
    G_JOINT = 1u << 6,          /* every department consulted agreed (A3.2.2) */
    G_PUBLICITY = 1u << 7,      /* publicity over, no objection open (A3.2) */
    G_PUBLICISE = 1u << 8,      /* publicity can end before the deadline (A3.2.1) */
    G_DATE_PAST = 1u << 9,      /* the date recorded is not after today */
    G_DATE_FUTURE = 1u << 10,   /* the date asked for is after today */
    G_SUPPLEMENT_DUE = 1u << 11 /* material arrives by the city's date (A3.2.2) */
};

#define S(x) (1u << RSTATE_##x)
#define R(x) (1u << RROLE_##x)
#define SELF (1u << ROUTE_SELF)
#define REC (1u << ROUTE_RECOMMENDED)
#define BOTH (SELF | REC)
#define OPEN (S(CONSENT) | S(SUBMITTED) | S(REVIEW) | S(VISIT) | S(JOINT) | S(PROPOSED) | S(PUBLICITY))
#define HELD (S(RECOGNISED) | S(REPORTED) | S(SUPPLEMENT))
#define LEADER (R(REVIEWER) | R(ADMIN))

typedef struct roundRow {
    unsigned from; /* bit set of states */
    roundAction action;
    roundState to;
    unsigned roles, routes, guards;
} roundRow;

/* A3.2.2 (自主申报: 审核 → 走访核实 → 认定 → 报市局 → 抽查; 部门推荐: 同意 → 审核 → 认定),
 * A3.2 (公示), A3.3.5 (取消, 撤销). The one table of the round. */
static const roundRow roundTable[] = {
    {S(DRAFT), RACT_SUBMIT, RSTATE_SUBMITTED, R(OWNER), SELF, G_WINDOW | G_ELIGIBLE | G_LIMITS},
    {S(DRAFT), RACT_RECOMMEND, RSTATE_CONSENT, R(DEPARTMENT), REC, G_WINDOW | G_ELIGIBLE | G_LIMITS},
    {S(CONSENT), RACT_CONSENT, RSTATE_SUBMITTED, R(OWNER) | R(CLERK), REC,
     G_WINDOW | G_ELIGIBLE | G_LIMITS | G_DATE_PAST},
    {S(SUBMITTED), RACT_ACCEPT, RSTATE_REVIEW, R(CLERK), BOTH, G_WINDOW | G_ELIGIBLE},
    {S(REVIEW), RACT_PASS_REVIEW, RSTATE_VISIT, R(CLERK), SELF, G_WINDOW | G_ELIGIBLE},
    {S(REVIEW), RACT_PASS_REVIEW, RSTATE_JOINT, R(CLERK), REC, G_WINDOW | G_ELIGIBLE},
    {S(VISIT), RACT_RECORD_VISIT, RSTATE_JOINT, R(CLERK), SELF, G_WINDOW | G_ELIGIBLE | G_REASON | G_DATE_PAST},
    {S(JOINT), RACT_PROPOSE, RSTATE_PROPOSED, LEADER, BOTH, G_WINDOW | G_ELIGIBLE | G_LIMITS | G_JOINT | G_LIST_QUOTA},
    {S(PROPOSED), RACT_PUBLICISE, RSTATE_PUBLICITY, LEADER, BOTH, G_WINDOW | G_ELIGIBLE | G_LIST_QUOTA | G_PUBLICISE},
    {S(PUBLICITY), RACT_RECOGNISE, RSTATE_RECOGNISED, LEADER, BOTH,
     G_WINDOW | G_ELIGIBLE | G_LIMITS | G_QUOTA | G_PUBLICITY},
    {S(RECOGNISED), RACT_REPORT, RSTATE_REPORTED, R(CLERK), BOTH, 0},
    {S(REPORTED), RACT_SPOT_REQUEST, RSTATE_SUPPLEMENT, R(INSPECTOR), BOTH, G_REASON | G_DATE_FUTURE},
    {S(SUPPLEMENT), RACT_SUPPLEMENT, RSTATE_REPORTED, R(OWNER) | R(CLERK), BOTH, G_SUPPLEMENT_DUE},
    {S(REPORTED) | S(SUPPLEMENT), RACT_SPOT_REFUSE, RSTATE_CITY_REFUSED, R(INSPECTOR), BOTH, G_REASON},
    {S(DRAFT) | OPEN, RACT_WITHDRAW, RSTATE_WITHDRAWN, R(OWNER) | R(DEPARTMENT), BOTH, G_REASON},
    {S(CONSENT) | S(SUBMITTED) | S(REVIEW) | S(VISIT), RACT_REJECT, RSTATE_REJECTED, R(CLERK) | LEADER, BOTH,
     G_REASON},
    {S(JOINT) | S(PROPOSED) | S(PUBLICITY), RACT_REJECT, RSTATE_REJECTED, LEADER, BOTH, G_REASON},
    {HELD, RACT_CANCEL, RSTATE_CANCELLED, LEADER, BOTH, G_REASON},
    {HELD | S(CANCELLED), RACT_REVOKE, RSTATE_REVOKED, LEADER, BOTH, G_REASON},
};
#define ROUND_ROWS (sizeof roundTable / sizeof roundTable[0])

bool roundStateOpen(roundState s) { return (OPEN >> s) & 1u; }
bool roundStateRecognised(roundState s) { return (HELD >> s) & 1u; }

/* The row of (from, action, route); *any_route tells whether another route has one. */
static const roundRow *roundFind(roundState from, roundAction a, categoryRoute route, bool *any_route) {
    *any_route = false;
    for (size_t i = 0; i < ROUND_ROWS; i++) {
        const roundRow *r = &roundTable[i];
        if (r->action != a || !((r->from >> from) & 1u)) continue;
        if ((r->routes >> route) & 1u) return r;
        *any_route = true;
    }
    return NULL;
}

/* A3.2.2: the table read for pages ("what may come next"). */
int roundNext(roundState *to, unsigned *roles, roundState from, roundAction a, categoryRoute route) {
    bool other;
    const roundRow *r = roundFind(from, a, route, &other);
    if (!r) return GH_ENOTFOUND;
    *to = r->to;
    *roles = r->roles;
    return 0;
}

/* Appends a reason with its state and date; the caller fills the figures. */
static roundReason *roundAdd(roundDecision *out, roundReasonCode code, civilDate today) {
    if (out->n == ROUND_MAX_REASONS) return &out->reasons[ROUND_MAX_REASONS - 1]; /* cannot happen: one per guard */
    roundReason *r = &out->reasons[out->n++];
    memset(r, 0, sizeof *r);
    r->code = code;
    r->state = out->from;
    r->action = out->action;
    r->date = r->date2 = DATE_NONE;
    r->on = today;
    return r;
}

/* S3(二): empty, or only ASCII white space and the ideographic space U+3000 (contract in round.h). */
bool roundBlank(const char *s) {
    if (!s) return true;
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
        else if (!strncmp(s, "\xE3\x80\x80", 3)) s += 3;
        else return false;
    }
    return true;
}

/* A3.2.2: an owner acts on their own business, a department on its own recommendation. */
static bool roundOwn(const roundCase *c, const roundActor *who) {
    if (who->role == RROLE_OWNER) return who->uscc && !strcmp(who->uscc, c->d->uscc);
    if (who->role == RROLE_DEPARTMENT)
        return who->department && c->recommended_by && !strcmp(who->department, c->recommended_by);
    return true;
}

/* A3.2.1: the override is an administrator's, with a reason, and may accompany
 * anyone's action (an owner's late submission after an outage); an invalid one
 * lifts nothing and refuses the action. */
static bool roundOverride(roundDecision *out, const roundRequest *rq, civilDate today) {
    if (!rq->override) return false;
    bool ok = true;
    if (rq->override_by != RROLE_ADMIN) {
        roundAdd(out, RREASON_OVERRIDE_ROLE, today)->role = rq->override_by;
        ok = false;
    }
    if (roundBlank(rq->override_reason)) {
        roundAdd(out, RREASON_OVERRIDE_REASON, today);
        ok = false;
    }
    return ok;
}

/* A3.2.1: a calendar bound missed is lifted by a valid override (recorded as used),
 * else refused with the bound. */
static void roundCalendarMiss(roundDecision *out, bool lifted, roundReasonCode code, civilDate today, civilDate date,
                              civilDate date2) {
    if (lifted) {
        out->overridden = true;
        return;
    }
    roundReason *r = roundAdd(out, code, today);
    r->date = date;
    r->date2 = date2;
}

/* A3.2.1: within the window. */
static void roundWindow(roundDecision *out, bool lifted, civilDate today, const yearParams *p) {
    if (!roundInWindow(today, p))
        roundCalendarMiss(out, lifted, RREASON_CALENDAR, today, p->category_apply_from,
                          p->category_recognition_deadline);
}

/* A3.2.1: a publicity begun today must end before the recognition deadline. */
static void roundPubliciseGuard(roundDecision *out, bool lifted, civilDate today, const yearParams *p) {
    out->publicity_until = roundPublicityUntil(today, p);
    if (out->publicity_until >= p->category_recognition_deadline)
        roundCalendarMiss(out, lifted, RREASON_PUBLICITY_LATE, today, out->publicity_until,
                          p->category_recognition_deadline);
}

/* A3.3.1, at every decision: the check runs at today, kept within the round's year
 * (from R to 31 December) so that an overridden late step is judged on that year's
 * typing. The recommendation itself waits for consent, so NO_CONSENT does not
 * refuse it; the consent step checks with the consent being recorded. */
static int roundEligible(roundDecision *out, const roundCase *c, const roundRequest *rq, civilDate today,
                          const yearParams *p) {
    if (c->app.n_claimed == 0) {
        roundAdd(out, RREASON_NO_CLAIM, today);
        return 0;
    }
    if (c->d->established > p->reference_date) {
        roundAdd(out, RREASON_NOT_TYPED, today)->date = c->d->established;
        return 0;
    }
    categoryApp app = c->app;
    const civilDate end = dateFromYmd(p->year, 12, 31);
    app.date = today < p->reference_date ? p->reference_date : today > end ? end : today;
    if (rq->action == RACT_CONSENT) app.consent_on = rq->date != DATE_NONE ? rq->date : today;
    const int rc = categoryCheck(&out->eligibility, &app, c->d, p);
    if (rc) return rc;
    out->checked = true;
    for (size_t i = 0; i < out->eligibility.n_reasons; i++) {
        const categoryReason *cr = &out->eligibility.reasons[i];
        if (rq->action == RACT_RECOMMEND && cr->code == CREASON_NO_CONSENT) continue;
        roundAdd(out, RREASON_CATEGORY, today)->category = *cr;
    }
    return 0;
}

/* A3.3.4: one category per business; one recognised business per operator when the
 * year's parameters say so. */
static void roundLimitsGuard(roundDecision *out, const roundCase *c, civilDate today, const yearParams *p) {
    if (c->limits.business_other > 0) roundAdd(out, RREASON_ONE_PER_BUSINESS, today)->count = c->limits.business_other;
    if (p->category_one_per_operator && c->limits.operator_other > 0)
        roundAdd(out, RREASON_ONE_PER_OPERATOR, today)->count = c->limits.operator_other;
}

/* A3.3.4: the quota, counting the other listed cases when the list is drawn up. */
static void roundQuotaGuard(roundDecision *out, const roundCase *c, bool with_list, civilDate today,
                            const yearParams *p) {
    roundQuota q;
    const roundLimits *l = &c->limits;
    if (roundQuotaCompute(&q, l->growth, l->development, l->recognised, p)) return;
    const int adding = 1 + (with_list ? l->listed : 0);
    if (roundQuotaAllows(&q, adding)) return;
    roundReason *r = roundAdd(out, RREASON_QUOTA, today);
    r->quota = q;
    r->count = with_list ? l->listed : 0;
}

/* A3.2.2 部门联审: at least one opinion, none pending, none against. */
static void roundJointGuard(roundDecision *out, const roundCase *c, civilDate today) {
    if (c->joint_pending > 0 || c->joint_agree + c->joint_disagree + c->joint_pending == 0)
        roundAdd(out, RREASON_JOINT_PENDING, today)->count = c->joint_pending;
    if (c->joint_disagree > 0) roundAdd(out, RREASON_JOINT_DISAGREE, today)->count = c->joint_disagree;
}

/* A3.2 公示: over (today after its last day) and no objection left unanswered. */
static void roundPublicityGuard(roundDecision *out, const roundCase *c, civilDate today, const yearParams *p) {
    const civilDate until = roundPublicityUntil(c->publicity_from, p);
    if (today <= until) {
        roundReason *r = roundAdd(out, RREASON_PUBLICITY_RUNNING, today);
        r->date = c->publicity_from;
        r->date2 = until;
    }
    if (c->objections_open > 0) roundAdd(out, RREASON_OBJECTION_OPEN, today)->count = c->objections_open;
}

/* The dates an action records or asks for. */
static void roundDateGuards(roundDecision *out, const roundCase *c, const roundRequest *rq, unsigned g, bool lifted,
                            civilDate today) {
    if ((g & G_DATE_PAST) && rq->date != DATE_NONE && rq->date > today)
        roundAdd(out, RREASON_DATE, today)->date = rq->date;
    if ((g & G_DATE_FUTURE) && (rq->date == DATE_NONE || rq->date <= today))
        roundAdd(out, RREASON_DATE, today)->date = rq->date;
    if ((g & G_SUPPLEMENT_DUE) && today > c->supplement_by)
        roundCalendarMiss(out, lifted, RREASON_SUPPLEMENT_LATE, today, c->supplement_by, DATE_NONE);
}

static int roundGuards(roundDecision *out, const roundCase *c, const roundRequest *rq, unsigned g, civilDate today,
                        const yearParams *p) {
    const bool lifted = roundOverride(out, rq, today);
    if ((g & G_REASON) && roundBlank(rq->reason)) roundAdd(out, RREASON_REASON_REQUIRED, today);
    if (g & G_WINDOW) roundWindow(out, lifted, today, p);
    if (g & G_PUBLICISE) roundPubliciseGuard(out, lifted, today, p);
    roundDateGuards(out, c, rq, g, lifted, today);
    const int rc = (g & G_ELIGIBLE) ? roundEligible(out, c, rq, today, p) : 0;
    if (g & G_LIMITS) roundLimitsGuard(out, c, today, p);
    if (g & (G_LIST_QUOTA | G_QUOTA)) roundQuotaGuard(out, c, (g & G_LIST_QUOTA) != 0, today, p);
    if (g & G_JOINT) roundJointGuard(out, c, today);
    if (g & G_PUBLICITY) roundPublicityGuard(out, c, today, p);
    return rc;
}

/* The caller's inputs in range: a state the table knows, the dates its state needs. */
static bool roundCaseValid(const roundCase *c, const roundRequest *rq, const roundActor *who) {
    if ((unsigned)c->state >= RSTATE__COUNT || (unsigned)rq->action >= RACT__COUNT ||
        (unsigned)who->role >= RROLE__COUNT || (rq->override && (unsigned)rq->override_by >= RROLE__COUNT) || !c->d || c->app.n_claimed > CATEGORY_MAX_CRITERIA)
        return false;
    if (c->state == RSTATE_PUBLICITY && c->publicity_from == DATE_NONE) return false;
    if (c->state == RSTATE_SUPPLEMENT && c->supplement_by == DATE_NONE) return false;
    return true;
}

/* A3.2, A3.3.4, A3.3.5: the round's one decision (contract in round.h). */
int roundTransition(roundDecision *out, const roundCase *c, const roundRequest *rq, const roundActor *who,
                    civilDate today, const yearParams *p) {
    memset(out, 0, sizeof *out);
    out->from = out->to = c->state;
    out->action = rq->action;
    out->publicity_until = out->expires = DATE_NONE;
    if (!roundCaseValid(c, rq, who)) return GH_EINVAL;
    bool other_route;
    const roundRow *row = roundFind(c->state, rq->action, c->app.route, &other_route);
    if (!row) {
        roundAdd(out, other_route ? RREASON_ROUTE : RREASON_ILLEGAL, today);
        return 0;
    }
    if (!((row->roles >> who->role) & 1u)) {
        roundAdd(out, RREASON_ROLE, today)->role = who->role;
        return 0;
    }
    if (!roundOwn(c, who)) {
        roundAdd(out, RREASON_NOT_OWN, today)->role = who->role;
        return 0;
    }
    const int rc = roundGuards(out, c, rq, row->guards, today, p);
    if (rc) return rc;
    out->allowed = out->n == 0;
    if (!out->allowed) return 0;
    out->to = row->to;
    if (rq->action == RACT_RECOGNISE) out->expires = dateAddYears(today, p->category_valid_years);
    return 0;
}
