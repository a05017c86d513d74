#include "http/routes.h"
#include "http/download.h"
#include "app/audit.h"
#include "app/run.h"
#include "app/stats.h"
#include "core/error.h"
#include "io/jsonw.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* GET /api/runs/{id}/compare: how a run's types differ from the published run of its
 * year: the type -> type counts and (issue 11 §4) the businesses that moved, paged
 * and filtered by transition on the server, or all of them as a workbook. */

#define COMPARE_PAGE 50
#define COMPARE_PAGE_MAX 500

typedef struct compareCounts {
    sbuf *out;
    int n;
    int from, to;  /* the filter (STORE_TYPE_ANY: any) */
    int64_t total; /* movers the filter selects */
} compareCounts;

static int compareTransition(void *ctx, int from, int to, int64_t count) {
    compareCounts *c = ctx;
    sbufPrintf(c->out, "%s{\"from\":\"%s\",\"to\":\"%s\",\"count\":%lld}", c->n++ ? "," : "", statsCode(from + 1),
               statsCode(to + 1), (long long)count);
    if (from != to && (c->from == STORE_TYPE_ANY || c->from == from) && (c->to == STORE_TYPE_ANY || c->to == to))
        c->total += count;
    return 0;
}

/* A transition end named by its code ("none", "survival", …), or STORE_TYPE_ANY when
 * absent or empty. false when the code is unknown. */
static bool compareType(const char *code, int *type) {
    *type = STORE_TYPE_ANY;
    if (!code || !*code) return true;
    for (int i = 0; i < 5; i++)
        if (!strcmp(code, statsCode(i))) {
            *type = i - 1;
            return true;
        }
    return false;
}

static int compareMover(void *ctx, const storeMover *m) {
    compareCounts *c = ctx;
    sbufPuts(c->out, c->n++ ? ",{\"uscc\":" : "{\"uscc\":");
    jsonwString(c->out, m->uscc);
    jsonwKey(c->out, "name", 0);
    jsonwString(c->out, m->name ? m->name : "");
    jsonwKey(c->out, "town", 0);
    jsonwString(c->out, m->town ? m->town : "");
    sbufPrintf(c->out, ",\"from\":\"%s\",\"to\":\"%s\"", statsCode(m->from_type + 1), statsCode(m->to_type + 1));
    jsonwKey(c->out, "from_label", 0);
    jsonwString(c->out, appMoverTypeLabel(m->from_type));
    jsonwKey(c->out, "to_label", 0);
    jsonwString(c->out, appMoverTypeLabel(m->to_type));
    jsonwKey(c->out, "reasons", 0); /* the run's stored reasons: code, article, text */
    if (m->reasons) sbufAppend(c->out, m->reasons, m->reasons_len);
    else sbufPuts(c->out, "[]");
    sbufPutc(c->out, '}');
    return 0;
}

/* Sends the movers q selects as a workbook: written to an unlinked temporary file
 * (memory stays flat, as the exports do), audited, then sent. */
static void compareXlsx(httpCtx *c, const storeMoverQuery *q, int year) {
    char path[HTTP_TEMP_PATH], name[64], object[128];
    const int tmp = httpTempFile(path, "compare");
    int64_t rows = 0;
    const int rc = tmp < 0 ? GH_EIO : appMoversXlsx(httpStore(c), q, path, &rows);
    if (tmp >= 0) close(tmp);
    snprintf(object, sizeof object, "compare run #%lld with #%lld year %d format xlsx rows %lld", (long long)q->to_run,
             (long long)q->from_run, year, (long long)rows);
    snprintf(name, sizeof name, "getihu-%d-run%lld-compare.xlsx", year, (long long)q->to_run);
    httpSendDownload(c, httpTempTake(path, tmp >= 0 && !rc), /* libxlsxwriter wrote it by name */
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, "export", object);
}

void apiRunCompare(httpCtx *c) {
    const int64_t run_id = httpParamId(c->params[0]);
    if (!run_id) {
        httpFail(c, 404, "未找到 (not found)");
        return;
    }
    storeMoverQuery q = {.to_run = run_id, .limit = COMPARE_PAGE};
    const char *format = httpQuery(c, "format");
    int64_t offset, limit;
    const bool paged = httpQueryNumber(c, "offset", 0, INT64_MAX, 0, &offset) &&
                       httpQueryNumber(c, "limit", 1, COMPARE_PAGE_MAX, COMPARE_PAGE, &limit); /* decision 210 */
    q.offset = offset, q.limit = (int)limit;
    const bool xlsx = format && !strcmp(format, "xlsx");
    if (!compareType(httpQuery(c, "from"), &q.from_type) || !compareType(httpQuery(c, "to"), &q.to_type) || !paged ||
        (format && !xlsx)) {
        httpFail(c, 400, "from/to 应为 none、survival、growth、development 或 ineligible，limit 为 1 到 500，"
                         "format 只能是 xlsx (bad filter)");
        return;
    }
    store *s = httpStore(c);
    storeRun r;
    arena a;
    arenaInit(&a, 1024, 0);
    const int got = storeRunGet(s, run_id, &a, &r);
    arenaFree(&a); /* only the year is used */
    if (got) {
        httpFail(c, 404, "没有该次分型 (no such run)");
        return;
    }
    const int year = r.year;
    if (storePublishedRun(s, year, &q.from_run)) {
        httpFail(c, 404, "该年度尚无公布的分型可比较 (no published run)");
        return;
    }
    if (xlsx) {
        q.offset = 0, q.limit = 0; /* the workbook holds the whole filtered list */
        compareXlsx(c, &q, year);
        return;
    }
    sbuf out;
    sbufInit(&out);
    compareCounts k = {&out, 0, q.from_type, q.to_type, 0};
    sbufPrintf(&out, "{\"run\":%lld,\"published\":%lld,\"year\":%d,\"counts\":[", (long long)run_id,
               (long long)q.from_run, year);
    int rc = storeTransitions(s, q.from_run, run_id, compareTransition, &k);
    sbufPrintf(&out, "],\"movers\":{\"total\":%lld,\"offset\":%lld,\"limit\":%d,\"from\":", (long long)k.total,
               (long long)q.offset, q.limit);
    if (q.from_type == STORE_TYPE_ANY) sbufPuts(&out, "null");
    else sbufPrintf(&out, "\"%s\"", statsCode(q.from_type + 1));
    sbufPuts(&out, ",\"to\":");
    if (q.to_type == STORE_TYPE_ANY) sbufPuts(&out, "null");
    else sbufPrintf(&out, "\"%s\"", statsCode(q.to_type + 1));
    sbufPuts(&out, ",\"items\":[");
    k.n = 0;
    if (!rc) rc = storeEachMover(s, &q, compareMover, &k);
    sbufPuts(&out, "]}}");
    if (rc) {
        sbufFree(&out);
        httpFail(c, 500, "比较失败 (compare failed)");
    } else {
        httpReply(c, 200, &out);
    }
}
