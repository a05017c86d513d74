#include "cli/cli.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "store/store.h"
#include "app/stats.h"
#include <stdlib.h>
#include <string.h>

static const char statsUsage[] =
    "用法 Usage: getihu stats [--db FILE] --year YEAR [--run ID] [--format table|json|csv]\n"
    "\n"
    "分型统计：各类型户数，按镇街、按行业门类的分布，以及与上一年度（已公布结果）相比的类型变化矩阵。\n"
    "默认用该年度已公布的分型；--format json/csv 供程序使用。\n"
    "Counts per type, per town and per industry section, and the transition matrix against the previous year.\n";

/* GB/T 4754-2017 sections. */
static const char *statsSection(const char *letter) {
    static const char *const names[] = {"农、林、牧、渔业", "采矿业", "制造业", "电力、热力、燃气及水生产和供应业",
        "建筑业", "批发和零售业", "交通运输、仓储和邮政业", "住宿和餐饮业", "信息传输、软件和信息技术服务业", "金融业",
        "房地产业", "租赁和商务服务业", "科学研究和技术服务业", "水利、环境和公共设施管理业", "居民服务、修理和其他服务业",
        "教育", "卫生和社会工作", "文化、体育和娱乐业", "公共管理、社会保障和社会组织", "国际组织"};
    if (!letter || letter[0] < 'A' || letter[0] > 'T' || letter[1]) return "未填写或无效";
    return names[letter[0] - 'A'];
}

static int statsCell(const char *s, int width) { /* pads to display width (CJK = 2 columns) */
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) w += *p >= 0xE0 ? 2 : 1;
    return printf("%s%*s", s, width > w ? width - w : 0, "");
}

static void statsPrintTable(const char *title, const statsTable *t, bool sections) {
    static const char *const heads[] = {"生存型", "成长型", "发展型", "不符合", "合计"};
    printf("\n%s\n  ", title);
    statsCell(sections ? "门类" : "镇街", sections ? 36 : 16);
    for (int k = 0; k < 5; k++) printf("%*s%s", 10 - 6, "", heads[k]);
    printf("\n");
    for (int i = 0; i < t->n; i++) {
        char label[160];
        if (sections) snprintf(label, sizeof label, "%s %s", t->keys[i][0] ? t->keys[i] : "-", statsSection(t->keys[i]));
        else snprintf(label, sizeof label, "%s", t->keys[i][0] ? t->keys[i] : "（未填写）");
        printf("  ");
        statsCell(label, sections ? 36 : 16);
        int64_t sum = 0;
        for (int k = 0; k < 4; k++) printf("%10lld", (long long)t->counts[i][k]), sum += t->counts[i][k];
        printf("%10lld\n", (long long)sum);
    }
}

static const char *const statsLabels[5] = {"（无）", "生存型", "成长型", "发展型", "不符合分型条件"};

static void statsPrintMatrix(const appStats *st) {
    printf("\n与 %d 年度相比的类型变化（第 %lld 次分型 → 本次；行为上一年度，列为本年度；（无）= 该年度不在分型范围）\n  ",
           st->year - 1, (long long)st->prev_run);
    statsCell("", 18);
    for (int to = 0; to < 5; to++) {
        int w = 0; /* right-align the Chinese label over a 16-column number */
        for (const unsigned char *p = (const unsigned char *)statsLabels[to]; *p; p++)
            if ((*p & 0xC0) != 0x80) w += *p >= 0xE0 ? 2 : 1;
        printf("%*s%s", 16 - w > 0 ? 16 - w : 1, "", statsLabels[to]);
    }
    printf("\n");
    for (int from = 0; from < 5; from++) {
        printf("  ");
        statsCell(statsLabels[from], 18);
        for (int to = 0; to < 5; to++) printf("  %14lld", (long long)st->moves[from][to]);
        printf("\n");
    }
}

int cmdStats(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *run_s = NULL, *format = "table";
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--run", &run_s}, {"--format", &format}, {NULL, NULL}};
    int rc = cliParse("stats", statsUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year, run_id = 0;
    if (!year_s) {
        cliError("stats", "缺少 --year (required)");
        return EXIT_USAGE;
    }
    if (cliParseInt("stats", "--year", year_s, 2000, 2200, &year) ||
        (run_s && cliParseInt("stats", "--run", run_s, 1, INT64_MAX, &run_id)))
        return EXIT_USAGE;
    if (strcmp(format, "table") && strcmp(format, "json") && strcmp(format, "csv")) {
        cliError("stats", "--format 应为 table、json 或 csv");
        return EXIT_USAGE;
    }
    store *s;
    if ((rc = cliOpenStore("stats", db, STORE_OPEN_READONLY, &s))) return rc;
    appStats *st = malloc(sizeof *st);
    rc = st ? statsCompute(st, s, (int)year, run_id) : GH_ENOMEM;
    if (rc == GH_ENOTFOUND) {
        cliError("stats", "%s %lld 年度没有可用的分型（可用 getihu runs 查看，--run 指定）", storeError(s), year);
        storeClose(s);
        free(st);
        return EXIT_USAGE;
    }
    if (rc) {
        cliError("stats", "%s", st ? storeError(s) : "内存不足 (out of memory)");
        storeClose(s);
        free(st);
        return EXIT_FAILURE_IO;
    }
    if (!strcmp(format, "table")) {
        printf("%lld 年度个体工商户分型统计（第 %lld 次分型%s）\n\n", year, (long long)st->run, st->published ? "，已公布" : "，未公布");
        for (int k = 0; k < 4; k++) {
            const int64_t v = st->types[k];
            printf("  ");
            statsCell(statsLabels[k + 1], 16);
            printf("%10lld  %6.2f%%\n", (long long)v, st->total ? 100.0 * (double)v / (double)st->total : 0.0);
        }
        printf("  ");
        statsCell("合计", 16);
        printf("%10lld\n", (long long)st->total);
        statsPrintTable("按镇街 (by town):", &st->towns, false);
        statsPrintTable("按行业门类 (by industry section, GB/T 4754-2017):", &st->sections, true);
        if (st->have_prev) statsPrintMatrix(st);
        else printf("\n%lld 年度尚无已公布的分型，无年度比较 (no published run for the previous year)\n", year - 1);
    } else if (!strcmp(format, "json")) {
        sbuf b;
        sbufInit(&b);
        statsJson(&b, st);
        sbufPutc(&b, '\n');
        rc = b.failed ? GH_ENOMEM : 0;
        if (rc) cliError("stats", "内存不足 (out of memory)");
        else fputs(b.data, stdout);
        sbufFree(&b);
    } else {
        printf("dimension,key,type,count\n");
        for (int k = 0; k < 4; k++) printf("total,,%s,%lld\n", statsCode(k + 1), (long long)st->types[k]);
        const statsTable *tabs[2] = {&st->towns, &st->sections};
        for (int t = 0; t < 2; t++)
            for (int i = 0; i < tabs[t]->n; i++)
                for (int k = 0; k < 4; k++)
                    printf("%s,%s,%s,%lld\n", t ? "section" : "town", tabs[t]->keys[i], statsCode(k + 1),
                           (long long)tabs[t]->counts[i][k]);
        if (st->have_prev)
            for (int f = 0; f < 5; f++)
                for (int t = 0; t < 5; t++)
                    if (st->moves[f][t]) printf("transition,%s,%s,%lld\n", statsCode(f), statsCode(t), (long long)st->moves[f][t]);
    }
    storeClose(s);
    free(st);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
