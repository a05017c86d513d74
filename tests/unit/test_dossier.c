/* io/dossier_json.c: DATA.md §1, every rejection with its field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "io/dossier_json.h"

#define BASE "\"uscc\":\"92110115MA0000000B\",\"established\":\"2019-05-12\",\"status\":\"registered\""

static const char example[] =
    "{\"uscc\":\"92110115MA0000000B\",\"name\":\"北京市大兴区示例小吃店\",\"operator_name\":\"张三\","
    "\"operator_id\":\"110115199001011234\",\"operator_groups\":[\"veteran\"],"
    "\"established\":\"2019-05-12\",\"status\":\"registered\",\"seasonal\":false,"
    "\"town\":\"黄村镇\",\"industry\":\"H6210\",\"address\":\"北京市大兴区……\","
    "\"tax_registered\":true,\"general_taxpayer\":false,"
    "\"annual_reports\":[{\"year\":2024,\"filed_on\":\"2025-05-20\",\"revenue\":\"350000\",\"employees\":2}],"
    "\"tax_paid\":[{\"year\":2024,\"amount\":\"1200.00\"}],"
    "\"insured_employees\":[{\"year\":2024,\"count\":0}],"
    "\"abnormal_list\":[{\"from\":\"2022-03-01\",\"to\":\"2022-09-01\"}],"
    "\"serious_illegal_list\":[],\"tax_abnormal\":[],\"suspensions\":[],"
    "\"trademarks\":[{\"reg_no\":\"12345678\",\"holder\":\"operator\",\"in_use\":false}],"
    "\"patents\":[],"
    "\"penalties\":[{\"decided_on\":\"2024-11-02\",\"kind\":\"fine\",\"publicized\":true,\"repaired_on\":null}],"
    "\"dishonest_debtor\":[]}";

static int parse(const char *text, dossier *d, arena *a, dossierError *e) {
    arenaReset(a);
    return dossierParseJson(d, a, text, strlen(text), e);
}

static void test_example(void **state) {
    (void)state;
    arena a;
    arenaInit(&a, 4096, 0);
    dossier d;
    dossierError e;
    assert_int_equal(parse(example, &d, &a, &e), 0);
    assert_string_equal(d.uscc, "92110115MA0000000B");
    assert_string_equal(d.name, "北京市大兴区示例小吃店");
    assert_int_equal(d.operator_groups, GROUP_VETERAN);
    assert_int_equal(d.established, dateFromYmd(2019, 5, 12));
    assert_true(d.tax_registered);
    assert_int_equal(d.n_annual_reports, 1);
    assert_int_equal(d.annual_reports[0].revenue, 35000000);
    assert_int_equal(d.annual_reports[0].filed_on, dateFromYmd(2025, 5, 20));
    assert_int_equal(d.tax_paid[0].amount, 120000);
    assert_int_equal(d.abnormal_list.n, 1);
    assert_int_equal(d.abnormal_list.v[0].to, dateFromYmd(2022, 9, 1));
    assert_string_equal(d.trademarks[0].reg_no, "12345678");
    assert_int_equal(d.trademarks[0].holder, HOLDER_OPERATOR);
    assert_int_equal(d.penalties[0].kind, PENALTY_FINE);
    assert_int_equal(d.penalties[0].repaired_on, DATE_NONE);
    /* Writing and reading back gives the same record. */
    sbuf b;
    sbufInit(&b);
    dossierWriteJson(&b, &d);
    dossier d2;
    arena a2;
    arenaInit(&a2, 4096, 0);
    assert_int_equal(dossierParseJson(&d2, &a2, b.data, b.len, &e), 0);
    sbuf b2;
    sbufInit(&b2);
    dossierWriteJson(&b2, &d2);
    assert_string_equal(b.data, b2.data);
    sbufFree(&b);
    sbufFree(&b2);
    arenaFree(&a2);
    arenaFree(&a);
}

static void test_minimal_and_amount_forms(void **state) {
    (void)state;
    arena a;
    arenaInit(&a, 4096, 0);
    dossier d;
    dossierError e;
    assert_int_equal(parse("{" BASE "}", &d, &a, &e), 0);
    assert_null(d.name);
    assert_false(d.tax_registered);
    assert_int_equal(d.n_annual_reports, 0);
    /* Amounts as JSON numbers stay exact; nulls are absent; unknown fields are ignored. */
    assert_int_equal(parse("{" BASE ",\"annual_reports\":[{\"year\":2024,\"revenue\":350000.1,\"filed_on\":null}],"
                           "\"x_extra\":{\"deep\":[1,{\"a\":null}]},\"name\":null}",
                           &d, &a, &e), 0);
    assert_int_equal(d.annual_reports[0].revenue, 35000010);
    assert_true(d.annual_reports[0].has_revenue);
    assert_int_equal(d.annual_reports[0].filed_on, DATE_NONE);
    assert_int_equal(d.annual_reports[0].employees, -1);
    assert_null(d.name);
    arenaFree(&a);
}

typedef struct rejectCase {
    const char *json;
    const char *field;
    const char *fragment; /* part of the message */
} rejectCase;

static void test_rejections(void **state) {
    (void)state;
    static const rejectCase cases[] = {
        {"{\"established\":\"2019-05-12\",\"status\":\"registered\"}", "uscc", "缺少必填字段"},
        {"{\"uscc\":\"92110115MA0000000C\",\"established\":\"2019-05-12\",\"status\":\"registered\"}", "uscc", "应为 B"},
        {"{\"uscc\":\"91110000600007336U\",\"established\":\"2019-05-12\",\"status\":\"registered\"}", "uscc", "92"},
        {"{\"uscc\":920000,\"established\":\"2019-05-12\",\"status\":\"registered\"}", "uscc", "字符串"},
        {"{\"uscc\":null,\"established\":\"2019-05-12\",\"status\":\"registered\"}", "uscc", "缺少"},
        {"{\"uscc\":\"92110115MA0000000B\",\"status\":\"registered\"}", "established", "缺少必填字段"},
        {"{\"uscc\":\"92110115MA0000000B\",\"established\":\"2019-02-30\",\"status\":\"registered\"}", "established", "日期无效"},
        {"{\"uscc\":\"92110115MA0000000B\",\"established\":\"2019/05/12\",\"status\":\"registered\"}", "established", "日期无效"},
        {"{\"uscc\":\"92110115MA0000000B\",\"established\":\"2019-05-12\"}", "status", "缺少必填字段"},
        {"{\"uscc\":\"92110115MA0000000B\",\"established\":\"2019-05-12\",\"status\":\"closed\"}", "status", "未知取值"},
        {"{" BASE ",\"seasonal\":\"yes\"}", "seasonal", "true 或 false"},
        {"{" BASE ",\"annual_reports\":[{\"year\":2024,\"revenue\":\"12.345\"}]}", "annual_reports[0].revenue", "两位小数"},
        {"{" BASE ",\"annual_reports\":[{\"year\":2024,\"revenue\":-5}]}", "annual_reports[0].revenue", "正负号"},
        {"{" BASE ",\"annual_reports\":[{\"year\":2024,\"revenue\":3e5}]}", "annual_reports[0].revenue", "科学计数法"},
        {"{" BASE ",\"annual_reports\":[{\"year\":2024,\"revenue\":true}]}", "annual_reports[0].revenue", "金额"},
        {"{" BASE ",\"annual_reports\":[{\"revenue\":\"1\"}]}", "annual_reports[0].year", "缺少必填字段"},
        {"{" BASE ",\"annual_reports\":[{\"year\":\"2024\"}]}", "annual_reports[0].year", "整数"},
        {"{" BASE ",\"annual_reports\":[{\"year\":2024.5}]}", "annual_reports[0].year", "整数"},
        {"{" BASE ",\"annual_reports\":[{\"year\":2024},{\"year\":2024}]}", "annual_reports[1].year", "重复"},
        {"{" BASE ",\"annual_reports\":[{\"year\":2024,\"filed_on\":\"2025-13-01\"}]}", "annual_reports[0].filed_on", "日期无效"},
        {"{" BASE ",\"annual_reports\":[{\"year\":2024,\"employees\":-1}]}", "annual_reports[0].employees", "范围"},
        {"{" BASE ",\"annual_reports\":{}}", "annual_reports", "数组"},
        {"{" BASE ",\"annual_reports\":[5]}", "annual_reports[0]", "对象"},
        {"{" BASE ",\"tax_paid\":[{\"year\":2024}]}", "tax_paid[0].amount", "缺少必填字段"},
        {"{" BASE ",\"tax_paid\":[{\"year\":2024,\"amount\":null}]}", "tax_paid[0].amount", "缺少金额"},
        {"{" BASE ",\"insured_employees\":[{\"year\":2024,\"count\":1.5}]}", "insured_employees[0].count", "整数"},
        {"{" BASE ",\"abnormal_list\":[{\"to\":\"2022-01-01\"}]}", "abnormal_list[0].from", "缺少必填字段"},
        {"{" BASE ",\"tax_abnormal\":[{\"from\":\"2022-01-02\",\"to\":\"2022-01-01\"}]}", "tax_abnormal[0].to", "早于"},
        {"{" BASE ",\"suspensions\":[{\"from\":null}]}", "suspensions[0].from", "缺少日期"},
        {"{" BASE ",\"trademarks\":[{\"reg_no\":\"1\",\"holder\":\"friend\"}]}", "trademarks[0].holder", "未知取值"},
        {"{" BASE ",\"trademarks\":[{\"holder\":\"business\"}]}", "trademarks[0].reg_no", "缺少必填字段"},
        {"{" BASE ",\"trademarks\":[{\"reg_no\":\"\",\"holder\":\"business\"}]}", "trademarks[0].reg_no", "不能为空"},
        {"{" BASE ",\"patents\":[{\"number\":\"ZL1\"}]}", "patents[0].holder", "缺少必填字段"},
        {"{" BASE ",\"penalties\":[{\"decided_on\":\"2024-01-01\",\"kind\":\"scolding\"}]}", "penalties[0].kind", "未知取值"},
        {"{" BASE ",\"operator_groups\":[\"student\"]}", "operator_groups", "未知取值"},
        {"{" BASE ",\"legacy_reg_no\":\"110115000000004\"}", "legacy_reg_no", "注册号校验位"},
        {"{" BASE ",\"status\":\"registered\"}", "status", "重复"},
        {"{" BASE ",\"name\":\"a\"", "name", "JSON"},
        {"{" BASE "} x", "(json)", "多余"},
        {"[1,2]", "(json)", "JSON 对象"},
        {"", "(json)", "空记录"},
        {"{" BASE ",\"name\":\"\xff\"}", "name", "UTF-8"},
        {"{" BASE ",\"x\":[1,}", "x", "JSON"},
        {"{" BASE ",\"abnormal_list\":[{\"from\":\"2022-01-01\"},{\"from\":\"2022-01-01\",\"to\":null}]}",
         "abnormal_list[1].from", "开始日期重复"},
    };
    arena a;
    arenaInit(&a, 4096, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dossier d;
        dossierError e;
        const int rc = parse(cases[i].json, &d, &a, &e);
        if (rc != GH_EINVAL || strcmp(e.field, cases[i].field) != 0 || !strstr(e.message, cases[i].fragment))
            fail_msg("case %zu: rc=%d field=%s message=%s (wanted %s / %s)", i, rc, e.field, e.message,
                     cases[i].field, cases[i].fragment);
    }
    arenaFree(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_example), cmocka_unit_test(test_minimal_and_amount_forms),
                                       cmocka_unit_test(test_rejections)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
