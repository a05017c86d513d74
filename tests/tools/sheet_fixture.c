/* Test helper: writes the rows of a CSV file as an Excel workbook, so that the
 * spreadsheet imports can be compared with the CSV import of the same data.
 *
 *   sheet_fixture xlsx|xlsx-inline|xls IN.csv OUT [SHEET]
 *
 * xlsx: libxlsxwriter, strings shared; xlsx-inline: constant-memory mode, strings
 * inline. Both put a first sheet "说明" (a note and numbers, to be skipped) before the
 * data sheet SHEET (default "数据"). Cells: a value that looks like a plain number
 * of at most 15 characters without a leading zero is a number; YYYY-MM-DD is a date
 * (a serial number in a date format); everything else is a string.
 *
 * xls: a small deterministic BIFF8 writer (no Debian C library writes .xls): one
 * compound file (CFB, 512-byte sectors, no mini stream: the Workbook stream is
 * padded past 4096 bytes) holding the workbook globals (BOF, CODEPAGE 1200,
 * DATEMODE, FORMAT, XF records, BOUNDSHEET, SST with the strings as UTF-16) and one
 * sheet (BOF, DIMENSIONS, LABELSST for strings, RK for small integers, NUMBER for
 * other numbers and for dates, a date being a NUMBER in a date XF, EOF). */
#include "io/csv.h"
#include "core/date.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAXR 4096
#define MAXC 64
static char *cells[MAXR][MAXC];
static int nrows, ncols[MAXR];

static void die(const char *m) {
    fprintf(stderr, "sheet_fixture: %s\n", m);
    exit(1);
}

static int readCsv(const char *path) {
    FILE *f = fopen(path, "rb");
    csvReader r;
    if (!f || csvOpen(&r, f, NULL)) die("cannot read csv");
    while (csvNext(&r) == 1 && nrows < MAXR) {
        for (size_t i = 0; i < r.nfields && i < MAXC; i++) cells[nrows][i] = strdup(csvField(&r, i, NULL));
        ncols[nrows++] = (int)(r.nfields < MAXC ? r.nfields : MAXC);
    }
    csvClose(&r);
    fclose(f);
    return nrows;
}

static int isNumber(const char *s) {
    size_t n = strlen(s), i = 0, digits = 0;
    if (n == 0 || n > 15) return 0;
    if (s[0] == '-') i++;
    if (s[i] == '0' && s[i + 1] && s[i + 1] != '.') return 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) digits++;
    if (!digits) return 0;
    if (i < n && s[i] == '.') {
        size_t k = ++i;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {}
        if (i == k) return 0;
    }
    return i == n;
}

static int isDate(const char *s, int *y, int *m, int *d) {
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && sscanf(s, "%4d-%2d-%2d", y, m, d) == 3;
}

/* Streams the CSV's rows into the data sheet (no row limit: the benchmark writes 200k). */
static void writeXlsx(const char *in, const char *out, const char *sheet, int inline_strings) {
    lxw_workbook_options opt = {.constant_memory = (uint8_t)inline_strings, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(out, &opt);
    if (!wb) die("workbook_new");
    lxw_worksheet *note = workbook_add_worksheet(wb, "说明");
    worksheet_write_string(note, 0, 0, "本表为说明，数据在另一工作表", NULL);
    worksheet_write_number(note, 1, 0, 42, NULL);
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *datef = workbook_add_format(wb);
    format_set_num_format(datef, "yyyy-mm-dd");
    FILE *f = fopen(in, "rb");
    csvReader r;
    if (!f || csvOpen(&r, f, NULL)) die("cannot read csv");
    for (lxw_row_t row = 0; csvNext(&r) == 1; row++)
        for (size_t c = 0; c < r.nfields; c++) {
            const char *v = csvField(&r, c, NULL);
            int y, m, d;
            if (!*v) continue; /* a gap: the cell is missing */
            if (row > 0 && isDate(v, &y, &m, &d)) {
                lxw_datetime dt = {y, m, d, 0, 0, 0};
                worksheet_write_datetime(ws, row, (lxw_col_t)c, &dt, datef);
            } else if (row > 0 && isNumber(v)) {
                worksheet_write_number(ws, row, (lxw_col_t)c, strtod(v, NULL), NULL);
            } else {
                worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
            }
        }
    csvClose(&r);
    fclose(f);
    if (workbook_close(wb) != LXW_NO_ERROR) die("workbook_close");
}

/* ---- BIFF8 ---- */

typedef struct buf { unsigned char *p; size_t n, cap; } buf;
static void put(buf *b, const void *s, size_t n) {
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 4096;
        if (!(b->p = realloc(b->p, b->cap))) die("oom");
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}
static void u8(buf *b, unsigned v) { unsigned char c = (unsigned char)v; put(b, &c, 1); }
static void u16(buf *b, unsigned v) { u8(b, v & 255); u8(b, (v >> 8) & 255); }
static void u32(buf *b, uint32_t v) { u16(b, v & 0xFFFF); u16(b, v >> 16); }
static void setu32(buf *b, size_t at, uint32_t v) { for (int i = 0; i < 4; i++) b->p[at + i] = (unsigned char)(v >> (8 * i)); }

/* UTF-8 -> UTF-16LE code units appended to b; returns the count. */
static unsigned utf16(buf *b, const char *s) {
    unsigned units = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        uint32_t cp;
        if (*u < 0x80) cp = *u++;
        else if ((*u >> 5) == 6) { cp = (uint32_t)(*u++ & 31) << 6; cp |= *u++ & 63; }
        else if ((*u >> 4) == 14) { cp = (uint32_t)(*u++ & 15) << 12; cp |= (uint32_t)(*u++ & 63) << 6; cp |= *u++ & 63; }
        else { cp = (uint32_t)(*u++ & 7) << 18; cp |= (uint32_t)(*u++ & 63) << 12; cp |= (uint32_t)(*u++ & 63) << 6; cp |= *u++ & 63; }
        if (cp >= 0x10000) { cp -= 0x10000; u16(b, 0xD800 + (cp >> 10)); u16(b, 0xDC00 + (cp & 1023)); units += 2; }
        else { u16(b, cp); units++; }
    }
    return units;
}

static void record(buf *b, unsigned type, const buf *body) {
    u16(b, type);
    u16(b, (unsigned)body->n);
    put(b, body->p, body->n);
}

/* An XLUnicodeString with a 16-bit length, always UTF-16 (flag 1). */
static void ustr16(buf *b, const char *s) {
    buf t = {0};
    const unsigned n = utf16(&t, s);
    u16(b, n);
    u8(b, 1);
    put(b, t.p, t.n);
    free(t.p);
}

static void writeXls(const char *out, const char *sheet) {
    buf wb = {0}, r = {0};
    /* the strings, in first-use order */
    static const char *sst[MAXR * MAXC];
    int nsst = 0, total = 0;
    static int idx[MAXR][MAXC];
    for (int i = 0; i < nrows; i++)
        for (int c = 0; c < ncols[i]; c++) {
            int y, m, d;
            const char *v = cells[i][c];
            idx[i][c] = -1;
            if (!*v || (i > 0 && (isNumber(v) || isDate(v, &y, &m, &d)))) continue;
            int k = 0;
            while (k < nsst && strcmp(sst[k], v)) k++;
            if (k == nsst) sst[nsst++] = v;
            idx[i][c] = k;
            total++;
        }
#define REC(type, stmts) do { r.n = 0; stmts; record(&wb, type, &r); } while (0)
    REC(0x0809, { u16(&r, 0x0600); u16(&r, 0x0005); u16(&r, 0x0DBB); u16(&r, 0x07CC); u32(&r, 0); u32(&r, 6); });
    REC(0x0042, u16(&r, 1200));
    REC(0x0022, u16(&r, 0));
    for (int f = 0; f < 5; f++) /* FONT: freexl and Excel expect a few */
        REC(0x0031, { u16(&r, 200); u16(&r, 0); u16(&r, 0x7FFF); u16(&r, 400); u16(&r, 0); u8(&r, 0); u8(&r, 0);
                      u8(&r, 0); u8(&r, 0); u8(&r, 5); u8(&r, 1); u16(&r, 'A'); u16(&r, 'r'); u16(&r, 'i');
                      u16(&r, 'a'); u16(&r, 'l'); });
    REC(0x041E, { u16(&r, 164); ustr16(&r, "yyyy\\-mm\\-dd"); });
    for (int x = 0; x < 17; x++) /* 16 style XFs and XF 16 (general); XF 17 is the date */
        REC(0x00E0, { u16(&r, 0); u16(&r, 0); u16(&r, x < 16 ? 0xFFF5 : 0x0001); u16(&r, 0x20); u16(&r, 0);
                      u32(&r, 0); u32(&r, 0); u16(&r, 0x20C0); });
    REC(0x00E0, { u16(&r, 0); u16(&r, 164); u16(&r, 0x0001); u16(&r, 0x20); u16(&r, 0); u32(&r, 0); u32(&r, 0);
                  u16(&r, 0x20C0); });
    /* BOUNDSHEET: the sheet's offset is patched once known */
    const size_t bs = wb.n + 4;
    REC(0x0085, { u32(&r, 0); u8(&r, 0); u8(&r, 0); buf t = {0}; const unsigned n = utf16(&t, sheet);
                  u8(&r, n); u8(&r, 1); put(&r, t.p, t.n); free(t.p); });
    REC(0x00FC, { u32(&r, (uint32_t)total); u32(&r, (uint32_t)nsst); for (int k = 0; k < nsst; k++) ustr16(&r, sst[k]); });
    if (r.n > 8224) die("SST longer than one record (8224 bytes): this writer has no CONTINUE");
    REC(0x000A, (void)0);
    setu32(&wb, bs, (uint32_t)wb.n);
    int maxc = 0;
    for (int i = 0; i < nrows; i++) maxc = ncols[i] > maxc ? ncols[i] : maxc;
    REC(0x0809, { u16(&r, 0x0600); u16(&r, 0x0010); u16(&r, 0x0DBB); u16(&r, 0x07CC); u32(&r, 0); u32(&r, 6); });
    REC(0x0200, { u32(&r, 0); u32(&r, (uint32_t)nrows); u16(&r, 0); u16(&r, (unsigned)maxc); u16(&r, 0); });
    for (int i = 0; i < nrows; i++)
        for (int c = 0; c < ncols[i]; c++) {
            const char *v = cells[i][c];
            int y, m, d;
            if (idx[i][c] >= 0) {
                REC(0x00FD, { u16(&r, (unsigned)i); u16(&r, (unsigned)c); u16(&r, 16); u32(&r, (uint32_t)idx[i][c]); });
            } else if (!*v) {
                continue;
            } else if (isDate(v, &y, &m, &d)) {
                const double serial = (double)(dateFromYmd(y, m, d) - dateFromYmd(1899, 12, 30));
                REC(0x0203, { u16(&r, (unsigned)i); u16(&r, (unsigned)c); u16(&r, 17); put(&r, &serial, 8); });
            } else {
                const double x = strtod(v, NULL);
                if (x == (double)(int32_t)x && x >= -(1 << 29) && x < (1 << 29)) /* RK: a 30-bit integer */
                    REC(0x027E, { u16(&r, (unsigned)i); u16(&r, (unsigned)c); u16(&r, 16);
                                  u32(&r, ((uint32_t)(int32_t)x << 2) | 2); });
                else REC(0x0203, { u16(&r, (unsigned)i); u16(&r, (unsigned)c); u16(&r, 16); put(&r, &x, 8); });
            }
        }
    REC(0x000A, (void)0);
    while (wb.n < 4096 || wb.n % 512) u8(&wb, 0); /* past the mini-stream cutoff, whole sectors */
    /* the compound file: stream sectors, one directory sector, the FAT sectors */
    const uint32_t ns = (uint32_t)(wb.n / 512);
    uint32_t nfat = 1;
    while ((ns + 1 + nfat) > 128 * nfat) nfat++;
    if (nfat > 109) die("workbook too large for this writer");
    buf f = {0};
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    put(&f, sig, 8);
    for (int i = 0; i < 16; i++) u8(&f, 0);
    u16(&f, 0x3E); u16(&f, 3); u16(&f, 0xFFFE); u16(&f, 9); u16(&f, 6);
    for (int i = 0; i < 6; i++) u8(&f, 0);
    u32(&f, 0); u32(&f, nfat); u32(&f, ns); u32(&f, 0); u32(&f, 4096);
    u32(&f, 0xFFFFFFFE); u32(&f, 0); u32(&f, 0xFFFFFFFE); u32(&f, 0);
    for (uint32_t i = 0; i < 109; i++) u32(&f, i < nfat ? ns + 1 + i : 0xFFFFFFFF);
    put(&f, wb.p, wb.n);
    buf dir = {0};
    const char *names[2] = {"Root Entry", "Workbook"};
    for (int e = 0; e < 4; e++) {
        const size_t at = dir.n;
        unsigned len = 0;
        if (e < 2) len = (utf16(&dir, names[e]) + 1) * 2;
        while (dir.n < at + 64) u8(&dir, 0);
        u16(&dir, len);
        u8(&dir, e == 0 ? 5 : e == 1 ? 2 : 0);
        u8(&dir, 1);
        u32(&dir, 0xFFFFFFFF); u32(&dir, 0xFFFFFFFF); u32(&dir, e == 0 ? 1 : 0xFFFFFFFF);
        for (int i = 0; i < 16 + 4 + 16; i++) u8(&dir, 0);
        u32(&dir, e == 1 ? 0 : 0xFFFFFFFE);
        u32(&dir, e == 1 ? (uint32_t)wb.n : 0); u32(&dir, 0);
    }
    put(&f, dir.p, dir.n);
    for (uint32_t i = 0; i < 128 * nfat; i++) {
        uint32_t v = 0xFFFFFFFF;
        if (i < ns) v = i + 1 < ns ? i + 1 : 0xFFFFFFFE;
        else if (i == ns) v = 0xFFFFFFFE;
        else if (i < ns + 1 + nfat) v = 0xFFFFFFFD;
        u32(&f, v);
    }
    FILE *o = fopen(out, "wb");
    if (!o || fwrite(f.p, 1, f.n, o) != f.n || fclose(o)) die("cannot write");
    free(f.p); free(wb.p); free(r.p); free(dir.p);
}

int main(int argc, char **argv) {
    if (argc < 4) die("usage: sheet_fixture xlsx|xlsx-inline|xls IN.csv OUT [SHEET]");
    const char *sheet = argc > 4 ? argv[4] : "数据";
    if (!strcmp(argv[1], "xls")) {
        if (readCsv(argv[2]) >= MAXR) die("more rows than this XLS writer takes (4096)");
        writeXls(argv[3], sheet);
    } else {
        writeXlsx(argv[2], argv[3], sheet, !strcmp(argv[1], "xlsx-inline"));
    }
    return 0;
}
