/* The round's public routes, no sign-in (issue 9 §5, §6): the businesses under
 * publicity, objections to them, and a recognised business's certificate data with
 * its QR code. Nothing personal: no operator, no ID, no phone, no objector's contact. */
#include "http/api_round.h"
#include "http/api_public.h"
#include "http/qr.h"
#include "http/routes.h"
#include "core/error.h"
#include "core/uscc.h"
#include "core/utf8.h"
#include "io/jsonw.h"
#include <stdio.h>
#include <string.h>

/* The public limit shared with the search: false after answering 429. */
static bool publicAllow(httpCtx *c) {
    double retry = 0;
    if (rateAllow(&c->srv->rate, c->client_key, httpMonotonic(), &retry)) return true;
    char message[128], after[16];
    snprintf(after, sizeof after, "%d", (int)retry + 1);
    snprintf(message, sizeof message, "请求过于频繁，请 %s 秒后再试 (rate limited)", after);
    httpHeader(c, "Retry-After", after);
    httpFail(c, 429, message);
    return false;
}

static int publicityRead(sbuf *out, store *s, void *ctx) { return appRoundPublicityJson(out, s, *(const int *)ctx); }

/* GET /api/public/publicity[?year=]: the businesses under publicity (A3.2 公示). */
void apiRoundPublicity(httpCtx *c) {
    int year;
    if (publicAllow(c) && roundQueryYear(c, &year)) roundReplyRead(c, publicityRead, &year, NULL);
}

/* POST /api/public/objections {"application":"2025-0001","reason":"…","contact":"…"?}:
 * anyone objects during the window; 201 {"objection":id}. Throttled like the search;
 * the contact is kept for staff and never shown publicly nor audited. */
void apiRoundObjection(httpCtx *c) {
    if (!publicAllow(c)) return;
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    roundBody b;
    yearParams p;
    if (roundParseBody(c, &b, &a)) {
        if (!b.application || !b.reason || !utf8Valid(b.reason, strlen(b.reason), NULL) ||
            (b.contact && (strlen(b.contact) > 200 || !utf8Valid(b.contact, strlen(b.contact), NULL))) ||
            strlen(b.reason) > 4000)
            httpFail(c, 400, "需要 application 与 reason（不超过 4000 字节），contact 可选 (application and reason required)");
        else if (roundParams(c, roundIdYear(b.application), &p)) {
            appRoundOutcome out;
            const int rc = appRoundObject(&out, httpStore(c), c->client, b.application, b.reason, b.contact,
                                          roundToday(c), httpNow(), &p);
            if (rc) roundFailWith(c, rc, &out);
            else {
                char body[64];
                snprintf(body, sizeof body, "{\"objection\":%lld}", (long long)out.record_id);
                httpReplyJson(c, 201, body);
            }
        }
    }
    arenaFree(&a);
}

/* The URL of uscc's public record: the public search for it, on the server's public
 * origin (--public-origin) or the one the request reached. */
static void publicRecordUrl(const httpCtx *c, const char *uscc, char *buf, size_t n) {
    const char *own = c->srv->o->public_origin, *host = httpRequestHeader(c, "Host");
    if (own) snprintf(buf, n, "%s/?q=%s", own, uscc);
    else snprintf(buf, n, "%s%s/?q=%s", c->secure ? "https://" : "http://", host ? host : "localhost", uscc);
}

/* GET /api/public/certificates/{uscc}: a valid recognition's certificate data
 * (A3.3.5): name, town, category, validity, the public record's URL and its QR code
 * as SVG. 404 when the business holds no valid recognition today. */
void apiRoundCertificate(httpCtx *c) {
    if (!publicAllow(c)) return;
    const char *uscc = c->params[0];
    if (!uscc || strlen(uscc) != USCC_LEN) {
        httpFail(c, 404, "未找到有效的名特优新认定 (no valid recognition)");
        return;
    }
    store *s = httpStore(c);
    arena a;
    arenaInit(&a, 4096, 0);
    appRoundCertificateData d;
    int rc = storeReadBegin(s);
    if (!rc) {
        rc = appRoundCertificate(&d, s, uscc, roundToday(c), &a);
        (void)storeReadEnd(s);
    }
    if (rc) {
        arenaFree(&a);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500,
                 rc == GH_ENOTFOUND ? "未找到有效的名特优新认定 (no valid recognition)" : "读取失败 (read failed)");
        return;
    }
    char url[512];
    publicRecordUrl(c, d.r.uscc, url, sizeof url);
    sbuf b;
    sbufInit(&b);
    sbufPuts(&b, "{\"uscc\":");
    jsonwString(&b, d.r.uscc);
    jsonwKey(&b, "name", 0);
    jsonwString(&b, d.name ? d.name : "");
    jsonwKey(&b, "town", 0);
    jsonwString(&b, d.town ? d.town : "");
    jsonwKey(&b, "category", 0);
    jsonwString(&b, categoryCode(d.r.category));
    jsonwKey(&b, "category_label", 0);
    jsonwString(&b, categoryLabel(d.r.category));
    sbufPrintf(&b, ",\"year\":%d,\"application\":", d.r.year);
    jsonwString(&b, d.r.app_id);
    jsonwKey(&b, "recognised_on", 0);
    jsonwDate(&b, d.r.recognised_on);
    jsonwKey(&b, "valid_until", 0);
    jsonwDate(&b, d.r.expires - 1);
    jsonwKey(&b, "url", 0);
    jsonwString(&b, url);
    sbuf svg;
    sbufInit(&svg);
    rc = qrSvg(&svg, url);
    jsonwKey(&b, "qr_svg", 0);
    if (rc) sbufPuts(&b, "null");
    else jsonwStringN(&b, svg.data, svg.len);
    sbufPutc(&b, '}');
    sbufFree(&svg);
    arenaFree(&a);
    httpReply(c, 200, &b);
}
