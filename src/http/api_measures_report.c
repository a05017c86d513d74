/* The measures' district reports (issue 10): who gained or lost which measure
 * (derived from the recorded changes through the catalogue, decision 89) and the
 * coverage per measure and responsible department (decision 92). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/measures.h"
#include "app/measures_coverage.h"
#include "app/measures_work.h"
#include "core/error.h"
#include "http/api_round.h"
#include "http/routes.h"
#include "io/jsonw.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static void measureIds(sbuf *b, uint32_t mask) {
    const measureCatalogue *c = measuresShipped(NULL);
    sbufPutc(b, '[');
    for (size_t i = 0, n = 0; c && i < c->n; i++)
        if (mask & (1u << i)) {
            if (n++) sbufPutc(b, ',');
            jsonwString(b, c->items[i].id);
        }
    sbufPutc(b, ']');
}

typedef struct changesCtx { sbuf *b; int n; int64_t last; const measureCatalogue *cat; } changesCtx;

static int changeRow(void *ctx, const storeMeasureChange *ch) {
    changesCtx *x = ctx;
    uint32_t before = 0, after = 0;
    if (ch->before_type >= 0 && measuresEntitled(&before, x->cat, (bizType)ch->before_type, ch->before_held)) return GH_EINVAL;
    if (ch->after_type >= 0 && measuresEntitled(&after, x->cat, (bizType)ch->after_type, ch->after_held)) return GH_EINVAL;
    sbufPuts(x->b, x->n++ ? ",{\"id\":" : "{\"id\":");
    sbufPutInt(x->b, ch->id);
    jsonwKey(x->b, "uscc", 0);
    jsonwString(x->b, ch->uscc);
    jsonwKey(x->b, "before", 0);
    if (ch->before_type >= 0) jsonwString(x->b, typingTypeCode((bizType)ch->before_type));
    else sbufPuts(x->b, "null");
    jsonwKey(x->b, "after", 0);
    if (ch->after_type >= 0) jsonwString(x->b, typingTypeCode((bizType)ch->after_type));
    else sbufPuts(x->b, "null");
    sbufPrintf(x->b, ",\"before_categories\":%u,\"after_categories\":%u,\"gained\":", ch->before_held, ch->after_held);
    measureIds(x->b, after & ~before);
    sbufPuts(x->b, ",\"lost\":");
    measureIds(x->b, before & ~after);
    sbufPutc(x->b, '}');
    x->last = ch->id;
    return 0;
}

/* GET /api/measures/changes?publication=RUN[&kind=publication|category|correction][&ref=…][&after=ID][&limit=N] */
void apiMeasureChanges(httpCtx *c) {
    const char *pub = httpQuery(c, "publication"), *kind_s = httpQuery(c, "kind"), *ref = httpQuery(c, "ref");
    const char *after_s = httpQuery(c, "after"), *limit_s = httpQuery(c, "limit");
    int kind = MCHANGE_PUBLICATION;
    if (kind_s && !strcmp(kind_s, "category")) kind = MCHANGE_CATEGORY;
    else if (kind_s && !strcmp(kind_s, "correction")) kind = MCHANGE_CORRECTION;
    else if (kind_s && strcmp(kind_s, "publication")) kind = -1;
    const char *key = kind == MCHANGE_PUBLICATION ? pub : ref;
    const long long after = after_s ? atoll(after_s) : 0, limit = limit_s ? atoll(limit_s) : 100;
    if (kind < 0 || !key || !*key || after < 0 || limit < 1 || limit > 1000) {
        httpFail(c, 400, "需要 publication（分型批次号）或 kind 与 ref；limit 1–1000 (publication required)");
        return;
    }
    sbuf b;
    sbufInit(&b);
    sbufPuts(&b, "{\"changes\":[");
    changesCtx x = {&b, 0, 0, measuresShipped(NULL)};
    const int rc = storeEachMeasureChange(httpStore(c), (storeMeasureChangeKind)kind, key, after, (int)limit, changeRow, &x);
    sbufPrintf(&b, "],\"next\":%lld}", x.n == limit ? (long long)x.last : 0LL);
    if (rc) {
        sbufFree(&b);
        httpFail(c, 500, "读取失败 (read failed)");
        return;
    }
    httpReply(c, 200, &b);
}

/* GET /api/measures/coverage[?year=Y][&format=xlsx] */
void apiMeasureCoverage(httpCtx *c) {
    const char *y = httpQuery(c, "year"), *format = httpQuery(c, "format");
    store *s = httpStore(c);
    int year = y ? atoi(y) : 0;
    int64_t run = 0;
    appCoverage cov;
    int rc = storeReadBegin(s);
    if (!rc) {
        rc = year ? storePublishedRun(s, year, &run) : appLatestPublished(s, &year, &run, NULL);
        if (!rc) rc = appCoverageCompute(&cov, s, run, roundToday(c));
        (void)storeReadEnd(s);
    }
    if (rc) {
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500,
                 rc == GH_ENOTFOUND ? "该年度尚无已公布的分型 (no published run)" : "读取失败 (read failed)");
        return;
    }
    if (format && !strcmp(format, "xlsx")) {
        const char *dir = getenv("TMPDIR");
        char path[512], d[128];
        snprintf(path, sizeof path, "%s/getihu-coverage-XXXXXX", dir && *dir ? dir : "/tmp");
        const int fd = mkstemp(path);
        if (fd >= 0) close(fd);
        rc = fd < 0 ? GH_EIO : appCoverageXlsx(&cov, year, path);
        appCoverageFree(&cov);
        const int in = rc ? -1 : open(path, O_RDONLY);
        if (fd >= 0) unlink(path);
        const off_t size = in >= 0 ? lseek(in, 0, SEEK_END) : -1;
        if (size < 0 || lseek(in, 0, SEEK_SET) != 0) {
            if (in >= 0) close(in);
            httpFail(c, 500, "导出失败 (export failed)");
            return;
        }
        snprintf(d, sizeof d, "attachment; filename=\"getihu-%d-coverage.xlsx\"", year);
        httpHeader(c, "Content-Disposition", d);
        httpReplyFile(c, in, (uint64_t)size, XLSX_TYPE);
        return;
    }
    sbuf b;
    sbufInit(&b);
    appCoverageJson(&b, &cov, year, run);
    appCoverageFree(&cov);
    httpReply(c, 200, &b);
}
