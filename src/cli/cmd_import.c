#include "cli/cli.h"
#include "cli/progress.h"
#include "core/error.h"
#include "core/usccset.h"
#include "io/csv.h"
#include "io/dossier_json.h"
#include "io/extract.h"
#include "io/linereader.h"
#include "store/store.h"
#include <errno.h>
#include <string.h>

static const char importUsage[] =
    "用法 Usage: getihu import [--db FILE] --source KIND FILE [--encoding auto|utf-8|gbk] [--skip-bad] [--dry-run]\n"
    "                          [--actor NAME]\n"
    "\n"
    "导入部门数据到个体工商户名录（S3(二)：可共享获取的数据不再向经营者索要）。一次导入是一个事务：\n"
    "有任何错误行则什么都不写入，并列出每一个错误行（FILE:LINE: field: message）；--skip-bad 写入正确的行\n"
    "并仍列出每个被跳过的行；--dry-run 只检查。重复导入同一文件不改变任何数据。每次导入都有记录。\n"
    "Imports a department extract; all or nothing unless --skip-bad; idempotent; every import recorded.\n"
    "\n"
    "  KIND: dossiers（DATA.md §1 JSON Lines）, registration 登记, annual_reports 年报, tax 税务,\n"
    "        insurance 社保, trademarks 商标, patents 专利, abnormal_list 经营异常名录,\n"
    "        serious_illegal 严重违法失信名单, suspensions 歇业备案, penalties 行政处罚,\n"
    "        dishonest_debtors 失信被执行人, operator_groups 经营者人员类别\n"
    "  CSV 文件带表头，列名可用英文字段名或中文列名（见 docs/import-formats.md）；编码 UTF-8 或 GBK，自动识别。\n"
    "退出码 Exit: 0 导入成功, 3 有错误行, 2 参数或表头不可用, 1 读写失败.\n";

typedef struct importCtx {
    store *s;
    const char *file;
    extractKind kind;
    int64_t import_id;
    progress pg;
    storeImport counts;
    bool dry_run, skip_bad;
} importCtx;

static void importBad(importCtx *c, uint64_t line, const char *field, const char *msg) {
    fprintf(stderr, "%s:%llu: %s: %s\n", c->file, (unsigned long long)line, field, msg);
    c->counts.rows_bad++;
}

/* The key that must not repeat within one file of this kind. */
static void importKey(char *key, size_t n, extractKind k, const extractRow *r) {
    char d1[DATE_STRLEN] = "", d2[DATE_STRLEN] = "";
    switch (k) {
    case EXTRACT_ANNUAL_REPORTS: case EXTRACT_INSURANCE: snprintf(key, n, "%s/%d", r->uscc, r->year); break;
    case EXTRACT_TAX:
        /* one row per business and year; rows without a year carry the flags */
        if (r->has_year) snprintf(key, n, "%s/%d", r->uscc, r->year);
        else snprintf(key, n, "%s/-", r->uscc);
        break;
    case EXTRACT_TRADEMARKS: snprintf(key, n, "%s/%s", r->uscc, r->reg_no); break;
    case EXTRACT_PATENTS: snprintf(key, n, "%s/%s", r->uscc, r->patent_no); break;
    case EXTRACT_PENALTIES:
        dateFormat(d1, r->decided_on);
        snprintf(key, n, "%s/%s/%d", r->uscc, d1, (int)r->penalty);
        break;
    case EXTRACT_ABNORMAL_LIST: case EXTRACT_SERIOUS_ILLEGAL: case EXTRACT_SUSPENSIONS: case EXTRACT_DISHONEST_DEBTORS:
        dateFormat(d2, r->from);
        snprintf(key, n, "%s/%s", r->uscc, d2);
        break;
    case EXTRACT_OPERATOR_GROUPS: snprintf(key, n, "%s/%u", r->uscc, r->group); break;
    default: snprintf(key, n, "%s", r->uscc); break;
    }
}

/* A store failure other than an unknown business ends the import (dossiers). */
static int importApplied(importCtx *c, int rc, uint64_t line, int changed) {
    if (rc == GH_ENOTFOUND) {
        importBad(c, line, "uscc", storeError(c->s));
        return 0;
    }
    if (rc) return rc;
    c->counts.rows_ok++;
    c->counts.rows_changed += changed;
    return 0;
}

/* Prints a bad row found by the whole-file checks (or recorded while reading). */
static int importPrintBad(void *ctx, uint64_t line, const char *field, const char *msg) {
    importCtx *c = ctx;
    fprintf(stderr, "%s:%llu: %s: %s\n", c->file, (unsigned long long)line, field, msg);
    return 0;
}

/* CSV kinds go through the store's staging: rows are appended as read, checked
 * as a whole, and applied in USCC order; bad rows are listed in line order. */
static int importCsv(importCtx *c, FILE *f, const char *encoding, const char **enc_used) {
    csvReader r;
    arena a;
    int rc = csvOpen(&r, f, encoding);
    *enc_used = csvEncodingName(r.enc);
    if (rc) {
        cliError("import", "%s: %s", c->file, r.err);
        csvClose(&r);
        return rc == GH_EINVAL ? EXIT_USAGE : EXIT_FAILURE_IO;
    }
    char err[400], field[96], msg[320], key[256];
    extractHeader h;
    if ((rc = csvNext(&r)) <= 0 || extractHeaderMap(&h, c->kind, &r, err, sizeof err)) {
        if (rc < 0) cliError("import", "%s: %s", c->file, r.err);
        else cliError("import", "%s:%llu: 表头 (header): %s", c->file, (unsigned long long)r.rec_line,
                      rc == 0 ? "文件为空，缺少表头 (empty file, no header)" : err);
        csvClose(&r);
        return rc < 0 ? EXIT_FAILURE_IO : EXIT_USAGE;
    }
    if (h.ignored) fprintf(stderr, "%s: 忽略 %d 个不认识的列 (ignored %d unknown columns)\n", c->file, h.ignored, h.ignored);
    arenaInit(&a, 16 * 1024, 0);
    if ((rc = storeStageBegin(c->s)) != 0) rc = -1;
    while (!rc && (rc = csvNext(&r)) == 1) {
        extractRow row;
        arenaReset(&a);
        c->counts.rows_read++;
        progressTick(&c->pg, (uint64_t)c->counts.rows_read);
        if (r.bad[0]) rc = storeStageBad(c->s, r.rec_line, "(csv)", r.bad);
        else if (extractRowParse(&row, &h, &r, &a, field, sizeof field, msg, sizeof msg))
            rc = storeStageBad(c->s, r.rec_line, field, msg);
        else {
            importKey(key, sizeof key, c->kind, &row);
            rc = storeStageRow(c->s, &row, key, r.rec_line);
        }
    }
    if (rc < 0 && r.err[0]) cliError("import", "%s: %s", c->file, r.err);
    arenaFree(&a);
    csvClose(&r);
    if (rc < 0) return EXIT_FAILURE_IO;
    if (storeStageCheck(c->s, c->kind) || storeStageEachBad(c->s, importPrintBad, c, &c->counts.rows_bad))
        return EXIT_FAILURE_IO;
    c->counts.rows_ok = c->counts.rows_read - c->counts.rows_bad;
    if (c->counts.rows_bad && !c->skip_bad) return 0; /* nothing will be written */
    return storeStageApply(c->s, c->kind, c->import_id, &c->counts.rows_changed) ? EXIT_FAILURE_IO : 0;
}

static int importDossiers(importCtx *c, FILE *f) {
    lineReader lr;
    arena a;
    usccSet seen;
    if (lineReaderInit(&lr, f, 4u << 20)) return EXIT_FAILURE_IO;
    arenaInit(&a, 64 * 1024, 0);
    usccSetInit(&seen, 32u << 20, NULL);
    const char *s;
    size_t n;
    bool too_long;
    int k, rc = 0;
    while (!rc && (k = lineReaderNext(&lr, &s, &n, &too_long)) == 1) {
        if (lr.lineno == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3, n -= 3;
        if (!too_long && strspn(s, " \t") >= n) continue;
        c->counts.rows_read++;
        progressTick(&c->pg, (uint64_t)c->counts.rows_read);
        if (too_long) { importBad(c, lr.lineno, "(json)", "记录超过 4 MiB 上限 (record longer than 4 MiB)"); continue; }
        dossier d;
        dossierError e;
        arenaReset(&a);
        if (dossierParseJson(&d, &a, s, n, &e)) { importBad(c, lr.lineno, e.field, e.message); continue; }
        uint64_t first;
        const int dup = usccSetAdd(&seen, d.uscc, lr.lineno, &first);
        if (dup < 0) { rc = dup; break; }
        if (dup) {
            char msg[128];
            snprintf(msg, sizeof msg, "统一社会信用代码与第 %llu 行重复 (duplicate of line %llu)",
                     (unsigned long long)first, (unsigned long long)first);
            importBad(c, lr.lineno, "uscc", msg);
            continue;
        }
        int changed = 0;
        const int applied = storeApplyDossier(c->s, &d, c->import_id, &changed);
        rc = importApplied(c, applied, lr.lineno, changed);
    }
    if (!rc && k < 0) rc = k;
    usccSetFree(&seen);
    arenaFree(&a);
    lineReaderFree(&lr);
    return rc ? EXIT_FAILURE_IO : 0;
}

/* Records a rejected or dry-run import after its transaction was rolled back. */
static int importRecordAside(importCtx *c, storeImport *info, const char *status) {
    int64_t id;
    c->counts.status = status;
    int rc = storeBegin(c->s);
    if (!rc) rc = storeImportCreate(c->s, info, &id);
    if (!rc) rc = storeImportFinish(c->s, id, &c->counts);
    if (!rc) rc = storeCommit(c->s);
    if (!rc) c->import_id = id;
    return rc;
}

int cmdImport(int argc, char **argv) {
    const char *db = NULL, *kind_s = NULL, *encoding = NULL, *actor_opt = NULL, *skip = NULL, *dry = NULL;
    const char *files[2];
    int nfiles = 0;
    const cliOption opts[] = {{"--db", &db}, {"--source", &kind_s}, {"--encoding", &encoding},
                              {"--actor", &actor_opt}, {NULL, NULL}};
    /* --skip-bad and --dry-run take no value */
    char *args[64];
    int nargs = 0;
    for (int i = 0; i < argc && nargs < 64; i++) {
        if (strcmp(argv[i], "--skip-bad") == 0) skip = "1";
        else if (strcmp(argv[i], "--dry-run") == 0) dry = "1";
        else args[nargs++] = argv[i];
    }
    int rc = cliParse("import", importUsage, nargs, args, opts, files, 2, &nfiles);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    importCtx c = {.file = nfiles ? files[0] : NULL, .dry_run = dry != NULL, .skip_bad = skip != NULL};
    if (!kind_s || nfiles != 1) {
        cliError("import", "需要 --source KIND 和一个文件 (need --source KIND and one FILE); 见 getihu import --help");
        return EXIT_USAGE;
    }
    if (extractKindParse(&c.kind, kind_s)) {
        cliError("import", "未知数据种类 \"%s\"，可用：%s (unknown kind)", kind_s, extractKindList());
        return EXIT_USAGE;
    }
    char sha[65], actor_buf[128];
    FILE *f = fopen(c.file, "rb");
    if (!f || cliSha256File(c.file, sha)) {
        cliError("import", "%s: 无法读取 (cannot read): %s", c.file, strerror(errno));
        if (f) fclose(f);
        return EXIT_USAGE;
    }
    if ((rc = cliOpenStore("import", db, &c.s))) {
        fclose(f);
        return rc;
    }
    storeImport info = {.kind = extractKindName(c.kind), .file_name = c.file, .sha256 = sha,
                        .actor = cliActor(actor_opt, actor_buf, sizeof actor_buf)};
    const char *enc = c.kind == EXTRACT_DOSSIERS ? "UTF-8" : NULL;
    rc = storeBegin(c.s) || storeImportCreate(c.s, &info, &c.import_id) ? EXIT_FAILURE_IO : 0;
    progressInit(&c.pg, stderr, "导入中 (importing)", 0);
    if (!rc) rc = c.kind == EXTRACT_DOSSIERS ? importDossiers(&c, f) : importCsv(&c, f, encoding, &enc);
    progressEnd(&c.pg);
    fclose(f);
    info.encoding = enc;
    c.counts.encoding = enc;
    const bool keep = !rc && !c.dry_run && (c.counts.rows_bad == 0 || skip);
    const char *status = keep ? "committed" : rc ? "rejected" : c.dry_run ? "dry_run" : "rejected";
    c.counts.status = status;
    char object[600], after[200];
    snprintf(object, sizeof object, "import #%lld %s %s sha256:%s", (long long)c.import_id, extractKindName(c.kind), c.file, sha);
    snprintf(after, sizeof after, "{\"rows_read\":%lld,\"rows_ok\":%lld,\"rows_bad\":%lld,\"rows_changed\":%lld}",
             (long long)c.counts.rows_read, (long long)c.counts.rows_ok, (long long)c.counts.rows_bad,
             (long long)c.counts.rows_changed);
    const storeAudit audit = {.actor = info.actor, .role = "cli", .action = "import", .object = object, .after = after};
    if (keep) {
        if (storeImportFinish(c.s, c.import_id, &c.counts) || storeAuditAppend(c.s, &audit) || storeCommit(c.s))
            rc = EXIT_FAILURE_IO;
    } else {
        storeRollback(c.s);
        if (importRecordAside(&c, &info, status)) rc = EXIT_FAILURE_IO;
    }
    if (rc == EXIT_FAILURE_IO) cliError("import", "%s", storeError(c.s));
    if (!rc || rc == EXIT_REJECTED)
        fprintf(stderr,
                "导入%s (import #%lld %s): %s %s，读取 %lld 行，有效 %lld，错误 %lld，变更 %lld 行 (read, ok, bad, changed)%s\n",
                keep ? "完成" : c.dry_run && !c.counts.rows_bad ? "检查完毕，未写入" : "未写入", (long long)c.import_id,
                status, extractKindName(c.kind), c.file, (long long)c.counts.rows_read, (long long)c.counts.rows_ok,
                (long long)c.counts.rows_bad, (long long)c.counts.rows_changed,
                !keep && c.counts.rows_bad && !c.dry_run ? "；有错误行，整个文件未导入，可修正后重试或加 --skip-bad" : "");
    storeClose(c.s);
    if (rc) return rc;
    return c.counts.rows_bad ? EXIT_REJECTED : EXIT_OK;
}
