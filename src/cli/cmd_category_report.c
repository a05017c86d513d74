/* getihu category report (issue 9 §7): the city report of a year's recognised list
 * as CSV or XLSX, written atomically like `getihu export` (the earlier file stays
 * whole when anything fails), read-only on the database. */
#include "app/round.h"
#include "cli/cli.h"
#include "core/error.h"
#include "io/atomicfile.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char reportUsage[] =
    "用法 Usage: getihu category report --year YEAR --format csv|xlsx --output FILE [--db FILE]\n"
    "\n"
    "报市局的名特优新认定名单：该年度认定的每户一行，列为 统一社会信用代码、名称、街道乡镇、行业、类别、认定途径、\n"
    "推荐部门、认定日期、有效期至、认定时分型、状态；不含经营者姓名、身份证号、电话 (docs/decisions.md 79)。\n"
    "The city report of YEAR's recognitions; csv may go to standard output (--output -).\n"
    "退出码 Exit: 0 成功, 2 参数不可用, 1 读取或写出失败。\n";

int cmdCategoryReport(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *format_s = NULL, *output = NULL;
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--format", &format_s}, {"--output", &output},
                              {NULL, NULL}};
    int rc = cliParse("category report", reportUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year;
    if (!year_s || !format_s || !output) {
        cliError("category report", "需要 --year、--format 和 --output (required)");
        return EXIT_USAGE;
    }
    if (cliParseInt("category report", "--year", year_s, 2000, 2200, &year)) return EXIT_USAGE;
    const bool xlsx = !strcmp(format_s, "xlsx");
    if (!xlsx && strcmp(format_s, "csv")) {
        cliError("category report", "--format 应为 csv 或 xlsx (unknown format \"%s\")", format_s);
        return EXIT_USAGE;
    }
    const bool to_file = strcmp(output, "-") != 0;
    if (xlsx && !to_file) {
        cliError("category report", "xlsx 须用 --output FILE 指定文件 (xlsx needs --output FILE)");
        return EXIT_USAGE;
    }
    store *s;
    if ((rc = cliOpenStore("category report", db, STORE_OPEN_READONLY, &s))) return rc;
    atomicFile af = {0};
    if (to_file && atomicFileOpen(&af, output)) {
        cliError("category report", "%s: 无法创建 (cannot create): %s", output, strerror(af.err));
        storeClose(s);
        return EXIT_FAILURE_IO;
    }
    int rows = 0;
    if (xlsx && atomicFileClose(&af)) rc = GH_EIO; /* libxlsxwriter opens the temporary path itself */
    else if (!(rc = storeReadBegin(s))) {
        rc = appRoundCityReport(s, (int)year, xlsx ? ROUND_REPORT_XLSX : ROUND_REPORT_CSV, to_file ? af.fp : stdout,
                                af.tmp, &rows);
        (void)storeReadEnd(s);
    }
    if (to_file && (rc ? (atomicFileAbort(&af), 0) : atomicFileCommit(&af))) rc = GH_EIO;
    if (rc == GH_EIO)
        cliError("category report", "%s: 写出失败，原文件未改动 (write failed, the earlier file is untouched): %s", output,
                 strerror(af.err ? af.err : errno ? errno : EIO));
    else if (rc) cliError("category report", "数据库 %s: %s", storeLocation(s), storeError(s));
    else fprintf(stderr, "已导出 (exported) %lld 年度名特优新认定 %d 户\n", year, rows);
    storeClose(s);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
