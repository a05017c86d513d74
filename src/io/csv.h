#ifndef GETIHU_IO_CSV_H
#define GETIHU_IO_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <iconv.h>
#include "core/sbuf.h"

/* A streaming CSV reader (RFC 4180: commas, double quotes, "" inside quotes,
 * quoted commas and newlines) for department extracts. Input is UTF-8 (a BOM is
 * skipped) or GBK/GB18030, as Excel in a Chinese office writes it; the encoding is
 * detected from the first 64 KiB unless given. Text is decoded to UTF-8 before
 * parsing, through one fixed window: memory does not grow with the file. */

#define CSV_MAX_RECORD (1u << 20) /* the longest record, in bytes */
#define CSV_MAX_FIELDS 256

typedef enum { CSV_UTF8, CSV_GB18030 } csvEncoding;

typedef struct csvReader {
    FILE *f;
    csvEncoding enc;
    iconv_t cd;             /* GB18030 -> UTF-8, or (iconv_t)-1 */
    char *raw;              /* undecoded input */
    size_t raw_len;
    char *buf;              /* decoded UTF-8 window */
    size_t pos, end;
    bool eof;
    uint64_t line;          /* physical line of the next character, from 1 */
    char *rec;              /* the current record's unquoted field bytes */
    size_t rec_len;
    size_t off[CSV_MAX_FIELDS + 1], len[CSV_MAX_FIELDS];
    size_t nfields;
    uint64_t rec_line;      /* line the current record starts on */
    char bad[200];          /* why the current record is malformed, "" when fine */
    size_t bad_field;       /* the field it concerns (index), SIZE_MAX for the record as a whole */
    char err[256];          /* a fatal error (I/O, undecodable bytes) */
    int errcode;            /* its code: GH_EINVAL for text that cannot be decoded, GH_EIO for a read failure */
} csvReader;

/* encoding: NULL or "auto" to detect, else "utf-8", "gbk" or "gb18030". 0 or
 * GH_EINVAL (unknown encoding) / GH_EIO / GH_ENOMEM with r->err set. */
int csvOpen(csvReader *r, FILE *f, const char *encoding);
/* Reads the next record: 1 (fields in r, r->bad set when it is malformed but the
 * reader could resynchronise at the next line), 0 at the end, or a negative
 * error with r->err set: GH_EINVAL for undecodable text, GH_EIO for a read
 * failure. Blank lines are skipped. */
int csvNext(csvReader *r);
/* Field i of the current record (NUL-terminated), "" past the last field. */
const char *csvField(const csvReader *r, size_t i, size_t *len);
const char *csvEncodingName(csvEncoding e);
void csvClose(csvReader *r);

/* Writing: appends s (NULL as "") as one RFC 4180 field, quoted when it holds a
 * comma, quote or line break, with quotes doubled. A value a spreadsheet would run
 * as a formula (it begins with = + - @, a tab or a CR) is written quoted with a
 * leading apostrophe, so that Excel and WPS show it as text (CSV injection, issue 8
 * finding 4). Every CSV getihu writes goes through here. */
void csvPutField(sbuf *b, const char *s);
/* Whether a spreadsheet would read s as a formula. */
bool csvFormulaLike(const char *s);
#endif
