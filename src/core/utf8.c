#include "core/utf8.h"
#include <stdint.h>
#include <stdio.h>

/* The length of the well-formed sequence at s[0..n), or 0. The ranges of the
 * second byte are those of RFC 3629's table (they exclude overlongs and
 * surrogates). */
static size_t utf8Seq(const unsigned char *s, size_t n) {
    const unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t k;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) k = 2;
    else if (c >= 0xE0 && c <= 0xEF) k = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) k = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return 0;
    if (n < k || s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < k; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return k;
}

bool utf8Valid(const char *s, size_t n, size_t *bad) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) { /* the common case: ASCII runs */
            i++;
            continue;
        }
        const size_t k = utf8Seq(u + i, n - i);
        if (!k) {
            if (bad) *bad = i;
            return false;
        }
        i += k;
    }
    return true;
}

size_t utf8Prefix(const char *s, size_t n, size_t max) {
    if (n <= max) return n;
    size_t i = max;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--; /* s[i] starts the character that would be cut */
    return i;
}

/* The code point of the well-formed sequence s[0..k). */
static uint32_t utf8Decode(const unsigned char *s, size_t k) {
    uint32_t c = k == 1 ? s[0] : k == 2 ? s[0] & 0x1Fu : k == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
    for (size_t i = 1; i < k; i++) c = c << 6 | (s[i] & 0x3Fu);
    return c;
}

/* C0 controls, DEL, C1 controls, U+061C, U+200E-F, U+2028-9, U+202A-E, U+2066-9:
 * invisible, and each either acts on a terminal, ends a line or reorders the text
 * that follows it. */
static bool utf8Hidden(uint32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

void utf8Escape(sbuf *out, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    char esc[8];
    size_t run = 0; /* start of the pending run of bytes copied as they are */
    for (size_t i = 0; i < n;) {
        const size_t k = utf8Seq(u + i, n - i); /* 0: a byte that is not UTF-8 */
        const uint32_t c = k ? utf8Decode(u + i, k) : u[i];
        if (k && !utf8Hidden(c)) {
            i += k;
            continue;
        }
        sbufAppend(out, s + run, i - run);
        if (k > 1) snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
        else if (k && (c == '\n' || c == '\r' || c == '\t')) snprintf(esc, sizeof esc, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        else snprintf(esc, sizeof esc, "\\x%02x", (unsigned)u[i]); /* a C0 control, DEL, or not UTF-8 */
        sbufPuts(out, esc);
        i += k ? k : 1;
        run = i;
    }
    sbufAppend(out, s + run, n - run);
}

bool utf8Plain(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0, k; i < n; i += k)
        if (!(k = utf8Seq(u + i, n - i)) || utf8Hidden(utf8Decode(u + i, k))) return false;
    return true;
}
