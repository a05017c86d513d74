#include "cli/cli.h"
#include "app/export.h"
#include "io/atomicfile.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "io/result_json.h"
#include "store/store.h"
#include <errno.h>
#include <string.h>

static const char exportUsage[] =
    "用法 Usage: getihu export [--db FILE] --year YEAR [--run ID] --format jsonl|csv|xlsx [--output FILE]\n"
    "\n"
    "导出分型结果：默认导出该年度已公布的一次分型。jsonl 即 DATA.md §3 格式；csv 带 UTF-8 BOM，Excel 可直接打开；\n"
    "xlsx 为 Excel 工作簿（须指定 --output）。导出不含经营者姓名、身份证号等个人信息。\n"
    "Exports a run's results (the year's published run by default); no personal data.\n";

static int exportPickRun(store *s, long long year, const char *run_s, int64_t *run) {
    if (run_s) {
        long long id;
        if (cliParseInt("export", "--run", run_s, 1, INT64_MAX, &id)) return EXIT_USAGE;
        storeRun r;
        arena a;
        arenaInit(&a, 1024, 0);
        const bool bad = storeRunGet(s, id, &a, &r) || r.year != year || strcmp(r.status, "done") != 0;
        arenaFree(&a);
        if (bad) {
            cliError("export", "第 %lld 次分型不存在、不是 %lld 年度或未完成 (no finished run %lld for that year)", id, year, id);
            return EXIT_USAGE;
        }
        *run = id;
        return 0;
    }
    if (storePublishedRun(s, (int)year, run)) {
        cliError("export", "%s；可用 --run ID 指定某次分型 (pass --run ID)", storeError(s));
        return EXIT_USAGE;
    }
    return 0;
}

int cmdExport(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *run_s = NULL, *format_s = NULL, *output = "-";
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--run", &run_s}, {"--format", &format_s},
                              {"--output", &output}, {NULL, NULL}};
    int rc = cliParse("export", exportUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year;
    if (!year_s || !format_s) {
        cliError("export", "需要 --year 和 --format (required)");
        return EXIT_USAGE;
    }
    if (cliParseInt("export", "--year", year_s, 2000, 2200, &year)) return EXIT_USAGE;
    exportFormat fmt;
    const bool xlsx = format_s && !strcmp(format_s, "xlsx");
    if (exportFormatParse(&fmt, format_s)) {
        cliError("export", "--format 应为 jsonl、csv 或 xlsx (unknown format \"%s\")", format_s);
        return EXIT_USAGE;
    }
    if (xlsx && !strcmp(output, "-")) {
        cliError("export", "xlsx 须用 --output FILE 指定文件 (xlsx needs --output FILE)");
        return EXIT_USAGE;
    }
    store *s;
    if ((rc = cliOpenStore("export", db, STORE_OPEN_READONLY, &s))) return rc;
    int64_t run;
    if ((rc = exportPickRun(s, year, run_s, &run))) {
        storeClose(s);
        return rc;
    }
    int64_t rows = 0;
    const bool to_file = strcmp(output, "-") != 0;
    atomicFile af = {0};
    if (to_file && atomicFileOpen(&af, output)) {
        cliError("export", "%s: 无法创建 (cannot create): %s", output, strerror(af.err));
        storeClose(s);
        return EXIT_FAILURE_IO;
    }
    /* XLSX: libxlsxwriter opens the temporary path itself */
    if (xlsx && atomicFileClose(&af)) rc = GH_EIO;
    else rc = exportRun(s, run, fmt, to_file ? af.fp : stdout, af.tmp, to_file, &rows);
    if (to_file && (rc ? (atomicFileAbort(&af), 0) : atomicFileCommit(&af))) rc = GH_EIO;
    if (rc == GH_EIO)
        cliError("export", "%s: 写出失败，原文件未改动 (write failed, the earlier file is untouched): %s", output,
                 strerror(af.err ? af.err : errno ? errno : EIO));
    else if (rc) cliError("export", "导出失败 (export failed): %s", storeError(s));
    else fprintf(stderr, "已导出 (exported) 第 %lld 次分型 %lld 条\n", (long long)run, (long long)rows);
    storeClose(s);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
