/* rules/plain.c: the two registers of every reason code (issue 11 §1, decision 150).
 * PUBLIC: no ASCII digit, no 元/万/人/件 figure, for every code. FULL: the figures of a
 * reason whose figures are set to odd values, so a sentence that dropped them fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "rules/explain.h"
#include "rules/plain.h"

/* A reason of code c with every figure set: 2024, 123456.78 元 against 1000000.00 元, 7 people
 * (standard 1 to 3 or 4+), dates 2021-03-04 and 2024-07-31, reference ZL-REF. */
static typingReason plainSample(reasonCode c) {
    typingReason r = {.code = c, .year = 2024, .has_value = true, .value = 12345678, .threshold = 100000000,
                      .count = 7, .count_min = 4, .count_max = 9, .ref = "ZL-REF"};
    dateParse(&r.date, "2021-03-04", 10);
    dateParse(&r.date2, "2024-07-31", 10);
    if (c == REASON_INELIGIBLE_STATUS) r.count = STATUS_REVOKED;
    if (c == REASON_GROWTH_C || c == REASON_MISSED_GROWTH_C) r.count_min = 1, r.count_max = 3;
    return r;
}

static bool plainHasDigit(const char *s) {
    for (; *s; s++)
        if (*s >= '0' && *s <= '9') return true;
    return false;
}

/* No figure in words either: a unit right after a number is what a figure looks like; the
 * phrases never write numbers in Chinese numerals ("上一年度" is a period, not a figure). */
static bool plainHasFigure(const char *s) {
    static const char *const numerals[] = {"一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千"};
    static const char *const units[] = {"元", "万", "人", "件", "个"};
    for (size_t i = 0; i < sizeof numerals / sizeof *numerals; i++)
        for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
            char both[16];
            strcpy(both, numerals[i]);
            strcat(both, units[k]);
            if (strstr(s, both)) return true;
        }
    return plainHasDigit(s);
}

static void test_public_has_no_figure(void **state) {
    (void)state;
    for (int c = 0; c < REASON__COUNT; c++) {
        sbuf b;
        sbufInit(&b);
        plainPublic(&b, (reasonCode)c);
        assert_false(b.failed);
        if (b.len < 6) fail_msg("%s: no public sentence", explainCode((reasonCode)c));
        if (plainHasFigure(b.data)) fail_msg("%s: figure in the public sentence: %s", explainCode((reasonCode)c), b.data);
        assert_non_null(strstr(b.data, "。"));
        sbufFree(&b);
    }
}

static void test_full_has_the_figures(void **state) {
    (void)state;
    for (int c = 0; c < REASON__COUNT; c++) {
        const typingReason r = plainSample((reasonCode)c);
        sbuf b;
        sbufInit(&b);
        plainFull(&b, &r);
        assert_false(b.failed);
        const char *s = b.data, *code = explainCode((reasonCode)c);
        const size_t n = strlen(s);
        if (n < 3 || strcmp(s + n - 3, "。")) fail_msg("%s: not a sentence: %s", code, s);
        switch ((reasonCode)c) {
        case REASON_DEVELOPMENT_A: case REASON_DEVELOPMENT_B: case REASON_GROWTH_A: case REASON_GROWTH_B:
        case REASON_MISSED_GROWTH_A: case REASON_MISSED_GROWTH_B: case REASON_MISSED_DEVELOPMENT_A:
        case REASON_MISSED_DEVELOPMENT_B:
            if (!strstr(s, "123,456.78 元") || !strstr(s, "1,000,000.00 元") || !strstr(s, "2024"))
                fail_msg("%s: amounts missing: %s", code, s);
            if (plainKindOf((reasonCode)c) == PLAIN_MISSED && !strstr(s, "876,543.22 元"))
                fail_msg("%s: the gap is missing: %s", code, s);
            break;
        case REASON_DEVELOPMENT_C: case REASON_GROWTH_C: case REASON_MISSED_GROWTH_C: case REASON_MISSED_DEVELOPMENT_C:
            if (!strstr(s, "7 人") || !strstr(s, "2024")) fail_msg("%s: count missing: %s", code, s);
            if ((c == REASON_GROWTH_C || c == REASON_MISSED_GROWTH_C) && !strstr(s, "1 至 3 人"))
                fail_msg("%s: standard missing: %s", code, s);
            break;
        case REASON_DEVELOPMENT_D: case REASON_DEVELOPMENT_E:
            if (!strstr(s, "7 件") || !strstr(s, "ZL-REF")) fail_msg("%s: count missing: %s", code, s);
            break;
        case REASON_MISSED_DEVELOPMENT_D: case REASON_MISSED_DEVELOPMENT_E:
            if (!strstr(s, "1 件")) fail_msg("%s: standard missing: %s", code, s);
            break;
        case REASON_INELIGIBLE_STATUS:
            if (!strstr(s, "吊销")) fail_msg("%s: status missing: %s", code, s);
            break;
        case REASON_SURVIVAL_DEFAULT: case REASON_MISSED_TAX_REGISTRATION: break; /* no figures to quote */
        default:
            if (!strstr(s, "2021-03-04") && !strstr(s, "2024-07-31")) fail_msg("%s: date missing: %s", code, s);
        }
        sbufFree(&b);
    }
}

static void test_summary(void **state) {
    (void)state;
    const reasonCode growth[] = {REASON_GROWTH_A, REASON_GROWTH_B, REASON_MISSED_DEVELOPMENT_A};
    sbuf b;
    sbufInit(&b);
    plainSummary(&b, 2025, TYPE_GROWTH, growth, 3);
    assert_string_equal(b.data, "2025 年度：成长型。依据：上一年度营业收入达到成长型标准；上一年度实际缴纳税款达到成长型标准。");
    sbufClear(&b);
    const reasonCode inel[] = {REASON_INELIGIBLE_NO_ANNUAL_REPORT};
    plainSummary(&b, 2025, TYPE_INELIGIBLE, inel, 1);
    assert_string_equal(b.data, "2025 年度：不符合分型条件。原因：未在判定基准日前报送上一年度年度报告。");
    sbufClear(&b);
    const reasonCode surv[] = {REASON_SURVIVAL_DEFAULT, REASON_MISSED_GROWTH_A};
    plainSummary(&b, 2024, TYPE_SURVIVAL, surv, 2);
    assert_null(strstr(b.data, "营业收入")); /* a missed criterion never reaches the summary */
    assert_false(plainHasDigit(strstr(b.data, "：")));
    sbufFree(&b);
}

static void test_kinds_and_meanings(void **state) {
    (void)state;
    assert_int_equal(plainKindOf(REASON_GROWTH_A), PLAIN_MET);
    assert_int_equal(plainKindOf(REASON_INELIGIBLE_SUSPENDED), PLAIN_MET);
    assert_int_equal(plainKindOf(REASON_MISSED_AGE), PLAIN_MISSED);
    assert_int_equal(plainKindOf(REASON_MISSED_DEVELOPMENT_E), PLAIN_MISSED);
    assert_int_equal(plainKindOf(REASON_NOTE_SEASONAL_SUSPENSION), PLAIN_NOTE);
    for (int t = TYPE_SURVIVAL; t <= TYPE_INELIGIBLE; t++) {
        const char *m = plainTypeMeaning((bizType)t);
        assert_non_null(strstr(m, typingTypeLabel((bizType)t)));
        assert_false(plainHasFigure(m)); /* thresholds are parameters, never written here */
    }
    assert_non_null(strstr(plainGapHead(TYPE_SURVIVAL), "成长型"));
    assert_non_null(strstr(plainGapHead(TYPE_GROWTH), "发展型"));
    assert_null(plainGapHead(TYPE_DEVELOPMENT));
    assert_null(plainGapHead(TYPE_INELIGIBLE));
    reasonCode c;
    assert_int_equal(explainParse(&c, "MISSED.GROWTH.B", 15), 0);
    assert_int_equal(c, REASON_MISSED_GROWTH_B);
    assert_int_not_equal(explainParse(&c, "GROWTH.Z", 8), 0);
}

static void test_grouping(void **state) {
    (void)state;
    sbuf b;
    sbufInit(&b);
    const char *t = "2024年度营业收入 1234.50 元，注册号 ZL2021.12 等，截至 2024-07-31 差 999.00 元，共 12345678.00 元";
    plainFullText(&b, t, strlen(t));
    assert_string_equal(b.data, "2024年度营业收入 1,234.50 元，注册号 ZL2021.12 等，截至 2024-07-31 差 999.00 元，共 12,345,678.00 元。");
    sbufFree(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_public_has_no_figure), cmocka_unit_test(test_full_has_the_figures),
                                       cmocka_unit_test(test_summary), cmocka_unit_test(test_kinds_and_meanings),
                                       cmocka_unit_test(test_grouping)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
