#include "io/csv.h"
#include "core/error.h"
#include "core/utf8.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CSV_RAW 65536
#define CSV_BUF (4 * CSV_RAW) /* GB18030 -> UTF-8 at most doubles; keep slack */

const char *csvEncodingName(csvEncoding e) { return e == CSV_UTF8 ? "UTF-8" : "GB18030"; }

/* True when s[0..n) is UTF-8, allowing a sequence cut off at the very end. */
static bool csvLooksUtf8(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!k || (k == 2 && c < 0xC2)) return false;
        for (size_t j = 1; j < k; j++) {
            if (i + j >= n) return true; /* cut off by the sample */
            if ((s[i + j] & 0xC0) != 0x80) return false;
        }
        i += k;
    }
    return true;
}

static size_t csvRead(csvReader *r) {
    const size_t got = fread(r->raw + r->raw_len, 1, CSV_RAW - r->raw_len, r->f);
    r->raw_len += got;
    return got;
}

int csvOpen(csvReader *r, FILE *f, const char *encoding) {
    memset(r, 0, sizeof *r);
    r->f = f;
    r->cd = (iconv_t)-1;
    r->line = 1;
    r->raw = malloc(CSV_RAW);
    r->buf = malloc(CSV_BUF);
    r->rec = malloc(CSV_MAX_RECORD + 1);
    if (!r->raw || !r->buf || !r->rec) {
        snprintf(r->err, sizeof r->err, "内存不足 (out of memory)");
        return GH_ENOMEM;
    }
    while (r->raw_len < CSV_RAW && csvRead(r) > 0) {}
    if (ferror(f)) {
        snprintf(r->err, sizeof r->err, "读取失败 (read error)");
        return GH_EIO;
    }
    const unsigned char *u = (const unsigned char *)r->raw;
    size_t skip = 0;
    /* Excel's "Unicode text" is UTF-16: say so rather than fail on its NUL bytes. */
    if (r->raw_len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) ||
                            (r->raw_len >= 4 && (!u[0] || !u[1]) && (!u[2] || !u[3])))) {
        snprintf(r->err, sizeof r->err, "文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV (UTF-16 is not supported: save as "
                                        "CSV UTF-8 or GBK)");
        return GH_EINVAL;
    }
    if (!encoding || strcasecmp(encoding, "auto") == 0) {
        if (r->raw_len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) { r->enc = CSV_UTF8; skip = 3; }
        else if (r->raw_len >= 4 && !memcmp(u, "\x84\x31\x95\x33", 4)) { r->enc = CSV_GB18030; skip = 4; }
        else r->enc = csvLooksUtf8(u, r->raw_len) ? CSV_UTF8 : CSV_GB18030;
    } else if (!strcasecmp(encoding, "utf-8") || !strcasecmp(encoding, "utf8")) {
        r->enc = CSV_UTF8;
        if (r->raw_len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) skip = 3;
    } else if (!strcasecmp(encoding, "gbk") || !strcasecmp(encoding, "gb18030") || !strcasecmp(encoding, "gb2312")) {
        r->enc = CSV_GB18030;
    } else {
        snprintf(r->err, sizeof r->err, "未知编码 \"%s\"，可用 utf-8、gbk、gb18030 (unknown encoding)", encoding);
        return GH_EINVAL;
    }
    memmove(r->raw, r->raw + skip, r->raw_len - skip);
    r->raw_len -= skip;
    if (r->enc == CSV_GB18030 && (r->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
        snprintf(r->err, sizeof r->err, "系统不支持 GB18030 转换 (iconv GB18030 unavailable)");
        return GH_EIO;
    }
    return 0;
}

void csvClose(csvReader *r) {
    if (r->cd != (iconv_t)-1) iconv_close(r->cd);
    free(r->raw);
    free(r->buf);
    free(r->rec);
    r->raw = r->buf = r->rec = NULL;
}

/* Refills the decoded window. 1 when bytes were added, 0 at the end, <0 on error. */
static int csvFill(csvReader *r) {
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->end -= r->pos;
        r->pos = 0;
    }
    if (r->raw_len == 0 && !r->eof && csvRead(r) == 0) {
        if (ferror(r->f)) {
            snprintf(r->err, sizeof r->err, "读取失败 (read error)");
            return GH_EIO;
        }
        r->eof = true;
    }
    if (r->raw_len == 0) return 0;
    if (r->enc == CSV_UTF8) {
        size_t n = CSV_BUF - r->end < r->raw_len ? CSV_BUF - r->end : r->raw_len;
        memcpy(r->buf + r->end, r->raw, n);
        memmove(r->raw, r->raw + n, r->raw_len - n);
        r->raw_len -= n;
        r->end += n;
        return 1;
    }
    char *in = r->raw, *out = r->buf + r->end;
    size_t inleft = r->raw_len, outleft = CSV_BUF - r->end;
    const size_t res = iconv(r->cd, &in, &inleft, &out, &outleft);
    const size_t produced = (size_t)(out - (r->buf + r->end));
    if (res == (size_t)-1 && errno == EILSEQ) {
        for (char *p = r->buf + r->end; p < out; p++) r->line += *p == '\n';
        snprintf(r->err, sizeof r->err, "第 %llu 行附近有无法按 GB18030 解码的字节 (undecodable bytes near line %llu)",
                 (unsigned long long)r->line, (unsigned long long)r->line);
        return GH_EINVAL;
    }
    /* EINVAL: a sequence cut at the end of the chunk; it is kept for the next round. */
    memmove(r->raw, in, inleft);
    r->raw_len = inleft;
    r->end += produced;
    if (produced == 0 && inleft > 0) {
        if (!r->eof && csvRead(r) > 0) return csvFill(r);
        snprintf(r->err, sizeof r->err, "文件末尾的 GB18030 字符不完整 (truncated character at end of file)");
        return GH_EINVAL;
    }
    return 1;
}

/* The next decoded byte, or -1 at the end; -2 on error. */
static inline int csvGet(csvReader *r) {
    if (r->pos == r->end) {
        const int k = csvFill(r);
        if (k <= 0) {
            r->errcode = k;
            return k == 0 ? -1 : -2;
        }
    }
    const int c = (unsigned char)r->buf[r->pos++];
    if (c == '\n') r->line++;
    return c;
}

static inline int csvPeek(csvReader *r) {
    if (r->pos == r->end) {
        const int k = csvFill(r);
        if (k <= 0) {
            r->errcode = k;
            return k == 0 ? -1 : -2;
        }
    }
    return (unsigned char)r->buf[r->pos];
}

static void csvBad(csvReader *r, const char *msg) {
    if (!r->bad[0]) {
        snprintf(r->bad, sizeof r->bad, "%s", msg);
        r->bad_field = r->nfields; /* the field being read */
    }
}

/* Text every field must be: well-formed UTF-8 (a file detected or declared UTF-8
 * may hold other bytes past the sample) and no control characters but tab and line
 * breaks (a NUL would cut the value short where it is stored). */
static void csvCheckText(csvReader *r) {
    for (size_t i = 0; i < r->nfields && !r->bad[0]; i++) {
        const unsigned char *f = (const unsigned char *)r->rec + r->off[i];
        size_t at;
        if (!utf8Valid((const char *)f, r->len[i], &at)) {
            snprintf(r->bad, sizeof r->bad, "第 %zu 字节起不是有效的 UTF-8 文本，请检查文件编码 (invalid UTF-8 at byte %zu)",
                     at + 1, at + 1);
            r->bad_field = i;
        }
        for (size_t j = 0; j < r->len[i] && !r->bad[0]; j++)
            if ((f[j] < 0x20 && f[j] != '\t' && f[j] != '\r' && f[j] != '\n') || f[j] == 0x7F) {
                snprintf(r->bad, sizeof r->bad, "含控制字符 U+%04X (control character)", f[j]);
                r->bad_field = i;
            }
    }
}

static void csvEndField(csvReader *r) {
    if (r->nfields < CSV_MAX_FIELDS) {
        r->len[r->nfields] = r->rec_len - r->off[r->nfields];
        r->rec[r->rec_len++] = '\0';
        r->nfields++;
        r->off[r->nfields] = r->rec_len;
    } else {
        csvBad(r, "字段过多，每行最多 256 个 (more than 256 fields)");
    }
}

static void csvPut(csvReader *r, int c) {
    if (r->rec_len + 1 < CSV_MAX_RECORD) r->rec[r->rec_len++] = (char)c;
    else csvBad(r, "记录过长 (record longer than 1 MiB)");
}

/* One record; quoted fields may hold commas, quotes ("") and line breaks. */
static int csvRecord(csvReader *r) {
    r->nfields = 0;
    r->rec_len = 0;
    r->off[0] = 0;
    r->bad[0] = '\0';
    r->rec_line = r->line;
    r->bad_field = SIZE_MAX;
    bool quoted = false, after_quote = false, any = false;
    uint64_t quote_line = 0;
    for (;;) {
        int c = csvGet(r);
        if (c == -2) return r->errcode ? r->errcode : GH_EIO;
        if (c == -1) {
            if (quoted) {
                char msg[160];
                snprintf(msg, sizeof msg, "第 %llu 行开始的引号直到文件末尾未闭合 (unterminated quote opened on line %llu)",
                         (unsigned long long)quote_line, (unsigned long long)quote_line);
                csvBad(r, msg);
            }
            if (!any && r->rec_len == 0 && r->nfields == 0) return 0;
            csvEndField(r);
            csvCheckText(r);
            return 1;
        }
        any = true;
        if (quoted) {
            if (c == '"') {
                if (csvPeek(r) == '"') {
                    csvGet(r);
                    csvPut(r, '"');
                } else {
                    quoted = false;
                    after_quote = true;
                }
            } else {
                csvPut(r, c);
            }
            continue;
        }
        if (c == ',') {
            csvEndField(r);
            after_quote = false;
        } else if (c == '\n' || (c == '\r' && csvPeek(r) == '\n')) {
            if (c == '\r') csvGet(r);
            csvEndField(r);
            csvCheckText(r);
            return 1;
        } else if (c == '"' && r->rec_len == r->off[r->nfields] && !after_quote) {
            quoted = true;
            quote_line = r->line;
        } else {
            if (after_quote) csvBad(r, "引号后还有其他字符 (text after a closing quote)");
            csvPut(r, c);
        }
    }
}

int csvNext(csvReader *r) {
    for (;;) {
        const int k = csvRecord(r);
        if (k <= 0) {
            if (k < 0 && !r->err[0]) snprintf(r->err, sizeof r->err, "读取失败 (read error)");
            return k;
        }
        bool blank = true;
        for (size_t i = 0; i < r->nfields && blank; i++)
            for (size_t j = 0; j < r->len[i] && blank; j++)
                blank = r->rec[r->off[i] + j] == ' ' || r->rec[r->off[i] + j] == '\t';
        if (!blank || r->bad[0]) return 1;
    }
}

const char *csvField(const csvReader *r, size_t i, size_t *len) {
    if (i >= r->nfields) {
        if (len) *len = 0;
        return "";
    }
    if (len) *len = r->len[i];
    return r->rec + r->off[i];
}

bool csvFormulaLike(const char *s) { return s && s[0] && strchr("=+-@\t\r", s[0]) != NULL; }

void csvPutField(sbuf *b, const char *s) {
    if (!s) s = "";
    const bool formula = csvFormulaLike(s);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        sbufPuts(b, s);
        return;
    }
    sbufPutc(b, '"');
    if (formula) sbufPutc(b, '\'');
    for (; *s; s++) {
        if (*s == '"') sbufPutc(b, '"');
        sbufPutc(b, *s);
    }
    sbufPutc(b, '"');
}
