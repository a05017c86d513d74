/* The decision on an objection to a typing result (issue 10 §4; RULES.md A1.2.3):
 * upheld — the fact corrected in the directory (decision 100), the business re-typed
 * with the objected run's own parameters, the new result kept beside the run's
 * (decision 101); rejected — a written reply citing the articles. */
#include "app/objection_int.h"
#include "app/digest.h"
#include "app/measures.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "rules/explain.h"
#include "rules/render.h"
#include "rules/result_facts.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The result of run_id for the business, as published until now (a correction included). */
typedef struct objOld {
    int64_t run_id;
    bool found;
    bizType type;
    char *reasons;
    arena *ar;
} objOld;

/* Issue 10 §2: an upheld correction that changes the type changes what the business
 * is entitled to; record it (kind correction, ref the objection) with the categories
 * it holds today, in the uphold's transaction. */
static int objNoteEntitlement(appObjOutcome *out, store *s, int64_t id, const char *uscc, bizType before,
                              bizType after, int64_t now) {
    if (before == after) return 0;
    const time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    unsigned held = 0;
    char ref[24];
    snprintf(ref, sizeof ref, "%lld", (long long)id);
    int rc = storeHeldCategories(s, uscc, dateFromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), &held);
    if (!rc) rc = appEntitlementNote(s, MCHANGE_CORRECTION, ref, uscc, (int)before, held, (int)after, held, now);
    return rc ? objStoreFail(out, s, rc) : 0;
}

static int objOldOf(void *ctx, const storeResult *r) {
    objOld *o = ctx;
    if (r->run_id != o->run_id || o->found) return 0;
    o->found = true;
    o->type = r->type;
    o->reasons = arenaStrndup(o->ar, r->reasons ? r->reasons : "[]", r->reasons ? r->reasons_len : 2);
    return o->reasons ? 0 : GH_ENOMEM;
}

/* The decision may follow a filing or a verification, by a clerk. */
static int objDecidable(appObjOutcome *out, const appObjWho *who, const storeTypingObjection *o) {
    if (!objStaff(who)) return objFail(out, GH_EREFUSED, "只有登记窗口人员可以作出决定 (clerks only)");
    if (o->status != TOBJ_FILED && o->status != TOBJ_VERIFYING)
        return objFail(out, GH_EREFUSED, "该异议已办结 (the objection is decided)");
    return 0;
}

/* Writes the corrected dossier d into the directory as an import of its own kind
 * "correction" (the business's import history then names it), and the correction record. */
static int objWriteFact(appObjOutcome *out, store *s, const appObjWho *who, const storeTypingObjection *o,
                        const dossier *d, const appCorrection *c, const char *kind, const char *old, const char *at) {
    char name[64], sha[65];
    snprintf(name, sizeof name, "objection #%lld", (long long)o->id);
    digestSha256Hex(c->value, strlen(c->value), sha);
    const storeImport imp = {.kind = "correction", .file_name = name, .sha256 = sha, .actor = who->name};
    int64_t import_id = 0, cid = 0;
    int changed = 0;
    int rc = storeImportCreate(s, &imp, &import_id);
    if (!rc) rc = storeApplyDossier(s, d, import_id, &changed);
    const storeImport done = {.status = "committed", .rows_read = 1, .rows_ok = 1, .rows_changed = changed};
    if (!rc) rc = storeImportFinish(s, import_id, &done);
    const storeCorrection rec = {.objection_id = o->id, .uscc = o->uscc, .kind = kind, .field = c->field,
                                 .key = c->key, .year = c->year, .old_value = old, .new_value = c->value,
                                 .evidence = c->evidence, .by = who->name, .at = at};
    if (!rc) rc = storeCorrectionAdd(s, &rec, &cid);
    return rc ? objStoreFail(out, s, rc) : 0;
}

/* The renderer version of run_id's results, for its correction (decision 221). */
static int objRenderer(appObjOutcome *out, store *s, int64_t run_id, int *version) {
    arena ar;
    arenaInit(&ar, 1024, 0);
    storeRun run;
    const int rc = storeRunGet(s, run_id, &ar, &run);
    if (rc) objStoreFail(out, s, rc);
    else *version = renderVersionOf(run.renderer);
    arenaFree(&ar);
    return rc;
}

/* Re-types d with p (the run's parameters): *type the new type, facts its reasons
 * as stored (issue 12 §1), shown the same rendered in version for the objection's record. */
static int objRetype(appObjOutcome *out, const dossier *d, const yearParams *p, int version, bizType *type,
                     sbuf *facts, sbuf *shown) {
    typingResult r;
    if (d->established == DATE_NONE || d->established > p->reference_date || typingClassify(&r, d, p))
        return objFail(out, GH_EINVAL, "更正后成立日期晚于基准日，不在该年度分型范围内 (not in the year's population)");
    resultFactsEncode(facts, version, &r);
    renderReasonsJson(shown, version, &r);
    *type = r.type;
    return facts->failed || shown->failed ? objFail(out, GH_ENOMEM, "内存不足 (out of memory)") : 0;
}

int appObjectionUphold(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, const appCorrection *c,
                       const char *reply, int64_t now) {
    memset(out, 0, sizeof *out);
    if (reply && strlen(reply) > APP_OBJECTION_STATEMENT_MAX) return objFail(out, GH_EINVAL, "reply: 过长 (too long)");
    arena ar;
    arenaInit(&ar, 8192, 0);
    sbuf reasons, shown;
    sbufInit(&reasons);
    sbufInit(&shown);
    int version = RENDER_CURRENT;
    storeTypingObjection o = {0};
    yearParams p = {0};
    dossier d;
    const char *kind = NULL;
    char old[128] = "", at[32];
    objOld before = {.ar = &ar};
    int rc = objOpen(out, s, id, &ar, &o);
    if (!rc) rc = objDecidable(out, who, &o);
    const storeTObjStatus from = o.status;
    if (!rc) rc = objLimits(s, o.run_id, &p, out);
    if (!rc && (rc = storeLoadDossier(s, o.uscc, &ar, &d))) objStoreFail(out, s, rc);
    if (!rc) rc = appCorrectionApply(&d, c, &ar, &kind, old, sizeof old, out->message, sizeof out->message);
    before.run_id = o.run_id;
    if (!rc && (rc = storeEachResultOf(s, o.uscc, objOldOf, &before))) objStoreFail(out, s, rc);
    if (!rc && !before.found) rc = objFail(out, GH_ENOTFOUND, "分型批次中没有该户的结果 (no result in the run)");
    objAt(at, now);
    if (!rc) rc = objWriteFact(out, s, who, &o, &d, c, kind, old, at);
    bizType type = TYPE_INELIGIBLE;
    if (!rc) rc = objRenderer(out, s, o.run_id, &version);
    if (!rc) rc = objRetype(out, &d, &p, version, &type, &reasons, &shown);
    if (!rc && (rc = storeResultCorrect(s, o.run_id, o.uscc, type, reasons.data, reasons.len, id)))
        objStoreFail(out, s, rc);
    if (!rc) rc = objNoteEntitlement(out, s, id, o.uscc, before.type, type, now);
    o.status = TOBJ_UPHELD;
    o.reply = objBlank(reply) ? "经核实，您的异议成立：已更正数据并按原批次参数重新分型。" : reply;
    o.decided_by = who->name;
    o.decided_at = at;
    o.old_type = before.type;
    o.new_type = type;
    o.old_reasons = before.reasons;
    o.new_reasons = shown.data ? shown.data : "[]";
    if (!rc && (rc = storeTypingObjectionUpdate(s, &o, from))) objStoreFail(out, s, rc);
    sbuf after; /* the correction's values are the clerk's text: escaped */
    sbufInit(&after);
    sbufPrintf(&after, "{\"status\":\"upheld\",\"rule\":\"A1.2.3\",\"year\":%d,\"field\":", c->year);
    jsonwString(&after, c->field ? c->field : "");
    jsonwKey(&after, "old", 0);
    jsonwString(&after, old);
    jsonwKey(&after, "new", 0);
    jsonwString(&after, c->value ? c->value : "");
    sbufPrintf(&after, ",\"type_before\":\"%s\",\"type_after\":\"%s\"}", typingTypeCode(before.type),
               typingTypeCode(type));
    if (!rc && after.failed) rc = objFail(out, GH_ENOMEM, "内存不足 (out of memory)");
    if (!rc && (rc = objAudit(s, who, "objection.uphold", id, o.uscc, after.data, now))) objStoreFail(out, s, rc);
    sbufFree(&after);
    rc = objClose(out, s, rc);
    out->id = id;
    sbufFree(&reasons);
    sbufFree(&shown);
    arenaFree(&ar);
    return rc;
}

/* The article of a reason code ("A1.3.2(2)A"), or "" for an unknown one. */
static const char *objArticle(const char *code) {
    for (int i = 0; code && i < REASON__COUNT; i++)
        if (!strcmp(explainCode((reasonCode)i), code)) return explainArticle((reasonCode)i);
    return "";
}

int appObjectionReject(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, const char *reply,
                       int64_t now) {
    memset(out, 0, sizeof *out);
    if (objBlank(reply) || strlen(reply) > APP_OBJECTION_STATEMENT_MAX)
        return objFail(out, GH_EINVAL, "reply: 驳回须书面说明理由 (a written reply is required)");
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection o = {0};
    int rc = objOpen(out, s, id, &ar, &o);
    if (!rc) rc = objDecidable(out, who, &o);
    char at[32], after[160];
    objAt(at, now);
    const storeTObjStatus from = rc ? TOBJ_FILED : o.status;
    sbuf text;
    sbufInit(&text);
    /* the reply cites the articles: the objection procedure and the condition contested */
    if (!rc)
        sbufPrintf(&text, "依据《北京市大兴区个体工商户分型分类标准及帮扶措施》A1.2.3（异议处理）及 %s（%s）：%s",
                   objArticle(o.code), o.code, reply);
    if (!rc && text.failed) rc = objFail(out, GH_ENOMEM, "内存不足 (out of memory)");
    o.status = TOBJ_REJECTED;
    o.reply = text.data;
    o.decided_by = who->name;
    o.decided_at = at;
    if (!rc && (rc = storeTypingObjectionUpdate(s, &o, from))) objStoreFail(out, s, rc);
    snprintf(after, sizeof after, "{\"status\":\"rejected\",\"rule\":\"A1.2.3\",\"article\":\"%s\"}",
             objArticle(o.code));
    if (!rc && (rc = objAudit(s, who, "objection.reject", id, o.uscc, after, now))) objStoreFail(out, s, rc);
    rc = objClose(out, s, rc);
    out->id = id;
    sbufFree(&text);
    arenaFree(&ar);
    return rc;
}
