/* The bank's XLSX download: one row per business consenting to the bank today,
 * with the figures its consent covers (the newest year of each). */
#include "app/bank.h"
#include "core/error.h"
#include "rules/category.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define BANK_EXPORT_PAGE 256

static const char *const bankHead[] = {"统一社会信用代码", "名称", "镇街", "行业", "分型年度", "分型",
                                       "名特优新类别", "类别有效期至", "授权起", "授权止", "年报年度",
                                       "营业收入（元）", "从业人数", "纳税年度", "纳税额（元）", "参保年度",
                                       "参保人数"};
#define BANK_COLS (int)(sizeof bankHead / sizeof bankHead[0])

typedef struct bankExport {
    store *s;
    lxw_worksheet *ws;
    civilDate today;
    arena *keep;             /* the USCCs written, for the access log */
    const char **usccs;
    unsigned *scopes;
    size_t n, cap;
    storeBankConsent page[BANK_EXPORT_PAGE];
    char page_uscc[BANK_EXPORT_PAGE][USCC_LEN + 1];
    int n_page;
} bankExport;

static int bankPageOne(void *ctx, const storeBankConsent *c) {
    bankExport *x = ctx;
    snprintf(x->page_uscc[x->n_page], USCC_LEN + 1, "%s", c->uscc);
    x->page[x->n_page] = *c;
    x->page[x->n_page].uscc = x->page_uscc[x->n_page];
    x->page[x->n_page].bank = x->page[x->n_page].name = NULL; /* the row's strings end with the call */
    x->page[x->n_page].granted_by = x->page[x->n_page].granted_at = NULL;
    x->n_page++;
    return 0;
}

static void bankCell(lxw_worksheet *ws, lxw_row_t r, int col, const char *v) {
    worksheet_write_string(ws, r, (lxw_col_t)col, v ? v : "", NULL); /* a string, never a formula */
}

static void bankYearCell(lxw_worksheet *ws, lxw_row_t r, int col, int year) {
    char y[12];
    snprintf(y, sizeof y, "%d", year);
    bankCell(ws, r, col, y);
}

/* The newest year of each figure the consent covers. */
static void bankFigureCells(lxw_worksheet *ws, lxw_row_t r, const bankBusiness *b) {
    const dossier *d = &b->d;
    char buf[MONEY_STRLEN];
    const dAnnualReport *ar = NULL;
    for (size_t i = 0; i < d->n_annual_reports; i++)
        if (!ar || d->annual_reports[i].year > ar->year) ar = &d->annual_reports[i];
    if ((b->scopes & BANK_SCOPE_REPORT) && ar) {
        bankYearCell(ws, r, 10, ar->year);
        if (ar->has_revenue) moneyFormat(buf, ar->revenue), bankCell(ws, r, 11, buf);
        if (ar->employees >= 0) worksheet_write_number(ws, r, 12, ar->employees, NULL);
    }
    const dTaxPaid *tp = NULL;
    for (size_t i = 0; i < d->n_tax_paid; i++)
        if (!tp || d->tax_paid[i].year > tp->year) tp = &d->tax_paid[i];
    if ((b->scopes & BANK_SCOPE_TAX) && tp) {
        bankYearCell(ws, r, 13, tp->year);
        moneyFormat(buf, tp->amount);
        bankCell(ws, r, 14, buf);
    }
    const dInsured *in = NULL;
    for (size_t i = 0; i < d->n_insured; i++)
        if (!in || d->insured[i].year > in->year) in = &d->insured[i];
    if ((b->scopes & BANK_SCOPE_INSURED) && in) {
        bankYearCell(ws, r, 15, in->year);
        worksheet_write_number(ws, r, 16, in->count, NULL);
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

static int bankRow(bankExport *x, const storeBankConsent *c, arena *a) {
    bankBusiness b;
    int rc = bankLoad(x->s, c, x->today, a, &b);
    if (rc == GH_ENOTFOUND) return 0; /* gone from the directory: nothing to show */
    if (rc) return rc;
    const lxw_row_t r = (lxw_row_t)(x->n + 1);
    char date[DATE_STRLEN];
    bankCell(x->ws, r, 0, b.uscc);
    bankCell(x->ws, r, 1, b.name);
    bankCell(x->ws, r, 2, b.town);
    bankCell(x->ws, r, 3, b.industry);
    if (b.has_result) bankYearCell(x->ws, r, 4, b.year), bankCell(x->ws, r, 5, typingTypeLabel(b.type));
    if (b.has_category) {
        bankCell(x->ws, r, 6, categoryLabel(b.category));
        dateFormat(date, b.category_until);
        bankCell(x->ws, r, 7, date);
    }
    dateFormat(date, b.consent_from);
    bankCell(x->ws, r, 8, date);
    dateFormat(date, b.consent_to);
    bankCell(x->ws, r, 9, date);
    bankFigureCells(x->ws, r, &b);
    return bankKeep(x, b.uscc, b.scopes);
}

int bankExportXlsx(store *s, const char *bank, civilDate today, const char *path, arena *a, const char ***usccs,
                   unsigned **scopes, size_t *n) {
    bankExport *x = calloc(1, sizeof *x);
    if (!x) return GH_ENOMEM;
    x->s = s, x->today = today, x->keep = a;
    lxw_workbook_options o = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    x->ws = wb ? workbook_add_worksheet(wb, "授权企业") : NULL;
    lxw_format *bold = wb ? workbook_add_format(wb) : NULL;
    int rc = x->ws && bold ? 0 : GH_EIO;
    if (!rc) format_set_bold(bold);
    for (int i = 0; i < BANK_COLS && !rc; i++) worksheet_write_string(x->ws, 0, (lxw_col_t)i, bankHead[i], bold);
    arena row;
    arenaInit(&row, 8192, 0);
    char after[USCC_LEN + 1] = "";
    do {
        x->n_page = 0;
        const storeBankConsentFilter f = {.bank = bank, .valid_on = today, .after = after, .limit = BANK_EXPORT_PAGE};
        if (!rc) rc = storeEachBankConsent(s, &f, bankPageOne, x);
        for (int i = 0; i < x->n_page && !rc; i++) {
            arenaReset(&row);
            rc = bankRow(x, &x->page[i], &row);
        }
        if (x->n_page) memcpy(after, x->page_uscc[x->n_page - 1], sizeof after);
    } while (!rc && x->n_page == BANK_EXPORT_PAGE);
    arenaFree(&row);
    if (wb && workbook_close(wb) != LXW_NO_ERROR && !rc) rc = GH_EIO;
    *usccs = x->usccs, *scopes = x->scopes, *n = x->n;
    free(x);
    return rc;
}
