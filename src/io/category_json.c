#include "io/category_json.h"
#include "core/error.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "rules/category_explain.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct cpCtx {
    jsonReader r;
    arena *a;
    dossierError *err;
    char field[96]; /* the field being read, for messages */
} cpCtx;

static int cpFail(cpCtx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int cpFail(cpCtx *c, const char *fmt, ...) {
    snprintf(c->err->field, sizeof c->err->field, "%s", c->field[0] ? c->field : "(json)");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->message, sizeof c->err->message, fmt, ap);
    va_end(ap);
    return GH_EINVAL;
}

static int cpSyntax(cpCtx *c) {
    return cpFail(c, "%s，位于第 %zu 字节 (JSON error at byte %zu)", c->r.error ? c->r.error : "JSON 错误",
                  c->r.error_offset + 1, c->r.error_offset + 1);
}

#define CP_TRY(c, expr) do { if ((expr) < 0) return cpSyntax(c); } while (0)

static bool cpNull(cpCtx *c) { return jsonPeek(&c->r) == JSON_T_NULL && jsonNull(&c->r) == 0; }

/* A string (NUL-terminated, in the arena); required ones may not be null or empty. */
static int cpString(cpCtx *c, const char **out, bool required) {
    *out = NULL;
    if (cpNull(c)) return required ? cpFail(c, "不能为空 (required)") : 0;
    if (jsonPeek(&c->r) != JSON_T_STRING) return cpFail(c, "应为字符串 (expected a string)");
    size_t n;
    CP_TRY(c, jsonString(&c->r, out, &n));
    if (required && n == 0) return cpFail(c, "不能为空 (required)");
    return 0;
}

static int cpDate(cpCtx *c, civilDate *out, bool required) {
    *out = DATE_NONE;
    const char *s;
    int rc = cpString(c, &s, required);
    if (rc || !s) return rc;
    if (dateParse(out, s, strlen(s)))
        return cpFail(c, "日期无效，应为 YYYY-MM-DD 格式的真实日期 (invalid date \"%.40s\")", s);
    if (!datePlausible(*out))
        return cpFail(c, "日期 %s 不在 " DATE_PLAUSIBLE_MIN_TEXT " 至 " DATE_PLAUSIBLE_MAX_TEXT " 之间 (implausible date)", s);
    return 0;
}

/* application.claimed: criterion ids of the application's category, no repeats. */
static int cpClaimed(cpCtx *c, categoryInput *in) {
    categoryApp *app = &in->app;
    if (jsonPeek(&c->r) != JSON_T_ARRAY) return cpFail(c, "应为条件编号数组 (expected an array of criterion ids)");
    CP_TRY(c, jsonArrayBegin(&c->r));
    bool first = true;
    int k;
    app->n_claimed = 0;
    char base[96];
    snprintf(base, sizeof base, "%s", c->field);
    while ((k = jsonArrayNext(&c->r, &first)) == 1) {
        snprintf(c->field, sizeof c->field, "%.64s[%zu]", base, app->n_claimed);
        const char *s;
        int rc = cpString(c, &s, true);
        if (rc) return rc;
        categoryKind cat;
        int letter;
        if (categoryCriterionParse(&cat, &letter, s, strlen(s)))
            return cpFail(c, "不是条件编号，应如 quality.A (not a criterion id: \"%.40s\")", s);
        for (size_t i = 0; i < app->n_claimed; i++)
            if (app->claimed[i] == letter && in->claimed_category[i] == cat)
                return cpFail(c, "条件 %s 重复 (repeated)", s);
        if (app->n_claimed == CATEGORY_MAX_CRITERIA) return cpFail(c, "条件过多 (too many criteria)");
        in->claimed_category[app->n_claimed] = cat;
        app->claimed[app->n_claimed++] = letter;
    }
    snprintf(c->field, sizeof c->field, "%s", base);
    if (k < 0) return cpSyntax(c);
    if (app->n_claimed == 0) return cpFail(c, "至少申报一项条件 (at least one criterion)");
    return 0;
}

enum { A_ID = 1, A_CATEGORY = 2, A_ROUTE = 4, A_DATE = 8, A_CLAIMED = 16 };

/* The application object. The claimed array is read after the category, wherever
 * it stands: its ids are checked against the category at the end. */
/* "expected an object", or the syntax error when the record ends or breaks there. */
static int cpNotObject(cpCtx *c) {
    if (jsonPeek(&c->r) == JSON_T_INVALID) return c->r.error ? cpSyntax(c) : cpFail(c, "记录不完整 (truncated record)");
    return cpFail(c, "应为对象 (expected an object)");
}

static int cpApplication(cpCtx *c, categoryInput *in) {
    if (jsonPeek(&c->r) != JSON_T_OBJECT) return cpNotObject(c);
    CP_TRY(c, jsonObjectBegin(&c->r));
    bool first = true;
    const char *key;
    size_t klen;
    int k, rc = 0;
    unsigned seen = 0;
    const char *category = NULL, *route = NULL;
    categoryApp *app = &in->app;
    while (!rc && (k = jsonObjectNext(&c->r, &first, &key, &klen)) == 1) {
        snprintf(c->field, sizeof c->field, "application.%.*s", (int)(klen < 40 ? klen : 40), key);
        unsigned bit = 0;
        if (jsonKeyIs(key, klen, "id")) bit = A_ID, rc = cpString(c, &in->id, true);
        else if (jsonKeyIs(key, klen, "category")) bit = A_CATEGORY, rc = cpString(c, &category, true);
        else if (jsonKeyIs(key, klen, "route")) bit = A_ROUTE, rc = cpString(c, &route, true);
        else if (jsonKeyIs(key, klen, "date")) bit = A_DATE, rc = cpDate(c, &app->date, true);
        else if (jsonKeyIs(key, klen, "claimed")) bit = A_CLAIMED, rc = cpClaimed(c, in);
        else if (jsonKeyIs(key, klen, "recommended_by")) rc = cpString(c, &in->recommended_by, false);
        else if (jsonKeyIs(key, klen, "consent_on")) rc = cpDate(c, &app->consent_on, false);
        else if (jsonSkip(&c->r)) rc = cpSyntax(c); /* unknown fields are skipped, as in §1 */
        if (!rc && bit && (seen & bit)) rc = cpFail(c, "字段重复 (field given twice)");
        seen |= bit;
    }
    if (rc) return rc;
    if (k < 0) return cpSyntax(c);
    static const struct { unsigned bit; const char *name; } req[] = {
        {A_ID, "application.id"}, {A_CATEGORY, "application.category"}, {A_ROUTE, "application.route"},
        {A_DATE, "application.date"}, {A_CLAIMED, "application.claimed"}};
    for (size_t i = 0; i < sizeof req / sizeof req[0]; i++)
        if (!(seen & req[i].bit)) {
            snprintf(c->field, sizeof c->field, "%s", req[i].name);
            return cpFail(c, "缺少必填字段 (required)");
        }
    snprintf(c->field, sizeof c->field, "application.category");
    if (categoryParse(&app->category, category, strlen(category)))
        return cpFail(c, "应为 famous、characteristic、quality 或 emerging (unknown category \"%.40s\")", category);
    snprintf(c->field, sizeof c->field, "application.route");
    if (!strcmp(route, "self")) app->route = ROUTE_SELF;
    else if (!strcmp(route, "recommended")) app->route = ROUTE_RECOMMENDED;
    else return cpFail(c, "应为 self 或 recommended (unknown route \"%.40s\")", route);
    snprintf(c->field, sizeof c->field, "application.recommended_by");
    if (app->route == ROUTE_RECOMMENDED && !in->recommended_by)
        return cpFail(c, "部门推荐须写明推荐部门 (required with route recommended)");
    if (app->route == ROUTE_SELF && in->recommended_by)
        return cpFail(c, "自主申报不应有推荐部门 (only with route recommended)");
    for (size_t i = 0; i < app->n_claimed; i++) /* the ids were read before the category was known */
        if (in->claimed_category[i] != app->category) {
            char id[CATEGORY_ID_SIZE];
            categoryCriterionId(id, in->claimed_category[i], app->claimed[i]);
            snprintf(c->field, sizeof c->field, "application.claimed[%zu]", i);
            return cpFail(c, "条件 %s 不属于所申报的类别 %s (criterion of another category)", id,
                          categoryCode(app->category));
        }
    return 0;
}

/* revocations: [{revoked_on}], earlier recognitions revoked for fraud (A3.3.5). */
static int cpRevocations(cpCtx *c, categoryInput *in) {
    if (cpNull(c)) return 0;
    if (jsonPeek(&c->r) != JSON_T_ARRAY) return cpFail(c, "应为数组 (expected an array)");
    CP_TRY(c, jsonArrayBegin(&c->r));
    bool first = true;
    int k;
    size_t n = 0, cap = 0;
    civilDate *v = NULL;
    while ((k = jsonArrayNext(&c->r, &first)) == 1) {
        snprintf(c->field, sizeof c->field, "revocations[%zu]", n);
        if (jsonPeek(&c->r) != JSON_T_OBJECT) return cpFail(c, "应为对象 (expected an object)");
        CP_TRY(c, jsonObjectBegin(&c->r));
        bool kf = true, got = false;
        const char *key;
        size_t klen;
        int kk;
        civilDate d = DATE_NONE;
        while ((kk = jsonObjectNext(&c->r, &kf, &key, &klen)) == 1) {
            if (jsonKeyIs(key, klen, "revoked_on")) {
                snprintf(c->field, sizeof c->field, "revocations[%zu].revoked_on", n);
                if (got) return cpFail(c, "字段重复 (field given twice)");
                int rc = cpDate(c, &d, true);
                if (rc) return rc;
                got = true;
            } else if (jsonSkip(&c->r)) {
                return cpSyntax(c);
            }
        }
        if (kk < 0) return cpSyntax(c);
        snprintf(c->field, sizeof c->field, "revocations[%zu].revoked_on", n);
        if (!got) return cpFail(c, "缺少必填字段 (required)");
        if (n == cap) {
            const size_t ncap = cap ? 2 * cap : 4;
            civilDate *nv = arenaAlloc(c->a, ncap * sizeof *nv);
            if (!nv) return cpFail(c, "内存不足 (out of memory)");
            if (n) memcpy(nv, v, n * sizeof *v);
            v = nv, cap = ncap;
        }
        v[n++] = d;
    }
    if (k < 0) return cpSyntax(c);
    in->app.revoked_on = v;
    in->app.n_revoked = n;
    return 0;
}

/* dossier: DATA.md §1, read by the dossier reader over the object's own bytes so
 * that every rule of §1 applies; its fields are named "dossier.…". */
static int cpDossier(cpCtx *c, categoryInput *in) {
    if (jsonPeek(&c->r) != JSON_T_OBJECT) return cpNotObject(c);
    const char *start = c->r.p;
    CP_TRY(c, jsonSkip(&c->r));
    dossierError e;
    if (dossierParseJson(&in->d, c->a, start, (size_t)(c->r.p - start), &e) == 0) return 0;
    snprintf(c->err->field, sizeof c->err->field, "dossier.%.119s", e.field);
    snprintf(c->err->message, sizeof c->err->message, "%s", e.message);
    return GH_EINVAL;
}

int categoryParseJson(categoryInput *in, arena *a, const char *text, size_t n, dossierError *err) {
    memset(in, 0, sizeof *in);
    in->app.date = in->app.consent_on = DATE_NONE;
    dossierInit(&in->d);
    cpCtx cc = {.a = a, .err = err}, *c = &cc;
    err->field[0] = err->message[0] = '\0';
    jsonInit(&c->r, text, n, a);
    if (jsonPeek(&c->r) != JSON_T_OBJECT) {
        if (c->r.p >= c->r.end) return cpFail(c, "空记录 (empty record)");
        return jsonSkip(&c->r) == 0 ? cpFail(c, "记录应为 JSON 对象 (record must be a JSON object)") : cpSyntax(c);
    }
    CP_TRY(c, jsonObjectBegin(&c->r));
    bool first = true;
    const char *key;
    size_t klen;
    int k, rc = 0;
    unsigned seen = 0;
    while (!rc && (k = jsonObjectNext(&c->r, &first, &key, &klen)) == 1) {
        snprintf(c->field, sizeof c->field, "%.*s", (int)(klen < 40 ? klen : 40), key);
        unsigned bit = 0;
        if (jsonKeyIs(key, klen, "application")) bit = 1, rc = cpApplication(c, in);
        else if (jsonKeyIs(key, klen, "revocations")) bit = 2, rc = cpRevocations(c, in);
        else if (jsonKeyIs(key, klen, "dossier")) bit = 4, rc = cpDossier(c, in);
        else if (jsonSkip(&c->r)) rc = cpSyntax(c);
        if (!rc && (seen & bit)) {
            snprintf(c->field, sizeof c->field, "%.*s", (int)(klen < 40 ? klen : 40), key);
            rc = cpFail(c, "字段重复 (field given twice)");
        }
        seen |= bit;
    }
    if (rc) return rc;
    if (k < 0) return cpSyntax(c);
    c->field[0] = '\0';
    if (jsonEnd(&c->r)) return cpSyntax(c);
    snprintf(c->field, sizeof c->field, "%s", !(seen & 1) ? "application" : "dossier");
    if ((seen & 5) != 5) return cpFail(c, "缺少必填字段 (required)");
    return 0;
}

/* ---- writing ---- */

static void cwText(sbuf *b, void (*fn)(sbuf *, const void *), const void *x) {
    sbuf t;
    sbufInit(&t);
    fn(&t, x);
    if (t.failed) b->failed = 1;
    else jsonwStringN(b, t.data, t.len);
    sbufFree(&t);
}

static void cwReason(sbuf *b, const void *x) { categoryReasonText(b, x); }
static void cwCriterion(sbuf *b, const void *x) { categoryCriterionText(b, x); }

/* One {"k1":"v1","k2":"v2"[,"text_key":…]} entry of an array (v1, v2 need no
 * escaping: codes, ids and articles); the sentence only when text is given. */
static void cwEntry(sbuf *b, bool first, const char *k1, const char *v1, const char *k2, const char *v2,
                    const char *text_key, void (*text)(sbuf *, const void *), const void *x) {
    sbufPuts(b, first ? "{\"" : ",{\"");
    sbufPuts(b, k1);
    SBUF_LIT(b, "\":\"");
    sbufPuts(b, v1);
    SBUF_LIT(b, "\",\"");
    sbufPuts(b, k2);
    SBUF_LIT(b, "\":\"");
    sbufPuts(b, v2);
    sbufPutc(b, '"');
    if (text) {
        SBUF_LIT(b, ",\"");
        sbufPuts(b, text_key);
        SBUF_LIT(b, "\":");
        cwText(b, text, x);
    }
    sbufPutc(b, '}');
}

void categoryWriteVerdicts(sbuf *b, const categoryResult *r, const char *text_key, bool with_text) {
    SBUF_LIT(b, "\"reasons\":[");
    for (size_t i = 0; i < r->n_reasons; i++) {
        const categoryReason *x = &r->reasons[i];
        cwEntry(b, i == 0, "code", categoryReasonCodeName(x->code), "article", categoryReasonArticle(x->code), text_key,
                with_text ? cwReason : NULL, x);
    }
    SBUF_LIT(b, "],\"criteria\":[");
    for (size_t i = 0; i < r->n_criteria; i++) {
        const categoryCriterion *x = &r->criteria[i];
        char id[CATEGORY_ID_SIZE];
        categoryCriterionId(id, x->category, x->letter);
        cwEntry(b, i == 0, "id", id, "status", categoryStatusCode(x->status), text_key, with_text ? cwCriterion : NULL,
                x);
    }
    sbufPutc(b, ']');
}

void categoryWriteJson(sbuf *b, const categoryInput *in, int year, const categoryResult *r) {
    SBUF_LIT(b, "{\"id\":");
    jsonwString(b, in->id);
    SBUF_LIT(b, ",\"uscc\":");
    jsonwString(b, in->d.uscc);
    SBUF_LIT(b, ",\"year\":");
    sbufPutInt(b, year);
    SBUF_LIT(b, ",\"category\":\"");
    sbufPuts(b, categoryCode(in->app.category));
    SBUF_LIT(b, "\",\"type\":\"");
    sbufPuts(b, typingTypeCode(r->type));
    sbufPuts(b, r->eligible ? "\",\"eligible\":true," : "\",\"eligible\":false,");
    categoryWriteVerdicts(b, r, "text", true);
    sbufPutc(b, '}');
}
