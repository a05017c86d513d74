#ifndef GETIHU_APP_IMPORT_PLAIN_H
#define GETIHU_APP_IMPORT_PLAIN_H
#include <stddef.h>
#include <stdint.h>
#include "io/extract.h"
#include "io/rows.h"

/* The import's messages in plain Chinese for the console (issue 11 §5, decision 193):
 * the readers' messages are Chinese with the English in parentheses and name the
 * column as the file wrote it (the CLI keeps that precision); a clerk reads the
 * sentence without the English, with the column's Chinese title. */

/* Copies message to out (n bytes) without its parenthesised English ("不能为空
 * (required)" -> "不能为空"). */
void importPlainText(char *out, size_t n, const char *message);

/* The Chinese title of the column a bad row names (field: the header text, an English
 * name, "(csv)" or the kind's name), or "" when the row as a whole is meant. */
const char *importPlainColumn(extractKind k, const char *field);

/* One sentence for a bad row: "第 12 行「实缴税款」：不是有效的金额". */
void importPlainRow(char *out, size_t n, extractKind k, uint64_t line, const char *field, const char *message);

/* One sentence for a file whose first row is not kind's header (r holds that row when
 * read > 0; read 0: the file is empty): the kind the header looks like when it fits
 * another kind, else the required columns missing and the columns expected. */
void importPlainHeader(char *out, size_t n, extractKind kind, const rowReader *r, int read, const char *err);
/* For a header that fits kind k but has ignored columns not k's: a warning that the
 * file looks like another kind, or the columns that will not be imported; "" when
 * none is ignored. r holds the header row. */
void importPlainIgnored(char *out, size_t n, extractKind k, const rowReader *r, int ignored);
#endif
