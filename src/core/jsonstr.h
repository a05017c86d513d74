#ifndef GETIHU_CORE_JSONSTR_H
#define GETIHU_CORE_JSONSTR_H
#include "core/sbuf.h"
#include <stddef.h>

/* Appends the n bytes at s as one JSON string, quotes included: '"', '\\' and the
 * control characters escaped (\n, \r, \t by name, the rest as \u00XX), every other
 * byte copied as is (the caller has checked the UTF-8). It lives in core because
 * both io/jsonw.c (every JSON the system writes) and rules/render.c (the published
 * sentences, which must escape exactly alike) need it, and the rules cannot reach io. */
void jsonStringN(sbuf *b, const char *s, size_t n);
#endif
