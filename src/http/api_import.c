#include "http/routes.h"
#include "app/departments.h"
#include "app/audit.h"
#include "app/import.h"
#include "app/import_plain.h"
#include "core/utf8.h"
#include "io/json.h"
#include "core/error.h"
#include "io/jsonw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Uploads of department extracts: POST /api/imports checks the file as a dry run
 * and keeps it in the pending table; its uploader commits or cancels it. */

typedef struct importBad { sbuf *out; int n; extractKind kind; } importBad;

/* A bad row: line, field (as the file names it) and message as the readers word them,
 * and for the console its column's Chinese title and one plain sentence (issue 11). */
static void importBadRow(void *ctx, uint64_t line, const char *field, const char *message) {
    importBad *b = ctx;
    if (b->n >= 500) return; /* the report lists the first 500; the counts are complete */
    sbufPrintf(b->out, "%s{\"line\":%llu,\"field\":", b->n++ ? "," : "", (unsigned long long)line);
    jsonwString(b->out, field);
    jsonwKey(b->out, "message", 0);
    jsonwString(b->out, message);
    jsonwKey(b->out, "column", 0);
    jsonwString(b->out, importPlainColumn(b->kind, field));
    char text[600];
    importPlainRow(text, sizeof text, b->kind, line, field, message);
    jsonwKey(b->out, "text", 0);
    jsonwString(b->out, text);
    sbufPutc(b->out, '}');
}

/* Answers a file the import refused as a whole: {error, plain}, plain being one
 * sentence a clerk reads (the header's, or the message without its English). */
static void importRefused(httpCtx *c, int rc, const appImportResult *r) {
    sbuf b;
    sbufInit(&b);
    sbufPuts(&b, "{\"error\":");
    jsonwString(&b, r->message[0] ? r->message : "导入失败 (import failed)");
    char plain[900];
    if (r->plain[0]) snprintf(plain, sizeof plain, "%s", r->plain);
    else importPlainText(plain, sizeof plain, r->message[0] ? r->message : "导入失败");
    jsonwKey(&b, "plain", 0);
    jsonwString(&b, plain);
    sbufPutc(&b, '}');
    httpReply(c, rc == GH_EINVAL ? 422 : 500, &b);
}

/* Imports an uploaded file (dry or for real) and answers the report, or the reason
 * it could not. True when the file was usable (a report was answered). */
static bool importRun(httpCtx *c, const httpUpload *u, bool dry, bool skip_bad, int64_t *import_id) {
    sbuf out;
    sbufInit(&out);
    importBad bad = {&out, 0, u->kind};
    sbufPuts(&out, "{\"bad\":[");
    const appImportOptions o = {.kind = u->kind, .path = u->path, .name = u->name, .dry_run = dry, .skip_bad = skip_bad,
                                .snapshot = u->snapshot, .sheet = u->sheet,
                                .actor = c->who.username, .role = c->who.role_name, .client = c->client,
                                .bad = importBadRow, .bad_ctx = &bad};
    appImportResult r;
    const int rc = appImport(httpStore(c), &o, &r);
    if (rc) {
        sbufFree(&out);
        importRefused(c, rc, &r);
        return false;
    }
    *import_id = r.import_id;
    sbufPrintf(&out, "],\"upload\":%lld,\"import\":%lld,\"kind\":\"%s\",\"name\":", (long long)u->id,
               (long long)r.import_id, extractKindName(u->kind));
    jsonwString(&out, u->name);
    sbufPuts(&out, ",\"sheet\":"); /* the workbook's sheet read (bad rows' lines are its rows), null for CSV */
    if (r.sheet[0]) jsonwString(&out, r.sheet);
    else sbufPuts(&out, "null");
    sbufPrintf(&out, ",\"encoding\":\"%s\",\"status\":\"%s\",\"committed\":%s,\"rows_read\":%lld,\"rows_ok\":%lld,"
               "\"rows_bad\":%lld,\"rows_changed\":%lld,\"ignored_columns\":%d,\"unknown_businesses\":%lld,\"snapshot\":",
               r.encoding, r.status, r.committed ? "true" : "false", (long long)r.rows_read, (long long)r.rows_ok,
               (long long)r.rows_bad, (long long)r.rows_changed, r.ignored_columns, (long long)r.unknown_businesses);
    const char *snapshot = appSnapshotName(u->snapshot);
    if (snapshot) sbufPrintf(&out, "\"%s\",\"rows_removed\":%lld", snapshot, (long long)r.rows_removed);
    else sbufPuts(&out, "null,\"rows_removed\":0");
    jsonwText(&out, "warning", r.warning[0] ? r.warning : NULL); /* issue 11: columns the kind does not have */
    sbufPutc(&out, '}');
    const bool ok = !out.failed;
    httpReply(c, 200, &out);
    return ok;
}

/* Whether s is UTF-8 text of 1 to 100 bytes without control characters. */
static bool importShortText(const char *s) {
    const size_t n = s ? strlen(s) : 0;
    bool text = n > 0 && n <= 100 && utf8Valid(s, n, NULL);
    for (size_t i = 0; text && i < n; i++) text = (unsigned char)s[i] >= 0x20 && s[i] != 0x7f;
    return text;
}

/* The upload's kind, name, snapshot mode and sheet from the query: false after answering 400
 * when kind or name is missing, the name or sheet is not short UTF-8 text (it is echoed in the
 * report), or a snapshot is asked for a kind that has none or is not businesses/all. */
static bool importQuery(httpCtx *c, extractKind *kind, const char **name, storeSnapshot *snapshot, char *sheet,
                        size_t sheetsize) {
    const char *sheet_s = httpQuery(c, "sheet");
    if (sheet_s && *sheet_s && !importShortText(sheet_s)) {
        httpFail(c, 400, "sheet（工作表名）应为 UTF-8 文本，最多 100 字节 (sheet: short text)");
        return false;
    }
    snprintf(sheet, sheetsize, "%s", sheet_s ? sheet_s : "");
    const char *kind_s = httpQuery(c, "kind"), *snapshot_s = httpQuery(c, "snapshot");
    *snapshot = STORE_SNAPSHOT_NONE;
    *name = httpQuery(c, "name");
    if (!kind_s || extractKindParse(kind, kind_s) || !importShortText(*name)) {
        httpFail(c, 400, "需要 kind（数据种类）和 name（文件名，UTF-8 文本，最多 100 字节）(kind and name required)");
        return false;
    }
    if (snapshot_s && *snapshot_s && (appSnapshotParse(snapshot, snapshot_s) || !kindGet(*kind)->snapshot)) {
        httpFail(c, 400, "snapshot 应为 businesses 或 all，且只用于名单类数据和行政处罚 (snapshot: list kinds only)");
        return false;
    }
    return true;
}

bool apiImportEarly(httpCtx *c) {
    extractKind kind;
    const char *name;
    storeSnapshot snapshot;
    char sheet[128];
    if (!importQuery(c, &kind, &name, &snapshot, sheet, sizeof sheet)) return false;
    /* A department account supplies only the data its department holds. */
    if ((c->who.role & ROLE_DEPARTMENT) && !departmentSupplies(c->who.department, kind)) {
        httpFail(c, 403, "本部门不提供此类数据 (this department does not supply this kind)");
        return false;
    }
    httpUpload want = {.account_id = c->who.account_id, .kind = kind, .snapshot = snapshot};
    snprintf(want.name, sizeof want.name, "%s", name);
    snprintf(want.sheet, sizeof want.sheet, "%s", sheet);
    const char *length = httpRequestHeader(c, "Content-Length");
    const uint64_t announced = length ? strtoull(length, NULL, 10) : 0;
    const int rc = httpUploadsReserve(&c->srv->uploads, &want, announced, httpNow(), &c->upload_id);
    if (rc == GH_ERANGE)
        httpFail(c, 409, "您待确认的上传过多，请先确认或取消 (too many pending uploads of yours)");
    else if (rc == GH_EINVAL)
        httpFail(c, 413, "上传过大：每个账户待确认的上传合计最多 256 MiB (upload too large)");
    else if (rc)
        httpFail(c, 500, "内存不足");
    return rc == 0;
}

/* POST /api/imports?kind=K&name=N[&snapshot=businesses|all][&sheet=S] (body: the file), reserved on its headers by
 * apiImportEarly: a dry run; a usable file stays pending for its uploader. */
void apiImportUpload(httpCtx *c) {
    httpUpload u = {.id = c->upload_id, .account_id = c->who.account_id};
    const char *name;
    if (!importQuery(c, &u.kind, &name, &u.snapshot, u.sheet, sizeof u.sheet)) return;
    snprintf(u.name, sizeof u.name, "%s", name);
    snprintf(u.path, sizeof u.path, "%s", c->upload_path);
    int64_t dry_import = 0;
    if (importRun(c, &u, true, false, &dry_import) &&
        !httpUploadsKeep(&c->srv->uploads, u.id, u.path, dry_import, httpNow()))
        c->upload_path[0] = '\0'; /* the file now belongs to the table; an unusable one is not kept */
}

/* Takes the caller's pending upload {id} out of the table (a second decision finds
 * nothing). False, after answering 404, when there is none. */
static bool importTake(httpCtx *c, httpUpload *out) {
    const int64_t id = httpParamId(c->params[0]);
    if (!id || httpUploadsTake(&c->srv->uploads, id, c->who.account_id, httpNow(), out)) {
        httpFail(c, 404, "没有该上传，或不是您上传的，或已过期 (no such pending upload of yours)");
        return false;
    }
    return true;
}

/* Marks the dry run of upload u with what its uploader decided, for the history
 * (issue 11): the decision itself stands (committed, or audited as cancelled), so a
 * failure here only leaves the dry run listed as undecided, and is logged. */
static void importDecided(httpCtx *c, const httpUpload *u, const char *decision) {
    store *s = httpStore(c);
    if (!u->dry_import) return;
    storeIdle(s);
    int rc = storeBeginWait(s, 2000);
    if (!rc && (rc = storeImportDecide(s, u->dry_import, decision)) == 0) rc = storeCommit(s);
    if (rc) {
        storeRollback(s);
        fprintf(stderr, "getihu: import #%lld: cannot record the upload's decision (%s): %s\n",
                (long long)u->dry_import, decision, storeError(s));
    }
}

/* The commit body, {} or {"skip_bad":bool} (empty: {}). GH_EINVAL otherwise. */
static int importCommitParse(const char *body, size_t n, bool *skip_bad) {
    *skip_bad = false;
    if (!n) return 0;
    arena a;
    arenaInit(&a, 1024, 1 << 16);
    jsonReader j;
    jsonInit(&j, body, n, &a);
    const char *key;
    size_t kn;
    bool first = true;
    int k = jsonObjectBegin(&j) ? -1 : 1;
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1) {
        const jsonType t = jsonPeek(&j);
        if (jsonKeyIs(key, kn, "skip_bad") && (t == JSON_T_TRUE || t == JSON_T_FALSE)) k = jsonBool(&j, skip_bad) ? -1 : 1;
        else k = -1;
    }
    const int rc = k < 0 || jsonEnd(&j) ? GH_EINVAL : 0;
    arenaFree(&a);
    return rc;
}

/* POST /api/imports/{id}/commit {"skip_bad":bool}. */
void apiImportCommit(httpCtx *c) {
    bool skip_bad;
    if (importCommitParse(c->body, c->body_len, &skip_bad)) {
        httpFail(c, 400, "请求应为 {\"skip_bad\":true|false} (malformed JSON)");
        return;
    }
    httpUpload u;
    if (!importTake(c, &u)) return;
    int64_t import_id = 0;
    if (importRun(c, &u, false, skip_bad, &import_id)) importDecided(c, &u, "committed");
    unlink(u.path);
}

/* DELETE /api/imports/{id}: audited before the file goes; when the entry cannot be
 * written the upload stays pending (503). */
void apiImportCancel(httpCtx *c) {
    httpUpload u;
    if (!importTake(c, &u)) return;
    char object[200];
    snprintf(object, sizeof object, "upload #%lld %s %s", (long long)u.id, extractKindName(u.kind), u.name);
    const storeAudit e = {.actor = c->who.username, .role = c->who.role_name, .client = c->client,
                          .action = "import.cancel", .object = object};
    if (auditRecord(httpStore(c), &e, httpNow())) {
        if (httpUploadsPut(&c->srv->uploads, &u)) unlink(u.path);
        httpFail(c, 503, "取消未能记录，请稍后重试 (cannot record the cancellation)");
        return;
    }
    unlink(u.path);
    importDecided(c, &u, "cancelled");
    httpReplyJson(c, 200, "{\"cancelled\":true}");
}
