#ifndef GETIHU_CORE_UTF8_H
#define GETIHU_CORE_UTF8_H
#include <stdbool.h>
#include <stddef.h>

/* UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing above
 * U+10FFFF. Every text getihu stores or serves is checked with it, so a response
 * is always valid JSON and a stored name always valid text (issue 8, findings 10
 * and 17). */

/* True when s[0..n) is well-formed UTF-8. *bad (may be NULL) receives the offset
 * of the first byte that is not. */
bool utf8Valid(const char *s, size_t n, size_t *bad);
/* The length of the longest prefix of s[0..n) of at most max bytes that ends on a
 * character boundary (s well-formed): truncation never cuts a character. */
size_t utf8Prefix(const char *s, size_t n, size_t max);
#endif
