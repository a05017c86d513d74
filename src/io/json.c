#include "io/json.h"
#include <assert.h>
#include <stdint.h>
#include <string.h>

void jsonInit(jsonReader *r, const char *doc, size_t n, arena *a) {
    r->start = r->p = doc;
    r->end = doc + n;
    r->a = a;
    r->depth = 0;
    r->error = NULL;
    r->error_offset = 0;
}

__attribute__((cold, noinline)) int jsonFail(jsonReader *r, const char *msg) {
    if (!r->error) {
        r->error = msg;
        r->error_offset = (size_t)(r->p - r->start);
    }
    return -1;
}



/* Marks (high bit of the byte) the bytes of x that end a plain ASCII run: below
 * 0x20, '"', '\\', or non-ASCII. Classic SWAR tests; a borrow can only mark bytes
 * above a truly marked one, so the lowest mark is exact. */
static inline uint64_t jsonSpecial8(uint64_t x) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t quote = x ^ (ones * '"'), bslash = x ^ (ones * '\\');
    return ((((x - ones * 0x20) | (quote - ones) | (bslash - ones)) & ~x) | x) & highs;
}

/* Advances p over plain ASCII. */
static inline const char *jsonPlainRun(const char *p, const char *end) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
    while (end - p >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        const uint64_t m = jsonSpecial8(x);
        if (m) return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
#endif
    while (p < end && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x80 && *p != '"' && *p != '\\') p++;
    return p;
}

static int jsonStringMode(jsonReader *r, const char **s, size_t *n, bool copy);

static inline int jsonChar(jsonReader *r, char c, const char *msg) {
    if (r->error) return -1;
    jsonWs(r);
    if (r->p >= r->end || *r->p != c) return jsonFail(r, msg);
    r->p++;
    return 0;
}

int jsonObjectBegin(jsonReader *r) {
    if (jsonChar(r, '{', "应为 JSON 对象 (expected '{')")) return -1;
    if (++r->depth > JSON_MAX_DEPTH) return jsonFail(r, "嵌套过深 (nesting too deep)");
    return 0;
}

int jsonArrayBegin(jsonReader *r) {
    if (jsonChar(r, '[', "应为 JSON 数组 (expected '[')")) return -1;
    if (++r->depth > JSON_MAX_DEPTH) return jsonFail(r, "嵌套过深 (nesting too deep)");
    return 0;
}

/* memcmp(a, b, n) == 0 for short n, without the call. */
static inline bool jsonBytesEq(const char *a, const char *b, size_t n) {
    uint64_t x, y;
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y) return false;
    }
    for (; n; a++, b++, n--)
        if (*a != *b) return false;
    return true;
}

int jsonObjectNext(jsonReader *r, bool *first, const char **key, size_t *klen) {
    return jsonObjectNextHint(r, first, key, klen, NULL, 0);
}

int jsonObjectNextHint(jsonReader *r, bool *first, const char **key, size_t *klen, const char *hint, size_t hlen) {
    if (r->error) return -1;
    jsonWs(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        r->depth--;
        return 0;
    }
    if (!*first && jsonChar(r, ',', "应为 ',' 或 '}' (expected ',' or '}')")) return -1;
    *first = false;
    jsonWs(r);
    if (r->p >= r->end || *r->p != '"') return jsonFail(r, "应为字段名 (expected a quoted key)");
    const char *k = r->p + 1, *q;
    if (hint && (size_t)(r->end - k) > hlen && k[hlen] == '"' && jsonBytesEq(k, hint, hlen)) {
        *key = k; /* the expected key, the usual case */
        *klen = hlen;
        r->p = k + hlen + 1;
        return jsonChar(r, ':', "字段名后应为 ':' (expected ':')") ? -1 : 2;
    }
    q = jsonPlainRun(k, r->end);
    if (q < r->end && *q == '"') { /* a plain ASCII key */
        *key = k;
        *klen = (size_t)(q - k);
        r->p = q + 1;
    } else if (jsonStringMode(r, key, klen, false)) {
        return -1;
    }
    if (jsonChar(r, ':', "字段名后应为 ':' (expected ':')")) return -1;
    return 1;
}

int jsonArrayNext(jsonReader *r, bool *first) {
    if (r->error) return -1;
    jsonWs(r);
    if (r->p < r->end && *r->p == ']') {
        r->p++;
        r->depth--;
        return 0;
    }
    if (!*first && jsonChar(r, ',', "应为 ',' 或 ']' (expected ',' or ']')")) return -1;
    *first = false;
    return 1;
}

static int jsonHex4(const char *p, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        const char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static size_t jsonPutUtf8(char *o, unsigned cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | (cp >> 6 & 0x3F)); o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates,
 * at most U+10FFFF), or 0. */
static size_t jsonUtf8Len(const unsigned char *p, const unsigned char *end) {
    const unsigned char c = p[0];
    size_t n;
    unsigned min, cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; min = 0x80; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; min = 0x800; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; min = 0x10000; cp = c & 0x07; }
    else return 0;
    if ((size_t)(end - p) < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

/* \uXXXX at p (p[0] == '\\'), with a following low surrogate when XXXX is a high
 * one. Stores the code point and returns the bytes consumed, or -1 (error set). */
static int jsonEscapeU(jsonReader *r, const char *p, unsigned *cp) {
    if (r->end - p < 6 || jsonHex4(p + 2, cp)) return jsonFail(r, "\\u 后应为4位十六进制数 (bad \\u escape)");
    if (*cp >= 0xDC00 && *cp <= 0xDFFF) return jsonFail(r, "孤立的 UTF-16 低代理项 (lone low surrogate)");
    if (*cp == 0) return jsonFail(r, "字符串不能包含 U+0000 (U+0000 not allowed)");
    if (*cp < 0xD800 || *cp > 0xDBFF) return 6;
    unsigned lo;
    if (r->end - p < 12 || p[6] != '\\' || p[7] != 'u' || jsonHex4(p + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
        return jsonFail(r, "孤立的 UTF-16 高代理项 (lone high surrogate)");
    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
    return 12;
}

/* Validates the string body that starts at r->p (after the opening quote): UTF-8,
 * no raw control characters, well-formed escapes. On success *q is the closing
 * quote and *escapes says whether decoding is needed. */
static int jsonScan(jsonReader *r, const char **q, bool *escapes) {
    const char *const start = r->p;
    const char *p = start;
    *escapes = false;
    for (;;) {
        p = jsonPlainRun(p, r->end);
        if (p >= r->end) return jsonFail(r, "字符串未结束 (unterminated string)");
        const unsigned char c = (unsigned char)*p;
        if (c == '"') break;
        /* The common non-ASCII case: a 3-byte sequence outside the surrogates (CJK). */
        if ((c & 0xF0) == 0xE0 && r->end - p >= 3 && ((unsigned char)p[1] & 0xC0) == 0x80 &&
            ((unsigned char)p[2] & 0xC0) == 0x80 && (c != 0xE0 || (unsigned char)p[1] >= 0xA0) &&
            (c != 0xED || (unsigned char)p[1] < 0xA0)) {
            p += 3;
            continue;
        }
        r->p = p; /* the error position, should this character be wrong */
        if (c < 0x20) return jsonFail(r, "字符串含未转义的控制字符 (control character in string)");
        if (c == '\\') {
            *escapes = true;
            if (r->end - p < 2) return jsonFail(r, "字符串未结束 (unterminated string)");
            if (p[1] == 'u') {
                unsigned cp;
                const int k = jsonEscapeU(r, p, &cp);
                if (k < 0) return -1;
                p += k;
            } else if (strchr("\"\\/bfnrt", p[1]) && p[1] != '\0') {
                p += 2;
            } else {
                return jsonFail(r, "无效的转义序列 (invalid escape)");
            }
            continue;
        }
        const size_t len = jsonUtf8Len((const unsigned char *)p, (const unsigned char *)r->end);
        if (!len) return jsonFail(r, "不是有效的 UTF-8 (invalid UTF-8)");
        p += len;
    }
    *q = p;
    r->p = start;
    return 0;
}

/* Decodes the validated body [p, q) with escapes into out; returns the length. */
static size_t jsonUnescape(jsonReader *r, const char *p, const char *q, char *out) {
    size_t k = 0;
    while (p < q) {
        if (*p != '\\') {
            out[k++] = *p++;
            continue;
        }
        unsigned cp;
        switch (p[1]) {
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': break;
        default: cp = (unsigned char)p[1]; break;
        }
        if (p[1] == 'u') p += jsonEscapeU(r, p, &cp);
        else p += 2;
        k += jsonPutUtf8(out + k, cp);
    }
    return k;
}

/* Reads a string; copy decides whether an escape-free string is copied into the
 * arena (NUL-terminated) or returned in place (not terminated). */
static int jsonStringMode(jsonReader *r, const char **s, size_t *n, bool copy) {
    if (jsonChar(r, '"', "应为字符串 (expected a string)")) return -1;
    const char *q;
    bool escapes;
    if (jsonScan(r, &q, &escapes)) return -1;
    const char *p = r->p;
    if (!escapes && !copy) {
        *s = p;
        *n = (size_t)(q - p);
    } else {
        /* Unescaping never lengthens text: the source length bounds the copy. */
        char *out = arenaAlloc(r->a, (size_t)(q - p) + 1);
        if (!out) return jsonFail(r, "记录过大 (record too large)");
        if (escapes) {
            *n = jsonUnescape(r, p, q, out);
        } else {
            memcpy(out, p, (size_t)(q - p));
            *n = (size_t)(q - p);
        }
        out[*n] = '\0';
        *s = out;
    }
    r->p = q + 1;
    return 0;
}

int jsonString(jsonReader *r, const char **s, size_t *n) { return jsonStringMode(r, s, n, true); }

int jsonStringRef(jsonReader *r, const char **s, size_t *n) { return jsonStringMode(r, s, n, false); }

static int jsonSkipString(jsonReader *r) {
    if (jsonChar(r, '"', "应为字符串 (expected a string)")) return -1;
    const char *q;
    bool escapes;
    if (jsonScan(r, &q, &escapes)) return -1;
    r->p = q + 1;
    return 0;
}

int jsonNumber(jsonReader *r, const char **s, size_t *n) {
    if (r->error) return -1;
    jsonWs(r);
    const char *p = r->p, *b = p;
    if (p < r->end && *p == '-') p++;
    if (p >= r->end || *p < '0' || *p > '9') return jsonFail(r, "应为数字 (expected a number)");
    if (*p == '0') p++;
    else while (p < r->end && *p >= '0' && *p <= '9') p++;
    if (p < r->end && *p == '.') {
        p++;
        if (p >= r->end || *p < '0' || *p > '9') { r->p = p; return jsonFail(r, "小数点后应有数字 (digit expected after '.')"); }
        while (p < r->end && *p >= '0' && *p <= '9') p++;
    }
    if (p < r->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < r->end && (*p == '+' || *p == '-')) p++;
        if (p >= r->end || *p < '0' || *p > '9') { r->p = p; return jsonFail(r, "指数应有数字 (digit expected in exponent)"); }
        while (p < r->end && *p >= '0' && *p <= '9') p++;
    }
    r->p = p;
    *s = b;
    *n = (size_t)(p - b);
    return 0;
}

static int jsonLiteral(jsonReader *r, const char *lit, size_t n) {
    if (r->error) return -1;
    jsonWs(r);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, lit, n) != 0) return jsonFail(r, "无效的字面量 (invalid literal)");
    r->p += n;
    return 0;
}

int jsonBool(jsonReader *r, bool *v) {
    const jsonType t = jsonPeek(r);
    if (t == JSON_T_TRUE) { *v = true; return jsonLiteral(r, "true", 4); }
    if (t == JSON_T_FALSE) { *v = false; return jsonLiteral(r, "false", 5); }
    return jsonFail(r, "应为 true 或 false (expected true or false)");
}

int jsonNull(jsonReader *r) { return jsonLiteral(r, "null", 4); }

int jsonSkip(jsonReader *r) {
    const char *s;
    size_t n;
    bool first = true, b;
    switch (jsonPeek(r)) {
    case JSON_T_OBJECT: {
        if (jsonObjectBegin(r)) return -1;
        int k;
        while ((k = jsonObjectNext(r, &first, &s, &n)) == 1)
            if (jsonSkip(r)) return -1;
        return k;
    }
    case JSON_T_ARRAY: {
        if (jsonArrayBegin(r)) return -1;
        int k;
        while ((k = jsonArrayNext(r, &first)) == 1)
            if (jsonSkip(r)) return -1;
        return k;
    }
    case JSON_T_STRING: return jsonSkipString(r);
    case JSON_T_NUMBER: return jsonNumber(r, &s, &n);
    case JSON_T_TRUE:
    case JSON_T_FALSE: return jsonBool(r, &b);
    case JSON_T_NULL: return jsonNull(r);
    default: return jsonFail(r, r->p >= r->end ? "JSON 不完整 (unexpected end)" : "应为 JSON 值 (expected a value)");
    }
}

int jsonEnd(jsonReader *r) {
    if (r->error) return -1;
    jsonWs(r);
    return r->p == r->end ? 0 : jsonFail(r, "JSON 值后有多余内容 (trailing characters)");
}
