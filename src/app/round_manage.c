/* The round's records that are not transitions: departments' opinions,
 * objections and their answers, the extension (evaluation), information reports
 * and commendations (contracts in app/round.h). Each writes its audit entry in
 * the transaction of its change. */
#include "app/round_int.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "rules/round_calendar.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <string.h>

static bool manageStaff(const appRoundWho *who) {
    const roundRole r = who->actor.role;
    return r == RROLE_CLERK || r == RROLE_REVIEWER || r == RROLE_ADMIN;
}

/* ---- 部门联审 ---- */

int appRoundOpinion(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const char *department,
                    storeOpinionKind opinion, const char *reason, int64_t now) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRoundApp a;
    int rc = roundOpen(out, s, id, &ar, &a, NULL);
    const bool dept = who->actor.role == RROLE_DEPARTMENT;
    if (rc) {
    } else if (a.state != RSTATE_JOINT) rc = roundRefuseMsg(out, "该申报不在部门联审阶段 (not in joint review)");
    else if (!department || !department[0] || (unsigned)opinion > OPINION_DISAGREE)
        rc = roundFail(out, s, GH_EINVAL, "须写明部门和意见 (department and opinion required)");
    else if (dept ? (opinion == OPINION_PENDING || !who->actor.department || strcmp(who->actor.department, department))
                  : (!manageStaff(who) || opinion != OPINION_PENDING))
        rc = roundRefuseMsg(out, "部门只能提出本部门意见；经办人员只能征求意见 (a department gives its own opinion; staff ask)");
    else if (opinion == OPINION_DISAGREE && roundBlank(reason))
        rc = roundRefuseMsg(out, "不同意须写明理由 (a disagreement needs its reason)");
    char at[32], after[256];
    roundAt(at, now);
    static const char *const codes[3] = {"pending", "agree", "disagree"};
    if (!rc) {
        const storeOpinion o = {.app_id = a.id, .department = department, .opinion = opinion, .reason = reason,
                                .by = who->name, .at = at};
        if ((rc = storeOpinionPut(s, &o))) roundFail(out, s, rc, NULL);
        sbuf b;
        sbufInit(&b);
        sbufPuts(&b, "{\"department\":");
        jsonwString(&b, department);
        jsonwKey(&b, "opinion", 0);
        jsonwString(&b, codes[opinion]);
        sbufPutc(&b, '}');
        snprintf(after, sizeof after, "%s", b.failed ? "{}" : b.data);
        sbufFree(&b);
    }
    return roundClose(out, s, who, &a, rc, "round.opinion", after, now, &ar);
}

/* ---- 公示 and objections ---- */

int appRoundObject(appRoundOutcome *out, store *s, const char *client, const char *id, const char *reason,
                   const char *contact, civilDate today, int64_t now, const yearParams *p) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRoundApp a;
    const appRoundWho public = {.name = "public", .role = "public", .client = client};
    int rc = roundOpen(out, s, id, &ar, &a, NULL);
    if (!rc && (a.state != RSTATE_PUBLICITY || !roundObjectionWindow(a.publicity_from, today, p)))
        rc = roundRefuseMsg(out, "该户不在公示期内，不受理异议 (not under publicity)");
    else if (!rc && roundBlank(reason)) rc = roundRefuseMsg(out, "异议须写明理由 (a reason is required)");
    char at[32], after[64] = "";
    roundAt(at, now);
    if (!rc) {
        const storeObjection o = {.app_id = a.id, .reason = reason, .contact = contact && contact[0] ? contact : NULL,
                                  .filed_at = at};
        if ((rc = storeObjectionAdd(s, &o, &out->record_id))) roundFail(out, s, rc, NULL);
        snprintf(after, sizeof after, "{\"objection\":%lld}", (long long)out->record_id); /* no contact: personal */
    }
    return roundClose(out, s, &public, &a, rc, "round.objection", after, now, &ar);
}

typedef struct objectionFind { int64_t id; bool found; } objectionFind;

static int findObjection(void *ctx, const storeObjection *o) {
    objectionFind *f = ctx;
    f->found |= o->id == f->id;
    return 0;
}

int appRoundAnswer(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, int64_t objection_id,
                   const char *reply, int64_t now) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRoundApp a;
    objectionFind f = {.id = objection_id};
    int rc = roundOpen(out, s, id, &ar, &a, NULL);
    if (!rc && !manageStaff(who)) rc = roundRefuseMsg(out, "只有区里的经办、审核人员答复异议 (staff answer objections)");
    else if (!rc && roundBlank(reply)) rc = roundRefuseMsg(out, "答复须有内容 (a written reply is required)");
    if (!rc && (rc = storeEachObjection(s, a.id, false, findObjection, &f))) roundFail(out, s, rc, NULL);
    if (!rc && !f.found) rc = roundFail(out, s, GH_ENOTFOUND, "该申报没有这条异议 (no such objection to it)");
    char at[32], after[64] = "";
    roundAt(at, now);
    if (!rc && (rc = storeObjectionAnswer(s, objection_id, reply, who->name, at))) roundFail(out, s, rc, NULL);
    snprintf(after, sizeof after, "{\"objection\":%lld,\"answered\":true}", (long long)objection_id);
    return roundClose(out, s, who, &a, rc, "round.objection.answer", after, now, &ar);
}

/* ---- validity: evaluation D's consent, the extension ---- */

int appRoundExtensionConsent(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, civilDate today,
                             int64_t now) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRoundApp a;
    storeRecognition r;
    int rc = roundOpen(out, s, id, &ar, &a, &r);
    if (!rc && (r.route != ROUTE_RECOMMENDED || who->actor.role != RROLE_DEPARTMENT || !who->actor.department ||
                !a.recommended_by || strcmp(who->actor.department, a.recommended_by)))
        rc = roundRefuseMsg(out, "只有推荐部门可同意延期 (only the recommending department consents)");
    if (!rc) {
        r.dept_consent_on = today;
        if ((rc = storeRecognitionUpdate(s, &r))) roundFail(out, s, rc, NULL);
    }
    char after[64], on[DATE_STRLEN];
    dateFormat(on, today);
    snprintf(after, sizeof after, "{\"dept_consent_on\":\"%s\"}", on);
    return roundClose(out, s, who, &a, rc, "round.extension_consent", after, now, &ar);
}

typedef struct commendList { civilDate v[64]; size_t n; } commendList;

static int addCommendation(void *ctx, const storeCommendation *c) {
    commendList *l = ctx;
    if (l->n < sizeof l->v / sizeof l->v[0]) l->v[l->n++] = c->commended_on;
    return 0;
}

typedef struct latestType { int year; bizType type; bool found; } latestType;

static int findLatestType(void *ctx, const storeResult *r) {
    latestType *t = ctx;
    if (r->published && !t->found && r->year <= t->year) t->found = true, t->type = r->type;
    return 0;
}

int roundEvaluateOne(roundEvaluation *e, store *s, const storeRecognition *r, civilDate today, const yearParams *p,
                     arena *ar) {
    dossier d;
    commendList cl = {.n = 0};
    latestType lt = {.year = dateYear(today), .type = r->type};
    int rc = storeLoadDossier(s, r->uscc, ar, &d);
    if (!rc) rc = storeEachCommendation(s, r->uscc, addCommendation, &cl);
    if (!rc) rc = storeEachResultOf(s, r->uscc, findLatestType, &lt);
    if (rc) return rc;
    const roundRecognition rr = roundRecognitionOf(r);
    const roundEvalInput in = {.r = &rr, .d = &d, .latest_type = lt.type, .commendations = cl.v,
                               .n_commendations = cl.n, .department_consent_on = r->dept_consent_on};
    return roundEvaluate(e, &in, today, p);
}

int appRoundExtend(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, civilDate today,
                   int64_t now, const yearParams *p) {
    arena ar;
    arenaInit(&ar, 8192, 0);
    storeRoundApp a;
    storeRecognition r;
    roundEvaluation e;
    int rc = roundOpen(out, s, id, &ar, &a, NULL);
    if (!rc && who->actor.role != RROLE_REVIEWER && who->actor.role != RROLE_ADMIN)
        rc = roundRefuseMsg(out, "延期由审核人员或管理员决定 (a reviewer or administrator extends)");
    if (!rc && (rc = storeRecognitionGet(s, a.id, &ar, &r))) roundFail(out, s, rc, NULL);
    if (!rc && r.ended != RECOG_HELD) rc = roundRefuseMsg(out, "认定已终止 (the recognition has ended)");
    if (!rc && (rc = roundEvaluateOne(&e, s, &r, today, p, &ar))) roundFail(out, s, rc, NULL);
    if (!rc && !e.extend)
        rc = roundRefuseMsg(out, e.in_final_year ? "A3.3.5: 评价 A–D 均不符合，不予延期，有效期届满 (none of A-D: expiry)"
                                                 : "A3.3.5: 不在有效期最后一年，不评价延期 (not in the final year)");
    char after[128] = "", until[DATE_STRLEN];
    if (!rc) {
        r.extensions++;
        r.expires = e.new_expires;
        if ((rc = storeRecognitionUpdate(s, &r))) roundFail(out, s, rc, NULL);
        dateFormat(until, e.new_expires);
        snprintf(after, sizeof after, "{\"expires\":\"%s\",\"a\":%s,\"b\":%s,\"c\":%s,\"d\":%s}", until,
                 e.a ? "true" : "false", e.b ? "true" : "false", e.c ? "true" : "false", e.d ? "true" : "false");
    }
    return roundClose(out, s, who, &a, rc, "round.extend", after, now, &ar);
}

/* ---- information reports, commendations ---- */

int appRoundReportFile(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const char *changes,
                       civilDate today, int64_t now) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRoundApp a;
    storeRecognition r;
    int rc = roundOpen(out, s, id, &ar, &a, &r);
    if (!rc && (who->actor.role != RROLE_OWNER || !who->actor.uscc || strcmp(who->actor.uscc, r.uscc)))
        rc = roundRefuseMsg(out, "信息报告由本户经营者填报 (the owner files it)");
    if (!rc && (r.ended != RECOG_HELD || today < r.recognised_on || today >= r.expires))
        rc = roundRefuseMsg(out, "认定不在有效期内 (the recognition is not valid)");
    char at[32], after[64] = "";
    roundAt(at, now);
    if (!rc) {
        const storeInfoReport rep = {.app_id = a.id, .year = dateYear(today), .filed_on = today,
                                     .changes = changes ? changes : "", .filed_by = who->name};
        if ((rc = storeInfoReportAdd(s, &rep, &out->record_id))) roundFail(out, s, rc, NULL);
        snprintf(after, sizeof after, "{\"report\":%lld,\"year\":%d}", (long long)out->record_id, dateYear(today));
    }
    return roundClose(out, s, who, &a, rc, "round.report", after, now, &ar);
}

int appRoundReportCheck(appRoundOutcome *out, store *s, const appRoundWho *who, int64_t report_id, bool confirmed,
                        const char *note, int64_t now) {
    memset(out, 0, sizeof *out);
    if (!manageStaff(who)) return roundRefuseMsg(out, "信息报告由区里的经办、审核人员核查 (staff check reports)");
    if (!confirmed && roundBlank(note)) return roundRefuseMsg(out, "质询须写明问题 (a query needs its question)");
    char at[32], object[64], after[64];
    roundAt(at, now);
    snprintf(object, sizeof object, "report %lld", (long long)report_id);
    snprintf(after, sizeof after, "{\"status\":\"%s\"}", confirmed ? "confirmed" : "queried");
    int rc = storeBegin(s);
    if (!rc) rc = storeInfoReportCheck(s, report_id, confirmed ? REPORT_CONFIRMED : REPORT_QUERIED, who->name, at, note);
    if (!rc) rc = roundAudit(s, who, "round.report.check", object, NULL, after, now);
    if (rc) roundFail(out, s, rc, NULL);
    return roundEnd(out, s, rc);
}

int appRoundKeep(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const char *reason,
                 int64_t now, const yearParams *p) {
    arena ar;
    arenaInit(&ar, 8192, 0);
    storeRoundApp a;
    storeRecognition r;
    roundRecheck c;
    bool in_run = false;
    int rc = roundOpen(out, s, id, &ar, &a, NULL);
    if (!rc && who->actor.role != RROLE_REVIEWER && who->actor.role != RROLE_ADMIN)
        rc = roundRefuseMsg(out, "保留认定由审核人员或管理员决定 (a reviewer or administrator keeps it)");
    else if (!rc && roundBlank(reason)) rc = roundRefuseMsg(out, "保留须写明理由 (a reason is required)");
    if (!rc && (rc = storeRecognitionGet(s, a.id, &ar, &r))) roundFail(out, s, rc, NULL);
    if (!rc && (r.ended != RECOG_HELD || p->reference_date < r.recognised_on || p->reference_date >= r.expires))
        rc = roundRefuseMsg(out, "认定在复核基准日不在有效期内 (not valid at the re-check's date)");
    if (!rc && (rc = roundRecheckOne(&c, &in_run, s, &r, p, &ar))) roundFail(out, s, rc, NULL);
    if (!rc && (!in_run || !c.flagged)) rc = roundRefuseMsg(out, "复核未列入取消清单 (not on the cancellation worklist)");
    char at[32], after[64] = "";
    roundAt(at, now);
    if (!rc) {
        const storeKeep k = {.app_id = a.id, .year = p->year, .reason = reason, .by = who->name, .at = at};
        if ((rc = storeKeepAdd(s, &k))) roundFail(out, s, rc, NULL);
        snprintf(after, sizeof after, "{\"kept\":%d}", p->year);
    }
    return roundClose(out, s, who, &a, rc, "round.keep", after, now, &ar);
}

int appRoundCommend(appRoundOutcome *out, store *s, const appRoundWho *who, const char *uscc, civilDate on,
                    const char *title, const char *level, int64_t now) {
    memset(out, 0, sizeof *out);
    if (!manageStaff(who)) return roundRefuseMsg(out, "表彰由区里的经办、审核人员登记 (staff record commendations)");
    if (roundBlank(title) || roundBlank(level) || on == DATE_NONE)
        return roundFail(out, s, GH_EINVAL, "须写明表彰名称、级别和日期 (title, level and date required)");
    char at[32], object[64], after[64];
    roundAt(at, now);
    snprintf(object, sizeof object, "business %s", uscc);
    const storeCommendation c = {.uscc = uscc, .title = title, .level = level, .recorded_by = who->name,
                                 .recorded_at = at, .commended_on = on};
    int rc = storeBegin(s);
    if (!rc) rc = storeCommendationAdd(s, &c, &out->record_id);
    snprintf(after, sizeof after, "{\"commendation\":%lld}", (long long)out->record_id);
    if (!rc) rc = roundAudit(s, who, "round.commend", object, NULL, after, now);
    if (rc) roundFail(out, s, rc, NULL);
    return roundEnd(out, s, rc);
}

/* ---- a calendar override granted ahead (decision 84) ---- */

int appRoundOverrideGrant(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, roundAction action,
                          const char *reason, int64_t now) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRoundApp a;
    int rc = roundOpen(out, s, id, &ar, &a, NULL);
    if (!rc && who->actor.role != RROLE_ADMIN)
        rc = roundRefuseMsg(out, "日程放行由管理员决定 (an administrator grants it)");
    else if (!rc && roundBlank(reason)) rc = roundRefuseMsg(out, "放行须写明理由 (a reason is required)");
    else if (!rc && (unsigned)action >= RACT__COUNT) rc = roundFail(out, s, GH_EINVAL, "操作无效 (bad action)");
    char at[32], after[1400] = "";
    roundAt(at, now);
    if (!rc) {
        const storeOverrideGrant g = {.app_id = a.id, .action = action, .reason = reason, .granted_by = who->name,
                                      .granted_at = at};
        if ((rc = storeOverrideGrantAdd(s, &g, &out->record_id)))
            roundFail(out, s, rc, rc == GH_EINVAL ? "该操作已有未使用的放行 (granted already)" : NULL);
    }
    if (!rc) {
        sbuf b;
        sbufInit(&b);
        sbufPrintf(&b, "{\"override\":%lld,\"action\":\"%s\",\"reason\":", (long long)out->record_id,
                   roundActionCode(action));
        jsonwString(&b, reason);
        sbufPutc(&b, '}');
        snprintf(after, sizeof after, "%s", b.failed ? "{}" : b.data);
        sbufFree(&b);
    }
    return roundClose(out, s, who, &a, rc, "round.override.grant", after, now, &ar);
}
