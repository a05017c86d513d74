#ifndef GETIHU_IO_RESULT_JSON_H
#define GETIHU_IO_RESULT_JSON_H
#include "core/sbuf.h"
#include "rules/typing.h"

/* DATA.md §3: appends one typing result as a JSON object (no newline):
 * {"uscc","year","type","type_label","reasons":[{"code","article","text"}]}. */
void resultWriteJson(sbuf *b, const char *uscc, int year, const typingResult *r);
/* Appends just the "reasons" array of r, as stored with a run. */
void resultWriteReasons(sbuf *b, const typingResult *r);
/* Appends a stored result in the exact form resultWriteJson gives. */
void resultWriteStored(sbuf *b, const char *uscc, int year, bizType type, const char *reasons, size_t n);
#endif
