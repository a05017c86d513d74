#ifndef GETIHU_IO_MEASURES_H
#define GETIHU_IO_MEASURES_H
#include <stddef.h>
#include "core/arena.h"
#include "core/sbuf.h"
#include "rules/measures.h"

/* The measures catalogue file (measures/<jurisdiction>.txt, format at its top):
 * measure/for/title lines, then by/text pairs, one per part. */

/* Parses text[0..n) named name into c, strings in a. Refuses, with
 * "name:LINE: message" in err: an unknown line, a measure out of article order
 * (an article missing or repeated), a for that is not the article's, an unknown
 * department, a department in by that its text does not name, an empty title or
 * text, a text without its by, a measure without parts, too many parts or
 * departments, and a file that stops before the last article. GH_EINVAL then,
 * GH_ENOMEM when a is exhausted. */
int measuresParse(measureCatalogue *c, arena *a, const char *name, const char *text, size_t n, char *err,
                  size_t errsize);

/* The catalogue compiled into the binary (measures/beijing-daxing.txt): its text
 * and path. */
void measuresBuiltin(const char **text, size_t *n, const char **path);

/* DATA.md §6: one measure as a JSON object (no newline): id, for, title, text,
 * departments, in that order. */
void measureWriteJson(sbuf *b, const measure *m);
#endif
