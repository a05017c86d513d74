/* rules/industry.c: GB/T 4754-2017 names beside codes (issue 11 §3, decision 172). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "rules/industry.h"

static void test_sections(void **state) {
    (void)state;
    assert_string_equal(industrySectionName('A'), "农、林、牧、渔业");
    assert_string_equal(industrySectionName('H'), "住宿和餐饮业");
    assert_string_equal(industrySectionName('T'), "国际组织");
    assert_null(industrySectionName('U'));
    assert_null(industrySectionName('h')); /* codes are stored in capitals */
    for (char c = 'A'; c <= 'T'; c++) assert_non_null(industrySectionName(c));
}

static void test_labels(void **state) {
    (void)state;
    assert_string_equal(industryLabel("H6220"), "餐饮业·快餐服务");
    assert_string_equal(industryLabel("O8040"), "居民服务业·理发及美容服务");
    assert_string_equal(industryLabel("H6999"), "住宿和餐饮业"); /* a class not listed: its section */
    assert_string_equal(industryLabel("H"), "住宿和餐饮业");
    assert_null(industryLabel("Z1234"));
    assert_null(industryLabel(""));
    assert_null(industryLabel(NULL));
}

static void test_prefixes(void **state) {
    (void)state;
    const char *good[] = {"H", "h", "H6", "H62", "H6220", "t"};
    const char *bad[] = {"", "U", "HH", "H62201", "H6a", "6220", "中"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) assert_true(industryPrefixValid(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_false(industryPrefixValid(bad[i]));
    assert_false(industryPrefixValid(NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_sections), cmocka_unit_test(test_labels),
                                       cmocka_unit_test(test_prefixes)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
