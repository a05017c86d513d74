/* The bank's XLSX download: one row per business consenting to the bank today,
 * with the figures its consent covers (the newest year of each). */
#include "app/bank.h"
#include "core/error.h"
#include "rules/category.h"
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

static const char *const bankHead[] = {"统一社会信用代码", "名称", "镇街", "行业", "分型年度", "分型",
                                       "名特优新类别", "类别有效期至", "授权起", "授权止", "年报年度",
                                       "营业收入（元）", "从业人数", "纳税年度", "纳税额（元）", "参保年度",
                                       "参保人数"};
#define BANK_COLS (int)(sizeof bankHead / sizeof bankHead[0])

typedef struct bankExport {
    lxw_worksheet *ws;
    arena *keep;             /* the USCCs written, for the access log */
    const char **usccs;
    unsigned *scopes;
    size_t n, cap;
} bankExport;

static void bankCell(lxw_worksheet *ws, lxw_row_t r, int col, const char *v) {
    worksheet_write_string(ws, r, (lxw_col_t)col, v ? v : "", NULL); /* a string, never a formula */
}

static void bankYearCell(lxw_worksheet *ws, lxw_row_t r, int col, int year) {
    char y[12];
    snprintf(y, sizeof y, "%d", year);
    bankCell(ws, r, col, y);
}

static void bankDateCell(lxw_worksheet *ws, lxw_row_t r, int col, civilDate d) {
    char date[DATE_STRLEN];
    dateFormat(date, d);
    bankCell(ws, r, col, date);
}

/* The newest year of each figure the consent covers. */
static void bankFigureCells(lxw_worksheet *ws, lxw_row_t r, const storeBankRow *b) {
    char buf[MONEY_STRLEN];
    if ((b->scopes & BANK_SCOPE_REPORT) && b->report_year) {
        bankYearCell(ws, r, 10, b->report_year);
        if (b->has_revenue) moneyFormat(buf, b->revenue), bankCell(ws, r, 11, buf);
        if (b->employees >= 0) worksheet_write_number(ws, r, 12, b->employees, NULL);
    }
    if ((b->scopes & BANK_SCOPE_TAX) && b->tax_year) {
        bankYearCell(ws, r, 13, b->tax_year);
        moneyFormat(buf, b->tax);
        bankCell(ws, r, 14, buf);
    }
    if ((b->scopes & BANK_SCOPE_INSURED) && b->insured_year) {
        bankYearCell(ws, r, 15, b->insured_year);
        worksheet_write_number(ws, r, 16, b->insured, NULL);
    }
}

/* Keeps uscc and its scopes for the access log. */
static int bankKeep(bankExport *x, const char *uscc, unsigned scopes) {
    if (x->n == x->cap) {
        const size_t cap = x->cap ? x->cap * 2 : 256;
        const char **u = arenaAlloc(x->keep, cap * sizeof *u);
        unsigned *sc = arenaAlloc(x->keep, cap * sizeof *sc);
        if (!u || !sc) return GH_ENOMEM;
        if (x->n) memcpy(u, x->usccs, x->n * sizeof *u), memcpy(sc, x->scopes, x->n * sizeof *sc);
        x->usccs = u, x->scopes = sc, x->cap = cap;
    }
    x->usccs[x->n] = arenaStrndup(x->keep, uscc, strlen(uscc));
    x->scopes[x->n] = scopes;
    return x->usccs[x->n++] ? 0 : GH_ENOMEM;
}

static int bankRow(void *ctx, const storeBankRow *b) {
    bankExport *x = ctx;
    const lxw_row_t r = (lxw_row_t)(x->n + 1);
    bankCell(x->ws, r, 0, b->uscc);
    bankCell(x->ws, r, 1, b->name);
    bankCell(x->ws, r, 2, b->town);
    bankCell(x->ws, r, 3, b->industry);
    if (b->year) { /* the city's result says so in its cell (issue 10 §6) */
        char type[64];
        snprintf(type, sizeof type, "%s%s", typingTypeLabel(b->type),
                 b->source && !strcmp(b->source, "city") ? "（市级分型结果）" : "");
        bankYearCell(x->ws, r, 4, b->year), bankCell(x->ws, r, 5, type);
    }
    if (b->has_category) {
        bankCell(x->ws, r, 6, categoryLabel(b->category));
        bankDateCell(x->ws, r, 7, b->expires - 1);
    }
    bankDateCell(x->ws, r, 8, b->from);
    bankDateCell(x->ws, r, 9, b->to);
    bankFigureCells(x->ws, r, b);
    return bankKeep(x, b->uscc, b->scopes);
}

int bankExportXlsx(store *s, const char *bank, civilDate today, const char *path, arena *a, const char ***usccs,
                   unsigned **scopes, size_t *n) {
    bankExport x = {.keep = a};
    lxw_workbook_options o = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    x.ws = wb ? workbook_add_worksheet(wb, "授权企业") : NULL;
    lxw_format *bold = wb ? workbook_add_format(wb) : NULL;
    int rc = x.ws && bold ? 0 : GH_EIO;
    if (!rc) format_set_bold(bold);
    for (int i = 0; i < BANK_COLS && !rc; i++) worksheet_write_string(x.ws, 0, (lxw_col_t)i, bankHead[i], bold);
    if (!rc && bank[0]) rc = storeEachBankRow(s, bank, today, bankRow, &x); /* one pass (decision 116) */
    if (wb && workbook_close(wb) != LXW_NO_ERROR && !rc) rc = GH_EIO;
    *usccs = x.usccs, *scopes = x.scopes, *n = x.n;
    return rc;
}
