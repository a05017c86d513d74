/* Import templates (app/import_template.h), from the kinds' table (io/kinds.c). */
#include "app/import_template.h"
#include "core/error.h"
#include "io/kinds.h"
#include <stdbool.h>
#include <xlsxwriter.h>

int appImportTemplateCsv(sbuf *out, extractKind k) {
    const importKind *kind = kindGet(k);
    if (!kind->ncols) return GH_EINVAL;
    sbufPuts(out, "\xEF\xBB\xBF");
    kindWriteHeader(out, kind);
    sbufPuts(out, "\r\n");
    return out->failed ? GH_ENOMEM : 0;
}

/* The data sheet: the header row, required columns marked. */
static bool templateDataSheet(lxw_workbook *wb, const importKind *k, lxw_format *text, lxw_format *head,
                              lxw_format *must) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, k->label);
    if (!ws) return false;
    worksheet_set_column(ws, 0, (lxw_col_t)(k->ncols - 1), 20, text);
    for (int i = 0; i < k->ncols; i++) {
        const kindColumn *c = &k->cols[i];
        worksheet_write_string(ws, 0, (lxw_col_t)i, c->title, c->required ? must : head);
        if (c->required) worksheet_write_comment(ws, 0, (lxw_col_t)i, "必填");
    }
    worksheet_freeze_panes(ws, 1, 0);
    return true;
}

/* The 「填写说明」 sheet: one line per column, then the example row under the header. */
static bool templateGuideSheet(lxw_workbook *wb, const importKind *k, lxw_format *text, lxw_format *head) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "填写说明");
    if (!ws) return false;
    worksheet_set_column(ws, 0, 0, 22, text);
    worksheet_set_column(ws, 1, 1, 10, text);
    worksheet_set_column(ws, 2, 2, 50, text);
    worksheet_set_column(ws, 3, (lxw_col_t)(k->ncols > 4 ? k->ncols : 4), 22, text);
    worksheet_write_string(ws, 0, 0, "请在第一个工作表中填写，每户每条一行；不要修改或删除第一行的列名。黄色的列为必填。", NULL);
    static const char *const heads[] = {"列名", "是否必填", "说明", "示例"};
    for (int i = 0; i < 4; i++) worksheet_write_string(ws, 2, (lxw_col_t)i, heads[i], head);
    for (int i = 0; i < k->ncols; i++) {
        const kindColumn *c = &k->cols[i];
        const lxw_row_t r = (lxw_row_t)(3 + i);
        worksheet_write_string(ws, r, 0, c->title, NULL);
        worksheet_write_string(ws, r, 1, c->required ? "必填" : "可空", NULL);
        worksheet_write_string(ws, r, 2, c->description, NULL);
        worksheet_write_string(ws, r, 3, kindColumnExample(c->id), NULL);
    }
    const lxw_row_t r = (lxw_row_t)(4 + k->ncols);
    worksheet_write_string(ws, r, 0, "示例行（填写方式参考，不会被导入）：", NULL);
    for (int i = 0; i < k->ncols; i++) {
        worksheet_write_string(ws, r + 1, (lxw_col_t)i, k->cols[i].title, head);
        worksheet_write_string(ws, r + 2, (lxw_col_t)i, kindColumnExample(k->cols[i].id), NULL);
    }
    return true;
}

int appImportTemplateXlsx(const char *path, extractKind k) {
    const importKind *kind = kindGet(k);
    if (!kind->ncols) return GH_EINVAL;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return GH_EIO;
    lxw_format *text = workbook_add_format(wb), *head = workbook_add_format(wb), *must = workbook_add_format(wb);
    if (text) format_set_num_format(text, "@");
    if (head) format_set_bold(head), format_set_num_format(head, "@");
    if (must) format_set_bold(must), format_set_bg_color(must, 0xFFF2B3), format_set_num_format(must, "@");
    const bool sheets = templateDataSheet(wb, kind, text, head, must) && templateGuideSheet(wb, kind, text, head);
    /* a cell that failed surfaces here: libxlsxwriter records it and refuses to close */
    return workbook_close(wb) == LXW_NO_ERROR && sheets && text && head && must ? 0 : GH_EIO;
}
