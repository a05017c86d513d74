#include "http/routes.h"
#include "http/download.h"
#include "app/export.h"
#include "core/error.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* GET /api/exports?year=&format=csv|xlsx|jsonl[&run=]: a download of the year's
 * published run (or the given finished run of that year). Written to an unlinked
 * temporary file and sent from it: memory stays flat whatever the size. */

/* Writes run's export into a temporary file already unlinked. The open file, or -1. */
static int exportToFile(store *s, int64_t run, exportFormat f) {
    char path[HTTP_TEMP_PATH];
    const int fd = httpTempFile(path, "export");
    FILE *out = fd >= 0 && f != EXPORT_XLSX ? fdopen(dup(fd), "wb") : NULL;
    int64_t rows = 0;
    int rc = fd < 0 || (f != EXPORT_XLSX && !out) ? GH_EIO : exportRun(s, run, f, out, path, false, &rows);
    if (out && fclose(out) && !rc) rc = GH_EIO;
    if (fd >= 0) close(fd);
    return httpTempTake(path, fd >= 0 && !rc); /* xlsx was written by name */
}

/* GET /api/exports: the file is written first, audited, then sent. */
void apiExport(httpCtx *c) {
    const char *year_s = httpQuery(c, "year"), *format_s = httpQuery(c, "format"), *run_s = httpQuery(c, "run");
    const int year = year_s ? atoi(year_s) : 0;
    exportFormat f;
    if (year < 2000 || year > 2200 || exportFormatParse(&f, format_s)) {
        httpFail(c, 400, "需要 year 和 format=csv|xlsx|jsonl (year and format required)");
        return;
    }
    store *s = httpStore(c);
    int64_t run = run_s ? atoll(run_s) : 0;
    storeRun r;
    arena ra;
    arenaInit(&ra, 1024, 0);
    int rc = run ? storeRunGet(s, run, &ra, &r) : storePublishedRun(s, year, &run);
    if (!rc && run_s && (r.year != year || strcmp(r.status, "done"))) rc = GH_ENOTFOUND;
    arenaFree(&ra);
    if (rc) {
        httpFail(c, 404, "该年度没有可导出的分型 (no such run)");
        return;
    }
    static const char *const types[] = {"application/x-ndjson; charset=utf-8", "text/csv; charset=utf-8",
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    static const char *const ext[] = {"jsonl", "csv", "xlsx"};
    char name[64], object[96];
    snprintf(name, sizeof name, "getihu-%d-run%lld.%s", year, (long long)run, ext[f]);
    snprintf(object, sizeof object, "run #%lld year %d format %s%s", (long long)run, year, format_s,
             run_s ? " (run=)" : ""); /* audited once the file is ready, before it is sent (issue 8, finding 6) */
    httpSendDownload(c, exportToFile(s, run, f), types[f], name, "export", object);
}
