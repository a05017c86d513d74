#include "cli/cli.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "gen/gen.h"
#include "io/dossier_json.h"
#include "cli/progress.h"
#include "gen/gen_extracts.h"
#include <sys/stat.h>
#include <errno.h>
#include <string.h>

static const char genUsage[] =
    "用法 Usage: getihu gen [--count N] [--seed S] [--year YEAR] [--params FILE] [--output FILE|-]\n"
    "       getihu gen --format extracts --dir DIR [--count N] [--seed S] [--year YEAR]\n"
    "\n"
    "生成演示辖区（北京市大兴区）的个体工商户档案，JSON Lines（DATA.md §1）。同一 --seed 得到同样的数据。\n"
    "Generates a demo district's dossiers; the same seed gives the same data.\n"
    "\n"
    "  --count N       户数，默认 1000 (number of businesses)\n"
    "  --seed S        随机种子，默认 1 (seed)\n"
    "  --year YEAR     以该年度分型为准生成数据，含 YEAR-3 至 YEAR-1 年度数据，默认 2025\n"
    "  --params FILE   按该参数文件的门槛校准分布，默认内置的 YEAR 年度参数\n"
    "  --output FILE   输出，默认标准输出\n"
    "  --format F      jsonl（默认，DATA.md §1 档案）或 extracts（各部门 CSV 数据，写入 --dir，供 getihu import）\n"
    "  --dir DIR       extracts 的输出目录\n";

/* gen --format extracts: the same businesses as department CSV files. */
static int genToExtracts(const yearParams *p, uint64_t seed, uint64_t count, const char *dir) {
    if (mkdir(dir, 0755) && errno != EEXIST) {
        cliError("gen", "%s: 无法创建目录 (cannot create directory): %s", dir, strerror(errno));
        return EXIT_USAGE;
    }
    genExtracts x;
    genState g;
    genInit(&g, seed, p);
    int rc = genExtractsOpen(&x, dir) ? -1 : 0;
    progress pg;
    progressInit(&pg, stderr, "生成中 (generating)", count);
    for (uint64_t i = 0; i < count && !rc; i++) {
        dossier d;
        rc = genRecord(&g, i, &d) || genExtractsWrite(&x, &d) ? -1 : 0;
        progressTick(&pg, i + 1);
    }
    progressEnd(&pg);
    if (genExtractsClose(&x)) rc = -1;
    genFree(&g);
    if (rc) {
        cliError("gen", "%s: 写出失败 (write error): %s", dir, strerror(errno));
        return EXIT_FAILURE_IO;
    }
    return EXIT_OK;
}

int cmdGen(int argc, char **argv) {
    const char *count_s = "1000", *seed_s = "1", *year_s = "2025", *params = NULL, *output = "-";
    const char *format = "jsonl", *dir = NULL;
    const cliOption opts[] = {{"--count", &count_s}, {"--seed", &seed_s}, {"--year", &year_s},
                              {"--params", &params}, {"--output", &output}, {"--format", &format},
                              {"--dir", &dir}, {NULL, NULL}};
    int rc = cliParse("gen", genUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long count, seed, year;
    if (cliParseInt("gen", "--count", count_s, 0, 10000000000LL, &count) ||
        cliParseInt("gen", "--seed", seed_s, 0, INT64_MAX, &seed) ||
        cliParseInt("gen", "--year", year_s, 2000, 2200, &year))
        return EXIT_USAGE;
    const bool extracts = strcmp(format, "extracts") == 0;
    if (!extracts && strcmp(format, "jsonl")) {
        cliError("gen", "--format 应为 jsonl 或 extracts (unknown format)");
        return EXIT_USAGE;
    }
    if (extracts && !dir) {
        cliError("gen", "--format extracts 需要 --dir DIR");
        return EXIT_USAGE;
    }
    yearParams p;
    rc = cliLoadParams("gen", &p, (int)year, params, NULL);
    if (rc) return rc;
    if (extracts) return genToExtracts(&p, (uint64_t)seed, (uint64_t)count, dir);
    FILE *out = strcmp(output, "-") == 0 ? stdout : fopen(output, "wb");
    if (!out) {
        cliError("gen", "%s: 无法创建输出 (cannot create output): %s", output, strerror(errno));
        return EXIT_USAGE;
    }
    static char outbuf[1 << 18];
    setvbuf(out, outbuf, _IOFBF, sizeof outbuf);
    genState g;
    genInit(&g, (uint64_t)seed, &p);
    sbuf b;
    sbufInit(&b);
    progress pg;
    progressInit(&pg, stderr, "生成中 (generating)", (uint64_t)count);
    for (long long i = 0; i < count && rc == 0; i++) {
        dossier d;
        if (genRecord(&g, (uint64_t)i, &d)) { rc = GH_ENOMEM; break; }
        sbufClear(&b);
        dossierWriteJson(&b, &d);
        sbufPutc(&b, '\n');
        if (b.failed) rc = GH_ENOMEM;
        else if (fwrite(b.data, 1, b.len, out) != b.len) rc = GH_EIO;
        progressTick(&pg, (uint64_t)i + 1);
    }
    progressEnd(&pg);
    if (fflush(out) && !rc) rc = GH_EIO;
    if (out != stdout && fclose(out) && !rc) rc = GH_EIO;
    sbufFree(&b);
    genFree(&g);
    if (rc) {
        cliError("gen", "%s", rc == GH_ENOMEM ? "内存不足 (out of memory)" : "写出失败 (write error)");
        return EXIT_FAILURE_IO;
    }
    return EXIT_OK;
}
