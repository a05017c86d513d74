/* app/departments.c: who supplies which extract, names and aliases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "app/departments.h"

static void test_tax_bureau_supplies_only_tax(void **state) {
    (void)state;
    for (int k = 0; k < EXTRACT__COUNT; k++)
        assert_int_equal(departmentSupplies("区税务局", (extractKind)k), k == EXTRACT_TAX);
}

static void test_alias_is_the_same_department(void **state) {
    (void)state;
    assert_string_equal(departmentCanonical("区人力社保局"), "区人力资源社会保障局");
    assert_true(departmentSupplies("区人力社保局", EXTRACT_INSURANCE));
    assert_true(departmentSupplies("区人力资源社会保障局", EXTRACT_OPERATOR_GROUPS));
    assert_false(departmentSupplies("区人力社保局", EXTRACT_TAX));
    assert_string_equal(departmentCanonical("区法院"), "区人民法院");
    assert_true(departmentSupplies("区法院", EXTRACT_DISHONEST_DEBTORS));
}

static void test_unknown_department_supplies_nothing(void **state) {
    (void)state;
    assert_null(departmentCanonical("区税务"));
    assert_null(departmentCanonical(""));
    assert_null(departmentCanonical(NULL));
    for (int k = 0; k < EXTRACT__COUNT; k++) assert_false(departmentSupplies("区税务", (extractKind)k));
    assert_false(departmentSupplies("区税务局", (extractKind)EXTRACT__COUNT));
    assert_false(departmentSupplies("区税务局", (extractKind)-1));
}

/* Registration, annual reports and the market-regulation lists come from the bureau
 * itself (the clerk role); no department account may replace them. */
static void test_no_department_supplies_registration(void **state) {
    (void)state;
    char list[2048];
    assert_int_equal(departmentList(list, sizeof list), 0);
    int n = 0;
    for (char *tok = list, *next; tok; tok = next, n++) { /* "、" is multibyte: no strtok */
        next = strstr(tok, "、");
        if (next) *next = '\0', next += strlen("、");
        char *bracket = strstr(tok, "（");
        if (bracket) *bracket = '\0';
        assert_non_null(departmentCanonical(tok));
        for (extractKind k = EXTRACT_REGISTRATION; k <= EXTRACT_PENALTIES; k++)
            if (k != EXTRACT_TAX && k != EXTRACT_INSURANCE && k != EXTRACT_TRADEMARKS && k != EXTRACT_PATENTS)
                assert_false(departmentSupplies(tok, k));
        assert_false(departmentSupplies(tok, EXTRACT_DOSSIERS));
    }
    assert_true(n >= 10);
}

static void test_list_too_small(void **state) {
    (void)state;
    char tiny[8];
    assert_int_equal(departmentList(tiny, sizeof tiny), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tax_bureau_supplies_only_tax),
        cmocka_unit_test(test_alias_is_the_same_department),
        cmocka_unit_test(test_unknown_department_supplies_nothing),
        cmocka_unit_test(test_no_department_supplies_registration),
        cmocka_unit_test(test_list_too_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
