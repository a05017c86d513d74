/* The measures (issue 10): the catalogue and a department's (town's, clerk's)
 * worklist with its statuses and exports. The district's reports (changes,
 * coverage) are in api_measures_report.c. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/audit.h"
#include "app/measures.h"
#include "app/measures_coverage.h"
#include "app/measures_work.h"
#include "core/error.h"
#include "core/uscc.h"
#include "http/api_round.h"
#include "http/routes.h"
#include "http/download.h"
#include "io/json.h"
#include "io/measures.h"
#include "io/jsonw.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* GET /api/measures: the catalogue; "mine" marks the reader's own work. */
void apiMeasures(httpCtx *c) {
    const measureCatalogue *cat = measuresShipped(NULL);
    appWorker w;
    const bool worker = !appWorkerOf(&w, c->who.role, c->who.department);
    sbuf b;
    sbufInit(&b);
    sbufPutc(&b, '[');
    for (size_t i = 0; cat && i < cat->n; i++) {
        const measure *m = &cat->items[i];
        if (i) sbufPutc(&b, ',');
        sbuf one;
        sbufInit(&one);
        measureWriteJson(&one, m);
        sbufAppend(&b, one.data, one.len - 1); /* without its } */
        sbufFree(&one);
        const bool mine = worker && measureServedBy(m, w.kind, w.unit);
        sbufPrintf(&b, ",\"for_label\":\"%s\",\"mine\":%s", measureForLabel(m->target), mine ? "true" : "false");
        if (mine) { /* the reader's own parts (decision 86) */
            sbufPuts(&b, ",\"mine_text\":");
            appMeasureTextJson(&b, m, w.kind, w.unit, false);
        }
        sbufPutc(&b, '}');
    }
    sbufPutc(&b, ']');
    httpReply(c, 200, &b);
}

/* The worker of this session, or false after answering 403. */
static bool workerOf(httpCtx *c, appWorker *w) {
    if (!appWorkerOf(w, c->who.role, c->who.department)) return true;
    httpFail(c, 403, "该账户没有帮扶工作清单 (no worklist for this account)");
    return false;
}

/* The worklist query from the query string, over the latest published run. */
static bool workQueryOf(httpCtx *c, const appWorker *w, storeWorkQuery *q, int *year, bool *city) {
    const char *type = httpQuery(c, "type"), *status = httpQuery(c, "status"), *off = httpQuery(c, "offset");
    const char *lim = httpQuery(c, "limit");
    const char *cat = httpQuery(c, "category");
    appWorkFilter f = {.measure = httpQuery(c, "measure"), .town = httpQuery(c, "town"),
                       .section = httpQuery(c, "section"), .sort = httpQuery(c, "sort"), .type = -1, .category = -1,
                       .status = -1,
                       .limit = lim ? atoi(lim) : 50, .offset = off ? atoll(off) : 0};
    bizType t;
    storeWorkStatus st;
    categoryKind k;
    if (f.town && !*f.town) f.town = NULL;
    if (f.section && !*f.section) f.section = NULL;
    if ((type && *type && typingTypeParse(&t, type)) || (cat && *cat && categoryParse(&k, cat, strlen(cat))) || (status && *status && appWorkStatusParse(&st, status)) ||
        f.limit < 1 || f.limit > 500 || f.offset < 0) {
        httpFail(c, 400, "筛选条件无效：type、category、status、limit（1–500）、offset (bad filter)");
        return false;
    }
    if (type && *type) f.type = (int)t;
    if (cat && *cat) f.category = (int)k;
    if (status && *status) f.status = (int)st;
    int64_t run;
    int rc = appLatestPublished(httpStore(c), year, &run, city);
    if (!rc) rc = appWorkQuery(q, w, &f, run, roundToday(c));
    if (!rc) return true;
    httpFail(c, rc == GH_ENOTFOUND ? 404 : rc == GH_EREFUSED ? 403 : rc == GH_EINVAL ? 400 : 500,
             rc == GH_ENOTFOUND   ? "尚无已公布的分型 (no published run)"
             : rc == GH_EREFUSED  ? "该措施不由本单位负责 (not this account's measure)"
             : rc == GH_EINVAL    ? "需要有效的 measure（条文号），sort 为 uscc、name、town 或 status (measure required)"
                                  : "读取失败 (read failed)");
    return false;
}

typedef struct workCtx { sbuf *b; int n; } workCtx;

static int workRowJson(void *ctx, const storeWorkRow *r) {
    workCtx *x = ctx;
    char d[DATE_STRLEN] = "";
    if (r->on != DATE_NONE) dateFormat(d, r->on);
    sbufPuts(x->b, x->n++ ? ",{\"uscc\":" : "{\"uscc\":");
    jsonwString(x->b, r->uscc);
    jsonwKey(x->b, "name", 0);
    jsonwString(x->b, r->name ? r->name : "");
    jsonwKey(x->b, "town", 0);
    jsonwString(x->b, r->town ? r->town : "");
    jsonwKey(x->b, "industry", 0);
    jsonwString(x->b, r->industry ? r->industry : "");
    jsonwKey(x->b, "type", 0);
    jsonwString(x->b, typingTypeCode(r->type));
    sbufPrintf(x->b, ",\"categories\":%u,\"status\":\"%s\",\"status_label\":\"%s\",\"on\":", r->held,
               appWorkStatusCode(r->status), appWorkStatusLabel(r->status));
    if (*d) jsonwString(x->b, d);
    else sbufPuts(x->b, "null");
    jsonwKey(x->b, "note", 0);
    jsonwString(x->b, r->note ? r->note : "");
    sbufPutc(x->b, '}');
    return 0;
}

/* Streams the whole list as CSV or XLSX through a temporary file (audited). */
static void workExport(httpCtx *c, const storeWorkQuery *q, bool xlsx, int year) {
    char path[HTTP_TEMP_PATH], name[96], object[160];
    const int fd = httpTempFile(path, "work");
    FILE *f = fd >= 0 && !xlsx ? fdopen(fd, "w") : NULL;
    if (fd >= 0 && xlsx) close(fd);
    int64_t rows = 0;
    store *s = httpStore(c);
    int rc = fd < 0 || (!xlsx && !f) ? GH_EIO : storeReadBegin(s);
    if (!rc) {
        rc = appWorkExport(s, q, xlsx, f, path, &rows);
        (void)storeReadEnd(s);
    }
    if (f && fclose(f) && !rc) rc = GH_EIO;
    else if (fd >= 0 && !xlsx && !f) close(fd);
    const int in = httpTempTake(path, fd >= 0 && !rc);
    snprintf(object, sizeof object, "measure %s unit %s rows %lld", q->measure, q->department, (long long)rows);
    snprintf(name, sizeof name, "getihu-%d-%s.%s", year, q->measure, xlsx ? "xlsx" : "csv");
    httpSendDownload(c, in, xlsx ? XLSX_TYPE : "text/csv; charset=utf-8", name, "measure.export", object);
}

/* GET /api/measures/work?measure=…[&town&section&type&status&sort&offset&limit&format=csv|xlsx] */
void apiMeasureWork(httpCtx *c) {
    appWorker w;
    storeWorkQuery q;
    int year;
    bool city = false;
    if (!workerOf(c, &w) || !workQueryOf(c, &w, &q, &year, &city)) return;
    const char *format = httpQuery(c, "format");
    if (format && (!strcmp(format, "csv") || !strcmp(format, "xlsx"))) {
        workExport(c, &q, !strcmp(format, "xlsx"), year);
        return;
    }
    store *s = httpStore(c);
    sbuf b;
    sbufInit(&b);
    int64_t total = 0;
    int rc = storeReadBegin(s);
    if (!rc) {
        rc = storeWorkCount(s, &q, &total);
        /* the worklist follows that year's published result: say whose (issue 10 §6) */
        sbufPrintf(&b, "{\"year\":%d,\"source\":\"%s\",\"source_label\":\"%s\",\"measure\":", year,
                   city ? "city" : "run", city ? "市级分型结果" : "区级分型");
        jsonwString(&b, q.measure);
        jsonwKey(&b, "unit", 0);
        jsonwString(&b, w.unit);
        sbufPrintf(&b, ",\"total\":%lld,\"offset\":%lld,\"rows\":[", (long long)total, (long long)q.offset);
        workCtx x = {&b, 0};
        if (!rc) rc = storeEachWork(s, &q, workRowJson, &x);
        sbufPuts(&b, "]}");
        (void)storeReadEnd(s);
    }
    if (rc) {
        sbufFree(&b);
        httpFail(c, 500, "读取失败 (read failed)");
        return;
    }
    httpReply(c, 200, &b);
}

/* POST /api/measures/work {"uscc","measure","status","on"?,"note"?} */
void apiMeasureWorkSet(httpCtx *c) {
    appWorker w;
    if (!workerOf(c, &w)) return;
    arena a;
    arenaInit(&a, 4096, 1 << 16);
    jsonReader j;
    jsonInit(&j, c->body, c->body_len, &a);
    const char *f[5] = {NULL}, *names[5] = {"uscc", "measure", "status", "on", "note"}, *key;
    size_t kn, n;
    bool first = true;
    int k = jsonObjectBegin(&j) ? -1 : 1;
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1) {
        int i = 0;
        while (i < 5 && !jsonKeyIs(key, kn, names[i])) i++;
        if (i == 5 || jsonPeek(&j) != JSON_T_STRING || jsonString(&j, &f[i], &n) || strlen(f[i]) != n) k = -1;
    }
    storeWorkStatus st;
    civilDate on = roundToday(c);
    const bool ok = k == 0 && !jsonEnd(&j) && f[0] && !usccValidate(f[0], strlen(f[0])) && f[1] && f[2] &&
                    !appWorkStatusParse(&st, f[2]) && (!f[3] || !dateParse(&on, f[3], strlen(f[3]))) &&
                    on <= roundToday(c) && /* work is recorded once done, never ahead (decision 141) */
                    (!f[4] || strlen(f[4]) <= 1000);
    if (!ok) {
        arenaFree(&a);
        httpFail(c, 400, "需要 uscc、measure、status（pending、contacted、served、not_needed），可选 on（不晚于今天）、note "
                         "(uscc, measure and status required; on not after today)");
        return;
    }
    const appActor who = {.name = c->who.username, .role = c->who.role_name, .client = c->client};
    const int rc = appWorkMark(httpStore(c), &who, &w, f[0], f[1], st, on, f[4], httpNow());
    arenaFree(&a);
    if (rc) {
        httpFail(c, rc == GH_EREFUSED ? 403 : rc == GH_ENOTFOUND ? 404 : rc == GH_EINVAL ? 400 : rc == GH_EBUSY ? 503 : 500,
                 rc == GH_EREFUSED   ? "不是本单位负责的措施，或该户不享受此措施，或不属本镇街 (not this account's work)"
                 : rc == GH_ENOTFOUND ? "未找到该个体工商户 (not found)"
                 : rc == GH_EINVAL    ? "未知措施 (unknown measure)"
                 : rc == GH_EBUSY     ? "请稍后重试 (busy)"
                                      : "保存失败 (save failed)");
        return;
    }
    char body[96];
    snprintf(body, sizeof body, "{\"status\":\"%s\",\"status_label\":\"%s\"}", appWorkStatusCode(st),
             appWorkStatusLabel(st));
    httpReplyJson(c, 200, body);
}
