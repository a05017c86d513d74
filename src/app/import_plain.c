/* Plain Chinese for the import's messages (app/import_plain.h). */
#include "app/import_plain.h"
#include "core/sbuf.h"
#include "io/kinds.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Whether s[0..n) is parenthesised English: ASCII only, with a letter. */
static bool plainEnglish(const char *s, size_t n) {
    bool letter = false;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80) return false;
        if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')) letter = true;
    }
    return letter;
}

void importPlainText(char *out, size_t n, const char *message) {
    size_t used = 0;
    const char *p = message ? message : "";
    while (*p && used + 1 < n) {
        const char *close = *p == '(' ? strchr(p, ')') : NULL;
        if (close && plainEnglish(p + 1, (size_t)(close - p - 1))) {
            while (used && out[used - 1] == ' ') used--; /* the space before it */
            p = close + 1;
            continue;
        }
        out[used++] = *p++;
    }
    if (*p && ((unsigned char)*p & 0xC0) == 0x80) { /* out is full in the middle of a character: drop its start */
        while (used && ((unsigned char)out[used - 1] & 0xC0) == 0x80) used--;
        if (used) used--;
    }
    while (used && out[used - 1] == ' ') used--;
    out[used] = '\0';
}

const char *importPlainColumn(extractKind k, const char *field) {
    const importKind *kind = kindGet(k);
    const kindColumn *c = field ? kindColumnByLabel(kind, field) : NULL;
    if (c) return c->title;
    /* "uscc|统一社会信用代码|…": a required column missing from a row's names */
    char first[64];
    const char *bar = field ? strchr(field, '|') : NULL;
    if (bar && (size_t)(bar - field) < sizeof first) {
        snprintf(first, sizeof first, "%.*s", (int)(bar - field), field);
        if ((c = kindColumnByLabel(kind, first))) return c->title;
    }
    return "";
}

void importPlainRow(char *out, size_t n, extractKind k, uint64_t line, const char *field, const char *message) {
    char text[400];
    importPlainText(text, sizeof text, message);
    const char *title = importPlainColumn(k, field);
    if (*title) snprintf(out, n, "第 %llu 行「%s」：%s", (unsigned long long)line, title, text);
    else snprintf(out, n, "第 %llu 行：%s", (unsigned long long)line, text);
}

/* The kind other than k whose header the first row fits best, naming more than at_least
 * of its columns, or -1. */
static int plainGuess(extractKind k, const rowReader *r, int at_least) {
    int best = -1, best_named = at_least;
    for (int i = 0; i < EXTRACT__COUNT; i++) {
        extractHeader h;
        char err[400];
        if (i == (int)k || !kindGet((extractKind)i)->ncols || extractHeaderMapRows(&h, (extractKind)i, r, err, sizeof err))
            continue;
        const int named = (int)r->nfields - h.ignored;
        if (named > best_named) best = i, best_named = named;
    }
    return best;
}

/* Whether a field of the first row names column c of kind. */
static bool plainHas(const importKind *kind, const kindColumn *c, const rowReader *r) {
    for (size_t i = 0; i < r->nfields; i++) {
        size_t len;
        const char *f = rowsField(r, i, &len, NULL);
        char label[128];
        snprintf(label, sizeof label, "%.*s", (int)(len < sizeof label ? len : sizeof label - 1), f ? f : "");
        if (kindColumnByLabel(kind, label) == c) return true;
    }
    return false;
}

void importPlainHeader(char *out, size_t n, extractKind k, const rowReader *r, int read, const char *err) {
    const importKind *kind = kindGet(k);
    sbuf b;
    sbufInit(&b);
    const int guess = read > 0 && !r->bad[0] ? plainGuess(k, r, 0) : -1;
    if (guess >= 0) {
        const char *other = kindGet((extractKind)guess)->label;
        sbufPrintf(&b, "这个文件看起来是「%s」，不是您选择的「%s」：请在“数据种类”中选择「%s」后重新上传。", other,
                   kind->label, other);
    } else if (read > 0 && !r->bad[0]) {
        int missing = 0;
        for (int i = 0; i < kind->ncols; i++)
            if (kind->cols[i].required && !plainHas(kind, &kind->cols[i], r))
                sbufPrintf(&b, "%s「%s」", missing++ ? "、" : "第一行缺少必填列", kind->cols[i].title);
        if (!missing) { /* a column given twice */
            char text[400];
            importPlainText(text, sizeof text, err);
            sbufPrintf(&b, "第一行（列名）有问题：%s", text);
        }
        sbufPrintf(&b, "。这可能不是「%s」的文件，或第一行不是列名。", kind->label);
    } else if (read == 0) {
        sbufPrintf(&b, "文件是空的，没有列名。");
    } else {
        char text[400];
        importPlainText(text, sizeof text, r->bad[0] ? r->bad : err);
        sbufPrintf(&b, "文件读不出来：%s。", text);
    }
    if (guess < 0) {
        sbufPrintf(&b, "「%s」文件的第一行应为列名：", kind->label);
        for (int i = 0; i < kind->ncols; i++)
            sbufPrintf(&b, "%s%s%s", i ? "、" : "", kind->cols[i].title, kind->cols[i].required ? "（必填）" : "");
        sbufPuts(&b, "。可下载模板对照填写。");
    }
    snprintf(out, n, "%s", b.failed || !b.len ? "文件的第一行不是所选数据种类的列名。" : b.data);
    sbufFree(&b);
}

void importPlainIgnored(char *out, size_t n, extractKind k, const rowReader *r, int ignored) {
    out[0] = '\0';
    if (!ignored) return;
    const importKind *kind = kindGet(k);
    const int guess = plainGuess(k, r, (int)r->nfields - ignored);
    if (guess >= 0) {
        const char *other = kindGet((extractKind)guess)->label;
        snprintf(out, n, "这个文件看起来是「%s」，不是您选择的「%s」：%d 列不属于「%s」，不会导入。请核对“数据种类”。", other,
                 kind->label, ignored, kind->label);
        return;
    }
    sbuf b;
    sbufInit(&b);
    int listed = 0;
    for (size_t i = 0; i < r->nfields; i++) {
        size_t len;
        const char *f = rowsField(r, i, &len, NULL);
        char label[128];
        snprintf(label, sizeof label, "%.*s", (int)(len < sizeof label ? len : sizeof label - 1), f ? f : "");
        if (!kindColumnByLabel(kind, label) && listed < 10)
            sbufPrintf(&b, "%s「%s」", listed++ ? "、" : "", label[0] ? label : "（空白列名）");
    }
    snprintf(out, n, "以下列不是「%s」的列，不会导入：%s%s。", kind->label, b.failed ? "" : b.data ? b.data : "",
             ignored > listed ? " 等" : "");
    sbufFree(&b);
}
