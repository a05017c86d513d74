#include "cli/classify_stream.h"
#include "cli/cli.h"
#include "core/error.h"
#include <errno.h>
#include <string.h>

static const char classifyUsage[] =
    "用法 Usage: getihu classify --year YEAR [--params FILE] [--input FILE|-] [--output FILE|-]\n"
    "\n"
    "分型 (typing, RULES.md A1.3): 读取个体工商户档案（JSON Lines，DATA.md §1），按年度参数判定\n"
    "生存型 / 成长型 / 发展型 / 不符合分型条件，按输入顺序输出分型结果（JSON Lines，DATA.md §3）。\n"
    "\n"
    "  --year YEAR     分型年度 Y (assessment year); 上一年度 = Y-1\n"
    "  --params FILE   年度参数文件 (year parameters, DATA.md §2); 默认用内置的 YEAR 年度参数\n"
    "  --input FILE    档案输入，默认 - 即标准输入 (dossiers; default stdin)\n"
    "  --output FILE   结果输出，默认 - 即标准输出 (results; default stdout)\n"
    "\n"
    "被拒绝的记录写到标准错误：line N: field: message；其余记录照常分型。\n"
    "退出码 Exit: 0 全部分型 (all typed), 3 有记录被拒绝 (some rejected),\n"
    "             2 参数不可用 (unusable arguments or parameters), 1 读写失败 (I/O error).\n";

typedef struct classifyArgs {
    long long year;
    const char *params, *input, *output;
} classifyArgs;

/* 0, 1 for --help, or EXIT_USAGE after a message. */
static int classifyParseArgs(classifyArgs *o, int argc, char **argv) {
    const char *year = NULL;
    o->input = o->output = "-";
    const cliOption opts[] = {{"--year", &year}, {"--params", &o->params}, {"--input", &o->input},
                              {"--output", &o->output}, {NULL, NULL}};
    const int rc = cliParse("classify", classifyUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc;
    if (!year) {
        cliError("classify", "缺少 --year (required); 见 getihu classify --help");
        return EXIT_USAGE;
    }
    return cliParseInt("classify", "--year", year, 2000, 2200, &o->year) ? EXIT_USAGE : 0;
}

int cmdClassify(int argc, char **argv) {
    classifyArgs o = {0};
    int rc = classifyParseArgs(&o, argc, argv);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    yearParams p;
    if ((rc = cliLoadParams("classify", &p, (int)o.year, o.params, NULL))) return rc;
    FILE *in = strcmp(o.input, "-") == 0 ? stdin : fopen(o.input, "rb");
    if (!in) {
        cliError("classify", "%s: 无法打开输入 (cannot open input): %s", o.input, strerror(errno));
        return EXIT_USAGE;
    }
    FILE *out = strcmp(o.output, "-") == 0 ? stdout : fopen(o.output, "wb");
    if (!out) {
        cliError("classify", "%s: 无法创建输出 (cannot create output): %s", o.output, strerror(errno));
        if (in != stdin) fclose(in);
        return EXIT_USAGE;
    }
    static char outbuf[1 << 18];
    setvbuf(out, outbuf, _IOFBF, sizeof outbuf);
    classifyStats st;
    rc = classifyStream(&st, &p, in, out, stderr);
    if (in != stdin) fclose(in);
    if (out != stdout && fclose(out) && rc == 0) rc = GH_EIO;
    if (rc) {
        cliError("classify", "%s", rc == GH_ENOMEM ? "内存不足 (out of memory)" : "读写失败 (I/O error)");
        return EXIT_FAILURE_IO;
    }
    classifyPrintSummary(stderr, &st);
    return st.rejected ? EXIT_REJECTED : EXIT_OK;
}
