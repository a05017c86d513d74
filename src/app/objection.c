/* Objections to a typing result, the steps before the decision (issue 10 §4):
 * filing, evidence, the department's verification. The decision is in
 * objection_decide.c; the helpers all steps share are here (objection_int.h). */
#include "app/objection_int.h"
#include "app/digest.h"
#include "app/roles.h"
#include "core/error.h"
#include "io/params_json.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int objFail(appObjOutcome *out, int rc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
    return rc;
}

int objStoreFail(appObjOutcome *out, store *s, int rc) {
    if (!out->message[0]) snprintf(out->message, sizeof out->message, "%s", storeError(s));
    return rc;
}

void objAt(char at[32], int64_t now) {
    const time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool objBlank(const char *s) {
    if (!s) return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

bool objStaff(const appObjWho *who) { return (who->role_bit & (ROLE_ADMIN | ROLE_CLERK)) != 0; }

int objAudit(store *s, const appObjWho *who, const char *action, int64_t id, const char *uscc, const char *after,
             int64_t now) {
    char object[96];
    snprintf(object, sizeof object, "objection #%lld %s", (long long)id, uscc ? uscc : "");
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = action,
                          .object = object, .after = after};
    return auditAppend(s, &e, now);
}

int objClose(appObjOutcome *out, store *s, int rc) {
    if (!rc && (rc = storeCommit(s))) objStoreFail(out, s, rc);
    if (rc) storeRollback(s);
    return rc;
}

int objOpen(appObjOutcome *out, store *s, int64_t id, arena *ar, storeTypingObjection *o) {
    int rc = storeBegin(s);
    if (!rc) rc = storeTypingObjectionGet(s, id, ar, o);
    if (rc == GH_ENOTFOUND) return objFail(out, rc, "没有该异议 (no such objection)");
    return rc ? objStoreFail(out, s, rc) : 0;
}

int objLimits(store *s, int64_t run_id, yearParams *p, appObjOutcome *out) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRun run;
    char err[256];
    int rc = storeRunGet(s, run_id, &ar, &run);
    if (rc) objStoreFail(out, s, rc);
    else if ((rc = paramsParseJson(p, run.params_json, strlen(run.params_json), err, sizeof err)))
        objFail(out, rc, "分型批次 %lld 的参数无法读取 (the run's parameters): %s", (long long)run_id, err);
    yearParams shipped;
    const char *text, *path;
    size_t n;
    /* a run made before the time limits were parameters: the shipped file of its year (decision 102) */
    if (!rc && (!p->objection_reply_days || !p->objection_verify_days) && !paramsBuiltin(p->year, &text, &n, &path) &&
        !paramsParseJson(&shipped, text, n, err, sizeof err)) {
        if (!p->objection_reply_days) p->objection_reply_days = shipped.objection_reply_days;
        if (!p->objection_verify_days) p->objection_verify_days = shipped.objection_verify_days;
    }
    if (!rc && (!p->objection_reply_days || !p->objection_verify_days))
        rc = objFail(out, GH_EINVAL, "%d 年度参数未规定异议处理时限 objection_reply_days、objection_verify_days "
                                     "(the year's parameters set no time limits for objections)", p->year);
    arenaFree(&ar);
    return rc;
}

/* Finds the result of one run among a business's results. */
typedef struct objFind { int64_t run_id; int found; } objFind;
static int objFindRun(void *ctx, const storeResult *r) {
    objFind *f = ctx;
    if (r->run_id == f->run_id) f->found = 1;
    return 0;
}

static int objCountOpen(void *ctx, const storeTypingObjection *o) {
    int *n = ctx;
    (void)o;
    (*n)++;
    return 0;
}

int appObjectionFile(appObjOutcome *out, store *s, const appObjWho *who, const char *uscc, int year,
                     const char *code, const char *statement, civilDate today, int64_t now) {
    memset(out, 0, sizeof *out);
    const char *kind = appObjectionKindOf(code);
    if (!(who->role_bit & ROLE_BUSINESS) || !who->uscc || !uscc || strcmp(who->uscc, uscc))
        return objFail(out, GH_EREFUSED, "只能对本户的分型结果提出异议 (only for your own business)");
    if (!kind) return objFail(out, GH_EINVAL, "code: 请选择有异议的分型条件 (unknown condition)");
    if (objBlank(statement) || strlen(statement) > APP_OBJECTION_STATEMENT_MAX)
        return objFail(out, GH_EINVAL, "statement: 请写明异议理由，不超过 %d 字节 (statement required)",
                       APP_OBJECTION_STATEMENT_MAX);
    yearParams p = {0};
    objFind f = {0, 0};
    int open = 0, rc = storeBegin(s);
    if (rc) return objStoreFail(out, s, rc);
    rc = storePublishedRun(s, year, &f.run_id);
    if (rc == GH_ENOTFOUND) rc = objFail(out, GH_EREFUSED, "%d 年度分型结果尚未公布 (no published result)", year);
    if (!rc && (rc = storeEachResultOf(s, uscc, objFindRun, &f))) objStoreFail(out, s, rc);
    if (!rc && !f.found) rc = objFail(out, GH_EREFUSED, "本户没有 %d 年度已公布的分型结果 (no published result)", year);
    if (!rc) rc = objLimits(s, f.run_id, &p, out);
    const storeTObjFilter open_of = {.uscc = uscc, .statuses = 1u << TOBJ_FILED | 1u << TOBJ_VERIFYING,
                                     .overdue_at = DATE_NONE};
    if (!rc && (rc = storeEachTypingObjection(s, &open_of, objCountOpen, &open, NULL))) objStoreFail(out, s, rc);
    if (!rc && open) rc = objFail(out, GH_EREFUSED, "本户已有未办结的异议，请等待答复 (an objection is still open)");
    char at[32], after[256];
    objAt(at, now);
    const storeTypingObjection o = {.uscc = uscc, .year = year, .run_id = f.run_id, .code = code, .kind = kind,
                                    .statement = statement, .filed_by = who->name, .filed_at = at, .filed_on = today,
                                    .reply_due = today + p.objection_reply_days, .status = TOBJ_FILED};
    if (!rc && (rc = storeTypingObjectionAdd(s, &o, &out->id))) objStoreFail(out, s, rc);
    snprintf(after, sizeof after, "{\"year\":%d,\"run\":%lld,\"code\":\"%s\",\"status\":\"filed\"}", year,
             (long long)f.run_id, code);
    if (!rc && (rc = objAudit(s, who, "objection.file", out->id, uscc, after, now))) objStoreFail(out, s, rc);
    return objClose(out, s, rc);
}

/* PDF, JPEG or PNG, and the first bytes say so (a renamed file is refused). */
static bool objFileTypeValid(const char *type, const unsigned char *b, size_t n) {
    if (!type) return false;
    if (!strcmp(type, "application/pdf")) return n >= 5 && !memcmp(b, "%PDF-", 5);
    if (!strcmp(type, "image/jpeg")) return n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
    if (!strcmp(type, "image/png")) return n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8);
    return false;
}

static int objCountFile(void *ctx, const storeObjectionFile *f) {
    int *n = ctx;
    (void)f;
    (*n)++;
    return 0;
}

int appObjectionAddFile(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, const char *name,
                        const char *content_type, const unsigned char *bytes, size_t size, int64_t now) {
    memset(out, 0, sizeof *out);
    if (!size || size > APP_OBJECTION_FILE_MAX || objBlank(name) || !objFileTypeValid(content_type, bytes, size))
        return objFail(out, GH_EINVAL, "材料须为 PDF、JPEG 或 PNG，不超过 10 MiB，并有文件名 "
                                       "(PDF, JPEG or PNG up to 10 MiB, with a name)");
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection o = {0};
    int files = 0, rc = objOpen(out, s, id, &ar, &o);
    const bool owner = (who->role_bit & ROLE_BUSINESS) && who->uscc && o.uscc && !strcmp(who->uscc, o.uscc);
    if (!rc && !(owner || objStaff(who)))
        rc = objFail(out, GH_ENOTFOUND, "没有该异议 (no such objection)");
    if (!rc && o.status != TOBJ_FILED && o.status != TOBJ_VERIFYING)
        rc = objFail(out, GH_EREFUSED, "异议已办结，不能再添加材料 (the objection is decided)");
    if (!rc && (rc = storeEachObjectionFile(s, id, objCountFile, &files))) objStoreFail(out, s, rc);
    if (!rc && files >= APP_OBJECTION_FILES)
        rc = objFail(out, GH_EINVAL, "每件异议至多 %d 个材料文件 (too many files)", APP_OBJECTION_FILES);
    char sha[65], at[32], after[160];
    digestSha256Hex(bytes, size, sha);
    objAt(at, now);
    const storeObjectionFile f = {.objection_id = id, .name = name, .content_type = content_type, .sha256 = sha,
                                  .added_by = who->name, .added_at = at, .bytes = bytes, .size = size};
    if (!rc && (rc = storeObjectionFileAdd(s, &f, &out->id))) objStoreFail(out, s, rc);
    snprintf(after, sizeof after, "{\"file\":%lld,\"size\":%zu,\"sha256\":\"%s\"}", (long long)out->id, size, sha);
    if (!rc && (rc = objAudit(s, who, "objection.evidence", id, o.uscc, after, now))) objStoreFail(out, s, rc);
    rc = objClose(out, s, rc);
    arenaFree(&ar);
    return rc;
}

int appObjectionAskVerify(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, civilDate today,
                          int64_t now) {
    memset(out, 0, sizeof *out);
    if (!objStaff(who)) return objFail(out, GH_EREFUSED, "只有登记窗口人员可以请部门核实 (clerks only)");
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection o = {0};
    yearParams p = {0};
    int rc = objOpen(out, s, id, &ar, &o);
    if (!rc && o.status != TOBJ_FILED)
        rc = objFail(out, GH_EREFUSED, "只有新提出的异议可以请部门核实 (only a filed objection)");
    if (!rc) rc = objLimits(s, o.run_id, &p, out);
    char at[32], after[256];
    objAt(at, now);
    o.status = TOBJ_VERIFYING;
    o.department = appObjectionDepartmentOf(o.kind);
    o.verify_asked_by = who->name;
    o.verify_asked_at = at;
    o.verify_due = today + p.objection_verify_days;
    if (!rc && (rc = storeTypingObjectionUpdate(s, &o, TOBJ_FILED))) objStoreFail(out, s, rc);
    snprintf(after, sizeof after, "{\"status\":\"verifying\",\"department\":\"%s\",\"kind\":\"%s\"}", o.department,
             o.kind);
    if (!rc && (rc = objAudit(s, who, "objection.verify", id, o.uscc, after, now))) objStoreFail(out, s, rc);
    rc = objClose(out, s, rc);
    out->id = id;
    arenaFree(&ar);
    return rc;
}

/* The department asked, or a clerk for the clerks' own bureau (decision 103). */
static bool objMayAnswer(const appObjWho *who, const storeTypingObjection *o) {
    if (!o->department) return false;
    if (who->role_bit & ROLE_DEPARTMENT) return who->department && !strcmp(who->department, o->department);
    return objStaff(who) && !strcmp(o->department, APP_OBJECTION_SELF_DEPARTMENT);
}

int appObjectionAnswer(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, bool data_correct,
                       const char *value, const char *note, int64_t now) {
    memset(out, 0, sizeof *out);
    if (!data_correct && objBlank(value))
        return objFail(out, GH_EINVAL, "value: 数据有误时请填写正确的值 (the correct value is required)");
    if ((value && strlen(value) > 200) || (note && strlen(note) > APP_OBJECTION_STATEMENT_MAX))
        return objFail(out, GH_EINVAL, "value 或 note 过长 (too long)");
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection o = {0};
    int rc = objOpen(out, s, id, &ar, &o);
    if (!rc && !objMayAnswer(who, &o)) /* those who may not even read it learn nothing of it */
        rc = appObjectionMayRead(who, &o)
                 ? objFail(out, GH_EREFUSED, "未请您所在部门核实该异议 (your department was not asked to verify it)")
                 : objFail(out, GH_ENOTFOUND, "没有该异议 (no such objection)");
    if (!rc && (o.status != TOBJ_VERIFYING || o.answer != TOBJ_ANSWER_NONE))
        rc = objFail(out, GH_EREFUSED, "该异议不在待核实状态，或已答复 (not awaiting verification)");
    char at[32], after[256];
    objAt(at, now);
    o.answer = data_correct ? TOBJ_ANSWER_CORRECT : TOBJ_ANSWER_WRONG;
    o.answer_value = data_correct ? NULL : value;
    o.answer_note = note;
    o.answered_by = who->name;
    o.answered_at = at;
    if (!rc && (rc = storeTypingObjectionUpdate(s, &o, TOBJ_VERIFYING))) objStoreFail(out, s, rc);
    snprintf(after, sizeof after, "{\"answer\":\"%s\",\"department\":\"%s\"}", data_correct ? "correct" : "wrong",
             o.department ? o.department : "");
    if (!rc && (rc = objAudit(s, who, "objection.answer", id, o.uscc, after, now))) objStoreFail(out, s, rc);
    rc = objClose(out, s, rc);
    out->id = id;
    arenaFree(&ar);
    return rc;
}

bool appObjectionMayRead(const appObjWho *who, const storeTypingObjection *o) {
    if (who->role_bit & (ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER | ROLE_INSPECTOR)) return true;
    if (who->role_bit & ROLE_BUSINESS) return who->uscc && o->uscc && !strcmp(who->uscc, o->uscc);
    if (who->role_bit & ROLE_DEPARTMENT)
        return who->department && o->department && !strcmp(who->department, o->department);
    return false;
}

int appObjectionAge(const storeTypingObjection *o, civilDate today) {
    return o->filed_on == DATE_NONE || today < o->filed_on ? 0 : (int)(today - o->filed_on);
}

bool appObjectionOverdue(const storeTypingObjection *o, civilDate today) {
    return (o->status == TOBJ_FILED || o->status == TOBJ_VERIFYING) && o->reply_due != DATE_NONE &&
           today > o->reply_due;
}
