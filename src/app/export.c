/* Exports of a run's results (CSV with BOM, XLSX, DATA.md §3 JSON Lines), shared by
 * `getihu export` and the server's download route. No personal data is written. */
#include "app/export.h"
#include "app/export_writer.h"
#include "app/reconcile.h"
#include "core/error.h"
#include "io/csv.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "io/result_json.h"
#include "rules/render.h"
#include <string.h>
#include <xlsxwriter.h>

static const char *const exportHeader[] = {"统一社会信用代码", "名称", "镇街", "行业代码", "年度",
                                           "分型结果", "分型代码", "理由代码", "理由", "结果来源", NULL};

/* Rows are written into one buffer handed to the writer thread a chunk at a time
 * (decisions 301, 305). */
#define EXPORT_CHUNK (1u << 20)

typedef struct exportCtx {
    FILE *out;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    int row;
    sbuf line, codes, texts;
    arena a;
    int64_t rows;
    exportWriter w;
} exportCtx;

/* Splits a stored reasons array (DATA.md §3) into "CODE；CODE" and "text；text", the exports' 理由代码 and 理由
 * columns; members other than code and text are skipped. Shared by the run export and the compare list's XLSX. */
int exportSplitReasons(arena *a, const char *reasons, size_t n, sbuf *codes, sbuf *texts) {
    sbufClear(codes);
    sbufClear(texts);
    if (!reasons) return 0;
    jsonReader j;
    arenaReset(a);
    jsonInit(&j, reasons, n, a);
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
            sbuf *dst = jsonKeyIs(key, kn, "code") ? codes : jsonKeyIs(key, kn, "text") ? texts : NULL;
            if (!dst) {
                if (jsonSkip(&j)) return GH_EINVAL;
                continue;
            }
            if (jsonString(&j, &v, &vn)) return GH_EINVAL;
            if (dst->len) sbufPuts(dst, "；");
            sbufAppend(dst, v, vn);
        }
        if (m < 0) return GH_EINVAL;
    }
    return k < 0 || codes->failed || texts->failed ? GH_EINVAL : 0;
}

/* The 理由代码 and 理由 cells of r: from its facts when the store has them (issue 12
 * §1: no JSON written and read back), else from the stored array. */
static int exportReasons(exportCtx *c, const storeResult *r) {
    if (!r->facts) return exportSplitReasons(&c->a, r->reasons, r->reasons_len, &c->codes, &c->texts);
    sbufClear(&c->codes);
    sbufClear(&c->texts);
    renderSplit(&c->codes, &c->texts, r->renderer, r->facts);
    return c->codes.failed || c->texts.failed ? GH_ENOMEM : 0;
}

/* Hands the buffered rows to the writer once a chunk is full (all of them when
 * last): a few large writes instead of one per row. 0 or GH_E*. */
static int exportFlush(exportCtx *c, bool last) {
    if (c->line.failed) return GH_ENOMEM;
    if (!c->line.len || (!last && c->line.len < EXPORT_CHUNK)) return 0;
    return exportWriterPut(&c->w, &c->line);
}

/* csvPutField for a cell of n bytes (NUL-terminated), a plain one copied after a
 * single scan for the bytes that need quoting. */
static void exportCell(sbuf *b, const char *s, size_t n) {
    if (!n) return;
    if (!csvFormulaLike(s) && !strpbrk(s, ",\"\r\n")) sbufAppend(b, s, n);
    else csvPutField(b, s);
}

static void exportCellz(sbuf *b, const char *s) {
    if (s) exportCell(b, s, strlen(s));
}

/* DATA.md §3: the array rendered from the facts straight into the line (no copy),
 * a result stored as sentences as stored. */
static int exportJsonl(void *ctx, const storeResult *r) {
    exportCtx *c = ctx;
    if (r->facts) {
        resultWriteHead(&c->line, r->uscc, r->year, r->type);
        renderReasonsJson(&c->line, r->renderer, r->facts);
        SBUF_LIT(&c->line, "}\n");
    } else {
        resultWriteStored(&c->line, r->uscc, r->year, r->type, r->reasons, r->reasons_len);
        sbufPutc(&c->line, '\n');
    }
    c->rows++;
    return exportFlush(c, false);
}

static int exportCsv(void *ctx, const storeResult *r) {
    exportCtx *c = ctx;
    if (exportReasons(c, r)) return GH_EINVAL;
    sbuf *b = &c->line;
    exportCellz(b, r->uscc);
    sbufPutc(b, ',');
    exportCellz(b, r->name);
    sbufPutc(b, ',');
    exportCellz(b, r->town);
    sbufPutc(b, ',');
    exportCellz(b, r->industry);
    sbufPutc(b, ',');
    sbufPutInt(b, r->year);
    sbufPutc(b, ',');
    exportCellz(b, typingTypeLabel(r->type));
    sbufPutc(b, ',');
    exportCellz(b, typingTypeCode(r->type));
    sbufPutc(b, ',');
    exportCell(b, c->codes.data, c->codes.len);
    sbufPutc(b, ',');
    exportCell(b, c->texts.data, c->texts.len);
    sbufPutc(b, ',');
    exportCellz(b, appSourceLabel(r->source));
    SBUF_LIT(b, "\r\n");
    c->rows++;
    return exportFlush(c, false);
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
    worksheet_write_string(c->ws, (lxw_row_t)row, 9, appSourceLabel(r->source), NULL); /* decision 124 */
    c->rows++;
    return 0;
}

static int exportToXlsx(store *s, int64_t run, const char *path, exportCtx *c) {
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    c->wb = workbook_new_opt(path, &o);
    if (!c->wb) return GH_EIO;
    c->ws = workbook_add_worksheet(c->wb, "分型结果");
    lxw_format *bold = workbook_add_format(c->wb);
    format_set_bold(bold);
    static const double widths[] = {22, 30, 12, 9, 7, 14, 12, 30, 80, 14};
    for (int i = 0; exportHeader[i]; i++) {
        worksheet_set_column(c->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
        worksheet_write_string(c->ws, 0, (lxw_col_t)i, exportHeader[i], bold);
    }
    worksheet_freeze_panes(c->ws, 1, 0);
    const int rc = storeEachResultFacts(s, run, exportXlsx, c);
    const lxw_error e = workbook_close(c->wb);
    return rc ? rc : e == LXW_NO_ERROR ? 0 : GH_EIO;
}


static void exportCsvHeader(sbuf *b) {
    SBUF_LIT(b, "\xEF\xBB\xBF"); /* BOM: Excel then reads the Chinese as UTF-8 */
    for (int i = 0; exportHeader[i]; i++) {
        if (i) sbufPutc(b, ',');
        sbufPuts(b, exportHeader[i]);
    }
    SBUF_LIT(b, "\r\n");
}

int exportRun(store *s, int64_t run, exportFormat format, FILE *out, const char *path, bool durable, int64_t *rows) {
    exportCtx c;
    memset(&c, 0, sizeof c);
    sbufInit(&c.line);
    sbufInit(&c.codes);
    sbufInit(&c.texts);
    arenaInit(&c.a, 16 * 1024, 0);
    c.out = out;
    int rc;
    if (format == EXPORT_XLSX) rc = exportToXlsx(s, run, path, &c);
    else if (!out) rc = GH_EIO;
    else if (!(rc = exportWriterStart(&c.w, out, durable))) {
        if (format == EXPORT_CSV) exportCsvHeader(&c.line);
        rc = storeEachResultFacts(s, run, format == EXPORT_CSV ? exportCsv : exportJsonl, &c);
        if (!rc) rc = exportFlush(&c, true);
        const int wrc = exportWriterFinish(&c.w); /* always joined, even after a failure */
        if (!rc) rc = wrc;
    }
    if (!rc && out && fflush(out)) rc = GH_EIO;
    *rows = c.rows;
    sbufFree(&c.line);
    sbufFree(&c.codes);
    sbufFree(&c.texts);
    arenaFree(&c.a);
    return rc;
}

int exportFormatParse(exportFormat *f, const char *s) {
    if (!s) return GH_EINVAL;
    if (!strcmp(s, "jsonl")) *f = EXPORT_JSONL;
    else if (!strcmp(s, "csv")) *f = EXPORT_CSV;
    else if (!strcmp(s, "xlsx")) *f = EXPORT_XLSX;
    else return GH_EINVAL;
    return 0;
}
