#include "cli/cli.h"
#include "cli/progress.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "io/result_json.h"
#include "store/store.h"
#include <errno.h>
#include <string.h>
#include <xlsxwriter.h>

static const char exportUsage[] =
    "用法 Usage: getihu export [--db FILE] --year YEAR [--run ID] --format jsonl|csv|xlsx [--output FILE]\n"
    "\n"
    "导出分型结果：默认导出该年度已公布的一次分型。jsonl 即 DATA.md §3 格式；csv 带 UTF-8 BOM，Excel 可直接打开；\n"
    "xlsx 为 Excel 工作簿（须指定 --output）。导出不含经营者姓名、身份证号等个人信息。\n"
    "Exports a run's results (the year's published run by default); no personal data.\n";

static const char *const exportHeader[] = {"统一社会信用代码", "名称", "镇街", "行业代码", "年度",
                                           "分型结果", "分型代码", "理由代码", "理由", NULL};

typedef struct exportCtx {
    FILE *out;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    int row;
    sbuf line, codes, texts;
    arena a;
    int64_t rows;
    progress pg;
} exportCtx;

/* Splits a stored reasons array into "CODE；CODE" and "text；text". */
static int exportReasons(exportCtx *c, const storeResult *r) {
    jsonReader j;
    arenaReset(&c->a);
    jsonInit(&j, r->reasons, r->reasons_len, &c->a);
    sbufClear(&c->codes);
    sbufClear(&c->texts);
    bool first = true;
    int k;
    if (jsonArrayBegin(&j)) return GH_EINVAL;
    while ((k = jsonArrayNext(&j, &first)) == 1) {
        bool ofirst = true;
        const char *key, *v;
        size_t kn, vn;
        int m;
        if (jsonObjectBegin(&j)) return GH_EINVAL;
        while ((m = jsonObjectNext(&j, &ofirst, &key, &kn)) == 1) {
            if (jsonString(&j, &v, &vn)) return GH_EINVAL;
            sbuf *dst = jsonKeyIs(key, kn, "code") ? &c->codes : jsonKeyIs(key, kn, "text") ? &c->texts : NULL;
            if (!dst) continue;
            if (dst->len) sbufPuts(dst, "；");
            sbufAppend(dst, v, vn);
        }
        if (m < 0) return GH_EINVAL;
    }
    return k < 0 ? GH_EINVAL : 0;
}

static void exportCsvField(sbuf *b, const char *s) {
    if (!s) s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        sbufPuts(b, s);
        return;
    }
    sbufPutc(b, '"');
    for (; *s; s++) {
        if (*s == '"') sbufPutc(b, '"');
        sbufPutc(b, *s);
    }
    sbufPutc(b, '"');
}

static int exportJsonl(void *ctx, const storeResult *r) {
    exportCtx *c = ctx;
    sbufClear(&c->line);
    resultWriteStored(&c->line, r->uscc, r->year, r->type, r->reasons, r->reasons_len);
    sbufPutc(&c->line, '\n');
    progressTick(&c->pg, (uint64_t)++c->rows);
    return fwrite(c->line.data, 1, c->line.len, c->out) == c->line.len ? 0 : GH_EIO;
}

static int exportCsv(void *ctx, const storeResult *r) {
    exportCtx *c = ctx;
    if (exportReasons(c, r)) return GH_EINVAL;
    char year[16];
    snprintf(year, sizeof year, "%d", r->year);
    const char *cells[] = {r->uscc, r->name, r->town, r->industry, year, typingTypeLabel(r->type),
                           typingTypeCode(r->type), c->codes.data, c->texts.data};
    sbufClear(&c->line);
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        if (i) sbufPutc(&c->line, ',');
        exportCsvField(&c->line, cells[i]);
    }
    sbufPuts(&c->line, "\r\n");
    progressTick(&c->pg, (uint64_t)++c->rows);
    return fwrite(c->line.data, 1, c->line.len, c->out) == c->line.len ? 0 : GH_EIO;
}

static int exportXlsx(void *ctx, const storeResult *r) {
    exportCtx *c = ctx;
    if (exportReasons(c, r)) return GH_EINVAL;
    const int row = ++c->row;
    if (row >= LXW_ROW_MAX) return GH_ERANGE;
    worksheet_write_string(c->ws, (lxw_row_t)row, 0, r->uscc, NULL);
    worksheet_write_string(c->ws, (lxw_row_t)row, 1, r->name ? r->name : "", NULL);
    worksheet_write_string(c->ws, (lxw_row_t)row, 2, r->town ? r->town : "", NULL);
    worksheet_write_string(c->ws, (lxw_row_t)row, 3, r->industry ? r->industry : "", NULL);
    worksheet_write_number(c->ws, (lxw_row_t)row, 4, r->year, NULL);
    worksheet_write_string(c->ws, (lxw_row_t)row, 5, typingTypeLabel(r->type), NULL);
    worksheet_write_string(c->ws, (lxw_row_t)row, 6, typingTypeCode(r->type), NULL);
    worksheet_write_string(c->ws, (lxw_row_t)row, 7, c->codes.data ? c->codes.data : "", NULL);
    worksheet_write_string(c->ws, (lxw_row_t)row, 8, c->texts.data ? c->texts.data : "", NULL);
    progressTick(&c->pg, (uint64_t)++c->rows);
    return 0;
}

static int exportPickRun(store *s, long long year, const char *run_s, int64_t *run) {
    if (run_s) {
        long long id;
        if (cliParseInt("export", "--run", run_s, 1, INT64_MAX, &id)) return EXIT_USAGE;
        storeRun r;
        if (storeRunGet(s, id, &r) || r.year != year || strcmp(r.status, "done") != 0) {
            cliError("export", "第 %lld 次分型不存在、不是 %lld 年度或未完成 (no finished run %lld for that year)", id, year, id);
            return EXIT_USAGE;
        }
        *run = id;
        return 0;
    }
    if (storePublishedRun(s, (int)year, run)) {
        cliError("export", "%s；可用 --run ID 指定某次分型 (pass --run ID)", storeError(s));
        return EXIT_USAGE;
    }
    return 0;
}

static int exportToXlsx(store *s, int64_t run, const char *path, exportCtx *c) {
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    c->wb = workbook_new_opt(path, &o);
    if (!c->wb) return GH_EIO;
    c->ws = workbook_add_worksheet(c->wb, "分型结果");
    lxw_format *bold = workbook_add_format(c->wb);
    format_set_bold(bold);
    static const double widths[] = {22, 30, 12, 9, 7, 14, 12, 30, 80};
    for (int i = 0; exportHeader[i]; i++) {
        worksheet_set_column(c->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
        worksheet_write_string(c->ws, 0, (lxw_col_t)i, exportHeader[i], bold);
    }
    worksheet_freeze_panes(c->ws, 1, 0);
    const int rc = storeEachResult(s, run, exportXlsx, c);
    const lxw_error e = workbook_close(c->wb);
    return rc ? rc : e == LXW_NO_ERROR ? 0 : GH_EIO;
}

int cmdExport(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *run_s = NULL, *format = NULL, *output = "-";
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--run", &run_s}, {"--format", &format},
                              {"--output", &output}, {NULL, NULL}};
    int rc = cliParse("export", exportUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year;
    if (!year_s || !format) {
        cliError("export", "需要 --year 和 --format (required)");
        return EXIT_USAGE;
    }
    if (cliParseInt("export", "--year", year_s, 2000, 2200, &year)) return EXIT_USAGE;
    const bool jsonl = !strcmp(format, "jsonl"), csv = !strcmp(format, "csv"), xlsx = !strcmp(format, "xlsx");
    if (!jsonl && !csv && !xlsx) {
        cliError("export", "--format 应为 jsonl、csv 或 xlsx (unknown format \"%s\")", format);
        return EXIT_USAGE;
    }
    if (xlsx && !strcmp(output, "-")) {
        cliError("export", "xlsx 须用 --output FILE 指定文件 (xlsx needs --output FILE)");
        return EXIT_USAGE;
    }
    store *s;
    if ((rc = cliOpenStore("export", db, &s))) return rc;
    int64_t run;
    if ((rc = exportPickRun(s, year, run_s, &run))) {
        storeClose(s);
        return rc;
    }
    exportCtx c = {0};
    sbufInit(&c.line);
    sbufInit(&c.codes);
    sbufInit(&c.texts);
    arenaInit(&c.a, 16 * 1024, 0);
    progressInit(&c.pg, stderr, "导出中 (exporting)", 0);
    if (xlsx) {
        rc = exportToXlsx(s, run, output, &c);
    } else {
        c.out = strcmp(output, "-") ? fopen(output, "wb") : stdout;
        if (!c.out) {
            cliError("export", "%s: 无法创建 (cannot create): %s", output, strerror(errno));
            rc = GH_EIO;
        } else {
            if (csv) {
                fputs("\xEF\xBB\xBF", c.out); /* BOM: Excel then reads the Chinese as UTF-8 */
                for (int i = 0; exportHeader[i]; i++) fprintf(c.out, "%s%s", i ? "," : "", exportHeader[i]);
                fputs("\r\n", c.out);
            }
            rc = storeEachResult(s, run, jsonl ? exportJsonl : exportCsv, &c);
            if ((c.out != stdout ? fclose(c.out) : fflush(c.out)) && !rc) rc = GH_EIO;
        }
    }
    progressEnd(&c.pg);
    if (rc) cliError("export", "导出失败 (export failed): %s", rc == GH_EIO ? "写出错误 (write error)" : storeError(s));
    else fprintf(stderr, "已导出 (exported) 第 %lld 次分型 %lld 条\n", (long long)run, (long long)c.rows);
    sbufFree(&c.line);
    sbufFree(&c.codes);
    sbufFree(&c.texts);
    arenaFree(&c.a);
    storeClose(s);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
