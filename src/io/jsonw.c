#include "io/jsonw.h"
#include <string.h>

void jsonwStringN(sbuf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    sbufPutc(b, '"');
    size_t run = 0; /* start of the pending run of plain bytes */
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        sbufAppend(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': sbufAppend(b, "\\\"", 2); break;
        case '\\': sbufAppend(b, "\\\\", 2); break;
        case '\n': sbufAppend(b, "\\n", 2); break;
        case '\r': sbufAppend(b, "\\r", 2); break;
        case '\t': sbufAppend(b, "\\t", 2); break;
        default: {
            const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            sbufAppend(b, u, 6);
        }
        }
    }
    sbufAppend(b, s + run, n - run);
    sbufPutc(b, '"');
}

void jsonwString(sbuf *b, const char *s) { jsonwStringN(b, s, strlen(s)); }

void jsonwKey(sbuf *b, const char *key, int first) {
    if (!first) sbufPutc(b, ',');
    sbufPutc(b, '"');
    sbufPuts(b, key);
    sbufAppend(b, "\":", 2);
}

void jsonwMoney(sbuf *b, money fen) {
    char buf[MONEY_STRLEN + 2];
    const size_t n = moneyFormat(buf + 1, fen);
    buf[0] = buf[n + 1] = '"';
    sbufAppend(b, buf, n + 2);
}

void jsonwDate(sbuf *b, civilDate d) {
    if (d == DATE_NONE) {
        sbufPuts(b, "null");
        return;
    }
    char buf[DATE_STRLEN];
    dateFormat(buf, d);
    sbufPutc(b, '"');
    sbufAppend(b, buf, 10);
    sbufPutc(b, '"');
}

void jsonwText(sbuf *b, const char *key, const char *v) {
    jsonwKey(b, key, 0);
    if (v) jsonwString(b, v);
    else sbufPuts(b, "null");
}
