#include "http/routes.h"
#include "http/throttle.h"
#include "app/departments.h"
#include "io/kinds.h"
#include "core/error.h"
#include "io/json.h"
#include "io/jsonw.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Sessions over HTTP: the cookie, the CSRF token, sign-in and sign-out (decisions
 * §34-38). */

int sessionLoad(httpCtx *c) {
    const char *token = httpCookie(c, AUTH_COOKIE);
    if (!token) return GH_ENOTFOUND;
    store *s = httpStore(c);
    const int rc = accountSession(s, token, httpNow(), &c->who);
    storeIdle(s); /* the session is copied out: end its read before the handler writes (decision 40) */
    return rc ? GH_ENOTFOUND : 0;
}

/* The account as the console needs it, with the CSRF token to echo. */
static void sessionWriteMe(const appSession *who, sbuf *out) {
    sbufPuts(out, "{\"username\":");
    jsonwString(out, who->username);
    jsonwKey(out, "role", 0);
    jsonwString(out, who->role_name);
    jsonwKey(out, "department", 0);
    jsonwString(out, who->department);
    jsonwKey(out, "uscc", 0);
    jsonwString(out, who->uscc);
    jsonwKey(out, "csrf", 0);
    jsonwString(out, who->csrf);
    /* The extract kinds this account may upload (decision 42), for the console's form:
     * their names, then their descriptors (columns, labels). */
    bool may[EXTRACT__COUNT] = {false};
    for (int k = EXTRACT_REGISTRATION; k < EXTRACT__COUNT; k++)
        may[k] = (who->role & (ROLE_ADMIN | ROLE_CLERK)) ||
                 ((who->role & ROLE_DEPARTMENT) && departmentSupplies(who->department, (extractKind)k));
    sbufPuts(out, ",\"uploads\":[");
    for (int k = 0, n = 0; k < EXTRACT__COUNT; k++)
        if (may[k]) {
            sbufPuts(out, n++ ? "," : "");
            jsonwString(out, extractKindName((extractKind)k));
        }
    sbufPuts(out, "],\"upload_kinds\":[");
    for (int k = 0, n = 0; k < EXTRACT__COUNT; k++)
        if (may[k]) {
            sbufPuts(out, n++ ? "," : "");
            kindWriteJson(out, kindGet((extractKind)k));
        }
    sbufPuts(out, "]}");
}

void sessionMe(httpCtx *c) {
    sbuf out;
    sbufInit(&out);
    sessionWriteMe(&c->who, &out);
    httpReply(c, 200, &out);
}

/* The sign-in body: {"username","password"} or {"uscc","code"}. GH_EINVAL when it is neither. */
typedef struct sessionCredentials { const char *user, *pass, *uscc, *code; } sessionCredentials;

static int sessionParse(sessionCredentials *cr, const char *body, size_t n, arena *a) {
    jsonReader j;
    jsonInit(&j, body, n, a);
    const char *key, *v;
    size_t kn, vn;
    bool first = true;
    memset(cr, 0, sizeof *cr);
    int k = jsonObjectBegin(&j) ? -1 : 1;
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1) {
        if (jsonPeek(&j) != JSON_T_STRING) { k = jsonSkip(&j) ? -1 : 1; continue; }
        if (jsonString(&j, &v, &vn)) { k = -1; break; }
        if (jsonKeyIs(key, kn, "username")) cr->user = v;
        else if (jsonKeyIs(key, kn, "password")) cr->pass = v;
        else if (jsonKeyIs(key, kn, "uscc")) cr->uscc = v;
        else if (jsonKeyIs(key, kn, "code")) cr->code = v;
    }
    const bool by_code = cr->uscc && cr->code && !cr->user && !cr->pass;
    return k < 0 || (!by_code && (!cr->user || !cr->pass)) || jsonEnd(&j) ? GH_EINVAL : 0;
}

/* Sign-in limits beside the per-address bucket (--login-per-minute), decision 75:
 * growing delays per client address after failed sign-ins (whatever the names),
 * and a cap on access-code guesses per USCC whatever address they come from. Their
 * slots are in the store, so every serve process counts the same attempts (decision 265). */
#define SESSION_ADDRESS_FREE 10          /* failed sign-ins from one address before it waits */
#define SESSION_ADDRESS_CAP (15 * 60)    /* its longest wait, seconds */
#define SESSION_ADDRESS_FORGET (60 * 60) /* quiet this long, an address starts again */
#define SESSION_CODE_BURST 10            /* access-code attempts per USCC at once … */
#define SESSION_CODE_PER_HOUR 10         /* … and refilled per hour */

void sessionInit(httpServer *srv) {
    srv->login_backoff = rateRuleBackoff(SESSION_ADDRESS_FREE, SESSION_ADDRESS_CAP, SESSION_ADDRESS_FORGET);
    srv->code_rate = rateRuleBucket(SESSION_CODE_PER_HOUR / 3600.0, SESSION_CODE_BURST);
}

/* A USCC as a rate-limit key (FNV-1a of its upper-cased characters): any string a
 * client sends has one, so a guess at a USCC no account has is capped alike. */
static uint64_t sessionUsccKey(const char *uscc) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)uscc; *p; p++)
        h = (h ^ (uint64_t)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p)) * 0x100000001b3ull;
    return h;
}

/* Answers 429 with Retry-After: what is too many, and in how many seconds to retry. */
static void sessionTooMany(httpCtx *c, double retry, const char *what) {
    char message[256], after[16];
    snprintf(after, sizeof after, "%d", (int)retry + 1);
    snprintf(message, sizeof message, "%s，请 %s 秒后再试 (too many attempts)", what, after);
    httpHeader(c, "Retry-After", after);
    httpFail(c, 429, message);
}

/* Answers 503 "try again" when another writer (an import, a run) held the store
 * past the sign-in's short wait: nothing was done or recorded, and note (static)
 * says so in the access log (decision 73). */
static void sessionBusy(httpCtx *c, const char *note) {
    c->note = note;
    httpHeader(c, "Retry-After", "5");
    httpFail(c, 503, "系统繁忙，请稍后重试 (busy, try again)");
}

/* Answers a sign-in limit's refusal (1: 429 with what; GH_EBUSY: 503; another
 * failure: 500) and returns true; false when rc is 0 (allowed). */
static bool sessionThrottled(httpCtx *c, int rc, const double *retry, const char *what) {
    if (!rc) return false;
    if (rc == 1) sessionTooMany(c, *retry, what);
    else if (rc == GH_EBUSY) sessionBusy(c, "store busy: sign-in attempt not recorded");
    else httpFail(c, 500, "登录未能完成 (sign-in failed)");
    return true;
}

/* POST /api/session: signs in; answers the account with its CSRF token and sets the
 * cookie. Every refusal of a password sign-in answers the same 401 (decision 74); a
 * store held by another writer answers 503, never a refusal, and the access log says
 * the attempt was not recorded. */
void sessionLogin(httpCtx *c) {
    double retry = 0;
    if (sessionThrottled(c, throttleStep(c, THROTTLE_TAKE, &c->srv->login_rate, THROTTLE_LOGIN, c->client_key, &retry),
                         &retry, "登录尝试过于频繁") ||
        sessionThrottled(c, throttleStep(c, THROTTLE_WAIT, &c->srv->login_backoff, THROTTLE_LOGIN_BACKOFF,
                                         c->client_key, &retry),
                         &retry, "本地址登录失败次数过多"))
        return;
    arena a;
    arenaInit(&a, 4096, 1 << 16);
    sessionCredentials cr;
    if (sessionParse(&cr, c->body, c->body_len, &a)) {
        arenaFree(&a);
        httpFail(c, 400, "请求应为 {\"username\":…,\"password\":…} (malformed JSON)");
        return;
    }
    const bool by_code = cr.uscc != NULL;
    if (by_code && sessionThrottled(c, throttleStep(c, THROTTLE_TAKE, &c->srv->code_rate, THROTTLE_CODE,
                                                    sessionUsccKey(cr.uscc), &retry),
                                    &retry, "该统一社会信用代码的访问码尝试次数过多")) {
        arenaFree(&a);
        return;
    }
    appSession who;
    char token[65], cookie[256];
    const int64_t now = httpNow();
    const int seconds = c->srv->o->session_seconds;
    const int rc = by_code ? accountSignInCode(httpStore(c), c->client, cr.uscc, cr.code, now, seconds, &who, token)
                           : accountSignIn(httpStore(c), c->client, cr.user, cr.pass, now, seconds, &who, token);
    arenaFree(&a);
    if (rc == GH_ENOTFOUND &&
        throttleStep(c, THROTTLE_FAIL, &c->srv->login_backoff, THROTTLE_LOGIN_BACKOFF, c->client_key, &retry)) {
        /* the refusal is recorded (account, audit) but the address's count is not: "try
         * again" rather than a 401 that an address could repeat without its delay growing */
        sessionBusy(c, "store busy: failed sign-in not counted for the address");
        return;
    }
    if (rc == GH_EBUSY) {
        sessionBusy(c, "store busy: sign-in attempt not recorded");
        return;
    }
    if (rc) {
        httpFail(c, rc == GH_ENOTFOUND ? 401 : 500,
                 rc != GH_ENOTFOUND ? "登录未能完成 (sign-in failed)"
                 : by_code ? "访问码不对、已经用过或已过期。每个访问码只能登录一次；请核对统一社会信用代码和访问码，"
                             "或向区市场监管局申请新的访问码 (invalid, spent or expired code: ask the district bureau "
                             "for a new one)"
                                    : "用户名或密码错误；连续失败后须稍等再试 (wrong username or password; after repeated "
                                      "failures, wait before retrying)");
        return;
    }
    sbuf out;
    sbufInit(&out);
    sessionWriteMe(&who, &out);
    authCookie(cookie, sizeof cookie, token, seconds, c->secure);
    sodium_memzero(token, sizeof token);
    httpHeader(c, "Set-Cookie", cookie);
    httpReply(c, 200, &out);
    sodium_memzero(cookie, sizeof cookie);
}

/* DELETE /api/session: ends this session. Only once its row is really gone is the
 * answer 200 and the cookie cleared; a store held by another writer answers 503
 * with the session still valid. */
void sessionLogout(httpCtx *c) {
    char cookie[128];
    const char *token = httpCookie(c, AUTH_COOKIE);
    const int rc = accountSignOut(httpStore(c), &c->who, c->client, token ? token : "", httpNow());
    if (rc == GH_EBUSY) {
        sessionBusy(c, "store busy: sign-out not done");
        return;
    }
    if (rc) {
        httpFail(c, 500, "退出未能完成 (sign-out failed)");
        return;
    }
    authCookie(cookie, sizeof cookie, NULL, 0, false);
    httpHeader(c, "Set-Cookie", cookie);
    httpReplyJson(c, 200, "{}");
}
