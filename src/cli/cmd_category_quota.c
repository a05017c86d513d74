/* getihu category quota (A3.3.4; issue 9 §3): the year's quota from its published
 * typing run and the recognitions valid at a date, read-only. */
#include "app/round.h"
#include "cli/cli.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char quotaUsage[] =
    "用法 Usage: getihu category quota --year YEAR [--db FILE] [--params FILE] [--date YYYY-MM-DD]\n"
    "\n"
    "名特优新认定名额 (RULES.md A3.3.4)：名额 = floor(比例 × (成长型 + 发展型))，取该年度已公布的分型；\n"
    "已认定 = 在 --date（默认今天）仍在有效期内的认定数。每行一项：英文标签、中文标签、数值。\n"
    "The quota of YEAR from its published run and the recognitions valid at --date (default today).\n"
    "退出码 Exit: 0 成功, 2 参数不可用或该年度尚无已公布的分型, 1 读取失败。\n";

/* Today (UTC) as a civil date: the command line is the one room that reads the clock. */
static civilDate quotaToday(void) {
    const time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return dateFromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int cmdCategoryQuota(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *params = NULL, *date_s = NULL;
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--params", &params}, {"--date", &date_s},
                              {NULL, NULL}};
    int rc = cliParse("category quota", quotaUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year;
    civilDate on = quotaToday();
    if (!year_s) {
        cliError("category quota", "缺少 --year (required)");
        return EXIT_USAGE;
    }
    if (cliParseInt("category quota", "--year", year_s, 2000, 2200, &year)) return EXIT_USAGE;
    if (date_s && dateParse(&on, date_s, strlen(date_s))) {
        cliError("category quota", "--date %s: 应为 YYYY-MM-DD (expected a date)", date_s);
        return EXIT_USAGE;
    }
    yearParams p;
    if ((rc = cliLoadParams("category quota", &p, (int)year, params, NULL))) return rc;
    store *s;
    if ((rc = cliOpenStore("category quota", db, STORE_OPEN_READONLY, &s))) return rc;
    roundQuota q;
    rc = storeReadBegin(s);
    if (!rc) rc = appRoundQuota(&q, s, on, &p);
    if (rc == GH_ENOTFOUND) cliError("category quota", "%s", storeError(s));
    else if (rc) cliError("category quota", "数据库 %s: %s", storeLocation(s), storeError(s));
    (void)storeReadEnd(s);
    storeClose(s);
    if (rc) return rc == GH_ENOTFOUND ? EXIT_USAGE : EXIT_FAILURE_IO;
    printf("year 年度 %d\ngrowth 成长型 %d\ndevelopment 发展型 %d\npercent 比例 %d\nquota 名额 %d\n"
           "recognised 已认定 %d\nremaining 剩余 %d\n",
           q.year, q.growth, q.development, q.percent, q.quota, q.recognised, q.remaining);
    return EXIT_OK;
}
