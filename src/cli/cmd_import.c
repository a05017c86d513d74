#include "cli/cli.h"
#include "cli/progress.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "app/import.h"
#include "store/store.h"
#include <errno.h>
#include <string.h>

static const char importUsage[] =
    "用法 Usage: getihu import [--db FILE] --source KIND FILE [--encoding auto|utf-8|gbk] [--skip-bad] [--dry-run]\n"
    "                          [--snapshot businesses|all] [--sheet NAME] [--actor NAME]\n"
    "       getihu import --list-kinds [--format md|json]\n"
    "\n"
    "导入部门数据到个体工商户名录（S3(二)：可共享获取的数据不再向经营者索要）。一次导入是一个事务：\n"
    "有任何错误行则什么都不写入，并列出每一个错误行（FILE:LINE: field: message）；--skip-bad 写入正确的行\n"
    "并仍列出每个被跳过的行；--dry-run 只检查。重复导入同一文件不改变任何数据。每次导入都有记录。\n"
    "Imports a department extract; all or nothing unless --skip-bad; idempotent; every import recorded.\n"
    "\n"
    "  KIND: 数据种类；--list-kinds 列出每种数据的名称、提供部门、列（英文字段名和中文列名）和关键列\n"
    "        (lists every kind with its department, columns and key; docs/import-formats.md is its output)\n"
    "  --snapshot businesses  文件是其中每户该名单的完整记录：这些户在名录中有、文件中没有的条目被删除\n"
    "  --snapshot all         文件是本部门的完整名单：名录中有、文件中没有的条目全部删除\n"
    "        (名单类与行政处罚；不能与 --skip-bad 同用 / list kinds and penalties: the file is the whole list)\n"
    "  CSV 文件带表头，列名可用英文字段名或中文列名（见 docs/import-formats.md）；编码 UTF-8 或 GBK，自动识别。\n"
    "  也可直接导入 Excel 文件 .xlsx / .xls（按文件内容识别），--sheet 指定工作表，默认第一个；\n"
    "        错误行写作 FILE:SHEET!ROW (Excel workbooks too; --sheet NAME, default the first sheet)\n"
    "退出码 Exit: 0 导入成功, 3 有错误行, 2 参数或表头不可用, 1 读写失败.\n";

/* getihu import --list-kinds: the descriptor table as Markdown (the docs paste it)
 * or as a JSON array. */
static int importListKinds(const char *format) {
    const bool json = format && !strcmp(format, "json");
    if (format && !json && strcmp(format, "md")) {
        cliError("import", "--format 应为 md 或 json (unknown format \"%s\")", format);
        return EXIT_USAGE;
    }
    sbuf out;
    sbufInit(&out);
    if (json) {
        sbufPutc(&out, '[');
        for (int k = 0; k < EXTRACT__COUNT; k++) {
            if (k) sbufPuts(&out, ",\n");
            kindWriteJson(&out, kindGet((extractKind)k));
        }
        sbufPuts(&out, "]\n");
    } else {
        kindWriteMarkdown(&out);
    }
    const int bad = out.failed || fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout);
    sbufFree(&out);
    if (bad) cliError("import", "写出失败 (write failed)");
    return bad ? EXIT_FAILURE_IO : EXIT_OK;
}

typedef struct importWhere { const char *file; const appImportResult *res; } importWhere;

/* FILE:LINE: field: message, or FILE:SHEET!ROW: field: message for a workbook
 * (decision 134). */
static void importPrint(void *ctx, uint64_t line, const char *field, const char *msg) {
    const importWhere *w = ctx;
    if (w->res->sheet[0])
        fprintf(stderr, "%s:%s!%llu: %s: %s\n", w->file, w->res->sheet, (unsigned long long)line, field, msg);
    else fprintf(stderr, "%s:%llu: %s: %s\n", w->file, (unsigned long long)line, field, msg);
}

static void importTick(void *ctx, int64_t rows) { progressTick(ctx, (uint64_t)rows); }

int cmdImport(int argc, char **argv) {
    const char *db = NULL, *kind_s = NULL, *encoding = NULL, *actor_opt = NULL, *format = NULL, *snapshot_s = NULL;
    const char *sheet = NULL;
    bool skip = false, dry = false, list_kinds = false;
    const char *files[2];
    int nfiles = 0;
    const cliOption opts[] = {{"--db", &db}, {"--source", &kind_s}, {"--encoding", &encoding},
                              {"--actor", &actor_opt}, {"--format", &format}, {"--snapshot", &snapshot_s},
                              {"--sheet", &sheet}, {NULL, NULL}};
    char *args[64]; /* --skip-bad, --dry-run and --list-kinds take no value */
    int nargs = 0;
    for (int i = 0; i < argc && nargs < 64; i++) {
        if (strcmp(argv[i], "--skip-bad") == 0) skip = true;
        else if (strcmp(argv[i], "--dry-run") == 0) dry = true;
        else if (strcmp(argv[i], "--list-kinds") == 0) list_kinds = true;
        else args[nargs++] = argv[i];
    }
    int rc = cliParse("import", importUsage, nargs, args, opts, files, 2, &nfiles);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    if (list_kinds && !nfiles && !kind_s) return importListKinds(format);
    if (list_kinds || format) {
        cliError("import", "--list-kinds [--format md|json] 不与导入的参数同用 (lists kinds only; no FILE, no --source)");
        return EXIT_USAGE;
    }
    extractKind kind;
    if (!kind_s || nfiles != 1) {
        cliError("import", "需要 --source KIND 和一个文件 (need --source KIND and one FILE); 见 getihu import --help");
        return EXIT_USAGE;
    }
    if (extractKindParse(&kind, kind_s)) {
        char list[512];
        if (extractKindList(list, sizeof list)) snprintf(list, sizeof list, "getihu import --list-kinds");
        cliError("import", "未知数据种类 \"%s\"，可用：%s (unknown kind)", kind_s, list);
        return EXIT_USAGE;
    }
    storeSnapshot snapshot = STORE_SNAPSHOT_NONE;
    if (snapshot_s && appSnapshotParse(&snapshot, snapshot_s)) {
        cliError("import", "--snapshot 应为 businesses 或 all (unknown scope \"%s\")", snapshot_s);
        return EXIT_USAGE;
    }
    store *s;
    if ((rc = cliOpenStore("import", db, 0, &s))) return rc;
    char actor_buf[128];
    progress pg;
    progressInit(&pg, stderr, "导入中 (importing)", 0);
    appImportResult r;
    importWhere where = {files[0], &r};
    const appImportOptions o = {.kind = kind, .path = files[0], .name = files[0], .encoding = encoding, .sheet = sheet,
                                .skip_bad = skip, .dry_run = dry, .snapshot = snapshot, .actor = cliActor(actor_opt, actor_buf, sizeof actor_buf),
                                .role = "cli", .bad = importPrint, .bad_ctx = &where,
                                .progress = importTick, .progress_ctx = &pg};
    rc = appImport(s, &o, &r);
    progressEnd(&pg);
    if (r.ignored_columns)
        fprintf(stderr, "%s: 忽略 %d 个不认识的列 (ignored %d unknown columns)\n", files[0], r.ignored_columns, r.ignored_columns);
    if (rc) cliError("import", "%s", r.message[0] ? r.message : storeError(s));
    else
        fprintf(stderr,
                "导入%s (import #%lld %s): %s %s，读取 %lld 行，有效 %lld，错误 %lld，变更 %lld 行 (read, ok, bad, changed)%s\n",
                r.committed ? "完成" : dry && !r.rows_bad ? "检查完毕，未写入" : "未写入", (long long)r.import_id, r.status,
                extractKindName(kind), files[0], (long long)r.rows_read, (long long)r.rows_ok, (long long)r.rows_bad,
                (long long)r.rows_changed,
                !r.committed && r.rows_bad && !dry ? "；有错误行，整个文件未导入，可修正后重试或加 --skip-bad" : "");
    if (!rc && r.unknown_businesses)
        fprintf(stderr, "其中 %lld 户不在区级名录中（市级有、区级无），见 getihu reconcile (businesses the directory lacks)\n",
                (long long)r.unknown_businesses);
    if (!rc && snapshot && !r.rows_bad)
        fprintf(stderr, "完整名单 (snapshot %s): 删除文件中已没有的条目 %lld 条 (entries removed, counted as changes)\n",
                appSnapshotName(snapshot), (long long)r.rows_removed);
    storeClose(s);
    if (rc) return rc == GH_EINVAL ? EXIT_USAGE : EXIT_FAILURE_IO;
    return r.rows_bad ? EXIT_REJECTED : EXIT_OK;
}
