#include "core/jsonstr.h"

void jsonStringN(sbuf *b, const char *s, size_t n) {
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
