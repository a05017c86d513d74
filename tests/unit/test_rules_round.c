/* rules/round.c: the 名特优新 round as a state machine (RULES.md A3.2, A3.3.4,
 * issue 9 §2-§4), on plain structs; each test is named after the article it tests.
 * The legal transitions and the roles are written here again, independently of
 * the table in round.c, and every (state, action, role, route) is compared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "rules/round.h"
#include "rules/round_explain.h"
#include "rules_fixture.h"

#define USCC FIXTURE_USCC
#define DEPT "区商务局"

static yearParams P;
static dossier D;
static dAnnualReport report;
static roundCase C;
static roundRequest Q;
static civilDate today;

static civilDate ymd(int y, int m, int d) { return dateFromYmd(y, m, d); }

/* A growth business applying for 优质 (quality.C) on 2025-09-10; every guard holds:
 * the joint review agreed, the publicity ended yesterday, the city's date is ahead. */
static int setup(void **state) {
    (void)state;
    fixtureParams(&P, 2025);
    fixtureGrowth(&D, &report, 2025);
    today = ymd(2025, 9, 10);
    memset(&C, 0, sizeof C);
    C.app.category = CAT_QUALITY;
    C.app.route = ROUTE_SELF;
    C.app.date = ymd(2025, 9, 1);
    C.app.claimed[0] = 2;
    C.app.n_claimed = 1;
    C.app.consent_on = DATE_NONE;
    C.d = &D;
    C.publicity_from = today - 7;
    C.supplement_by = today + 1;
    C.joint_agree = 2;
    C.limits = (roundLimits){.growth = 110, .development = 109}; /* floor(5% × 219) = 10 */
    memset(&Q, 0, sizeof Q);
    Q.reason = "理由";
    Q.date = DATE_NONE;
    return 0;
}

static void recommended(void) {
    C.app.route = ROUTE_RECOMMENDED;
    C.app.claimed[0] = 5; /* quality.F */
    C.app.consent_on = ymd(2025, 9, 2);
    C.recommended_by = DEPT;
}

static roundActor actor(roundRole r) {
    return (roundActor){r, r == RROLE_OWNER ? USCC : NULL, r == RROLE_DEPARTMENT ? DEPT : NULL};
}

static roundDecision decide(roundState s, roundAction a, roundRole role) {
    C.state = s;
    Q.action = a;
    if (a == RACT_SPOT_REQUEST && Q.date == DATE_NONE) Q.date = today + 30;
    const roundActor who = actor(role);
    roundDecision d;
    assert_int_equal(roundTransition(&d, &C, &Q, &who, today, &P), 0);
    if (a == RACT_SPOT_REQUEST && Q.date == today + 30) Q.date = DATE_NONE;
    assert_int_equal(d.allowed, d.n == 0);
    return d;
}

static bool has(const roundDecision *d, roundReasonCode c) {
    for (size_t i = 0; i < d->n; i++)
        if (d->reasons[i].code == c) return true;
    return false;
}

static bool hasCategory(const roundDecision *d, categoryReasonCode c) {
    for (size_t i = 0; i < d->n; i++)
        if (d->reasons[i].code == RREASON_CATEGORY && d->reasons[i].category.code == c) return true;
    return false;
}

/* Whether the decision of (s, a, role) lists code. */
static bool refuses(roundState s, roundAction a, roundRole role, roundReasonCode code) {
    const roundDecision d = decide(s, a, role);
    return has(&d, code);
}

/* The refusal's sentence, for the messages the tests read. */
static void text(char *buf, size_t n, const roundDecision *d) {
    sbuf b;
    sbufInit(&b);
    roundDecisionText(&b, d);
    assert_false(b.failed);
    snprintf(buf, n, "%s", b.data ? b.data : "");
    sbufFree(&b);
}

#define S(x) (1u << RSTATE_##x)
#define R(x) (1u << RROLE_##x)
#define SELF 1u
#define REC 2u
#define OPEN (S(CONSENT) | S(SUBMITTED) | S(REVIEW) | S(VISIT) | S(JOINT) | S(PROPOSED) | S(PUBLICITY))
#define HELD (S(RECOGNISED) | S(REPORTED) | S(SUPPLEMENT))
#define LEADER (R(REVIEWER) | R(ADMIN))

/* Issue 9 §2 and A3.2.2, written down once more for the test. */
static const struct legal { unsigned from; roundAction a; roundState to; unsigned roles, routes; } legal[] = {
    {S(DRAFT), RACT_SUBMIT, RSTATE_SUBMITTED, R(OWNER), SELF},
    {S(DRAFT), RACT_RECOMMEND, RSTATE_CONSENT, R(DEPARTMENT), REC},
    {S(CONSENT), RACT_CONSENT, RSTATE_SUBMITTED, R(OWNER) | R(CLERK), REC},
    {S(SUBMITTED), RACT_ACCEPT, RSTATE_REVIEW, R(CLERK), SELF | REC},
    {S(REVIEW), RACT_PASS_REVIEW, RSTATE_VISIT, R(CLERK), SELF},
    {S(REVIEW), RACT_PASS_REVIEW, RSTATE_JOINT, R(CLERK), REC},
    {S(VISIT), RACT_RECORD_VISIT, RSTATE_JOINT, R(CLERK), SELF},
    {S(JOINT), RACT_PROPOSE, RSTATE_PROPOSED, LEADER, SELF | REC},
    {S(PROPOSED), RACT_PUBLICISE, RSTATE_PUBLICITY, LEADER, SELF | REC},
    {S(PUBLICITY), RACT_RECOGNISE, RSTATE_RECOGNISED, LEADER, SELF | REC},
    {S(RECOGNISED), RACT_REPORT, RSTATE_REPORTED, R(CLERK), SELF | REC},
    {S(REPORTED), RACT_SPOT_REQUEST, RSTATE_SUPPLEMENT, R(INSPECTOR), SELF | REC},
    {S(SUPPLEMENT), RACT_SUPPLEMENT, RSTATE_REPORTED, R(OWNER) | R(CLERK), SELF | REC},
    {S(REPORTED) | S(SUPPLEMENT), RACT_SPOT_REFUSE, RSTATE_CITY_REFUSED, R(INSPECTOR), SELF | REC},
    {S(DRAFT) | OPEN, RACT_WITHDRAW, RSTATE_WITHDRAWN, R(OWNER) | R(DEPARTMENT), SELF | REC},
    {S(CONSENT) | S(SUBMITTED) | S(REVIEW) | S(VISIT), RACT_REJECT, RSTATE_REJECTED, R(CLERK) | LEADER, SELF | REC},
    {S(JOINT) | S(PROPOSED) | S(PUBLICITY), RACT_REJECT, RSTATE_REJECTED, LEADER, SELF | REC},
    {HELD, RACT_CANCEL, RSTATE_CANCELLED, LEADER, SELF | REC},
    {HELD | S(CANCELLED), RACT_REVOKE, RSTATE_REVOKED, LEADER, SELF | REC},
};

static const struct legal *legalRow(roundState s, roundAction a, categoryRoute route, bool *other_route) {
    *other_route = false;
    for (size_t i = 0; i < sizeof legal / sizeof legal[0]; i++) {
        if (legal[i].a != a || !((legal[i].from >> s) & 1u)) continue;
        if ((legal[i].routes >> route) & 1u) return &legal[i];
        *other_route = true;
    }
    return NULL;
}

/* One (state, action, role) on the current route against the list above. */
static void matrixCell(roundState s, roundAction a, roundRole role) {
    bool other;
    const struct legal *l = legalRow(s, a, C.app.route, &other);
    const roundDecision d = decide(s, a, role);
    roundState to;
    unsigned roles;
    if (!l) {
        assert_int_equal(roundNext(&to, &roles, s, a, C.app.route), GH_ENOTFOUND);
        assert_true(d.n == 1 && d.reasons[0].code == (other ? RREASON_ROUTE : RREASON_ILLEGAL));
        return;
    }
    assert_int_equal(roundNext(&to, &roles, s, a, C.app.route), 0);
    assert_int_equal(to, l->to);
    assert_int_equal(roles, l->roles);
    if (!((l->roles >> role) & 1u)) {
        assert_true(d.n == 1 && d.reasons[0].code == RREASON_ROLE);
    } else if (role == RROLE_DEPARTMENT && C.app.route == ROUTE_SELF) {
        assert_true(d.n == 1 && d.reasons[0].code == RREASON_NOT_OWN); /* no department recommended it */
    } else {
        if (!d.allowed) fail_msg("%s %s %s refused: %s", roundStateCode(s), roundActionCode(a), roundRoleCode(role),
                                 roundReasonCodeName(&d.reasons[0]));
        assert_int_equal(d.to, l->to);
    }
}

static void matrix(void) {
    for (int s = 0; s < RSTATE__COUNT; s++)
        for (int a = 0; a < RACT__COUNT; a++)
            for (int r = 0; r < RROLE__COUNT; r++) matrixCell((roundState)s, (roundAction)a, (roundRole)r);
}

/* Every legal transition is allowed to its roles, every other cell refused with
 * the right code, on both routes (A3.2.2). */
static void test_A3_2_2_every_transition_by_role_self(void **state) {
    (void)state;
    matrix();
}

static void test_A3_2_2_every_transition_by_role_recommended(void **state) {
    (void)state;
    recommended();
    matrix();
}

/* A3.2.2: a self-application from draft to the city's decision, step by step. */
static void test_A3_2_2_self_application_path(void **state) {
    (void)state;
    static const struct { roundState from; roundAction a; roundRole who; roundState to; } path[] = {
        {RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER, RSTATE_SUBMITTED},
        {RSTATE_SUBMITTED, RACT_ACCEPT, RROLE_CLERK, RSTATE_REVIEW},
        {RSTATE_REVIEW, RACT_PASS_REVIEW, RROLE_CLERK, RSTATE_VISIT},
        {RSTATE_VISIT, RACT_RECORD_VISIT, RROLE_CLERK, RSTATE_JOINT},
        {RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER, RSTATE_PROPOSED},
        {RSTATE_PROPOSED, RACT_PUBLICISE, RROLE_ADMIN, RSTATE_PUBLICITY},
        {RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER, RSTATE_RECOGNISED},
        {RSTATE_RECOGNISED, RACT_REPORT, RROLE_CLERK, RSTATE_REPORTED},
        {RSTATE_REPORTED, RACT_SPOT_REQUEST, RROLE_INSPECTOR, RSTATE_SUPPLEMENT},
        {RSTATE_SUPPLEMENT, RACT_SUPPLEMENT, RROLE_OWNER, RSTATE_REPORTED},
        {RSTATE_REPORTED, RACT_SPOT_REFUSE, RROLE_INSPECTOR, RSTATE_CITY_REFUSED},
    };
    for (size_t i = 0; i < sizeof path / sizeof path[0]; i++) {
        const roundDecision d = decide(path[i].from, path[i].a, path[i].who);
        assert_true(d.allowed);
        assert_int_equal(d.to, path[i].to);
    }
    roundDecision d = decide(RSTATE_PROPOSED, RACT_PUBLICISE, RROLE_REVIEWER);
    assert_int_equal(d.publicity_until, today + P.category_publicity_days - 1);
    d = decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_ADMIN);
    assert_int_equal(d.expires, ymd(2028, 9, 10));
}

/* A3.2.2: a recommendation goes forward only after the operator's consent. */
static void test_A3_2_2_recommendation_needs_consent(void **state) {
    (void)state;
    recommended();
    C.app.consent_on = DATE_NONE;
    roundDecision d = decide(RSTATE_DRAFT, RACT_RECOMMEND, RROLE_DEPARTMENT);
    assert_true(d.allowed); /* the recommendation itself waits for consent */
    assert_int_equal(d.to, RSTATE_CONSENT);
    d = decide(RSTATE_SUBMITTED, RACT_ACCEPT, RROLE_CLERK); /* forward without consent: refused */
    assert_true(hasCategory(&d, CREASON_NO_CONSENT));
    Q.date = today + 1; /* a consent dated tomorrow */
    d = decide(RSTATE_CONSENT, RACT_CONSENT, RROLE_CLERK);
    assert_true(has(&d, RREASON_DATE));
    Q.date = today - 3; /* a signed consent recorded by a clerk */
    d = decide(RSTATE_CONSENT, RACT_CONSENT, RROLE_CLERK);
    assert_true(d.allowed);
    Q.date = DATE_NONE; /* the owner confirms today */
    d = decide(RSTATE_CONSENT, RACT_CONSENT, RROLE_OWNER);
    assert_true(d.allowed);
    assert_int_equal(d.to, RSTATE_SUBMITTED);
    d = decide(RSTATE_CONSENT, RACT_WITHDRAW, RROLE_OWNER); /* or declines (自愿参与) */
    assert_true(d.allowed);
    assert_int_equal(d.to, RSTATE_WITHDRAWN);
}

/* A3.2.2: an owner acts on their own business, a department on its own recommendation. */
static void test_A3_2_2_not_own(void **state) {
    (void)state;
    roundActor other = {RROLE_OWNER, "92110115MA0000001A", NULL};
    C.state = RSTATE_DRAFT;
    Q.action = RACT_SUBMIT;
    roundDecision d;
    assert_int_equal(roundTransition(&d, &C, &Q, &other, today, &P), 0);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_NOT_OWN);
    recommended();
    other = (roundActor){RROLE_DEPARTMENT, NULL, "区农业农村局"};
    Q.action = RACT_RECOMMEND;
    assert_int_equal(roundTransition(&d, &C, &Q, &other, today, &P), 0);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_NOT_OWN);
}

/* S3(二): rejection, refusal, withdrawal, cancellation, revocation, the visit and
 * the city's request carry a written reason; blanks are not one. */
static void test_S3_reason_required(void **state) {
    (void)state;
    static const struct { roundState s; roundAction a; roundRole r; } need[] = {
        {RSTATE_REVIEW, RACT_REJECT, RROLE_CLERK},       {RSTATE_PUBLICITY, RACT_REJECT, RROLE_REVIEWER},
        {RSTATE_SUBMITTED, RACT_WITHDRAW, RROLE_OWNER},  {RSTATE_REPORTED, RACT_SPOT_REFUSE, RROLE_INSPECTOR},
        {RSTATE_REPORTED, RACT_SPOT_REQUEST, RROLE_INSPECTOR}, {RSTATE_VISIT, RACT_RECORD_VISIT, RROLE_CLERK},
        {RSTATE_RECOGNISED, RACT_CANCEL, RROLE_ADMIN},   {RSTATE_REPORTED, RACT_REVOKE, RROLE_REVIEWER},
    };
    static const char *const blanks[] = {NULL, "", " \t\n", "\xE3\x80\x80 "};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        for (size_t b = 0; b < sizeof blanks / sizeof blanks[0]; b++) {
            Q.reason = blanks[b];
            const roundDecision d = decide(need[i].s, need[i].a, need[i].r);
            assert_true(has(&d, RREASON_REASON_REQUIRED));
        }
        Q.reason = "经核实材料不实";
        assert_true(decide(need[i].s, need[i].a, need[i].r).allowed);
    }
    Q.reason = NULL; /* forward steps need none */
    assert_true(decide(RSTATE_SUBMITTED, RACT_ACCEPT, RROLE_CLERK).allowed);
}

/* A3.2.1: applications from mid-August (15 August) to the recognition deadline. */
static void test_A3_2_1_calendar_edges(void **state) {
    (void)state;
    today = ymd(2025, 8, 14); /* the day before the window */
    C.publicity_from = today - 7;
    roundDecision d = decide(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER);
    assert_true(has(&d, RREASON_CALENDAR));
    assert_int_equal(d.reasons[0].date, ymd(2025, 8, 15));
    char msg[512];
    text(msg, sizeof msg, &d);
    assert_non_null(strstr(msg, "2025年8月14日不在名特优新申报认定期内（2025年8月15日至2025年11月30日）"));
    today = ymd(2025, 8, 15); /* the first day */
    assert_true(decide(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER).allowed);
    today = ymd(2025, 11, 30); /* the deadline */
    C.publicity_from = today - 7;
    assert_true(decide(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER).allowed);
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed);
    today = ymd(2025, 12, 1); /* the day after */
    C.publicity_from = today - 7;
    assert_true(refuses(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER, RREASON_CALENDAR));
    assert_true(refuses(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER, RREASON_CALENDAR));
    /* closing steps are never held by the calendar */
    assert_true(decide(RSTATE_REVIEW, RACT_WITHDRAW, RROLE_OWNER).allowed);
    assert_true(decide(RSTATE_REVIEW, RACT_REJECT, RROLE_CLERK).allowed);
    assert_true(decide(RSTATE_RECOGNISED, RACT_REPORT, RROLE_CLERK).allowed);
}

/* A3.2.1: an administrator's override, with a reason, lifts the window only. */
static void test_A3_2_1_override(void **state) {
    (void)state;
    today = ymd(2025, 12, 1);
    Q.override = true;
    Q.override_by = RROLE_ADMIN;
    Q.override_reason = NULL; /* without a reason */
    roundDecision d = decide(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER);
    assert_true(has(&d, RREASON_OVERRIDE_REASON));
    assert_true(has(&d, RREASON_CALENDAR));
    assert_false(d.overridden);
    Q.override_reason = "11月28日至30日系统故障，经局长批准延长受理";
    d = decide(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER);
    assert_true(d.allowed);
    assert_true(d.overridden);
    Q.override_by = RROLE_CLERK; /* not an administrator's */
    d = decide(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER);
    assert_true(has(&d, RREASON_OVERRIDE_ROLE));
    assert_true(has(&d, RREASON_CALENDAR));
    Q.override_by = RROLE_ADMIN;
    C.limits.recognised = 10; /* the quota is not lifted */
    C.publicity_from = today - 7;
    d = decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_ADMIN);
    assert_true(d.overridden);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_QUOTA);
    today = ymd(2025, 9, 10); /* an override that lifts nothing is not used */
    C.limits.recognised = 0;
    C.publicity_from = today - 7;
    d = decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_ADMIN);
    assert_true(d.allowed);
    assert_false(d.overridden);
}

/* A3.2 公示: recognition after the publicity's last day; publicity must be able to
 * end before the deadline (A3.2.1). */
static void test_A3_2_publicity(void **state) {
    (void)state;
    C.publicity_from = today - P.category_publicity_days + 1; /* today is its last day */
    roundDecision d = decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER);
    assert_true(has(&d, RREASON_PUBLICITY_RUNNING));
    assert_int_equal(d.reasons[0].date2, today);
    C.publicity_from--; /* ended yesterday */
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed);
    today = ymd(2025, 11, 24); /* 7 days from 24 November end on the deadline itself */
    d = decide(RSTATE_PROPOSED, RACT_PUBLICISE, RROLE_REVIEWER);
    assert_true(has(&d, RREASON_PUBLICITY_LATE));
    today = ymd(2025, 11, 23);
    d = decide(RSTATE_PROPOSED, RACT_PUBLICISE, RROLE_REVIEWER);
    assert_true(d.allowed);
    assert_int_equal(d.publicity_until, ymd(2025, 11, 29));
}

/* A3.2: an open publicity objection blocks recognition until it is answered. */
static void test_A3_2_objection_blocks(void **state) {
    (void)state;
    C.objections_open = 1;
    roundDecision d = decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_OBJECTION_OPEN);
    char msg[256];
    text(msg, sizeof msg, &d);
    assert_string_equal(msg, "公示期间有1件异议尚未答复");
    C.objections_open = 0;
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed);
}

/* A3.3.1 at every decision: a business that became ineligible mid-round is refused. */
static void test_A3_3_1_rechecked_at_every_decision(void **state) {
    (void)state;
    dPenalty pen = {ymd(2025, 9, 5), PENALTY_FINE, true, DATE_NONE}; /* after the application */
    D.penalties = &pen;
    D.n_penalties = 1;
    static const struct { roundState s; roundAction a; roundRole r; } steps[] = {
        {RSTATE_SUBMITTED, RACT_ACCEPT, RROLE_CLERK},   {RSTATE_REVIEW, RACT_PASS_REVIEW, RROLE_CLERK},
        {RSTATE_VISIT, RACT_RECORD_VISIT, RROLE_CLERK}, {RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER},
        {RSTATE_PROPOSED, RACT_PUBLICISE, RROLE_REVIEWER}, {RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        const roundDecision d = decide(steps[i].s, steps[i].a, steps[i].r);
        assert_true(d.checked);
        assert_true(hasCategory(&d, CREASON_PENALTY));
        assert_string_equal(roundReasonCodeName(&d.reasons[0]), "CATEGORY.PENALTY");
        assert_string_equal(roundReasonArticle(&d.reasons[0]), "A3.3.1(1)");
    }
    pen.repaired_on = today; /* credit-repaired */
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed);
    dInterval debtor = {ymd(2025, 9, 8), DATE_NONE};
    D.dishonest_debtor = (dIntervals){&debtor, 1};
    roundDecision d = decide(RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER);
    assert_true(hasCategory(&d, CREASON_DISHONEST_DEBTOR));
    D.dishonest_debtor.n = 0;
    C.app.n_claimed = 0;
    assert_true(refuses(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER, RREASON_NO_CLAIM));
    C.app.n_claimed = 1;
    D.established = ymd(2025, 8, 1); /* after R: not in the year's typing */
    d = decide(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_NOT_TYPED);
    /* the cases that stay out of it */
    assert_false(decide(RSTATE_RECOGNISED, RACT_REPORT, RROLE_CLERK).checked);
}

/* A3.3.4: quota at floor(5% × 219) = 10: recognised 9 → 10 allowed, 10 → 11 refused. */
static void test_A3_3_4_quota(void **state) {
    (void)state;
    roundQuota q;
    assert_int_equal(roundQuotaCompute(&q, 110, 109, 8, &P), 0);
    assert_int_equal(q.quota, 10);
    assert_int_equal(q.remaining, 2);
    assert_int_equal(q.year, 2025);
    assert_int_equal(q.percent, 5);
    assert_int_equal(roundQuotaCompute(&q, -1, 0, 0, &P), GH_EINVAL);
    C.limits.recognised = 8; /* floor − 2: the 9th */
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed);
    C.limits.recognised = 9; /* floor − 1: the 10th, exactly the quota */
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed);
    C.limits.recognised = 10; /* the 11th */
    roundDecision d = decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_QUOTA);
    assert_int_equal(d.reasons[0].quota.remaining, 0);
    char msg[512];
    text(msg, sizeof msg, &d);
    assert_string_equal(msg, "2025年度分型成长型110户、发展型109户，名额为其5%即10户；有效认定已有10户，再认定将超出名额");
    /* the list: recognised and other listed cases count when it is drawn up */
    C.limits.recognised = 8;
    C.limits.listed = 1;
    assert_true(decide(RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER).allowed);
    C.limits.listed = 2;
    d = decide(RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER);
    assert_true(has(&d, RREASON_QUOTA));
    text(msg, sizeof msg, &d);
    assert_non_null(strstr(msg, "拟认定名单和公示中另有2户"));
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed); /* recognition counts itself */
    P.category_quota_percent = 0;
    C.limits.recognised = 0;
    assert_true(refuses(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER, RREASON_QUOTA));
}

/* A3.3.4 "同一个体工商户只能认定为一个类型". */
static void test_A3_3_4_one_per_business(void **state) {
    (void)state;
    C.limits.business_other = 1;
    roundDecision d = decide(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_ONE_PER_BUSINESS);
    assert_true(refuses(RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER, RREASON_ONE_PER_BUSINESS));
    assert_true(refuses(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER, RREASON_ONE_PER_BUSINESS));
    recommended();
    assert_true(refuses(RSTATE_DRAFT, RACT_RECOMMEND, RROLE_DEPARTMENT, RREASON_ONE_PER_BUSINESS));
    C.limits.business_other = 0;
    assert_true(decide(RSTATE_DRAFT, RACT_RECOMMEND, RROLE_DEPARTMENT).allowed);
}

/* A3.3.4 (parameter): one recognised business per operator, off for Daxing. */
static void test_A3_3_4_one_per_operator(void **state) {
    (void)state;
    C.limits.operator_other = 1;
    assert_false(P.category_one_per_operator);
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed);
    P.category_one_per_operator = true;
    roundDecision d = decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_ONE_PER_OPERATOR);
    assert_string_equal(roundReasonArticle(&d.reasons[0]), "A3.3.4");
    assert_true(refuses(RSTATE_DRAFT, RACT_SUBMIT, RROLE_OWNER, RREASON_ONE_PER_OPERATOR));
    C.limits.operator_other = 0;
    assert_true(decide(RSTATE_PUBLICITY, RACT_RECOGNISE, RROLE_REVIEWER).allowed);
}

/* A3.2.2 部门联审: every department answered, none against, at least one asked. */
static void test_A3_2_2_joint_review(void **state) {
    (void)state;
    C.joint_pending = 1;
    assert_true(refuses(RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER, RREASON_JOINT_PENDING));
    C.joint_pending = 0;
    C.joint_disagree = 1;
    roundDecision d = decide(RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_JOINT_DISAGREE);
    C.joint_disagree = C.joint_agree = 0;
    assert_true(refuses(RSTATE_JOINT, RACT_PROPOSE, RROLE_REVIEWER, RREASON_JOINT_PENDING));
}

/* A3.2.2 市局抽查: material by the city's date; the date must lie ahead. */
static void test_A3_2_2_spot_check(void **state) {
    (void)state;
    Q.date = today; /* not ahead */
    roundDecision d = decide(RSTATE_REPORTED, RACT_SPOT_REQUEST, RROLE_INSPECTOR);
    assert_true(has(&d, RREASON_DATE));
    char msg[256];
    text(msg, sizeof msg, &d);
    assert_string_equal(msg, "补充材料期限2025年9月10日须晚于2025年9月10日");
    Q.date = today + 1; /* a visit recorded for tomorrow */
    d = decide(RSTATE_VISIT, RACT_RECORD_VISIT, RROLE_CLERK);
    text(msg, sizeof msg, &d);
    assert_string_equal(msg, "记录的日期2025年9月11日晚于今日2025年9月10日");
    Q.date = DATE_NONE;
    C.supplement_by = today; /* material on the day asked: in time */
    assert_true(decide(RSTATE_SUPPLEMENT, RACT_SUPPLEMENT, RROLE_CLERK).allowed);
    C.supplement_by = today - 1;
    d = decide(RSTATE_SUPPLEMENT, RACT_SUPPLEMENT, RROLE_OWNER);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_SUPPLEMENT_LATE);
    Q.override = true;
    Q.override_by = RROLE_ADMIN;
    Q.override_reason = "市局同意延期";
    d = decide(RSTATE_SUPPLEMENT, RACT_SUPPLEMENT, RROLE_OWNER);
    assert_true(d.allowed && d.overridden);
    assert_true(decide(RSTATE_SUPPLEMENT, RACT_SPOT_REFUSE, RROLE_INSPECTOR).allowed);
}

/* Inputs out of range are the caller's error, not a refusal. */
static void test_round_invalid_input(void **state) {
    (void)state;
    const roundActor who = actor(RROLE_REVIEWER);
    roundDecision d;
    C.state = RSTATE_PUBLICITY;
    C.publicity_from = DATE_NONE;
    Q.action = RACT_RECOGNISE;
    assert_int_equal(roundTransition(&d, &C, &Q, &who, today, &P), GH_EINVAL);
    C.state = RSTATE__COUNT;
    assert_int_equal(roundTransition(&d, &C, &Q, &who, today, &P), GH_EINVAL);
}

/* Every reason has a code, an article of RULES.md and a sentence; codes parse back. */
static void test_round_words(void **state) {
    (void)state;
    for (int c = 0; c < RREASON__COUNT; c++) {
        roundReason r = {.code = (roundReasonCode)c, .date = today, .date2 = today, .on = today};
        r.category.code = CREASON_SOURCE;
        sbuf b;
        sbufInit(&b);
        roundReasonText(&b, &r);
        assert_true(b.len > 0);
        sbufFree(&b);
        assert_true(strncmp(roundReasonCodeName(&r), "ROUND.", 6) == 0 || c == RREASON_CATEGORY);
        const char *art = roundReasonArticle(&r);
        assert_true(art[0] == 'A' || art[0] == 'S');
    }
    for (int s = 0; s < RSTATE__COUNT; s++) {
        roundState back;
        const char *code = roundStateCode((roundState)s);
        assert_int_equal(roundStateParse(&back, code, strlen(code)), 0);
        assert_int_equal(back, s);
    }
    for (int a = 0; a < RACT__COUNT; a++) {
        roundAction back;
        const char *code = roundActionCode((roundAction)a);
        assert_int_equal(roundActionParse(&back, code, strlen(code)), 0);
        assert_int_equal(back, a);
    }
    roundAction a;
    assert_int_equal(roundActionParse(&a, "approve", 7), GH_EINVAL);
    assert_true(roundStateOpen(RSTATE_PUBLICITY) && !roundStateOpen(RSTATE_DRAFT) && !roundStateOpen(RSTATE_RECOGNISED));
    assert_true(roundStateRecognised(RSTATE_SUPPLEMENT) && !roundStateRecognised(RSTATE_CANCELLED));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_A3_2_2_every_transition_by_role_self, setup),
        cmocka_unit_test_setup(test_A3_2_2_every_transition_by_role_recommended, setup),
        cmocka_unit_test_setup(test_A3_2_2_self_application_path, setup),
        cmocka_unit_test_setup(test_A3_2_2_recommendation_needs_consent, setup),
        cmocka_unit_test_setup(test_A3_2_2_not_own, setup),
        cmocka_unit_test_setup(test_S3_reason_required, setup),
        cmocka_unit_test_setup(test_A3_2_1_calendar_edges, setup),
        cmocka_unit_test_setup(test_A3_2_1_override, setup),
        cmocka_unit_test_setup(test_A3_2_publicity, setup),
        cmocka_unit_test_setup(test_A3_2_objection_blocks, setup),
        cmocka_unit_test_setup(test_A3_3_1_rechecked_at_every_decision, setup),
        cmocka_unit_test_setup(test_A3_3_4_quota, setup),
        cmocka_unit_test_setup(test_A3_3_4_one_per_business, setup),
        cmocka_unit_test_setup(test_A3_3_4_one_per_operator, setup),
        cmocka_unit_test_setup(test_A3_2_2_joint_review, setup),
        cmocka_unit_test_setup(test_A3_2_2_spot_check, setup),
        cmocka_unit_test_setup(test_round_invalid_input, setup),
        cmocka_unit_test_setup(test_round_words, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
