/* rules/params.c: defaults and consistency checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/error.h"
#include "rules/params.h"

static void ok(yearParams *p) {
    paramsDefaults(p, 2025);
    p->growth_revenue_min = 30000000;
    p->growth_tax_min = 300000;
    p->development_revenue_min = 120000000;
    p->development_tax_min = 3000000;
}

static void bad(const yearParams *p, const char *fragment) {
    char msg[256];
    assert_int_equal(paramsCheck(p, msg, sizeof msg), GH_EINVAL);
    assert_non_null(strstr(msg, fragment));
}

static void test_defaults(void **state) {
    (void)state;
    yearParams p;
    paramsDefaults(&p, 2025);
    assert_int_equal(p.reference_date, dateFromYmd(2025, 7, 31));
    assert_int_equal(p.min_years, 2);
    assert_int_equal(p.suspension_max_years, 3);
    assert_int_equal(p.category_quota_percent, 5);
    assert_int_equal(p.growth_insured_min, 1);
    assert_int_equal(p.development_insured_min, 4);
    assert_int_equal(p.category_apply_from, dateFromYmd(2025, 8, 15));
    assert_int_equal(p.category_recognition_deadline, dateFromYmd(2025, 11, 30));
    assert_int_equal(p.category_effective_date, dateFromYmd(2026, 1, 1));
    assert_int_equal(p.category_report_deadline, dateFromYmd(2025, 7, 31));
    assert_int_equal(p.category_publicity_days, 7);
    assert_int_equal(p.category_valid_years, 3);
    assert_int_equal(p.category_growth_percent, 10);
    assert_false(p.category_one_per_operator);
    char msg[256];
    ok(&p);
    assert_int_equal(paramsCheck(&p, msg, sizeof msg), 0);
    p.development_revenue_min = p.growth_revenue_min; /* equal is consistent */
    assert_int_equal(paramsCheck(&p, msg, sizeof msg), 0);
}

static void test_inconsistent(void **state) {
    (void)state;
    yearParams p;
    ok(&p);
    p.development_revenue_min = p.growth_revenue_min - 1;
    bad(&p, "development.revenue_min");
    ok(&p);
    p.development_tax_min = p.growth_tax_min - 1;
    bad(&p, "development.tax_min");
    ok(&p);
    p.growth_tax_min = -1;
    bad(&p, "negative");
    ok(&p);
    p.reference_date = dateFromYmd(2025, 6, 30);
    bad(&p, "reference_date");
    ok(&p);
    p.reference_date = dateFromYmd(2026, 7, 31);
    bad(&p, "reference_date");
    ok(&p);
    p.reference_date = DATE_NONE;
    bad(&p, "reference_date");
    ok(&p);
    p.development_insured_min = 1;
    bad(&p, "insured_min");
    ok(&p);
    p.min_years = 0;
    bad(&p, "min_years");
    ok(&p);
    p.suspension_max_years = 0;
    bad(&p, "suspension_max_years");
    ok(&p);
    p.category_quota_percent = 101;
    bad(&p, "category_quota_percent");
    ok(&p);
    p.category_apply_from = dateFromYmd(2025, 7, 30); /* before R */
    bad(&p, "category_apply_from");
    ok(&p);
    p.category_recognition_deadline = dateFromYmd(2025, 8, 14);
    bad(&p, "category_recognition_deadline");
    ok(&p);
    p.category_effective_date = p.category_recognition_deadline;
    bad(&p, "category_effective_date");
    ok(&p);
    p.category_report_deadline = dateFromYmd(2024, 7, 31);
    bad(&p, "category_report_deadline");
    ok(&p);
    p.category_publicity_days = 61;
    bad(&p, "category_publicity_days");
    ok(&p);
    p.category_valid_years = 0;
    bad(&p, "category_valid_years");
    ok(&p);
    p.category_growth_percent = 1001;
    bad(&p, "category_growth_percent");
    ok(&p);
    p.year = 1999;
    bad(&p, "year");
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_defaults), cmocka_unit_test(test_inconsistent)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
