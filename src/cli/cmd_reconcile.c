/* `getihu reconcile`: the city's typing against getihu's own (issue 10 §6): the
 * report (table, JSON, XLSX), the clerk's status of a difference, and the city's
 * result made a publishable run. */
#include "cli/cli.h"
#include "app/reconcile.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "rules/reconcile.h"
#include "store/store.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char reconcileUsage[] =
    "用法 Usage: getihu reconcile [--db FILE] --year YEAR [--run ID] [--format table|json] [--xlsx FILE]\n"
    "                          [--kind CITY-RUN] [--status pending|accepted|raised]\n"
    "       getihu reconcile check [--db FILE] --year YEAR --status pending|accepted|raised [--note TEXT] USCC\n"
    "       getihu reconcile adopt [--db FILE] --year YEAR [--params FILE]\n"
    "\n"
    "市级分型核对（数据判定）：将导入的市级分型结果（getihu import --source city_types）与区级分型逐户比对，\n"
    "列出结果不同的个体工商户、两种结果、区级分型理由和导致差异的事实，并按差异类型计数。\n"
    "默认与该年度公布的区级分型比对（公布的是市级结果时，用最近一次区级分型）；--run 指定某次分型。\n"
    "--kind 只列一种差异，如 growth-survival（市级成长型、区级生存型）、growth-none（市级有、区级无）、\n"
    "none-survival（区级有、市级无）。--xlsx 另存 Excel 报告（差异明细只写入报告，屏幕上只列汇总）。\n"
    "check：记录一户差异的核实状态：pending 待核实、accepted 认可市级结果、raised 已向市局反映（记入审计）。\n"
    "adopt：把市级分型结果做成一次分型（来源：市级分型结果），之后可用 getihu publish --run ID 公布。\n"
    "Compares the city's typing with getihu's run; check records the clerk's status; adopt makes the city's result a run.\n";

typedef struct tableCtx { arena a; sbuf line; bool json; int64_t n; } tableCtx;

static int reconcilePrintRow(void *ctx, const storeReconcileRow *r) {
    tableCtx *c = ctx;
    sbufClear(&c->line);
    arenaReset(&c->a);
    if (c->json) {
        if (c->n) sbufPutc(&c->line, ',');
        if (appReconcileRowJson(&c->line, &c->a, r)) return GH_EINVAL;
    } else {
        char label[80];
        sbufPrintf(&c->line, "%s  %-24s %-8s %-26s %s\n", r->uscc, !r->in_directory ? "（区级名录无此户）" : r->name ? r->name : "",
                   r->town ? r->town : "", reconcileKindLabel(label, sizeof label, r->city_type, r->run_type),
                   appCityCheckLabel(r->status));
        const size_t mark = c->line.len;
        sbufPuts(&c->line, "    ");
        if (appReconcileDrivers(&c->line, &c->a, r, "\n    ")) return GH_EINVAL;
        if (c->line.len == mark + 4) c->line.len = mark; /* nothing drives it: no reason on one side */
        else sbufPutc(&c->line, '\n');
    }
    c->n++;
    return fwrite(c->line.data, 1, c->line.len, stdout) == c->line.len ? 0 : GH_EIO;
}

static void reconcilePrintCounts(const appReconcileCounts *k) {
    printf("%d 年度市级分型结果核对（与第 %lld 次区级分型比对）：市级结果 %lld 户，一致 %lld 户，不同 %lld 户\n", k->year,
           (long long)k->run_id, (long long)k->city_total, (long long)k->agree, (long long)k->differ);
    static const int sides[5] = {0, 1, 2, 3, RECONCILE_NONE};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            const int c = sides[i], o = sides[j];
            char label[80], code[40];
            if (c == o || !k->n[c + 1][o + 1]) continue;
            printf("  %-28s %-24s %lld\n", reconcileKindLabel(label, sizeof label, c, o),
                   reconcileKindCode(code, sizeof code, c, o), (long long)k->n[c + 1][o + 1]);
        }
    printf("\n");
}

/* Reads --kind into the query's filters. */
static int reconcileKindFilter(storeReconcileQuery *q, const char *kind) {
    int city, own;
    if (!kind) return 0;
    if (reconcileKindParse(&city, &own, kind)) {
        cliError("reconcile", "--kind 应为 市级类型-区级类型，如 growth-survival、growth-none (unknown kind \"%s\")", kind);
        return EXIT_USAGE;
    }
    q->city_type = city == RECONCILE_NONE ? "-" : typingTypeCode((bizType)city);
    q->run_type = own == RECONCILE_NONE ? "-" : typingTypeCode((bizType)own);
    return 0;
}

static int reconcileReport(store *s, const storeReconcileQuery *q, bool json, const char *xlsx) {
    appReconcileCounts k;
    tableCtx c = {.json = json};
    int rc = appReconcileCount(s, q->year, q->run_id, &k);
    if (rc) {
        cliError("reconcile", "%s", storeError(s));
        return EXIT_FAILURE_IO;
    }
    arenaInit(&c.a, 16 * 1024, 0);
    sbufInit(&c.line);
    if (json) {
        appReconcileCountsJson(&c.line, &k);
        printf("{\"counts\":%s,\"rows\":[", c.line.data);
    } else reconcilePrintCounts(&k);
    /* with --xlsx the differences go to the workbook only (the counts are still printed):
     * a list of a million-business district's differences is read once, not twice */
    if (json || !xlsx) rc = storeEachReconcile(s, q, reconcilePrintRow, &c);
    if (json) printf("]}\n");
    if (rc) cliError("reconcile", "%s", rc == GH_EIO ? storeError(s) : "区级分型理由无法读取 (stored reasons unreadable)");
    int64_t rows = 0;
    if (!rc && xlsx && (rc = appReconcileXlsx(s, q->year, q->run_id, &k, xlsx, &rows)) != 0)
        cliError("reconcile", "%s: 写出失败，原文件未改动 (write failed): %s", xlsx, errno ? strerror(errno) : storeError(s));
    else if (!rc && xlsx) fprintf(stderr, "已导出 (exported) %s：差异 %lld 户\n", xlsx, (long long)rows);
    arenaFree(&c.a);
    sbufFree(&c.line);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}

static int reconcileCheck(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *status_s = NULL, *note = "", *actor_opt = NULL, *uscc[1];
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--status", &status_s}, {"--note", &note},
                              {"--actor", &actor_opt}, {NULL, NULL}};
    int n = 0, rc = cliParse("reconcile check", reconcileUsage, argc, argv, opts, uscc, 1, &n);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year;
    storeCityCheckStatus status;
    if ((rc = cliRequireYear("reconcile check", year_s, &year))) return rc;
    if (n != 1 || appCityCheckParse(&status, status_s)) {
        cliError("reconcile check", "需要 --status pending|accepted|raised 和一个统一社会信用代码 (status and USCC required)");
        return EXIT_USAGE;
    }
    store *s;
    if ((rc = cliOpenStore("reconcile check", db, 0, &s))) return rc;
    char actor_buf[128], msg[400];
    const appActor who = {.name = cliActor(actor_opt, actor_buf, sizeof actor_buf), .role = "cli"};
    rc = appCityCheck(s, &who, (int)year, uscc[0], status, note, msg, sizeof msg);
    if (rc) cliError("reconcile check", "%s", msg);
    else printf("已记录 (recorded): %s %lld 年度 %s\n", uscc[0], year, appCityCheckLabel(status));
    storeClose(s);
    return rc == GH_ENOTFOUND || rc == GH_EINVAL ? EXIT_USAGE : rc ? EXIT_FAILURE_IO : EXIT_OK;
}

static int reconcileAdopt(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *params_file = NULL, *actor_opt = NULL;
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--params", &params_file},
                              {"--actor", &actor_opt}, {NULL, NULL}};
    int rc = cliParse("reconcile adopt", reconcileUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year;
    if ((rc = cliRequireYear("reconcile adopt", year_s, &year))) return rc;
    yearParams p;
    char *text = NULL, actor_buf[128], msg[400];
    if ((rc = cliLoadParams("reconcile adopt", &p, (int)year, params_file, &text))) return rc;
    store *s;
    if ((rc = cliOpenStore("reconcile adopt", db, 0, &s))) {
        free(text);
        return rc;
    }
    const appRunInfo info = {.params = &p, .params_json = text, .version = cliVersion(),
                             .actor = cliActor(actor_opt, actor_buf, sizeof actor_buf), .role = "cli"};
    int64_t id = 0;
    rc = appCityRun(s, &info, (int)year, &id, msg, sizeof msg);
    if (rc) cliError("reconcile adopt", "%s", msg);
    else {
        printf("已生成 (run #%lld, %lld 年度, 来源：市级分型结果)\n", (long long)id, year);
        fprintf(stderr, "公布此次结果：getihu publish --run %lld (to publish)\n", (long long)id);
    }
    storeClose(s);
    free(text);
    return rc == GH_ENOTFOUND ? EXIT_USAGE : rc ? EXIT_FAILURE_IO : EXIT_OK;
}

int cmdReconcile(int argc, char **argv) {
    if (argc > 0 && !strcmp(argv[0], "check")) return reconcileCheck(argc - 1, argv + 1);
    if (argc > 0 && !strcmp(argv[0], "adopt")) return reconcileAdopt(argc - 1, argv + 1);
    const char *db = NULL, *year_s = NULL, *run_s = NULL, *format_s = "table", *xlsx = NULL, *kind = NULL,
               *status_s = NULL;
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--run", &run_s}, {"--format", &format_s},
                              {"--xlsx", &xlsx}, {"--kind", &kind}, {"--status", &status_s}, {NULL, NULL}};
    int rc = cliParse("reconcile", reconcileUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year, run_req = 0;
    storeReconcileQuery q = {.status = -1};
    storeCityCheckStatus st;
    if ((rc = cliRequireYear("reconcile", year_s, &year))) return rc;
    if (run_s && cliParseInt("reconcile", "--run", run_s, 1, INT64_MAX, &run_req)) return EXIT_USAGE;
    if (strcmp(format_s, "table") && strcmp(format_s, "json")) {
        cliError("reconcile", "--format 应为 table 或 json (unknown format \"%s\")", format_s);
        return EXIT_USAGE;
    }
    if (status_s && appCityCheckParse(&st, status_s)) {
        cliError("reconcile", "--status 应为 pending、accepted 或 raised (unknown status \"%s\")", status_s);
        return EXIT_USAGE;
    }
    if (status_s) q.status = (int)st;
    if ((rc = reconcileKindFilter(&q, kind))) return rc;
    store *s;
    if ((rc = cliOpenStore("reconcile", db, STORE_OPEN_READONLY, &s))) return rc;
    char msg[400];
    q.year = (int)year;
    if ((rc = appReconcileRun(s, (int)year, run_req, &q.run_id, msg, sizeof msg))) {
        cliError("reconcile", "%s", msg);
        storeClose(s);
        return EXIT_USAGE;
    }
    rc = reconcileReport(s, &q, !strcmp(format_s, "json"), xlsx);
    storeClose(s);
    return rc;
}
