#ifndef GETIHU_IO_ROWS_H
#define GETIHU_IO_ROWS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "io/csv.h"

/* One way to read rows of cells from a department's file, whatever it is: CSV
 * (io/csv.c), XLSX (io/xlsx.c) or legacy XLS (io/xls.c). The format is told by the
 * file's first bytes, never by its name: PK\3\4 is a zip (XLSX), D0 CF 11 E0 A1 B1
 * 1A E1 an OLE2 compound file (XLS), anything else is read as CSV. The import
 * (app/import.c) and the extract parser (io/extract.c) see only this interface. */

typedef enum { ROWS_CSV, ROWS_XLSX, ROWS_XLS } rowsFormat;

/* What a spreadsheet cell held; CSV fields are all text. How each becomes the
 * text a field parser sees: decision 131. */
typedef enum {
    CELL_TEXT,   /* a string (shared, inline, a formula's string result) */
    CELL_NUMBER, /* a number: its text exactly as the file stores it ("1234.5") */
    CELL_DATE,   /* a number in a date format, rendered YYYY-MM-DD (decision 130) */
    CELL_BOOL,   /* TRUE or FALSE */
    CELL_ERROR   /* an error value such as #N/A */
} cellType;

#define ROWS_MAX_FIELDS CSV_MAX_FIELDS
#define ROWS_MAX_RECORD CSV_MAX_RECORD

/* A spreadsheet row as the readers hand it over: the cells' text in one buffer. */
typedef struct rowsRecord {
    char *buf;
    size_t used, cap;
    size_t off[ROWS_MAX_FIELDS], len[ROWS_MAX_FIELDS];
    unsigned char type[ROWS_MAX_FIELDS];
    size_t n;        /* last non-empty column + 1 */
} rowsRecord;

/* Limits against hostile or broken workbooks (zip bombs, endless sheets); every
 * one ends the read with a clear error (decision 133). */
typedef struct rowsLimits {
    uint64_t part_bytes;    /* uncompressed size of the workbook's small parts (workbook, rels, styles) */
    uint64_t strings_bytes; /* uncompressed size of xl/sharedStrings.xml */
    uint64_t sheet_bytes;   /* uncompressed size of the sheet read */
    uint64_t max_ratio;     /* uncompressed / compressed above which a big part is a zip bomb */
    uint64_t max_rows;      /* highest row number */
    uint32_t max_strings;   /* shared strings */
    size_t max_cell;        /* bytes of one cell's text */
} rowsLimits;

/* The limits getihu uses (decision 133). */
rowsLimits rowsDefaultLimits(void);

struct xlsxReader;
struct xlsReader;

typedef struct rowReader {
    rowsFormat format;
    csvReader csv;           /* format ROWS_CSV */
    struct xlsxReader *xlsx; /* format ROWS_XLSX */
    struct xlsReader *xls;   /* format ROWS_XLS */
    rowsRecord rec;          /* the current spreadsheet row */
    char sheet[128];         /* the sheet read ("" for CSV) */
    char sheets[300];        /* every sheet of the workbook, ", "-separated (for messages) */
    int nsheets;
    uint64_t row;            /* the current record's line (CSV) or row number (sheet), from 1 */
    size_t nfields;          /* fields of the current record */
    char bad[200];           /* why the current record is malformed, "" when fine */
    size_t bad_field;        /* the field it concerns, SIZE_MAX for the record */
    char err[512];           /* a fatal error */
} rowReader;

/* Opens path (f open on it, read from its start) for reading rows. encoding: CSV
 * only (see csvOpen). sheet: for a workbook, the sheet's name; NULL or "" for the
 * first. 0, or GH_EINVAL (the file's fault: unknown sheet, corrupt workbook,
 * limits) / GH_EIO / GH_ENOMEM with r->err set. rowsClose in every case. */
int rowsOpen(rowReader *r, FILE *f, const char *path, const char *encoding, const char *sheet,
             const rowsLimits *limits);
/* The next non-blank record: 1 (r->bad set when it is malformed but reading can go
 * on), 0 at the end, or a negative GH_E* with r->err set. */
int rowsNext(rowReader *r);
/* Field i of the current record (NUL-terminated), "" (CELL_TEXT) past the last. type may be NULL. */
const char *rowsField(const rowReader *r, size_t i, size_t *len, cellType *type);
/* "UTF-8"/"GB18030" for CSV, "XLSX" or "XLS" for a workbook. */
const char *rowsFormatName(const rowReader *r);
void rowsClose(rowReader *r);

/* Helpers for the spreadsheet readers: empty the record; set cell col (0-based)
 * to s[0..n) of type t (a column past ROWS_MAX_FIELDS is ignored). 0, or GH_EINVAL
 * with r->bad set (out of order, row too long), GH_ENOMEM. */
void rowsRecordClear(rowsRecord *rec);
int rowsRecordSet(rowReader *r, size_t col, const char *s, size_t n, cellType t);
void rowsRecordFree(rowsRecord *rec);

/* A date serial of a workbook (days since 1899-12-31 with Excel's phantom
 * 1900-02-29, or since 1904-01-01) as "YYYY-MM-DD" (out: 11 bytes). serial is the
 * number's text. 0, or -1 when it is no whole day in range (decision 130). */
int rowsSerialDate(char out[11], const char *serial, size_t n, bool date1904);
#endif
