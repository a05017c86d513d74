/* io/linereader.c: CRLF, last line without newline, over-long lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "io/linereader.h"

static FILE *memfile(const char *s, size_t n) {
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(fwrite(s, 1, n, f), n);
    rewind(f);
    return f;
}

static void test_lines(void **state) {
    (void)state;
    const char text[] = "ab\r\n\ncd\nlast";
    FILE *f = memfile(text, sizeof text - 1);
    lineReader lr;
    assert_int_equal(lineReaderInit(&lr, f, 16), 0);
    const char *s;
    size_t n;
    bool tl;
    const char *want[] = {"ab", "", "cd", "last"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(lineReaderNext(&lr, &s, &n, &tl), 1);
        assert_false(tl);
        assert_int_equal(n, strlen(want[i]));
        assert_memory_equal(s, want[i], n);
        assert_int_equal(lr.lineno, (uint64_t)i + 1);
    }
    assert_int_equal(lineReaderNext(&lr, &s, &n, &tl), 0);
    lineReaderFree(&lr);
    fclose(f);
}

static void test_too_long(void **state) {
    (void)state;
    char text[200];
    memset(text, 'x', 50);
    memcpy(text + 50, "\nok\n", 4);
    memset(text + 54, 'y', 40); /* final line too long, no newline */
    FILE *f = memfile(text, 94);
    lineReader lr;
    assert_int_equal(lineReaderInit(&lr, f, 8), 0);
    const char *s;
    size_t n;
    bool tl;
    assert_int_equal(lineReaderNext(&lr, &s, &n, &tl), 1);
    assert_true(tl);
    assert_int_equal(lr.lineno, 1);
    assert_int_equal(lineReaderNext(&lr, &s, &n, &tl), 1);
    assert_false(tl);
    assert_int_equal(n, 2);
    assert_memory_equal(s, "ok", 2);
    assert_int_equal(lineReaderNext(&lr, &s, &n, &tl), 1);
    assert_true(tl);
    assert_int_equal(lr.lineno, 3);
    assert_int_equal(lineReaderNext(&lr, &s, &n, &tl), 0);
    lineReaderFree(&lr);
    fclose(f);
}

/* Lines of every length around the buffer size come back whole. */
static void test_lengths(void **state) {
    (void)state;
    char text[4096];
    size_t k = 0;
    for (int len = 0; len <= 20; len++) {
        memset(text + k, 'a' + len, (size_t)len);
        k += (size_t)len;
        text[k++] = '\n';
    }
    FILE *f = memfile(text, k);
    lineReader lr;
    assert_int_equal(lineReaderInit(&lr, f, 12), 0);
    const char *s;
    size_t n;
    bool tl;
    for (int len = 0; len <= 20; len++) {
        assert_int_equal(lineReaderNext(&lr, &s, &n, &tl), 1);
        assert_int_equal(tl, len > 12);
        if (!tl) {
            assert_int_equal(n, (size_t)len);
            for (size_t i = 0; i < n; i++) assert_int_equal(s[i], 'a' + len);
        }
    }
    assert_int_equal(lineReaderNext(&lr, &s, &n, &tl), 0);
    lineReaderFree(&lr);
    fclose(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_lines), cmocka_unit_test(test_too_long),
                                       cmocka_unit_test(test_lengths)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
