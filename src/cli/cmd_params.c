#include "cli/cli.h"
#include "io/params_json.h"
#include <stdlib.h>
#include <string.h>

static const char paramsUsage[] =
    "用法 Usage:\n"
    "  getihu params list               列出内置年度参数 (list shipped parameter files)\n"
    "  getihu params show --year YEAR   显示内置的 YEAR 年度参数 (print the shipped file)\n"
    "  getihu params check FILE         检查参数文件 (check a parameter file; exit 0 or 2)\n";

static void paramsListOne(void *ctx, const char *path, const char *text, size_t n) {
    (void)ctx;
    yearParams p;
    char err[512], rev[MONEY_STRLEN], dev[MONEY_STRLEN];
    if (paramsParseJson(&p, text, n, err, sizeof err)) {
        printf("params/%s  无效 (invalid): %s\n", path, err);
        return;
    }
    moneyFormat(rev, p.growth_revenue_min);
    moneyFormat(dev, p.development_revenue_min);
    printf("params/%s  %s %d  成长型营业收入 %s 元，发展型 %s 元%s\n", path, p.jurisdiction, p.year, rev, dev,
           p.provisional ? "  [暂定 provisional]" : "");
}

int cmdParams(int argc, char **argv) {
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        fputs(paramsUsage, argc < 1 ? stderr : stdout);
        return argc < 1 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[0], "list") == 0 && argc == 1) {
        paramsBuiltinEach(paramsListOne, NULL);
        return EXIT_OK;
    }
    if (strcmp(argv[0], "show") == 0) {
        const char *year_s = NULL, *text, *path;
        long long year;
        size_t n;
        const cliOption opts[] = {{"--year", &year_s}, {NULL, NULL}};
        const int rc = cliParse("params show", paramsUsage, argc - 1, argv + 1, opts, NULL, 0, NULL);
        if (rc) return rc == 1 ? EXIT_OK : rc;
        if (!year_s || cliParseInt("params show", "--year", year_s, 2000, 2200, &year)) {
            if (!year_s) cliError("params show", "缺少 --year (required)");
            return EXIT_USAGE;
        }
        if (paramsBuiltin((int)year, &text, &n, &path)) {
            cliError("params show", "没有 %lld 年度的内置参数 (no shipped parameters)", year);
            return EXIT_USAGE;
        }
        fwrite(text, 1, n, stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[0], "check") == 0 && argc == 2) {
        size_t n;
        char err[512];
        char *text = cliReadFile("params check", argv[1], &n, 1 << 20);
        if (!text) return EXIT_USAGE;
        yearParams p;
        const int rc = paramsParseJson(&p, text, n, err, sizeof err);
        free(text);
        if (rc) {
            cliError("params check", "%s: %s", argv[1], err);
            return EXIT_USAGE;
        }
        printf("%s: 有效 (valid) — %s %d 年度%s\n", argv[1], p.jurisdiction, p.year, p.provisional ? "，暂定值 (provisional)" : "");
        return EXIT_OK;
    }
    fputs(paramsUsage, stderr);
    return EXIT_USAGE;
}
