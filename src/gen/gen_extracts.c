#include "gen/gen_extracts.h"
#include "io/csv.h"
#include <errno.h>
#include <string.h>

/* Writes the pending row to the file of kind k, in GB18030 for the GBK files. */
static int genFlush(genExtracts *g, int k) {
    sbuf *r = &g->row;
    if (r->failed) return -1;
    if (!g->gbk[k]) return fwrite(r->data, 1, r->len, g->f[k]) == r->len ? 0 : -1;
    char out[8192];
    char *in = r->data, *o = out;
    size_t inleft = r->len, outleft = sizeof out;
    if (r->len * 2 > sizeof out || iconv(g->to_gbk, &in, &inleft, &o, &outleft) == (size_t)-1) return -1;
    return fwrite(out, 1, sizeof out - outleft, g->f[k]) == sizeof out - outleft ? 0 : -1;
}

int genExtractsOpen(genExtracts *g, const char *dir) {
    memset(g, 0, sizeof *g);
    sbufInit(&g->row);
    g->gbk[EXTRACT_TAX] = g->gbk[EXTRACT_INSURANCE] = true;
    g->to_gbk = iconv_open("GB18030", "UTF-8");
    if (g->to_gbk == (iconv_t)-1) return -1;
    for (int k = EXTRACT_REGISTRATION; k < EXTRACT__COUNT; k++) {
        snprintf(g->path[k], sizeof g->path[k], "%s/%s.csv", dir, extractKindName((extractKind)k));
        if (!(g->f[k] = fopen(g->path[k], "wb"))) return -1;
        sbufClear(&g->row);
        if (!g->gbk[k]) sbufPuts(&g->row, "\xEF\xBB\xBF"); /* Excel reads UTF-8 only with a BOM */
        kindWriteHeader(&g->row, kindGet((extractKind)k));
        sbufPuts(&g->row, "\r\n");
        if (genFlush(g, k)) return -1;
    }
    return 0;
}

static void genCell(sbuf *b, const char *s) {
    sbufPutc(b, ',');
    if (s) csvPutField(b, s);
}

/* Dates as an office writes them: 2024-05-20 in UTF-8 files, 2024/5/20 in GBK ones. */
static void genDate(sbuf *b, civilDate d, bool excel) {
    sbufPutc(b, ',');
    if (d == DATE_NONE) return;
    int y, m, dd;
    dateToYmd(d, &y, &m, &dd);
    if (excel) sbufPrintf(b, "%d/%d/%d", y, m, dd);
    else sbufPrintf(b, "%04d-%02d-%02d", y, m, dd);
}

static void genMoney(sbuf *b, money v) {
    char buf[MONEY_STRLEN];
    moneyFormat(buf, v);
    genCell(b, buf);
}

static int genRow(genExtracts *g, int k) {
    sbufPuts(&g->row, "\r\n");
    return genFlush(g, k);
}

static void genStart(genExtracts *g, const dossier *d) {
    sbufClear(&g->row);
    sbufPuts(&g->row, d->uscc);
}

static int genIntervals(genExtracts *g, int k, const dossier *d, dIntervals l) {
    for (size_t i = 0; i < l.n; i++) {
        genStart(g, d);
        genDate(&g->row, l.v[i].from, false);
        genDate(&g->row, l.v[i].to, false);
        if (genRow(g, k)) return -1;
    }
    return 0;
}

int genExtractsWrite(genExtracts *g, const dossier *d) {
    static const char *const status[] = {"在营", "吊销", "注销", "撤销"};
    static const char *const holder[] = {"个体工商户", "经营者"};
    static const char *const penalty[] = {"警告", "罚款", "没收违法所得", "暂扣许可证件", "责令停产停业", "行政拘留"};
    static const char *const groups[] = {"退役军人", "高校毕业生", "残疾人", "返乡创业农民工"};
    sbuf *b = &g->row;
    genStart(g, d);
    genCell(b, d->name);
    genCell(b, d->operator_name);
    genCell(b, d->operator_id);
    genDate(b, d->established, false);
    genCell(b, status[d->status]);
    genCell(b, d->town);
    genCell(b, d->industry);
    genCell(b, d->address);
    genCell(b, d->seasonal ? "是" : "否");
    genCell(b, d->legacy_reg_no[0] ? d->legacy_reg_no : NULL);
    if (genRow(g, EXTRACT_REGISTRATION)) return -1;
    for (size_t i = 0; i < d->n_annual_reports; i++) {
        const dAnnualReport *ar = &d->annual_reports[i];
        genStart(g, d);
        sbufPrintf(b, ",%d", ar->year);
        genDate(b, ar->filed_on, false);
        if (ar->has_revenue) genMoney(b, ar->revenue);
        else genCell(b, NULL);
        if (ar->employees >= 0) sbufPrintf(b, ",%d", ar->employees);
        else genCell(b, NULL);
        if (genRow(g, EXTRACT_ANNUAL_REPORTS)) return -1;
    }
    /* Tax: one row per year paid, the flags repeated on each; a flags-only row when no year. */
    for (size_t i = 0; i < d->n_tax_paid || i == 0; i++) {
        genStart(g, d);
        genCell(b, d->tax_registered ? "是" : "否");
        genCell(b, d->general_taxpayer ? "是" : "否");
        if (i < d->n_tax_paid) {
            sbufPrintf(b, ",%d", d->tax_paid[i].year);
            genMoney(b, d->tax_paid[i].amount);
        } else {
            sbufPuts(b, ",,");
        }
        const bool iv = i < d->tax_abnormal.n;
        genDate(b, iv ? d->tax_abnormal.v[i].from : DATE_NONE, true);
        genDate(b, iv ? d->tax_abnormal.v[i].to : DATE_NONE, true);
        if (genRow(g, EXTRACT_TAX)) return -1;
        if (i + 1 >= d->n_tax_paid) break;
    }
    for (size_t i = d->n_tax_paid ? d->n_tax_paid : 1; i < d->tax_abnormal.n; i++) {
        genStart(g, d);
        sbufPuts(b, ",,,,");
        genDate(b, d->tax_abnormal.v[i].from, true);
        genDate(b, d->tax_abnormal.v[i].to, true);
        if (genRow(g, EXTRACT_TAX)) return -1;
    }
    for (size_t i = 0; i < d->n_insured; i++) {
        genStart(g, d);
        sbufPrintf(b, ",%d,%d", d->insured[i].year, d->insured[i].count);
        if (genRow(g, EXTRACT_INSURANCE)) return -1;
    }
    for (size_t i = 0; i < d->n_trademarks; i++) {
        genStart(g, d);
        genCell(b, d->trademarks[i].reg_no);
        genCell(b, holder[d->trademarks[i].holder]);
        genCell(b, d->trademarks[i].in_use ? "是" : "否");
        if (genRow(g, EXTRACT_TRADEMARKS)) return -1;
    }
    for (size_t i = 0; i < d->n_patents; i++) {
        genStart(g, d);
        genCell(b, d->patents[i].number);
        genCell(b, holder[d->patents[i].holder]);
        if (genRow(g, EXTRACT_PATENTS)) return -1;
    }
    if (genIntervals(g, EXTRACT_ABNORMAL_LIST, d, d->abnormal_list) ||
        genIntervals(g, EXTRACT_SERIOUS_ILLEGAL, d, d->serious_illegal_list) ||
        genIntervals(g, EXTRACT_SUSPENSIONS, d, d->suspensions) ||
        genIntervals(g, EXTRACT_DISHONEST_DEBTORS, d, d->dishonest_debtor))
        return -1;
    for (size_t i = 0; i < d->n_penalties; i++) {
        genStart(g, d);
        genDate(b, d->penalties[i].decided_on, false);
        genCell(b, penalty[d->penalties[i].kind]);
        genCell(b, d->penalties[i].publicized ? "是" : "否");
        genDate(b, d->penalties[i].repaired_on, false);
        if (genRow(g, EXTRACT_PENALTIES)) return -1;
    }
    for (int k = 0; k < 4; k++)
        if (d->operator_groups & (1u << k)) {
            genStart(g, d);
            genCell(b, groups[k]);
            if (genRow(g, EXTRACT_OPERATOR_GROUPS)) return -1;
        }
    return 0;
}

int genExtractsClose(genExtracts *g) {
    int rc = 0;
    for (int k = 0; k < EXTRACT__COUNT; k++)
        if (g->f[k] && fclose(g->f[k])) rc = -1;
    if (g->to_gbk != (iconv_t)-1 && g->to_gbk) iconv_close(g->to_gbk);
    sbufFree(&g->row);
    return rc;
}
