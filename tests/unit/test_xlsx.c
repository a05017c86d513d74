/* io/rows.c, io/xlsx*.c, io/xls.c: the row source over workbooks. A workbook is
 * written with libxlsxwriter (shared and rich strings, numbers, booleans, a formula,
 * a date, gaps, two sheets) and read back cell by cell; date serials in both date
 * systems; limits; and a deterministic fuzz loop that mutates the zip's bytes and
 * the XML inside (re-zipped with libzip): every input reads or fails with a
 * message, nothing crashes or leaks (run under ASan in CI). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>
#include "core/date.h"
#include "core/error.h"
#include "io/rows.h"

#ifndef XLSX_FUZZ_ITERATIONS
#define XLSX_FUZZ_ITERATIONS 400
#endif

static char book[64];

/* Row 1 header; row 2: text, number, date, bool, rich text, formula; row 3 empty;
 * row 4: a gap at B, D; a second sheet "第二" with one cell. */
static void writeBook(const char *path) {
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
    lxw_worksheet *w2 = workbook_add_worksheet(wb, "第二");
    lxw_format *datef = workbook_add_format(wb), *bold = workbook_add_format(wb);
    format_set_num_format(datef, "yyyy\"年\"m\"月\"d\"日\"");
    format_set_bold(bold);
    const char *head[] = {"名称", "金额", "日期", "是否", "富文本", "公式"};
    for (int c = 0; c < 6; c++) worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    worksheet_write_string(ws, 1, 0, "福顺 & <小吃>", NULL);
    worksheet_write_number(ws, 1, 1, 1234.5, NULL);
    lxw_datetime dt = {2024, 5, 20, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 2, &dt, datef);
    worksheet_write_boolean(ws, 1, 3, 1, NULL);
    lxw_rich_string_tuple f1 = {.format = bold, .string = "北京"}, f2 = {.format = NULL, .string = "大兴"};
    lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};
    worksheet_write_rich_string(ws, 1, 4, rich, NULL);
    worksheet_write_formula_num(ws, 1, 5, "=1+2", NULL, 3);
    worksheet_write_string(ws, 3, 0, "甲", NULL);
    worksheet_write_string(ws, 3, 2, "丙", NULL);
    worksheet_write_number(ws, 3, 4, 7, NULL);
    worksheet_write_string(w2, 0, 0, "second", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static int setup(void **state) {
    (void)state;
    snprintf(book, sizeof book, "/tmp/test_xlsx_%d.xlsx", (int)getpid());
    writeBook(book);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    unlink(book);
    return 0;
}

static int openPath(rowReader *r, const char *path, const char *sheet, const rowsLimits *lim) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    const int rc = rowsOpen(r, f, path, NULL, sheet, lim);
    fclose(f); /* a workbook is read through its path; the FILE was only for detection */
    return rc;
}

static void expectCell(const rowReader *r, size_t i, const char *text, cellType type) {
    size_t n;
    cellType t;
    const char *s = rowsField(r, i, &n, &t);
    assert_string_equal(s, text);
    assert_int_equal(n, strlen(text));
    assert_int_equal(t, type);
}

static void test_cells(void **state) {
    (void)state;
    rowReader r;
    assert_int_equal(openPath(&r, book, NULL, NULL), 0);
    assert_int_equal(r.format, ROWS_XLSX);
    assert_string_equal(r.sheet, "Sheet1");
    assert_string_equal(rowsFormatName(&r), "XLSX");
    assert_int_equal(rowsNext(&r), 1);
    assert_int_equal(r.row, 1);
    assert_int_equal(r.nfields, 6);
    expectCell(&r, 5, "公式", CELL_TEXT);
    assert_int_equal(rowsNext(&r), 1);
    assert_int_equal(r.row, 2);
    expectCell(&r, 0, "福顺 & <小吃>", CELL_TEXT);
    expectCell(&r, 1, "1234.5", CELL_NUMBER); /* the stored text, never through a double */
    expectCell(&r, 2, "2024-05-20", CELL_DATE);
    expectCell(&r, 3, "TRUE", CELL_BOOL);
    expectCell(&r, 4, "北京大兴", CELL_TEXT); /* rich-text runs concatenated */
    expectCell(&r, 5, "3", CELL_NUMBER);      /* a formula's cached value */
    assert_int_equal(rowsNext(&r), 1);        /* row 3 is empty: skipped like a blank line */
    assert_int_equal(r.row, 4);
    assert_int_equal(r.nfields, 5);
    expectCell(&r, 0, "甲", CELL_TEXT);
    expectCell(&r, 1, "", CELL_TEXT); /* a missing cell is empty */
    expectCell(&r, 2, "丙", CELL_TEXT);
    expectCell(&r, 3, "", CELL_TEXT);
    expectCell(&r, 4, "7", CELL_NUMBER);
    expectCell(&r, 9, "", CELL_TEXT); /* past the last */
    assert_int_equal(rowsNext(&r), 0);
    assert_int_equal(rowsNext(&r), 0);
    rowsClose(&r);
}

static void test_sheets(void **state) {
    (void)state;
    rowReader r;
    assert_int_equal(openPath(&r, book, "第二", NULL), 0);
    assert_int_equal(rowsNext(&r), 1);
    expectCell(&r, 0, "second", CELL_TEXT);
    assert_int_equal(rowsNext(&r), 0);
    rowsClose(&r);
    assert_int_equal(openPath(&r, book, "第三", NULL), GH_EINVAL);
    assert_non_null(strstr(r.err, "第三"));
    assert_non_null(strstr(r.err, "Sheet1, 第二")); /* the message lists the sheets there are */
    rowsClose(&r);
}

static void test_serial_dates(void **state) {
    (void)state;
    char out[11];
    char want[DATE_STRLEN];
    /* 36526 is 2000-01-01 in the 1900 system, 1462 days later than in the 1904 system */
    assert_int_equal(rowsSerialDate(out, "36526", 5, false), 0);
    dateFormat(want, dateFromYmd(2000, 1, 1));
    assert_string_equal(out, want);
    assert_int_equal(rowsSerialDate(out, "35064", 5, true), 0);
    assert_string_equal(out, want);
    assert_int_equal(rowsSerialDate(out, "36526.0", 7, false), 0);
    assert_int_equal(rowsSerialDate(out, "36526.5", 7, false), -1); /* a time of day is no day */
    assert_int_equal(rowsSerialDate(out, "60", 2, false), -1);      /* Excel's 1900-02-29 never was */
    assert_int_equal(rowsSerialDate(out, "", 0, false), -1);
    assert_int_equal(rowsSerialDate(out, "-5", 2, false), -1);
    assert_int_equal(rowsSerialDate(out, "1e5", 3, false), -1);
    assert_int_equal(rowsSerialDate(out, "99999999999", 11, false), -1);
}

static void test_limits(void **state) {
    (void)state;
    rowReader r;
    rowsLimits lim = rowsDefaultLimits();
    lim.max_rows = 2;
    assert_int_equal(openPath(&r, book, NULL, &lim), 0);
    int rc;
    while ((rc = rowsNext(&r)) == 1) {}
    assert_int_equal(rc, GH_EINVAL);
    assert_non_null(strstr(r.err, "行"));
    rowsClose(&r);
    lim = rowsDefaultLimits();
    lim.strings_bytes = 50;
    assert_int_equal(openPath(&r, book, NULL, &lim), GH_EINVAL);
    assert_non_null(strstr(r.err, "sharedStrings"));
    rowsClose(&r);
    lim = rowsDefaultLimits();
    lim.max_strings = 3;
    assert_int_equal(openPath(&r, book, NULL, &lim), GH_EINVAL);
    rowsClose(&r);
    lim = rowsDefaultLimits();
    lim.max_cell = 4; /* shared strings longer than 4 bytes */
    assert_int_equal(openPath(&r, book, NULL, &lim), GH_EINVAL);
    assert_non_null(strstr(r.err, "too long"));
    rowsClose(&r);
}

/* ---- fuzzing ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next32(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static unsigned char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, *n, f), *n);
    fclose(f);
    return b;
}

static void spit(const char *path, const void *b, size_t n) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static int fuzzRead, fuzzFailed;

/* Iterations: XLSX_FUZZ_ITERATIONS, or $GETIHU_FUZZ_ITERATIONS for a longer run. */
static int fuzzIterations(void) {
    const char *e = getenv("GETIHU_FUZZ_ITERATIONS");
    return e && atoi(e) > 0 ? atoi(e) : XLSX_FUZZ_ITERATIONS;
}

/* Reads every row; the input either reads through or fails with a message. */
static void readAll(const char *path, const char *sheet) {
    rowReader r;
    rowsLimits lim = rowsDefaultLimits();
    lim.sheet_bytes = 4u << 20;
    int rc = openPath(&r, path, sheet, &lim);
    if (rc == 0) {
        int rows = 0;
        while ((rc = rowsNext(&r)) == 1 && rows++ < 100000) {
            for (size_t i = 0; i < r.nfields; i++) {
                size_t n;
                const char *s = rowsField(&r, i, &n, NULL);
                assert_int_equal(strlen(s), n);
            }
        }
    }
    if (rc < 0) assert_true(r.err[0] != '\0');
    if (rc < 0) fuzzFailed++;
    else fuzzRead++;
    rowsClose(&r);
}

/* Mutates text: flips, deletes, duplicates or inserts XML-ish bytes. */
static void mutate(unsigned char *b, size_t *n, size_t cap) {
    static const char *const bits[] = {"<", ">", "\"", "&", "</row>", "<c r=\"ZZZZ1\">", "<v>", "t=\"s\"", "<row r=\"0\">",
                                       "&amp;", "<!DOCTYPE x>", "\xff", "99999999999", "E+17", "<is><t>", "s=\"-1\""};
    const int k = (int)(next32() % 8) + 1;
    for (int i = 0; i < k && *n > 0; i++) {
        const size_t at = next32() % *n;
        switch (next32() % 4) {
        case 0: b[at] ^= (unsigned char)(1u << (next32() % 8)); break;
        case 1: { size_t len = next32() % 16 + 1;
                  if (len > *n - at) len = *n - at;
                  memmove(b + at, b + at + len, *n - at - len); *n -= len; break; }
        case 2: *n = at; break;
        default: {
            const char *s = bits[next32() % (sizeof bits / sizeof bits[0])];
            const size_t len = strlen(s);
            if (*n + len > cap) break;
            memmove(b + at + len, b + at, *n - at);
            memcpy(b + at, s, len);
            *n += len;
        }
        }
    }
}

/* The bytes of the zip, mutated. */
static void test_fuzz_zip_bytes(void **state) {
    (void)state;
    size_t n;
    unsigned char *orig = slurp(book, &n);
    unsigned char *b = malloc(n + 4096);
    char path[80];
    snprintf(path, sizeof path, "/tmp/test_xlsx_fz_%d.xlsx", (int)getpid());
    for (int it = 0; it < fuzzIterations(); it++) {
        size_t m = n;
        memcpy(b, orig, n);
        mutate(b, &m, n + 4096);
        if (m < 4) continue;
        memcpy(b, "PK\3\4", 4); /* keep it a zip to the detector */
        spit(path, b, m);
        readAll(path, NULL);
    }
    unlink(path);
    free(b);
    free(orig);
}

/* Copies workbook src to dst with part replaced by b[0..n). */
static void rezip(const char *src_path, const char *dst, const char *part, const void *b, size_t n) {
    int err;
    zip_t *src = zip_open(src_path, ZIP_RDONLY, &err);
    assert_non_null(src);
    unlink(dst);
    zip_t *out = zip_open(dst, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(out);
    for (zip_int64_t i = 0; i < zip_get_num_entries(src, 0); i++) {
        const char *name = zip_get_name(src, (zip_uint64_t)i, 0);
        zip_source_t *s = strcmp(name, part) ? zip_source_zip(out, src, (zip_uint64_t)i, 0, 0, -1)
                                             : zip_source_buffer(out, b, n, 0);
        assert_non_null(s);
        assert_true(zip_file_add(out, name, s, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(out), 0);
    zip_discard(src);
}

/* The part's text, NUL-terminated (malloc'd). */
static char *partText(const char *path, const char *part) {
    int err;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, part, 0, &st), 0);
    char *b = malloc((size_t)st.size + 1);
    zip_file_t *f = zip_fopen(z, part, 0);
    assert_int_equal(zip_fread(f, b, st.size), (zip_int64_t)st.size);
    b[st.size] = '\0';
    zip_fclose(f);
    zip_discard(z);
    return b;
}

/* <workbookPr date1904="1"/>: the same serial is a day 1462 days later. */
static void test_date1904(void **state) {
    (void)state;
    char *wb = partText(book, "xl/workbook.xml");
    const char *at = strstr(wb, "<workbookPr");
    assert_non_null(at);
    char *edited = malloc(strlen(wb) + 32);
    const size_t head = (size_t)(at - wb) + strlen("<workbookPr");
    memcpy(edited, wb, head);
    strcpy(edited + head, " date1904=\"1\"");
    strcat(edited, wb + head);
    char path[80];
    snprintf(path, sizeof path, "/tmp/test_xlsx_1904_%d.xlsx", (int)getpid());
    rezip(book, path, "xl/workbook.xml", edited, strlen(edited));
    rowReader r;
    assert_int_equal(openPath(&r, path, NULL, NULL), 0);
    assert_int_equal(rowsNext(&r), 1);
    assert_int_equal(rowsNext(&r), 1);
    char want[DATE_STRLEN];
    dateFormat(want, dateFromYmd(2024, 5, 20) + 1462);
    expectCell(&r, 2, want, CELL_DATE);
    rowsClose(&r);
    unlink(path);
    free(edited);
    free(wb);
}

/* The XML inside, mutated and re-zipped: reaches the parsers, not only libzip. */
static void test_fuzz_xml(void **state) {
    (void)state;
    static const char *const parts[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                        "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};
    char path[80];
    snprintf(path, sizeof path, "/tmp/test_xlsx_fx_%d.xlsx", (int)getpid());
    int err;
    zip_t *src = zip_open(book, ZIP_RDONLY, &err);
    assert_non_null(src);
    for (int it = 0; it < fuzzIterations(); it++) {
        const char *part = parts[next32() % 5];
        zip_stat_t st;
        assert_int_equal(zip_stat(src, part, 0, &st), 0);
        const size_t cap = (size_t)st.size + 4096;
        unsigned char *b = malloc(cap);
        zip_file_t *zf = zip_fopen(src, part, 0);
        assert_non_null(zf);
        size_t m = (size_t)zip_fread(zf, b, st.size);
        zip_fclose(zf);
        mutate(b, &m, cap);
        /* copy the workbook with the one part replaced */
        unlink(path);
        zip_t *dst = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
        assert_non_null(dst);
        for (zip_int64_t i = 0; i < zip_get_num_entries(src, 0); i++) {
            const char *name = zip_get_name(src, (zip_uint64_t)i, 0);
            zip_source_t *s = strcmp(name, part) ? zip_source_zip(dst, src, (zip_uint64_t)i, 0, 0, -1)
                                                 : zip_source_buffer(dst, b, m, 0);
            assert_non_null(s);
            assert_true(zip_file_add(dst, name, s, ZIP_FL_OVERWRITE) >= 0);
        }
        assert_int_equal(zip_close(dst), 0);
        free(b);
        readAll(path, NULL);
        readAll(path, "第二");
    }
    zip_discard(src);
    unlink(path);
    /* the mutations reach both outcomes: some files still read, others are refused */
    assert_true(fuzzRead > 0 && fuzzFailed > 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells),       cmocka_unit_test(test_sheets),         cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_limits),      cmocka_unit_test(test_date1904),      cmocka_unit_test(test_fuzz_zip_bytes), cmocka_unit_test(test_fuzz_xml),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
