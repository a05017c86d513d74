#include "io/jsonw.h"
#include "core/jsonstr.h"
#include <string.h>

/* One escaper for every JSON the system writes (core/jsonstr.c). */
void jsonwStringN(sbuf *b, const char *s, size_t n) { jsonStringN(b, s, n); }

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
