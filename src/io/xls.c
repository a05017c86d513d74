/* Legacy .xls workbooks through libfreexl (io/xls.h). freexl parses the whole
 * file when opening and hands cells by (row, column): numbers as int or double,
 * dates already as "YYYY-MM-DD" text (it applies the workbook's date system). */
#include "io/xls.h"
#include "core/error.h"
#include <freexl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct xlsReader {
    const void *h;
    unsigned int rows;
    unsigned short cols;
    unsigned int next; /* the next row to read, 0-based */
} xlsReader;

int xlsOpen(rowReader *r, const char *path, const char *sheet, const rowsLimits *limits) {
    xlsReader *x = calloc(1, sizeof *x);
    if (!x) return GH_ENOMEM;
    r->xls = x;
    if (freexl_open(path, &x->h) != FREEXL_OK) {
        x->h = NULL;
        snprintf(r->err, sizeof r->err, "不是可读的 XLS 文件（已损坏、加密或不是 Excel 97-2003 格式）(corrupt or "
                                        "unsupported XLS)");
        return GH_EINVAL;
    }
    unsigned int count = 0;
    if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0) {
        snprintf(r->err, sizeof r->err, "工作簿中没有工作表 (the workbook has no sheet)");
        return GH_EINVAL;
    }
    char list[300] = "";
    size_t used = 0;
    int k = -1;
    for (unsigned i = 0; i < count && i < 65535; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(x->h, (unsigned short)i, &name) != FREEXL_OK || !name) name = "";
        if (k < 0 && (!sheet || !strcmp(name, sheet))) {
            k = (int)i;
            snprintf(r->sheet, sizeof r->sheet, "%s", name);
        }
        const int w = used + 1 < sizeof list ? snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", name) : 0;
        if (w > 0) used += (size_t)w;
    }
    snprintf(r->sheets, sizeof r->sheets, "%s", list);
    r->nsheets = (int)count;
    if (k < 0) {
        snprintf(r->err, sizeof r->err, "没有名为 \"%.60s\" 的工作表，可用的工作表：%s (unknown sheet)", sheet, list);
        return GH_EINVAL;
    }
    if (freexl_select_active_worksheet(x->h, (unsigned short)k) != FREEXL_OK ||
        freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK) {
        snprintf(r->err, sizeof r->err, "工作表 %s 无法读取 (cannot read sheet)", r->sheet);
        return GH_EINVAL;
    }
    if (x->rows > limits->max_rows) {
        snprintf(r->err, sizeof r->err, "工作表 %s 有 %u 行，超过上限 %llu (too many rows)", r->sheet, x->rows,
                 (unsigned long long)limits->max_rows);
        return GH_EINVAL;
    }
    return 0;
}

/* Decision 132: a double becomes its shortest %.15g text. One that needs more
 * than 15 significant digits to be told apart (a USCC or ID number stored as a
 * number, a sum with binary noise) or an exponent is kept as its %.17g text, which
 * the field parsers refuse as too precise or as scientific notation. */
static void xlsNumber(char *out, size_t n, double v) {
    snprintf(out, n, "%.15g", v);
    if (strtod(out, NULL) != v) snprintf(out, n, "%.17g", v);
}

/* Cell (row, col) into the record. */
static int xlsCell(rowReader *r, unsigned int row, unsigned short col) {
    FreeXL_CellValue v;
    char num[40];
    const char *s = NULL;
    cellType t = CELL_TEXT;
    if (freexl_get_cell_value(r->xls->h, row, col, &v) != FREEXL_OK) return 0;
    switch (v.type) {
    case FREEXL_CELL_INT: snprintf(num, sizeof num, "%d", v.value.int_value); s = num; t = CELL_NUMBER; break;
    case FREEXL_CELL_DOUBLE:
        if (!isfinite(v.value.double_value)) return 0;
        xlsNumber(num, sizeof num, v.value.double_value);
        s = num;
        t = CELL_NUMBER;
        break;
    case FREEXL_CELL_TEXT: case FREEXL_CELL_SST_TEXT: s = v.value.text_value; break;
    case FREEXL_CELL_DATE: s = v.value.text_value; t = CELL_DATE; break;
    case FREEXL_CELL_DATETIME: case FREEXL_CELL_TIME: s = v.value.text_value; t = CELL_DATE; break;
    default: return 0;
    }
    if (!s || !*s) return 0;
    const int rc = rowsRecordSet(r, col, s, strlen(s), t);
    if (rc == GH_ENOMEM) snprintf(r->err, sizeof r->err, "内存不足 (out of memory)");
    return rc == GH_ENOMEM ? rc : 0;
}

int xlsNext(rowReader *r) {
    xlsReader *x = r->xls;
    while (x->next < x->rows) {
        const unsigned int row = x->next++;
        rowsRecordClear(&r->rec);
        for (unsigned short c = 0; c < x->cols; c++)
            if (xlsCell(r, row, c)) return GH_ENOMEM;
        r->row = row + 1;
        if (r->rec.n || r->bad[0]) return 1;
    }
    return 0;
}

void xlsClose(rowReader *r) {
    if (!r->xls) return;
    if (r->xls->h) freexl_close(r->xls->h);
    free(r->xls);
    r->xls = NULL;
}
