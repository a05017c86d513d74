/* getihu category check (DATA.md §5): the pure A3.3.1 / A3.3.2 check over a batch of
 * applications, streamed like classify. */
#include "cli/cli.h"
#include "cli/jsonl_stream.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "io/category_json.h"
#include "rules/category.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char categoryUsage[] =
    "用法 Usage: getihu category check --year YEAR [--params FILE] [--input FILE|-] [--output FILE|-]\n"
    "       getihu category quota --year YEAR [--db FILE] [--params FILE] [--date YYYY-MM-DD]  (名额, A3.3.4)\n"
    "       getihu category report --year YEAR --format csv|xlsx --output FILE [--db FILE]  (报市局名单)\n"
    "       getihu category demo --year YEAR [--db FILE] [--seed N]  (演示一轮名特优新工作)\n"
    "\n"
    "名特优新申报资格检查 (RULES.md A3.3.1 / A3.3.2, DATA.md §5)：每行一份申报（申报信息、撤销记录、档案），\n"
    "输出该户当年分型、每一项不符合的基本条件（CATEGORY.*，含条款与日期）及所申报各项条件的状态\n"
    "（met 符合 / not_met 不符合 / review 需审核）。\n"
    "\n"
    "  --year YEAR     申报年度；申报日期须在该年度内且不早于判定基准日\n"
    "  --params FILE   年度参数文件 (DATA.md §2)；默认用内置的 YEAR 年度参数\n"
    "  --input FILE    申报输入，默认标准输入；--output FILE 结果输出，默认标准输出\n"
    "\n"
    "被拒绝的记录写到标准错误：line N: field: message。\n"
    "退出码 Exit: 0 全部检查, 3 有记录被拒绝, 2 参数不可用, 1 读写失败。\n";

/* Application ids seen, for "unique within the input": an open-addressing set of
 * strings. Grows with the number of applications, which a district counts in the
 * hundreds to thousands a year (A3.3.4 caps recognitions at 5% of two types). */
typedef struct idSet { char **slot; size_t cap, n; } idSet;

static uint64_t idHash(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* 1 when s was there already, 0 when added, GH_ENOMEM. */
static int idSetAdd(idSet *t, const char *s) {
    if (2 * (t->n + 1) > t->cap) {
        idSet g = {calloc(t->cap ? 2 * t->cap : 256, sizeof(char *)), t->cap ? 2 * t->cap : 256, 0};
        if (!g.slot) return GH_ENOMEM;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slot[i]) {
                size_t j = idHash(t->slot[i]) & (g.cap - 1);
                while (g.slot[j]) j = (j + 1) & (g.cap - 1);
                g.slot[j] = t->slot[i];
                g.n++;
            }
        free(t->slot);
        *t = g;
    }
    size_t j = idHash(s) & (t->cap - 1);
    for (; t->slot[j]; j = (j + 1) & (t->cap - 1))
        if (!strcmp(t->slot[j], s)) return 1;
    if (!(t->slot[j] = strdup(s))) return GH_ENOMEM;
    t->n++;
    return 0;
}

static void idSetFree(idSet *t) {
    for (size_t i = 0; i < t->cap; i++) free(t->slot[i]);
    free(t->slot);
}

typedef struct checkCtx {
    const yearParams *p;
    FILE *out, *err;
    arena a;
    sbuf line;
    idSet ids;
    uint64_t records, checked, rejected, eligible;
} checkCtx;

static void checkReject(checkCtx *c, uint64_t line, const char *field, const char *msg) {
    jsonlReject(c->err, line, field, msg);
    c->rejected++;
}

/* The checks of DATA.md §5 that need the year: the date within YEAR, not before R;
 * the business in YEAR's population. 0 when fine, else the rejection is reported. */
static int checkYear(checkCtx *c, uint64_t line, const categoryInput *in) {
    char a[DATE_STRLEN], b[DATE_STRLEN], msg[300];
    if (dateYear(in->app.date) != c->p->year || in->app.date < c->p->reference_date) {
        dateFormat(a, in->app.date);
        dateFormat(b, c->p->reference_date);
        snprintf(msg, sizeof msg, "申报日期 %s 应在 %d 年内且不早于判定基准日 %s (date outside the year or before R)", a,
                 c->p->year, b);
        checkReject(c, line, "application.date", msg);
        return -1;
    }
    if (in->d.established > c->p->reference_date) { /* RULES.md "Time": not in year Y's population */
        dateFormat(a, in->d.established);
        dateFormat(b, c->p->reference_date);
        snprintf(msg, sizeof msg, "成立日期 %s 晚于%d年度判定基准日 %s，不属于本年度分型范围 "
                 "(established after the reference date)", a, c->p->year, b);
        checkReject(c, line, "dossier.established", msg);
        return -1;
    }
    return 0;
}

static int checkRecord(void *ctx, uint64_t line, const char *s, size_t n) {
    checkCtx *c = ctx;
    categoryInput in;
    dossierError e;
    arenaReset(&c->a);
    c->records++;
    if (categoryParseJson(&in, &c->a, s, n, &e)) {
        checkReject(c, line, e.field, e.message);
        return 0;
    }
    const int dup = idSetAdd(&c->ids, in.id);
    if (dup < 0) return dup;
    if (dup) {
        checkReject(c, line, "application.id", "申报编号与前面的记录重复 (id repeated in this input)");
        return 0;
    }
    if (checkYear(c, line, &in)) return 0;
    categoryResult r;
    if (categoryCheck(&r, &in.app, &in.d, c->p)) { /* excluded by the checks above */
        checkReject(c, line, "application", "无法检查 (cannot be checked)");
        return 0;
    }
    c->checked++;
    c->eligible += r.eligible;
    sbufClear(&c->line);
    categoryWriteJson(&c->line, &in, c->p->year, &r);
    sbufPutc(&c->line, '\n');
    if (c->line.failed) return GH_ENOMEM;
    return fwrite(c->line.data, 1, c->line.len, c->out) == c->line.len ? 0 : GH_EIO;
}

static int categoryCheckCmd(int argc, char **argv) {
    const char *year_s = NULL, *params = NULL, *input = "-", *output = "-";
    const cliOption opts[] = {{"--year", &year_s}, {"--params", &params}, {"--input", &input},
                              {"--output", &output}, {NULL, NULL}};
    int rc = cliParse("category check", categoryUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year;
    if ((rc = cliRequireYear("category check", year_s, &year))) return rc;
    yearParams p;
    if ((rc = cliLoadParams("category check", &p, (int)year, params, NULL))) return rc;
    FILE *in = strcmp(input, "-") ? fopen(input, "rb") : stdin;
    if (!in) {
        cliError("category check", "%s: 无法打开输入 (cannot open input): %s", input, strerror(errno));
        return EXIT_USAGE;
    }
    FILE *out = strcmp(output, "-") ? fopen(output, "wb") : stdout;
    if (!out) {
        cliError("category check", "%s: 无法创建输出 (cannot create output): %s", output, strerror(errno));
        if (in != stdin) fclose(in);
        return EXIT_USAGE;
    }
    checkCtx c = {.p = &p, .out = out, .err = stderr};
    arenaInit(&c.a, 64 * 1024, 2 * (size_t)JSONL_MAX_LINE + 65536);
    sbufInit(&c.line);
    jsonlLoop l = {.in = in, .err = stderr, .label = "检查中 (checking)", .record = checkRecord, .ctx = &c,
                   .records = &c.records};
    rc = jsonlRun(&l);
    c.rejected += l.too_long;
    if (rc == 0 && fflush(out)) rc = GH_EIO;
    if (in != stdin) fclose(in);
    if (out != stdout && fclose(out) && rc == 0) rc = GH_EIO;
    sbufFree(&c.line);
    arenaFree(&c.a);
    idSetFree(&c.ids);
    if (rc) {
        cliError("category check", "%s", rc == GH_ENOMEM ? "内存不足 (out of memory)" : "读写失败 (I/O error)");
        return EXIT_FAILURE_IO;
    }
    fprintf(stderr, "检查完成 (done): 申报 %llu 份，已检查 %llu，符合基本条件 %llu；拒绝 %llu 份 (rejected)\n",
            (unsigned long long)(c.records + l.too_long), (unsigned long long)c.checked,
            (unsigned long long)c.eligible, (unsigned long long)c.rejected);
    return c.rejected ? EXIT_REJECTED : EXIT_OK;
}

int cmdCategory(int argc, char **argv) {
    if (argc >= 1 && !strcmp(argv[0], "check")) return categoryCheckCmd(argc - 1, argv + 1);
    if (argc >= 1 && !strcmp(argv[0], "quota")) return cmdCategoryQuota(argc - 1, argv + 1);
    if (argc >= 1 && !strcmp(argv[0], "report")) return cmdCategoryReport(argc - 1, argv + 1);
    if (argc >= 1 && !strcmp(argv[0], "demo")) return cmdCategoryDemo(argc - 1, argv + 1);
    const bool help = argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"));
    fputs(categoryUsage, help ? stdout : stderr);
    return help ? EXIT_OK : EXIT_USAGE;
}
