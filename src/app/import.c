/* Importing a department extract or dossiers (docs/import-formats.md), shared by
 * `getihu import` and the server's upload route: one transaction, all or nothing
 * unless skip_bad; dry runs roll back; every import recorded and audited. */
#include "app/import.h"
#include "app/audit.h"
#include "app/import_feed.h"
#include "app/import_plain.h"
#include "core/error.h"
#include "core/usccset.h"
#include "core/utf8.h"
#include "io/csv.h"
#include "io/dossier_json.h"
#include "io/linereader.h"
#include "io/rows.h"
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct importCtx {
    store *s;
    const appImportOptions *o;
    appImportResult *res;
    const char *file;
    extractKind kind;
    int64_t import_id;
    storeImport counts;
    bool dry_run, skip_bad;
} importCtx;

static void importProgress(importCtx *c) {
    if (c->o->progress && (c->counts.rows_read & 4095) == 0) c->o->progress(c->o->progress_ctx, c->counts.rows_read);
}

static void importError(importCtx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void importError(importCtx *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->res->message, sizeof c->res->message, fmt, ap);
    va_end(ap);
}

static void importBad(importCtx *c, uint64_t line, const char *field, const char *msg) {
    if (c->o->bad) c->o->bad(c->o->bad_ctx, line, field, msg);
    c->counts.rows_bad++;
}

/* The checks that need the whole file. A key may appear once per file; a fact that
 * cannot create its business (no FACT_REGISTRATION) may speak only of businesses
 * the directory holds. */
static int importCheckStaged(importCtx *c) {
    if (storeStageMarkDuplicateKeys(c->s, "本文件中已有同一键的行 (same key given earlier in this file)")) return GH_EIO;
    if (kindGet(c->kind)->targets & (FACT_REGISTRATION | FACT_CITY_TYPE)) return 0; /* city: decision 120 */
    return storeStageMarkUnknownBusinesses(c->s, "名录中没有该个体工商户，请先导入登记信息 (unknown business: import "
                                                 "registration first)") ? GH_EIO : 0;
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
    if (c->o->bad) c->o->bad(c->o->bad_ctx, line, field, msg);
    return 0;
}

/* Where a record is, for messages: "FILE:LINE" for CSV, "FILE:SHEET!ROW" for a
 * workbook (decision 134). */
static void importWhere(char *out, size_t n, const importCtx *c, const rowReader *r, uint64_t row) {
    if (r->format == ROWS_CSV) snprintf(out, n, "%s:%llu", c->file, (unsigned long long)row);
    else snprintf(out, n, "%s:%s!%llu", c->file, r->sheet, (unsigned long long)row);
}

/* Stages a batch of the feed: its good records many at a time (decision 328), its
 * bad ones as they come. */
static int importStageBatch(importCtx *c, const importFeedBatch *b) {
    enum { RUN = 256 };
    storeStaged run[RUN];
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < b->n && !rc; i++) {
        const importFeedItem *it = &b->items[i];
        c->counts.rows_read++;
        importProgress(c);
        if (!it->msg) run[n++] = (storeStaged){&it->fact, it->key, it->line};
        if (n && (it->msg || n == RUN || i + 1 == b->n)) {
            rc = storeStageRows(c->s, run, n);
            n = 0;
        }
        if (!rc && it->msg) rc = storeStageBad(c->s, it->line, it->field, it->msg);
    }
    return rc;
}

/* Tabular kinds (CSV, XLSX, XLS: io/rows.h) go through the store's staging: rows
 * are appended as read, checked as a whole, and applied in USCC order; bad rows
 * are listed in row order. */
static int importCsv(importCtx *c, FILE *f, const char *encoding, const char **enc_used) {
    rowReader r;
    int rc = rowsOpen(&r, f, c->o->path, encoding, c->o->sheet, NULL);
    *enc_used = rowsFormatName(&r);
    snprintf(c->res->sheet, sizeof c->res->sheet, "%s", r.sheet);
    if (rc) {
        importError(c, "%s: %s", c->file, r.err);
        rowsClose(&r);
        return rc == GH_EINVAL ? GH_EINVAL : GH_EIO;
    }
    if (r.format == ROWS_CSV && c->o->sheet && c->o->sheet[0]) {
        importError(c, "%s: 这是 CSV 文件，没有工作表，不能指定 --sheet (a CSV file has no sheets)", c->file);
        rowsClose(&r);
        return GH_EINVAL;
    }
    char err[400] = "", where[300];
    extractHeader h;
    if ((rc = rowsNext(&r)) <= 0 || r.bad[0] || extractHeaderMapRows(&h, c->kind, &r, err, sizeof err)) {
        importWhere(where, sizeof where, c, &r, r.row);
        if (rc >= 0) importPlainHeader(c->res->plain, sizeof c->res->plain, c->kind, &r, rc, err);
        if (rc < 0) importError(c, "%s: %s", c->file, r.err);
        else importError(c, "%s: 表头 (header): %s%s%s%s", where,
                      rc == 0 ? "文件为空，缺少表头 (empty file, no header)" : r.bad[0] ? r.bad : err,
                      r.nsheets > 1 ? "；本工作簿的工作表：" : "", r.nsheets > 1 ? r.sheets : "",
                      r.nsheets > 1 ? "，可用 --sheet 指定 (choose the sheet with --sheet)" : "");
        rowsClose(&r);
        return rc == GH_EIO ? GH_EIO : GH_EINVAL; /* undecodable text is the file's fault, not I/O */
    }
    c->res->ignored_columns = h.ignored;
    importPlainIgnored(c->res->warning, sizeof c->res->warning, c->kind, &r, h.ignored);
    /* the header's names, to name the column of a malformed field */
    const size_t width = r.nfields;
    char names[ROWS_MAX_FIELDS][64];
    for (size_t i = 0; i < width; i++) {
        size_t n;
        const char *t = rowsField(&r, i, &n, NULL);
        snprintf(names[i], sizeof names[i], "%.*s", (int)utf8Prefix(t, n, sizeof names[i] - 1), t);
    }
    importFeed *feed = NULL;
    if ((rc = storeStageBegin(c->s, kindGet(c->kind)->targets)) != 0) rc = GH_EIO;
    else rc = importFeedStart(&feed, &r, &h, (const char(*)[64])names, width);
    importFeedBatch *b;
    while (!rc && importFeedNext(feed, &b)) { /* the records in file order, parsed on the feed's thread */
        rc = importStageBatch(c, b);
        importFeedRelease(feed, b);
    }
    const int read = feed ? importFeedStop(feed) : 0, failed = rc; /* the reader may have read past a store failure */
    if (!rc) rc = read;
    if (!failed && rc < 0 && r.err[0] && r.format == ROWS_CSV) importError(c, "%s: %s", c->file, r.err);
    else if (!failed && rc < 0 && r.err[0]) importError(c, "%s:%s: %s", c->file, r.sheet, r.err);
    rowsClose(&r);
    if (rc < 0) return rc == GH_EINVAL ? GH_EINVAL : GH_EIO; /* undecodable text is the file's fault */
    if (importCheckStaged(c) || storeStageEachBad(c->s, importPrintBad, c, &c->counts.rows_bad))
        return GH_EIO;
    c->counts.rows_ok = c->counts.rows_read - c->counts.rows_bad;
    if (c->counts.rows_bad && !c->skip_bad) return 0; /* nothing will be written */
    const importKind *k = kindGet(c->kind);
    if ((k->targets & FACT_CITY_TYPE) && storeStageCountUnknownBusinesses(c->s, &c->res->unknown_businesses))
        return GH_EIO;
    if (storeStageApply(c->s, k->targets, c->import_id, &c->counts.rows_changed)) return GH_EIO;
    if (c->o->snapshot == STORE_SNAPSHOT_NONE) return 0;
    if (storeStagePrune(c->s, k->targets, k->list, c->o->snapshot, c->import_id, &c->res->rows_removed)) return GH_EIO;
    c->counts.rows_changed += c->res->rows_removed;
    return 0;
}

static int importDossiers(importCtx *c, FILE *f) {
    lineReader lr;
    arena a;
    usccSet seen;
    if (lineReaderInit(&lr, f, 4u << 20)) return GH_ENOMEM;
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
        importProgress(c);
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
    return rc ? GH_EIO : 0;
}

/* The audit entry's object for import id. */
static void importObject(char *out, size_t n, int64_t id, extractKind kind, const char *name, const char *sha) {
    snprintf(out, n, "import #%lld %s %s sha256:%s", (long long)id, extractKindName(kind), name, sha);
}

/* Finishes the record of an import whose transaction was rolled back (rejected,
 * dry run, failed), in a transaction of its own, and audits it as import.dry_run or
 * import.rejected (issue 8, finding 6). */
static int importFinishAside(importCtx *c, const char *status, const storeAudit *audit) {
    c->counts.status = status;
    storeAudit aside = *audit;
    aside.action = !strcmp(status, "dry_run") ? "import.dry_run" : "import.rejected";
    int rc = storeBegin(c->s);
    if (!rc) rc = storeImportFinish(c->s, c->import_id, &c->counts);
    if (!rc) rc = auditAppend(c->s, &aside, (int64_t)time(NULL));
    if (!rc) rc = storeCommit(c->s);
    if (rc) storeRollback(c->s);
    return rc;
}

const char *appSnapshotName(storeSnapshot scope) {
    return scope == STORE_SNAPSHOT_BUSINESSES ? "businesses" : scope == STORE_SNAPSHOT_ALL ? "all" : NULL;
}

int appSnapshotParse(storeSnapshot *out, const char *name) {
    *out = !strcmp(name, "businesses") ? STORE_SNAPSHOT_BUSINESSES : !strcmp(name, "all") ? STORE_SNAPSHOT_ALL
                                                                                         : STORE_SNAPSHOT_NONE;
    return *out == STORE_SNAPSHOT_NONE ? GH_EINVAL : 0;
}

/* A snapshot only for a kind whose descriptor allows it, and never with skip_bad:
 * a skipped row would remove the very entry it gives. */
static int importSnapshotAllowed(importCtx *c) {
    if (c->o->snapshot == STORE_SNAPSHOT_NONE) return 0;
    if (!kindGet(c->kind)->snapshot)
        importError(c, "%s: %s 不能按完整名单导入 (--snapshot is for the list kinds and penalties only)", c->file,
                    extractKindName(c->kind));
    else if (c->skip_bad)
        importError(c, "%s: 完整名单导入不能跳过错误行 (--snapshot cannot be used with --skip-bad)", c->file);
    else return 0;
    return GH_EINVAL;
}

/* The message of an import the store failed: names the file and the store. */
static void importFailed(importCtx *c, const char *what) {
    if (c->res->message[0]) return;
    importError(c, "导入 %s 到数据库 %s 时%s失败，未写入任何数据 (import failed, nothing written): %s", c->file,
                storeLocation(c->s), what, storeError(c->s));
}

static int importSha256(const char *path, char hex[65]) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char buf[65536], out[crypto_hash_sha256_BYTES];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) crypto_hash_sha256_update(&st, buf, n);
    const int bad = ferror(f);
    fclose(f);
    if (bad) return -1;
    crypto_hash_sha256_final(&st, out);
    sodium_bin2hex(hex, 65, out, sizeof out);
    return 0;
}

int appImport(store *s, const appImportOptions *o, appImportResult *res) {
    memset(res, 0, sizeof *res);
    importCtx cc = {.s = s, .o = o, .res = res, .file = o->name, .kind = o->kind, .dry_run = o->dry_run,
                    .skip_bad = o->skip_bad};
    importCtx *c = &cc;
    char sha[65];
    if (importSnapshotAllowed(c)) return GH_EINVAL;
    FILE *f = fopen(o->path, "rb");
    if (!f || importSha256(o->path, sha)) {
        importError(c, "%s: 无法读取 (cannot read)", o->name);
        if (f) fclose(f);
        return GH_EINVAL;
    }
    storeImport info = {.kind = extractKindName(c->kind), .file_name = o->name, .sha256 = sha, .actor = o->actor,
                        .snapshot = appSnapshotName(o->snapshot)};
    const char *enc = c->kind == EXTRACT_DOSSIERS ? "UTF-8" : NULL;
    /* the record first, committed on its own: a killed import still leaves it */
    int rc = storeBegin(s) || storeImportCreate(s, &info, &c->import_id) || storeCommit(s) ? GH_EIO : 0;
    if (rc) {
        importFailed(c, "记录导入");
        storeRollback(s);
        fclose(f);
        return rc;
    }
    rc = storeBegin(s) ? GH_EIO : 0;
    if (!rc) rc = c->kind == EXTRACT_DOSSIERS ? importDossiers(c, f) : importCsv(c, f, o->encoding, &enc);
    if (rc == GH_EIO) importFailed(c, "读写");
    fclose(f);
    c->counts.encoding = enc;
    snprintf(res->encoding, sizeof res->encoding, "%s", enc ? enc : "");
    bool keep = !rc && !c->dry_run && (c->counts.rows_bad == 0 || c->skip_bad);
    const char *status = keep ? "committed" : rc ? "rejected" : c->dry_run ? "dry_run" : "rejected";
    c->counts.status = status;
    char object[600], after[300];
    importObject(object, sizeof object, c->import_id, c->kind, o->name, sha);
    snprintf(after, sizeof after, "{\"rows_read\":%lld,\"rows_ok\":%lld,\"rows_bad\":%lld,\"rows_changed\":%lld",
             (long long)c->counts.rows_read, (long long)c->counts.rows_ok, (long long)c->counts.rows_bad,
             (long long)c->counts.rows_changed);
    if (o->snapshot != STORE_SNAPSHOT_NONE)
        snprintf(after + strlen(after), sizeof after - strlen(after), ",\"snapshot\":\"%s\",\"rows_removed\":%lld",
                 info.snapshot, (long long)res->rows_removed);
    snprintf(after + strlen(after), sizeof after - strlen(after), "}");
    const storeAudit audit = {.actor = o->actor, .role = o->role, .client = o->client, .action = "import",
                              .object = object, .after = after};
    int io = 0;
    if (keep && (storeImportFinish(s, c->import_id, &c->counts) || auditAppend(s, &audit, (int64_t)time(NULL)) ||
                 storeCommit(s))) {
        io = GH_EIO; /* a full disk often shows only here */
        importFailed(c, "提交");
        keep = false;
        status = "rejected";
    }
    if (!keep) {
        storeRollback(s);
        if (importFinishAside(c, status, &audit)) {
            io = GH_EIO;
            importFailed(c, "记录导入结果");
        }
    }
    res->import_id = c->import_id;
    res->rows_read = c->counts.rows_read;
    res->rows_ok = c->counts.rows_ok;
    res->rows_bad = c->counts.rows_bad;
    res->rows_changed = c->counts.rows_changed;
    res->status = status;
    res->committed = keep;
    return rc ? rc : io;
}
