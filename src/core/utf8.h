#ifndef GETIHU_CORE_UTF8_H
#define GETIHU_CORE_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include "core/sbuf.h"

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
/* Appends s[0..n) to out as text that can be shown on one line of a terminal or a
 * page without acting on it (issue 8, finding 7): C0 controls and DEL as \n, \r,
 * \t or \xHH (ESC is \x1b), C1 controls, the line and paragraph separators and
 * the bidirectional controls (which reorder what follows) as \uHHHH, and each byte
 * that is not well-formed UTF-8 as \xHH. Everything else, Chinese included, is
 * copied; the result is always well-formed UTF-8. */
void utf8Escape(sbuf *out, const char *s, size_t n);
/* True when s[0..n) is well-formed UTF-8 with nothing utf8Escape would escape: text
 * fit for a name that is shown on its own line (usernames). */
bool utf8Plain(const char *s, size_t n);
#endif
