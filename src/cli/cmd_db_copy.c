/* getihu db copy (issue 12 §3, decisions 262-263): a district's store moved to another backend, verified. */
#include "app/db_copy.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/error.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char copyUsage[] =
    "用法 Usage: getihu db copy --from FILE --to postgresql://… --year YEAR [--params FILE] [--actor NAME]\n"
    "\n"
    "把一个区的 SQLite 数据库整体复制到 PostgreSQL（或反过来）：目标库必须是空的（新建的数据库，copy 会建表）；\n"
    "所有表在一个事务里写入，编号和审计链保持不变；提交前逐表核对行数，并在两边各按 YEAR 年度分型一次，\n"
    "结果完全相同才提交（源库只读，不会被修改），否则什么也不留下。\n"
    "Copies every table of --from into the empty store --to in one transaction (ids and the audit chain kept), and\n"
    "commits only when every table's row count and the typing of YEAR on both stores are identical.\n";

static void copyTablePrint(void *ctx, const char *table, int64_t source, int64_t target) {
    (void)ctx;
    printf("  %-24s 源 %10lld  目标 %10lld  %s\n", table, (long long)source, (long long)target,
           source == target ? "ok" : "不同 (differs)");
}

int cmdDbCopy(int argc, char **argv) {
    const char *from = NULL, *to = NULL, *year_s = NULL, *params_file = NULL, *actor_opt = NULL;
    const cliOption opts[] = {{"--from", &from}, {"--to", &to}, {"--year", &year_s}, {"--params", &params_file},
                              {"--actor", &actor_opt}, {NULL, NULL}};
    int rc = cliParse("db copy", copyUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    if (!from || !*from || !to || !*to) {
        cliError("db copy", "需要 --from 和 --to (--from and --to are required)");
        fputs(copyUsage, stderr);
        return EXIT_USAGE;
    }
    long long year;
    if ((rc = cliRequireYear("db copy", year_s, &year))) return rc;
    yearParams p;
    char *text = NULL, actor_buf[128];
    if ((rc = cliLoadParams("db copy", &p, (int)year, params_file, &text))) return rc;
    free(text);
    store *src = NULL, *dst = NULL;
    if ((rc = cliOpenStore("db copy", from, STORE_OPEN_READONLY, &src))) return rc;
    if ((rc = cliOpenStore("db copy", to, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &dst))) {
        storeClose(src);
        return rc;
    }
    const appCopyInfo info = {.params = &p, .actor = cliActor(actor_opt, actor_buf, sizeof actor_buf), .role = "cli",
                              .client = "-", .table = copyTablePrint};
    appCopyResult res;
    printf("复制 (copy) %s -> %s\n", from, to);
    const double t0 = progressNow();
    rc = appDbCopy(src, dst, &info, &res);
    const double secs = progressNow() - t0;
    if (rc) {
        cliError("db copy", "复制失败，目标库未写入任何数据 (copy failed, nothing kept): %s", res.message);
    } else {
        printf("已复制 (copied): %d 张表 %lld 行，用时 %.2f 秒 (%.0f 行/秒)\n", res.tables, (long long)res.rows, secs,
               secs > 0 ? (double)res.rows / secs : 0.0);
        printf("核对 (verified): 两边 %d 年分型结果相同：共 %lld 户；生存型 %lld，成长型 %lld，发展型 %lld，"
               "不符合分型条件 %lld；sha256 %s\n",
               p.year, (long long)res.population, (long long)res.by_type[0], (long long)res.by_type[1],
               (long long)res.by_type[2], (long long)res.by_type[3], res.digest);
    }
    storeClose(dst);
    storeClose(src);
    return rc == GH_EREFUSED ? EXIT_REJECTED : rc ? EXIT_FAILURE_IO : EXIT_OK;
}
