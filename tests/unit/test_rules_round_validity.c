/* rules/round_validity.c, round_eval.c, round_compare.c: validity and dynamic
 * management of a recognition (RULES.md A3.3.5), the final-year evaluation, the
 * revocation's ban through categoryCheck, and 比选 (A3.3.2). Named by article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/error.h"
#include "rules/round.h"
#include "rules/round_compare.h"
#include "rules/round_eval.h"
#include "rules/round_validity.h"
#include "rules_fixture.h"

static civilDate ymd(int y, int m, int d) { return dateFromYmd(y, m, d); }

static yearParams params(int year) {
    yearParams p;
    fixtureParams(&p, year);
    return p;
}

static roundRecognition recognition(civilDate on) {
    return (roundRecognition){CAT_QUALITY, ROUTE_SELF, on, 0, TYPE_GROWTH};
}

/* A3.3.5: valid [recognised_on, third anniversary): the anniversary itself is not. */
static void test_A3_3_5_validity_third_anniversary(void **state) {
    (void)state;
    const yearParams p = params(2025);
    roundRecognition r = recognition(ymd(2025, 11, 20));
    assert_int_equal(roundExpiry(&r, &p), ymd(2028, 11, 20));
    assert_false(roundValidAt(&r, ymd(2025, 11, 19), &p));
    assert_true(roundValidAt(&r, ymd(2025, 11, 20), &p));
    assert_true(roundValidAt(&r, ymd(2028, 11, 19), &p)); /* the day before */
    assert_false(roundValidAt(&r, ymd(2028, 11, 20), &p)); /* the anniversary */
    assert_false(roundValidAt(&r, ymd(2028, 11, 21), &p)); /* the day after */
    r.extensions = 1; /* 延长3年, counted from the recognition date */
    assert_int_equal(roundExpiry(&r, &p), ymd(2031, 11, 20));
    assert_int_equal(roundPeriodStart(&r, &p), ymd(2028, 11, 20));
    assert_true(roundValidAt(&r, ymd(2031, 11, 19), &p));
}

/* A3.3.5 from 29 February: the anniversary in a common year is 28 February. */
static void test_A3_3_5_validity_29_february(void **state) {
    (void)state;
    const yearParams p = params(2024);
    roundRecognition r = recognition(ymd(2024, 2, 29));
    assert_int_equal(roundExpiry(&r, &p), ymd(2027, 2, 28));
    assert_true(roundValidAt(&r, ymd(2027, 2, 27), &p));
    assert_false(roundValidAt(&r, ymd(2027, 2, 28), &p));
    assert_false(roundValidAt(&r, ymd(2027, 3, 1), &p));
    r.extensions = 1; /* 2030 is common too; no drift from chaining */
    assert_int_equal(roundExpiry(&r, &p), ymd(2030, 2, 28));
    r.extensions = 3; /* 2036 is a leap year: back to 29 February */
    assert_int_equal(roundExpiry(&r, &p), ymd(2036, 2, 29));
}

/* A3.2.1 "次年1月1日起" the measures; A3.3.5 the final year. */
static void test_A3_2_1_measures_and_A3_3_5_final_year(void **state) {
    (void)state;
    const yearParams p = params(2025);
    const roundRecognition r = recognition(ymd(2025, 11, 20));
    assert_false(roundMeasuresAt(&r, ymd(2025, 12, 31), &p));
    assert_true(roundMeasuresAt(&r, ymd(2026, 1, 1), &p));
    assert_false(roundMeasuresAt(&r, ymd(2028, 11, 20), &p));
    assert_false(roundInFinalYear(&r, ymd(2027, 11, 19), &p));
    assert_true(roundInFinalYear(&r, ymd(2027, 11, 20), &p));
    assert_true(roundInFinalYear(&r, ymd(2028, 11, 19), &p));
    assert_false(roundInFinalYear(&r, ymd(2028, 11, 20), &p));
}

/* A3.3.5 信息报告 by 31 July each year of validity after the recognition year. */
static void test_A3_3_5_information_report(void **state) {
    (void)state;
    const roundRecognition r = recognition(ymd(2025, 11, 20));
    roundReportStatus s;
    yearParams p = params(2025);
    assert_int_equal(roundReportCheck(&s, &r, DATE_NONE, ymd(2025, 12, 1), &p), 0);
    assert_int_equal(s, RREPORT_NOT_DUE); /* recognised this year */
    p = params(2026);
    assert_int_equal(roundReportCheck(&s, &r, DATE_NONE, ymd(2026, 7, 31), &p), 0);
    assert_int_equal(s, RREPORT_OPEN);
    assert_int_equal(roundReportCheck(&s, &r, DATE_NONE, ymd(2026, 8, 1), &p), 0);
    assert_int_equal(s, RREPORT_MISSING);
    assert_int_equal(roundReportCheck(&s, &r, ymd(2026, 7, 31), ymd(2026, 8, 1), &p), 0);
    assert_int_equal(s, RREPORT_FILED);
    assert_int_equal(roundReportCheck(&s, &r, ymd(2026, 8, 2), ymd(2026, 8, 5), &p), 0);
    assert_int_equal(s, RREPORT_LATE);
    assert_int_equal(roundReportCheck(&s, &r, ymd(2026, 8, 2), ymd(2026, 8, 1), &p), 0);
    assert_int_equal(s, RREPORT_MISSING); /* a filing dated after today is not yet filed */
    p = params(2028); /* the last report: still valid on 31 July 2028 */
    assert_int_equal(roundReportCheck(&s, &r, DATE_NONE, ymd(2028, 9, 1), &p), 0);
    assert_int_equal(s, RREPORT_MISSING);
    p = params(2029); /* expired */
    assert_int_equal(roundReportCheck(&s, &r, DATE_NONE, ymd(2029, 9, 1), &p), 0);
    assert_int_equal(s, RREPORT_NOT_DUE);
    assert_int_equal(roundReportCheck(&s, &r, DATE_NONE, ymd(2030, 1, 1), &p), GH_EINVAL);
}

/* A growth business with figures for 2024 (the recognition's data year) to 2027. */
static dossier D;
static dAnnualReport reports[4];
static dTaxPaid taxes[4];
static dInsured insured[4];

static int setupDossier(void **state) {
    (void)state;
    fixtureGrowth(&D, &reports[0], 2025);
    for (int i = 0; i < 4; i++) {
        reports[i] = (dAnnualReport){2024 + i, ymd(2025 + i, 5, 20), true, 30000000, -1};
        taxes[i] = (dTaxPaid){2024 + i, 400000};
        insured[i] = (dInsured){2024 + i, 2};
    }
    D.annual_reports = reports;
    D.n_annual_reports = 4;
    D.tax_paid = taxes;
    D.n_tax_paid = 4;
    D.insured = insured;
    D.n_insured = 4;
    return 0;
}

/* A3.3.5 动态管理: after the published run of 2026, typing and category base standards. */
static void test_A3_3_5_recheck_after_typing_run(void **state) {
    (void)state;
    const yearParams p = params(2026);
    roundRecognition r = recognition(ymd(2025, 11, 20));
    roundRecheck out;
    assert_int_equal(roundRecheckRun(&out, &r, &D, NULL, 0, &p), 0);
    assert_false(out.flagged);
    assert_int_equal(out.type, TYPE_GROWTH);
    dInterval abnormal = {ymd(2026, 3, 1), DATE_NONE}; /* on the abnormal list at R */
    D.abnormal_list = (dIntervals){&abnormal, 1};
    assert_int_equal(roundRecheckRun(&out, &r, &D, NULL, 0, &p), 0);
    assert_true(out.flagged);
    assert_int_equal(out.n_typing, 1);
    assert_int_equal(out.typing[0].code, REASON_INELIGIBLE_ABNORMAL_LIST);
    assert_int_equal(out.typing[0].date, ymd(2026, 3, 1));
    assert_int_equal(out.n_category, 1);
    assert_int_equal(out.category[0].code, CREASON_SOURCE); /* ineligible never qualifies */
    D.abnormal_list.n = 0;
    dPenalty pen = {ymd(2026, 3, 1), PENALTY_FINE, true, DATE_NONE};
    D.penalties = &pen;
    D.n_penalties = 1;
    assert_int_equal(roundRecheckRun(&out, &r, &D, NULL, 0, &p), 0);
    assert_true(out.flagged);
    assert_int_equal(out.n_typing, 0);
    assert_true(out.n_category == 1 && out.category[0].code == CREASON_PENALTY);
    D.n_penalties = 0;
    reports[1].revenue = 29999999; /* 2025 revenue one fen short, no tax, no one insured: survival */
    taxes[1].amount = 0;
    insured[1].count = 0;
    assert_int_equal(roundRecheckRun(&out, &r, &D, NULL, 0, &p), 0);
    assert_true(out.flagged && out.category[0].code == CREASON_SOURCE && out.type == TYPE_SURVIVAL);
    r.route = ROUTE_RECOMMENDED; /* recommendations are not bound to the source */
    assert_int_equal(roundRecheckRun(&out, &r, &D, NULL, 0, &p), 0);
    assert_false(out.flagged);
    r = recognition(ymd(2022, 11, 20)); /* expired before R */
    assert_int_equal(roundRecheckRun(&out, &r, &D, NULL, 0, &p), GH_EINVAL);
}

/* The final-year evaluation of a recognition of 20 November 2025, on 1 September 2028. */
static roundEvaluation evaluate(const roundRecognition *r, bizType latest, const civilDate *commendations,
                                size_t n, civilDate consent, civilDate on) {
    const yearParams p = params(2028);
    const roundEvalInput in = {r, &D, latest, commendations, n, consent};
    roundEvaluation e;
    assert_int_equal(roundEvaluate(&e, &in, on, &p), 0);
    return e;
}

/* A3.3.5 A: revenue, tax or insured employees grew by at least 10%, 2024 → 2027. */
static void test_A3_3_5_extension_A_growth(void **state) {
    (void)state;
    const roundRecognition r = recognition(ymd(2025, 11, 20));
    roundEvaluation e = evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1));
    assert_true(e.in_final_year);
    assert_false(e.a || e.extend); /* flat figures: expiry */
    assert_int_equal(e.new_expires, DATE_NONE);
    assert_int_equal(e.expires, ymd(2028, 11, 20));
    reports[3].revenue = 33000000 - 1; /* one fen short of 10% */
    e = evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1));
    assert_false(e.revenue.met);
    reports[3].revenue = 33000000; /* exactly 10% */
    e = evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1));
    assert_true(e.revenue.met && e.a && e.extend);
    assert_int_equal(e.revenue.base_year, 2024);
    assert_int_equal(e.revenue.latest_year, 2027);
    assert_int_equal(e.revenue.base, 30000000);
    assert_int_equal(e.revenue.latest, 33000000);
    assert_int_equal(e.new_expires, ymd(2031, 11, 20));
    reports[3].revenue = 30000000;
    D.n_tax_paid = 3; /* no 2027 tax yet: the latest year with the figure, 2026 */
    taxes[2].amount = 440000;
    e = evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1));
    assert_true(e.tax.met && e.tax.latest_year == 2026 && e.a);
    D.n_tax_paid = 4;
    taxes[2].amount = 400000;
    insured[3].count = 3; /* 2 → 3 insured employees */
    e = evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1));
    assert_true(e.insured.met && e.a);
    insured[0].count = 0; /* from nothing: no base to grow from */
    e = evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1));
    assert_false(e.insured.met);
    insured[0].count = 2;
    insured[2].count = 3; /* 2026 already grew */
    e = evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2027, 9, 1)); /* not the final year yet */
    assert_true(e.a);
    assert_false(e.in_final_year || e.extend);
}

/* A3.3.5 B: a commendation within the 3 years. */
static void test_A3_3_5_extension_B_commendation(void **state) {
    (void)state;
    const roundRecognition r = recognition(ymd(2025, 11, 20));
    const civilDate before[] = {ymd(2025, 11, 19)};
    roundEvaluation e = evaluate(&r, TYPE_GROWTH, before, 1, DATE_NONE, ymd(2028, 9, 1));
    assert_false(e.b || e.extend);
    const civilDate within[] = {ymd(2025, 11, 19), ymd(2026, 5, 1), ymd(2027, 4, 1)};
    e = evaluate(&r, TYPE_GROWTH, within, 3, DATE_NONE, ymd(2028, 9, 1));
    assert_true(e.b && e.extend);
    assert_int_equal(e.commendations, 2);
    assert_int_equal(e.commended_on, ymd(2027, 4, 1));
}

/* A3.3.5 C: the type rose since recognition. */
static void test_A3_3_5_extension_C_type_rose(void **state) {
    (void)state;
    roundRecognition r = recognition(ymd(2025, 11, 20));
    assert_true(evaluate(&r, TYPE_DEVELOPMENT, NULL, 0, DATE_NONE, ymd(2028, 9, 1)).c);
    assert_false(evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1)).c);
    assert_false(evaluate(&r, TYPE_INELIGIBLE, NULL, 0, DATE_NONE, ymd(2028, 9, 1)).c);
    r.type = TYPE_SURVIVAL;
    const roundEvaluation e = evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1));
    assert_true(e.c && e.extend);
    assert_int_equal(e.type_from, TYPE_SURVIVAL);
}

/* A3.3.5 D: a recommended one, with the recommending department's consent. */
static void test_A3_3_5_extension_D_department(void **state) {
    (void)state;
    roundRecognition r = recognition(ymd(2025, 11, 20));
    assert_false(evaluate(&r, TYPE_GROWTH, NULL, 0, ymd(2028, 8, 1), ymd(2028, 9, 1)).d); /* self-application */
    r.route = ROUTE_RECOMMENDED;
    assert_false(evaluate(&r, TYPE_GROWTH, NULL, 0, DATE_NONE, ymd(2028, 9, 1)).d);
    assert_false(evaluate(&r, TYPE_GROWTH, NULL, 0, ymd(2028, 9, 2), ymd(2028, 9, 1)).d); /* not yet given */
    const roundEvaluation e = evaluate(&r, TYPE_GROWTH, NULL, 0, ymd(2028, 8, 1), ymd(2028, 9, 1));
    assert_true(e.d && e.extend);
    assert_int_equal(e.new_expires, ymd(2031, 11, 20));
}

/* A3.3.5: revoked for fraud on 10 September 2026 (a transition with a reason); a new
 * application 5 years minus a day later is banned, exactly 5 years later it is not. */
static void test_A3_3_5_revocation_then_new_application(void **state) {
    (void)state;
    yearParams p = params(2026);
    roundCase c = {.state = RSTATE_REPORTED, .d = &D, .app = {.category = CAT_QUALITY, .route = ROUTE_SELF,
                                                              .n_claimed = 1, .consent_on = DATE_NONE}};
    c.app.claimed[0] = 2;
    const roundActor leader = {RROLE_REVIEWER, NULL, NULL};
    roundRequest rq = {.action = RACT_REVOKE, .reason = "以虚假材料取得认定", .date = DATE_NONE};
    roundDecision d;
    const civilDate revoked = ymd(2026, 9, 10);
    assert_int_equal(roundTransition(&d, &c, &rq, &leader, revoked, &p), 0);
    assert_true(d.allowed);
    assert_int_equal(d.to, RSTATE_REVOKED);
    /* five years on: a dossier with its 2030 report, the revocation on record */
    reports[0] = (dAnnualReport){2030, ymd(2031, 5, 20), true, 30000000, -1};
    p = params(2031);
    c = (roundCase){.state = RSTATE_DRAFT, .d = &D, .joint_agree = 1,
                    .app = {.category = CAT_QUALITY, .route = ROUTE_SELF, .n_claimed = 1, .consent_on = DATE_NONE,
                            .revoked_on = &revoked, .n_revoked = 1}};
    c.app.claimed[0] = 2;
    c.limits.growth = 100;
    const roundActor owner = {RROLE_OWNER, D.uscc, NULL};
    rq = (roundRequest){.action = RACT_SUBMIT, .date = DATE_NONE};
    assert_int_equal(roundTransition(&d, &c, &rq, &owner, ymd(2031, 9, 9), &p), 0);
    assert_false(d.allowed);
    assert_true(d.n == 1 && d.reasons[0].code == RREASON_CATEGORY && d.reasons[0].category.code == CREASON_BANNED);
    assert_int_equal(d.reasons[0].category.date2, ymd(2031, 9, 10));
    assert_int_equal(roundTransition(&d, &c, &rq, &owner, ymd(2031, 9, 10), &p), 0);
    assert_true(d.allowed);
}

static roundCandidate candidate(const char *id, bizType t, int met) {
    roundCandidate c = {.id = id, .uscc = id, .type = t, .established = ymd(2015, 1, 1), .criteria_met = met};
    return c;
}

/* A3.3.2 比选: the documented order, total and deterministic. */
static void test_A3_3_2_comparison(void **state) {
    (void)state;
    roundCandidate v[8] = {
        candidate("h", TYPE_GROWTH, 0), candidate("g", TYPE_GROWTH, 0), candidate("f", TYPE_GROWTH, 0),
        candidate("e", TYPE_GROWTH, 0), candidate("d", TYPE_GROWTH, 0), candidate("c", TYPE_SURVIVAL, 1),
        candidate("b", TYPE_DEVELOPMENT, 0), candidate("a", TYPE_GROWTH, 0),
    };
    v[4].penalties = 1;                       /* d: a penalty on record, after the clean growth ones */
    v[3].established = ymd(2005, 1, 1);       /* e: longer in operation */
    v[2].has_revenue = true;                  /* f: revenue known, before those without */
    v[2].revenue = 100;
    v[1].has_revenue = true;                  /* g: more revenue than f */
    v[1].revenue = 200;
    v[0].criteria_review = 1;                 /* h: a criterion left for review, before a */
    roundRank(v, 8);
    const char *const want[] = {"c", "b", "e", "g", "f", "h", "a", "d"};
    for (int i = 0; i < 8; i++) assert_string_equal(v[i].id, want[i]);
    assert_int_equal(roundCompare(&v[0], &v[0]), 0);
    assert_true(roundCompare(&v[6], &v[7]) < 0 && roundCompare(&v[7], &v[6]) > 0);
    assert_int_equal(roundYearsInOperation(ymd(2004, 2, 29), ymd(2024, 2, 28)), 19);
    assert_int_equal(roundYearsInOperation(ymd(2004, 2, 29), ymd(2024, 2, 29)), 20);
    assert_int_equal(roundYearsInOperation(ymd(2005, 2, 28), ymd(2025, 2, 28)), 20);
}

/* roundCandidateFrom reads the data year and the check's statuses. */
static void test_A3_3_2_candidate_from_dossier(void **state) {
    (void)state;
    const yearParams p = params(2025);
    categoryResult r = {.type = TYPE_GROWTH, .n_criteria = 2};
    r.criteria[0].status = CRIT_MET;
    r.criteria[1].status = CRIT_REVIEW;
    dPenalty pen[2] = {{ymd(2020, 1, 1), PENALTY_WARNING, true, DATE_NONE},
                       {ymd(2025, 10, 1), PENALTY_FINE, true, DATE_NONE}};
    D.penalties = pen;
    D.n_penalties = 2;
    roundCandidate c;
    roundCandidateFrom(&c, "2025-0001", &D, &r, ymd(2025, 9, 10), &p);
    assert_true(c.has_revenue && c.revenue == 30000000 && c.has_tax && c.tax == 400000 && c.insured == 2);
    assert_int_equal(c.criteria_met, 1);
    assert_int_equal(c.criteria_review, 1);
    assert_int_equal(c.penalties, 1); /* the one decided after the date does not count */
    assert_string_equal(c.uscc, D.uscc);
}

/* A3.3.4: the reviewer sees what the data says of the other categories. */
static void test_A3_3_4_other_categories(void **state) {
    (void)state;
    const yearParams p = params(2025);
    D.established = ymd(2004, 5, 12); /* more than 20 years at D */
    dTrademark tm = {"1234", HOLDER_BUSINESS, true};
    D.trademarks = &tm;
    D.n_trademarks = 1;
    categoryApp app = {.category = CAT_EMERGING, .route = ROUTE_SELF, .date = ymd(2025, 9, 10), .n_claimed = 1,
                       .consent_on = DATE_NONE};
    app.claimed[0] = 1;
    categoryResult out[CAT__COUNT - 1];
    size_t n;
    assert_int_equal(roundOtherCategories(out, &n, &app, &D, &p), 0);
    assert_int_equal(n, 3);
    assert_int_equal(out[0].n_criteria, 4); /* famous A–D, not E (recommended) */
    assert_int_equal(out[0].criteria[2].status, CRIT_REVIEW); /* famous.C: a trademark to judge */
    assert_int_equal(out[2].n_criteria, 5); /* quality A–E */
    assert_int_equal(out[2].criteria[0].status, CRIT_MET); /* quality.A */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_A3_3_5_validity_third_anniversary),
        cmocka_unit_test(test_A3_3_5_validity_29_february),
        cmocka_unit_test(test_A3_2_1_measures_and_A3_3_5_final_year),
        cmocka_unit_test(test_A3_3_5_information_report),
        cmocka_unit_test_setup(test_A3_3_5_recheck_after_typing_run, setupDossier),
        cmocka_unit_test_setup(test_A3_3_5_extension_A_growth, setupDossier),
        cmocka_unit_test_setup(test_A3_3_5_extension_B_commendation, setupDossier),
        cmocka_unit_test_setup(test_A3_3_5_extension_C_type_rose, setupDossier),
        cmocka_unit_test_setup(test_A3_3_5_extension_D_department, setupDossier),
        cmocka_unit_test_setup(test_A3_3_5_revocation_then_new_application, setupDossier),
        cmocka_unit_test(test_A3_3_2_comparison),
        cmocka_unit_test_setup(test_A3_3_2_candidate_from_dossier, setupDossier),
        cmocka_unit_test_setup(test_A3_3_4_other_categories, setupDossier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
