/* The staff search (issue 11 §3): GET /api/businesses pages, sorts and filters the
 * directory on the server and counts what it found; GET /api/businesses/filters
 * lists the values the filters offer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "core/utf8.h"
#include "core/uscc.h"
#include "http/routes.h"
#include "http/scope.h"
#include "io/jsonw.h"
#include "rules/explain.h"
#include "rules/industry.h"
#include "rules/privacy.h"
#include "rules/typing.h"

#define SEARCH_PER_PAGE 50      /* as many as the search gave before it had pages */
#define SEARCH_MAX_PER_PAGE 200 /* decision 170 */
#define SEARCH_MAX_PAGE 1000000

typedef struct searchOut { sbuf *out; int n; bool personal; } searchOut;

static int searchHit(void *ctx, const storeSearchHit *s) {
    searchOut *l = ctx;
    const storeHit *h = &s->hit;
    char masked[16];
    privacyMaskName(h->operator_name, masked, sizeof masked);
    sbufPuts(l->out, l->n++ ? ",{\"uscc\":" : "{\"uscc\":");
    jsonwString(l->out, h->uscc);
    jsonwKey(l->out, "name", 0);
    jsonwString(l->out, h->name ? h->name : "");
    jsonwKey(l->out, "town", 0);
    jsonwString(l->out, h->town ? h->town : "");
    jsonwKey(l->out, "status", 0);
    jsonwString(l->out, explainStatusLabel(h->status));
    jsonwKey(l->out, "operator", 0);
    jsonwString(l->out, l->personal && h->operator_name ? h->operator_name : masked);
    jsonwText(l->out, "industry", s->industry);
    jsonwText(l->out, "industry_name", industryLabel(s->industry));
    jsonwKey(l->out, "established", 0);
    jsonwDate(l->out, s->established);
    jsonwText(l->out, "type", s->type >= 0 ? typingTypeCode((bizType)s->type) : NULL);
    jsonwText(l->out, "type_label", s->type >= 0 ? typingTypeLabel((bizType)s->type) : "暂无已公布的分型");
    sbufPutc(l->out, '}');
    return 0;
}

/* A whole number in [lo, hi] from query parameter name (def when absent); -1 when bad. */
static long searchNumber(httpCtx *c, const char *name, long def, long lo, long hi) {
    const char *v = httpQuery(c, name);
    if (!v) return def;
    char *end;
    const long n = *v >= '0' && *v <= '9' ? strtol(v, &end, 10) : -1;
    return n >= lo && n <= hi && *end == '\0' ? n : -1;
}

/* The text as typed, or, when without its spaces and dashes and in capitals it is a
 * USCC or a 注册号, that code (a clerk copies "9211 0115 ma00…" from a paper form). */
static void searchText(char *out, size_t n, const char *q) {
    size_t k = 0;
    for (const char *p = q; *p && k + 1 < n; p++)
        if (*p != ' ' && *p != '-' && *p != '\t')
            out[k++] = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
    out[k] = '\0';
    if (!usccValidate(out, k) || !regnoValidate(out, k)) return;
    while (*q == ' ') q++; /* a name fragment: as typed, without the spaces around it */
    snprintf(out, n, "%s", q);
    for (k = strlen(out); k && out[k - 1] == ' '; k--) out[k - 1] = '\0';
}

static const char *const sorts[] = {"name", "uscc", "established", "-established"}; /* storeSearchSort */

/* The index of v among the n codes, def when v is absent, -2 when it is none of them. */
static int searchCode(const char *v, const char *const *codes, int n, int def) {
    if (!v) return def;
    for (int i = 0; i < n; i++)
        if (!strcmp(v, codes[i])) return i;
    return -2;
}

/* The query's filters and page into q (text and industry in the buffers); 0, or the
 * message of the first bad parameter. */
static const char *searchParse(httpCtx *c, storeSearchQuery *q, char *text, size_t tn, char *industry, size_t in) {
    static const char *const statuses[] = {"registered", "revoked", "cancelled", "withdrawn"}; /* bizStatus order */
    const char *v = httpQuery(c, "q"), *town = httpQuery(c, "town");
    if (v && (strlen(v) > 64 || !utf8Valid(v, strlen(v), NULL))) return "查询词应为不超过 64 字节的 UTF-8 文字 (q)";
    if (town && (!*town || strlen(town) > 64 || !utf8Valid(town, strlen(town), NULL))) return "镇街无效 (town)";
    searchText(text, tn, v ? v : "");
    q->text = *text ? text : NULL;
    q->town = town;
    if ((v = httpQuery(c, "industry"))) {
        if (!industryPrefixValid(v)) return "行业应为门类字母 A–T，可带行业代码的数字 (industry, e.g. H or H6220)";
        snprintf(industry, in, "%c%s", *v >= 'a' ? *v - 'a' + 'A' : *v, v + 1);
        q->industry = industry;
    }
    q->type = STORE_TYPE_ANY;
    bizType t;
    if ((v = httpQuery(c, "type")) && !strcmp(v, "none")) q->type = STORE_TYPE_NONE;
    else if (v && typingTypeParse(&t, v)) return "类型应为 survival、growth、development、ineligible 或 none (type)";
    else if (v) q->type = (int)t;
    q->status = searchCode(httpQuery(c, "status"), statuses, 4, -1);
    if (q->status == -2) return "登记状态应为 registered、revoked、cancelled 或 withdrawn (status)";
    const int sort = searchCode(httpQuery(c, "sort"), sorts, 4, STORE_SORT_NAME);
    if (sort == -2) return "排序应为 name、uscc、established 或 -established (sort)";
    q->sort = (storeSearchSort)sort;
    const long per = searchNumber(c, "per_page", SEARCH_PER_PAGE, 1, SEARCH_MAX_PER_PAGE);
    const long page = searchNumber(c, "page", 1, 1, SEARCH_MAX_PAGE);
    if (per < 0) return "每页条数应为 1 到 200 (per_page)";
    if (page < 0) return "页码应为从 1 开始的整数 (page)";
    q->limit = (int)per;
    q->offset = (int64_t)(page - 1) * per;
    return NULL;
}

/* GET /api/businesses?q=&town=&industry=&type=&status=&sort=&page=&per_page=: staff
 * search by USCC (any case, spaced), 注册号 or name fragment, or by filters alone
 * (operator masked unless admin or clerk); a department finds only businesses of its
 * data. Answers one page, the exact total and the page's place. */
void apiBusinesses(httpCtx *c) {
    storeSearchQuery q = {0};
    char text[80], industry[8];
    const char *bad = searchParse(c, &q, text, sizeof text, industry, sizeof industry);
    if (bad) {
        httpFail(c, 400, bad);
        return;
    }
    httpScope sc;
    scopeOf(&sc, &c->who);
    if (scopeEmpty(&sc)) {
        httpFail(c, 403, "本部门不提供数据，无权查看个体工商户 (this department supplies no data)");
        return;
    }
    q.all = sc.all;
    q.targets = sc.targets;
    q.lists = sc.lists;
    sbuf out;
    sbufInit(&out);
    searchOut l = {&out, 0, (c->who.role & (ROLE_ADMIN | ROLE_CLERK)) != 0};
    int64_t total = 0;
    sbufPuts(&out, "{\"results\":[");
    const int rc = storeSearch(httpStore(c), &q, &total, searchHit, &l);
    sbufPrintf(&out, "],\"total\":%lld,\"page\":%lld,\"per_page\":%d,\"pages\":%lld,\"sort\":\"%s\"}", (long long)total,
               (long long)(q.offset / q.limit + 1), q.limit, (long long)((total + q.limit - 1) / q.limit),
               sorts[q.sort]);
    if (rc) {
        sbufFree(&out);
        httpFail(c, 500, "查询失败 (lookup failed)");
    } else {
        httpReply(c, 200, &out);
    }
}

typedef struct facetOut { sbuf *out; const char *facet; int n; } facetOut;

static int facetValue(void *ctx, const char *facet, const char *value) {
    facetOut *f = ctx;
    if (!f->facet && strcmp(facet, "town")) sbufPuts(f->out, "\"towns\":[],"); /* a directory without towns */
    if (!f->facet || strcmp(f->facet, facet)) { /* the next list */
        sbufPrintf(f->out, "%s\"%s\":[", f->facet ? "]," : "", strcmp(facet, "town") ? "industries" : "towns");
        f->facet = facet;
        f->n = 0;
    }
    sbufPuts(f->out, f->n++ ? "," : "");
    if (!strcmp(facet, "town")) {
        jsonwString(f->out, value);
        return 0;
    }
    sbufPuts(f->out, "{\"code\":");
    jsonwString(f->out, value);
    jsonwText(f->out, "name", industryLabel(value));
    sbufPutc(f->out, '}');
    return 0;
}

/* GET /api/businesses/filters: what the search's filters offer (decision 173): the
 * towns and the industry codes the directory holds (with their names), the twenty
 * sections, the types and the sorts, so the page hard-codes none of them. */
void apiBusinessFilters(httpCtx *c) {
    httpScope sc;
    scopeOf(&sc, &c->who);
    if (scopeEmpty(&sc)) {
        httpFail(c, 403, "本部门不提供数据，无权查看个体工商户 (this department supplies no data)");
        return;
    }
    sbuf out;
    sbufInit(&out);
    facetOut f = {&out, NULL, 0};
    sbufPutc(&out, '{');
    const int rc = storeSearchFacets(httpStore(c), facetValue, &f);
    if (!f.facet) sbufPuts(&out, "\"towns\":[");
    if (!f.facet || !strcmp(f.facet, "town")) sbufPuts(&out, "],\"industries\":[");
    sbufPuts(&out, "],\"sections\":[");
    for (char s = 'A'; s <= 'T'; s++) {
        sbufPrintf(&out, "%s{\"code\":\"%c\",\"name\":", s > 'A' ? "," : "", s);
        jsonwString(&out, industrySectionName(s));
        sbufPutc(&out, '}');
    }
    sbufPuts(&out, "],\"types\":[");
    for (int t = 0; t < 4; t++)
        sbufPrintf(&out, "%s{\"code\":\"%s\",\"label\":\"%s\"}", t ? "," : "", typingTypeCode((bizType)t),
                   typingTypeLabel((bizType)t));
    sbufPuts(&out, ",{\"code\":\"none\",\"label\":\"暂无已公布的分型\"}],\"sorts\":[{\"code\":\"name\",\"label\":"
                   "\"按名称\"},{\"code\":\"uscc\",\"label\":\"按统一社会信用代码\"},{\"code\":\"established\",\"label\":"
                   "\"按成立日期（早到晚）\"},{\"code\":\"-established\",\"label\":\"按成立日期（晚到早）\"}]}");
    if (rc) {
        sbufFree(&out);
        httpFail(c, 500, "读取失败 (read failed)");
    } else {
        httpReply(c, 200, &out);
    }
}
