/* The round as the server shows it: one case with everything recorded on it, for
 * those who may read it, and the public list under publicity (no personal data).
 * Contracts in app/round.h. */
#include "app/round_int.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <string.h>

/* "key":"text" or "key":null. */
static void jsonDate(sbuf *b, const char *key, civilDate d) {
    jsonwKey(b, key, 0);
    jsonwDate(b, d);
}

static void jsonInt(sbuf *b, const char *key, long long v) {
    char n[32];
    snprintf(n, sizeof n, "%lld", v);
    jsonwKey(b, key, 0);
    sbufPuts(b, n);
}

/* An array's separator: a comma before every element but the first. */
static void jsonNext(sbuf *b, bool *first) {
    if (!*first) sbufPutc(b, ',');
    *first = false;
}

typedef struct viewCtx {
    sbuf *b;
    bool first, staff;
} viewCtx;

static int viewStep(void *ctx, const storeRoundStep *st) {
    viewCtx *v = ctx;
    jsonNext(v->b, &v->first);
    sbufPuts(v->b, "{\"from\":");
    jsonwString(v->b, roundStateCode(st->from));
    jsonwText(v->b, "to", roundStateCode(st->to));
    jsonwText(v->b, "action", roundActionCode(st->action));
    jsonwText(v->b, "actor", st->actor);
    jsonwText(v->b, "role", st->role);
    jsonwText(v->b, "at", st->at);
    jsonDate(v->b, "on", st->on);
    jsonwText(v->b, "reason", st->reason);
    jsonwKey(v->b, "override", 0);
    sbufPuts(v->b, st->override ? "true" : "false");
    jsonwText(v->b, "override_by", st->override_by);
    jsonwText(v->b, "override_reason", st->override_reason);
    sbufPutc(v->b, '}');
    return 0;
}

static int viewEvidence(void *ctx, const storeEvidence *e) {
    viewCtx *v = ctx;
    jsonNext(v->b, &v->first);
    sbufPuts(v->b, "{\"id\":");
    char n[32];
    snprintf(n, sizeof n, "%lld", (long long)e->id);
    sbufPuts(v->b, n);
    jsonwText(v->b, "name", e->name);
    jsonwText(v->b, "content_type", e->content_type);
    jsonInt(v->b, "size", (long long)e->size);
    jsonwText(v->b, "sha256", e->sha256);
    jsonwText(v->b, "added_by", e->added_by);
    jsonwText(v->b, "added_at", e->added_at);
    sbufPutc(v->b, '}');
    return 0;
}

static int viewVisit(void *ctx, const storeVisit *vi) {
    viewCtx *v = ctx;
    jsonNext(v->b, &v->first);
    sbufPuts(v->b, "{\"on\":");
    jsonwDate(v->b, vi->visited_on);
    jsonwText(v->b, "staff", vi->staff);
    jsonwText(v->b, "notes", vi->notes);
    jsonwKey(v->b, "photos", 0);
    sbufPutc(v->b, '[');
    for (size_t i = 0; i < vi->n_photos; i++) {
        char n[32];
        snprintf(n, sizeof n, "%s%lld", i ? "," : "", (long long)vi->photos[i]);
        sbufPuts(v->b, n);
    }
    sbufPuts(v->b, "]}");
    return 0;
}

static int viewOpinion(void *ctx, const storeOpinion *o) {
    static const char *const codes[3] = {"pending", "agree", "disagree"};
    viewCtx *v = ctx;
    jsonNext(v->b, &v->first);
    sbufPuts(v->b, "{\"department\":");
    jsonwString(v->b, o->department);
    jsonwText(v->b, "opinion", codes[o->opinion <= OPINION_DISAGREE ? o->opinion : 0]);
    jsonwText(v->b, "reason", o->reason);
    jsonwText(v->b, "by", o->by);
    jsonwText(v->b, "at", o->at);
    sbufPutc(v->b, '}');
    return 0;
}

/* An objector's contact is personal data: staff only. */
static int viewObjection(void *ctx, const storeObjection *o) {
    viewCtx *v = ctx;
    jsonNext(v->b, &v->first);
    sbufPuts(v->b, "{\"id\":");
    char n[32];
    snprintf(n, sizeof n, "%lld", (long long)o->id);
    sbufPuts(v->b, n);
    jsonwText(v->b, "reason", o->reason);
    if (v->staff) jsonwText(v->b, "contact", o->contact);
    jsonwText(v->b, "filed_at", o->filed_at);
    jsonwKey(v->b, "answered", 0);
    sbufPuts(v->b, o->answered ? "true" : "false");
    jsonwText(v->b, "reply", o->reply);
    jsonwText(v->b, "replied_by", o->replied_by);
    jsonwText(v->b, "replied_at", o->replied_at);
    sbufPutc(v->b, '}');
    return 0;
}

static int viewSpot(void *ctx, const storeSpotCheck *c) {
    static const char *const kinds[3] = {"request", "supplied", "refuse"};
    viewCtx *v = ctx;
    jsonNext(v->b, &v->first);
    sbufPuts(v->b, "{\"kind\":");
    jsonwString(v->b, kinds[c->kind <= SPOT_REFUSE ? c->kind : 0]);
    jsonDate(v->b, "on", c->on);
    jsonDate(v->b, "due_on", c->due_on);
    jsonwText(v->b, "note", c->note);
    jsonwText(v->b, "by", c->by);
    sbufPutc(v->b, '}');
    return 0;
}

/* The application's own fields. */
static void viewApp(sbuf *b, const storeRoundApp *a) {
    sbufPuts(b, "{\"id\":");
    jsonwString(b, a->id);
    jsonInt(b, "year", a->year);
    jsonwText(b, "uscc", a->uscc);
    jsonwText(b, "name", a->name);
    jsonwText(b, "town", a->town);
    jsonwText(b, "category", categoryCode(a->category));
    jsonwText(b, "category_label", categoryLabel(a->category));
    jsonwText(b, "route", a->route == ROUTE_RECOMMENDED ? "recommended" : "self");
    jsonwText(b, "recommended_by", a->recommended_by);
    jsonwKey(b, "claimed", 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < a->n_claimed; i++) {
        char cid[CATEGORY_ID_SIZE];
        categoryCriterionId(cid, a->category, a->claimed[i]);
        if (i) sbufPutc(b, ',');
        jsonwString(b, cid);
    }
    sbufPutc(b, ']');
    jsonwText(b, "statement", a->statement);
    jsonwText(b, "state", roundStateCode(a->state));
    jsonwText(b, "state_label", roundStateLabel(a->state));
    jsonDate(b, "applied_on", a->applied_on);
    jsonDate(b, "publicity_from", a->publicity_from);
    jsonDate(b, "publicity_until", a->publicity_until);
    jsonDate(b, "supplement_by", a->supplement_by);
    jsonwText(b, "created_by", a->created_by);
    jsonwText(b, "created_at", a->created_at);
    jsonwText(b, "updated_at", a->updated_at);
}

/* What who may do next from the case's state (pages offer only these). */
static void viewNext(sbuf *b, const appRoundWho *who, const storeRoundApp *a) {
    jsonwKey(b, "next", 0);
    sbufPutc(b, '[');
    bool first = true;
    for (int k = 0; k < RACT__COUNT; k++) {
        roundState to;
        unsigned roles;
        if (roundNext(&to, &roles, a->state, (roundAction)k, a->route) || !((roles >> who->actor.role) & 1u)) continue;
        jsonNext(b, &first);
        sbufPuts(b, "{\"action\":");
        jsonwString(b, roundActionCode((roundAction)k));
        jsonwText(b, "label", roundActionLabel((roundAction)k));
        jsonwText(b, "to", roundStateCode(to));
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}

static void viewRecognition(sbuf *b, const storeRecognition *r) {
    static const char *const ends[4] = {"held", "cancelled", "revoked", "city_refused"};
    static const char *const kinds[3] = {NULL, "fraud", "bribery"};
    sbufPuts(b, "{\"recognised_on\":");
    jsonwDate(b, r->recognised_on);
    jsonDate(b, "expires", r->expires);
    jsonInt(b, "extensions", r->extensions);
    jsonwText(b, "type", typingTypeCode(r->type));
    jsonwText(b, "ended", ends[r->ended <= RECOG_CITY_REFUSED ? r->ended : 0]);
    jsonDate(b, "ended_on", r->ended_on);
    jsonwText(b, "revocation", kinds[r->revocation <= REVOKE_BRIBERY ? r->revocation : 0]);
    jsonwText(b, "end_reason", r->end_reason);
    jsonDate(b, "dept_consent_on", r->dept_consent_on);
    sbufPutc(b, '}');
}

/* Writes the lists recorded on case a. */
static int viewLists(sbuf *b, store *s, const appRoundWho *who, const storeRoundApp *a) {
    viewCtx v = {.b = b, .first = true, .staff = who->actor.role == RROLE_CLERK || who->actor.role == RROLE_REVIEWER ||
                                                 who->actor.role == RROLE_ADMIN};
    int rc;
    sbufPuts(b, ",\"history\":[");
    rc = storeEachRoundStep(s, a->id, viewStep, &v);
    sbufPuts(b, "],\"evidence\":[");
    v.first = true;
    if (!rc) rc = storeEachEvidence(s, a->id, viewEvidence, &v);
    sbufPuts(b, "],\"visits\":[");
    v.first = true;
    if (!rc) rc = storeEachVisit(s, a->id, viewVisit, &v);
    sbufPuts(b, "],\"opinions\":[");
    v.first = true;
    if (!rc) rc = storeEachOpinion(s, a->id, viewOpinion, &v);
    sbufPuts(b, "],\"objections\":[");
    v.first = true;
    if (!rc) rc = storeEachObjection(s, a->id, false, viewObjection, &v);
    sbufPuts(b, "],\"spot_checks\":[");
    v.first = true;
    if (!rc) rc = storeEachSpotCheck(s, a->id, viewSpot, &v);
    sbufPutc(b, ']');
    return rc;
}

int appRoundCaseJson(sbuf *out, store *s, const appRoundWho *who, const char *id) {
    arena ar;
    arenaInit(&ar, 8192, 0);
    storeRoundApp a;
    storeConsent c;
    storeRecognition r;
    int rc = storeRoundGet(s, id, &ar, &a);
    if (!rc && !appRoundMayRead(who, &a)) rc = GH_ENOTFOUND; /* an outsider learns nothing of it */
    if (!rc) {
        viewApp(out, &a);
        rc = viewLists(out, s, who, &a);
    }
    if (!rc) {
        jsonwKey(out, "consent", 0);
        rc = storeConsentGet(s, a.id, &ar, &c);
        if (rc == GH_ENOTFOUND) rc = 0, sbufPuts(out, "null");
        else if (!rc) {
            sbufPuts(out, "{\"on\":");
            jsonwDate(out, c.consent_on);
            jsonwText(out, "how", c.how == CONSENT_SCAN ? "scan" : "owner");
            jsonInt(out, "evidence", c.evidence_id);
            jsonwText(out, "recorded_by", c.recorded_by);
            sbufPutc(out, '}');
        }
    }
    if (!rc) {
        jsonwKey(out, "recognition", 0);
        rc = storeRecognitionGet(s, a.id, &ar, &r);
        if (rc == GH_ENOTFOUND) rc = 0, sbufPuts(out, "null");
        else if (!rc) viewRecognition(out, &r);
    }
    if (!rc) {
        viewNext(out, who, &a);
        sbufPutc(out, '}');
    }
    arenaFree(&ar);
    return rc ? rc : out->failed ? GH_ENOMEM : 0;
}

typedef struct publicCtx { sbuf *b; bool first; } publicCtx;

/* A3.2 公示: name, category, town and the window; nothing personal. */
static int publicOne(void *ctx, const storeRoundApp *a) {
    publicCtx *p = ctx;
    jsonNext(p->b, &p->first);
    sbufPuts(p->b, "{\"id\":");
    jsonwString(p->b, a->id);
    jsonwText(p->b, "uscc", a->uscc);
    jsonwText(p->b, "name", a->name);
    jsonwText(p->b, "town", a->town);
    jsonwText(p->b, "category", categoryCode(a->category));
    jsonwText(p->b, "category_label", categoryLabel(a->category));
    jsonDate(p->b, "publicity_from", a->publicity_from);
    jsonDate(p->b, "publicity_until", a->publicity_until);
    sbufPutc(p->b, '}');
    return 0;
}

int appRoundPublicityJson(sbuf *out, store *s, int year) {
    publicCtx p = {.b = out, .first = true};
    const storeRoundFilter f = {.year = year, .states = 1u << RSTATE_PUBLICITY};
    sbufPuts(out, "{\"year\":");
    char n[16];
    snprintf(n, sizeof n, "%d", year);
    sbufPuts(out, n);
    sbufPuts(out, ",\"businesses\":[");
    const int rc = storeEachRound(s, &f, publicOne, &p);
    sbufPuts(out, "]}");
    return rc ? rc : out->failed ? GH_ENOMEM : 0;
}
