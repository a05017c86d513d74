/* Checking the city's typing over HTTP (issue 10 §6): the paged report, the clerk's
 * status of a difference, the XLSX report and the city's result made a run. The
 * work is app/reconcile.c's; this file reads requests and writes answers. */
#include "http/routes.h"
#include "http/download.h"
#include "app/audit.h"
#include "app/params.h"
#include "app/reconcile.h"
#include "core/error.h"
#include "core/uscc.h"
#include "io/json.h"
#include "rules/reconcile.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RECONCILE_PAGE_MAX 500

/* The year= argument (2000-2200), or 0 after answering 400. */
static int reconcileYear(httpCtx *c, const char *y) {
    const int year = y ? atoi(y) : 0;
    if (year >= 2000 && year <= 2200) return year;
    httpFail(c, 400, "需要 year（2000-2200）(year required)");
    return 0;
}

/* The compared run (run= or the default of decision 122), or 0 after answering. */
static int64_t reconcileRunOf(httpCtx *c, int year) {
    const char *run_s = httpQuery(c, "run");
    int64_t run = 0;
    char msg[400];
    const int rc = appReconcileRun(httpStore(c), year, run_s ? atoll(run_s) : 0, &run, msg, sizeof msg);
    if (rc) httpFail(c, rc == GH_ENOTFOUND || rc == GH_EINVAL ? 404 : 500, msg);
    return rc ? 0 : run;
}

typedef struct reconcilePage { sbuf *out; arena a; int n; int64_t total; } reconcilePage;

static int reconcilePageRow(void *ctx, const storeReconcileRow *r) {
    reconcilePage *p = ctx;
    arenaReset(&p->a);
    if (p->n++) sbufPutc(p->out, ',');
    p->total = r->total;
    return appReconcileRowJson(p->out, &p->a, r);
}

/* GET /api/reconcile?year=[&run=&kind=&status=&offset=&limit=]: the counts by kind and
 * one page of differences in USCC order. */
void apiReconcile(httpCtx *c) {
    const int year = reconcileYear(c, httpQuery(c, "year"));
    if (!year) return;
    storeReconcileQuery q = {.year = year, .status = -1};
    const char *kind = httpQuery(c, "kind"), *status = httpQuery(c, "status"), *off = httpQuery(c, "offset"),
               *lim = httpQuery(c, "limit");
    int city, own;
    storeCityCheckStatus st;
    if (kind && *kind) {
        if (reconcileKindParse(&city, &own, kind)) {
            httpFail(c, 400, "kind 应为 市级类型-区级类型，如 growth-survival (unknown kind)");
            return;
        }
        q.city_type = city == RECONCILE_NONE ? "-" : typingTypeCode((bizType)city);
        q.run_type = own == RECONCILE_NONE ? "-" : typingTypeCode((bizType)own);
    }
    if (status && *status) {
        if (appCityCheckParse(&st, status)) {
            httpFail(c, 400, "status 应为 pending、accepted 或 raised (unknown status)");
            return;
        }
        q.status = (int)st;
    }
    q.offset = off ? atoll(off) : 0;
    q.limit = lim ? atoll(lim) : 50;
    if (q.offset < 0 || q.limit < 1 || q.limit > RECONCILE_PAGE_MAX) {
        httpFail(c, 400, "offset ≥ 0，limit 为 1-500 (bad paging)");
        return;
    }
    if (!(q.run_id = reconcileRunOf(c, year))) return;
    store *s = httpStore(c);
    appReconcileCounts k;
    sbuf out;
    sbufInit(&out);
    reconcilePage p = {.out = &out};
    arenaInit(&p.a, 16 * 1024, 0);
    int rc = appReconcileCount(s, year, q.run_id, &k);
    if (!rc) {
        sbufPuts(&out, "{\"counts\":");
        appReconcileCountsJson(&out, &k);
        sbufPuts(&out, ",\"rows\":[");
        rc = storeEachReconcile(s, &q, reconcilePageRow, &p);
        sbufPrintf(&out, "],\"total\":%lld,\"offset\":%lld,\"limit\":%lld}", (long long)p.total, (long long)q.offset,
                   (long long)q.limit);
    }
    arenaFree(&p.a);
    if (rc || out.failed) httpFail(c, rc == GH_EBUSY ? 503 : 500, "读取失败 (read failed)");
    else httpReply(c, 200, &out);
    sbufFree(&out);
}

typedef struct checkBody { int year; const char *uscc, *status, *note; } checkBody;

/* {year, uscc, status, note}: false when malformed. */
static bool checkBodyParse(httpCtx *c, checkBody *b, arena *a) {
    jsonReader j;
    jsonInit(&j, c->body, c->body_len, a);
    const char *key, *v;
    size_t kn, vn;
    bool first = true;
    int k = jsonObjectBegin(&j) ? -1 : 1;
    memset(b, 0, sizeof *b);
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1) {
        if (jsonKeyIs(key, kn, "year")) {
            if (jsonNumber(&j, &v, &vn) || vn > 4) return false;
            b->year = atoi(v);
        } else if (jsonKeyIs(key, kn, "uscc") || jsonKeyIs(key, kn, "status") || jsonKeyIs(key, kn, "note")) {
            if (jsonString(&j, &v, &vn) || vn > 2000) return false;
            const char **slot = key[0] == 'u' ? &b->uscc : key[0] == 's' ? &b->status : &b->note;
            *slot = v;
        } else return false;
    }
    return k == 0 && !jsonEnd(&j) && b->uscc && b->status;
}

/* POST /api/reconcile/checks: records the clerk's status of one difference (audited). */
void apiReconcileCheck(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 0);
    checkBody b;
    storeCityCheckStatus st;
    if (!checkBodyParse(c, &b, &a) || b.year < 2000 || b.year > 2200 || appCityCheckParse(&st, b.status) ||
        usccValidate(b.uscc, strlen(b.uscc))) {
        arenaFree(&a);
        httpFail(c, 400, "需要 year、uscc、status（pending/accepted/raised），可加 note (year, uscc, status required)");
        return;
    }
    const appActor who = {.name = c->who.username, .role = c->who.role_name, .client = c->client};
    char msg[400], body[160];
    const int rc = appCityCheck(httpStore(c), &who, b.year, b.uscc, st, b.note ? b.note : "", msg, sizeof msg);
    if (rc) httpFail(c, rc == GH_ENOTFOUND ? 404 : rc == GH_EBUSY ? 503 : rc == GH_EINVAL ? 400 : 500, msg);
    else {
        snprintf(body, sizeof body, "{\"year\":%d,\"uscc\":\"%s\",\"status\":\"%s\",\"status_label\":\"%s\"}", b.year,
                 b.uscc, appCityCheckCode(st), appCityCheckLabel(st));
        httpReplyJson(c, 200, body);
    }
    arenaFree(&a);
}

/* GET /api/reconcile/xlsx?year=[&run=]: the report as a workbook, audited as an export. */
void apiReconcileXlsx(httpCtx *c) {
    const int year = reconcileYear(c, httpQuery(c, "year"));
    int64_t run;
    if (!year || !(run = reconcileRunOf(c, year))) return;
    char path[HTTP_TEMP_PATH], name[64], object[96];
    const int tmp = httpTempFile(path, "reconcile");
    int64_t rows = 0;
    if (tmp >= 0) close(tmp);
    const int rc = tmp < 0 ? GH_EIO : appReconcileXlsx(httpStore(c), year, run, NULL, path, &rows); /* renamed over path when whole */
    snprintf(object, sizeof object, "reconcile year %d run #%lld format xlsx", year, (long long)run);
    snprintf(name, sizeof name, "getihu-%d-reconcile-run%lld.xlsx", year, (long long)run);
    httpSendDownload(c, httpTempTake(path, tmp >= 0 && !rc),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, "export", object);
}

/* POST /api/reconcile/adopt {year}: the city's result of year becomes a run (source
 * city) with the year's shipped parameters recorded; publishing it is the usual step. */
void apiReconcileAdopt(httpCtx *c) {
    arena a;
    arenaInit(&a, 1024, 0);
    checkBody b;
    jsonReader j;
    const char *key, *v;
    size_t kn, vn;
    bool first = true;
    jsonInit(&j, c->body, c->body_len, &a);
    int k = jsonObjectBegin(&j) ? -1 : 1;
    memset(&b, 0, sizeof b);
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1)
        k = jsonKeyIs(key, kn, "year") && !jsonNumber(&j, &v, &vn) && vn <= 4 ? (b.year = atoi(v), 1) : -1;
    arenaFree(&a);
    if (k != 0 || b.year < 2000 || b.year > 2200) {
        httpFail(c, 400, "需要 year (year required)");
        return;
    }
    yearParams p;
    char *text = NULL, err[512], msg[400];
    const char *origin;
    if (appParamsLoad(&p, &text, &origin, b.year, NULL, 0, err, sizeof err)) {
        httpFail(c, 400, "没有该年度的内置参数 (no shipped parameters for that year)");
        return;
    }
    const appRunInfo info = {.params = &p, .params_json = text, .version = GETIHU_HTTP_VERSION, .actor = c->who.username,
                             .role = c->who.role_name, .client = c->client};
    int64_t run = 0;
    const int rc = appCityRun(httpStore(c), &info, b.year, &run, msg, sizeof msg);
    free(text);
    if (rc) {
        httpFail(c, rc == GH_ENOTFOUND ? 404 : rc == GH_EBUSY ? 503 : 500, msg);
        return;
    }
    char body[96];
    snprintf(body, sizeof body, "{\"run\":%lld,\"year\":%d,\"source\":\"city\"}", (long long)run, b.year);
    httpReplyJson(c, 201, body);
}
