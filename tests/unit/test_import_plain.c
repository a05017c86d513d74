/* app/import_plain.c (issue 11 §5): a clerk's sentences from the readers' messages, and
 * app/import_template.c's CSV template. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "app/import_plain.h"
#include "app/import_template.h"
#include "core/error.h"
#include "io/kinds.h"

static void test_text_drops_english(void **state) {
    (void)state;
    char out[200];
    importPlainText(out, sizeof out, "不能为空 (required)");
    assert_string_equal(out, "不能为空");
    importPlainText(out, sizeof out, "日期无效 \"2024-13-01\"，应为真实日期 (invalid date)");
    assert_string_equal(out, "日期无效 \"2024-13-01\"，应为真实日期");
    importPlainText(out, sizeof out, "本行有 3 个字段，表头有 2 个 (row has 3 fields, header 2)");
    assert_string_equal(out, "本行有 3 个字段，表头有 2 个");
    /* parentheses that are not English stay */
    importPlainText(out, sizeof out, "缺少必需的列（可用列名：a|b）(required column missing)");
    assert_string_equal(out, "缺少必需的列（可用列名：a|b）");
    importPlainText(out, sizeof out, "金额 (12.50) 有误");
    assert_string_equal(out, "金额 (12.50) 有误");
    /* a short buffer never cuts a character */
    importPlainText(out, 5, "不能为空");
    assert_string_equal(out, "不");
}

static void test_row_names_the_chinese_title(void **state) {
    (void)state;
    char out[300];
    assert_string_equal(importPlainColumn(EXTRACT_TAX, "tax_paid"), "实缴税款");
    assert_string_equal(importPlainColumn(EXTRACT_TAX, "实缴税额"), "实缴税款"); /* an alias */
    assert_string_equal(importPlainColumn(EXTRACT_TAX, "YEAR"), "所属年度");
    assert_string_equal(importPlainColumn(EXTRACT_TAX, "(csv)"), "");
    assert_string_equal(importPlainColumn(EXTRACT_TAX, "tax"), "");
    assert_string_equal(importPlainColumn(EXTRACT_INSURANCE, "count|insured_employees|单位参保人数"), "单位参保人数");
    importPlainRow(out, sizeof out, EXTRACT_TAX, 12, "tax_paid", "金额格式错误 (not a plain decimal amount)");
    assert_string_equal(out, "第 12 行「实缴税款」：金额格式错误");
    importPlainRow(out, sizeof out, EXTRACT_TAX, 3, "(csv)", "本行有 3 个字段，表头有 2 个 (row has 3 fields, header 2)");
    assert_string_equal(out, "第 3 行：本行有 3 个字段，表头有 2 个");
}

static void test_csv_template(void **state) {
    (void)state;
    sbuf b;
    sbufInit(&b);
    assert_int_equal(appImportTemplateCsv(&b, EXTRACT_INSURANCE), 0);
    assert_string_equal(b.data, "\xEF\xBB\xBF统一社会信用代码,参保年度,单位参保人数\r\n");
    sbufFree(&b);
    sbufInit(&b);
    assert_int_equal(appImportTemplateCsv(&b, EXTRACT_DOSSIERS), GH_EINVAL);
    sbufFree(&b);
    /* every example of a required column is filled; the personal ones are empty */
    for (int k = 0; k < EXTRACT__COUNT; k++) {
        const importKind *kind = kindGet((extractKind)k);
        for (int i = 0; i < kind->ncols; i++)
            if (kind->cols[i].required) assert_true(kindColumnExample(kind->cols[i].id)[0] != '\0');
    }
    assert_string_equal(kindColumnExample(KC_OPNAME), "");
    assert_string_equal(kindColumnExample(KC_OPID), "");
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_text_drops_english),
                                       cmocka_unit_test(test_row_names_the_chinese_title),
                                       cmocka_unit_test(test_csv_template)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
