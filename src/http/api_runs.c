#include "http/routes.h"
#include "app/run.h"
#include "core/error.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "io/params_json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs and publication (issue 11 §4): the years the data knows and a run's name and
 * note. The compare list is in api_runs_compare.c; the statistics' "as of" dates in
 * app/stats.c. */

#define YEARS_LOW 2000 /* the years a request may name (as apiStats and jobStart) */
#define YEARS_HIGH 2200

void runsLabelJson(sbuf *out, const storeRun *r) {
    jsonwKey(out, "name", 0);
    if (r->name) jsonwString(out, r->name);
    else sbufPuts(out, "null");
    jsonwKey(out, "note", 0);
    if (r->note) jsonwString(out, r->note);
    else sbufPuts(out, "null");
}

int64_t runsPublishedBefore(store *s, int64_t run_id) {
    storeRun r;
    arena a;
    arenaInit(&a, 1024, 0);
    int64_t before = 0;
    if (!storeRunGet(s, run_id, &a, &r) && storePublishedRun(s, r.year, &before)) before = 0;
    arenaFree(&a);
    return before;
}

/* ---- GET /api/years ---- */

typedef struct yearsSeen {
    int year[YEARS_HIGH - YEARS_LOW + 1]; /* index: year - YEARS_LOW; 0 none, else 1 + storeYear slot */
    storeYear rows[64];
    char at[64][32];
    int n;
} yearsSeen;

static int yearsOne(void *ctx, const storeYear *y) {
    yearsSeen *v = ctx;
    if (y->year < YEARS_LOW || y->year > YEARS_HIGH || v->n == 64) return 0;
    v->rows[v->n] = *y;
    snprintf(v->at[v->n], sizeof v->at[0], "%s", y->published_at ? y->published_at : "");
    v->year[y->year - YEARS_LOW] = ++v->n;
    return 0;
}

/* GET /api/years: every year with a run or with shipped parameters (so next year
 * appears as soon as its parameters ship), newest first, each with its runs and
 * published run; the latest published year (the dashboard's default) and the newest
 * year with parameters (a new run's default). Decision 182. */
void apiYears(httpCtx *c) {
    yearsSeen *v = calloc(1, sizeof *v);
    if (!v || storeEachYear(httpStore(c), yearsOne, v)) {
        free(v);
        httpFail(c, 500, "读取失败 (read failed)");
        return;
    }
    sbuf out;
    sbufInit(&out);
    sbufPuts(&out, "{\"years\":[");
    int n = 0, latest_published = 0, newest_params = 0;
    for (int y = YEARS_HIGH; y >= YEARS_LOW; y--) {
        const char *text, *path;
        size_t len;
        const bool params = paramsBuiltin(y, &text, &len, &path) == 0;
        const int slot = v->year[y - YEARS_LOW];
        if (!params && !slot) continue;
        const storeYear *r = slot ? &v->rows[slot - 1] : NULL;
        sbufPrintf(&out, "%s{\"year\":%d,\"params\":%s,\"runs\":%lld,\"published_run\":", n++ ? "," : "", y,
                   params ? "true" : "false", (long long)(r ? r->runs : 0));
        if (r && r->published_run) sbufPrintf(&out, "%lld", (long long)r->published_run);
        else sbufPuts(&out, "null");
        jsonwKey(&out, "published_at", 0);
        if (r && r->published_run) jsonwString(&out, v->at[slot - 1]);
        else sbufPuts(&out, "null");
        sbufPutc(&out, '}');
        if (params && !newest_params) newest_params = y;
        if (r && r->published_run && !latest_published) latest_published = y;
    }
    sbufPuts(&out, "],\"latest_published\":");
    if (latest_published) sbufPrintf(&out, "%d", latest_published);
    else sbufPuts(&out, "null");
    sbufPuts(&out, ",\"newest_params\":");
    if (newest_params) sbufPrintf(&out, "%d", newest_params);
    else sbufPuts(&out, "null");
    sbufPutc(&out, '}');
    free(v);
    httpReply(c, 200, &out);
}

/* ---- PUT /api/runs/{id}: the run's name and note ---- */

typedef struct runsLabel { const char *name, *note; } runsLabel;

static bool runsLabelField(jsonReader *j, void *ctx, const char *key, size_t kn) {
    runsLabel *l = ctx;
    const char **slot = jsonKeyIs(key, kn, "name") ? &l->name : jsonKeyIs(key, kn, "note") ? &l->note : NULL;
    size_t n;
    if (!slot) return false;
    if (jsonPeek(j) == JSON_T_NULL) return jsonSkip(j) == 0;
    return jsonPeek(j) == JSON_T_STRING && !jsonString(j, slot, &n) && strlen(*slot) == n;
}

/* PUT /api/runs/{id} {"name","note"}: replaces the run's label (an absent or null
 * member clears it). 409 once the run is or was published (decision 180). */
void apiRunNote(httpCtx *c) {
    const int64_t run_id = httpParamId(c->params[0]);
    if (!run_id) {
        httpFail(c, 404, "未找到 (not found)");
        return;
    }
    arena a;
    arenaInit(&a, 2048, 1 << 16);
    runsLabel l = {NULL, NULL};
    if (!httpBodyObject(c, &a, runsLabelField, &l)) {
        arenaFree(&a);
        return;
    }
    const appActor who = {.name = c->who.username, .role = c->who.role_name, .client = c->client};
    store *s = httpStore(c);
    const int rc = appRunNote(s, &who, run_id, l.name, l.note);
    if (rc == GH_EINVAL) httpFail(c, 400, "名称最多 40 字、备注最多 200 字，且不能含换行等控制字符 (label too long)");
    else if (rc == GH_ENOTFOUND) httpFail(c, 404, "没有该次分型 (no such run)");
    else if (rc == GH_EREFUSED) httpFail(c, 409, storeError(s));
    else if (rc) httpFail(c, rc == GH_EBUSY ? 503 : 500, "保存失败 (save failed)");
    else {
        sbuf out;
        sbufInit(&out);
        const storeRun r = {.name = l.name && *l.name ? l.name : NULL, .note = l.note && *l.note ? l.note : NULL};
        sbufPrintf(&out, "{\"run\":%lld", (long long)run_id);
        runsLabelJson(&out, &r);
        sbufPutc(&out, '}');
        httpReply(c, 200, &out);
    }
    arenaFree(&a);
}
