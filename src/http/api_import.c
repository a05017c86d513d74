#include "http/routes.h"
#include "app/departments.h"
#include "app/import.h"
#include "core/error.h"
#include "io/jsonw.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Uploads of department extracts: POST /api/imports checks the file as a dry run
 * and keeps it in the pending table; its uploader commits or cancels it. */

void httpUploadsInit(httpUploads *u) {
    memset(u, 0, sizeof *u);
    pthread_mutex_init(&u->mu, NULL);
}

void httpUploadsStop(httpUploads *u) {
    for (int i = 0; i < HTTP_UPLOADS; i++)
        if (u->slot[i].used) unlink(u->slot[i].path);
    pthread_mutex_destroy(&u->mu);
}

typedef struct importBad { sbuf *out; int n; } importBad;

static void importBadRow(void *ctx, uint64_t line, const char *field, const char *message) {
    importBad *b = ctx;
    if (b->n >= 500) return; /* the report lists the first 500; the counts are complete */
    sbufPrintf(b->out, "%s{\"line\":%llu,\"field\":", b->n++ ? "," : "", (unsigned long long)line);
    jsonwString(b->out, field);
    jsonwKey(b->out, "message", 0);
    jsonwString(b->out, message);
    sbufPutc(b->out, '}');
}

/* Imports an uploaded file (dry or for real) and answers the report, or the reason
 * it could not. True when the file was usable (a report was answered). */
static bool importRun(httpCtx *c, const httpUpload *u, bool dry, bool skip_bad) {
    sbuf out;
    sbufInit(&out);
    importBad bad = {&out, 0};
    sbufPuts(&out, "{\"bad\":[");
    const appImportOptions o = {.kind = u->kind, .path = u->path, .name = u->name, .dry_run = dry, .skip_bad = skip_bad,
                                .snapshot = u->snapshot,
                                .actor = c->who.username, .role = c->who.role_name, .client = c->client,
                                .bad = importBadRow, .bad_ctx = &bad};
    appImportResult r;
    const int rc = appImport(httpStore(c), &o, &r);
    if (rc) {
        sbufFree(&out);
        httpFail(c, rc == GH_EINVAL ? 422 : 500, r.message[0] ? r.message : "导入失败 (import failed)");
        return false;
    }
    sbufPrintf(&out, "],\"upload\":%lld,\"import\":%lld,\"kind\":\"%s\",\"name\":", (long long)u->id,
               (long long)r.import_id, extractKindName(u->kind));
    jsonwString(&out, u->name);
    sbufPrintf(&out, ",\"encoding\":\"%s\",\"status\":\"%s\",\"committed\":%s,\"rows_read\":%lld,\"rows_ok\":%lld,"
               "\"rows_bad\":%lld,\"rows_changed\":%lld,\"ignored_columns\":%d,\"snapshot\":",
               r.encoding, r.status, r.committed ? "true" : "false", (long long)r.rows_read, (long long)r.rows_ok,
               (long long)r.rows_bad, (long long)r.rows_changed, r.ignored_columns);
    const char *snapshot = appSnapshotName(u->snapshot);
    if (snapshot) sbufPrintf(&out, "\"%s\",\"rows_removed\":%lld}", snapshot, (long long)r.rows_removed);
    else sbufPuts(&out, "null,\"rows_removed\":0}");
    const bool ok = !out.failed;
    httpReply(c, 200, &out);
    return ok;
}

/* POST /api/imports?kind=K&name=N[&snapshot=businesses|all] (body: the file). */
void apiImportUpload(httpCtx *c) {
    const char *kind_s = httpQuery(c, "kind"), *name = httpQuery(c, "name"), *snapshot_s = httpQuery(c, "snapshot");
    extractKind kind;
    storeSnapshot snapshot = STORE_SNAPSHOT_NONE;
    if (!kind_s || extractKindParse(&kind, kind_s) || !name || !*name || strlen(name) > 100) {
        httpFail(c, 400, "需要 kind（数据种类）和 name（文件名）(kind and name required)");
        return;
    }
    if (snapshot_s && *snapshot_s && (appSnapshotParse(&snapshot, snapshot_s) || !kindGet(kind)->snapshot)) {
        httpFail(c, 400, "snapshot 应为 businesses 或 all，且只用于名单类数据和行政处罚 (snapshot: list kinds only)");
        return;
    }
    /* A department account supplies only the data its department holds. */
    if ((c->who.role & ROLE_DEPARTMENT) && !departmentSupplies(c->who.department, kind)) {
        httpFail(c, 403, "本部门不提供此类数据 (this department does not supply this kind)");
        return;
    }
    httpUploads *ups = &c->srv->uploads;
    pthread_mutex_lock(&ups->mu);
    int slot = -1;
    for (int i = 0; i < HTTP_UPLOADS && slot < 0; i++)
        if (!ups->slot[i].used) slot = i;
    if (slot < 0) {
        pthread_mutex_unlock(&ups->mu);
        httpFail(c, 409, "待确认的上传过多，请先确认或取消 (too many pending uploads)");
        return;
    }
    httpUpload *u = &ups->slot[slot];
    memset(u, 0, sizeof *u);
    u->used = true;
    u->id = ++ups->seq;
    u->account_id = c->who.account_id;
    u->kind = kind;
    u->snapshot = snapshot;
    snprintf(u->name, sizeof u->name, "%s", name);
    snprintf(u->path, sizeof u->path, "%s", c->upload_path);
    c->upload_path[0] = '\0'; /* the file now belongs to the table */
    const httpUpload copy = *u;
    pthread_mutex_unlock(&ups->mu);
    if (!importRun(c, &copy, true, false)) { /* an unusable file is not kept */
        pthread_mutex_lock(&ups->mu);
        unlink(copy.path);
        ups->slot[slot].used = false;
        pthread_mutex_unlock(&ups->mu);
    }
}

/* Takes the caller's pending upload {id} out of the table (a second decision finds
 * nothing). False, after answering 404, when there is none. */
static bool importTake(httpCtx *c, httpUpload *out) {
    const int64_t id = httpParamId(c->params[0]);
    if (!id) {
        httpFail(c, 404, "未找到 (not found)");
        return false;
    }
    httpUploads *ups = &c->srv->uploads;
    pthread_mutex_lock(&ups->mu);
    int slot = -1;
    for (int i = 0; i < HTTP_UPLOADS; i++)
        if (ups->slot[i].used && ups->slot[i].id == id && ups->slot[i].account_id == c->who.account_id) slot = i;
    if (slot >= 0) {
        *out = ups->slot[slot];
        ups->slot[slot].used = false;
    }
    pthread_mutex_unlock(&ups->mu);
    if (slot < 0) httpFail(c, 404, "没有该上传，或不是您上传的 (no such upload of yours)");
    return slot >= 0;
}

/* POST /api/imports/{id}/commit {"skip_bad":bool}. */
void apiImportCommit(httpCtx *c) {
    httpUpload u;
    if (!importTake(c, &u)) return;
    importRun(c, &u, false, strstr(c->body, "\"skip_bad\":true") != NULL);
    unlink(u.path);
}

/* DELETE /api/imports/{id}. */
void apiImportCancel(httpCtx *c) {
    httpUpload u;
    if (!importTake(c, &u)) return;
    unlink(u.path);
    httpReplyJson(c, 200, "{\"cancelled\":true}");
}
