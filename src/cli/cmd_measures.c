/* getihu measures: the measures catalogue (DATA.md §6). */
#include <stdlib.h>
#include <string.h>
#include "app/measures.h"
#include "app/measures_coverage.h"
#include "app/measures_work.h"
#include "core/error.h"
#include "store/store.h"
#include <time.h>
#include "cli/cli.h"
#include "core/sbuf.h"
#include "io/measures.h"

static const char measuresUsage[] =
    "用法 Usage:\n"
    "  getihu measures list [--format table|json]  帮扶、培育措施目录 (the measures catalogue, DATA.md §6)\n"
    "  getihu measures check FILE                  检查措施目录文件 (check a catalogue file; exit 0 or 2)\n"
    "  getihu measures coverage [--year Y] [--xlsx FILE] [--today YYYY-MM-DD] [--db FILE]\n"
    "        覆盖情况：各措施、各负责部门的已服务/应享受户数 (coverage: served / entitled, JSON or XLSX)\n";

/* One line per measure: id, for, title, departments. */
static void measuresTable(const measureCatalogue *c) {
    printf("%-9s %-14s %-20s %s\n", "条文", "对象 (for)", "标题", "负责部门");
    for (size_t i = 0; i < c->n; i++) {
        const measure *m = &c->items[i];
        printf("%-9s %-14s %s  ", m->id, measureForName(m->target), m->title);
        for (size_t d = 0; d < m->n_departments; d++) printf("%s%s", d ? "、" : "", m->departments[d]);
        putchar('\n');
    }
}

static int measuresList(int argc, char **argv) {
    const char *format = "table", *err;
    const cliOption opts[] = {{"--format", &format}, {NULL, NULL}};
    const int rc = cliParse("measures list", measuresUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    if (strcmp(format, "table") && strcmp(format, "json")) {
        cliError("measures list", "--format: \"%s\" 应为 table 或 json (table or json)", format);
        return EXIT_USAGE;
    }
    const measureCatalogue *c = measuresShipped(&err);
    if (!c) {
        cliError("measures list", "内置措施目录无效 (shipped catalogue invalid): %s", err);
        return EXIT_FAILURE_IO;
    }
    if (!strcmp(format, "table")) {
        measuresTable(c);
        return EXIT_OK;
    }
    sbuf b;
    sbufInit(&b);
    for (size_t i = 0; i < c->n; i++) {
        measureWriteJson(&b, &c->items[i]);
        sbufPutc(&b, '\n');
    }
    const int ok = fwrite(b.data, 1, b.len, stdout) == b.len;
    sbufFree(&b);
    return ok ? EXIT_OK : EXIT_FAILURE_IO;
}

static int measuresCheck(const char *path) {
    size_t n;
    char err[512];
    char *text = cliReadFile("measures check", path, &n, 1 << 20);
    if (!text) return EXIT_USAGE;
    measureCatalogue c;
    arena a;
    arenaInit(&a, 64 * 1024, 0);
    const int rc = measuresParse(&c, &a, path, text, n, err, sizeof err);
    free(text);
    arenaFree(&a);
    if (rc) {
        fprintf(stderr, "getihu measures check: %s\n", rc == -2 ? "内存不足 (out of memory)" : err);
        return EXIT_USAGE;
    }
    printf("%s: 有效 (valid) — %zu 项措施\n", path, c.n);
    return EXIT_OK;
}

/* measures coverage: over the published run of --year (default: the latest). */
static int measuresCoverage(int argc, char **argv) {
    const char *year_s = NULL, *xlsx = NULL, *db = NULL, *today_s = NULL;
    const cliOption opts[] = {{"--year", &year_s}, {"--xlsx", &xlsx}, {"--db", &db}, {"--today", &today_s},
                              {NULL, NULL}};
    int rc = cliParse("measures coverage", measuresUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long y = 0;
    if (year_s && cliParseInt("measures coverage", "--year", year_s, 2000, 2200, &y)) return EXIT_USAGE;
    civilDate today;
    if (today_s ? dateParse(&today, today_s, strlen(today_s)) != 0 : 0) {
        cliError("measures coverage", "--today: \"%s\" 应为 YYYY-MM-DD", today_s);
        return EXIT_USAGE;
    }
    if (!today_s) {
        const time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        today = dateFromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    store *s;
    if ((rc = cliOpenStore("measures coverage", db, STORE_OPEN_READONLY, &s))) return rc;
    int year = (int)y;
    int64_t run = 0;
    rc = y ? storePublishedRun(s, year, &run) : appLatestPublished(s, &year, &run, NULL);
    appCoverage cov;
    if (!rc) rc = appCoverageCompute(&cov, s, run, today);
    if (rc) {
        cliError("measures coverage", "%s", rc == GH_ENOTFOUND ? "没有已公布的分型 (no published run)" : storeError(s));
        storeClose(s);
        return rc == GH_ENOTFOUND ? EXIT_USAGE : EXIT_FAILURE_IO;
    }
    if (xlsx) {
        rc = appCoverageXlsx(&cov, year, xlsx);
        if (rc) cliError("measures coverage", "%s: 写入失败 (write failed)", xlsx);
    } else {
        sbuf b;
        sbufInit(&b);
        appCoverageJson(&b, &cov, year, run);
        sbufPutc(&b, '\n');
        rc = b.failed || fwrite(b.data, 1, b.len, stdout) != b.len ? GH_EIO : 0;
        sbufFree(&b);
    }
    appCoverageFree(&cov);
    storeClose(s);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}

int cmdMeasures(int argc, char **argv) {
    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        fputs(measuresUsage, argc < 1 ? stderr : stdout);
        return argc < 1 ? EXIT_USAGE : EXIT_OK;
    }
    if (!strcmp(argv[0], "list")) return measuresList(argc - 1, argv + 1);
    if (!strcmp(argv[0], "check") && argc == 2) return measuresCheck(argv[1]);
    if (!strcmp(argv[0], "coverage")) return measuresCoverage(argc - 1, argv + 1);
    fputs(measuresUsage, stderr);
    return EXIT_USAGE;
}
