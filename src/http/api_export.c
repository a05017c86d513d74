#include "http/routes.h"
#include "app/audit.h"
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
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/getihu-export-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    FILE *out = fd >= 0 && f != EXPORT_XLSX ? fdopen(dup(fd), "wb") : NULL;
    int64_t rows = 0;
    int rc = fd < 0 || (f != EXPORT_XLSX && !out) ? GH_EIO : exportRun(s, run, f, out, path, &rows);
    if (out && fclose(out) && !rc) rc = GH_EIO;
    if (fd < 0) return -1;
    close(fd);
    fd = rc ? -1 : open(path, O_RDONLY); /* xlsx was written by name */
    unlink(path);
    return fd;
}

/* Audits a download of run (given by run= or the year's published one) once its file
 * is ready and before it is sent (issue 8, finding 6). 0, or the failure. */
static int exportAudit(httpCtx *c, int64_t run, int year, bool asked, const char *format) {
    char object[96];
    snprintf(object, sizeof object, "run #%lld year %d format %s%s", (long long)run, year, format,
             asked ? " (run=)" : "");
    const storeAudit e = {.actor = c->who.username, .role = c->who.role_name, .client = c->client,
                          .action = "export", .object = object};
    store *s = httpStore(c);
    storeIdle(s);
    return auditRecord(s, &e, httpNow());
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
    const int fd = exportToFile(s, run, f);
    const off_t size = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
    if (size < 0) {
        if (fd >= 0) close(fd);
        httpFail(c, 500, "导出失败 (export failed)");
        return;
    }
    if (exportAudit(c, run, year, run_s != NULL, format_s)) {
        close(fd);
        httpFail(c, 503, "无法记录导出，请稍后重试 (cannot audit the export)");
        return;
    }
    static const char *const types[] = {"application/x-ndjson; charset=utf-8", "text/csv; charset=utf-8",
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    static const char *const ext[] = {"jsonl", "csv", "xlsx"};
    char disposition[128];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"getihu-%d-run%lld.%s\"", year, (long long)run, ext[f]);
    httpHeader(c, "Content-Disposition", disposition);
    httpReplyFile(c, fd, (uint64_t)size, types[f]);
}
