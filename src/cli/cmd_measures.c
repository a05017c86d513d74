/* getihu measures: the measures catalogue (DATA.md §6). */
#include <stdlib.h>
#include <string.h>
#include "app/measures.h"
#include "cli/cli.h"
#include "core/sbuf.h"
#include "io/measures.h"

static const char measuresUsage[] =
    "用法 Usage:\n"
    "  getihu measures list [--format table|json]  帮扶、培育措施目录 (the measures catalogue, DATA.md §6)\n"
    "  getihu measures check FILE                  检查措施目录文件 (check a catalogue file; exit 0 or 2)\n";

/* One line per measure: id, for, title, departments. */
static void measuresTable(const measureCatalogue *c) {
    printf("%-9s %-14s %-20s %s\n", "条文", "对象 (for)", "标题", "负责部门");
    for (size_t i = 0; i < c->n; i++) {
        const measure *m = &c->items[i];
        printf("%-9s %-14s %s  ", m->id, measureForName(m->target), m->title);
        for (size_t d = 0; d < m->n_departments; d++) printf("%s%s", d ? "、" : "", m->departments[d]);
        putchar('\n');
    }
}

static int measuresList(int argc, char **argv) {
    const char *format = "table", *err;
    const cliOption opts[] = {{"--format", &format}, {NULL, NULL}};
    const int rc = cliParse("measures list", measuresUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    if (strcmp(format, "table") && strcmp(format, "json")) {
        cliError("measures list", "--format: \"%s\" 应为 table 或 json (table or json)", format);
        return EXIT_USAGE;
    }
    const measureCatalogue *c = measuresShipped(&err);
    if (!c) {
        cliError("measures list", "内置措施目录无效 (shipped catalogue invalid): %s", err);
        return EXIT_FAILURE_IO;
    }
    if (!strcmp(format, "table")) {
        measuresTable(c);
        return EXIT_OK;
    }
    sbuf b;
    sbufInit(&b);
    for (size_t i = 0; i < c->n; i++) {
        measureWriteJson(&b, &c->items[i]);
        sbufPutc(&b, '\n');
    }
    const int ok = fwrite(b.data, 1, b.len, stdout) == b.len;
    sbufFree(&b);
    return ok ? EXIT_OK : EXIT_FAILURE_IO;
}

static int measuresCheck(const char *path) {
    size_t n;
    char err[512];
    char *text = cliReadFile("measures check", path, &n, 1 << 20);
    if (!text) return EXIT_USAGE;
    measureCatalogue c;
    arena a;
    arenaInit(&a, 64 * 1024, 0);
    const int rc = measuresParse(&c, &a, path, text, n, err, sizeof err);
    free(text);
    arenaFree(&a);
    if (rc) {
        fprintf(stderr, "getihu measures check: %s\n", rc == -2 ? "内存不足 (out of memory)" : err);
        return EXIT_USAGE;
    }
    printf("%s: 有效 (valid) — %zu 项措施\n", path, c.n);
    return EXIT_OK;
}

int cmdMeasures(int argc, char **argv) {
    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        fputs(measuresUsage, argc < 1 ? stderr : stdout);
        return argc < 1 ? EXIT_USAGE : EXIT_OK;
    }
    if (!strcmp(argv[0], "list")) return measuresList(argc - 1, argv + 1);
    if (!strcmp(argv[0], "check") && argc == 2) return measuresCheck(argv[1]);
    fputs(measuresUsage, stderr);
    return EXIT_USAGE;
}
