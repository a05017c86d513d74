/* The round's hand-over and figures: the city report of a year's recognitions (CSV,
 * XLSX), the comparison list (比选) as XLSX, and the console's statistics.
 * Contracts in app/round.h. */
#include "app/round_int.h"
#include "core/error.h"
#include "io/csv.h"
#include "io/jsonw.h"
#include "rules/explain.h"
#include "rules/round_explain.h"
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Issue 9 §7 "the columns a city would ask for"; decision 79 says why no operator. */
const char *const appRoundReportColumns[] = {
    "统一社会信用代码", "名称", "街道乡镇", "行业", "类别", "认定途径", "推荐部门", "认定日期", "有效期至", "认定时分型",
    "状态", NULL};
#define REPORT_COLS 11

typedef struct reportRow {
    char *cells[REPORT_COLS];
} reportRow;

typedef struct reportCtx {
    reportRow *v;
    size_t n, cap;
    arena *ar;
    int rc;
} reportCtx;

static char *reportDup(arena *ar, const char *s) { return arenaStrndup(ar, s ? s : "", s ? strlen(s) : 0); }

static const char *reportEnd(const storeRecognition *r) {
    static const char *const ends[] = {"有效", "已取消", "已撤销", "市局不予认定"};
    return (unsigned)r->ended <= RECOG_CITY_REFUSED ? ends[r->ended] : "";
}

/* Recognitions are collected first: the application and the directory are read
 * with the same connection once the listing statement has finished. */
static int reportCollect(void *ctx, const storeRecognition *r) {
    reportCtx *c = ctx;
    if (c->n == c->cap) {
        const size_t cap = c->cap ? c->cap * 2 : 64;
        reportRow *v = realloc(c->v, cap * sizeof *v);
        if (!v) return GH_ENOMEM;
        c->v = v, c->cap = cap;
    }
    reportRow *w = &c->v[c->n];
    memset(w, 0, sizeof *w);
    char on[DATE_STRLEN], until[DATE_STRLEN];
    dateFormat(on, r->recognised_on);
    dateFormat(until, r->expires - 1);
    w->cells[0] = reportDup(c->ar, r->uscc);
    w->cells[1] = reportDup(c->ar, r->app_id); /* replaced by the name below */
    w->cells[4] = reportDup(c->ar, categoryLabel(r->category));
    w->cells[5] = reportDup(c->ar, r->route == ROUTE_RECOMMENDED ? "部门推荐" : "自主申报");
    w->cells[7] = reportDup(c->ar, on);
    w->cells[8] = reportDup(c->ar, until);
    w->cells[9] = reportDup(c->ar, typingTypeLabel(r->type));
    w->cells[10] = reportDup(c->ar, reportEnd(r));
    for (int i = 0; i < REPORT_COLS; i++)
        if (i != 2 && i != 3 && i != 6 && !w->cells[i]) return GH_ENOMEM;
    c->n++;
    return 0;
}

/* Name, town and recommending department from the application; the industry from the directory. */
static int reportFill(store *s, reportRow *w, arena *ar) {
    storeRoundApp a;
    int rc = storeRoundGet(s, w->cells[1], ar, &a);
    if (rc) return rc;
    dossier d;
    rc = storeLoadDossier(s, a.uscc, ar, &d);
    if (rc && rc != GH_ENOTFOUND) return rc;
    w->cells[1] = reportDup(ar, a.name);
    w->cells[2] = reportDup(ar, a.town);
    w->cells[3] = reportDup(ar, rc ? "" : d.industry);
    w->cells[6] = reportDup(ar, a.recommended_by);
    return w->cells[1] && w->cells[2] && w->cells[3] && w->cells[6] ? 0 : GH_ENOMEM;
}

static int reportCsv(FILE *out, const reportRow *v, size_t n) {
    sbuf line;
    sbufInit(&line);
    for (size_t r = 0; r <= n; r++) {
        sbufClear(&line);
        for (int i = 0; i < REPORT_COLS; i++) {
            if (i) sbufPutc(&line, ',');
            csvPutField(&line, r ? v[r - 1].cells[i] : appRoundReportColumns[i]);
        }
        sbufPuts(&line, "\r\n");
        if (line.failed || fwrite(line.data, 1, line.len, out) != line.len) {
            sbufFree(&line);
            return line.failed ? GH_ENOMEM : GH_EIO;
        }
    }
    sbufFree(&line);
    return 0;
}

/* A sheet of text cells (never formulas) with a bold header row, written to path. */
static int reportXlsx(const char *path, const char *sheet, const char *const *head, int cols, char *const *cells,
                      size_t rows) {
    lxw_workbook_options o = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    if (!wb) return GH_EIO;
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (int i = 0; i < cols; i++) worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], bold);
    for (size_t r = 0; r < rows; r++)
        for (int i = 0; i < cols; i++)
            worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)i, cells[r * (size_t)cols + (size_t)i], NULL);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : GH_EIO;
}

int appRoundCityReport(store *s, int year, appRoundReportFormat f, FILE *out, const char *path, int *rows) {
    arena ar;
    arenaInit(&ar, 1 << 14, 0);
    reportCtx c = {.ar = &ar};
    const storeRecognitionFilter flt = {.year = year, .valid_at = DATE_NONE};
    int rc = storeEachRecognition(s, &flt, reportCollect, &c);
    for (size_t i = 0; !rc && i < c.n; i++) rc = reportFill(s, &c.v[i], &ar);
    if (!rc && f == ROUND_REPORT_CSV) rc = reportCsv(out, c.v, c.n);
    if (!rc && f == ROUND_REPORT_XLSX) {
        char **cells = c.n ? malloc(c.n * REPORT_COLS * sizeof *cells) : NULL;
        if (c.n && !cells) rc = GH_ENOMEM;
        for (size_t r = 0; !rc && r < c.n; r++) memcpy(cells + r * REPORT_COLS, c.v[r].cells, sizeof c.v[r].cells);
        if (!rc) rc = reportXlsx(path, "名特优新认定名单", appRoundReportColumns, REPORT_COLS, cells, c.n);
        free(cells);
    }
    *rows = (int)c.n;
    free(c.v);
    arenaFree(&ar);
    return rc;
}

/* ---- 比选 as XLSX ---- */
#define COMPARE_COLS 14
static const char *const compareColumns[COMPARE_COLS] = {
    "排名", "申报编号", "统一社会信用代码", "名称", "街道乡镇", "分型", "成立日期", "营业收入(元)", "纳税(元)", "参保人数",
    "数据证实的条件数", "待审核的条件数", "处罚记录数", "审核意见"};

typedef struct compareCtx {
    char **cells;
    size_t n, cap;
    arena *ar;
} compareCtx;

static int compareRow(void *ctx, int rank, const roundCandidate *c, const storeRoundApp *a, const char *notes) {
    compareCtx *x = ctx;
    if (x->n == x->cap) {
        const size_t cap = x->cap ? x->cap * 2 : 32;
        char **v = realloc(x->cells, cap * COMPARE_COLS * sizeof *v);
        if (!v) return GH_ENOMEM;
        x->cells = v, x->cap = cap;
    }
    char num[5][32], est[DATE_STRLEN], rev[MONEY_STRLEN] = "", tax[MONEY_STRLEN] = "";
    snprintf(num[0], sizeof num[0], "%d", rank);
    if (c->has_insured) snprintf(num[1], sizeof num[1], "%d", c->insured);
    else num[1][0] = '\0';
    snprintf(num[2], sizeof num[2], "%d", c->criteria_met);
    snprintf(num[3], sizeof num[3], "%d", c->criteria_review);
    snprintf(num[4], sizeof num[4], "%d", c->penalties);
    dateFormat(est, c->established);
    if (c->has_revenue) moneyFormat(rev, c->revenue);
    if (c->has_tax) moneyFormat(tax, c->tax);
    const char *row[COMPARE_COLS] = {num[0], a->id, a->uscc, a->name, a->town, typingTypeLabel(c->type), est, rev, tax,
                                     num[1], num[2], num[3], num[4], notes ? notes : ""};
    char **w = x->cells + x->n * COMPARE_COLS;
    for (int i = 0; i < COMPARE_COLS; i++)
        if (!(w[i] = reportDup(x->ar, row[i]))) return GH_ENOMEM;
    x->n++;
    return 0;
}

int appRoundCandidatesXlsx(store *s, categoryKind category, unsigned states, civilDate today, const yearParams *p,
                           const char *path, int *rows) {
    arena ar;
    arenaInit(&ar, 1 << 14, 0);
    compareCtx x = {.ar = &ar};
    int rc = appRoundCandidates(s, category, states, today, p, compareRow, &x);
    char sheet[32];
    snprintf(sheet, sizeof sheet, "比选-%s", categoryLabel(category));
    if (!rc) rc = reportXlsx(path, sheet, compareColumns, COMPARE_COLS, x.cells, x.n);
    *rows = (int)x.n;
    free(x.cells);
    arenaFree(&ar);
    return rc;
}

/* ---- the console's figures ---- */
#define STATS_TOWNS 64
typedef struct statsCtx {
    int by_state[RSTATE__COUNT];
    int by_category[CAT__COUNT];
    int total;
    struct { char name[64]; int n; } towns[STATS_TOWNS];
    int n_towns, other_towns;
} statsCtx;

static int statsApp(void *ctx, const storeRoundApp *a) {
    statsCtx *c = ctx;
    c->total++;
    if ((unsigned)a->state < RSTATE__COUNT) c->by_state[a->state]++;
    if ((unsigned)a->category < CAT__COUNT) c->by_category[a->category]++;
    const char *t = a->town ? a->town : "";
    for (int i = 0; i < c->n_towns; i++)
        if (!strcmp(c->towns[i].name, t)) return c->towns[i].n++, 0;
    if (c->n_towns == STATS_TOWNS) return c->other_towns++, 0;
    snprintf(c->towns[c->n_towns].name, sizeof c->towns[0].name, "%s", t);
    c->towns[c->n_towns++].n = 1;
    return 0;
}

int appRoundStatsJson(sbuf *out, store *s, civilDate today, const yearParams *p) {
    statsCtx *c = calloc(1, sizeof *c);
    if (!c) return GH_ENOMEM;
    const storeRoundFilter f = {.year = p->year};
    int rc = appRoundEach(s, &f, statsApp, c);
    roundQuota q;
    const int qrc = rc ? rc : appRoundQuota(&q, s, today, p);
    if (!rc && qrc && qrc != GH_ENOTFOUND) rc = qrc;
    if (!rc) {
        sbufPrintf(out, "{\"year\":%d,\"applications\":%d,\"by_state\":{", p->year, c->total);
        for (int i = 0; i < RSTATE__COUNT; i++) {
            jsonwKey(out, roundStateCode((roundState)i), i == 0);
            sbufPrintf(out, "%d", c->by_state[i]);
        }
        sbufPuts(out, "},\"by_category\":{");
        for (int i = 0; i < CAT__COUNT; i++) {
            jsonwKey(out, categoryCode((categoryKind)i), i == 0);
            sbufPrintf(out, "%d", c->by_category[i]);
        }
        sbufPuts(out, "},\"by_town\":[");
        for (int i = 0; i < c->n_towns; i++) {
            sbufPuts(out, i ? ",{\"town\":" : "{\"town\":");
            jsonwString(out, c->towns[i].name);
            sbufPrintf(out, ",\"count\":%d}", c->towns[i].n);
        }
        sbufPrintf(out, "],\"other_towns\":%d,\"quota\":", c->other_towns);
        if (qrc) sbufPuts(out, "null");
        else
            sbufPrintf(out, "{\"growth\":%d,\"development\":%d,\"percent\":%d,\"quota\":%d,\"recognised\":%d,"
                            "\"remaining\":%d}", q.growth, q.development, q.percent, q.quota, q.recognised, q.remaining);
        if (qrc) sbufPuts(out, ",\"recognised\":null}");
        else sbufPrintf(out, ",\"recognised\":%d}", q.recognised);
    }
    free(c);
    return rc ? rc : out->failed ? GH_ENOMEM : 0;
}
