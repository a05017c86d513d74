#ifndef GETIHU_IO_JSONW_H
#define GETIHU_IO_JSONW_H
#include "core/date.h"
#include "core/money.h"
#include "core/sbuf.h"

/* Small helpers to write JSON into an sbuf. Strings must be valid UTF-8 (everything
 * getihu holds is); quotes, backslashes and control characters are escaped. */
void jsonwString(sbuf *b, const char *s);
void jsonwStringN(sbuf *b, const char *s, size_t n);
/* "key": with the comma before it unless first. */
void jsonwKey(sbuf *b, const char *key, int first);
/* Amount as a JSON string of yuan: "350000.00". */
void jsonwMoney(sbuf *b, money fen);
/* Date as "YYYY-MM-DD", or null for DATE_NONE. */
void jsonwDate(sbuf *b, civilDate d);
/* ,"key":"text", or ,"key":null when v is NULL (a member after the first). */
void jsonwText(sbuf *b, const char *key, const char *v);
#endif
