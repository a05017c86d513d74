/* rules/category.c: the 名特优新 eligibility check (RULES.md A3.3.1 in detail,
 * A3.3.2), tested on plain structs; each test is named after the article it tests.
 * The DATA.md §5 contract (JSON in and out) is tested by tests/cases/category/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/error.h"
#include "rules/category.h"
#include "rules_fixture.h"

static yearParams P;
static dossier D;
static dAnnualReport report;
static categoryApp A;

static civilDate ymd(int y, int m, int d) { return dateFromYmd(y, m, d); }

/* A growth business (revenue at the threshold) and a self-application on 2025-09-10. */
static int setup(void **state) {
    (void)state;
    fixtureParams(&P, 2025);
    fixtureGrowth(&D, &report, 2025);
    memset(&A, 0, sizeof A);
    A.category = CAT_QUALITY;
    A.route = ROUTE_SELF;
    A.date = ymd(2025, 9, 10);
    A.claimed[0] = 2; /* quality.C */
    A.n_claimed = 1;
    A.consent_on = DATE_NONE;
    return 0;
}

static bool fails(const categoryResult *r, categoryReasonCode c) {
    for (size_t i = 0; i < r->n_reasons; i++)
        if (r->reasons[i].code == c) return true;
    return false;
}

static categoryResult check(void) {
    categoryResult r;
    assert_int_equal(categoryCheck(&r, &A, &D, &P), 0);
    assert_int_equal(r.eligible, r.n_reasons == 0);
    return r;
}

static void test_A3_3_1_source(void **state) {
    (void)state;
    categoryResult r = check();
    assert_int_equal(r.type, TYPE_GROWTH);
    assert_true(r.eligible);
    report.revenue = 29999999; /* one fen short: survival */
    r = check();
    assert_int_equal(r.type, TYPE_SURVIVAL);
    assert_true(fails(&r, CREASON_SOURCE));
    D.operator_groups = GROUP_RETURNING_MIGRANT; /* 适当放宽 */
    assert_true(check().eligible);
    D.operator_groups = 0;
    A.route = ROUTE_RECOMMENDED; /* recommendations are exempt */
    A.consent_on = A.date;
    assert_true(check().eligible);
    D.status = STATUS_CANCELLED; /* ineligible never qualifies, recommended or not */
    r = check();
    assert_int_equal(r.type, TYPE_INELIGIBLE);
    assert_true(fails(&r, CREASON_SOURCE));
}

static void test_A3_3_1_1_penalty_window(void **state) {
    (void)state;
    dPenalty p = {ymd(2023, 9, 10), PENALTY_FINE, true, DATE_NONE};
    D.penalties = &p;
    D.n_penalties = 1;
    assert_true(check().eligible); /* exactly 2 years before D: the window is over */
    p.decided_on = ymd(2023, 9, 11);
    categoryResult r = check();
    assert_true(fails(&r, CREASON_PENALTY));
    assert_int_equal(r.reasons[0].date2, ymd(2025, 9, 11));
    p.repaired_on = A.date; /* credit-repaired on D */
    assert_true(check().eligible);
    p.repaired_on = DATE_NONE;
    p.kind = PENALTY_WARNING; /* below 罚款 */
    assert_true(check().eligible);
    p.kind = PENALTY_DETENTION;
    p.publicized = false;
    assert_true(check().eligible);
    P.category_penalty_years = 3; /* the window is a parameter */
    p.publicized = true;
    p.decided_on = ymd(2022, 9, 11);
    r = check();
    assert_true(fails(&r, CREASON_PENALTY));
    assert_int_equal(r.reasons[0].years, 3);
}

static void test_A3_3_1_2_dishonest_debtor(void **state) {
    (void)state;
    dInterval iv = {ymd(2024, 1, 1), A.date};
    D.dishonest_debtor = (dIntervals){&iv, 1};
    assert_true(check().eligible); /* ended on D */
    iv.to = ymd(2025, 9, 11);
    categoryResult r = check();
    assert_true(fails(&r, CREASON_DISHONEST_DEBTOR));
    iv.from = ymd(2025, 9, 11); /* listed after D */
    assert_true(check().eligible);
}

static void test_A3_3_5_ban(void **state) {
    (void)state;
    civilDate revoked = ymd(2020, 9, 10);
    A.revoked_on = &revoked;
    A.n_revoked = 1;
    assert_true(check().eligible); /* 5 years to the day */
    revoked = ymd(2020, 9, 11);
    categoryResult r = check();
    assert_true(fails(&r, CREASON_BANNED));
    assert_int_equal(r.reasons[0].date2, ymd(2025, 9, 11));
    revoked = ymd(2020, 2, 29); /* anniversaries of 29 February fall on 28 February */
    A.date = ymd(2025, 9, 10);
    assert_true(check().eligible);
}

static void test_A3_2_2_consent(void **state) {
    (void)state;
    A.route = ROUTE_RECOMMENDED;
    A.claimed[0] = 5; /* quality.F */
    categoryResult r = check();
    assert_true(fails(&r, CREASON_NO_CONSENT));
    A.consent_on = A.date;
    assert_true(check().eligible);
    A.consent_on = ymd(2025, 9, 11);
    assert_false(check().eligible);
}

static void test_A3_3_2_criteria(void **state) {
    (void)state;
    A.claimed[0] = 0; /* quality.A */
    A.claimed[1] = 5; /* quality.F */
    A.n_claimed = 2;
    D.established = ymd(2005, 9, 10); /* the 20th anniversary is D: not yet "more than" */
    categoryResult r = check();
    assert_int_equal(r.criteria[0].status, CRIT_NOT_MET);
    assert_int_equal(r.criteria[1].status, CRIT_NOT_MET); /* recommended, on self-application */
    assert_true(fails(&r, CREASON_NO_CRITERION));
    D.established = ymd(2005, 9, 9);
    r = check();
    assert_int_equal(r.criteria[0].status, CRIT_MET);
    assert_true(r.eligible);
    A.category = CAT_FAMOUS;
    A.claimed[0] = 2; /* famous.C */
    A.n_claimed = 1;
    assert_int_equal(check().criteria[0].status, CRIT_NOT_MET);
    dTrademark tm = {"1234", HOLDER_OPERATOR, false};
    D.trademarks = &tm;
    D.n_trademarks = 1;
    assert_int_equal(check().criteria[0].status, CRIT_REVIEW);
    A.category = CAT_EMERGING;
    A.claimed[0] = 1; /* emerging.B */
    assert_int_equal(check().criteria[0].status, CRIT_REVIEW);
    D.n_trademarks = 0;
    assert_int_equal(check().criteria[0].status, CRIT_NOT_MET);
    dPatent pt = {"ZL1", HOLDER_BUSINESS};
    D.patents = &pt;
    D.n_patents = 1;
    assert_int_equal(check().criteria[0].status, CRIT_REVIEW);
}

/* D outside the year or before R, or a business not in the year's population: refused. */
static void test_A3_dates_outside_the_year(void **state) {
    (void)state;
    categoryResult r;
    A.date = ymd(2025, 7, 30);
    assert_int_equal(categoryCheck(&r, &A, &D, &P), GH_EINVAL);
    A.date = ymd(2026, 1, 2);
    assert_int_equal(categoryCheck(&r, &A, &D, &P), GH_EINVAL);
    A.date = P.reference_date;
    assert_int_equal(categoryCheck(&r, &A, &D, &P), 0);
    D.established = ymd(2025, 8, 1);
    assert_int_equal(categoryCheck(&r, &A, &D, &P), GH_EINVAL);
}

static void test_criterion_ids(void **state) {
    (void)state;
    categoryKind k;
    int l;
    char id[CATEGORY_ID_SIZE];
    assert_int_equal(categoryCriterionParse(&k, &l, "quality.F", 9), 0);
    assert_int_equal(k, CAT_QUALITY);
    assert_int_equal(l, 5);
    assert_int_equal(categoryCriterionParse(&k, &l, "emerging.E", 10), GH_EINVAL);
    assert_int_equal(categoryCriterionParse(&k, &l, "quality.", 8), GH_EINVAL);
    assert_int_equal(categoryCriterionParse(&k, &l, "quality.AB", 10), GH_EINVAL);
    assert_int_equal(categoryCriterionParse(&k, &l, "rare.A", 6), GH_EINVAL);
    categoryCriterionId(id, CAT_CHARACTERISTIC, 4);
    assert_string_equal(id, "characteristic.E");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_A3_3_1_source, setup),
        cmocka_unit_test_setup(test_A3_3_1_1_penalty_window, setup),
        cmocka_unit_test_setup(test_A3_3_1_2_dishonest_debtor, setup),
        cmocka_unit_test_setup(test_A3_3_5_ban, setup),
        cmocka_unit_test_setup(test_A3_2_2_consent, setup),
        cmocka_unit_test_setup(test_A3_3_2_criteria, setup),
        cmocka_unit_test_setup(test_A3_dates_outside_the_year, setup),
        cmocka_unit_test(test_criterion_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
