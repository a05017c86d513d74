/* The reconciliation report's writers (app/reconcile.h): counts and rows as JSON,
 * and the XLSX workbook. No personal data: names and towns only. */
#include "app/reconcile.h"
#include "core/error.h"
#include "io/atomicfile.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "rules/reconcile.h"
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

/* Every kind of difference in report order: the ordered pairs, only-in-city, only-in-getihu. */
static int reconcileKinds(int kinds[20][2]) {
    int n = 0;
    for (int c = 0; c < 4; c++)
        for (int o = 0; o < 4; o++)
            if (c != o) kinds[n][0] = c, kinds[n++][1] = o;
    for (int c = 0; c < 4; c++) kinds[n][0] = c, kinds[n++][1] = RECONCILE_NONE;
    for (int o = 0; o < 4; o++) kinds[n][0] = RECONCILE_NONE, kinds[n++][1] = o;
    return n;
}

static void jsonwType(sbuf *out, int t) {
    if (t == RECONCILE_NONE) sbufPuts(out, "null");
    else jsonwString(out, typingTypeCode((bizType)t));
}

void appReconcileCountsJson(sbuf *out, const appReconcileCounts *c) {
    int kinds[20][2];
    const int n = reconcileKinds(kinds);
    sbufPrintf(out, "{\"year\":%d,\"run\":%lld,\"city_total\":%lld,\"agree\":%lld,\"differ\":%lld,\"kinds\":[",
               c->year, (long long)c->run_id, (long long)c->city_total, (long long)c->agree, (long long)c->differ);
    for (int i = 0; i < n; i++) {
        char code[40], label[80];
        sbufPrintf(out, "%s{\"kind\":\"%s\",\"label\":", i ? "," : "",
                   reconcileKindCode(code, sizeof code, kinds[i][0], kinds[i][1]));
        jsonwString(out, reconcileKindLabel(label, sizeof label, kinds[i][0], kinds[i][1]));
        sbufPuts(out, ",\"city_type\":");
        jsonwType(out, kinds[i][0]);
        sbufPuts(out, ",\"run_type\":");
        jsonwType(out, kinds[i][1]);
        sbufPrintf(out, ",\"count\":%lld}", (long long)c->n[kinds[i][0] + 1][kinds[i][1] + 1]);
    }
    sbufPuts(out, "]}");
}

/* One stored reason. */
typedef struct reason { const char *code, *article, *text; size_t cn, an, tn; } reason;
#define MAX_REASONS 32

/* Reads a stored reasons array (DATA.md §3) into v; *n its length. */
static int reasonsRead(reason *v, int *n, arena *a, const char *json, size_t len) {
    jsonReader j;
    bool first = true;
    int k;
    *n = 0;
    if (!json) return 0;
    jsonInit(&j, json, len, a);
    if (jsonArrayBegin(&j)) return GH_EINVAL;
    while ((k = jsonArrayNext(&j, &first)) == 1) {
        reason r = {"", "", "", 0, 0, 0};
        bool ofirst = true;
        const char *key, *s;
        size_t kn, sn;
        int m;
        if (jsonObjectBegin(&j)) return GH_EINVAL;
        while ((m = jsonObjectNext(&j, &ofirst, &key, &kn)) == 1) {
            if (jsonString(&j, &s, &sn)) return GH_EINVAL;
            if (jsonKeyIs(key, kn, "code")) r.code = s, r.cn = sn;
            else if (jsonKeyIs(key, kn, "article")) r.article = s, r.an = sn;
            else if (jsonKeyIs(key, kn, "text")) r.text = s, r.tn = sn;
        }
        if (m < 0) return GH_EINVAL;
        if (*n < MAX_REASONS) v[(*n)++] = r;
    }
    return k < 0 ? GH_EINVAL : 0;
}

/* Whether reason r drives the difference (its code copied to test it whole). */
static bool reasonDrives(const reason *r, int city, int own) {
    char code[48];
    snprintf(code, sizeof code, "%.*s", (int)r->cn, r->code);
    return reconcileDrives(city, own, code);
}

int appReconcileRowJson(sbuf *out, arena *a, const storeReconcileRow *r) {
    reason v[MAX_REASONS];
    int n;
    if (reasonsRead(v, &n, a, r->reasons, r->reasons_len)) return GH_EINVAL;
    char code[40], label[80];
    sbufPuts(out, "{\"uscc\":");
    jsonwString(out, r->uscc);
    sbufPuts(out, ",\"name\":");
    jsonwString(out, r->name ? r->name : "");
    sbufPuts(out, ",\"town\":");
    jsonwString(out, r->town ? r->town : "");
    sbufPrintf(out, ",\"in_directory\":%s,\"kind\":\"%s\",\"kind_label\":", r->in_directory ? "true" : "false",
               reconcileKindCode(code, sizeof code, r->city_type, r->run_type));
    jsonwString(out, reconcileKindLabel(label, sizeof label, r->city_type, r->run_type));
    const int side[2] = {r->city_type, r->run_type};
    for (int i = 0; i < 2; i++) {
        sbufPuts(out, i ? ",\"run_type\":" : ",\"city_type\":");
        jsonwType(out, side[i]);
        sbufPuts(out, i ? ",\"run_type_label\":" : ",\"city_type_label\":");
        jsonwString(out, side[i] == RECONCILE_NONE ? "无结果" : typingTypeLabel((bizType)side[i]));
    }
    sbufPuts(out, ",\"reasons\":[");
    for (int i = 0; i < n; i++) {
        sbufPuts(out, i ? ",{\"code\":" : "{\"code\":");
        jsonwStringN(out, v[i].code, v[i].cn);
        sbufPuts(out, ",\"article\":");
        jsonwStringN(out, v[i].article, v[i].an);
        sbufPuts(out, ",\"text\":");
        jsonwStringN(out, v[i].text, v[i].tn);
        sbufPrintf(out, ",\"drives\":%s}", reasonDrives(&v[i], r->city_type, r->run_type) ? "true" : "false");
    }
    sbufPuts(out, "],\"drivers\":[");
    for (int i = 0, k = 0; i < n; i++)
        if (reasonDrives(&v[i], r->city_type, r->run_type)) {
            if (k++) sbufPutc(out, ',');
            jsonwStringN(out, v[i].text, v[i].tn);
        }
    sbufPrintf(out, "],\"status\":\"%s\",\"status_label\":\"%s\",\"note\":", appCityCheckCode(r->status),
               appCityCheckLabel(r->status));
    jsonwString(out, r->note ? r->note : "");
    sbufPuts(out, ",\"checked_by\":");
    if (r->checked_by) jsonwString(out, r->checked_by);
    else sbufPuts(out, "null");
    sbufPuts(out, ",\"checked_at\":");
    if (r->checked_at) jsonwString(out, r->checked_at);
    else sbufPuts(out, "null");
    sbufPutc(out, '}');
    return out->failed ? GH_ENOMEM : 0;
}

int appReconcileDrivers(sbuf *out, arena *a, const storeReconcileRow *r, const char *sep) {
    reason v[MAX_REASONS];
    int n;
    if (reasonsRead(v, &n, a, r->reasons, r->reasons_len)) return GH_EINVAL;
    for (int i = 0, k = 0; i < n; i++)
        if (reasonDrives(&v[i], r->city_type, r->run_type))
            sbufPrintf(out, "%s%.*s %.*s", k++ ? sep : "", (int)v[i].cn, v[i].code, (int)v[i].tn, v[i].text);
    return out->failed ? GH_ENOMEM : 0;
}

/* ---- XLSX ---- */

typedef struct xlsxCtx {
    lxw_worksheet *ws;
    arena a;
    sbuf drivers, all;
    int row;
    int64_t rows;
} xlsxCtx;

static const char *const detailHeader[] = {"统一社会信用代码", "名称", "镇街", "差异类型", "市级分型", "区级分型",
                                           "导致差异的事实", "区级分型理由", "核实状态", "备注", NULL};

/* Every cell is written as a string: worksheet_write_string never makes a formula. */
static int xlsxRow(void *ctx, const storeReconcileRow *r) {
    xlsxCtx *c = ctx;
    reason v[MAX_REASONS];
    int n;
    arenaReset(&c->a);
    if (reasonsRead(v, &n, &c->a, r->reasons, r->reasons_len)) return GH_EINVAL;
    sbufClear(&c->drivers);
    sbufClear(&c->all);
    for (int i = 0; i < n; i++) {
        sbuf *to[2] = {&c->all, reasonDrives(&v[i], r->city_type, r->run_type) ? &c->drivers : NULL};
        for (int k = 0; k < 2; k++)
            if (to[k]) {
                if (to[k]->len) sbufPuts(to[k], "；");
                sbufPrintf(to[k], "%.*s %.*s", (int)v[i].cn, v[i].code, (int)v[i].tn, v[i].text);
            }
    }
    if (c->drivers.failed || c->all.failed) return GH_ENOMEM;
    const int row = ++c->row;
    if (row >= LXW_ROW_MAX) return GH_ERANGE;
    char label[80];
    const char *cells[] = {r->uscc, !r->in_directory ? "（区级名录无此户）" : r->name ? r->name : "", r->town ? r->town : "",
                           reconcileKindLabel(label, sizeof label, r->city_type, r->run_type),
                           r->city_type == RECONCILE_NONE ? "无结果" : typingTypeLabel((bizType)r->city_type),
                           r->run_type == RECONCILE_NONE ? "无结果" : typingTypeLabel((bizType)r->run_type),
                           c->drivers.data ? c->drivers.data : "", c->all.data ? c->all.data : "",
                           appCityCheckLabel(r->status), r->note ? r->note : ""};
    for (int i = 0; i < (int)(sizeof cells / sizeof cells[0]); i++)
        if (worksheet_write_string(c->ws, (lxw_row_t)row, (lxw_col_t)i, cells[i], NULL) != LXW_NO_ERROR)
            return GH_EIO;
    c->rows++;
    return 0;
}

/* The counts sheet: one row per kind of difference, then the agreeing count. */
static void xlsxCounts(lxw_worksheet *ws, lxw_format *bold, const appReconcileCounts *k) {
    int kinds[20][2];
    const int n = reconcileKinds(kinds);
    worksheet_set_column(ws, 0, 0, 28, NULL);
    worksheet_set_column(ws, 1, 1, 12, NULL);
    worksheet_write_string(ws, 0, 0, "差异类型", bold);
    worksheet_write_string(ws, 0, 1, "户数", bold);
    for (int i = 0; i < n; i++) {
        char label[80];
        worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, reconcileKindLabel(label, sizeof label, kinds[i][0], kinds[i][1]), NULL);
        worksheet_write_number(ws, (lxw_row_t)(i + 1), 1, (double)k->n[kinds[i][0] + 1][kinds[i][1] + 1], NULL);
    }
    worksheet_write_string(ws, (lxw_row_t)(n + 1), 0, "差异合计", bold);
    worksheet_write_number(ws, (lxw_row_t)(n + 1), 1, (double)k->differ, NULL);
    worksheet_write_string(ws, (lxw_row_t)(n + 2), 0, "结果一致", bold);
    worksheet_write_number(ws, (lxw_row_t)(n + 2), 1, (double)k->agree, NULL);
}

static int reconcileWorkbook(store *s, int year, int64_t run_id, const appReconcileCounts *counts, const char *path,
                             xlsxCtx *c) {
    appReconcileCounts k;
    int rc = counts ? 0 : appReconcileCount(s, year, run_id, &k);
    if (rc) return rc;
    if (counts) k = *counts;
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    if (!wb) return GH_EIO;
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    xlsxCounts(workbook_add_worksheet(wb, "差异汇总"), bold, &k);
    c->ws = workbook_add_worksheet(wb, "差异明细");
    static const double widths[] = {22, 30, 12, 24, 14, 14, 60, 80, 14, 30};
    for (int i = 0; detailHeader[i]; i++) {
        worksheet_set_column(c->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
        worksheet_write_string(c->ws, 0, (lxw_col_t)i, detailHeader[i], bold);
    }
    worksheet_freeze_panes(c->ws, 1, 0);
    const storeReconcileQuery q = {.year = year, .run_id = run_id, .status = -1};
    rc = storeEachReconcile(s, &q, xlsxRow, c);
    const lxw_error e = workbook_close(wb);
    return rc ? rc : e == LXW_NO_ERROR ? 0 : GH_EIO;
}

int appReconcileXlsx(store *s, int year, int64_t run_id, const appReconcileCounts *counts, const char *path,
                     int64_t *rows) {
    xlsxCtx c = {.row = 0};
    atomicFile af = {0};
    arenaInit(&c.a, 16 * 1024, 0);
    sbufInit(&c.drivers);
    sbufInit(&c.all);
    int rc = atomicFileOpen(&af, path) ? GH_EIO : 0;
    if (!rc && atomicFileClose(&af)) rc = GH_EIO; /* libxlsxwriter opens the temporary path itself */
    if (!rc) rc = reconcileWorkbook(s, year, run_id, counts, af.tmp, &c);
    if (af.tmp[0] && (rc ? (atomicFileAbort(&af), 0) : atomicFileCommit(&af))) rc = GH_EIO;
    *rows = c.rows;
    arenaFree(&c.a);
    sbufFree(&c.drivers);
    sbufFree(&c.all);
    return rc;
}
