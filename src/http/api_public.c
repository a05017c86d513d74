#include "http/api_public.h"
#include "http/routes.h"
#include "http/api_round.h"
#include "app/reconcile.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/utf8.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "rules/explain.h"
#include "rules/privacy.h"
#include <stdio.h>
#include <string.h>

typedef struct publicCtx {
    store *s;
    sbuf *out;
    arena a;
    int n;
    int years;
} publicCtx;

void publicReasonCodes(sbuf *out, arena *a, const char *reasons, size_t len) {
    jsonReader j;
    arenaReset(a);
    jsonInit(&j, reasons, len, a);
    bool first = true, any = false;
    sbufPutc(out, '[');
    if (jsonArrayBegin(&j)) goto done;
    while (jsonArrayNext(&j, &first) == 1) {
        bool ofirst = true;
        const char *key, *v, *code = NULL, *article = NULL;
        size_t kn, vn;
        if (jsonObjectBegin(&j)) break;
        while (jsonObjectNext(&j, &ofirst, &key, &kn) == 1) {
            if (jsonString(&j, &v, &vn)) goto done;
            if (jsonKeyIs(key, kn, "code")) code = v;
            else if (jsonKeyIs(key, kn, "article")) article = v;
        }
        if (!code || !article) continue;
        sbufPuts(out, any ? ",{\"code\":" : "{\"code\":");
        jsonwString(out, code);
        jsonwKey(out, "article", 0);
        jsonwString(out, article);
        sbufPutc(out, '}');
        any = true;
    }
done:
    sbufPutc(out, ']');
}

static int publicYear(void *ctx, const storeResult *r) {
    publicCtx *c = ctx;
    if (!r->published) return 0;
    sbufPuts(c->out, c->years++ ? ",{\"year\":" : "{\"year\":");
    sbufPutInt(c->out, r->year);
    jsonwKey(c->out, "type", 0);
    jsonwString(c->out, typingTypeCode(r->type));
    jsonwKey(c->out, "type_label", 0);
    jsonwString(c->out, typingTypeLabel(r->type));
    jsonwKey(c->out, "source", 0);
    jsonwString(c->out, appSourceCode(r->source));
    jsonwKey(c->out, "source_label", 0);
    jsonwString(c->out, appSourceLabel(r->source));
    jsonwKey(c->out, "reasons", 0);
    resultPlainWrite(c->out, &c->a, r, RESULT_VIEW_PUBLIC); /* issue 11 §1, decision 152 */
    if (r->corrected) sbufPuts(c->out, ",\"corrected\":true,\"note\":\"经异议更正\""); /* decision 101 */
    sbufPutc(c->out, '}');
    return 0;
}

/* Hits are collected first: results are read with the same connection after the
 * look-up statement has finished. */
typedef struct publicHits {
    int n;
    struct { char uscc[USCC_LEN + 1], name[256], town[64], operator_masked[16]; bizStatus status; } h[PUBLIC_MAX_RESULTS + 1];
} publicHits;

static int publicHit(void *ctx, const storeHit *h) {
    publicHits *p = ctx;
    if (p->n > PUBLIC_MAX_RESULTS) return 0;
    snprintf(p->h[p->n].uscc, sizeof p->h[p->n].uscc, "%s", h->uscc);
    snprintf(p->h[p->n].name, sizeof p->h[p->n].name, "%s", h->name ? h->name : "");
    snprintf(p->h[p->n].town, sizeof p->h[p->n].town, "%s", h->town ? h->town : "");
    privacyMaskName(h->operator_name, p->h[p->n].operator_masked, sizeof p->h[p->n].operator_masked);
    p->h[p->n].status = h->status;
    p->n++;
    return 0;
}

/* Decision 153: only a query made of ASCII letters, digits and spaces that compacts to
 * 15 or 18 characters (a 注册号 or a USCC) is rewritten; a name keeps its spelling. */
void publicNormaliseQuery(char *q) {
    size_t n = 0;
    for (const char *p = q; *p; p++) {
        const unsigned char ch = (unsigned char)*p;
        if (ch == ' ') continue;
        if (!((ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))) return;
        n++;
    }
    if (n != 15 && n != USCC_LEN) return;
    char *w = q;
    for (const char *p = q; *p; p++)
        if (*p != ' ') *w++ = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
    *w = '\0';
}

void apiHealth(httpCtx *c) { httpReplyJson(c, 200, "{\"status\":\"ok\"}"); }

/* "category": the 名特优新 recognition valid today and its validity (issue 9 §6), or null. */
static int publicCategory(store *s, const char *uscc, civilDate today, sbuf *out) {
    arena a;
    arenaInit(&a, 1024, 0);
    storeRecognition r;
    const int rc = appRoundValidRecognition(&r, s, uscc, today, &a);
    sbufPuts(out, ",\"category\":");
    if (rc) sbufPuts(out, "null");
    else {
        sbufPuts(out, "{\"code\":");
        jsonwString(out, categoryCode(r.category));
        jsonwKey(out, "label", 0);
        jsonwString(out, categoryLabel(r.category));
        jsonwKey(out, "recognised_on", 0);
        jsonwDate(out, r.recognised_on);
        jsonwKey(out, "valid_until", 0);
        jsonwDate(out, r.expires - 1);
        jsonwKey(out, "certificate", 0);
        sbufPuts(out, "\"/api/public/certificates/");
        sbufPuts(out, r.uscc); /* 18 checked characters: nothing to escape */
        sbufPuts(out, "\"}");
    }
    arenaFree(&a);
    return rc == GH_ENOTFOUND ? 0 : rc;
}

/* The look-up itself: hits and their published results from one snapshot. */
static int publicSearch(store *s, const char *q, civilDate today, sbuf *out) {
    publicHits hits;
    hits.n = 0;
    if (storeReadBegin(s)) return GH_EIO;
    if (storeFind(s, q, PUBLIC_MAX_RESULTS + 1, publicHit, &hits)) {
        (void)storeReadEnd(s);
        return GH_EIO;
    }
    publicCtx c = {.s = s, .out = out};
    arenaInit(&c.a, 4096, 0);
    const int shown = hits.n > PUBLIC_MAX_RESULTS ? PUBLIC_MAX_RESULTS : hits.n;
    sbufPuts(out, "{\"query\":");
    jsonwString(out, q);
    sbufPrintf(out, ",\"count\":%d,\"truncated\":%s,\"results\":[", shown, hits.n > PUBLIC_MAX_RESULTS ? "true" : "false");
    int rc = 0;
    for (int i = 0; i < shown && !rc; i++) {
        sbufPuts(out, i ? ",{\"uscc\":" : "{\"uscc\":");
        jsonwString(out, hits.h[i].uscc);
        jsonwKey(out, "name", 0);
        jsonwString(out, hits.h[i].name);
        jsonwKey(out, "town", 0);
        jsonwString(out, hits.h[i].town);
        jsonwKey(out, "status", 0);
        jsonwString(out, explainStatusLabel(hits.h[i].status));
        jsonwKey(out, "operator", 0);
        jsonwString(out, hits.h[i].operator_masked);
        jsonwKey(out, "years", 0);
        sbufPutc(out, '[');
        c.years = 0;
        rc = storeEachPublishedOf(s, hits.h[i].uscc, false, publicYear, &c); /* decision 274 */
        sbufPutc(out, ']');
        if (!rc) rc = publicCategory(s, hits.h[i].uscc, today, out);
        sbufPutc(out, '}');
    }
    sbufPuts(out, "]}");
    arenaFree(&c.a);
    const int end = storeReadEnd(s);
    return rc ? rc : end;
}

void apiPublicSearch(httpCtx *c) {
    double retry = 0;
    if (!rateAllow(&c->srv->rate, c->client_key, httpMonotonic(), &retry)) {
        char message[128], after[16];
        snprintf(after, sizeof after, "%d", (int)retry + 1);
        snprintf(message, sizeof message, "查询过于频繁，请 %s 秒后再试 (rate limited)", after);
        httpHeader(c, "Retry-After", after);
        httpFail(c, 429, message);
        return;
    }
    const char *query = httpQuery(c, "q");
    size_t n = query ? strlen(query) : 0;
    while (n && (query[0] == ' ')) query++, n--;
    while (n && query[n - 1] == ' ') n--;
    if (n == 0) {
        httpFail(c, 400, "请输入个体工商户名称或统一社会信用代码 (query q is required)");
        return;
    }
    if (n > PUBLIC_MAX_QUERY) {
        httpFail(c, 400, "查询词过长 (query too long)");
        return;
    }
    if (!utf8Valid(query, n, NULL)) { /* echoed in the answer, which must stay JSON (issue 8, finding 10) */
        httpFail(c, 400, "查询词不是有效的 UTF-8 文本 (query is not valid UTF-8)");
        return;
    }
    char q[PUBLIC_MAX_QUERY + 1];
    memcpy(q, query, n);
    q[n] = '\0';
    publicNormaliseQuery(q);
    sbuf out;
    sbufInit(&out);
    store *s = httpStore(c);
    const civilDate today = roundToday(c); /* part of the key: a recognition expires at midnight */
    /* decision 300: the epoch comes before the look-up's snapshot, so that an answer is
     * never kept in an epoch newer than what it read */
    const uint64_t epoch = publicCacheEpoch(&c->srv->lookup_cache, s);
    if (publicCacheGet(&c->srv->lookup_cache, epoch, q, today, &out)) {
        c->note = "answer from the look-up cache (decision 300)";
        httpReply(c, 200, &out);
        return;
    }
    if (publicSearch(s, q, today, &out)) {
        sbufFree(&out);
        httpFail(c, 500, "查询失败，请稍后再试 (lookup failed)");
        return;
    }
    if (!out.failed) publicCachePut(&c->srv->lookup_cache, epoch, q, today, out.data, out.len);
    httpReply(c, 200, &out);
}
