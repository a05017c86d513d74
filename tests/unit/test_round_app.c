/* app/round*.c against a real store (a SQLite file): the 名特优新 round end to end,
 * each step with its history row and audit entry in one transaction; refusals that
 * change nothing; the quota (A3.3.4) around floor(5%); one category per business;
 * one per operator on and off; an objection blocking recognition (A3.2); the
 * re-check after a new published run and the 5-year ban after revocation (A3.3.5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "store_fixture.h"
#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "app/audit.h"
#include "app/round.h"
#include "core/error.h"
#include "rules/round_explain.h"
#include "rules_fixture.h"

static char dbPath[256];
static const int64_t T0 = 1756684800; /* 2025-09-01T00:00:00Z */
static int64_t clockNow = T0;

static const appRoundWho clerk = {.name = "clerk1", .role = "clerk", .actor = {.role = RROLE_CLERK}};
static const appRoundWho leader = {.name = "leader1", .role = "reviewer", .actor = {.role = RROLE_REVIEWER}};
static const appRoundWho inspector = {.name = "city1", .role = "inspector", .actor = {.role = RROLE_INSPECTOR}};
#define DEPT "区商务局"
static const appRoundWho dept = {.name = "commerce", .role = "department",
                                 .actor = {.role = RROLE_DEPARTMENT, .department = DEPT}};

static civilDate D(int y, int m, int d) { return dateFromYmd(y, m, d); }

/* A valid 个体工商户 USCC numbered n. */
static void code(char out[USCC_LEN + 1], int n) {
    snprintf(out, USCC_LEN + 1, "92110115MA%07d", n);
    out[17] = usccCheckChar(out);
    out[18] = '\0';
}

static appRoundWho owner(const char *uscc) {
    const appRoundWho w = {.name = "owner", .role = "business", .actor = {.role = RROLE_OWNER, .uscc = uscc}};
    return w;
}

static int setup(void **state) {
    store *s;
    if (sodium_init() < 0 || fixtureOpen(&s, dbPath, sizeof dbPath, "round")) return -1;
    *state = s;
    return 0;
}

static int teardown(void **state) {
    fixtureRemove(*state, dbPath);
    return 0;
}

/* A growth business (the rules fixture) numbered n, with an operator ID and,
 * when abnormal, an abnormal-list entry from abnormal on. */
static void business(store *s, int n, const char *operator_id, civilDate abnormal) {
    dossier d;
    dAnnualReport reps[2];
    fixtureGrowth(&d, &reps[0], 2025);
    reps[1] = (dAnnualReport){2025, D(2026, 5, 20), true, 30000000, -1};
    d.n_annual_reports = 2;
    d.annual_reports = reps;
    code(d.uscc, n);
    d.name = "北京市大兴区老字号商店";
    d.town = "黄村镇";
    d.operator_name = "张三";
    d.operator_id = operator_id;
    const dInterval iv = {abnormal, DATE_NONE};
    if (abnormal != DATE_NONE) d.abnormal_list = (dIntervals){&iv, 1};
    fixtureApply(s, &d, "dossier");
}

/* A published run of year with these counts (A3.3.4 reads growth and development). */
static void publishRun(store *s, int year, int growth, int development) {
    const storeRun info = {.year = year, .params_json = "{}", .params_sha256 = "0", .program_version = "t",
                           .actor = "t"};
    const int64_t by[4] = {0, growth, development, 0};
    int64_t id;
    int y;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &id), 0);
    assert_int_equal(storeRunFinish(s, id, growth + development, by), 0);
    assert_int_equal(storePublish(s, id, "t", &y), 0);
    assert_int_equal(storeCommit(s), 0);
}

static yearParams params(int year) {
    yearParams p;
    fixtureParams(&p, year);
    return p;
}

static int countAudit(void *ctx, const storeAudit *e) {
    (void)e;
    ++*(int *)ctx;
    return 0;
}

static int audits(store *s) {
    int n = 0;
    assert_int_equal(storeEachAuditChain(s, countAudit, &n), 0);
    return n;
}

static int countStep(void *ctx, const storeRoundStep *st) {
    (void)st;
    ++*(int *)ctx;
    return 0;
}

static int steps(store *s, const char *id) {
    int n = 0;
    assert_int_equal(storeEachRoundStep(s, id, countStep, &n), 0);
    return n;
}

static roundState stateOf(store *s, const char *id) {
    arena a;
    arenaInit(&a, 1024, 0);
    storeRoundApp app;
    assert_int_equal(storeRoundGet(s, id, &a, &app), 0);
    arenaFree(&a);
    return app.state;
}

/* A draft of a quality application claiming quality.C (a reviewer judges it). */
static void draft(store *s, const appRoundWho *who, const char *uscc, categoryRoute route, const yearParams *p,
                  char id[STORE_ROUND_ID_SIZE]) {
    const appRoundDraft d = {.uscc = uscc, .category = CAT_QUALITY, .route = route,
                             .recommended_by = route == ROUTE_RECOMMENDED ? DEPT : NULL, .claimed = {2},
                             .n_claimed = 1, .statement = "持有二级技能证书"};
    appRoundOutcome out;
    assert_int_equal(appRoundCreate(&out, s, who, &d, clockNow++, p), 0);
    snprintf(id, STORE_ROUND_ID_SIZE, "%s", out.id);
}

/* Applies action a (with reason and date) on today; returns the use case's code. */
static int act(store *s, const appRoundWho *who, const char *id, roundAction a, const char *reason, civilDate date,
               civilDate today, const yearParams *p, appRoundOutcome *out) {
    const roundRequest rq = {.action = a, .reason = reason, .date = date};
    const appRoundExtra x = {.revocation = REVOKE_FRAUD};
    return appRoundAct(out, s, who, id, &rq, &x, today, clockNow++, p);
}

static void ok(store *s, const appRoundWho *who, const char *id, roundAction a, const char *reason, civilDate today,
               const yearParams *p) {
    appRoundOutcome out;
    const int rc = act(s, who, id, a, reason, DATE_NONE, today, p, &out);
    if (rc) fail_msg("%s: %d %s", roundActionCode(a), rc, out.message);
}

/* The self-application route from draft to publicity, starting on 1 September. */
static void toPublicity(store *s, const char *uscc, const char *id, const yearParams *p) {
    const appRoundWho me = owner(uscc);
    appRoundOutcome out;
    ok(s, &me, id, RACT_SUBMIT, NULL, D(2025, 9, 1), p);
    ok(s, &clerk, id, RACT_ACCEPT, NULL, D(2025, 9, 2), p);
    ok(s, &clerk, id, RACT_PASS_REVIEW, NULL, D(2025, 9, 3), p);
    ok(s, &clerk, id, RACT_RECORD_VISIT, "门店经营正常，证书原件已核", D(2025, 9, 4), p);
    assert_int_equal(appRoundOpinion(&out, s, &clerk, id, DEPT, OPINION_PENDING, NULL, clockNow++), 0);
    assert_int_equal(appRoundOpinion(&out, s, &dept, id, DEPT, OPINION_AGREE, NULL, clockNow++), 0);
    ok(s, &leader, id, RACT_PROPOSE, NULL, D(2025, 9, 10), p);
    ok(s, &leader, id, RACT_PUBLICISE, NULL, D(2025, 9, 11), p);
}

typedef struct actionSeen { int n; char actions[24][40]; } actionSeen;

static int seeAction(void *ctx, const storeAudit *e) {
    actionSeen *w = ctx;
    if (w->n < 24) snprintf(w->actions[w->n], sizeof w->actions[0], "%s", e->action);
    w->n++;
    return 0;
}

/* A3.2.2 自主申报: draft → … → recognised → reported, every step audited in order. */
static void test_A3_2_2_self_application_recognised(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    publishRun(s, 2025, 400, 100); /* quota floor(5% × 500) = 25 */
    char u[USCC_LEN + 1], other[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 1);
    code(other, 2);
    business(s, 1, "110115198001010011", DATE_NONE);
    const appRoundWho me = owner(u), stranger = owner(other);
    const int before = audits(s);
    /* the form shows what the data holds */
    arena ar;
    arenaInit(&ar, 8192, 0);
    appRoundForm form;
    assert_int_equal(appRoundPrefill(&form, s, u, ROUTE_SELF, D(2025, 9, 1), &p, &ar), 0);
    assert_string_equal(form.name, "北京市大兴区老字号商店");
    assert_true(form.checked);
    assert_int_equal(form.categories[CAT_QUALITY].type, TYPE_GROWTH);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    /* evidence: a PDF, read by staff and the owner, not by another owner */
    static const unsigned char pdf[] = "%PDF-1.4 certificate";
    appRoundOutcome out;
    assert_int_equal(appRoundEvidenceAdd(&out, s, &me, id, "证书.pdf", "application/pdf", pdf, sizeof pdf, clockNow++), 0);
    const int64_t ev = out.record_id;
    assert_int_equal(appRoundEvidenceAdd(&out, s, &me, id, "x.png", "image/png", pdf, sizeof pdf, clockNow++), GH_EINVAL);
    assert_int_equal(appRoundEvidenceAdd(&out, s, &stranger, id, "x.pdf", "application/pdf", pdf, sizeof pdf,
                                         clockNow++), GH_EREFUSED);
    storeEvidence e;
    assert_int_equal(appRoundEvidenceGet(&e, s, &clerk, ev, &ar), 0);
    assert_memory_equal(e.bytes, pdf, sizeof pdf);
    assert_int_equal(appRoundEvidenceGet(&e, s, &me, ev, &ar), 0);
    assert_int_equal(appRoundEvidenceGet(&e, s, &stranger, ev, &ar), GH_ENOTFOUND);
    assert_int_equal(appRoundEvidenceGet(&e, s, &dept, ev, &ar), GH_ENOTFOUND); /* not its recommendation */
    toPublicity(s, u, id, &p);
    assert_int_equal(stateOf(s, id), RSTATE_PUBLICITY);
    /* recognition the day after publicity's last day (7 days from 11 September) */
    assert_int_equal(act(s, &leader, id, RACT_RECOGNISE, NULL, DATE_NONE, D(2025, 9, 17), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_PUBLICITY_RUNNING);
    ok(s, &leader, id, RACT_RECOGNISE, NULL, D(2025, 9, 18), &p);
    ok(s, &clerk, id, RACT_REPORT, NULL, D(2025, 9, 19), &p);
    assert_int_equal(stateOf(s, id), RSTATE_REPORTED);
    storeRecognition r;
    assert_int_equal(storeRecognitionGet(s, id, &ar, &r), 0);
    assert_int_equal(r.recognised_on, D(2025, 9, 18));
    assert_int_equal(r.expires, D(2028, 9, 18));
    assert_int_equal(r.type, TYPE_GROWTH);
    assert_int_equal(steps(s, id), 8);
    /* every step audited, in order, and the chain verifies */
    actionSeen seen = {0};
    assert_int_equal(storeEachAudit(s, NULL, 24, seeAction, &seen), 0); /* newest first */
    static const char *const expect[] = {"round.report", "round.recognise", "round.publicise", "round.propose",
                                         "round.opinion", "round.opinion", "round.record_visit", "round.pass_review",
                                         "round.accept", "round.submit", "round.evidence", "round.create"};
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) assert_string_equal(seen.actions[i], expect[i]);
    assert_int_equal(audits(s), before + 12);
    int64_t checked, bad;
    assert_int_equal(auditVerify(s, &checked, &bad), 0);
    assert_int_equal(bad, 0);
    /* the city's spot check: material by a date, supplied, then refused */
    assert_int_equal(act(s, &inspector, id, RACT_SPOT_REQUEST, "补充职业资格证书原件", D(2025, 10, 10), D(2025, 10, 1),
                         &p, &out), 0);
    ok(s, &me, id, RACT_SUPPLEMENT, NULL, D(2025, 10, 9), &p);
    ok(s, &inspector, id, RACT_SPOT_REFUSE, "证书与经营无关", D(2025, 10, 20), &p);
    assert_int_equal(storeRecognitionGet(s, id, &ar, &r), 0);
    assert_int_equal(r.ended, RECOG_CITY_REFUSED);
    arenaFree(&ar);
}

/* Issue 9 §2 "size limits": at most APP_ROUND_EVIDENCE_FILES files per case; the next is refused, nothing written. */
static void test_A3_2_evidence_per_case_limit(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 31);
    business(s, 31, "110115198001010311", DATE_NONE);
    const appRoundWho me = owner(u);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    static const unsigned char pdf[] = "%PDF-1.4 page";
    appRoundOutcome out;
    for (int i = 0; i < APP_ROUND_EVIDENCE_FILES; i++)
        assert_int_equal(appRoundEvidenceAdd(&out, s, &me, id, "p.pdf", "application/pdf", pdf, sizeof pdf, clockNow++), 0);
    const int before = audits(s);
    assert_int_equal(appRoundEvidenceAdd(&out, s, &me, id, "p.pdf", "application/pdf", pdf, sizeof pdf, clockNow++),
                     GH_EINVAL);
    assert_non_null(strstr(out.message, "20"));
    assert_int_equal(audits(s), before);
}

/* A3.2.2 部门推荐: nothing moves before the operator's consent, given by the owner
 * or recorded by a clerk with the signed form's scan. */
static void test_A3_2_2_recommendation_consent(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    publishRun(s, 2025, 400, 100);
    char u[USCC_LEN + 1], v[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE], id2[STORE_ROUND_ID_SIZE];
    code(u, 11);
    code(v, 12);
    business(s, 11, "110115198001010111", DATE_NONE);
    business(s, 12, "110115198001010112", DATE_NONE);
    const appRoundWho me = owner(u);
    appRoundOutcome out;
    draft(s, &dept, u, ROUTE_RECOMMENDED, &p, id);
    ok(s, &dept, id, RACT_RECOMMEND, NULL, D(2025, 9, 1), &p);
    assert_int_equal(stateOf(s, id), RSTATE_CONSENT);
    assert_int_equal(act(s, &clerk, id, RACT_ACCEPT, NULL, DATE_NONE, D(2025, 9, 2), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_ILLEGAL);
    ok(s, &me, id, RACT_CONSENT, NULL, D(2025, 9, 2), &p);
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeConsent c;
    assert_int_equal(storeConsentGet(s, id, &ar, &c), 0);
    assert_int_equal(c.how, CONSENT_OWNER);
    assert_int_equal(c.consent_on, D(2025, 9, 2));
    /* the case's re-check, as staff see it, knows the recorded consent: no NO_CONSENT */
    storeRoundApp app;
    assert_int_equal(storeRoundGet(s, id, &ar, &app), 0);
    appRoundForm f;
    assert_int_equal(appRoundCaseCheck(&f, s, &app, D(2025, 9, 3), &p, &ar), 0);
    const categoryResult *cr = &f.categories[app.category];
    for (size_t i = 0; i < cr->n_reasons; i++) assert_int_not_equal(cr->reasons[i].code, CREASON_NO_CONSENT);
    appRoundForm before;
    assert_int_equal(appRoundPrefill(&before, s, u, ROUTE_RECOMMENDED, D(2025, 9, 3), &p, &ar), 0);
    bool fresh_lacks_consent = false; /* a fresh form has no consent yet, so it does say NO_CONSENT */
    for (size_t i = 0; i < before.categories[app.category].n_reasons; i++)
        fresh_lacks_consent |= before.categories[app.category].reasons[i].code == CREASON_NO_CONSENT;
    assert_true(fresh_lacks_consent);
    ok(s, &clerk, id, RACT_ACCEPT, NULL, D(2025, 9, 3), &p);
    ok(s, &clerk, id, RACT_PASS_REVIEW, NULL, D(2025, 9, 4), &p);
    assert_int_equal(stateOf(s, id), RSTATE_JOINT); /* recommendations skip the site visit */
    /* a clerk records a consent only with its scan, of this case */
    draft(s, &dept, v, ROUTE_RECOMMENDED, &p, id2);
    ok(s, &dept, id2, RACT_RECOMMEND, NULL, D(2025, 9, 1), &p);
    const roundRequest rq = {.action = RACT_CONSENT, .date = D(2025, 9, 1)};
    appRoundExtra x = {.consent_scan = 0};
    assert_int_equal(appRoundAct(&out, s, &clerk, id2, &rq, &x, D(2025, 9, 3), clockNow++, &p), GH_EINVAL);
    assert_int_equal(stateOf(s, id2), RSTATE_CONSENT);
    static const unsigned char png[] = "\x89PNG\r\n\x1a\nscan";
    assert_int_equal(appRoundEvidenceAdd(&out, s, &clerk, id2, "同意书.png", "image/png", png, sizeof png, clockNow++),
                     0);
    x.consent_scan = out.record_id;
    assert_int_equal(appRoundAct(&out, s, &clerk, id2, &rq, &x, D(2025, 9, 3), clockNow++, &p), 0);
    assert_int_equal(storeConsentGet(s, id2, &ar, &c), 0);
    assert_int_equal(c.how, CONSENT_SCAN);
    assert_int_equal(c.evidence_id, x.consent_scan);
    assert_int_equal(c.consent_on, D(2025, 9, 1));
    arenaFree(&ar);
}

/* S3(二): a refused action changes neither state, history nor audit trail. */
static void test_refusal_changes_nothing(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 21);
    business(s, 21, NULL, DATE_NONE);
    const appRoundWho me = owner(u);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    const int a = audits(s);
    appRoundOutcome out;
    assert_int_equal(act(s, &me, id, RACT_SUBMIT, NULL, DATE_NONE, D(2025, 12, 5), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_CALENDAR);
    assert_non_null(strstr(out.message, "2025年11月30日")); /* the window's end, quoted */
    assert_int_equal(act(s, &clerk, id, RACT_SUBMIT, NULL, DATE_NONE, D(2025, 9, 5), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_ROLE);
    assert_int_equal(act(s, &me, "2025-9999", RACT_SUBMIT, NULL, DATE_NONE, D(2025, 9, 5), &p, &out), GH_ENOTFOUND);
    assert_int_equal(stateOf(s, id), RSTATE_DRAFT);
    assert_int_equal(steps(s, id), 0);
    assert_int_equal(audits(s), a);
    /* a draft for someone else's business, or criteria of another category */
    char v[USCC_LEN + 1];
    code(v, 22);
    const appRoundDraft d = {.uscc = v, .category = CAT_QUALITY, .route = ROUTE_SELF, .claimed = {2}, .n_claimed = 1};
    assert_int_equal(appRoundCreate(&out, s, &me, &d, clockNow++, &p), GH_EREFUSED);
    const appRoundDraft bad = {.uscc = u, .category = CAT_EMERGING, .route = ROUTE_SELF, .claimed = {5}, .n_claimed = 1};
    assert_int_equal(appRoundCreate(&out, s, &me, &bad, clockNow++, &p), GH_EINVAL);
    assert_int_equal(audits(s), a);
}

static int seeOverride(void *ctx, const storeRoundStep *st) {
    assert_true(st->override);
    assert_string_equal(st->override_by, "admin1");
    assert_string_equal(st->override_reason, "11月29日系统故障");
    ++*(int *)ctx;
    return 0;
}

static int seeOverrideAudit(void *ctx, const storeAudit *e) {
    assert_non_null(strstr(e->after, "\"override_reason\":\"11月29日系统故障\""));
    ++*(int *)ctx;
    return 0;
}

/* A3.2.1: outside the window an administrator's override, with its reason, lets an
 * owner's submission in; the history and the audit entry say so. */
static void test_A3_2_1_override(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 23);
    business(s, 23, NULL, DATE_NONE);
    const appRoundWho me = owner(u);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    appRoundOutcome out;
    roundRequest rq = {.action = RACT_SUBMIT, .date = DATE_NONE, .override = true, .override_by = RROLE_CLERK,
                       .override_reason = "11月29日系统故障"};
    const appRoundExtra x = {.override_name = "admin1"};
    assert_int_equal(appRoundAct(&out, s, &me, id, &rq, &x, D(2025, 12, 1), clockNow++, &p), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_OVERRIDE_ROLE);
    rq.override_by = RROLE_ADMIN;
    assert_int_equal(appRoundAct(&out, s, &me, id, &rq, &x, D(2025, 12, 1), clockNow++, &p), 0);
    assert_true(out.decision.overridden);
    int n = 0;
    assert_int_equal(storeEachRoundStep(s, id, seeOverride, &n), 0);
    assert_int_equal(n, 1);
    int audited = 0;
    assert_int_equal(storeEachAudit(s, "round.submit", 1, seeOverrideAudit, &audited), 0);
    assert_int_equal(audited, 1);
}

static int seeGranted(void *ctx, const storeRoundStep *st) {
    if (st->action != RACT_ACCEPT) return assert_false(st->override), 0;
    assert_true(st->override);
    assert_string_equal(st->actor, "clerk1");
    assert_string_equal(st->override_by, "admin1");
    assert_string_equal(st->override_reason, "经营者12月1日补交，局长同意");
    ++*(int *)ctx;
    return 0;
}

/* Decision 84: an administrator grants ahead, with a reason, the override of another
 * role's late step; the step uses it (the history names the administrator) and spends it. */
static void test_A3_2_1_override_granted(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 24);
    business(s, 24, NULL, DATE_NONE);
    const appRoundWho me = owner(u);
    const appRoundWho admin = {.name = "admin1", .role = "admin", .actor = {.role = RROLE_ADMIN}};
    draft(s, &me, u, ROUTE_SELF, &p, id);
    appRoundOutcome out;
    assert_int_equal(act(s, &me, id, RACT_SUBMIT, NULL, DATE_NONE, D(2025, 9, 5), &p, &out), 0);
    assert_int_equal(act(s, &clerk, id, RACT_ACCEPT, NULL, DATE_NONE, D(2025, 12, 1), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_CALENDAR);
    /* only an administrator grants, with a reason */
    assert_int_equal(appRoundOverrideGrant(&out, s, &clerk, id, RACT_ACCEPT, "x", clockNow++), GH_EREFUSED);
    assert_int_equal(appRoundOverrideGrant(&out, s, &admin, id, RACT_ACCEPT, " ", clockNow++), GH_EREFUSED);
    assert_int_equal(appRoundOverrideGrant(&out, s, &admin, "2025-9999", RACT_ACCEPT, "x", clockNow++), GH_ENOTFOUND);
    const int a = audits(s);
    assert_int_equal(appRoundOverrideGrant(&out, s, &admin, id, RACT_ACCEPT, "经营者12月1日补交，局长同意", clockNow++), 0);
    assert_int_equal(audits(s), a + 1);
    assert_int_equal(appRoundOverrideGrant(&out, s, &admin, id, RACT_ACCEPT, "again", clockNow++), GH_EINVAL);
    assert_int_equal(act(s, &clerk, id, RACT_ACCEPT, NULL, DATE_NONE, D(2025, 12, 1), &p, &out), 0);
    assert_true(out.decision.overridden);
    int n = 0;
    assert_int_equal(storeEachRoundStep(s, id, seeGranted, &n), 0);
    assert_int_equal(n, 1);
    /* spent: the next late step is refused again */
    arena ar;
    arenaInit(&ar, 1024, 0);
    storeOverrideGrant g;
    assert_int_equal(storeOverrideGrantOpen(s, id, RACT_ACCEPT, &ar, &g), GH_ENOTFOUND);
    arenaFree(&ar);
    assert_int_equal(act(s, &clerk, id, RACT_PASS_REVIEW, NULL, DATE_NONE, D(2025, 12, 1), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_CALENDAR);
}

/* A recognition held by another case, written directly (the district's others). */
static void heldElsewhere(store *s, int n, const yearParams *p) {
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, n);
    business(s, n, NULL, DATE_NONE);
    const storeRoundApp a = {.year = 2025, .uscc = u, .category = CAT_FAMOUS, .route = ROUTE_SELF, .claimed = {0},
                             .n_claimed = 1, .state = RSTATE_RECOGNISED, .applied_on = D(2025, 8, 20),
                             .created_by = "t", .created_at = "2025-08-20T00:00:00Z"}; /* timestamptz refuses "t" */
    assert_int_equal(storeRoundCreate(s, &a, id), 0);
    const storeRecognition r = {.app_id = id, .uscc = u, .year = 2025, .category = CAT_FAMOUS, .route = ROUTE_SELF,
                                .type = TYPE_GROWTH, .recognised_on = D(2025, 9, 1),
                                .expires = D(2025 + p->category_valid_years, 9, 1), .dept_consent_on = DATE_NONE,
                                .ended_on = DATE_NONE};
    assert_int_equal(storeRecognitionAdd(s, &r), 0);
}

/* A3.3.4: quota = floor(5% × 40) = 2. Two cases are listed while there is room;
 * with one other recognition (quota − 1) the first is recognised (exactly the
 * quota), the second is refused with the figures; a smaller run leaves the
 * district one above (+1, remaining −1). */
static void test_A3_3_4_quota(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    publishRun(s, 2025, 39, 1);
    char u[2][USCC_LEN + 1], id[2][STORE_ROUND_ID_SIZE];
    for (int i = 0; i < 2; i++) {
        code(u[i], 31 + i);
        business(s, 31 + i, NULL, DATE_NONE);
        const appRoundWho me = owner(u[i]);
        draft(s, &me, u[i], ROUTE_SELF, &p, id[i]);
        toPublicity(s, u[i], id[i], &p);
    }
    roundQuota q;
    assert_int_equal(appRoundQuota(&q, s, D(2025, 9, 18), &p), 0);
    assert_int_equal(q.quota, 2);
    assert_int_equal(q.recognised, 0);
    heldElsewhere(s, 39, &p);
    assert_int_equal(appRoundQuota(&q, s, D(2025, 9, 18), &p), 0);
    assert_int_equal(q.remaining, 1); /* quota − 1 recognised */
    ok(s, &leader, id[0], RACT_RECOGNISE, NULL, D(2025, 9, 18), &p);
    assert_int_equal(appRoundQuota(&q, s, D(2025, 9, 18), &p), 0);
    assert_int_equal(q.recognised, 2); /* exactly the quota */
    assert_int_equal(q.remaining, 0);
    appRoundOutcome out;
    const int a = audits(s);
    assert_int_equal(act(s, &leader, id[1], RACT_RECOGNISE, NULL, DATE_NONE, D(2025, 9, 18), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.n, 1);
    assert_int_equal(out.decision.reasons[0].code, RREASON_QUOTA);
    assert_int_equal(out.decision.reasons[0].quota.quota, 2);
    assert_int_equal(out.decision.reasons[0].quota.recognised, 2);
    assert_int_equal(stateOf(s, id[1]), RSTATE_PUBLICITY);
    assert_int_equal(audits(s), a);
    publishRun(s, 2025, 20, 0); /* quota floor(5% × 20) = 1 */
    assert_int_equal(appRoundQuota(&q, s, D(2025, 9, 18), &p), 0);
    assert_int_equal(q.quota, 1);
    assert_int_equal(q.remaining, -1);
}

typedef struct rankSeen { int n; char first[STORE_ROUND_ID_SIZE]; } rankSeen;

static int seeRank(void *ctx, int rank, const roundCandidate *c, const storeRoundApp *a, const char *notes) {
    rankSeen *w = ctx;
    assert_string_equal(c->id, a->id);
    assert_non_null(notes);
    if (a->state == RSTATE_PUBLICITY) /* the visit's reason, the one note toPublicity records */
        assert_string_equal(notes, "记录走访核实：门店经营正常，证书原件已核");
    else assert_string_equal(notes, "");
    if (rank == 1) snprintf(w->first, sizeof w->first, "%s", a->id);
    w->n++;
    return 0;
}

/* A3.3.2 比选: the candidates of a category, in the states asked for, in rank
 * order; equal data leaves the USCC to decide. */
static void test_A3_3_2_candidates(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    publishRun(s, 2025, 400, 100);
    char u[USCC_LEN + 1], v[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE], id2[STORE_ROUND_ID_SIZE];
    code(u, 101);
    code(v, 102);
    business(s, 101, NULL, DATE_NONE);
    business(s, 102, NULL, DATE_NONE);
    const appRoundWho me = owner(u), me2 = owner(v);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    draft(s, &me2, v, ROUTE_SELF, &p, id2);
    toPublicity(s, u, id, &p);
    rankSeen none = {0};
    assert_int_equal(appRoundCandidates(s, CAT_FAMOUS, 0, D(2025, 9, 12), &p, seeRank, &none), 0);
    assert_int_equal(none.n, 0);
    rankSeen one = {0};
    assert_int_equal(appRoundCandidates(s, CAT_QUALITY, 0, D(2025, 9, 12), &p, seeRank, &one), 0);
    assert_int_equal(one.n, 1); /* the draft is not a candidate */
    rankSeen both = {0};
    const unsigned all = 1u << RSTATE_DRAFT | 1u << RSTATE_PUBLICITY;
    assert_int_equal(appRoundCandidates(s, CAT_QUALITY, all, D(2025, 9, 12), &p, seeRank, &both), 0);
    assert_int_equal(both.n, 2);
    assert_string_equal(both.first, id); /* equal data: USCC then id decide */
}

/* A3.3.4: one category per business: a second application of the business is
 * refused while the first is open. */
static void test_A3_3_4_one_per_business(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    char u[USCC_LEN + 1], id[2][STORE_ROUND_ID_SIZE];
    code(u, 41);
    business(s, 41, NULL, DATE_NONE);
    const appRoundWho me = owner(u);
    draft(s, &me, u, ROUTE_SELF, &p, id[0]);
    draft(s, &me, u, ROUTE_SELF, &p, id[1]);
    ok(s, &me, id[0], RACT_SUBMIT, NULL, D(2025, 9, 1), &p);
    appRoundOutcome out;
    assert_int_equal(act(s, &me, id[1], RACT_SUBMIT, NULL, DATE_NONE, D(2025, 9, 1), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_ONE_PER_BUSINESS);
    ok(s, &me, id[0], RACT_WITHDRAW, "改报其他类别", D(2025, 9, 2), &p);
    ok(s, &me, id[1], RACT_SUBMIT, NULL, D(2025, 9, 2), &p); /* the withdrawn one no longer counts */
}

/* A3.3.4 (a year parameter): one recognised business per operator, off and on. */
static void test_A3_3_4_one_per_operator(void **state) {
    store *s = *state;
    yearParams p = params(2025);
    char u[USCC_LEN + 1], v[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE], id2[STORE_ROUND_ID_SIZE];
    code(u, 51);
    code(v, 52);
    business(s, 51, "110115197001010051", DATE_NONE);
    business(s, 52, "110115197001010051", DATE_NONE);
    const appRoundWho me = owner(u), me2 = owner(v);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    const storeRecognition r = {.app_id = id, .uscc = u, .year = 2025, .category = CAT_QUALITY, .route = ROUTE_SELF,
                                .type = TYPE_GROWTH, .recognised_on = D(2025, 8, 20), .expires = D(2028, 8, 20),
                                .dept_consent_on = DATE_NONE, .ended_on = DATE_NONE};
    assert_int_equal(storeRecognitionAdd(s, &r), 0);
    draft(s, &me2, v, ROUTE_SELF, &p, id2);
    appRoundOutcome out;
    p.category_one_per_operator = true;
    assert_int_equal(act(s, &me2, id2, RACT_SUBMIT, NULL, DATE_NONE, D(2025, 9, 1), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_ONE_PER_OPERATOR);
    p.category_one_per_operator = false; /* Daxing: 53号 does not state it */
    ok(s, &me2, id2, RACT_SUBMIT, NULL, D(2025, 9, 1), &p);
}

static int seeContact(void *ctx, const storeAudit *e) {
    const char *contact = ctx;
    if (e->after) assert_null(strstr(e->after, contact));
    if (e->object) assert_null(strstr(e->object, contact));
    return 0;
}

/* A3.2 公示: an objection within the window blocks recognition until answered;
 * its contact is never in the audit trail. */
static void test_A3_2_objection_blocks(void **state) {
    store *s = *state;
    const yearParams p = params(2025);
    publishRun(s, 2025, 400, 100);
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 61);
    business(s, 61, NULL, DATE_NONE);
    const appRoundWho me = owner(u);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    toPublicity(s, u, id, &p);
    sbuf pub;
    sbufInit(&pub);
    assert_int_equal(appRoundPublicityJson(&pub, s, 2025), 0);
    cJSON *list = cJSON_Parse(pub.data);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(list, "businesses")), 1);
    cJSON_Delete(list);
    assert_non_null(strstr(pub.data, u));
    assert_non_null(strstr(pub.data, "\"publicity_until\":\"2025-09-17\""));
    assert_null(strstr(pub.data, "张三"));
    assert_null(strstr(pub.data, "operator"));
    sbufFree(&pub);
    appRoundOutcome out;
    assert_int_equal(appRoundObject(&out, s, "1.2.3.4", id, "该店已停业", "13912345678", D(2025, 9, 18), clockNow++, &p),
                     GH_EREFUSED); /* after the window */
    assert_int_equal(appRoundObject(&out, s, "1.2.3.4", id, "　", NULL, D(2025, 9, 12), clockNow++, &p), GH_EREFUSED);
    assert_int_equal(appRoundObject(&out, s, "1.2.3.4", id, "该店已停业", "13912345678", D(2025, 9, 17), clockNow++, &p),
                     0);
    const int64_t obj = out.record_id;
    assert_int_equal(act(s, &leader, id, RACT_RECOGNISE, NULL, DATE_NONE, D(2025, 9, 18), &p, &out), GH_EREFUSED);
    assert_int_equal(out.decision.reasons[0].code, RREASON_OBJECTION_OPEN);
    assert_int_equal(appRoundAnswer(&out, s, &me, id, obj, "x", clockNow++), GH_EREFUSED); /* staff answer */
    assert_int_equal(appRoundAnswer(&out, s, &clerk, id, obj, "经实地核实，该店正常营业", clockNow++), 0);
    assert_int_equal(appRoundAnswer(&out, s, &clerk, id, obj, "again", clockNow++), GH_EINVAL);
    ok(s, &leader, id, RACT_RECOGNISE, NULL, D(2025, 9, 18), &p);
    assert_int_equal(storeEachAudit(s, NULL, 1000, seeContact, "13912345678"), 0);
    /* the case as shown: the contact to staff only; the publicity list has nothing personal */
    sbuf b;
    sbufInit(&b);
    assert_int_equal(appRoundCaseJson(&b, s, &clerk, id), 0);
    cJSON *doc = cJSON_Parse(b.data);
    assert_non_null(doc); /* valid JSON */
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "history")), 7);
    cJSON_Delete(doc);
    assert_non_null(strstr(b.data, "13912345678"));
    assert_non_null(strstr(b.data, "\"action\":\"recognise\""));
    sbufClear(&b);
    assert_int_equal(appRoundCaseJson(&b, s, &me, id), 0);
    assert_null(strstr(b.data, "13912345678"));
    assert_non_null(strstr(b.data, "\"state\":\"recognised\""));
    assert_non_null(strstr(b.data, "\"recognition\":{\"recognised_on\":\"2025-09-18\""));
    sbufClear(&b);
    const appRoundWho stranger = owner("92110115MA0000000B");
    assert_int_equal(appRoundCaseJson(&b, s, &stranger, id), GH_ENOTFOUND);
    sbufFree(&b);
}

typedef struct recheckSeen { int n, kept; char uscc[USCC_LEN + 1]; } recheckSeen;

static int seeRecheck(void *ctx, const storeRecognition *r, const roundRecheck *c, bool kept) {
    recheckSeen *w = ctx;
    w->kept += kept;
    assert_true(c->flagged);
    snprintf(w->uscc, sizeof w->uscc, "%s", r->uscc);
    w->n++;
    return 0;
}

/* A3.3.5: after the next published run, a recognition whose business no longer
 * meets the typing base standard goes on the cancellation worklist; cancelled with
 * a reason, it leaves it. */
static void test_A3_3_5_recheck_after_run(void **state) {
    store *s = *state;
    const yearParams p = params(2025), p26 = params(2026);
    publishRun(s, 2025, 400, 100);
    char u[USCC_LEN + 1], w[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE], id2[STORE_ROUND_ID_SIZE];
    code(u, 71);
    code(w, 72);
    business(s, 71, NULL, DATE_NONE);
    business(s, 72, NULL, DATE_NONE);
    const appRoundWho me = owner(u), me2 = owner(w);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    draft(s, &me2, w, ROUTE_SELF, &p, id2);
    toPublicity(s, u, id, &p);
    toPublicity(s, w, id2, &p);
    ok(s, &leader, id, RACT_RECOGNISE, NULL, D(2025, 9, 18), &p);
    ok(s, &leader, id2, RACT_RECOGNISE, NULL, D(2025, 9, 18), &p);
    business(s, 71, NULL, D(2026, 3, 1)); /* listed as abnormal since March 2026 */
    recheckSeen seen = {0};
    assert_int_equal(appRoundRecheck(s, &p26, seeRecheck, &seen), GH_ENOTFOUND); /* no published run yet */
    publishRun(s, 2026, 400, 100);
    assert_int_equal(appRoundRecheck(s, &p26, seeRecheck, &seen), 0);
    assert_int_equal(seen.n, 1);
    assert_string_equal(seen.uscc, u);
    assert_int_equal(seen.kept, 0);
    /* kept with a reason: still listed, marked kept; the unflagged one cannot be "kept" */
    appRoundOutcome out;
    assert_int_equal(appRoundKeep(&out, s, &leader, id2, "整改完毕", clockNow++, &p26), GH_EREFUSED);
    assert_int_equal(appRoundKeep(&out, s, &clerk, id, "整改完毕", clockNow++, &p26), GH_EREFUSED);
    assert_int_equal(appRoundKeep(&out, s, &leader, id, "已移出经营异常名录", clockNow++, &p26), 0);
    recheckSeen kept = {0};
    assert_int_equal(appRoundRecheck(s, &p26, seeRecheck, &kept), 0);
    assert_int_equal(kept.n, 1);
    assert_int_equal(kept.kept, 1);
    assert_int_equal(act(s, &leader, id, RACT_CANCEL, NULL, DATE_NONE, D(2026, 8, 10), &p, &out), GH_EREFUSED);
    ok(s, &leader, id, RACT_CANCEL, "列入经营异常名录，不再符合分型基础标准", D(2026, 8, 10), &p);
    recheckSeen after = {0};
    assert_int_equal(appRoundRecheck(s, &p26, seeRecheck, &after), 0);
    assert_int_equal(after.n, 0);
}

/* A3.3.5: revoked for fraud, the business may not apply again within 5 years
 * (CATEGORY.BANNED), and the revocation needs its kind. */
static void test_A3_3_5_revocation_ban(void **state) {
    store *s = *state;
    const yearParams p = params(2025), p26 = params(2026);
    publishRun(s, 2025, 400, 100);
    publishRun(s, 2026, 400, 100);
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE], again[STORE_ROUND_ID_SIZE];
    code(u, 81);
    business(s, 81, NULL, DATE_NONE);
    const appRoundWho me = owner(u);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    toPublicity(s, u, id, &p);
    ok(s, &leader, id, RACT_RECOGNISE, NULL, D(2025, 9, 18), &p);
    appRoundOutcome out;
    const roundRequest rq = {.action = RACT_REVOKE, .reason = "以伪造证书取得认定", .date = DATE_NONE};
    const appRoundExtra none = {.revocation = REVOKE_NONE};
    assert_int_equal(appRoundAct(&out, s, &leader, id, &rq, &none, D(2025, 10, 1), clockNow++, &p), GH_EINVAL);
    assert_int_equal(stateOf(s, id), RSTATE_RECOGNISED);
    ok(s, &leader, id, RACT_REVOKE, "以伪造证书取得认定", D(2025, 10, 1), &p);
    assert_int_equal(stateOf(s, id), RSTATE_REVOKED);
    arena ar;
    arenaInit(&ar, 2048, 0);
    storeRecognition r;
    assert_int_equal(storeRecognitionGet(s, id, &ar, &r), 0);
    assert_int_equal(r.ended, RECOG_REVOKED);
    assert_int_equal(r.revocation, REVOKE_FRAUD);
    arenaFree(&ar);
    draft(s, &me, u, ROUTE_SELF, &p26, again);
    assert_int_equal(act(s, &me, again, RACT_SUBMIT, NULL, DATE_NONE, D(2026, 9, 1), &p26, &out), GH_EREFUSED);
    bool banned = false;
    for (size_t i = 0; i < out.decision.n; i++)
        banned |= out.decision.reasons[i].code == RREASON_CATEGORY &&
                  out.decision.reasons[i].category.code == CREASON_BANNED;
    assert_true(banned);
    assert_non_null(strstr(out.message, "5"));
}

static int countDue(void *ctx, const storeRecognition *r, roundReportStatus st) {
    (void)r;
    ((int *)ctx)[st]++;
    return 0;
}

static int seeEvaluation(void *ctx, const storeRecognition *r, const roundEvaluation *e) {
    (void)r;
    assert_true(e->in_final_year);
    ++*(int *)ctx;
    return 0;
}

/* A3.3.5: the information report (open, then filed by the owner and confirmed by
 * staff), a commendation, and the final-year evaluation that extends by 3 years. */
static void test_A3_3_5_reports_and_extension(void **state) {
    store *s = *state;
    const yearParams p = params(2025), p26 = params(2026), p28 = params(2028);
    publishRun(s, 2025, 400, 100);
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 91);
    business(s, 91, NULL, DATE_NONE);
    const appRoundWho me = owner(u);
    draft(s, &me, u, ROUTE_SELF, &p, id);
    toPublicity(s, u, id, &p);
    ok(s, &leader, id, RACT_RECOGNISE, NULL, D(2025, 9, 18), &p);
    appRoundOutcome out;
    int due[5] = {0}, late[5] = {0};
    assert_int_equal(appRoundReportsDue(s, D(2026, 7, 1), &p26, true, countDue, due), 0);
    assert_int_equal(due[RREPORT_OPEN], 1);
    assert_int_equal(appRoundReportFile(&out, s, &clerk, id, "无变化", D(2026, 7, 1), clockNow++), GH_EREFUSED);
    assert_int_equal(appRoundReportFile(&out, s, &me, id, "经营场所扩大", D(2026, 7, 1), clockNow++), 0);
    assert_int_equal(appRoundReportFile(&out, s, &me, id, "again", D(2026, 7, 2), clockNow++), GH_EINVAL);
    assert_int_equal(appRoundReportCheck(&out, s, &clerk, 1, false, "", clockNow++), GH_EREFUSED); /* a query says what */
    assert_int_equal(appRoundReportCheck(&out, s, &clerk, 1, true, NULL, clockNow++), 0);
    assert_int_equal(appRoundReportsDue(s, D(2026, 8, 1), &p26, false, countDue, late), 0);
    assert_int_equal(late[RREPORT_MISSING], 0);
    /* B: a district commendation within the period; evaluated in the final year */
    assert_int_equal(appRoundCommend(&out, s, &clerk, u, D(2026, 5, 1), "区级诚信经营示范户", "district", clockNow++), 0);
    assert_int_equal(appRoundExtend(&out, s, &leader, id, D(2026, 9, 1), clockNow++, &p26), GH_EREFUSED);
    int listed = 0;
    assert_int_equal(appRoundEvaluations(s, D(2028, 1, 10), &p28, seeEvaluation, &listed), 0);
    assert_int_equal(listed, 1);
    assert_int_equal(appRoundExtend(&out, s, &clerk, id, D(2028, 1, 10), clockNow++, &p28), GH_EREFUSED);
    assert_int_equal(appRoundExtend(&out, s, &leader, id, D(2028, 1, 10), clockNow++, &p28), 0);
    arena ar;
    arenaInit(&ar, 2048, 0);
    storeRecognition r;
    assert_int_equal(storeRecognitionGet(s, id, &ar, &r), 0);
    assert_int_equal(r.extensions, 1);
    assert_int_equal(r.expires, D(2031, 9, 18));
    arenaFree(&ar);
}

/* The round's view of a signed-in account: the owner's business, the department's name; a bank has no part. */
static void test_who_of_session(void **state) {
    (void)state;
    appSession owner_s = {.role = ROLE_BUSINESS, .username = "o", .role_name = "business", .uscc = "92110115MA0000000B"};
    appSession dept_s = {.role = ROLE_DEPARTMENT, .username = "d", .role_name = "department", .department = DEPT};
    appSession bank_s = {.role = ROLE_BANK, .username = "b", .role_name = "bank"};
    appRoundWho w;
    assert_int_equal(appRoundWhoOf(&w, &owner_s, "1.2.3.4"), 0);
    assert_int_equal(w.actor.role, RROLE_OWNER);
    assert_string_equal(w.actor.uscc, "92110115MA0000000B");
    assert_null(w.actor.department);
    assert_int_equal(appRoundWhoOf(&w, &dept_s, NULL), 0);
    assert_int_equal(w.actor.role, RROLE_DEPARTMENT);
    assert_string_equal(w.actor.department, DEPT);
    assert_int_equal(appRoundWhoOf(&w, &bank_s, NULL), GH_EINVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_A3_2_2_self_application_recognised, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_2_2_recommendation_consent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusal_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_3_4_quota, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_3_4_one_per_business, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_3_4_one_per_operator, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_2_objection_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_3_5_recheck_after_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_3_5_revocation_ban, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_3_5_reports_and_extension, setup, teardown),
        cmocka_unit_test(test_who_of_session),
        cmocka_unit_test_setup_teardown(test_A3_2_1_override_granted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_2_1_override, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_2_evidence_per_case_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_A3_3_2_candidates, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
