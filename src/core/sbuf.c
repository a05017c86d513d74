#include "core/sbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sbufInit(sbuf *b) {
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void sbufFree(sbuf *b) {
    free(b->data);
    sbufInit(b);
}

void sbufClear(sbuf *b) {
    b->len = 0;
    b->failed = 0;
    if (b->data) b->data[0] = '\0';
}

static int sbufReserve(sbuf *b, size_t extra) {
    if (b->failed) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void sbufAppendSlow(sbuf *b, const char *s, size_t n) {
    if (sbufReserve(b, n)) return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sbufPuts(sbuf *b, const char *s) { sbufAppend(b, s, strlen(s)); }

void sbufPutc(sbuf *b, char c) {
    if (sbufReserve(b, 1)) return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void sbufVprintf(sbuf *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        b->failed = 1;
    } else if ((size_t)n < sizeof small) {
        sbufAppend(b, small, (size_t)n);
    } else if (sbufReserve(b, (size_t)n) == 0) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void sbufPrintf(sbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sbufVprintf(b, fmt, ap);
    va_end(ap);
}

void sbufPutInt(sbuf *b, long long v) {
    char tmp[24];
    size_t k = 0;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) tmp[k++] = '-';
    if (sbufReserve(b, k)) return;
    while (k) b->data[b->len++] = tmp[--k];
    b->data[b->len] = '\0';
}
