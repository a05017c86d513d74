/* The round's read-only views beyond one case: a case for a reader who may see it,
 * the pre-filled form as JSON, and what the public may know of a recognition (the
 * public search, the certificate). Contracts in app/round.h. */
#include "app/round_int.h"
#include "core/error.h"
#include "io/category_json.h"
#include "io/jsonw.h"
#include "rules/category_explain.h"
#include "rules/explain.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int appRoundGet(storeRoundApp *out, store *s, const appRoundWho *who, const char *id, arena *ar) {
    int rc = storeRoundGet(s, id, ar, out);
    if (!rc && !appRoundMayRead(who, out)) rc = GH_ENOTFOUND;
    return rc;
}

/* One category's check: eligible, the failing checks and each criterion's status, with
 * their codes, articles and sentences. */
static void viewCategory(sbuf *b, const appRoundForm *f, categoryKind k, bool sentences) {
    const categoryResult *r = &f->categories[k];
    sbufPuts(b, "{\"category\":");
    jsonwString(b, categoryCode(k));
    jsonwKey(b, "category_label", 0);
    jsonwString(b, categoryLabel(k));
    sbufPuts(b, r->eligible ? ",\"eligible\":true" : ",\"eligible\":false");
    bool meets = r->eligible;
    if (meets) {
        meets = false;
        for (size_t i = 0; i < r->n_criteria; i++) meets = meets || r->criteria[i].status != CRIT_NOT_MET;
    }
    sbufPuts(b, meets ? ",\"meets\":true," : ",\"meets\":false,");
    categoryWriteVerdicts(b, r, "message", sentences); /* sentences quote penalty and debtor dates */
    sbufPutc(b, '}');
}

void appRoundFormJson(sbuf *b, const appRoundForm *f, bool sentences) {
    sbufPuts(b, "{\"uscc\":");
    jsonwString(b, f->uscc);
    jsonwKey(b, "name", 0);
    jsonwString(b, f->name ? f->name : "");
    jsonwKey(b, "town", 0);
    jsonwString(b, f->town ? f->town : "");
    jsonwKey(b, "industry", 0);
    jsonwString(b, f->industry ? f->industry : "");
    jsonwKey(b, "established", 0);
    jsonwDate(b, f->established);
    jsonwText(b, "type", f->typed ? typingTypeCode(f->type) : NULL);
    jsonwText(b, "type_label", f->typed ? typingTypeLabel(f->type) : NULL);
    sbufPrintf(b, ",\"trademarks\":%d,\"patents\":%d,\"checked\":%s,\"categories\":[", f->trademarks, f->patents,
               f->checked ? "true" : "false");
    for (int k = 0; f->checked && k < CAT__COUNT; k++) {
        if (k) sbufPutc(b, ',');
        viewCategory(b, f, (categoryKind)k, sentences);
    }
    sbufPuts(b, "]}");
}

typedef struct viewRecog {
    storeRecognition *out;
    arena *ar;
    bool found;
} viewRecog;

static int viewRecogOne(void *ctx, const storeRecognition *r) {
    viewRecog *v = ctx;
    if (v->found) return 0;
    *v->out = *r;
    v->out->app_id = arenaStrndup(v->ar, r->app_id, strlen(r->app_id));
    v->out->uscc = arenaStrndup(v->ar, r->uscc, strlen(r->uscc));
    v->out->end_reason = NULL;
    v->out->operator_id = NULL; /* personal data: never leaves this function */
    v->found = v->out->app_id && v->out->uscc;
    return v->found ? 0 : GH_ENOMEM;
}

int appRoundValidRecognition(storeRecognition *out, store *s, const char *uscc, civilDate today, arena *ar) {
    const storeRecognitionFilter f = {.uscc = uscc, .valid_at = today};
    viewRecog v = {out, ar, false};
    const int rc = storeEachRecognition(s, &f, viewRecogOne, &v);
    return rc ? rc : v.found ? 0 : GH_ENOTFOUND;
}

int appRoundCertificate(appRoundCertificateData *out, store *s, const char *uscc, civilDate today, arena *ar) {
    memset(out, 0, sizeof *out);
    int rc = appRoundValidRecognition(&out->r, s, uscc, today, ar);
    storeRoundApp a;
    if (!rc) rc = storeRoundGet(s, out->r.app_id, ar, &a);
    if (!rc) out->name = a.name, out->town = a.town;
    return rc;
}

typedef struct viewList {
    storeRecognition *v;
    size_t n, cap;
    arena *ar;
} viewList;

static int viewListOne(void *ctx, const storeRecognition *r) {
    viewList *l = ctx;
    if (l->n == l->cap) {
        const size_t cap = l->cap ? l->cap * 2 : 32;
        storeRecognition *v = arenaAlloc(l->ar, cap * sizeof *v);
        if (!v) return GH_ENOMEM;
        if (l->n) memcpy(v, l->v, l->n * sizeof *v);
        l->v = v, l->cap = cap;
    }
    storeRecognition *w = &l->v[l->n];
    *w = *r;
    w->app_id = arenaStrndup(l->ar, r->app_id, strlen(r->app_id));
    w->uscc = arenaStrndup(l->ar, r->uscc, strlen(r->uscc));
    w->end_reason = NULL, w->operator_id = NULL; /* the list is for the city: no personal data */
    if (!w->app_id || !w->uscc) return GH_ENOMEM;
    l->n++;
    return 0;
}

int appRoundRecognisedJson(sbuf *out, store *s, int year, civilDate today) {
    static const char *const ends[] = {"held", "cancelled", "revoked", "city_refused"};
    arena ar;
    arenaInit(&ar, 1 << 14, 0);
    viewList l = {.ar = &ar};
    const storeRecognitionFilter f = {.year = year, .valid_at = DATE_NONE};
    int rc = storeEachRecognition(s, &f, viewListOne, &l);
    sbufPrintf(out, "{\"year\":%d,\"recognitions\":[", year);
    for (size_t i = 0; !rc && i < l.n; i++) {
        const storeRecognition *r = &l.v[i];
        storeRoundApp a;
        if ((rc = storeRoundGet(s, r->app_id, &ar, &a))) break;
        sbufPuts(out, i ? ",{\"id\":" : "{\"id\":");
        jsonwString(out, r->app_id);
        jsonwKey(out, "uscc", 0);
        jsonwString(out, r->uscc);
        jsonwKey(out, "name", 0);
        jsonwString(out, a.name ? a.name : "");
        jsonwKey(out, "town", 0);
        jsonwString(out, a.town ? a.town : "");
        jsonwKey(out, "category", 0);
        jsonwString(out, categoryCode(r->category));
        jsonwKey(out, "category_label", 0);
        jsonwString(out, categoryLabel(r->category));
        jsonwKey(out, "route", 0);
        jsonwString(out, r->route == ROUTE_RECOMMENDED ? "recommended" : "self");
        jsonwText(out, "recommended_by", a.recommended_by);
        jsonwKey(out, "type", 0);
        jsonwString(out, typingTypeCode(r->type));
        jsonwKey(out, "state", 0);
        jsonwString(out, roundStateCode(a.state));
        jsonwKey(out, "recognised_on", 0);
        jsonwDate(out, r->recognised_on);
        jsonwKey(out, "valid_until", 0);
        jsonwDate(out, r->expires - 1);
        sbufPrintf(out, ",\"extensions\":%d,\"ended\":\"%s\",\"valid\":%s}", r->extensions,
                   ends[(unsigned)r->ended <= RECOG_CITY_REFUSED ? r->ended : 0],
                   r->ended == RECOG_HELD && r->recognised_on <= today && today < r->expires ? "true" : "false");
    }
    sbufPuts(out, "]}");
    arenaFree(&ar);
    return rc ? rc : out->failed ? GH_ENOMEM : 0;
}

/* ---- information reports filed (A3.3.5) ---- */

typedef struct reportList {
    storeInfoReport *v;
    size_t n, cap;
    arena *ar;
} reportList;

static const char *reportDup(arena *ar, const char *s, int *failed) {
    if (!s) return NULL;
    const char *d = arenaStrndup(ar, s, strlen(s));
    if (!d) *failed = GH_ENOMEM;
    return d;
}

static int reportListOne(void *ctx, const storeInfoReport *r) {
    reportList *l = ctx;
    if (l->n == l->cap) {
        const size_t cap = l->cap ? l->cap * 2 : 32;
        storeInfoReport *v = arenaAlloc(l->ar, cap * sizeof *v);
        if (!v) return GH_ENOMEM;
        if (l->n) memcpy(v, l->v, l->n * sizeof *v);
        l->v = v, l->cap = cap;
    }
    int failed = 0;
    storeInfoReport *w = &l->v[l->n];
    *w = *r;
    w->app_id = reportDup(l->ar, r->app_id, &failed), w->changes = reportDup(l->ar, r->changes, &failed);
    w->filed_by = reportDup(l->ar, r->filed_by, &failed), w->checked_by = reportDup(l->ar, r->checked_by, &failed);
    w->checked_at = reportDup(l->ar, r->checked_at, &failed), w->note = reportDup(l->ar, r->note, &failed);
    if (failed || !w->app_id) return GH_ENOMEM;
    l->n++;
    return 0;
}

int appRoundReportsJson(sbuf *out, store *s, int year) {
    static const char *const statuses[] = {"filed", "confirmed", "queried"};
    arena ar;
    arenaInit(&ar, 1 << 14, 0);
    reportList l = {.ar = &ar};
    int rc = storeEachInfoReport(s, year, NULL, reportListOne, &l);
    sbufPrintf(out, "{\"year\":%d,\"reports\":[", year);
    for (size_t i = 0; !rc && i < l.n; i++) {
        const storeInfoReport *r = &l.v[i];
        storeRoundApp a;
        if ((rc = storeRoundGet(s, r->app_id, &ar, &a))) break;
        sbufPrintf(out, "%s{\"id\":%lld,\"application\":", i ? "," : "", (long long)r->id);
        jsonwString(out, r->app_id);
        jsonwKey(out, "uscc", 0);
        jsonwString(out, a.uscc);
        jsonwText(out, "name", a.name ? a.name : "");
        jsonwText(out, "town", a.town ? a.town : "");
        jsonwKey(out, "category", 0);
        jsonwString(out, categoryCode(a.category));
        jsonwKey(out, "category_label", 0);
        jsonwString(out, categoryLabel(a.category));
        sbufPrintf(out, ",\"year\":%d,\"filed_on\":", r->year);
        jsonwDate(out, r->filed_on);
        jsonwText(out, "changes", r->changes ? r->changes : "");
        jsonwText(out, "filed_by", r->filed_by);
        jsonwKey(out, "status", 0);
        jsonwString(out, statuses[(unsigned)r->status <= REPORT_QUERIED ? r->status : 0]);
        jsonwText(out, "checked_by", r->checked_by);
        jsonwText(out, "checked_at", r->checked_at);
        jsonwText(out, "note", r->note);
        sbufPutc(out, '}');
    }
    sbufPuts(out, "]}");
    arenaFree(&ar);
    return rc ? rc : out->failed ? GH_ENOMEM : 0;
}

/* ---- 部门联审: a department's worklist ---- */

typedef struct jointIds {
    char (*v)[STORE_ROUND_ID_SIZE];
    size_t n, cap;
} jointIds;

static int jointIdOne(void *ctx, const storeRoundApp *a) {
    jointIds *l = ctx;
    if (l->n == l->cap) {
        const size_t cap = l->cap ? l->cap * 2 : 32;
        char(*v)[STORE_ROUND_ID_SIZE] = realloc(l->v, cap * sizeof *v);
        if (!v) return GH_ENOMEM;
        l->v = v, l->cap = cap;
    }
    snprintf(l->v[l->n++], STORE_ROUND_ID_SIZE, "%s", a->id);
    return 0;
}

typedef struct jointFind {
    const char *department;
    arena *ar;
    bool found;
    storeOpinion o;
} jointFind;

static int jointFindOne(void *ctx, const storeOpinion *o) {
    jointFind *f = ctx;
    if (strcmp(o->department, f->department)) return 0;
    int failed = 0;
    f->found = true, f->o = *o;
    f->o.reason = reportDup(f->ar, o->reason, &failed), f->o.by = reportDup(f->ar, o->by, &failed);
    f->o.at = reportDup(f->ar, o->at, &failed);
    return failed;
}

int appRoundJointJson(sbuf *out, store *s, const char *department, int year) {
    static const char *const kinds[] = {"pending", "agree", "disagree"};
    arena ar;
    arenaInit(&ar, 1 << 14, 0);
    jointIds ids = {0};
    const storeRoundFilter f = {.year = year, .states = 1u << RSTATE_JOINT};
    int rc = department && *department ? storeEachRound(s, &f, jointIdOne, &ids) : GH_EINVAL;
    sbufPrintf(out, "{\"year\":%d,\"cases\":[", year);
    int n = 0;
    for (size_t i = 0; !rc && i < ids.n; i++) {
        jointFind jf = {.department = department, .ar = &ar};
        storeRoundApp a;
        if ((rc = storeEachOpinion(s, ids.v[i], jointFindOne, &jf)) || !jf.found) continue;
        if ((rc = storeRoundGet(s, ids.v[i], &ar, &a))) break;
        sbufPuts(out, n++ ? ",{\"id\":" : "{\"id\":");
        jsonwString(out, a.id);
        jsonwKey(out, "uscc", 0);
        jsonwString(out, a.uscc);
        jsonwText(out, "name", a.name ? a.name : "");
        jsonwText(out, "town", a.town ? a.town : "");
        jsonwKey(out, "category", 0);
        jsonwString(out, categoryCode(a.category));
        jsonwKey(out, "category_label", 0);
        jsonwString(out, categoryLabel(a.category));
        jsonwKey(out, "route", 0);
        jsonwString(out, a.route == ROUTE_RECOMMENDED ? "recommended" : "self");
        jsonwText(out, "statement", a.statement ? a.statement : "");
        jsonwKey(out, "opinion", 0);
        jsonwString(out, kinds[(unsigned)jf.o.opinion <= OPINION_DISAGREE ? jf.o.opinion : 0]);
        jsonwText(out, "reason", jf.o.reason);
        jsonwText(out, "by", jf.o.opinion == OPINION_PENDING ? NULL : jf.o.by);
        jsonwText(out, "at", jf.o.at);
        sbufPutc(out, '}');
    }
    sbufPuts(out, "]}");
    free(ids.v);
    arenaFree(&ar);
    return rc ? rc : out->failed ? GH_ENOMEM : 0;
}
