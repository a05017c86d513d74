/* The compare list as a workbook (issue 11 §4): the businesses whose type differs
 * between a run and the published run of its year, as GET /api/runs/{id}/compare
 * lists them. libxlsxwriter in constant memory, like the exports (export.c); no
 * personal data (no operator, ID number or phone). */
#include "app/export.h"
#include "app/run.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "io/json.h"
#include "rules/typing.h"
#include <string.h>
#include <xlsxwriter.h>

const char *appMoverTypeLabel(int type) { return type < 0 ? "上一版本无结果" : typingTypeLabel((bizType)type); }

typedef struct moversBook {
    lxw_worksheet *ws;
    int64_t rows;
    sbuf codes, texts;
    arena a;
} moversBook;

static int moversRow(void *ctx, const storeMover *m) {
    moversBook *b = ctx;
    const lxw_row_t row = (lxw_row_t)(b->rows + 1);
    if (b->rows + 1 >= LXW_ROW_MAX) return GH_ERANGE;
    if (exportSplitReasons(&b->a, m->reasons, m->reasons_len, &b->codes, &b->texts)) return GH_EINVAL;
    const char *cells[] = {m->uscc, m->name ? m->name : "", m->town ? m->town : "", appMoverTypeLabel(m->from_type),
                           appMoverTypeLabel(m->to_type), b->codes.data ? b->codes.data : "",
                           b->texts.data ? b->texts.data : ""};
    for (lxw_col_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        if (worksheet_write_string(b->ws, row, i, cells[i], NULL) != LXW_NO_ERROR) return GH_EIO;
    b->rows++;
    return 0;
}

int appMoversXlsx(store *s, const storeMoverQuery *q, const char *path, int64_t *rows) {
    static const char *const header[] = {"统一社会信用代码", "名称", "镇街", "原类型（已公布）", "新类型", "理由代码", "理由"};
    static const double widths[] = {22, 30, 12, 16, 14, 30, 80};
    *rows = 0;
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    if (!wb) return GH_EIO;
    moversBook b = {.ws = workbook_add_worksheet(wb, "类型变化")};
    sbufInit(&b.codes);
    sbufInit(&b.texts);
    arenaInit(&b.a, 16 * 1024, 0);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    int rc = b.ws ? 0 : GH_EIO;
    for (lxw_col_t i = 0; !rc && i < 7; i++) {
        worksheet_set_column(b.ws, i, i, widths[i], NULL);
        worksheet_write_string(b.ws, 0, i, header[i], bold);
    }
    if (!rc) worksheet_freeze_panes(b.ws, 1, 0);
    if (!rc) rc = storeEachMover(s, q, moversRow, &b);
    const lxw_error e = workbook_close(wb);
    *rows = b.rows;
    sbufFree(&b.codes);
    sbufFree(&b.texts);
    arenaFree(&b.a);
    return rc ? rc : e == LXW_NO_ERROR ? 0 : GH_EIO;
}
