/* The round's transitions as use cases: the case as the law sees it, read inside
 * the write transaction, roundTransition, then the state, its history row, the
 * step's own record and the audit entry together (contract in app/round.h). */
#include "app/round.h"
#include "app/measures.h"
#include "app/audit.h"
#include "app/round_int.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "io/jsonw.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <string.h>

/* ---- the case as the law sees it ---- */

typedef struct caseCount {
    const char *self_id, *uscc;
    int n;
} caseCount;

static int countOtherApp(void *ctx, const storeRoundApp *a) {
    caseCount *c = ctx;
    c->n += strcmp(a->id, c->self_id) != 0 && roundStateOpen(a->state);
    return 0;
}

static int countOtherRecognition(void *ctx, const storeRecognition *r) {
    caseCount *c = ctx;
    c->n += strcmp(r->app_id, c->self_id) != 0 && (!c->uscc || strcmp(r->uscc, c->uscc) != 0);
    return 0;
}

static int countListed(void *ctx, const storeRoundApp *a) {
    caseCount *c = ctx;
    c->n += strcmp(a->id, c->self_id) != 0;
    return 0;
}

/* A3.3.4: the district's counts at today, this case excluded. */
static int caseLimits(roundLimits *l, store *s, const storeRoundApp *a, const dossier *d, civilDate today,
                      const yearParams *p) {
    memset(l, 0, sizeof *l);
    int rc = roundPublishedCounts(&l->growth, &l->development, s, p->year);
    if (rc == GH_ENOTFOUND) rc = 0; /* no published run: a quota of 0 refuses the list */
    caseCount all = {.self_id = a->id}, biz = {.self_id = a->id}, held = {.self_id = a->id},
              listed = {.self_id = a->id}, op = {.self_id = a->id, .uscc = a->uscc};
    const storeRecognitionFilter valid = {.valid_at = today}, mine = {.uscc = a->uscc, .valid_at = today},
                                 same_op = {.operator_id = d->operator_id, .valid_at = today};
    const storeRoundFilter open = {.uscc = a->uscc},
                           list = {.year = a->year, .states = 1u << RSTATE_PROPOSED | 1u << RSTATE_PUBLICITY};
    if (!rc) rc = storeEachRecognition(s, &valid, countOtherRecognition, &all);
    if (!rc) rc = storeEachRound(s, &open, countOtherApp, &biz);
    if (!rc) rc = storeEachRecognition(s, &mine, countOtherRecognition, &held);
    if (!rc) rc = storeEachRound(s, &list, countListed, &listed);
    if (!rc && d->operator_id && d->operator_id[0]) rc = storeEachRecognition(s, &same_op, countOtherRecognition, &op);
    l->recognised = all.n;
    l->business_other = biz.n + held.n;
    l->listed = listed.n;
    l->operator_other = op.n;
    return rc;
}

static int countOpinion(void *ctx, const storeOpinion *o) {
    roundCase *c = ctx;
    if (o->opinion == OPINION_AGREE) c->joint_agree++;
    else if (o->opinion == OPINION_DISAGREE) c->joint_disagree++;
    else c->joint_pending++;
    return 0;
}

static int countObjection(void *ctx, const storeObjection *o) {
    (void)o;
    ((roundCase *)ctx)->objections_open++;
    return 0;
}

int roundLoadCase(roundCaseData *cd, store *s, const char *id, civilDate today, const yearParams *p, arena *ar) {
    memset(cd, 0, sizeof *cd);
    roundCase *c = &cd->c;
    int rc = storeRoundGet(s, id, ar, &cd->app);
    if (!rc) rc = storeLoadDossier(s, cd->app.uscc, ar, &cd->d);
    if (!rc) rc = roundRevocations(&cd->revoked, &cd->n_revoked, s, cd->app.uscc, ar);
    if (rc) return rc;
    const storeRoundApp *a = &cd->app;
    c->state = a->state;
    c->d = &cd->d;
    c->recommended_by = a->recommended_by;
    c->publicity_from = a->publicity_from;
    c->supplement_by = a->supplement_by;
    c->app = (categoryApp){.category = a->category, .route = a->route,
                           .date = a->applied_on != DATE_NONE ? a->applied_on : today, .n_claimed = a->n_claimed,
                           .consent_on = DATE_NONE, .revoked_on = cd->revoked, .n_revoked = cd->n_revoked};
    memcpy(c->app.claimed, a->claimed, sizeof c->app.claimed);
    storeConsent consent;
    rc = storeConsentGet(s, id, ar, &consent);
    if (!rc) c->app.consent_on = consent.consent_on;
    else if (rc != GH_ENOTFOUND) return rc;
    rc = storeEachOpinion(s, id, countOpinion, c);
    if (!rc) rc = storeEachObjection(s, id, true, countObjection, c);
    if (!rc) rc = caseLimits(&c->limits, s, a, &cd->d, today, p);
    return rc;
}

/* ---- what each step records besides its state ---- */

/* Whether evidence ev belongs to case id. */
static int stepEvidenceOf(store *s, int64_t ev, const char *id, arena *ar) {
    storeEvidence e;
    const int rc = storeEvidenceGet(s, ev, ar, &e);
    if (rc == GH_ENOTFOUND || (!rc && strcmp(e.app_id, id) != 0)) return GH_EINVAL;
    return rc;
}

/* A3.2.2: the consent, given by the owner on the page or recorded by a clerk from
 * the signed form's scan. */
static int stepConsent(store *s, const appRoundWho *who, const roundCaseData *cd, const roundRequest *rq,
                       const appRoundExtra *x, civilDate today, const char *at, arena *ar) {
    const bool clerk = who->actor.role != RROLE_OWNER;
    if (clerk && (!x || !x->consent_scan || stepEvidenceOf(s, x->consent_scan, cd->app.id, ar))) return GH_EINVAL;
    const storeConsent c = {.app_id = cd->app.id, .consent_on = rq->date != DATE_NONE ? rq->date : today,
                            .how = clerk ? CONSENT_SCAN : CONSENT_OWNER, .evidence_id = clerk ? x->consent_scan : 0,
                            .recorded_by = who->name, .recorded_at = at};
    return storeConsentAdd(s, &c);
}

/* 走访核实: the date, who visited, the notes (the request's reason) and photos of this case. */
static int stepVisit(store *s, const appRoundWho *who, const roundCaseData *cd, const roundRequest *rq,
                     const appRoundExtra *x, civilDate today, const char *at, arena *ar) {
    storeVisit v = {.app_id = cd->app.id, .visited_on = rq->date != DATE_NONE ? rq->date : today,
                    .staff = x && x->visit_staff ? x->visit_staff : who->name, .notes = rq->reason,
                    .recorded_by = who->name, .recorded_at = at};
    if (x && x->n_photos > STORE_VISIT_PHOTOS) return GH_EINVAL;
    for (size_t i = 0; x && i < x->n_photos; i++) {
        const int rc = stepEvidenceOf(s, x->photos[i], cd->app.id, ar);
        if (rc) return rc;
        v.photos[v.n_photos++] = x->photos[i];
    }
    int64_t vid;
    return storeVisitAdd(s, &v, &vid);
}

/* The city's spot check: the request with its date, the material, the refusal. */
static int stepSpot(store *s, const appRoundWho *who, const roundCaseData *cd, const roundRequest *rq, civilDate today,
                    const char *at) {
    const storeSpotCheck c = {.app_id = cd->app.id,
                              .kind = rq->action == RACT_SPOT_REQUEST ? SPOT_REQUEST
                                      : rq->action == RACT_SUPPLEMENT ? SPOT_SUPPLIED : SPOT_REFUSE,
                              .on = today, .due_on = rq->action == RACT_SPOT_REQUEST ? rq->date : DATE_NONE,
                              .note = rq->reason ? rq->reason : "", .by = who->name, .at = at};
    int64_t cid;
    return storeSpotCheckAdd(s, &c, &cid);
}

/* A3.3.5: a recognition ends (cancelled, revoked, refused by the city) on today. */
static int stepEnd(store *s, const roundCaseData *cd, const roundRequest *rq, const appRoundExtra *x, civilDate today,
                   arena *ar) {
    storeRecognition r;
    int rc = storeRecognitionGet(s, cd->app.id, ar, &r);
    if (rc) return rc;
    r.ended = rq->action == RACT_CANCEL ? RECOG_CANCELLED : rq->action == RACT_REVOKE ? RECOG_REVOKED
                                                                                        : RECOG_CITY_REFUSED;
    r.ended_on = today;
    r.revocation = rq->action == RACT_REVOKE ? x->revocation : REVOKE_NONE;
    r.end_reason = rq->reason;
    return storeRecognitionUpdate(s, &r);
}

static int stepRecord(store *s, const appRoundWho *who, const roundCaseData *cd, const roundRequest *rq,
                      const appRoundExtra *x, civilDate today, const char *at, arena *ar) {
    switch (rq->action) {
    case RACT_CONSENT: return stepConsent(s, who, cd, rq, x, today, at, ar);
    case RACT_RECORD_VISIT: return stepVisit(s, who, cd, rq, x, today, at, ar);
    case RACT_SPOT_REQUEST: case RACT_SUPPLEMENT: {
        return stepSpot(s, who, cd, rq, today, at);
    }
    case RACT_SPOT_REFUSE: {
        const int rc = stepSpot(s, who, cd, rq, today, at);
        return rc ? rc : stepEnd(s, cd, rq, x, today, ar);
    }
    case RACT_CANCEL: case RACT_REVOKE: return stepEnd(s, cd, rq, x, today, ar);
    default: return 0;
    }
}

/* The recognition itself (A3.3.5: valid 3 years from today). */
static int stepRecognise(store *s, const roundCaseData *cd, const roundDecision *dec, civilDate today,
                         const yearParams *p) {
    const storeRecognition r = {.app_id = cd->app.id, .uscc = cd->app.uscc, .year = p->year,
                                .category = cd->app.category, .route = cd->app.route, .type = dec->eligibility.type,
                                .recognised_on = today, .expires = dec->expires, .dept_consent_on = DATE_NONE,
                                .ended_on = DATE_NONE};
    return storeRecognitionAdd(s, &r);
}

/* ---- the audit entry ---- */

static int stepAudit(store *s, const appRoundWho *who, const roundCaseData *cd, const roundRequest *rq,
                     const roundDecision *dec, civilDate today, int64_t now) {
    char action[48], object[96], before[64], on[DATE_STRLEN];
    snprintf(action, sizeof action, "round.%s", roundActionCode(rq->action));
    snprintf(object, sizeof object, "application %s %s", cd->app.id, cd->app.uscc);
    snprintf(before, sizeof before, "{\"state\":\"%s\"}", roundStateCode(dec->from));
    dateFormat(on, today);
    sbuf after;
    sbufInit(&after);
    sbufPuts(&after, "{\"state\":");
    jsonwString(&after, roundStateCode(dec->to));
    jsonwKey(&after, "on", 0);
    jsonwString(&after, on);
    if (rq->reason) jsonwKey(&after, "reason", 0), jsonwString(&after, rq->reason);
    if (dec->overridden) jsonwKey(&after, "override_reason", 0), jsonwString(&after, rq->override_reason);
    sbufPutc(&after, '}');
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = action,
                          .object = object, .before = before, .after = after.data};
    const int rc = after.failed ? GH_ENOMEM : auditAppend(s, &e, now);
    sbufFree(&after);
    return rc;
}

/* ---- the transition ---- */

/* The new dates of the case after dec. */
static void stepDates(storeRoundApp *a, const roundRequest *rq, const roundDecision *dec, civilDate today) {
    if (rq->action == RACT_SUBMIT || rq->action == RACT_RECOMMEND) a->applied_on = today;
    if (rq->action == RACT_PUBLICISE) a->publicity_from = today, a->publicity_until = dec->publicity_until;
    if (rq->action == RACT_SPOT_REQUEST) a->supplement_by = rq->date;
}

/* Decides and writes, inside the caller's transaction. */
static int actIn(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const roundRequest *rq,
                 const appRoundExtra *x, civilDate today, int64_t now, const yearParams *p, arena *ar) {
    roundCaseData cd;
    int rc = roundLoadCase(&cd, s, id, today, p, ar);
    if (rc) return roundFail(out, s, rc, NULL);
    snprintf(out->id, sizeof out->id, "%s", cd.app.id);
    /* an administrator's override granted ahead for this action (decision 84), unless one comes with rq */
    storeOverrideGrant grant = {0};
    roundRequest granted;
    appRoundExtra gx;
    if (!rq->override) {
        const int g = storeOverrideGrantOpen(s, cd.app.id, rq->action, ar, &grant);
        if (g && g != GH_ENOTFOUND) return roundFail(out, s, g, NULL);
        if (!g) {
            granted = *rq;
            granted.override = true, granted.override_by = RROLE_ADMIN, granted.override_reason = grant.reason;
            if (x) gx = *x;
            else memset(&gx, 0, sizeof gx);
            gx.override_name = grant.granted_by;
            rq = &granted, x = &gx;
        }
    }
    if ((rc = roundTransition(&out->decision, &cd.c, rq, &who->actor, today, p)))
        return roundFail(out, s, rc, "请求无效 (request out of range)");
    if (!out->decision.allowed) return roundRefuse(out);
    if (rq->action == RACT_REVOKE && (!x || (x->revocation != REVOKE_FRAUD && x->revocation != REVOKE_BRIBERY)))
        return roundFail(out, s, GH_EINVAL, "撤销须注明欺诈或贿赂 (revocation: fraud or bribery)");
    char at[32];
    roundAt(at, now);
    storeRoundStep step = {.app_id = cd.app.id, .from = out->decision.from, .to = out->decision.to,
                           .action = rq->action, .actor = who->name, .role = who->role, .at = at, .on = today,
                           .reason = rq->reason, .override = out->decision.overridden};
    if (step.override) step.override_by = x && x->override_name ? x->override_name : who->name,
                       step.override_reason = rq->override_reason;
    stepDates(&cd.app, rq, &out->decision, today);
    rc = storeRoundMove(s, &cd.app, &step);
    if (!rc) rc = stepRecord(s, who, &cd, rq, x, today, at, ar);
    if (!rc && rq->action == RACT_RECOGNISE) rc = stepRecognise(s, &cd, &out->decision, today, p);
    const bool ends = rq->action == RACT_CANCEL || rq->action == RACT_REVOKE || rq->action == RACT_SPOT_REFUSE;
    if (!rc && (rq->action == RACT_RECOGNISE || ends)) /* the entitlements follow (decision 90) */
        rc = appEntitlementCategory(s, cd.app.uscc, cd.app.id, cd.app.category, !ends, today, now);
    if (!rc && grant.id && out->decision.overridden) rc = storeOverrideGrantUse(s, grant.id, at);
    if (!rc) rc = stepAudit(s, who, &cd, rq, &out->decision, today, now);
    /* a GH_EINVAL the store did not report is ours: the scan or photos named are not this case's */
    const bool ours = rc == GH_EINVAL && storeLastError(s)->code != GH_EINVAL;
    return rc ? roundFail(out, s, rc, ours ? "须附本申报的材料 (evidence of this application required)" : NULL) : 0;
}

int appRoundAct(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const roundRequest *rq,
                const appRoundExtra *x, civilDate today, int64_t now, const yearParams *p) {
    memset(out, 0, sizeof *out);
    arena ar;
    arenaInit(&ar, 16 * 1024, 0);
    int rc = storeBegin(s);
    if (rc) rc = roundFail(out, s, rc, NULL);
    else rc = actIn(out, s, who, id, rq, x, today, now, p, &ar);
    rc = roundEnd(out, s, rc);
    arenaFree(&ar);
    return rc;
}
