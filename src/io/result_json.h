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
/* Appends the part before the reasons array ('{"uscc":…,"reasons":'): a writer that renders the
 * array itself then closes the object with '}'. */
void resultWriteHead(sbuf *b, const char *uscc, int year, bizType type);
#endif
