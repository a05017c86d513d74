/* io/result_json.c: DATA.md §3 shape, and escaping of dossier strings quoted in
 * a sentence. cJSON reads the output back as an independent check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <string.h>
#include "io/result_json.h"
#include "rules/explain.h"

static cJSON *write(const typingResult *r) {
    sbuf b;
    sbufInit(&b);
    resultWriteJson(&b, "92110115MA0000000B", 2025, r);
    assert_false(b.failed);
    cJSON *j = cJSON_Parse(b.data);
    if (!j) fail_msg("not JSON: %s", b.data);
    sbufFree(&b);
    return j;
}

static void test_shape(void **state) {
    (void)state;
    typingResult r = {.type = TYPE_GROWTH, .n = 1};
    r.reasons[0] = (typingReason){.code = REASON_GROWTH_A, .year = 2024, .has_value = true, .value = 35000000,
                                  .threshold = 30000000, .date = DATE_NONE, .date2 = DATE_NONE};
    cJSON *j = write(&r);
    assert_string_equal(cJSON_GetObjectItem(j, "uscc")->valuestring, "92110115MA0000000B");
    assert_int_equal(cJSON_GetObjectItem(j, "year")->valueint, 2025);
    assert_string_equal(cJSON_GetObjectItem(j, "type")->valuestring, "growth");
    assert_string_equal(cJSON_GetObjectItem(j, "type_label")->valuestring, "成长型");
    cJSON *x = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "reasons"), 0);
    assert_string_equal(cJSON_GetObjectItem(x, "code")->valuestring, "GROWTH.A");
    assert_string_equal(cJSON_GetObjectItem(x, "article")->valuestring, "A1.3.2(2)A");
    assert_string_equal(cJSON_GetObjectItem(x, "text")->valuestring,
                        "2024年度营业收入 350000.00 元，达到成长型标准 300000.00 元");
    assert_int_equal(cJSON_GetArraySize(j), 5); /* exactly the fields of DATA.md §3 */
    cJSON_Delete(j);
}

static void test_escaped_reference(void **state) {
    (void)state;
    typingResult r = {.type = TYPE_DEVELOPMENT, .n = 2};
    r.reasons[0] = (typingReason){.code = REASON_DEVELOPMENT_D, .count = 1, .ref = "12\"34\\5\n6",
                                  .date = DATE_NONE, .date2 = DATE_NONE};
    r.reasons[1] = (typingReason){.code = REASON_DEVELOPMENT_E, .count = 2, .ref = "ZL2023.1",
                                  .date = DATE_NONE, .date2 = DATE_NONE};
    cJSON *j = write(&r);
    cJSON *reasons = cJSON_GetObjectItem(j, "reasons");
    const char *t0 = cJSON_GetObjectItem(cJSON_GetArrayItem(reasons, 0), "text")->valuestring;
    assert_non_null(strstr(t0, "注册号 12\"34\\5\n6 等"));
    const char *t1 = cJSON_GetObjectItem(cJSON_GetArrayItem(reasons, 1), "text")->valuestring;
    assert_non_null(strstr(t1, "专利号 ZL2023.1 等"));
    cJSON_Delete(j);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_shape), cmocka_unit_test(test_escaped_reference)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
