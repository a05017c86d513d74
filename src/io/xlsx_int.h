#ifndef GETIHU_IO_XLSX_INT_H
#define GETIHU_IO_XLSX_INT_H
/* Inside the XLSX reader (io/xlsx.c reads the sheet, io/xlsx_book.c the parts
 * read when opening). Not for other modules. */
#include "io/rows.h"
#include <expat.h>
#include <zip.h>

#define XLSX_MAX_SHEETS 256
#define XLSX_CHUNK 65536

typedef struct xlsxReader {
    rowReader *r;
    zip_t *zip;
    rowsLimits lim;
    bool date1904;
    /* shared strings: one pool of NUL-terminated strings and their offsets */
    char *pool;
    size_t pool_used, pool_cap;
    size_t *str_off;
    uint32_t nstr, str_cap;
    /* styles: whether cell format (xf) i is a date format */
    unsigned char *xf_date;
    size_t nxf;
    /* the workbook's sheets in order: names and part paths */
    char *sheet_name[XLSX_MAX_SHEETS], *sheet_rid[XLSX_MAX_SHEETS], *sheet_part[XLSX_MAX_SHEETS];
    int nsheets;
    /* the part being parsed */
    XML_Parser p;
    zip_file_t *zf;
    uint64_t part_read, part_limit;
    const char *part_name;
    char chunk[XLSX_CHUNK];
    void *aux;          /* the state of the part being parsed (styles) */
    int fatal;          /* a handler's fatal error (r->err set), 0 when none */
    /* text being collected (a <v>, a <t>), NUL-terminated */
    char *txt;
    size_t txt_len, txt_cap;
    bool collect, too_long;
    int skip_depth;     /* inside <rPh> (phonetic runs, not part of the text) */
    /* sheet state */
    bool suspended, sheet_end, at_eof, in_data, row_done, final_sent;
    uint64_t row, prev_row;
    size_t col, prev_col;
    char ctype[12];
    long style;
    bool in_is;
    char cell_bad[200];
} xlsxReader;

/* Local name of an element or attribute name: "x:row" -> "row", "r:id" -> "id". */
const char *xlsxLocal(const char *name);
/* Value of the attribute with local name local, or NULL. */
const char *xlsxAttr(const char **atts, const char *local);
/* Starts a part: opens entry name of the zip and a fresh parser with user data x,
 * checking its sizes against limit and the zip-bomb ratio. 0 or GH_EINVAL/GH_ENOMEM with r->err. */
int xlsxPartOpen(xlsxReader *x, const char *name, uint64_t limit);
/* Feeds the next chunk of the part to the parser: XML_STATUS_* of the parse, or
 * -1 with r->err set (read error, over the limit). *done when the part ended. */
int xlsxPartFeed(xlsxReader *x, bool *done);
void xlsxPartClose(xlsxReader *x);
/* Parses a whole part with the handlers already set by setup. 0, GH_ENOTFOUND when
 * the part is absent and optional, or GH_EINVAL with r->err. */
int xlsxPartParse(xlsxReader *x, const char *name, uint64_t limit, bool optional,
                  void (*setup)(XML_Parser p));
/* Appends s[0..n) to the collected text (marks too_long past the cell limit). */
void xlsxCollect(void *ud, const XML_Char *s, int n);
/* Reads workbook.xml, its rels, styles.xml and sharedStrings.xml. */
int xlsxBookRead(xlsxReader *x);
/* Shared string i, or NULL when out of range. */
const char *xlsxString(const xlsxReader *x, uint32_t i, size_t *n);
void xlsxBookFree(xlsxReader *x);
#endif
