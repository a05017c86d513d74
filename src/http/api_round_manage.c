/* The round's records beside the transitions (issue 9 §2, §5, §6): departments'
 * opinions, answers to objections, information reports, keeping a flagged
 * recognition, extension and its consent, commendations. Each calls one use case
 * of app/round.h and answers its outcome. */
#include "http/api_round.h"
#include "http/routes.h"
#include "core/error.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <string.h>

/* What every handler here does first: the body and who acts. */
typedef struct manageReq {
    arena a;
    roundBody b;
    appRoundWho who;
    appRoundOutcome out;
} manageReq;

static bool manageBegin(httpCtx *c, manageReq *m) {
    arenaInit(&m->a, 4096, 1 << 17);
    memset(&m->out, 0, sizeof m->out);
    return roundParseBody(c, &m->b, &m->a) && roundWho(c, &m->who);
}

/* Answers rc: 200 with {"done":true,"id":record} or the failure; frees m. */
static void manageEnd(httpCtx *c, manageReq *m, int rc) {
    if (rc) roundFailWith(c, rc, &m->out);
    else {
        char body[96];
        snprintf(body, sizeof body, "{\"done\":true,\"record\":%lld}", (long long)m->out.record_id);
        httpReplyJson(c, 200, body);
    }
    arenaFree(&m->a);
}

/* POST /api/round/applications/{id}/opinions {"department","opinion":"pending|agree|disagree","reason"}:
 * staff ask a department; a department gives its own opinion. */
void apiRoundOpinion(httpCtx *c) {
    manageReq m;
    if (!manageBegin(c, &m)) { arenaFree(&m.a); return; }
    const char *o = m.b.opinion ? m.b.opinion : "";
    const storeOpinionKind k = !strcmp(o, "agree") ? OPINION_AGREE : !strcmp(o, "disagree") ? OPINION_DISAGREE
                                                                                            : OPINION_PENDING;
    const char *dept = m.who.actor.role == RROLE_DEPARTMENT && !m.b.department ? m.who.actor.department : m.b.department;
    if ((strcmp(o, "agree") && strcmp(o, "disagree") && strcmp(o, "pending")) || !dept) {
        httpFail(c, 400, "需要 department 与 opinion（pending、agree、disagree）(department and opinion required)");
        { arenaFree(&m.a); return; }
    }
    manageEnd(c, &m, appRoundOpinion(&m.out, httpStore(c), &m.who, c->params[0], dept, k, m.b.reason, httpNow()));
}

/* POST /api/round/applications/{id}/objections/{objection}/answer {"reply"}. */
void apiRoundAnswer(httpCtx *c) {
    manageReq m;
    if (!manageBegin(c, &m)) { arenaFree(&m.a); return; }
    const int64_t oid = httpParamId(c->params[1]);
    if (!oid) {
        httpFail(c, 404, "未找到 (not found)");
        { arenaFree(&m.a); return; }
    }
    manageEnd(c, &m, appRoundAnswer(&m.out, httpStore(c), &m.who, c->params[0], oid, m.b.reply, httpNow()));
}

/* POST /api/round/applications/{id}/reports {"changes"}: the owner's yearly information report. */
void apiRoundReportFile(httpCtx *c) {
    manageReq m;
    if (!manageBegin(c, &m)) { arenaFree(&m.a); return; }
    manageEnd(c, &m, appRoundReportFile(&m.out, httpStore(c), &m.who, c->params[0], m.b.changes ? m.b.changes : "",
                                        roundToday(c), httpNow()));
}

/* POST /api/round/reports/{id}/check {"confirmed":bool,"note"}. */
void apiRoundReportCheck(httpCtx *c) {
    manageReq m;
    if (!manageBegin(c, &m)) { arenaFree(&m.a); return; }
    const int64_t id = httpParamId(c->params[0]);
    if (!id || !m.b.has_confirmed) {
        httpFail(c, id ? 400 : 404, id ? "需要 confirmed (confirmed required)" : "未找到 (not found)");
        { arenaFree(&m.a); return; }
    }
    manageEnd(c, &m, appRoundReportCheck(&m.out, httpStore(c), &m.who, id, m.b.confirmed, m.b.note, httpNow()));
}

/* POST /api/round/applications/{id}/overrides {"action","reason"}: an administrator lifts the
 * calendar ahead for the case's next such action, by whoever takes it (decision 84). */
void apiRoundOverrideGrant(httpCtx *c) {
    manageReq m;
    if (!manageBegin(c, &m)) { arenaFree(&m.a); return; }
    roundAction action;
    if (!m.b.action || roundActionParse(&action, m.b.action, strlen(m.b.action))) {
        httpFail(c, 400, "需要 action (action required)");
        { arenaFree(&m.a); return; }
    }
    manageEnd(c, &m, appRoundOverrideGrant(&m.out, httpStore(c), &m.who, c->params[0], action, m.b.reason, httpNow()));
}

/* POST /api/round/applications/{id}/keep {"reason"}: keeps a recognition the re-check flagged. */
void apiRoundKeep(httpCtx *c) {
    manageReq m;
    yearParams p;
    if (!manageBegin(c, &m) || !roundParams(c, dateYear(roundToday(c)), &p)) { arenaFree(&m.a); return; }
    manageEnd(c, &m, appRoundKeep(&m.out, httpStore(c), &m.who, c->params[0], m.b.reason, httpNow(), &p));
}

/* POST /api/round/applications/{id}/extend: the final-year evaluation decides. */
void apiRoundExtend(httpCtx *c) {
    manageReq m;
    yearParams p;
    if (!manageBegin(c, &m) || !roundParams(c, dateYear(roundToday(c)), &p)) { arenaFree(&m.a); return; }
    manageEnd(c, &m, appRoundExtend(&m.out, httpStore(c), &m.who, c->params[0], roundToday(c), httpNow(), &p));
}

/* POST /api/round/applications/{id}/extension-consent: the recommending department agrees (evaluation D). */
void apiRoundExtensionConsent(httpCtx *c) {
    manageReq m;
    if (!manageBegin(c, &m)) { arenaFree(&m.a); return; }
    manageEnd(c, &m, appRoundExtensionConsent(&m.out, httpStore(c), &m.who, c->params[0], roundToday(c), httpNow()));
}

/* POST /api/round/commendations {"uscc","date","title","level"} (evaluation B). */
void apiRoundCommend(httpCtx *c) {
    manageReq m;
    if (!manageBegin(c, &m)) { arenaFree(&m.a); return; }
    if (!m.b.uscc || m.b.date == DATE_NONE || !m.b.title || !m.b.level) {
        httpFail(c, 400, "需要 uscc、date、title、level (uscc, date, title and level required)");
        { arenaFree(&m.a); return; }
    }
    manageEnd(c, &m, appRoundCommend(&m.out, httpStore(c), &m.who, m.b.uscc, m.b.date, m.b.title, m.b.level,
                                     httpNow()));
}
