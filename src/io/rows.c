/* The row source (io/rows.h): detects the format and hands every reader's rows
 * out the same way. */
#include "io/rows.h"
#include "core/date.h"
#include "core/error.h"
#include "io/xls.h"
#include "io/xlsx.h"
#include <stdlib.h>
#include <string.h>

rowsLimits rowsDefaultLimits(void) {
    return (rowsLimits){.part_bytes = 64u << 20, .strings_bytes = 256u << 20, .sheet_bytes = 8ull << 30,
                        .max_ratio = 200, .max_rows = 1048576, .max_strings = 1u << 24, .max_cell = 32767 * 3};
}

/* Reads the file's first 8 bytes and rewinds. */
static rowsFormat rowsDetect(FILE *f) {
    unsigned char m[8] = {0};
    const size_t n = fread(m, 1, sizeof m, f);
    rewind(f);
    if (n >= 4 && !memcmp(m, "PK\x03\x04", 4)) return ROWS_XLSX;
    if (n == 8 && !memcmp(m, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return ROWS_XLS;
    return ROWS_CSV;
}

int rowsOpen(rowReader *r, FILE *f, const char *path, const char *encoding, const char *sheet,
             const rowsLimits *limits) {
    memset(r, 0, sizeof *r);
    r->bad_field = SIZE_MAX;
    const rowsLimits def = rowsDefaultLimits();
    if (!limits) limits = &def;
    if (sheet && !*sheet) sheet = NULL;
    r->format = rowsDetect(f);
    if (r->format == ROWS_CSV) {
        const int rc = csvOpen(&r->csv, f, encoding);
        if (rc) snprintf(r->err, sizeof r->err, "%s", r->csv.err);
        return rc;
    }
    if (r->format == ROWS_XLSX) return xlsxOpen(r, path, sheet, limits);
    return xlsOpen(r, path, sheet, limits);
}

int rowsNext(rowReader *r) {
    if (r->format == ROWS_CSV) {
        const int rc = csvNext(&r->csv);
        if (rc < 0) snprintf(r->err, sizeof r->err, "%s", r->csv.err);
        r->row = r->csv.rec_line;
        r->nfields = r->csv.nfields;
        snprintf(r->bad, sizeof r->bad, "%s", r->csv.bad);
        r->bad_field = r->csv.bad_field;
        return rc;
    }
    r->bad[0] = '\0';
    r->bad_field = SIZE_MAX;
    const int rc = r->format == ROWS_XLSX ? xlsxNext(r) : xlsNext(r);
    r->nfields = r->rec.n;
    return rc;
}

const char *rowsField(const rowReader *r, size_t i, size_t *len, cellType *type) {
    if (type) *type = CELL_TEXT;
    if (r->format == ROWS_CSV) return csvField(&r->csv, i, len);
    if (i >= r->rec.n) {
        if (len) *len = 0;
        return "";
    }
    if (type) *type = (cellType)r->rec.type[i];
    if (len) *len = r->rec.len[i];
    return r->rec.len[i] ? r->rec.buf + r->rec.off[i] : "";
}

const char *rowsFormatName(const rowReader *r) {
    return r->format == ROWS_XLSX ? "XLSX" : r->format == ROWS_XLS ? "XLS" : csvEncodingName(r->csv.enc);
}

void rowsClose(rowReader *r) {
    if (r->format == ROWS_CSV) csvClose(&r->csv);
    else if (r->format == ROWS_XLSX) xlsxClose(r);
    else xlsClose(r);
    rowsRecordFree(&r->rec);
}

void rowsRecordClear(rowsRecord *rec) {
    rec->used = 0;
    rec->n = 0;
}

void rowsRecordFree(rowsRecord *rec) {
    free(rec->buf);
    memset(rec, 0, sizeof *rec);
}

/* Cells arrive in column order (XLSX cells in a row are ordered; a reader that
 * meets them out of order fills the gaps the same way): the columns skipped are
 * empty. */
int rowsRecordSet(rowReader *r, size_t col, const char *s, size_t n, cellType t) {
    rowsRecord *rec = &r->rec;
    if (col >= ROWS_MAX_FIELDS) return 0; /* right of any header getihu reads: ignored (decision 133) */
    if (col < rec->n) { /* out of order or repeated: a later value replaces the earlier */
        if (!r->bad[0]) {
            snprintf(r->bad, sizeof r->bad, "单元格重复或顺序错乱 (cell given twice or out of order)");
            r->bad_field = col;
        }
        return GH_EINVAL;
    }
    if (rec->used + n + 1 > ROWS_MAX_RECORD) {
        if (!r->bad[0]) snprintf(r->bad, sizeof r->bad, "本行过长，超过 1 MiB (row longer than 1 MiB)");
        return GH_EINVAL;
    }
    if (rec->used + n + 1 > rec->cap) {
        size_t cap = rec->cap ? rec->cap : 4096;
        while (cap < rec->used + n + 1) cap *= 2;
        char *b = realloc(rec->buf, cap);
        if (!b) return GH_ENOMEM;
        rec->buf = b;
        rec->cap = cap;
    }
    for (size_t i = rec->n; i < col; i++) {
        rec->off[i] = rec->used;
        rec->len[i] = 0;
        rec->type[i] = CELL_TEXT;
    }
    rec->off[col] = rec->used;
    rec->len[col] = n;
    rec->type[col] = (unsigned char)t;
    memcpy(rec->buf + rec->used, s, n);
    rec->used += n;
    rec->buf[rec->used++] = '\0';
    rec->n = col + 1;
    return 0;
}

/* Decision 130: the serial's whole part counts days; a fraction (a time of day) is
 * allowed only when it is zero, since every date getihu reads is a day. In the 1900
 * system serial 60 is Excel's 1900-02-29, a day that never was: refused. */
int rowsSerialDate(char out[11], const char *serial, size_t n, bool date1904) {
    size_t i = 0;
    long days = 0;
    while (i < n && serial[i] >= '0' && serial[i] <= '9' && days < 10000000) days = days * 10 + (serial[i++] - '0');
    if (i == 0 || days >= 10000000) return -1;
    if (i < n && serial[i] == '.')
        for (i++; i < n; i++)
            if (serial[i] != '0') return -1;
    if (i != n) return -1;
    civilDate d;
    if (date1904) d = dateFromYmd(1904, 1, 1) + (civilDate)days;
    else if (days == 60 || days == 0) return -1;
    else d = dateFromYmd(1899, 12, days < 60 ? 31 : 30) + (civilDate)days;
    if (!datePlausible(d)) return -1;
    dateFormat(out, d);
    return 0;
}
