/* The bank channel over HTTP, the owner's side (issue 10 §5; decisions 110-116): the
 * banks to choose from, the owner's consents and who looked ("谁查看了我的信息"),
 * granting and withdrawing (the bank's side is api_bank.c). */
#include "http/routes.h"
#include "app/bank.h"
#include "core/error.h"
#include "http/api_round.h"
#include "io/json.h"
#include "io/jsonw.h"
#include <string.h>

static appActor consentActor(const httpCtx *c) {
    return (appActor){.name = c->who.username, .role = c->who.role_name, .client = c->client};
}

static int bankName(void *ctx, const char *bank) {
    sbuf *out = ctx;
    if (out->len && out->data[out->len - 1] != '[') sbufPutc(out, ',');
    jsonwString(out, bank);
    return 0;
}

/* GET /api/banks: the banks known to the system, for the owner to choose from. */
void apiBanks(httpCtx *c) {
    sbuf out;
    sbufInit(&out);
    sbufPuts(&out, "{\"banks\":[");
    const int rc = storeEachBank(httpStore(c), bankName, &out);
    sbufPuts(&out, "]}");
    if (rc) sbufFree(&out), httpFail(c, 500, "读取失败 (read failed)");
    else httpReply(c, 200, &out);
}

typedef struct bankList { sbuf *out; int n; civilDate today; } bankList;

static int bankConsentRow(void *ctx, const storeBankConsent *k) {
    bankList *l = ctx;
    sbuf *out = l->out;
    const bool in_force = !k->withdrawn_at && k->from <= l->today && l->today <= k->to;
    sbufPrintf(out, "%s{\"id\":%lld,\"bank\":", l->n++ ? "," : "", (long long)k->id);
    jsonwString(out, k->bank);
    jsonwKey(out, "from", 0);
    jsonwDate(out, k->from);
    jsonwKey(out, "to", 0);
    jsonwDate(out, k->to);
    jsonwKey(out, "scopes", 0);
    bankScopesJson(out, k->scopes);
    jsonwKey(out, "granted_at", 0);
    jsonwString(out, k->granted_at);
    jsonwText(out, "withdrawn_at", k->withdrawn_at);
    sbufPrintf(out, ",\"status\":\"%s\"}", k->withdrawn_at ? "withdrawn" : in_force ? "in_force"
                                          : k->to < l->today ? "expired" : "future");
    return 0;
}

static int bankAccessRow(void *ctx, const storeBankAccess *a) {
    bankList *l = ctx;
    sbuf *out = l->out;
    sbufPuts(out, l->n++ ? ",{\"bank\":" : "{\"bank\":");
    jsonwString(out, a->bank);
    jsonwKey(out, "at", 0);
    jsonwString(out, a->at);
    jsonwKey(out, "what", 0);
    jsonwString(out, a->what);
    jsonwKey(out, "scopes", 0);
    bankScopesJson(out, a->scopes);
    sbufPutc(out, '}');
    return 0;
}

/* GET /api/consents: the owner's consents, newest first, and the banks' latest 100
 * looks at its information ("谁查看了我的信息"). */
void apiConsents(httpCtx *c) {
    store *s = httpStore(c);
    sbuf out;
    sbufInit(&out);
    bankList l = {&out, 0, roundToday(c)};
    sbufPuts(&out, "{\"consents\":[");
    const storeBankConsentFilter f = {.uscc = c->who.uscc};
    int rc = storeEachBankConsent(s, &f, bankConsentRow, &l);
    sbufPuts(&out, "],\"accesses\":[");
    l.n = 0;
    if (!rc) rc = storeEachBankAccess(s, c->who.uscc, 100, bankAccessRow, &l);
    sbufPuts(&out, "]}");
    if (rc) sbufFree(&out), httpFail(c, 500, "读取失败 (read failed)");
    else httpReply(c, 200, &out);
}

typedef struct consentBody { const char *bank; civilDate from, to; unsigned scopes; bool bad; } consentBody;

static bool bankBodyString(jsonReader *j, const char **out) {
    size_t n;
    return jsonPeek(j) == JSON_T_STRING && !jsonString(j, out, &n) && strlen(*out) == n;
}

static bool bankBodyDate(jsonReader *j, civilDate *d) {
    const char *s;
    return bankBodyString(j, &s) && !dateParse(d, s, strlen(s));
}

/* {"bank","from","to","scopes":["report","tax","insured"]}: false after answering 400. */
static bool bankParseConsent(httpCtx *c, arena *a, consentBody *b) {
    memset(b, 0, sizeof *b);
    b->from = b->to = DATE_NONE;
    jsonReader j;
    jsonInit(&j, c->body, c->body_len, a);
    const char *key;
    size_t kn;
    bool first = true, ok = true;
    int k = jsonObjectBegin(&j) ? -1 : 1;
    while (ok && k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1) {
        if (jsonKeyIs(key, kn, "bank")) ok = bankBodyString(&j, &b->bank);
        else if (jsonKeyIs(key, kn, "from")) ok = bankBodyDate(&j, &b->from);
        else if (jsonKeyIs(key, kn, "to")) ok = bankBodyDate(&j, &b->to);
        else if (jsonKeyIs(key, kn, "scopes")) {
            bool f2 = true;
            int e = jsonArrayBegin(&j) ? -1 : 1;
            const char *sc;
            while (ok && e == 1 && (e = jsonArrayNext(&j, &f2)) == 1) {
                const unsigned bit = bankBodyString(&j, &sc) ? bankScopeParse(sc, strlen(sc)) : 0;
                ok = bit != 0;
                b->scopes |= bit;
            }
            ok = ok && e == 0;
        } else ok = false;
    }
    if (ok && k == 0 && !jsonEnd(&j) && b->bank && b->from != DATE_NONE && b->to != DATE_NONE) return true;
    httpFail(c, 400, "需要 bank、from、to（YYYY-MM-DD），scopes 只能是 report、tax、insured "
                     "(bank, from and to required; scopes of report, tax, insured)");
    return false;
}

/* POST /api/consents: the owner grants a bank consent (201 with its id). */
void apiConsentGrant(httpCtx *c) {
    arena a;
    arenaInit(&a, 1024, 0);
    consentBody b;
    if (!bankParseConsent(c, &a, &b)) {
        arenaFree(&a);
        return;
    }
    const appActor who = consentActor(c);
    store *s = httpStore(c);
    int64_t id = 0;
    const civilDate today = roundToday(c);
    const int rc = bankConsentGrant(s, &who, c->who.uscc, b.bank, b.from, b.to, b.scopes, today, httpNow(), &id);
    arenaFree(&a);
    if (rc == GH_ENOTFOUND) httpFail(c, 400, "没有这家银行，请从列表中选择 (unknown bank)");
    else if (rc == GH_EINVAL)
        httpFail(c, 400, storeError(s)[0] ? storeError(s)
                                          : "授权期间无效：结束日期不得早于开始日期或今天 (invalid span)");
    else if (rc == GH_EBUSY) httpFail(c, 503, "系统繁忙，请稍后重试 (busy)");
    else if (rc) httpFail(c, 500, "授权失败 (grant failed)");
    else {
        sbuf out;
        sbufInit(&out);
        sbufPrintf(&out, "{\"id\":%lld}", (long long)id);
        httpReply(c, 201, &out);
    }
}

/* POST /api/consents/{id}/withdraw: at once; the next request of the bank is refused. */
void apiConsentWithdraw(httpCtx *c) {
    const int64_t id = httpParamId(c->params[0]);
    const appActor who = consentActor(c);
    const int rc = id ? bankConsentWithdraw(httpStore(c), &who, c->who.uscc, id, httpNow()) : GH_ENOTFOUND;
    if (rc == GH_ENOTFOUND) httpFail(c, 404, "没有这项有效的授权 (no such consent)");
    else if (rc == GH_EBUSY) httpFail(c, 503, "系统繁忙，请稍后重试 (busy)");
    else if (rc) httpFail(c, 500, "撤回失败 (withdrawal failed)");
    else httpReplyJson(c, 200, "{\"withdrawn\":true}");
}
