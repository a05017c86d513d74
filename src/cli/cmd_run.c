#include "cli/cli.h"
#include "cli/progress.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "app/run.h"
#include "app/reconcile.h"
#include "rules/render.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

static const char runUsage[] =
    "用法 Usage: getihu run [--db FILE] --year YEAR [--params FILE] [--actor NAME] [--name TEXT] [--note TEXT]\n"
    "\n"
    "--name、--note：这次分型的名称（40 字以内）和备注（200 字以内），公布前可在控制台修改。\n"
    "年度分型（RULES.md A1.3）：对名录中 YEAR 年度的全部个体工商户（成立日期不晚于判定基准日）分型，\n"
    "连同理由保存为新的一次分型（run）。分型记录所用参数的副本及其哈希、程序版本、起止时间和各类户数。\n"
    "结果从不覆盖：每次分型都是新的记录。同样的数据和参数得到同样的结果。\n"
    "Types year Y's population from the directory and stores a new run; results are never overwritten.\n";

/* The renderer version of a new run: the current one, except that the renderer
 * tests (tests/cli/render_versions.sh) may ask for the test-only version with
 * GETIHU_TEST_RENDERER=9999 to show a changed template (decision 223). No other
 * value is accepted: a run cannot be made with an old version's words. */
static int runTestRenderer(void) {
    const char *v = getenv("GETIHU_TEST_RENDERER");
    return v && atoi(v) == RENDER_TEST ? RENDER_TEST : 0;
}

static const char publishUsage[] =
    "用法 Usage: getihu publish [--db FILE] --run ID [--actor NAME]\n"
    "\n"
    "公布一次分型：它成为该年度对外公示的结果（每年一次；之前公布的记录保留在日志中）。\n"
    "Makes run ID the public one of its year (one per year; the log keeps earlier ones).\n";

static const char runsUsage[] =
    "用法 Usage: getihu runs [--db FILE] [--year YEAR]\n\n列出分型批次 (lists runs).\n";

static void runProgress(void *ctx, int64_t done) { progressTick(ctx, (uint64_t)done); }

int cmdRun(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *params_file = NULL, *actor_opt = NULL, *name = NULL, *note = NULL;
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--params", &params_file},
                              {"--actor", &actor_opt}, {"--name", &name}, {"--note", &note}, {NULL, NULL}};
    int rc = cliParse("run", runUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    if (appRunLabelCheck(name, note)) {
        cliError("run", "--name 最多 %d 字、--note 最多 %d 字，且不能含控制字符 (label too long)", RUN_NAME_MAX,
                 RUN_NOTE_MAX);
        return EXIT_USAGE;
    }
    long long year;
    if ((rc = cliRequireYear("run", year_s, &year))) return rc;
    yearParams p;
    char *text = NULL, actor_buf[128];
    if ((rc = cliLoadParams("run", &p, (int)year, params_file, &text))) return rc;
    store *s;
    if ((rc = cliOpenStore("run", db, 0, &s))) {
        free(text);
        return rc;
    }
    progress pg;
    progressInit(&pg, stderr, "分型中 (typing)", 0);
    const appRunInfo info = {.params = &p, .params_json = text, .version = cliVersion(),
                             .actor = cliActor(actor_opt, actor_buf, sizeof actor_buf), .role = "cli",
                             .progress = runProgress, .progress_ctx = &pg,
                             .name = name && *name ? name : NULL, .note = note && *note ? note : NULL,
                             .renderer = runTestRenderer()};
    appRunResult res;
    const double t0 = progressNow();
    rc = appRunYear(s, &info, &res);
    progressEnd(&pg);
    if (rc) {
        cliError("run", "分型失败，未保存 (run failed, nothing stored): %s", res.message);
    } else {
        const double secs = progressNow() - t0;
        printf("分型完成 (run #%lld, %d 年度): 共 %lld 户；生存型 %lld，成长型 %lld，发展型 %lld，不符合分型条件 %lld；"
               "用时 %.2f 秒%s\n",
               (long long)res.run_id, p.year, (long long)res.population, (long long)res.by_type[TYPE_SURVIVAL],
               (long long)res.by_type[TYPE_GROWTH], (long long)res.by_type[TYPE_DEVELOPMENT],
               (long long)res.by_type[TYPE_INELIGIBLE], secs, p.provisional ? "（参数为暂定值）" : "");
        fprintf(stderr, "公布此次结果：getihu publish --run %lld (to publish)\n", (long long)res.run_id);
    }
    storeClose(s);
    free(text);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}

int cmdPublish(int argc, char **argv) {
    const char *db = NULL, *run_s = NULL, *actor_opt = NULL;
    const cliOption opts[] = {{"--db", &db}, {"--run", &run_s}, {"--actor", &actor_opt}, {NULL, NULL}};
    int rc = cliParse("publish", publishUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long id;
    if (!run_s) {
        cliError("publish", "缺少 --run (required)");
        return EXIT_USAGE;
    }
    if (cliParseInt("publish", "--run", run_s, 1, INT64_MAX, &id)) return EXIT_USAGE;
    store *s;
    if ((rc = cliOpenStore("publish", db, 0, &s))) return rc;
    char actor_buf[128];
    const appActor who = {.name = cliActor(actor_opt, actor_buf, sizeof actor_buf), .role = "cli"};
    int year = 0;
    rc = appPublish(s, &who, id, &year);
    if (rc) cliError("publish", "%s", storeError(s));
    else printf("已公布 (published): 第 %lld 次分型为 %d 年度公示结果\n", id, year);
    storeClose(s);
    return rc == GH_ENOTFOUND || rc == GH_EINVAL ? EXIT_USAGE : rc ? EXIT_FAILURE_IO : EXIT_OK;
}

static int runsPrint(void *ctx, const storeRun *r) {
    (void)ctx;
    printf("#%-5lld %d  %-7s %s  %s  %s  户数 %lld：生存 %lld 成长 %lld 发展 %lld 不符合 %lld  参数 %.12s%s%s%s%s%s\n",
           (long long)r->id, r->year, r->status, r->started_at, r->actor, appSourceLabel(r->source),
           (long long)r->population, (long long)r->by_type[0], (long long)r->by_type[1], (long long)r->by_type[2],
           (long long)r->by_type[3], r->params_sha256, r->provisional ? " 暂定" : "",
           r->published ? "  [已公布 published]" : "", r->name ? "  「" : "", r->name ? r->name : "",
           r->name ? "」" : ""); /* the run's name last (issue 11 §4): earlier columns keep their place */
    return 0;
}

int cmdRuns(int argc, char **argv) {
    const char *db = NULL, *year_s = "0";
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {NULL, NULL}};
    int rc = cliParse("runs", runsUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year;
    if (cliParseInt("runs", "--year", year_s, 0, 2200, &year)) return EXIT_USAGE;
    store *s;
    if ((rc = cliOpenStore("runs", db, STORE_OPEN_READONLY, &s))) return rc;
    rc = storeEachRun(s, (int)year, runsPrint, NULL);
    if (rc) cliError("runs", "%s", storeError(s));
    storeClose(s);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
