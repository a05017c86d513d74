/* The 名特优新 round over HTTP (issue 9): shared helpers, drafts, the pre-filled
 * form, every transition and one case. Each handler calls the round's use cases
 * (app/round.h) only; the law decides, and a refusal is answered with its reasons
 * (code, article, Chinese sentence). Evidence: api_round_files.c; worklists, lists
 * and exports: api_round_lists.c; the public routes: api_round_public.c. */
#include "http/api_round.h"
#include "http/routes.h"
#include "app/params.h"
#include "core/error.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUND_ACTIONS_BODY "{\"action\":\"submit\",\"reason\":…}"

civilDate roundToday(const httpCtx *c) {
    if (c->srv->o->today != DATE_NONE) return c->srv->o->today;
    const time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return dateFromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool roundWho(httpCtx *c, appRoundWho *who) {
    if (!appRoundWhoOf(who, &c->who, c->client)) return true;
    httpFail(c, 403, "该角色不参与名特优新工作 (this role has no part in the round)");
    return false;
}

/* The shipped parameters of year, quietly: false when there are none. */
static bool roundParamsOf(int year, yearParams *p) {
    const char *origin;
    char err[256];
    return year >= 2000 && year <= 2200 && !appParamsLoad(p, NULL, &origin, year, NULL, 0, err, sizeof err);
}

bool roundParams(httpCtx *c, int year, yearParams *p) {
    if (roundParamsOf(year, p)) return true;
    httpFail(c, 404, "没有该年度的参数 (no parameters for that year)");
    return false;
}

int roundIdYear(const char *id) {
    if (!id || strlen(id) < 6 || id[4] != '-' || strspn(id, "0123456789") != 4) return 0;
    return atoi(id);
}

bool roundQueryYear(httpCtx *c, int *year) {
    const char *y = httpQuery(c, "year");
    if (!y) {
        *year = dateYear(roundToday(c));
        return true;
    }
    if (strlen(y) == 4 && strspn(y, "0123456789") == 4) {
        *year = atoi(y);
        return true;
    }
    httpFail(c, 400, "year 应为四位数字 (year must be four digits)");
    return false;
}

void roundFailWith(httpCtx *c, int rc, const appRoundOutcome *out) {
    const unsigned status = rc == GH_EREFUSED || rc == GH_ERANGE ? 409 : rc == GH_EINVAL ? 400
                          : rc == GH_ENOTFOUND ? 404 : rc == GH_EBUSY ? 503 : 500;
    if (rc == GH_EBUSY) httpHeader(c, "Retry-After", "1");
    const char *msg = out && out->message[0] ? out->message
                    : rc == GH_ENOTFOUND ? "未找到 (not found)" : "操作失败 (failed)";
    if (rc != GH_EREFUSED || !out || out->decision.allowed || !out->decision.n) {
        httpFail(c, status, msg);
        return;
    }
    sbuf r, t;
    sbufInit(&r);
    sbufInit(&t);
    sbufPutc(&r, '[');
    for (size_t i = 0; i < out->decision.n; i++) {
        const roundReason *x = &out->decision.reasons[i];
        sbufPuts(&r, i ? ",{\"code\":" : "{\"code\":");
        jsonwString(&r, roundReasonCodeName(x));
        jsonwKey(&r, "article", 0);
        jsonwString(&r, roundReasonArticle(x));
        sbufClear(&t);
        roundReasonText(&t, x);
        jsonwKey(&r, "message", 0);
        jsonwStringN(&r, t.data ? t.data : "", t.len);
        sbufPutc(&r, '}');
    }
    sbufPutc(&r, ']');
    if (r.failed) httpFail(c, 500, "内存不足");
    else httpFailReasons(c, status, msg, r.data);
    sbufFree(&r);
    sbufFree(&t);
}

void roundReplyRead(httpCtx *c, roundReadFn fn, void *ctx, const char *missing) {
    store *s = httpStore(c);
    sbuf b;
    sbufInit(&b);
    int rc = storeReadBegin(s);
    if (!rc) {
        rc = fn(&b, s, ctx);
        (void)storeReadEnd(s);
    }
    if (!rc && b.failed) rc = GH_ENOMEM;
    if (rc) {
        sbufFree(&b);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500, rc != GH_ENOTFOUND ? "读取失败 (read failed)"
                                                    : missing ? missing : "未找到 (not found)");
        return;
    }
    httpReply(c, 200, &b);
}

/* ---- the body ---- */

/* A string value into *out; false when the value is not a string. */
static bool bodyString(jsonReader *j, const char **out) {
    size_t n;
    return jsonPeek(j) == JSON_T_STRING && !jsonString(j, out, &n) && strlen(*out) == n; /* no NUL inside */
}

static bool bodyId(jsonReader *j, int64_t *out) {
    const char *num;
    size_t n;
    if (jsonPeek(j) != JSON_T_NUMBER || jsonNumber(j, &num, &n) || !n || n > 15 || strspn(num, "0123456789") < n)
        return false;
    *out = strtoll(num, NULL, 10);
    return *out > 0;
}

/* One key of the body; false when it is unknown or of the wrong kind. */
static bool bodyField(jsonReader *j, void *ctx, const char *key, size_t kn) {
    roundBody *b = ctx;
    static const struct { const char *name; size_t off; } strings[] = {
#define S(f) {#f, offsetof(roundBody, f)}
        S(action), S(reason), S(override_reason), S(visit_staff), S(revocation), S(uscc), S(category), S(route),
        S(recommended_by), S(statement), S(department), S(opinion), S(reply), S(changes), S(note), S(title), S(level),
        S(application), S(contact)
#undef S
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        if (jsonKeyIs(key, kn, strings[i].name)) return bodyString(j, (const char **)((char *)b + strings[i].off));
    bool first = true;
    if (jsonKeyIs(key, kn, "date")) {
        const char *d;
        return bodyString(j, &d) && !dateParse(&b->date, d, strlen(d));
    }
    if (jsonKeyIs(key, kn, "confirmed")) {
        b->has_confirmed = true;
        return (jsonPeek(j) == JSON_T_TRUE || jsonPeek(j) == JSON_T_FALSE) && !jsonBool(j, &b->confirmed);
    }
    if (jsonKeyIs(key, kn, "consent_scan")) return bodyId(j, &b->consent_scan);
    if (jsonKeyIs(key, kn, "photos")) {
        if (jsonArrayBegin(j)) return false;
        int k;
        while ((k = jsonArrayNext(j, &first)) == 1)
            if (b->n_photos == STORE_VISIT_PHOTOS || !bodyId(j, &b->photos[b->n_photos++])) return false;
        return k == 0;
    }
    if (jsonKeyIs(key, kn, "claimed")) {
        if (jsonArrayBegin(j)) return false;
        int k;
        while ((k = jsonArrayNext(j, &first)) == 1)
            if (b->n_claimed == CATEGORY_MAX_CRITERIA || !bodyString(j, &b->claimed[b->n_claimed++])) return false;
        return k == 0;
    }
    return false;
}

bool roundParseBody(httpCtx *c, roundBody *b, arena *a) {
    memset(b, 0, sizeof *b);
    b->date = DATE_NONE;
    return httpBodyObject(c, a, bodyField, b);
}

/* ---- drafts and the form ---- */

/* d from the body: category, route, recommended_by, claimed ("A" or "quality.A"), statement. */
static bool roundDraftOf(httpCtx *c, const roundBody *b, appRoundDraft *d) {
    memset(d, 0, sizeof *d);
    d->uscc = b->uscc;
    d->statement = b->statement;
    d->recommended_by = b->recommended_by;
    d->route = b->route && !strcmp(b->route, "recommended") ? ROUTE_RECOMMENDED : ROUTE_SELF;
    bool ok = b->category && !categoryParse(&d->category, b->category, strlen(b->category)) &&
              (!b->route || !strcmp(b->route, "recommended") || !strcmp(b->route, "self"));
    for (size_t i = 0; ok && i < b->n_claimed; i++) {
        const char *x = b->claimed[i];
        categoryKind k = d->category;
        int letter = -1;
        if (strlen(x) == 1 && x[0] >= 'A' && x[0] <= 'F') letter = x[0] - 'A';
        else if (categoryCriterionParse(&k, &letter, x, strlen(x)) || k != d->category) ok = false;
        d->claimed[d->n_claimed++] = letter;
    }
    if (!ok) httpFail(c, 400, "需要 category（famous、characteristic、quality、emerging）、route（self 或 recommended）"
                              "及本类别的 claimed 条件 (category, route and the category's criteria)");
    return ok;
}

/* POST /api/round/applications: a draft of the year of today (or "date"'s year). */
void apiRoundCreate(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    roundBody b;
    appRoundWho who;
    appRoundDraft d;
    yearParams p;
    if (roundParseBody(c, &b, &a) && roundWho(c, &who) && roundDraftOf(c, &b, &d)) {
        if (!d.uscc && who.actor.role == RROLE_OWNER) d.uscc = who.actor.uscc;
        if (d.route == ROUTE_RECOMMENDED && !d.recommended_by && who.actor.role == RROLE_DEPARTMENT)
            d.recommended_by = who.actor.department;
        if (!d.uscc) httpFail(c, 400, "需要 uscc (uscc required)");
        else if (roundParams(c, dateYear(roundToday(c)), &p)) {
            appRoundOutcome out;
            const int rc = appRoundCreate(&out, httpStore(c), &who, &d, httpNow(), &p);
            if (rc) roundFailWith(c, rc, &out);
            else {
                sbuf r;
                sbufInit(&r);
                sbufPuts(&r, "{\"id\":");
                jsonwString(&r, out.id);
                sbufPuts(&r, ",\"state\":\"draft\"}");
                httpReply(c, 201, &r);
            }
        }
    }
    arenaFree(&a);
}

/* PUT /api/round/applications/{id}: rewrites a draft. */
void apiRoundEdit(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    roundBody b;
    appRoundWho who;
    appRoundDraft d;
    if (roundParseBody(c, &b, &a) && roundWho(c, &who) && roundDraftOf(c, &b, &d)) {
        appRoundOutcome out;
        const int rc = appRoundEdit(&out, httpStore(c), &who, c->params[0], &d, httpNow());
        if (rc) roundFailWith(c, rc, &out);
        else httpReplyJson(c, 200, "{\"saved\":true}");
    }
    arenaFree(&a);
}

/* GET /api/round/form?uscc=&route=self|recommended[&year=]: what the form shows
 * without asking (S3(二)); an owner's own business by default. */
void apiRoundForm(httpCtx *c) {
    appRoundWho who;
    int year;
    yearParams p;
    if (!roundWho(c, &who) || !roundQueryYear(c, &year) || !roundParams(c, year, &p)) return;
    const char *uscc = httpQuery(c, "uscc"), *route = httpQuery(c, "route");
    if (who.actor.role == RROLE_OWNER) {
        if (uscc && strcmp(uscc, who.actor.uscc)) {
            httpFail(c, 404, "未找到 (not found)"); /* another's business: as if unknown */
            return;
        }
        uscc = who.actor.uscc;
    }
    if (!uscc || !*uscc) {
        httpFail(c, 400, "需要 uscc (uscc required)");
        return;
    }
    arena a;
    arenaInit(&a, 1 << 14, 0);
    appRoundForm f;
    store *s = httpStore(c);
    int rc = storeReadBegin(s);
    if (!rc) {
        rc = appRoundPrefill(&f, s, uscc, route && !strcmp(route, "recommended") ? ROUTE_RECOMMENDED : ROUTE_SELF,
                             roundToday(c), &p, &a);
        (void)storeReadEnd(s);
    }
    if (rc) {
        arenaFree(&a);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500, rc == GH_ENOTFOUND ? "未找到 (not found)" : "读取失败 (read failed)");
        return;
    }
    sbuf r;
    sbufInit(&r);
    appRoundFormJson(&r, &f, who.actor.role != RROLE_DEPARTMENT);
    arenaFree(&a);
    httpReply(c, 200, &r);
}

/* ---- transitions ---- */

/* rq and x from the body: the action, reason, date, an administrator's override. */
static bool roundRequestOf(httpCtx *c, const roundBody *b, const appRoundWho *who, roundRequest *rq,
                           appRoundExtra *x) {
    memset(rq, 0, sizeof *rq);
    memset(x, 0, sizeof *x);
    if (!b->action || roundActionParse(&rq->action, b->action, strlen(b->action))) {
        httpFail(c, 400, "需要 action：submit、recommend、consent、accept、pass_review、record_visit、propose、"
                         "publicise、recognise、report、spot_request、supplement、spot_refuse、withdraw、reject、cancel、"
                         "revoke (action required)");
        return false;
    }
    rq->reason = b->reason;
    rq->date = b->date;
    if (b->override_reason) { /* the law refuses an override by anyone but an administrator */
        rq->override = true;
        rq->override_by = who->actor.role;
        rq->override_reason = b->override_reason;
        x->override_name = who->name;
    }
    x->consent_scan = b->consent_scan;
    x->visit_staff = b->visit_staff;
    x->photos = b->photos;
    x->n_photos = b->n_photos;
    if (b->revocation) {
        if (!strcmp(b->revocation, "fraud")) x->revocation = REVOKE_FRAUD;
        else if (!strcmp(b->revocation, "bribery")) x->revocation = REVOKE_BRIBERY;
        else {
            httpFail(c, 400, "revocation 应为 fraud 或 bribery (fraud or bribery)");
            return false;
        }
    }
    return true;
}

/* POST /api/round/applications/{id}/actions {"action":…}: every transition of the
 * round (rules/round.h), decided by the law for the signed-in role. */
void apiRoundAct(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    roundBody b;
    appRoundWho who;
    roundRequest rq;
    appRoundExtra x;
    yearParams p;
    if (roundParseBody(c, &b, &a) && roundWho(c, &who) && roundRequestOf(c, &b, &who, &rq, &x) &&
        roundParams(c, roundIdYear(c->params[0]), &p)) {
        appRoundOutcome out;
        const int rc = appRoundAct(&out, httpStore(c), &who, c->params[0], &rq, &x, roundToday(c), httpNow(), &p);
        if (rc) roundFailWith(c, rc, &out);
        else {
            sbuf r;
            sbufInit(&r);
            sbufPuts(&r, "{\"id\":");
            jsonwString(&r, c->params[0]);
            jsonwKey(&r, "action", 0);
            jsonwString(&r, roundActionCode(out.decision.action));
            jsonwKey(&r, "from", 0);
            jsonwString(&r, roundStateCode(out.decision.from));
            jsonwKey(&r, "to", 0);
            jsonwString(&r, roundStateCode(out.decision.to));
            sbufPuts(&r, out.decision.overridden ? ",\"overridden\":true" : ",\"overridden\":false");
            if (out.decision.publicity_until != DATE_NONE && out.decision.to == RSTATE_PUBLICITY) {
                jsonwKey(&r, "publicity_until", 0);
                jsonwDate(&r, out.decision.publicity_until);
            }
            if (out.decision.to == RSTATE_RECOGNISED) {
                jsonwKey(&r, "valid_until", 0);
                jsonwDate(&r, out.decision.expires - 1);
            }
            sbufPutc(&r, '}');
            httpReply(c, 200, &r);
        }
    }
    arenaFree(&a);
}

/* ---- one case ---- */

/* GET /api/round/applications/{id}: the case for a reader who may see it; staff of
 * the district also get the eligibility check re-run today and which categories
 * the data meets ("check"). */
void apiRoundCase(httpCtx *c) {
    appRoundWho who;
    if (!roundWho(c, &who)) return;
    store *s = httpStore(c);
    sbuf r;
    sbufInit(&r);
    arena a;
    arenaInit(&a, 1 << 14, 0);
    storeRoundApp app;
    yearParams p;
    int rc = storeReadBegin(s);
    if (!rc) rc = appRoundGet(&app, s, &who, c->params[0], &a);
    if (!rc) {
        sbufPuts(&r, "{\"case\":");
        rc = appRoundCaseJson(&r, s, &who, c->params[0]);
    }
    const bool staff = who.actor.role == RROLE_CLERK || who.actor.role == RROLE_REVIEWER ||
                       who.actor.role == RROLE_ADMIN || who.actor.role == RROLE_INSPECTOR;
    if (!rc && staff && roundParamsOf(app.year, &p)) {
        appRoundForm f;
        const int frc = appRoundCaseCheck(&f, s, &app, roundToday(c), &p, &a);
        if (frc && frc != GH_ENOTFOUND) rc = frc;
        sbufPuts(&r, ",\"check\":");
        if (frc) sbufPuts(&r, "null");
        else appRoundFormJson(&r, &f, true);
    }
    sbufPutc(&r, '}');
    (void)storeReadEnd(s);
    arenaFree(&a);
    if (rc) {
        sbufFree(&r);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500, rc == GH_ENOTFOUND ? "未找到 (not found)" : "读取失败 (read failed)");
        return;
    }
    httpReply(c, 200, &r);
}
