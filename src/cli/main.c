#include "cli/cli.h"
#include "core/error.h"
#include "app/params.h"
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>
#include <sodium.h>
#include "store/store.h"

#ifndef GETIHU_VERSION
#define GETIHU_VERSION "dev"
#endif

static const char mainUsage[] =
    "getihu " GETIHU_VERSION " — 个体工商户分型分类精准帮扶 (typing and categorisation of individual businesses)\n"
    "\n"
    "用法 Usage: getihu COMMAND [OPTIONS]\n"
    "\n"
    "  classify  分型：读取档案 JSON Lines，输出分型结果 (type dossiers; DATA.md §4)\n"
    "  gen       生成演示辖区档案 (generate a demo district's dossiers)\n"
    "  demo      生成演示辖区并打印分型汇总 (generate a district and print its typing summary)\n"
    "  params    年度参数：列出、查看、检查 (year parameters: list, show, check)\n"
    "  category  名特优新申报资格检查 (check 名特优新 applications; DATA.md §5)\n"
    "  measures  帮扶、培育措施目录 (the measures catalogue; DATA.md §6)\n"
    "\n"
    "  个体工商户名录 (the directory; database --db FILE, GETIHU_DB or ./getihu.db):\n"
    "  import    导入部门数据 (import a department extract or dossiers)\n"
    "  run       年度分型 (type a year's population and store the results)\n"
    "  publish   公布某次分型结果 (make a run the public one of its year)\n"
    "  runs      列出分型批次 (list runs)\n"
    "  export    导出分型结果 jsonl/csv/xlsx (export results)\n"
    "  show      查询个体工商户 (look up a business by USCC, 注册号 or name)\n"
    "  stats     分型统计 (statistics by type, town, industry; year-over-year)\n"
    "  reconcile 市级分型核对：与区级分型比对、核实、采用 (check the city's typing)\n"
    "  db        数据库：新建或升级、检查、导入记录 (database: init, check, imports)\n"
    "  serve     HTTP 服务：公众查询页面与 JSON 接口 (serve the public page and the API)\n"
    "  user      账户：添加、改密码、停用 (accounts: add, passwd, disable, list)\n"
    "  audit     审计记录：校验、列出 (audit trail: verify, list)\n"
    "  version   显示版本 (print the version)\n"
    "\n"
    "getihu COMMAND --help 查看各命令说明 (help for each command).\n";

const char *cliNext(cliArgs *a) { return a->i < a->argc ? a->argv[a->i++] : NULL; }

int cliValue(cliArgs *a, const char *arg, const char *name, const char **value) {
    const size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0) return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0') return 0;
    if (a->i >= a->argc) {
        cliError(a->cmd, "%s 需要一个值 (option needs a value)", name);
        return -1;
    }
    *value = a->argv[a->i++];
    return 1;
}

int cliParse(const char *cmd, const char *usage, int argc, char **argv, const cliOption *opts,
             const char **operands, int max_operands, int *n_operands) {
    cliArgs a = {argc, argv, 0, cmd};
    const char *arg;
    if (n_operands) *n_operands = 0;
    while ((arg = cliNext(&a))) {
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        int k = 0;
        for (const cliOption *o = opts; o->name && !k; o++) k = cliValue(&a, arg, o->name, o->value);
        if (k < 0) return EXIT_USAGE;
        if (k > 0) continue;
        if (strncmp(arg, "--", 2) != 0 && operands && *n_operands < max_operands) {
            operands[(*n_operands)++] = arg;
            continue;
        }
        cliError(cmd, "未知参数 \"%s\" (unknown argument); 见 getihu %s --help", arg, cmd);
        return EXIT_USAGE;
    }
    return 0;
}

void cliError(const char *cmd, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "getihu %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cliParseInt(const char *cmd, const char *opt, const char *s, long long lo, long long hi, long long *out) {
    char *end;
    errno = 0;
    const long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        cliError(cmd, "%s: \"%s\" 应为 %lld 到 %lld 之间的整数 (expected a whole number in range)", opt, s, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

char *cliReadFile(const char *cmd, const char *path, size_t *n, size_t max) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        cliError(cmd, "%s: 无法打开 (cannot open): %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(max + 1);
    size_t got = buf ? fread(buf, 1, max + 1, f) : 0;
    const int bad = !buf || ferror(f);
    fclose(f);
    if (bad || got > max) {
        cliError(cmd, "%s: %s", path, bad ? "读取失败 (read error)" : "文件过大 (file too large)");
        free(buf);
        return NULL;
    }
    buf[got] = '\0';
    *n = got;
    return buf;
}

int cliLoadParams(const char *cmd, yearParams *p, int year, const char *file, char **text_out) {
    char err[512];
    size_t n = 0;
    char *owned = file ? cliReadFile(cmd, file, &n, 1 << 20) : NULL;
    if (file && !owned) return EXIT_USAGE;
    const char *origin;
    const int rc = appParamsLoad(p, text_out, &origin, year, owned, n, err, sizeof err);
    free(owned);
    if (!origin) origin = file;
    if (rc == GH_ENOTFOUND)
        cliError(cmd, "没有 %d 年度的内置参数，请用 --params FILE 指定 (no shipped parameters for %d; pass --params)",
                 year, year);
    else if (rc == GH_EINVAL)
        cliError(cmd, "%s: %s", origin, err);
    else if (rc == GH_ERANGE)
        cliError(cmd, "%s: 参数年度 %d 与 --year %d 不符 (parameters are for another year)", origin, p->year, year);
    else if (rc)
        cliError(cmd, "内存不足 (out of memory)");
    if (rc) return EXIT_USAGE;
    if (p->provisional)
        fprintf(stderr, "注意 (warning): %d 年度参数为暂定值 (provisional parameters, %s): %s\n", p->year, origin,
                p->source[0] ? p->source : "未注明来源 (no source given)");
    return 0;
}

const char *cliVersion(void) { return GETIHU_VERSION; }

const char *cliDbPath(const char *opt) {
    if (opt && *opt) return opt;
    const char *env = getenv("GETIHU_DB");
    return env && *env ? env : "getihu.db";
}

int cliRequireYear(const char *cmd, const char *value, long long *year) {
    if (!value) {
        cliError(cmd, "缺少 --year (required)");
        return EXIT_USAGE;
    }
    return cliParseInt(cmd, "--year", value, 2000, 2200, year) ? EXIT_USAGE : 0;
}

int cliOpenStore(const char *cmd, const char *db, unsigned flags, store **out) {
    char err[600];
    const char *path = cliDbPath(db);
    const int rc = storeOpen(out, path, flags, err, sizeof err);
    if (!rc) return 0;
    if (rc == GH_ENOTFOUND)
        cliError(cmd, "%s；新建数据库请运行 (to create one): getihu db init --db %s", err, path);
    else if (rc == GH_ERANGE)
        cliError(cmd, "%s；请运行 getihu db init --db %s 升级 (to migrate it)", err, path);
    else
        cliError(cmd, "%s", err);
    return rc == GH_EIO || rc == GH_ENOMEM ? EXIT_FAILURE_IO : EXIT_USAGE;
}

/* Who acts: --actor, else GETIHU_ACTOR, else the login name (recorded, never shown publicly). */
const char *cliActor(const char *opt, char *buf, size_t n) {
    if (opt && *opt) return opt;
    const char *env = getenv("GETIHU_ACTOR");
    if (env && *env) return env;
    const char *user = getenv("USER");
    const struct passwd *pw = user && *user ? NULL : getpwuid(geteuid());
    snprintf(buf, n, "cli:%s", user && *user ? user : pw ? pw->pw_name : "unknown");
    return buf;
}


int main(int argc, char **argv) {
    if (sodium_init() < 0) {
        fputs("getihu: libsodium 初始化失败 (libsodium failed to initialise)\n", stderr);
        return EXIT_FAILURE_IO;
    }
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(mainUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "classify") == 0) return cmdClassify(argc - 2, argv + 2);
    if (strcmp(cmd, "gen") == 0) return cmdGen(argc - 2, argv + 2);
    if (strcmp(cmd, "demo") == 0) return cmdDemo(argc - 2, argv + 2);
    if (strcmp(cmd, "params") == 0) return cmdParams(argc - 2, argv + 2);
    if (strcmp(cmd, "measures") == 0) return cmdMeasures(argc - 2, argv + 2);
    if (strcmp(cmd, "category") == 0) return cmdCategory(argc - 2, argv + 2);
    if (strcmp(cmd, "import") == 0) return cmdImport(argc - 2, argv + 2);
    if (strcmp(cmd, "run") == 0) return cmdRun(argc - 2, argv + 2);
    if (strcmp(cmd, "publish") == 0) return cmdPublish(argc - 2, argv + 2);
    if (strcmp(cmd, "runs") == 0) return cmdRuns(argc - 2, argv + 2);
    if (strcmp(cmd, "export") == 0) return cmdExport(argc - 2, argv + 2);
    if (strcmp(cmd, "show") == 0) return cmdShow(argc - 2, argv + 2);
    if (strcmp(cmd, "stats") == 0) return cmdStats(argc - 2, argv + 2);
    if (strcmp(cmd, "reconcile") == 0) return cmdReconcile(argc - 2, argv + 2);
    if (strcmp(cmd, "db") == 0) return cmdDb(argc - 2, argv + 2);
    if (strcmp(cmd, "serve") == 0) return cmdServe(argc - 2, argv + 2);
    if (strcmp(cmd, "user") == 0) return cmdUser(argc - 2, argv + 2);
    if (strcmp(cmd, "audit") == 0) return cmdAudit(argc - 2, argv + 2);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        puts("getihu " GETIHU_VERSION);
        return EXIT_OK;
    }
    fprintf(stderr, "getihu: 未知命令 \"%s\" (unknown command)\n\n%s", cmd, mainUsage);
    return EXIT_USAGE;
}
