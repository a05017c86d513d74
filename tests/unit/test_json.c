/* io/json.c: the strict reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "io/json.h"

/* 0 when doc is one valid JSON value (skipped whole), -1 otherwise. */
static int validate(const char *doc, size_t n) {
    arena a;
    arenaInit(&a, 1024, 0);
    jsonReader r;
    jsonInit(&r, doc, n, &a);
    int rc = jsonSkip(&r);
    if (!rc) rc = jsonEnd(&r);
    arenaFree(&a);
    return rc;
}
#define VALID(s) assert_int_equal(validate(s, sizeof(s) - 1), 0)
#define INVALID(s) assert_int_equal(validate(s, sizeof(s) - 1), -1)

static void test_grammar(void **state) {
    (void)state;
    VALID("{}");
    VALID("[]");
    VALID(" {\"a\" : [1, -2.5e+3, 0, true, false, null, \"x\"] } \r\n");
    VALID("\"\\u5927\\u5174\"");
    VALID("\"\\ud83d\\ude00\"");
    VALID("-0.0E-0");
    VALID("\"大兴\"");
    INVALID("");
    INVALID("{");
    INVALID("{\"a\":1,}");
    INVALID("[1,]");
    INVALID("[1 2]");
    INVALID("{\"a\" 1}");
    INVALID("{a:1}");
    INVALID("01");
    INVALID("1.");
    INVALID(".5");
    INVALID("1e");
    INVALID("+1");
    INVALID("tru");
    INVALID("nul");
    INVALID("'x'");
    INVALID("\"abc");
    INVALID("\"a\\x\"");
    INVALID("\"\\u12\"");
    INVALID("\"\\ud83d\"");        /* lone high surrogate */
    INVALID("\"\\ude00\"");        /* lone low surrogate */
    INVALID("\"\\u0000\"");        /* NUL never enters a C string */
    INVALID("\"a\tb\"");           /* raw control character */
    INVALID("\"\xff\"");           /* invalid UTF-8 */
    INVALID("\"\xc0\xaf\"");       /* overlong */
    INVALID("\"\xed\xa0\x80\"");   /* encoded surrogate */
    INVALID("\"\xe5\xa4\"");       /* truncated sequence */
    INVALID("{} {}");
    INVALID("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
}

static void test_strings_and_numbers(void **state) {
    (void)state;
    const char doc[] = "[\"a\\\"b\\\\c\\/d\\n\\u00e9\\u5927\", 12.50, \"plain\"]";
    arena a;
    arenaInit(&a, 1024, 0);
    jsonReader r;
    jsonInit(&r, doc, sizeof doc - 1, &a);
    bool first = true;
    const char *s;
    size_t n;
    assert_int_equal(jsonArrayBegin(&r), 0);
    assert_int_equal(jsonArrayNext(&r, &first), 1);
    assert_int_equal(jsonString(&r, &s, &n), 0);
    assert_string_equal(s, "a\"b\\c/d\n\xc3\xa9\xe5\xa4\xa7");
    assert_int_equal(n, strlen(s));
    assert_int_equal(jsonArrayNext(&r, &first), 1);
    assert_int_equal(jsonPeek(&r), JSON_T_NUMBER);
    assert_int_equal(jsonNumber(&r, &s, &n), 0);
    assert_int_equal(n, 5);
    assert_memory_equal(s, "12.50", 5); /* the source text, not a double */
    assert_int_equal(jsonArrayNext(&r, &first), 1);
    assert_int_equal(jsonString(&r, &s, &n), 0);
    assert_string_equal(s, "plain");
    assert_int_equal(jsonArrayNext(&r, &first), 0);
    assert_int_equal(jsonEnd(&r), 0);
    arenaFree(&a);
}

static void test_keys_and_errors(void **state) {
    (void)state;
    const char doc[] = "{\"ab\":1,\"a\\u0062c\":2}";
    arena a;
    arenaInit(&a, 1024, 0);
    jsonReader r;
    jsonInit(&r, doc, sizeof doc - 1, &a);
    bool first = true;
    const char *k, *s;
    size_t kn, n;
    assert_int_equal(jsonObjectBegin(&r), 0);
    assert_int_equal(jsonObjectNext(&r, &first, &k, &kn), 1);
    assert_true(jsonKeyIs(k, kn, "ab"));
    assert_false(jsonKeyIs(k, kn, "a"));
    assert_false(jsonKeyIs(k, kn, "abc"));
    assert_int_equal(jsonNumber(&r, &s, &n), 0);
    assert_int_equal(jsonObjectNext(&r, &first, &k, &kn), 1);
    assert_true(jsonKeyIs(k, kn, "abc")); /* escaped key decoded */
    assert_int_equal(jsonSkip(&r), 0);
    assert_int_equal(jsonObjectNext(&r, &first, &k, &kn), 0);
    arenaFree(&a);
    /* The error offset points at the fault. */
    const char bad[] = "{\"a\":[1,2,x]}";
    arenaInit(&a, 1024, 0);
    jsonInit(&r, bad, sizeof bad - 1, &a);
    assert_int_equal(jsonSkip(&r), -1);
    assert_int_equal(r.error_offset, 10);
    arenaFree(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_grammar), cmocka_unit_test(test_strings_and_numbers),
                                       cmocka_unit_test(test_keys_and_errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
