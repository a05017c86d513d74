/* Reading the chosen sheet of an XLSX workbook row by row (io/xlsx.h). expat is
 * fed the sheet part in chunks from zip_fread and suspended at the end of every
 * <row>, so one row is held at a time. Cells: <c r="B7" t="s|inlineStr|str|b|e|n|d"
 * s="style"><v>…</v> or <is><t>…</t></is></c>; missing cells are empty. */
#include "io/xlsx.h"
#include "core/error.h"
#include "io/xlsx_int.h"
#include <stdlib.h>
#include <string.h>

/* Column (0-based) of a cell reference "AB12"; -1 when it has no valid letters. */
static long xlsxRefColumn(const char *ref) {
    long col = 0;
    int k = 0;
    for (; ref[k] >= 'A' && ref[k] <= 'Z' && k < 4; k++) col = col * 26 + (ref[k] - 'A' + 1);
    if (k == 0 || k > 3 || ref[k] < '1' || ref[k] > '9' || col > 16384) return -1;
    return col - 1;
}

static void xlsxFatal(xlsxReader *x, int code) {
    x->fatal = code;
    XML_StopParser(x->p, XML_FALSE);
}

static void xlsxCellBad(xlsxReader *x, const char *msg) {
    rowReader *r = x->r;
    if (!r->bad[0]) {
        snprintf(r->bad, sizeof r->bad, "%s", msg);
        r->bad_field = x->col;
    }
}

static void xlsxRowStart(xlsxReader *x, const XML_Char **atts) {
    const char *rr = xlsxAttr(atts, "r");
    uint64_t n = x->prev_row + 1;
    if (rr) {
        char *end;
        n = strtoull(rr, &end, 10);
        if (*end || rr[0] < '1' || rr[0] > '9') n = 0;
    }
    if (n <= x->prev_row || n > x->lim.max_rows) {
        snprintf(x->r->err, sizeof x->r->err, "%s: 行号 %s 无效、重复或超过 %llu 行 (bad, repeated or too many rows)",
                 x->part_name, rr ? rr : "?", (unsigned long long)x->lim.max_rows);
        xlsxFatal(x, GH_EINVAL);
        return;
    }
    x->row = n;
    x->prev_row = n;
    x->prev_col = SIZE_MAX;
    rowsRecordClear(&x->r->rec);
}

static void xlsxCellStart(xlsxReader *x, const XML_Char **atts) {
    const char *ref = xlsxAttr(atts, "r"), *t = xlsxAttr(atts, "t"), *s = xlsxAttr(atts, "s");
    const long col = ref ? xlsxRefColumn(ref) : (long)(x->prev_col == SIZE_MAX ? 0 : x->prev_col + 1);
    x->col = col < 0 ? (x->prev_col == SIZE_MAX ? 0 : x->prev_col + 1) : (size_t)col;
    if (col < 0) xlsxCellBad(x, "单元格引用无效 (invalid cell reference)");
    x->prev_col = x->col;
    const size_t tn = t ? strnlen(t, sizeof x->ctype - 1) : 1;
    memcpy(x->ctype, t ? t : "n", tn);
    x->ctype[tn] = '\0';
    x->style = s ? strtol(s, NULL, 10) : 0;
    x->txt_len = 0;
    if (x->txt) x->txt[0] = '\0';
    x->too_long = false;
    x->in_is = false;
}

/* The cell just ended, into the record (decision 131). */
static void xlsxCellEnd(xlsxReader *x) {
    const char *v = x->txt ? x->txt : "";
    size_t n = x->txt_len;
    cellType type = CELL_TEXT;
    char date[11];
    if (x->too_long) {
        xlsxCellBad(x, "单元格内容过长 (cell text too long)");
        return;
    }
    if (!strcmp(x->ctype, "s")) {
        char *end;
        const unsigned long i = strtoul(v, &end, 10);
        if (!n || *end || !(v = xlsxString(x, (uint32_t)(i > UINT32_MAX ? UINT32_MAX : i), &n))) {
            xlsxCellBad(x, "共享字符串编号无效 (shared string index out of range)");
            return;
        }
    } else if (!strcmp(x->ctype, "b")) {
        if (!n) return;
        v = !strcmp(v, "0") ? "FALSE" : "TRUE";
        n = strlen(v);
        type = CELL_BOOL;
    } else if (!strcmp(x->ctype, "e")) {
        type = CELL_ERROR;
    } else if (!strcmp(x->ctype, "d")) { /* ISO 8601 date text (Strict files) */
        type = CELL_DATE;
        if (n > 10 && v[10] == 'T') n = 10;
    } else if (strcmp(x->ctype, "str") && strcmp(x->ctype, "inlineStr")) { /* a number */
        type = CELL_NUMBER;
        if (n && x->style >= 0 && (size_t)x->style < x->nxf && x->xf_date[x->style]) {
            type = CELL_DATE;
            if (!rowsSerialDate(date, v, n, x->date1904)) v = date, n = 10;
        }
    }
    if (!n) return; /* an empty cell is a missing one */
    const int rc = rowsRecordSet(x->r, x->col, v, n, type);
    if (rc == GH_ENOMEM) {
        snprintf(x->r->err, sizeof x->r->err, "内存不足 (out of memory)");
        xlsxFatal(x, GH_ENOMEM);
    }
}

static void xlsxSheetStart(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsxReader *x = ud;
    const char *l = xlsxLocal(name);
    if (!strcmp(l, "sheetData")) x->in_data = true;
    else if (!x->in_data) return;
    else if (!strcmp(l, "row")) xlsxRowStart(x, atts);
    else if (!strcmp(l, "c")) xlsxCellStart(x, atts);
    else if (!strcmp(l, "v")) x->collect = !x->in_is;
    else if (!strcmp(l, "is")) x->in_is = true;
    else if (!strcmp(l, "rPh")) x->skip_depth++;
    else if (!strcmp(l, "t")) x->collect = x->in_is;
}

static void xlsxSheetEnd(void *ud, const XML_Char *name) {
    xlsxReader *x = ud;
    const char *l = xlsxLocal(name);
    if (!x->in_data) return;
    if (!strcmp(l, "v") || !strcmp(l, "t")) x->collect = false;
    else if (!strcmp(l, "rPh") && x->skip_depth) x->skip_depth--;
    else if (!strcmp(l, "c")) xlsxCellEnd(x);
    else if (!strcmp(l, "row")) {
        x->row_done = true;
        XML_StopParser(x->p, XML_TRUE);
    } else if (!strcmp(l, "sheetData")) {
        x->in_data = false;
        x->sheet_end = true;
    }
}

/* Lists the sheets for a message: "Sheet1, 数据". */
static void xlsxSheetList(const xlsxReader *x, char *out, size_t n) {
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < x->nsheets && used + 1 < n; i++) {
        const int w = snprintf(out + used, n - used, "%s%s", i ? ", " : "", x->sheet_name[i]);
        if (w < 0) break;
        used += (size_t)w;
    }
}

int xlsxOpen(rowReader *r, const char *path, const char *sheet, const rowsLimits *limits) {
    xlsxReader *x = calloc(1, sizeof *x);
    if (!x) return GH_ENOMEM;
    r->xlsx = x;
    x->r = r;
    x->lim = *limits;
    int zerr = 0;
    if (!(x->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr))) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        snprintf(r->err, sizeof r->err, "不是有效的 XLSX 文件，zip 已损坏 (corrupt zip): %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return GH_EINVAL;
    }
    int rc = xlsxBookRead(x);
    if (rc) return rc;
    int k = 0;
    xlsxSheetList(x, r->sheets, sizeof r->sheets);
    r->nsheets = x->nsheets;
    if (sheet) {
        while (k < x->nsheets && strcmp(x->sheet_name[k], sheet)) k++;
        if (k == x->nsheets) {
            snprintf(r->err, sizeof r->err, "没有名为 \"%.60s\" 的工作表，可用的工作表：%s (unknown sheet)", sheet, r->sheets);
            return GH_EINVAL;
        }
    }
    snprintf(r->sheet, sizeof r->sheet, "%s", x->sheet_name[k]);
    if (!x->sheet_part[k]) {
        snprintf(r->err, sizeof r->err, "工作表 %s 缺少对应的部件 (sheet has no part in workbook.xml.rels)", r->sheet);
        return GH_EINVAL;
    }
    rc = xlsxPartOpen(x, x->sheet_part[k], x->lim.sheet_bytes);
    if (rc == GH_ENOTFOUND)
        snprintf(r->err, sizeof r->err, "工作表 %s 的部件 %s 不在文件中 (sheet part missing)", r->sheet, x->sheet_part[k]);
    if (rc) return rc == GH_ENOTFOUND ? GH_EINVAL : rc;
    XML_SetElementHandler(x->p, xlsxSheetStart, xlsxSheetEnd);
    XML_SetCharacterDataHandler(x->p, xlsxCollect);
    return 0;
}

/* Runs the parser until a row ends (1), the sheet ends (0) or it fails (<0). */
static int xlsxAdvance(xlsxReader *x) {
    x->row_done = false;
    while (!x->row_done) {
        if (x->sheet_end || x->at_eof) return 0;
        int st;
        bool done = false;
        if (x->suspended) st = (int)XML_ResumeParser(x->p), done = x->final_sent;
        else if ((st = xlsxPartFeed(x, &done)) < 0) return GH_EINVAL;
        x->final_sent = done; /* a row may end during the final call: after it, no more feeding */
        x->suspended = st == XML_STATUS_SUSPENDED;
        if (st == XML_STATUS_ERROR) {
            if (x->fatal) return x->fatal;
            snprintf(x->r->err, sizeof x->r->err, "%s 第 %lu 行: XML 格式错误 (malformed XML): %s", x->part_name,
                     (unsigned long)XML_GetCurrentLineNumber(x->p), XML_ErrorString(XML_GetErrorCode(x->p)));
            return GH_EINVAL;
        }
        if (!x->suspended && done) x->at_eof = true;
    }
    return 1;
}

int xlsxNext(rowReader *r) {
    xlsxReader *x = r->xlsx;
    for (;;) {
        const int rc = xlsxAdvance(x);
        if (rc <= 0) return rc;
        r->row = x->row;
        if (r->rec.n || r->bad[0]) return 1; /* rows of empty cells are blank lines */
    }
}

void xlsxClose(rowReader *r) {
    xlsxReader *x = r->xlsx;
    if (!x) return;
    xlsxPartClose(x);
    xlsxBookFree(x);
    if (x->zip) zip_discard(x->zip);
    free(x);
    r->xlsx = NULL;
}
