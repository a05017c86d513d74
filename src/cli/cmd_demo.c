#include "cli/cli.h"
#include "cli/progress.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "gen/gen.h"
#include "gen/gen_data.h"
#include "io/dossier_json.h"
#include "io/result_json.h"
#include "rules/explain.h"
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const char demoUsage[] =
    "用法 Usage: getihu demo [--count N] [--seed S] [--year YEAR] [--dir DIR]\n"
    "\n"
    "生成一个演示辖区（默认 50000 户），经真实的档案格式读回并分型，打印分型汇总和每种类型的一个解释示例。\n"
    "档案和结果写入 DIR（默认 demo-data/）：dossiers-YEAR.jsonl、results-YEAR.jsonl。\n"
    "Generates a demo district, types it through the real dossier format and prints the summary.\n";

typedef struct demoTally {
    uint64_t by_type[4];
    uint64_t by_town[64][4];
    uint64_t total;
    bool sample_taken[4];
    sbuf sample[4];
} demoTally;

static int demoOne(demoTally *t, genState *g, arena *a, uint64_t i, const yearParams *p, sbuf *line, FILE *fd,
                   FILE *fr) {
    dossier gd, d;
    dossierError e;
    typingResult r;
    if (genRecord(g, i, &gd)) return GH_ENOMEM;
    sbufClear(line);
    dossierWriteJson(line, &gd);
    if (line->failed) return GH_ENOMEM;
    arenaReset(a);
    if (dossierParseJson(&d, a, line->data, line->len, &e)) {
        fprintf(stderr, "getihu demo: 生成的档案无法读回 (generated dossier rejected): %s: %s\n", e.field, e.message);
        return GH_EINVAL;
    }
    sbufPutc(line, '\n');
    if (fwrite(line->data, 1, line->len, fd) != line->len) return GH_EIO;
    typingClassify(&r, &d, p);
    sbufClear(line);
    resultWriteJson(line, d.uscc, p->year, &r);
    sbufPutc(line, '\n');
    if (line->failed || fwrite(line->data, 1, line->len, fr) != line->len) return GH_EIO;
    t->total++;
    t->by_type[r.type]++;
    for (size_t k = 0; k < genTownCount && k < 64; k++)
        if (d.town && strcmp(d.town, genTowns[k].name) == 0) t->by_town[k][r.type]++;
    if (!t->sample_taken[r.type]) {
        t->sample_taken[r.type] = true;
        sbufPrintf(&t->sample[r.type], "  %s %s → %s\n", d.uscc, d.name ? d.name : "（无字号）", typingTypeLabel(r.type));
        for (size_t k = 0; k < r.n; k++) {
            sbufPrintf(&t->sample[r.type], "    [%s %s] ", explainCode(r.reasons[k].code),
                       explainArticle(r.reasons[k].code));
            explainText(&t->sample[r.type], &r.reasons[k]);
            sbufPutc(&t->sample[r.type], '\n');
        }
    }
    return 0;
}

/* Prints s left-aligned in width terminal columns (CJK characters take two). */
static void demoCell(const char *s, int width, bool right) {
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) w += *p >= 0xE0 ? 2 : 1;
    if (right) printf("%*s%s", width > w ? width - w : 0, "", s);
    else printf("%s%*s", s, width > w ? width - w : 0, "");
}

static void demoPrint(const demoTally *t, const yearParams *p, const char *dir) {
    printf("\n%s %d 年度个体工商户分型汇总（演示数据，判定基准日 ", p->jurisdiction, p->year);
    char ref[DATE_STRLEN];
    dateFormat(ref, p->reference_date);
    printf("%s）\n\n", ref);
    printf("  ");
    demoCell("类型", 16, false);
    demoCell("户数", 10, true);
    demoCell("占比", 10, true);
    printf("\n");
    for (int k = 0; k < 4; k++) {
        printf("  ");
        demoCell(typingTypeLabel((bizType)k), 16, false);
        printf("%10llu %8.2f%%\n", (unsigned long long)t->by_type[k],
               t->total ? 100.0 * (double)t->by_type[k] / (double)t->total : 0.0);
    }
    printf("  ");
    demoCell("合计", 16, false);
    printf("%10llu\n\n  ", (unsigned long long)t->total);
    demoCell("镇街", 14, false);
    static const char *const heads[] = {"生存型", "成长型", "发展型", "不符合", "合计"};
    for (int k = 0; k < 5; k++) demoCell(heads[k], 10, true);
    printf("\n");
    for (size_t k = 0; k < genTownCount && k < 64; k++) {
        const uint64_t *c = t->by_town[k];
        printf("  ");
        demoCell(genTowns[k].name, 14, false);
        printf("%10llu%10llu%10llu%10llu%10llu\n", (unsigned long long)c[0], (unsigned long long)c[1],
               (unsigned long long)c[2], (unsigned long long)c[3], (unsigned long long)(c[0] + c[1] + c[2] + c[3]));
    }
    printf("\n每种类型的解释示例 (one explained result per type):\n");
    for (int k = 0; k < 4; k++)
        if (t->sample_taken[k]) fputs(t->sample[k].data, stdout);
    printf("\n档案与结果 (files): %s/dossiers-%d.jsonl, %s/results-%d.jsonl\n", dir, p->year, dir, p->year);
}

int cmdDemo(int argc, char **argv) {
    const char *count_s = "50000", *seed_s = "1", *year_s = "2025", *dir = "demo-data";
    const cliOption opts[] = {{"--count", &count_s}, {"--seed", &seed_s}, {"--year", &year_s}, {"--dir", &dir},
                              {NULL, NULL}};
    int rc = cliParse("demo", demoUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long count, seed, year;
    if (cliParseInt("demo", "--count", count_s, 1, 100000000, &count) ||
        cliParseInt("demo", "--seed", seed_s, 0, INT64_MAX, &seed) ||
        cliParseInt("demo", "--year", year_s, 2000, 2200, &year))
        return EXIT_USAGE;
    yearParams p;
    rc = cliLoadParams("demo", &p, (int)year, NULL, NULL);
    if (rc) return rc;
    if (mkdir(dir, 0755) && errno != EEXIST) {
        cliError("demo", "%s: 无法创建目录 (cannot create directory): %s", dir, strerror(errno));
        return EXIT_USAGE;
    }
    char pd[4096], pr[4096];
    snprintf(pd, sizeof pd, "%s/dossiers-%d.jsonl", dir, p.year);
    snprintf(pr, sizeof pr, "%s/results-%d.jsonl", dir, p.year);
    FILE *fd = fopen(pd, "wb"), *fr = fopen(pr, "wb");
    if (!fd || !fr) {
        cliError("demo", "%s: 无法创建文件 (cannot create file): %s", fd ? pr : pd, strerror(errno));
        if (fd) fclose(fd);
        if (fr) fclose(fr);
        return EXIT_USAGE;
    }
    demoTally t;
    memset(&t, 0, sizeof t);
    genState g;
    genInit(&g, (uint64_t)seed, &p);
    arena ar;
    arenaInit(&ar, 64 * 1024, 0);
    sbuf line;
    sbufInit(&line);
    progress pg;
    progressInit(&pg, stderr, "生成并分型 (generating and typing)", (uint64_t)count);
    for (long long i = 0; i < count && rc == 0; i++) {
        rc = demoOne(&t, &g, &ar, (uint64_t)i, &p, &line, fd, fr);
        progressTick(&pg, (uint64_t)i + 1);
    }
    progressEnd(&pg);
    if (fclose(fd) && !rc) rc = GH_EIO;
    if (fclose(fr) && !rc) rc = GH_EIO;
    if (!rc) demoPrint(&t, &p, dir);
    for (int k = 0; k < 4; k++) sbufFree(&t.sample[k]);
    sbufFree(&line);
    arenaFree(&ar);
    genFree(&g);
    if (rc) cliError("demo", "失败 (failed): %d", rc);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
