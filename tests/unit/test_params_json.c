/* io/params_json.c: DATA.md §2 and the shipped files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "io/params_json.h"

static int load(const char *text, yearParams *p, char *err) {
    return paramsParseJson(p, text, strlen(text), err, 512);
}

static void test_example(void **state) {
    (void)state;
    yearParams p;
    char err[512];
    assert_int_equal(load("{\"jurisdiction\":\"北京市大兴区\",\"year\":2025,\"reference_date\":\"2025-07-31\","
                          "\"growth\":{\"revenue_min\":\"300000\",\"tax_min\":\"3000\"},"
                          "\"development\":{\"revenue_min\":\"1200000\",\"tax_min\":\"30000\"},"
                          "\"min_years\":2,\"suspension_max_years\":3,\"category_quota_percent\":5}", &p, err), 0);
    assert_string_equal(p.jurisdiction, "北京市大兴区");
    assert_int_equal(p.growth_revenue_min, 30000000);
    assert_int_equal(p.development_tax_min, 3000000);
    assert_int_equal(p.development_insured_min, 4);
    assert_false(p.provisional);
}

static void test_defaults_and_numbers(void **state) {
    (void)state;
    yearParams p;
    char err[512];
    assert_int_equal(load("{\"year\":2024,\"growth\":{\"revenue_min\":250000.5,\"tax_min\":0},"
                          "\"development\":{\"revenue_min\":1000000,\"tax_min\":\"20000\",\"insured_min\":5}}", &p, err), 0);
    assert_int_equal(p.reference_date, dateFromYmd(2024, 7, 31));
    assert_int_equal(p.growth_revenue_min, 25000050);
    assert_int_equal(p.development_insured_min, 5);
    assert_int_equal(p.min_years, 2);
    /* the round's calendar follows the year, read after it (the rest: test_rules_params) */
    assert_int_equal(p.category_apply_from, dateFromYmd(2024, 8, 15));
    assert_int_equal(p.category_effective_date, dateFromYmd(2025, 1, 1));
}

/* A3.2.1, A3.3.4, A3.3.5: the round's optional keys. */
static void test_round_keys(void **state) {
    (void)state;
    yearParams p;
    char err[512];
    assert_int_equal(load("{\"category_apply_from\":\"2025-08-20\",\"year\":2025,"
                          "\"category_recognition_deadline\":\"2025-11-25\",\"category_effective_date\":\"2026-01-01\","
                          "\"category_report_deadline\":\"2025-07-15\",\"category_publicity_days\":10,"
                          "\"category_valid_years\":3,\"category_growth_percent\":15,\"category_one_per_operator\":true,"
                          "\"growth\":{\"revenue_min\":1,\"tax_min\":1},\"development\":{\"revenue_min\":1,\"tax_min\":1}}",
                          &p, err), 0);
    assert_int_equal(p.category_apply_from, dateFromYmd(2025, 8, 20));
    assert_int_equal(p.category_recognition_deadline, dateFromYmd(2025, 11, 25));
    assert_int_equal(p.category_report_deadline, dateFromYmd(2025, 7, 15));
    assert_int_equal(p.category_publicity_days, 10);
    assert_int_equal(p.category_growth_percent, 15);
    assert_true(p.category_one_per_operator);
    assert_int_equal(p.objection_reply_days, 0); /* not set: the objection time limits are optional (decision 102) */
    assert_int_equal(load("{\"year\":2025,\"objection_reply_days\":30,\"objection_verify_days\":10,"
                          "\"growth\":{\"revenue_min\":1,\"tax_min\":1},\"development\":{\"revenue_min\":1,\"tax_min\":1}}",
                          &p, err), 0);
    assert_int_equal(p.objection_reply_days, 30);
    assert_int_equal(p.objection_verify_days, 10);
    /* a reference date after 15 August moves the default opening to it */
    assert_int_equal(load("{\"year\":2025,\"reference_date\":\"2025-09-30\",\"growth\":{\"revenue_min\":1,\"tax_min\":1},"
                          "\"development\":{\"revenue_min\":1,\"tax_min\":1}}", &p, err), 0);
    assert_int_equal(p.category_apply_from, dateFromYmd(2025, 9, 30));
    static const char *const bad[][2] = {
        {"\"category_one_per_operator\":1", "category_one_per_operator"},
        {"\"category_apply_from\":\"2025-07-30\"", "category_apply_from"},
        {"\"category_recognition_deadline\":\"2026-01-10\"", "category_recognition_deadline"},
        {"\"category_effective_date\":\"2025-11-30\"", "category_effective_date"},
        {"\"category_report_deadline\":\"2025-02-30\"", "category_report_deadline"},
        {"\"category_publicity_days\":0", "category_publicity_days"},
        {"\"category_growth_percent\":0", "category_growth_percent"},
        {"\"objection_reply_days\":0", "objection_reply_days"},
        {"\"objection_reply_days\":400", "objection_reply_days"},
        {"\"objection_verify_days\":\"10\"", "objection_verify_days"},
        {"\"objection_reply_days\":10,\"objection_verify_days\":20", "objection_verify_days"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "{\"year\":2025,%s,\"growth\":{\"revenue_min\":1,\"tax_min\":1},"
                 "\"development\":{\"revenue_min\":1,\"tax_min\":1}}", bad[i][0]);
        err[0] = '\0';
        if (load(text, &p, err) != GH_EINVAL || !strstr(err, bad[i][1])) fail_msg("case %zu: %s", i, err);
    }
}

static void test_rejections(void **state) {
    (void)state;
    static const char *const cases[][2] = {
        {"{\"growth\":{\"revenue_min\":1,\"tax_min\":1},\"development\":{\"revenue_min\":1,\"tax_min\":1}}", "year"},
        {"{\"year\":2025,\"development\":{\"revenue_min\":1,\"tax_min\":1}}", "growth"},
        {"{\"year\":2025,\"growth\":{\"revenue_min\":1},\"development\":{\"revenue_min\":1,\"tax_min\":1}}", "growth.tax_min"},
        {"{\"year\":2025,\"growth\":{\"revenue_min\":1,\"tax_min\":1,\"revenue_mim\":5},"
         "\"development\":{\"revenue_min\":1,\"tax_min\":1}}", "growth.revenue_mim"},
        {"{\"year\":2025,\"typo\":1,\"growth\":{\"revenue_min\":1,\"tax_min\":1},"
         "\"development\":{\"revenue_min\":1,\"tax_min\":1}}", "typo"},
        {"{\"year\":2025,\"growth\":{\"revenue_min\":\"5\",\"tax_min\":1},"
         "\"development\":{\"revenue_min\":\"4.99\",\"tax_min\":1}}", "development.revenue_min"},
        {"{\"year\":2025,\"growth\":{\"revenue_min\":\"1.001\",\"tax_min\":1},"
         "\"development\":{\"revenue_min\":5,\"tax_min\":1}}", "两位小数"},
        {"{\"year\":2025,\"reference_date\":\"2025-02-30\",\"growth\":{\"revenue_min\":1,\"tax_min\":1},"
         "\"development\":{\"revenue_min\":1,\"tax_min\":1}}", "reference_date"},
        {"{\"year\":2025,\"reference_date\":\"2024-07-31\",\"growth\":{\"revenue_min\":1,\"tax_min\":1},"
         "\"development\":{\"revenue_min\":1,\"tax_min\":1}}", "reference_date"},
        {"{\"year\":2025,\"min_years\":-2,\"growth\":{\"revenue_min\":1,\"tax_min\":1},"
         "\"development\":{\"revenue_min\":1,\"tax_min\":1}}", "min_years"},
        {"{\"year\":2025,", "JSON"},
        {"[]", "JSON"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        yearParams p;
        char err[512] = "";
        if (load(cases[i][0], &p, err) != GH_EINVAL || !strstr(err, cases[i][1]))
            fail_msg("case %zu: %s (wanted %s)", i, err, cases[i][1]);
    }
}

static void test_shipped(void **state) {
    (void)state;
    for (int year = 2024; year <= 2025; year++) {
        const char *text, *path;
        size_t n;
        assert_int_equal(paramsBuiltin(year, &text, &n, &path), 0);
        assert_non_null(strstr(path, "beijing-daxing/"));
        yearParams p;
        char err[512];
        assert_int_equal(paramsParseJson(&p, text, n, err, sizeof err), 0);
        assert_int_equal(p.year, year);
        assert_string_equal(p.jurisdiction, "北京市大兴区");
        assert_true(p.provisional); /* until the city's figures are in hand */
        assert_true(strlen(p.source) > 10);
        assert_false(p.category_one_per_operator); /* 53号 does not state it (issue 9 §3) */
    }
    const char *text, *path;
    size_t n;
    assert_int_equal(paramsBuiltin(2031, &text, &n, &path), GH_ENOTFOUND);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_example), cmocka_unit_test(test_defaults_and_numbers),
                                       cmocka_unit_test(test_round_keys),
                                       cmocka_unit_test(test_rejections), cmocka_unit_test(test_shipped)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
