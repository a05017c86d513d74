/* core: civil dates (RULES.md "Time"), exact money, USCC / 注册号, arena, sbuf, USCC set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "core/money.h"
#include "core/sbuf.h"
#include "core/uscc.h"
#include "core/usccset.h"
#include "core/utf8.h"

static civilDate D(const char *s) {
    civilDate d = DATE_NONE;
    assert_int_equal(dateParse(&d, s, strlen(s)), 0);
    return d;
}

static void test_date_epoch_values(void **state) {
    (void)state;
    /* Day numbers computed independently (Python datetime). */
    assert_int_equal(D("1970-01-01"), 0);
    assert_int_equal(D("2025-07-31"), 20300);
    assert_int_equal(D("2000-02-29"), 11016);
    assert_int_equal(D("1900-03-01"), -25508);
}

/* The plausible range (issue 8 finding 20): its day-number constants are its dates,
 * and both ends are inside it. */
static void test_date_plausible(void **state) {
    (void)state;
    assert_int_equal(DATE_PLAUSIBLE_MIN, dateFromYmd(1949, 10, 1));
    assert_int_equal(DATE_PLAUSIBLE_MAX, dateFromYmd(2099, 12, 31));
    assert_true(datePlausible(dateFromYmd(1949, 10, 1)) && datePlausible(dateFromYmd(2099, 12, 31)));
    assert_false(datePlausible(dateFromYmd(1949, 9, 30)) || datePlausible(dateFromYmd(2100, 1, 1)));
    assert_false(datePlausible(DATE_NONE) || datePlausible(dateFromYmd(1, 1, 1)) || datePlausible(dateFromYmd(9999, 12, 31)));
}

static void test_date_roundtrip_every_day(void **state) {
    (void)state;
    char buf[DATE_STRLEN];
    civilDate prev = D("1899-12-31");
    for (civilDate d = D("1900-01-01"); d <= D("2100-12-31"); d++) {
        dateFormat(buf, d);
        civilDate back;
        assert_int_equal(dateParse(&back, buf, 10), 0);
        assert_int_equal(back, d);
        assert_int_equal(d, prev + 1);
        prev = d;
    }
}

static void test_date_parse_rejects(void **state) {
    (void)state;
    const char *bad[] = {"2025-02-29", "2100-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-4-01",
                         "2025/04/01", "20250401", "2025-04-01T00:00", "0000-01-01", "abcd-ef-gh", "", " 2025-04-01",
                         "2025-04-0a", "-025-04-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        civilDate d = 12345;
        assert_int_equal(dateParse(&d, bad[i], strlen(bad[i])), GH_EINVAL);
        assert_int_equal(d, 12345);
    }
    civilDate d;
    assert_int_equal(dateParse(&d, "2000-02-29", 10), 0);
    assert_int_equal(dateParse(&d, "2024-02-29", 10), 0);
}

static void test_date_anniversary(void **state) {
    (void)state;
    /* RULES.md: established 2023-07-31 qualifies at R = 2025-07-31; 2023-08-01 does not. */
    assert_true(dateAddYears(D("2023-07-31"), 2) <= D("2025-07-31"));
    assert_false(dateAddYears(D("2023-08-01"), 2) <= D("2025-07-31"));
    /* 29 February reaches its anniversary on 28 February. */
    assert_int_equal(dateAddYears(D("2024-02-29"), 1), D("2025-02-28"));
    assert_int_equal(dateAddYears(D("2024-02-29"), 2), D("2026-02-28"));
    assert_int_equal(dateAddYears(D("2024-02-29"), 4), D("2028-02-29"));
    assert_int_equal(dateAddYears(D("2023-03-01"), 1), D("2024-03-01"));
    assert_int_equal(dateAddYears(D("2022-12-31"), 3), D("2025-12-31"));
}

static void test_date_interval(void **state) {
    (void)state;
    const civilDate r = D("2025-07-31");
    assert_true(dateIntervalActive(D("2025-07-31"), DATE_NONE, r));  /* from == R: active */
    assert_false(dateIntervalActive(D("2025-08-01"), DATE_NONE, r)); /* starts after R */
    assert_false(dateIntervalActive(D("2024-01-01"), r, r));         /* ended on R: not active */
    assert_true(dateIntervalActive(D("2024-01-01"), D("2025-08-01"), r));
    assert_false(dateIntervalActive(D("2024-01-01"), D("2024-06-01"), r));
}

static void expect_money(const char *s, money fen) {
    money v = -1;
    assert_int_equal(moneyParse(&v, s, strlen(s)), 0);
    assert_int_equal(v, fen);
}

static void expect_money_error(const char *s, int code) {
    money v = 777;
    assert_int_equal(moneyParse(&v, s, strlen(s)), code);
    assert_int_equal(v, 777);
}

static void test_money_parse(void **state) {
    (void)state;
    expect_money("0", 0);
    expect_money("350000", 35000000);
    expect_money("12.50", 1250);
    expect_money("12.5", 1250);
    expect_money("0.01", 1);
    expect_money("007", 700);
    expect_money("92233720368547758.07", INT64_MAX);
    expect_money_error("", MONEY_EEMPTY);
    expect_money_error("12.345", MONEY_EDECIMALS);
    expect_money_error("0.001", MONEY_EDECIMALS);
    expect_money_error("12.500", MONEY_EDECIMALS); /* DATA.md: at most two decimals, as written */
    expect_money_error("-5", MONEY_ENEGATIVE);
    expect_money_error("+5", MONEY_ENEGATIVE);
    expect_money_error("92233720368547758.08", MONEY_EOVERFLOW);
    expect_money_error("99999999999999999999", MONEY_EOVERFLOW);
    expect_money_error("1e5", MONEY_EEXPONENT);
    expect_money_error("1.5E2", MONEY_EEXPONENT);
    expect_money_error("1,200", MONEY_ESYNTAX);
    expect_money_error("12.", MONEY_ESYNTAX);
    expect_money_error(".5", MONEY_ESYNTAX);
    expect_money_error(" 5", MONEY_ESYNTAX);
    expect_money_error("5 ", MONEY_ESYNTAX);
    expect_money_error("5元", MONEY_ESYNTAX);
    expect_money_error("12.3x", MONEY_ESYNTAX);
    expect_money_error("0x10", MONEY_ESYNTAX);
    for (int c = MONEY_EEXPONENT; c <= MONEY_EEMPTY; c++) assert_non_null(strstr(moneyMessage(c), "("));
}

static void test_money_format(void **state) {
    (void)state;
    char buf[MONEY_STRLEN];
    moneyFormat(buf, 35000000);
    assert_string_equal(buf, "350000.00");
    moneyFormat(buf, 5);
    assert_string_equal(buf, "0.05");
    moneyFormat(buf, 0);
    assert_string_equal(buf, "0.00");
    moneyFormat(buf, -1250);
    assert_string_equal(buf, "-12.50");
    moneyFormat(buf, INT64_MAX);
    assert_string_equal(buf, "92233720368547758.07");
    moneyFormat(buf, INT64_MIN);
    assert_string_equal(buf, "-92233720368547758.08");
}

static void test_uscc(void **state) {
    (void)state;
    /* Check characters computed independently (Python, GB 32100-2015). */
    assert_int_equal(usccValidate("92110115MA0000000B", 18), 0);
    assert_int_equal(usccValidate("92110115MA01ABCD3M", 18), 0);
    assert_int_equal(usccValidate("92110000L12345678R", 18), 0);
    assert_int_equal(usccValidate("92440300MA5FXXXX1U", 18), 0);
    assert_int_equal(usccCheckChar("92110115MA01ABCD3"), 'M');
    assert_int_equal(usccValidate("92110115MA0000000C", 18), USCC_ECHECK);
    assert_int_equal(usccValidate("91110000600007336U", 18), USCC_ENOTINDIV); /* valid, but a company */
    assert_int_equal(usccValidate("9211011500000000Y5", 18), 0);
    assert_int_equal(usccValidate("92110115MA0000000", 17), USCC_ELENGTH);
    assert_int_equal(usccValidate("92110115MA0000000BB", 19), USCC_ELENGTH);
    assert_int_equal(usccValidate("92110115ma0000000b", 18), USCC_ELOWER);
    assert_int_equal(usccValidate("92110115MI0000000B", 18), USCC_ECHARSET); /* I is not in the set */
    assert_int_equal(usccValidate("92110115MO0000000B", 18), USCC_ECHARSET);
    assert_int_equal(usccValidate("92110115MA00000-0B", 18), USCC_ECHARSET);
    char code[19] = "9211A115MA0000000?";
    code[17] = usccCheckChar(code);
    assert_int_equal(usccValidate(code, 18), USCC_EDIVISION);
    char buf[200];
    usccMessage(USCC_ECHECK, "92110115MA0000000C", 18, buf, sizeof buf);
    assert_non_null(strstr(buf, "应为 B"));
}

static void test_regno(void **state) {
    (void)state;
    /* ISO 7064 MOD 11,10 check digits computed independently (Python). */
    assert_int_equal(regnoValidate("110115000000003", 15), 0);
    assert_int_equal(regnoValidate("110105000001234", 15), 0);
    assert_int_equal(regnoValidate("440300100000006", 15), 0);
    assert_int_equal(regnoValidate("110115000000004", 15), REGNO_ECHECK);
    assert_int_equal(regnoValidate("11011500000000", 14), REGNO_ELENGTH);
    assert_int_equal(regnoValidate("11011500000000A", 15), REGNO_EDIGIT);
    /* Every single-digit change of a valid number is caught. */
    static const char valid[] = "110105000001234";
    for (int i = 0; i < 15; i++)
        for (int digit = 0; digit <= 9; digit++) {
            char probe[16];
            memcpy(probe, valid, sizeof probe);
            if (probe[i] == '0' + digit) continue;
            probe[i] = (char)('0' + digit);
            if (regnoValidate(probe, 15) != REGNO_ECHECK) fail_msg("%s passes", probe);
        }
}

static void test_arena(void **state) {
    (void)state;
    arena a;
    arenaInit(&a, 128, 1000);
    char *p = arenaStrndup(&a, "大兴", strlen("大兴"));
    assert_string_equal(p, "大兴");
    assert_int_equal((uintptr_t)arenaAlloc(&a, 1) % _Alignof(max_align_t), 0);
    assert_non_null(arenaAlloc(&a, 500)); /* larger than a block */
    assert_null(arenaAlloc(&a, 600));     /* over the limit */
    arenaReset(&a);
    assert_int_equal(a.used_total, 0);
    assert_non_null(arenaAlloc(&a, 600));
    arenaFree(&a);
}

static void test_sbuf(void **state) {
    (void)state;
    sbuf b;
    sbufInit(&b);
    sbufPuts(&b, "年度");
    sbufPutInt(&b, -2024);
    sbufPutInt(&b, 0);
    SBUF_LIT(&b, "x");
    sbufPrintf(&b, "%s-%d", "a", 7);
    assert_string_equal(b.data, "年度-20240xa-7");
    sbufClear(&b);
    for (int i = 0; i < 10000; i++) sbufPutc(&b, 'z');
    assert_int_equal(b.len, 10000);
    assert_false(b.failed);
    sbufFree(&b);
}

/* Display escaping (issue 8, finding 7): a newline, ESC, a C1 control, a bidi
 * override and bytes that are not UTF-8 cannot act on a terminal or reorder a
 * line; Chinese passes; the result is always UTF-8. */
static void test_utf8_escape(void **state) {
    (void)state;
    const char in[] = "x\n2026 \x1b[2Jadmin\t\r\x7f\xc2\x85\xe2\x80\xae\xe2\x80\xa8福顺\xe5\x95\xff\\n";
    sbuf b;
    sbufInit(&b);
    utf8Escape(&b, in, sizeof in - 1);
    assert_string_equal(b.data, "x\\n2026 \\x1b[2Jadmin\\t\\r\\x7f\\u0085\\u202e\\u2028福顺\\xe5\\x95\\xff\\n");
    assert_true(utf8Valid(b.data, b.len, NULL));
    sbufClear(&b);
    utf8Escape(&b, "a\0b", 3);
    assert_string_equal(b.data, "a\\x00b");
    /* a prefix never cuts a character: 福 is three bytes */
    assert_int_equal(utf8Prefix("福顺", 6, 4), 3);
    assert_int_equal(utf8Prefix("福顺", 6, 6), 6);
    sbufFree(&b);
}

static void usccCode(char code[19], int i) {
    snprintf(code, 19, "92110115MA%07d", i);
    code[17] = usccCheckChar(code);
    code[18] = '\0';
}

/* The same sequence of adds against a set held in memory and one that moves to
 * disk almost at once (budget 0): identical answers, lines included. */
static void test_usccset_memory_and_disk(void **state) {
    (void)state;
    usccSet mem, disk;
    usccSetInit(&mem, 1u << 30, NULL);
    usccSetInit(&disk, 0, NULL);
    char code[19];
    uint64_t first_m = 0, first_d = 0;
    for (int i = 0; i < 20000; i++) {
        /* every seventh add repeats an earlier code */
        const int k = i % 7 == 6 ? i / 3 : i;
        usccCode(code, k);
        const int rm = usccSetAdd(&mem, code, (uint64_t)i + 1, &first_m);
        const int rd = usccSetAdd(&disk, code, (uint64_t)i + 1, &first_d);
        assert_int_equal(rm, rd);
        if (rm == 1) assert_int_equal(first_m, first_d);
        if (i % 7 == 6 && k % 7 != 6 && k < i) assert_int_equal(rm, 1);
    }
    assert_int_equal(mem.count, disk.count);
    assert_non_null(mem.mem);
    assert_true(disk.fd >= 0); /* it did move to a file */
    assert_true(disk.fd >= 0);
    usccCode(code, 1234);
    assert_int_equal(usccSetAdd(&disk, code, 99999, &first_d), 1);
    assert_int_equal(first_d, 1235);
    usccSetFree(&mem);
    usccSetFree(&disk);
}

static void test_usccset_distinct(void **state) {
    (void)state;
    usccSet s;
    usccSetInit(&s, 1u << 30, NULL);
    char code[19];
    uint64_t first;
    /* Codes that differ in one character each stay distinct through growth. */
    for (int i = 0; i < 5000; i++) {
        usccCode(code, i);
        assert_int_equal(usccSetAdd(&s, code, (uint64_t)i + 1, &first), 0);
    }
    assert_int_equal(s.count, 5000);
    usccCode(code, 1234);
    assert_int_equal(usccSetAdd(&s, code, 9999, &first), 1);
    assert_int_equal(first, 1235);
    usccSetFree(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_escape), cmocka_unit_test(test_date_epoch_values), cmocka_unit_test(test_date_plausible), cmocka_unit_test(test_date_roundtrip_every_day),
        cmocka_unit_test(test_date_parse_rejects), cmocka_unit_test(test_date_anniversary),
        cmocka_unit_test(test_date_interval),     cmocka_unit_test(test_money_parse),
        cmocka_unit_test(test_money_format),      cmocka_unit_test(test_uscc),
        cmocka_unit_test(test_regno),             cmocka_unit_test(test_arena),
        cmocka_unit_test(test_sbuf),              cmocka_unit_test(test_usccset_distinct),
        cmocka_unit_test(test_usccset_memory_and_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
