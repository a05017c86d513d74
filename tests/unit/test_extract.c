/* io/extract.c: header aliases, office value formats, errors that name the column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "io/extract.h"

typedef struct fixture {
    FILE *f;
    csvReader r;
    extractHeader h;
    arena a;
} fixture;

/* Opens text (header + rows) for kind k; returns the header mapping result. */
static int openCsv(fixture *x, const char *text, extractKind k, char *err) {
    x->f = tmpfile();
    fwrite(text, 1, strlen(text), x->f);
    rewind(x->f);
    assert_int_equal(csvOpen(&x->r, x->f, NULL), 0);
    assert_int_equal(csvNext(&x->r), 1);
    arenaInit(&x->a, 4096, 0);
    return extractHeaderMap(&x->h, k, &x->r, err, 400);
}

static void closeCsv(fixture *x) {
    csvClose(&x->r);
    fclose(x->f);
    arenaFree(&x->a);
}

static int nextRow(fixture *x, extractRow *row, char *field, char *msg) {
    assert_int_equal(csvNext(&x->r), 1);
    return extractRowParse(row, &x->h, &x->r, &x->a, field, 96, msg, 320);
}

static void test_headers(void **state) {
    (void)state;
    fixture x;
    char err[400];
    assert_int_equal(openCsv(&x, "  统一社会信用代码 ,年报年度,营业收入,备注\n", EXTRACT_ANNUAL_REPORTS, err), 0);
    assert_int_equal(x.h.ignored, 1);
    closeCsv(&x);
    assert_int_equal(openCsv(&x, "USCC,Year\n", EXTRACT_ANNUAL_REPORTS, err), 0); /* English, any case */
    closeCsv(&x);
    assert_int_equal(openCsv(&x, "uscc,revenue\n", EXTRACT_ANNUAL_REPORTS, err), GH_EINVAL);
    assert_non_null(strstr(err, "年度"));
    closeCsv(&x);
    assert_int_equal(openCsv(&x, "uscc,年度,year\n", EXTRACT_ANNUAL_REPORTS, err), GH_EINVAL);
    assert_non_null(strstr(err, "重复"));
    closeCsv(&x);
}

static void test_values(void **state) {
    (void)state;
    fixture x;
    char err[400], field[96], msg[320];
    extractRow row;
    assert_int_equal(openCsv(&x, "统一社会信用代码,字号名称,成立日期,登记状态,季节性经营,注册号\n"
                                 "92110115MA0000000B, 小店 ,2019/5/12,注销,是,110115000000003\n"
                                 "92110115MA0000000B,,2019年5月12日,存续,N,\n"
                                 "92110115MA0000000B,,20190512,吊销,0,\n"
                                 "92110115MA0000000B,,2019-05-12 00:00:00,在营,否,\n"
                                 "92110115MA0000000B,,2019-02-29,在营,否,\n"
                                 "92110115MA0000000B,,2019-05-12,营业中,否,\n"
                                 "92110115MA0000000B,,2019-05-12,在营,也许,\n"
                                 "92110115MA0000000C,,2019-05-12,在营,否,\n"
                                 "92110115MA0000000B,,,在营,否,\n",
                             EXTRACT_REGISTRATION, err), 0);
    const civilDate d = dateFromYmd(2019, 5, 12);
    assert_int_equal(nextRow(&x, &row, field, msg), 0);
    assert_string_equal(row.name, "小店"); /* trimmed */
    assert_int_equal(row.established, d);
    assert_int_equal(row.status, STATUS_CANCELLED);
    assert_true(row.seasonal);
    assert_string_equal(row.legacy_reg_no, "110115000000003");
    assert_int_equal(nextRow(&x, &row, field, msg), 0);
    assert_int_equal(row.established, d);
    assert_int_equal(row.status, STATUS_REGISTERED);
    assert_null(row.name);
    assert_int_equal(nextRow(&x, &row, field, msg), 0);
    assert_int_equal(row.status, STATUS_REVOKED);
    assert_int_equal(nextRow(&x, &row, field, msg), 0);
    assert_int_equal(row.established, d);
    const char *bad[][2] = {{"成立日期", "日期无效"}, {"登记状态", "未知登记状态"}, {"季节性经营", "是/否"},
                            {"统一社会信用代码", "校验位"}, {"成立日期", "不能为空"}};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(nextRow(&x, &row, field, msg), GH_EINVAL);
        if (strcmp(field, bad[i][0]) || !strstr(msg, bad[i][1])) fail_msg("row %zu: %s: %s", i, field, msg);
    }
    closeCsv(&x);
}

static void test_money_and_tax(void **state) {
    (void)state;
    fixture x;
    char err[400], field[96], msg[320];
    extractRow row;
    assert_int_equal(openCsv(&x, "uscc,税务登记,所属年度,实缴税款,非正常户认定日期,非正常户解除日期\n"
                                 "92110115MA0000000B,是,2024,\"1,200.50\",2023/3/1,2023/9/1\n"
                                 "92110115MA0000000B,否,,,,\n"
                                 "92110115MA0000000B,,,300,,\n"
                                 "92110115MA0000000B,,2024,\"12,00\",,\n"
                                 "92110115MA0000000B,,,,,2023/9/1\n"
                                 "92110115MA0000000B,,2024,1,2023/9/1,2023/3/1\n",
                             EXTRACT_TAX, err), 0);
    assert_int_equal(nextRow(&x, &row, field, msg), 0);
    assert_true(row.has_tax_registered && row.tax_registered);
    assert_true(row.has_tax_paid && row.tax_paid == 120050 && row.year == 2024);
    assert_true(row.has_interval && row.from == dateFromYmd(2023, 3, 1) && row.to == dateFromYmd(2023, 9, 1));
    assert_int_equal(nextRow(&x, &row, field, msg), 0);
    assert_true(row.has_tax_registered && !row.tax_registered && !row.has_tax_paid && !row.has_interval);
    assert_int_equal(nextRow(&x, &row, field, msg), GH_EINVAL); /* an amount without its year */
    assert_string_equal(field, "year");
    assert_int_equal(nextRow(&x, &row, field, msg), GH_EINVAL);
    assert_non_null(strstr(msg, "千位分隔符"));
    assert_int_equal(nextRow(&x, &row, field, msg), GH_EINVAL); /* an end without a start */
    assert_int_equal(nextRow(&x, &row, field, msg), GH_EINVAL); /* ends before it starts */
    assert_non_null(strstr(msg, "早于"));
    closeCsv(&x);
}

static void test_kinds(void **state) {
    (void)state;
    for (int k = 0; k < EXTRACT__COUNT; k++) {
        extractKind back;
        assert_int_equal(extractKindParse(&back, extractKindName((extractKind)k)), 0);
        assert_int_equal(back, k);
        char list[512];
        assert_int_equal(extractKindList(list, sizeof list), 0);
        assert_non_null(strstr(list, extractKindName((extractKind)k)));
        if (k == EXTRACT_DOSSIERS) continue;
        /* The generator's Chinese header maps onto every column of its kind. */
        fixture x;
        char err[400];
        sbuf text;
        sbufInit(&text);
        kindWriteHeader(&text, kindGet((extractKind)k));
        sbufPutc(&text, '\n');
        assert_int_equal(openCsv(&x, text.data, (extractKind)k, err), 0);
        sbufFree(&text);
        assert_int_equal(x.h.ignored, 0);
        closeCsv(&x);
    }
    extractKind k;
    assert_int_equal(extractKindParse(&k, "taxes"), GH_EINVAL);
    char tiny[8];
    assert_int_equal(extractKindList(tiny, sizeof tiny), GH_EINVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_headers), cmocka_unit_test(test_values),
                                       cmocka_unit_test(test_money_and_tax), cmocka_unit_test(test_kinds)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
