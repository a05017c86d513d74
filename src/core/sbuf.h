#ifndef GETIHU_CORE_SBUF_H
#define GETIHU_CORE_SBUF_H
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* A growable byte buffer, always NUL-terminated. Appends never fail silently: on
 * allocation failure the buffer is marked failed (sbuf.failed) and later appends
 * are ignored, so a caller can check once after building a whole record. */
typedef struct sbuf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} sbuf;

void sbufInit(sbuf *b);
void sbufFree(sbuf *b);
void sbufClear(sbuf *b);
void sbufAppendSlow(sbuf *b, const char *s, size_t n);
/* Appends n bytes; inline when they fit, which is nearly always. */
static inline void sbufAppend(sbuf *b, const char *s, size_t n) {
    if (b->len + n < b->cap && !b->failed) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    sbufAppendSlow(b, s, n);
}
void sbufPuts(sbuf *b, const char *s);
void sbufPutc(sbuf *b, char c);
void sbufPrintf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbufVprintf(sbuf *b, const char *fmt, va_list ap);
void sbufPutInt(sbuf *b, long long v);
/* Appends a string literal without measuring it at run time. */
#define SBUF_LIT(b, lit) sbufAppend((b), "" lit, sizeof(lit) - 1)
#endif
