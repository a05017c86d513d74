/* rules/measures.c: entitlements for every type × held categories (A2 / A4
 * preamble), and who serves a part (decision 86). Links getihu_rules only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/error.h"
#include "rules/measures.h"

/* A catalogue with the scheme's 28 articles and nothing else. */
static void skeleton(measureCatalogue *c) {
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < MEASURES_COUNT; i++) {
        measureFor f;
        assert_int_equal(measureArticle(&c->items[i].id, &f, i), 0);
        c->items[i].target = f;
    }
    c->n = MEASURES_COUNT;
}

/* Counts per target as the annex numbers them: A2 (一) 5, (二) 4, (三) 3; A4 4 each. */
static const int per_target[MFOR__COUNT] = {5, 4, 3, 4, 4, 4, 4};

static void test_every_type_and_category_set(void **state) {
    (void)state;
    measureCatalogue c;
    skeleton(&c);
    const measureFor of_type[] = {MFOR_SURVIVAL, MFOR_GROWTH, MFOR_DEVELOPMENT};
    const measureFor of_cat[CAT__COUNT] = {MFOR_FAMOUS, MFOR_CHARACTERISTIC, MFOR_QUALITY, MFOR_EMERGING};
    for (int t = TYPE_SURVIVAL; t <= TYPE_INELIGIBLE; t++)
        for (unsigned held = 0; held < (1u << CAT__COUNT); held++) {
            uint32_t got;
            assert_int_equal(measuresEntitled(&got, &c, (bizType)t, held), 0);
            int expect_n = 0;
            for (size_t i = 0; i < c.n; i++) {
                bool want = false;
                if (t != TYPE_INELIGIBLE) {
                    want = c.items[i].target == of_type[t];
                    for (int k = 0; k < CAT__COUNT; k++)
                        if ((held >> k) & 1u) want = want || c.items[i].target == of_cat[k];
                }
                assert_int_equal(!!(got & (1u << i)), want);
                expect_n += want;
            }
            /* and the count from the annex's own numbering */
            int n = 0;
            if (t != TYPE_INELIGIBLE) {
                n = per_target[of_type[t]];
                for (int k = 0; k < CAT__COUNT; k++)
                    if ((held >> k) & 1u) n += per_target[of_cat[k]];
            }
            assert_int_equal(__builtin_popcount(got), n);
            assert_int_equal(expect_n, n);
        }
}

static void test_ineligible_gets_nothing_even_with_a_category(void **state) {
    (void)state;
    measureCatalogue c;
    skeleton(&c);
    uint32_t got = 123;
    assert_int_equal(measuresEntitled(&got, &c, TYPE_INELIGIBLE, 0xF), 0);
    assert_int_equal(got, 0);
    assert_int_equal(measuresEntitled(&got, &c, (bizType)7, 0), GH_EINVAL);
}

static void test_growth_famous_is_the_two_lists(void **state) {
    (void)state;
    measureCatalogue c;
    skeleton(&c);
    uint32_t got;
    assert_int_equal(measuresEntitled(&got, &c, TYPE_GROWTH, 1u << CAT_FAMOUS), 0);
    for (size_t i = 0; i < c.n; i++) {
        const bool want = !strncmp(c.items[i].id, "A2(二)", strlen("A2(二)")) ||
                          !strncmp(c.items[i].id, "A4(一)", strlen("A4(一)"));
        assert_int_equal(!!(got & (1u << i)), want);
    }
}

static void test_served_by(void **state) {
    (void)state;
    measurePart p = {"x", {"区人力资源社会保障局"}, 1};
    assert_true(measurePartServedBy(&p, MVIEW_DEPARTMENT, "区人力资源社会保障局"));
    assert_true(measurePartServedBy(&p, MVIEW_DEPARTMENT, "区人力社保局")); /* alias */
    assert_false(measurePartServedBy(&p, MVIEW_DEPARTMENT, "区税务局"));
    assert_false(measurePartServedBy(&p, MVIEW_TOWN, "黄村镇"));
    assert_false(measurePartServedBy(&p, MVIEW_CLERK, NULL));
    measurePart towns = {"x", {"各镇街"}, 1};
    assert_true(measurePartServedBy(&towns, MVIEW_TOWN, "黄村镇"));
    assert_false(measurePartServedBy(&towns, MVIEW_DEPARTMENT, "区商务局"));
    assert_false(measurePartServedBy(&towns, MVIEW_CLERK, NULL));
    measurePart shared = {"x", {"各相关部门"}, 1};
    assert_true(measurePartServedBy(&shared, MVIEW_DEPARTMENT, "区商务局"));
    assert_true(measurePartServedBy(&shared, MVIEW_CLERK, NULL));
    assert_false(measurePartServedBy(&shared, MVIEW_TOWN, "黄村镇"));
    measurePart bureau = {"x", {"区市场监管局"}, 1};
    assert_true(measurePartServedBy(&bureau, MVIEW_CLERK, NULL));
    assert_false(measurePartServedBy(&bureau, MVIEW_DEPARTMENT, "区商务局"));
    measurePart ndrc = {"x", {"区发展改革委"}, 1};
    assert_true(measurePartServedBy(&ndrc, MVIEW_DEPARTMENT, "区发展和改革委员会"));
}

static void test_for_names(void **state) {
    (void)state;
    measureFor f;
    for (int i = 0; i < MFOR__COUNT; i++) {
        assert_int_equal(measureForParse(&f, measureForName((measureFor)i)), 0);
        assert_int_equal(f, i);
    }
    assert_int_equal(measureForParse(&f, "ineligible"), GH_EINVAL);
    assert_int_equal(measureForParse(&f, NULL), GH_EINVAL);
    assert_null(measureForName(MFOR__COUNT));
    const char *id;
    assert_int_equal(measureArticle(&id, &f, MEASURES_COUNT), GH_ENOTFOUND);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_type_and_category_set),
        cmocka_unit_test(test_ineligible_gets_nothing_even_with_a_category),
        cmocka_unit_test(test_growth_famous_is_the_two_lists),
        cmocka_unit_test(test_served_by),
        cmocka_unit_test(test_for_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
