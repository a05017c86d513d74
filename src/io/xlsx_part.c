/* The zip and expat plumbing of the XLSX reader (io/xlsx_int.h): a part of the
 * workbook opened with its size checks (decision 133), fed to expat in chunks, and
 * the text of elements collected within the cell limit. */
#include "io/xlsx_int.h"
#include "core/error.h"
#include <stdlib.h>
#include <string.h>

/* Names are short ("c", "x:row", "r:id"): the part after a prefix. Namespace
 * processing is left off; it cost a third of the reading time (bench/xlsx.sh). */
const char *xlsxLocal(const char *name) {
    const char *colon = strchr(name, ':');
    return colon ? colon + 1 : name;
}

const char *xlsxAttr(const char **atts, const char *local) {
    for (int i = 0; atts[i]; i += 2)
        if (!strcmp(xlsxLocal(atts[i]), local)) return atts[i + 1];
    return NULL;
}

/* No workbook part has a DTD; one is refused outright (entity expansion). */
static void xlsxNoDoctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal) {
    (void)name, (void)sys, (void)pub, (void)internal;
    xlsxReader *x = ud;
    snprintf(x->r->err, sizeof x->r->err, "%s: 含有 DTD，不是 Excel 写出的文件 (DOCTYPE not allowed)", x->part_name);
    x->fatal = GH_EINVAL;
    XML_StopParser(x->p, XML_FALSE);
}

int xlsxPartOpen(xlsxReader *x, const char *name, uint64_t limit) {
    zip_stat_t st;
    x->part_name = name;
    x->part_read = 0;
    x->part_limit = limit;
    if (zip_stat(x->zip, name, 0, &st) || !(st.valid & ZIP_STAT_SIZE)) return GH_ENOTFOUND;
    if (st.size > limit) {
        snprintf(x->r->err, sizeof x->r->err, "%s 解压后 %llu 字节，超过上限 %llu (part larger than the limit)", name,
                 (unsigned long long)st.size, (unsigned long long)limit);
        return GH_EINVAL;
    }
    if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > (16u << 20) && st.size / (st.comp_size ? st.comp_size : 1) > x->lim.max_ratio) {
        snprintf(x->r->err, sizeof x->r->err, "%s 压缩比异常（%llu 倍），疑似压缩炸弹，拒绝读取 (zip bomb: compression ratio "
                 "over %llu)", name, (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)),
                 (unsigned long long)x->lim.max_ratio);
        return GH_EINVAL;
    }
    if (st.size < limit) x->part_limit = st.size; /* a part may not grow past what the zip declares */
    if (!(x->zf = zip_fopen(x->zip, name, 0))) {
        snprintf(x->r->err, sizeof x->r->err, "%s: 无法解压 (cannot open in zip): %s", name, zip_strerror(x->zip));
        return GH_EINVAL;
    }
    if (!(x->p = XML_ParserCreate(NULL))) return GH_ENOMEM;
    XML_SetUserData(x->p, x);
    XML_SetStartDoctypeDeclHandler(x->p, xlsxNoDoctype);
    x->fatal = 0;
    return 0;
}

void xlsxPartClose(xlsxReader *x) {
    if (x->p) XML_ParserFree(x->p);
    if (x->zf) zip_fclose(x->zf);
    x->p = NULL;
    x->zf = NULL;
}

int xlsxPartFeed(xlsxReader *x, bool *done) {
    const zip_int64_t got = zip_fread(x->zf, x->chunk, sizeof x->chunk);
    if (got < 0) {
        snprintf(x->r->err, sizeof x->r->err, "%s: 解压失败，文件已损坏 (corrupt zip): %s", x->part_name,
                 zip_file_strerror(x->zf));
        return -1;
    }
    x->part_read += (uint64_t)got;
    if (x->part_read > x->part_limit) {
        snprintf(x->r->err, sizeof x->r->err, "%s 解压后超过 %llu 字节 (part larger than declared or allowed)",
                 x->part_name, (unsigned long long)x->part_limit);
        return -1;
    }
    *done = got == 0;
    return (int)XML_Parse(x->p, x->chunk, (int)got, got == 0);
}

/* The message of a parse that failed (unless a handler already set one). */
static int xlsxParseError(xlsxReader *x) {
    if (x->fatal) return x->fatal;
    if (!x->r->err[0])
        snprintf(x->r->err, sizeof x->r->err, "%s 第 %lu 行: XML 格式错误 (malformed XML): %s", x->part_name,
                 (unsigned long)XML_GetCurrentLineNumber(x->p), XML_ErrorString(XML_GetErrorCode(x->p)));
    return GH_EINVAL;
}

int xlsxPartParse(xlsxReader *x, const char *name, uint64_t limit, bool optional, void (*setup)(XML_Parser p)) {
    int rc = xlsxPartOpen(x, name, limit);
    if (rc == GH_ENOTFOUND && !optional)
        snprintf(x->r->err, sizeof x->r->err, "缺少 %s，不是有效的 XLSX 工作簿，请用 Excel 或 WPS 另存为 .xlsx (not an XLSX workbook)", name);
    if (rc) {
        xlsxPartClose(x);
        return rc == GH_ENOTFOUND && !optional ? GH_EINVAL : rc;
    }
    setup(x->p);
    bool done = false;
    while (!rc && !done) {
        const int st = xlsxPartFeed(x, &done);
        if (st < 0) rc = GH_EINVAL;
        else if (st != XML_STATUS_OK) rc = xlsxParseError(x);
    }
    xlsxPartClose(x);
    return rc;
}

void xlsxCollect(void *ud, const XML_Char *s, int n) {
    xlsxReader *x = ud;
    if (!x->collect || x->skip_depth || x->too_long) return;
    if (x->txt_len + (size_t)n > x->lim.max_cell) {
        x->too_long = true;
        return;
    }
    if (x->txt_len + (size_t)n + 1 > x->txt_cap) {
        size_t cap = x->txt_cap ? x->txt_cap : 256;
        while (cap < x->txt_len + (size_t)n + 1) cap *= 2;
        char *t = realloc(x->txt, cap);
        if (!t) {
            x->fatal = GH_ENOMEM;
            snprintf(x->r->err, sizeof x->r->err, "内存不足 (out of memory)");
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        x->txt = t;
        x->txt_cap = cap;
    }
    memcpy(x->txt + x->txt_len, s, (size_t)n);
    x->txt_len += (size_t)n;
    x->txt[x->txt_len] = '\0';
}

