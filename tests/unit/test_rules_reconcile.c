/* rules/reconcile.c: the kinds of difference between the city's type and getihu's,
 * and which of getihu's reasons drive a difference (decision 121). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/error.h"
#include "rules/explain.h"
#include "rules/reconcile.h"

/* Every kind code parses back to its pair; none-none is no kind. */
static void test_kind_codes(void **state) {
    (void)state;
    int seen = 0;
    for (int c = RECONCILE_NONE; c < 4; c++)
        for (int o = RECONCILE_NONE; o < 4; o++) {
            char code[40];
            int pc, po;
            reconcileKindCode(code, sizeof code, c, o);
            if (c == RECONCILE_NONE && o == RECONCILE_NONE) {
                assert_int_equal(reconcileKindParse(&pc, &po, code), GH_EINVAL);
                continue;
            }
            assert_int_equal(reconcileKindParse(&pc, &po, code), 0);
            assert_int_equal(pc, c);
            assert_int_equal(po, o);
            seen++;
        }
    assert_int_equal(seen, 24);
    assert_string_equal(reconcileKindCode((char[40]){0}, 40, TYPE_GROWTH, TYPE_SURVIVAL), "growth-survival");
    const char *bad[] = {"growth", "growth-", "-growth", "growth-good", "成长型-生存型", "growth-survival-x", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int pc, po;
        assert_int_equal(reconcileKindParse(&pc, &po, bad[i]), GH_EINVAL);
    }
}

static void test_kind_labels(void **state) {
    (void)state;
    char l[80];
    assert_string_equal(reconcileKindLabel(l, sizeof l, TYPE_GROWTH, TYPE_SURVIVAL), "市级成长型、区级生存型");
    assert_string_equal(reconcileKindLabel(l, sizeof l, TYPE_DEVELOPMENT, RECONCILE_NONE), "市级有、区级无（市级发展型）");
    assert_string_equal(reconcileKindLabel(l, sizeof l, RECONCILE_NONE, TYPE_INELIGIBLE), "区级有、市级无（区级不符合分型条件）");
    assert_string_equal(reconcileKindLabel(l, sizeof l, TYPE_INELIGIBLE, TYPE_GROWTH), "市级不符合分型条件、区级成长型");
}

/* The reason codes typing can give a result of each type (RULES.md A1.3; typing.c). */
static const char *const survivalCodes[] = {"SURVIVAL.DEFAULT", "SURVIVAL.NEW", "MISSED.AGE", "MISSED.TAX_REGISTRATION",
                                            "MISSED.GROWTH.A", "MISSED.GROWTH.B", "MISSED.GROWTH.C", NULL};
static const char *const growthCodes[] = {"GROWTH.A", "GROWTH.B", "GROWTH.C", "MISSED.DEVELOPMENT.A",
                                          "MISSED.DEVELOPMENT.B", "MISSED.DEVELOPMENT.C", "MISSED.DEVELOPMENT.D",
                                          "MISSED.DEVELOPMENT.E", NULL};
static const char *const developmentCodes[] = {"DEVELOPMENT.A", "DEVELOPMENT.B", "DEVELOPMENT.C", "DEVELOPMENT.D",
                                               "DEVELOPMENT.E", NULL};
static const char *const ineligibleCodes[] = {"INELIGIBLE.STATUS", "INELIGIBLE.NO_ANNUAL_REPORT",
                                              "INELIGIBLE.ABNORMAL_LIST", "INELIGIBLE.SERIOUS_ILLEGAL",
                                              "INELIGIBLE.TAX_ABNORMAL", "INELIGIBLE.SUSPENDED", NULL};
static const char *const *const codesOf[4] = {survivalCodes, growthCodes, developmentCodes, ineligibleCodes};

/* The code lists above are typing's own words. */
static void test_codes_are_typings(void **state) {
    (void)state;
    for (int t = 0; t < 4; t++)
        for (const char *const *c = codesOf[t]; *c; c++) {
            bool found = false;
            for (int r = 0; r < REASON__COUNT; r++) found |= !strcmp(explainCode((reasonCode)r), *c);
            if (!found) fail_msg("%s is not a reason code of typing", *c);
        }
}

/* Every difference between two types is explained by some reason getihu gives its
 * own type; no reason drives an agreement or a one-sided result. */
static void test_every_difference_has_a_driver(void **state) {
    (void)state;
    for (int c = RECONCILE_NONE; c < 4; c++)
        for (int o = RECONCILE_NONE; o < 4; o++) {
            int drivers = 0;
            for (int t = 0; t < 4; t++)
                for (const char *const *k = codesOf[t]; *k; k++) {
                    const bool d = reconcileDrives(c, o, *k);
                    if (d && t != o) fail_msg("%s drives %d-%d but type %d never has it", *k, c, o, t);
                    drivers += d;
                }
            if (c == o || c == RECONCILE_NONE || o == RECONCILE_NONE) assert_int_equal(drivers, 0);
            else if (!drivers) fail_msg("nothing explains city %d vs getihu %d", c, o);
        }
}

/* The planted cases of the brief, spelled out. */
static void test_drivers_by_kind(void **state) {
    (void)state;
    /* city growth, getihu survival: what A1.3.2(2) found unmet, and the entry conditions */
    assert_true(reconcileDrives(TYPE_GROWTH, TYPE_SURVIVAL, "MISSED.GROWTH.A"));
    assert_true(reconcileDrives(TYPE_GROWTH, TYPE_SURVIVAL, "MISSED.AGE"));
    assert_true(reconcileDrives(TYPE_GROWTH, TYPE_SURVIVAL, "MISSED.TAX_REGISTRATION"));
    assert_true(reconcileDrives(TYPE_GROWTH, TYPE_SURVIVAL, "SURVIVAL.NEW"));
    assert_false(reconcileDrives(TYPE_GROWTH, TYPE_SURVIVAL, "SURVIVAL.DEFAULT"));
    /* city development, getihu growth: the development criteria missed, not growth's met ones */
    assert_true(reconcileDrives(TYPE_DEVELOPMENT, TYPE_GROWTH, "MISSED.DEVELOPMENT.D"));
    assert_false(reconcileDrives(TYPE_DEVELOPMENT, TYPE_GROWTH, "GROWTH.A"));
    /* city development, getihu survival: a survival records growth's misses only */
    assert_true(reconcileDrives(TYPE_DEVELOPMENT, TYPE_SURVIVAL, "MISSED.GROWTH.C"));
    /* getihu above the city: the criteria it found met */
    assert_true(reconcileDrives(TYPE_SURVIVAL, TYPE_GROWTH, "GROWTH.B"));
    assert_false(reconcileDrives(TYPE_SURVIVAL, TYPE_GROWTH, "MISSED.DEVELOPMENT.B"));
    assert_true(reconcileDrives(TYPE_GROWTH, TYPE_DEVELOPMENT, "DEVELOPMENT.E"));
    /* getihu ineligible: the failed base conditions, whatever the city says */
    for (int c = 0; c < 3; c++) assert_true(reconcileDrives(c, TYPE_INELIGIBLE, "INELIGIBLE.ABNORMAL_LIST"));
    /* city ineligible: what getihu found instead */
    assert_true(reconcileDrives(TYPE_INELIGIBLE, TYPE_SURVIVAL, "SURVIVAL.DEFAULT"));
    assert_true(reconcileDrives(TYPE_INELIGIBLE, TYPE_DEVELOPMENT, "DEVELOPMENT.A"));
    assert_false(reconcileDrives(TYPE_GROWTH, TYPE_SURVIVAL, NULL));
    assert_false(reconcileDrives(TYPE_GROWTH, TYPE_SURVIVAL, "CITY.RESULT"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_codes), cmocka_unit_test(test_kind_labels),
        cmocka_unit_test(test_codes_are_typings), cmocka_unit_test(test_every_difference_has_a_driver),
        cmocka_unit_test(test_drivers_by_kind)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
