/* Objections to a typing result over HTTP (issue 10 §4): the owner files one with
 * evidence and reads its status and reply; staff see the queue (status, overdue,
 * paged); the department asked to verify sees its list and answers; clerks decide.
 * Each handler calls one use case of app/objection.h and answers its outcome. */
#include "http/api_round.h"
#include "http/routes.h"
#include "app/audit.h"
#include "app/objection.h"
#include "core/error.h"
#include "core/utf8.h"
#include "io/json.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Who acts, from the session (strings point into c->who). */
static appObjWho objWho(const httpCtx *c) {
    const appObjWho w = {.name = c->who.username, .role = c->who.role_name, .client = c->client,
                         .uscc = c->who.uscc[0] ? c->who.uscc : NULL,
                         .department = c->who.department[0] ? c->who.department : NULL, .role_bit = c->who.role};
    return w;
}

static void objFailWith(httpCtx *c, int rc, const appObjOutcome *out) {
    const unsigned status = rc == GH_EREFUSED || rc == GH_ERANGE ? 409 : rc == GH_EINVAL ? 400
                          : rc == GH_ENOTFOUND ? 404 : rc == GH_EBUSY ? 503 : 500;
    if (rc == GH_EBUSY) httpHeader(c, "Retry-After", "1");
    httpFail(c, status, out->message[0] ? out->message : rc == GH_ENOTFOUND ? "未找到 (not found)" : "操作失败 (failed)");
}

static void objDone(httpCtx *c, int rc, const appObjOutcome *out, unsigned status) {
    if (rc) {
        objFailWith(c, rc, out);
        return;
    }
    char body[64];
    snprintf(body, sizeof body, "{\"id\":%lld}", (long long)out->id);
    httpReplyJson(c, status, body);
}

/* The bodies of this file: every field any route takes. */
typedef struct objBody {
    const char *uscc, *code, *statement, *value, *note, *field, *key, *evidence, *reply;
    int year;
    bool correct, has_correct;
} objBody;

static bool objField(jsonReader *j, void *ctx, const char *k, size_t kn) {
    objBody *b = ctx;
    const char **slot = jsonKeyIs(k, kn, "uscc") ? &b->uscc : jsonKeyIs(k, kn, "code") ? &b->code
                      : jsonKeyIs(k, kn, "statement") ? &b->statement : jsonKeyIs(k, kn, "value") ? &b->value
                      : jsonKeyIs(k, kn, "note") ? &b->note : jsonKeyIs(k, kn, "field") ? &b->field
                      : jsonKeyIs(k, kn, "key") ? &b->key : jsonKeyIs(k, kn, "evidence") ? &b->evidence
                      : jsonKeyIs(k, kn, "reply") ? &b->reply : NULL;
    size_t n;
    if (slot) {
        if (jsonPeek(j) == JSON_T_NULL) return !jsonNull(j);
        return jsonPeek(j) == JSON_T_STRING && !jsonString(j, slot, &n) && strlen(*slot) == n &&
               utf8Valid(*slot, n, NULL);
    }
    if (jsonKeyIs(k, kn, "correct")) return b->has_correct = true, !jsonBool(j, &b->correct);
    if (jsonKeyIs(k, kn, "year")) {
        const char *s;
        if (jsonPeek(j) != JSON_T_NUMBER || jsonNumber(j, &s, &n) || n != 4) return false;
        b->year = atoi(s);
        return true;
    }
    return false;
}

static bool objParse(httpCtx *c, objBody *b, arena *a) {
    memset(b, 0, sizeof *b);
    return httpBodyObject(c, a, objField, b);
}

/* POST /api/objections {"year","code","statement"}: the owner objects; 201 {"id"}. */
void apiObjectionFile(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    objBody b;
    if (objParse(c, &b, &a)) {
        const appObjWho who = objWho(c);
        appObjOutcome out;
        const int rc = appObjectionFile(&out, httpStore(c), &who, b.uscc ? b.uscc : who.uscc, b.year, b.code,
                                        b.statement, roundToday(c), httpNow());
        objDone(c, rc, &out, 201);
    }
    arenaFree(&a);
}

/* The queue's filter from the query, narrowed to the caller's own scope. */
typedef struct objList { sbuf *b; store *s; civilDate today; int n; int rc; } objList;
static int objListOne(void *ctx, const storeTypingObjection *o) {
    objList *l = ctx;
    if (l->n++) sbufPutc(l->b, ',');
    return l->rc = appObjectionJson(l->b, l->s, o, l->today);
}

static int objListRead(sbuf *b, store *s, void *ctx) {
    const storeTObjFilter *f = ((void **)ctx)[0];
    const civilDate today = *(const civilDate *)((void **)ctx)[1];
    int64_t total = 0;
    sbufPuts(b, "{\"items\":[");
    objList l = {b, s, today, 0, 0};
    int rc = storeEachTypingObjection(s, f, objListOne, &l, &total);
    sbufPrintf(b, "],\"total\":%lld,\"limit\":%d,\"offset\":%d}", (long long)total, f->limit, f->offset);
    return rc ? rc : l.rc;
}

/* GET /api/objections[?status=filed,verifying&overdue=1&uscc=&limit=&offset=]: an owner
 * its own, a department those it was asked to verify, staff all; oldest first. */
void apiObjectionList(httpCtx *c) {
    static const char *const codes[4] = {"filed", "verifying", "upheld", "rejected"};
    const civilDate today = roundToday(c);
    storeTObjFilter f = {.overdue_at = DATE_NONE, .limit = 50, .uscc = httpQuery(c, "uscc")};
    const char *status = httpQuery(c, "status"), *overdue = httpQuery(c, "overdue");
    const char *limit = httpQuery(c, "limit"), *offset = httpQuery(c, "offset");
    for (int i = 0; status && i < 4; i++)
        if (strstr(status, codes[i])) f.statuses |= 1u << i;
    if ((status && !f.statuses) || (limit && (atoi(limit) < 1 || atoi(limit) > 200)) || (offset && atoi(offset) < 0)) {
        httpFail(c, 400, "status 应为 filed、verifying、upheld、rejected；limit 1-200 (bad filter)");
        return;
    }
    if (limit) f.limit = atoi(limit);
    if (offset) f.offset = atoi(offset);
    if (overdue && !strcmp(overdue, "1")) f.overdue_at = today;
    if (c->who.role & ROLE_BUSINESS) f.uscc = c->who.uscc;
    if (c->who.role & ROLE_DEPARTMENT) f.department = c->who.department;
    void *ctx[2] = {&f, (void *)&today};
    roundReplyRead(c, objListRead, ctx, NULL);
}

typedef struct objOne { const appObjWho *who; int64_t id; civilDate today; } objOne;
static int objOneRead(sbuf *b, store *s, void *ctx) {
    const objOne *q = ctx;
    arena a;
    arenaInit(&a, 4096, 0);
    storeTypingObjection o;
    int rc = storeTypingObjectionGet(s, q->id, &a, &o);
    if (!rc && !appObjectionMayRead(q->who, &o)) rc = GH_ENOTFOUND; /* as if it did not exist */
    if (!rc) rc = appObjectionJson(b, s, &o, q->today);
    arenaFree(&a);
    return rc;
}

/* GET /api/objections/{id}: status, verification, reply; when upheld both results. */
void apiObjectionGet(httpCtx *c) {
    const appObjWho who = objWho(c);
    const objOne q = {&who, httpParamId(c->params[0]), roundToday(c)};
    if (!q.id) httpFail(c, 404, "未找到 (not found)");
    else roundReplyRead(c, objOneRead, (void *)&q, NULL);
}

/* POST /api/objections/{id}/files?name=N (body: the file, Content-Type its type). */
void apiObjectionFileUpload(httpCtx *c) {
    const int fd = c->upload_path && c->upload_path[0] ? open(c->upload_path, O_RDONLY) : -1;
    struct stat st;
    unsigned char *bytes = NULL;
    size_t size = 0;
    if (fd >= 0 && !fstat(fd, &st) && st.st_size <= APP_OBJECTION_FILE_MAX && (bytes = malloc(st.st_size + 1)))
        size = read(fd, bytes, (size_t)st.st_size) == st.st_size ? (size_t)st.st_size : 0;
    if (fd >= 0) close(fd);
    if (!bytes || !size) {
        free(bytes);
        httpFail(c, 413, "材料须为 PDF、JPEG 或 PNG，不超过 10 MiB (file unreadable or too large)");
        return;
    }
    const char *t = httpRequestHeader(c, "Content-Type");
    char type[64];
    snprintf(type, sizeof type, "%.*s", t ? (int)strcspn(t, "; ") : 0, t ? t : "");
    const appObjWho who = objWho(c);
    appObjOutcome out;
    const int rc = appObjectionAddFile(&out, httpStore(c), &who, httpParamId(c->params[0]), httpQuery(c, "name"),
                                       type, bytes, size, httpNow());
    free(bytes);
    objDone(c, rc, &out, 201);
}

/* POST /api/objections/{id}/verify: a clerk asks the department owning the fact. */
void apiObjectionVerify(httpCtx *c) {
    const appObjWho who = objWho(c);
    appObjOutcome out;
    objDone(c, appObjectionAskVerify(&out, httpStore(c), &who, httpParamId(c->params[0]), roundToday(c), httpNow()),
            &out, 200);
}

/* POST /api/objections/{id}/answer {"correct":bool,"value","note"}: the department's answer. */
void apiObjectionAnswer(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    objBody b;
    if (objParse(c, &b, &a)) {
        const appObjWho who = objWho(c);
        appObjOutcome out;
        if (!b.has_correct) httpFail(c, 400, "需要 correct（true：数据无误；false：数据有误并填 value）(correct required)");
        else objDone(c, appObjectionAnswer(&out, httpStore(c), &who, httpParamId(c->params[0]), b.correct, b.value,
                                           b.note, httpNow()), &out, 200);
    }
    arenaFree(&a);
}

/* POST /api/objections/{id}/uphold {"field","year","key","value","evidence","reply"}. */
void apiObjectionUphold(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    objBody b;
    if (objParse(c, &b, &a)) {
        const appObjWho who = objWho(c);
        const appCorrection corr = {.field = b.field, .key = b.key, .value = b.value, .evidence = b.evidence,
                                    .year = b.year};
        appObjOutcome out;
        objDone(c, appObjectionUphold(&out, httpStore(c), &who, httpParamId(c->params[0]), &corr, b.reply, httpNow()),
                &out, 200);
    }
    arenaFree(&a);
}

/* POST /api/objections/{id}/reject {"reply"}. */
void apiObjectionReject(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    objBody b;
    if (objParse(c, &b, &a)) {
        const appObjWho who = objWho(c);
        appObjOutcome out;
        objDone(c, appObjectionReject(&out, httpStore(c), &who, httpParamId(c->params[0]), b.reply, httpNow()), &out,
                200);
    }
    arenaFree(&a);
}

/* GET /api/objections/files/{id}: an evidence file, to whoever may read its objection
 * (404 to anyone else), audited before it is sent; an attachment no browser sniffs. */
void apiObjectionFileGet(httpCtx *c) {
    const appObjWho who = objWho(c);
    const int64_t id = httpParamId(c->params[0]);
    store *s = httpStore(c);
    arena a;
    arenaInit(&a, 1 << 16, 0);
    storeObjectionFile f;
    storeTypingObjection o;
    int rc = id ? storeReadBegin(s) : GH_ENOTFOUND;
    if (!rc) {
        rc = storeObjectionFileGet(s, id, &a, &f);
        if (!rc) rc = storeTypingObjectionGet(s, f.objection_id, &a, &o);
        if (!rc && !appObjectionMayRead(&who, &o)) rc = GH_ENOTFOUND;
        (void)storeReadEnd(s);
    }
    char object[96];
    snprintf(object, sizeof object, "objection file #%lld", (long long)id);
    const storeAudit entry = {.actor = c->who.username, .role = c->who.role_name, .client = c->client,
                              .action = "objection.file.read", .object = object};
    storeIdle(s);
    if (!rc && auditRecord(s, &entry, httpNow())) rc = GH_EBUSY;
    /* the body goes through an unlinked temporary file: the answer outlives the arena */
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/getihu-objection-XXXXXX", dir && *dir ? dir : "/tmp");
    const int fd = rc ? -1 : mkstemp(path);
    if (fd >= 0) unlink(path);
    if (!rc && (fd < 0 || write(fd, f.bytes, f.size) != (ssize_t)f.size || lseek(fd, 0, SEEK_SET) != 0)) rc = GH_EIO;
    static const char *const types[] = {"application/pdf", "image/jpeg", "image/png"};
    const char *type = "application/octet-stream";
    for (int i = 0; !rc && i < 3; i++)
        if (!strcmp(f.content_type, types[i])) type = types[i];
    const size_t size = rc ? 0 : f.size;
    arenaFree(&a);
    if (rc) {
        if (fd >= 0) close(fd);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : rc == GH_EBUSY ? 503 : 500,
                 rc == GH_ENOTFOUND ? "未找到 (not found)" : "读取失败，请稍后重试 (read failed)");
        return;
    }
    static char disposition[] = "attachment; filename=\"objection-evidence\"";
    httpHeader(c, "Content-Disposition", disposition);
    httpReplyFile(c, fd, size, type);
}
