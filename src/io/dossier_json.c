#include "io/dossier_json.h"
#include "core/error.h"
#include "io/json.h"
#include "io/jsonw.h"
#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dpCtx {
    jsonReader r;
    arena *a;
    dossierError *err;
    const char *arr; /* array being read, or NULL */
    long idx;        /* element index in arr */
    const char *key; /* field being read */
} dpCtx;

/* Records an error naming the current field; returns GH_EINVAL. */
static int dpFail(dpCtx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int dpFail(dpCtx *c, const char *fmt, ...) {
    const char *key = c->key && c->key[0] ? c->key : NULL; /* "" is a legal, unnameable key */
    if (c->arr && key) snprintf(c->err->field, sizeof c->err->field, "%s[%ld].%s", c->arr, c->idx, key);
    else if (c->arr) snprintf(c->err->field, sizeof c->err->field, "%s[%ld]", c->arr, c->idx);
    else snprintf(c->err->field, sizeof c->err->field, "%s", key ? key : "(json)");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->message, sizeof c->err->message, fmt, ap);
    va_end(ap);
    return GH_EINVAL;
}

/* Turns a JSON syntax error of the reader into a field error. */
static int dpSyntax(dpCtx *c) {
    assert(c->r.error);
    return dpFail(c, "%s，位于第 %zu 字节 (JSON error at byte %zu)", c->r.error, c->r.error_offset + 1,
                  c->r.error_offset + 1);
}

#define DP_TRY(c, expr) do { if ((expr) < 0) return (c)->r.error ? dpSyntax(c) : GH_EINVAL; } while (0)

static bool dpIsNull(dpCtx *c) {
    if (jsonPeek(&c->r) != JSON_T_NULL) return false;
    return jsonNull(&c->r) == 0;
}

/* A string or null (-> NULL). */
static int dpOptString(dpCtx *c, const char **out) {
    if (dpIsNull(c)) { *out = NULL; return 0; }
    if (jsonPeek(&c->r) != JSON_T_STRING) return dpFail(c, "应为字符串 (expected a string)");
    size_t n;
    DP_TRY(c, jsonString(&c->r, out, &n));
    return 0;
}

static int dpReqString(dpCtx *c, const char **out) {
    int rc = dpOptString(c, out);
    if (rc) return rc;
    if (!*out || !**out) return dpFail(c, "不能为空 (required)");
    return 0;
}

static int dpBool(dpCtx *c, bool *out) {
    if (dpIsNull(c)) return 0; /* keep the default */
    const jsonType t = jsonPeek(&c->r);
    if (t != JSON_T_TRUE && t != JSON_T_FALSE) return dpFail(c, "应为 true 或 false (expected a boolean)");
    DP_TRY(c, jsonBool(&c->r, out));
    return 0;
}

/* A whole JSON number in [lo, hi]. */
static int dpInt(dpCtx *c, int *out, int lo, int hi) {
    if (jsonPeek(&c->r) != JSON_T_NUMBER) return dpFail(c, "应为整数 (expected an integer)");
    const char *s;
    size_t n;
    DP_TRY(c, jsonNumber(&c->r, &s, &n));
    long long v = 0;
    size_t i = s[0] == '-';
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (s[i] - '0');
        if (v > INT_MAX) return dpFail(c, "数值超出范围 %d-%d (out of range)", lo, hi);
    }
    if (i != n) return dpFail(c, "应为整数 (expected an integer)");
    if (s[0] == '-') v = -v;
    if (v < lo || v > hi) return dpFail(c, "数值超出范围 %d-%d (out of range)", lo, hi);
    *out = (int)v;
    return 0;
}

static int dpDate(dpCtx *c, civilDate *out, bool required) {
    if (dpIsNull(c)) {
        if (required) return dpFail(c, "缺少日期 (date required)");
        *out = DATE_NONE;
        return 0;
    }
    if (jsonPeek(&c->r) != JSON_T_STRING) return dpFail(c, "日期应为 \"YYYY-MM-DD\" 字符串 (expected a date string)");
    const char *s;
    size_t n;
    DP_TRY(c, jsonStringRef(&c->r, &s, &n));
    if (dateParse(out, s, n))
        return dpFail(c, "日期无效，应为 YYYY-MM-DD 格式的真实日期 (invalid date \"%.*s\")", n < 40 ? (int)n : 40, s);
    if (!datePlausible(*out))
        return dpFail(c, "日期 %.*s 不在 " DATE_PLAUSIBLE_MIN_TEXT " 至 " DATE_PLAUSIBLE_MAX_TEXT " 之间 (implausible date)",
                      (int)n, s);
    return 0;
}

/* An amount of yuan as a JSON string or number, exact (DATA.md: never binary floating point). */
static int dpMoney(dpCtx *c, money *out, bool *present) {
    *present = false;
    if (dpIsNull(c)) return 0;
    const jsonType t = jsonPeek(&c->r);
    const char *s;
    size_t n;
    if (t == JSON_T_STRING) DP_TRY(c, jsonStringRef(&c->r, &s, &n));
    else if (t == JSON_T_NUMBER) DP_TRY(c, jsonNumber(&c->r, &s, &n));
    else return dpFail(c, "金额应为字符串或数字 (expected an amount)");
    const int rc = moneyParse(out, s, n);
    if (rc) return dpFail(c, "%s: \"%.*s\"", moneyMessage(rc), n < 40 ? (int)n : 40, s);
    *present = true;
    return 0;
}

/* Field names and enumeration values with their lengths, so that matching a key
 * is a length test and a memcmp. Tables end with {NULL, 0}. */
typedef struct dpName {
    const char *s;
    size_t n;
} dpName;
#define K(lit) {lit, sizeof(lit) - 1}

static inline bool dpIs(const dpName *name, const char *s, size_t n) {
    return name->n == n && memcmp(name->s, s, n) == 0;
}

/* Looks s up in table; -1 when absent. */
static int dpLookup(const dpName *table, const char *s, size_t n) {
    for (int i = 0; table[i].s; i++)
        if (dpIs(&table[i], s, n)) return i;
    return -1;
}

static int dpEnum(dpCtx *c, int *out, const dpName *table, const char *expected) {
    const char *s;
    if (dpIsNull(c)) return dpFail(c, "不能为空，应为 %s (required)", expected);
    if (jsonPeek(&c->r) != JSON_T_STRING) return dpFail(c, "应为 %s 之一 (expected one of %s)", expected, expected);
    size_t n;
    DP_TRY(c, jsonStringRef(&c->r, &s, &n));
    const int v = dpLookup(table, s, n);
    if (v < 0) return dpFail(c, "未知取值 \"%.*s\"，应为 %s 之一 (unknown value)", n < 40 ? (int)n : 40, s, expected);
    *out = v;
    return 0;
}

/* Reads an array of elements of size elem, each by parse(), in one pass: elements
 * are parsed into a small local buffer and copied into the arena in one piece at
 * the end (spilling to arena chunks for long arrays). */
typedef int (*dpElemFn)(dpCtx *c, void *elem);

#define DP_ELEM_MAX 64 /* no element struct is larger */
#define DP_LOCAL 16

typedef struct dpChunk {
    struct dpChunk *next;
    size_t n;
    _Alignas(max_align_t) char data[DP_LOCAL * DP_ELEM_MAX];
} dpChunk;

static int dpArray(dpCtx *c, const char *name, size_t elem, dpElemFn parse, void **out, size_t *count) {
    assert(elem <= DP_ELEM_MAX);
    *out = NULL;
    *count = 0;
    if (dpIsNull(c)) return 0;
    if (jsonPeek(&c->r) != JSON_T_ARRAY) return dpFail(c, "应为数组 (expected an array)");
    DP_TRY(c, jsonArrayBegin(&c->r));
    dpChunk local, *head = &local, *tail = &local;
    local.next = NULL;
    local.n = 0;
    size_t n = 0;
    bool first = true;
    int k;
    c->arr = name;
    while ((k = jsonArrayNext(&c->r, &first)) == 1) {
        if (tail->n == DP_LOCAL) {
            dpChunk *more = arenaAlloc(c->a, sizeof *more);
            if (!more) return dpFail(c, "记录过大 (record too large)");
            more->next = NULL;
            more->n = 0;
            tail->next = more;
            tail = more;
        }
        c->idx = (long)n;
        c->key = NULL;
        const int rc = parse(c, tail->data + tail->n * elem);
        if (rc) return rc;
        tail->n++;
        n++;
    }
    c->arr = NULL;
    c->key = name;
    DP_TRY(c, k);
    if (n == 0) return 0;
    char *v = arenaAlloc(c->a, n * elem);
    if (!v) return dpFail(c, "记录过大 (record too large)");
    size_t off = 0;
    for (dpChunk *ch = head; ch; ch = ch->next) {
        memcpy(v + off, ch->data, ch->n * elem);
        off += ch->n * elem;
    }
    *out = v;
    *count = n;
    return 0;
}

/* Iterates the keys of an element object; each known key is dispatched by field(),
 * unknown ones are skipped; a repeated known key is an error. */
typedef int (*dpFieldFn)(dpCtx *c, void *elem, int field);

static int dpObject(dpCtx *c, void *elem, const dpName *keys, dpFieldFn field, unsigned *seen) {
    *seen = 0;
    if (jsonPeek(&c->r) != JSON_T_OBJECT) return dpFail(c, "应为对象 (expected an object)");
    DP_TRY(c, jsonObjectBegin(&c->r));
    bool first = true;
    const char *key;
    size_t klen;
    int k;
    int hint = 0; /* records usually list their fields in DATA.md order: expect the next one */
    while ((k = jsonObjectNextHint(&c->r, &first, &key, &klen, keys[hint].s, keys[hint].n)) > 0) {
        const int f = k == 2 ? hint : dpLookup(keys, key, klen);
        hint = keys[f + 1].s ? f + 1 : 0;
        if (f < 0) { /* unknown fields are ignored (DATA.md §1) */
            c->key = arenaStrndup(c->a, key, klen); /* named only if the value is broken */
            if (!c->key) return dpFail(c, "记录过大 (record too large)");
            DP_TRY(c, jsonSkip(&c->r));
            continue;
        }
        c->key = keys[f].s;
        if (*seen & (1u << f)) return dpFail(c, "字段重复 (field given twice)");
        *seen |= 1u << f;
        int rc = field(c, elem, f);
        if (rc) return rc;
    }
    DP_TRY(c, k);
    return 0;
}

static int dpRequire(dpCtx *c, unsigned seen, const dpName *keys, unsigned required) {
    for (int f = 0; keys[f].s; f++)
        if ((required & (1u << f)) && !(seen & (1u << f))) {
            c->key = keys[f].s;
            return dpFail(c, "缺少必填字段 (required field missing)");
        }
    c->key = NULL;
    return 0;
}

/* ---- element kinds ---- */

static const dpName dpIntervalKeys[] = {K("from"), K("to"), {NULL, 0}};
static int dpIntervalField(dpCtx *c, void *e, int f) {
    dInterval *iv = e;
    return dpDate(c, f == 0 ? &iv->from : &iv->to, f == 0);
}
static int dpInterval(dpCtx *c, void *e) {
    dInterval *iv = e;
    unsigned seen;
    iv->from = iv->to = DATE_NONE;
    int rc = dpObject(c, e, dpIntervalKeys, dpIntervalField, &seen);
    if (!rc) rc = dpRequire(c, seen, dpIntervalKeys, 1u);
    if (!rc && iv->to != DATE_NONE && iv->to < iv->from) {
        c->key = "to";
        return dpFail(c, "结束日期早于开始日期 (to is before from)");
    }
    return rc;
}

static const dpName dpReportKeys[] = {K("year"), K("filed_on"), K("revenue"), K("employees"), {NULL, 0}};
static int dpReportField(dpCtx *c, void *e, int f) {
    dAnnualReport *ar = e;
    switch (f) {
    case 0: return dpInt(c, &ar->year, 1900, 9999);
    case 1: return dpDate(c, &ar->filed_on, false);
    case 2: return dpMoney(c, &ar->revenue, &ar->has_revenue);
    default:
        if (dpIsNull(c)) return 0;
        return dpInt(c, &ar->employees, 0, 10000000);
    }
}
static int dpReport(dpCtx *c, void *e) {
    dAnnualReport *ar = e;
    unsigned seen;
    memset(ar, 0, sizeof *ar);
    ar->filed_on = DATE_NONE;
    ar->employees = -1;
    int rc = dpObject(c, e, dpReportKeys, dpReportField, &seen);
    return rc ? rc : dpRequire(c, seen, dpReportKeys, 1u);
}

static const dpName dpTaxKeys[] = {K("year"), K("amount"), {NULL, 0}};
static int dpTaxField(dpCtx *c, void *e, int f) {
    dTaxPaid *t = e;
    bool present;
    if (f == 0) return dpInt(c, &t->year, 1900, 9999);
    int rc = dpMoney(c, &t->amount, &present);
    return rc ? rc : present ? 0 : dpFail(c, "缺少金额 (amount required)");
}
static int dpTax(dpCtx *c, void *e) {
    unsigned seen;
    memset(e, 0, sizeof(dTaxPaid));
    int rc = dpObject(c, e, dpTaxKeys, dpTaxField, &seen);
    return rc ? rc : dpRequire(c, seen, dpTaxKeys, 3u);
}

static const dpName dpInsuredKeys[] = {K("year"), K("count"), {NULL, 0}};
static int dpInsuredField(dpCtx *c, void *e, int f) {
    dInsured *x = e;
    return f == 0 ? dpInt(c, &x->year, 1900, 9999) : dpInt(c, &x->count, 0, 10000000);
}
static int dpInsured(dpCtx *c, void *e) {
    unsigned seen;
    memset(e, 0, sizeof(dInsured));
    int rc = dpObject(c, e, dpInsuredKeys, dpInsuredField, &seen);
    return rc ? rc : dpRequire(c, seen, dpInsuredKeys, 3u);
}

static const dpName dpHolders[] = {K("business"), K("operator"), {NULL, 0}};

static const dpName dpTrademarkKeys[] = {K("reg_no"), K("holder"), K("in_use"), {NULL, 0}};
static int dpTrademarkField(dpCtx *c, void *e, int f) {
    dTrademark *t = e;
    int h;
    switch (f) {
    case 0: return dpReqString(c, &t->reg_no);
    case 1: {
        int rc = dpEnum(c, &h, dpHolders, "business/operator");
        t->holder = (ipHolder)h;
        return rc;
    }
    default: return dpBool(c, &t->in_use);
    }
}
static int dpTrademark(dpCtx *c, void *e) {
    unsigned seen;
    memset(e, 0, sizeof(dTrademark));
    int rc = dpObject(c, e, dpTrademarkKeys, dpTrademarkField, &seen);
    return rc ? rc : dpRequire(c, seen, dpTrademarkKeys, 3u);
}

static const dpName dpPatentKeys[] = {K("number"), K("holder"), {NULL, 0}};
static int dpPatentField(dpCtx *c, void *e, int f) {
    dPatent *p = e;
    int h;
    if (f == 0) return dpReqString(c, &p->number);
    int rc = dpEnum(c, &h, dpHolders, "business/operator");
    p->holder = (ipHolder)h;
    return rc;
}
static int dpPatent(dpCtx *c, void *e) {
    unsigned seen;
    memset(e, 0, sizeof(dPatent));
    int rc = dpObject(c, e, dpPatentKeys, dpPatentField, &seen);
    return rc ? rc : dpRequire(c, seen, dpPatentKeys, 3u);
}

static const dpName dpPenaltyKinds[] = {K("warning"), K("fine"), K("confiscation"), K("licence"), K("restriction"),
                                             K("detention"), {NULL, 0}};
static const dpName dpPenaltyKeys[] = {K("decided_on"), K("kind"), K("publicized"), K("repaired_on"), {NULL, 0}};
static int dpPenaltyField(dpCtx *c, void *e, int f) {
    dPenalty *p = e;
    int k;
    switch (f) {
    case 0: return dpDate(c, &p->decided_on, true);
    case 1: {
        int rc = dpEnum(c, &k, dpPenaltyKinds, "warning/fine/confiscation/licence/restriction/detention");
        p->kind = (penaltyKind)k;
        return rc;
    }
    case 2: return dpBool(c, &p->publicized);
    default: return dpDate(c, &p->repaired_on, false);
    }
}
static int dpPenalty(dpCtx *c, void *e) {
    dPenalty *p = e;
    unsigned seen;
    memset(p, 0, sizeof *p);
    p->decided_on = p->repaired_on = DATE_NONE;
    int rc = dpObject(c, e, dpPenaltyKeys, dpPenaltyField, &seen);
    return rc ? rc : dpRequire(c, seen, dpPenaltyKeys, 3u);
}

static const dpName dpGroups[] = {K("veteran"), K("graduate"), K("disabled"), K("returning_migrant"), {NULL, 0}};
static int dpGroupsParse(dpCtx *c, unsigned *out) {
    *out = 0;
    if (dpIsNull(c)) return 0;
    if (jsonPeek(&c->r) != JSON_T_ARRAY) return dpFail(c, "应为数组 (expected an array)");
    DP_TRY(c, jsonArrayBegin(&c->r));
    bool first = true;
    int k, g;
    while ((k = jsonArrayNext(&c->r, &first)) == 1) {
        int rc = dpEnum(c, &g, dpGroups, "veteran/graduate/disabled/returning_migrant");
        if (rc) return rc;
        *out |= 1u << g;
    }
    DP_TRY(c, k);
    return 0;
}

/* A year may appear once in each yearly array: two figures for one year would make
 * the result depend on which one a reader picks. Every yearly element struct starts
 * with its int year; years are 1900-9999 (dpInt), so a bitmap finds repeats in O(n). */
static int dpYearRepeat(dpCtx *c, const char *name, size_t i, int year) {
    c->arr = name;
    c->idx = (long)i;
    c->key = "year";
    return dpFail(c, "年度 %d 重复 (year given twice)", year);
}

static int dpUniqueYears(dpCtx *c, const void *base, size_t n, size_t elem, const char *name) {
#define DP_YEAR(i) (*(const int *)((const char *)base + (i) * elem))
    if (n <= 8) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (DP_YEAR(i) == DP_YEAR(j)) return dpYearRepeat(c, name, i, DP_YEAR(i));
        return 0;
    }
    unsigned char seen[(9999 - 1900) / 8 + 1] = {0};
    for (size_t i = 0; i < n; i++) {
        const int year = DP_YEAR(i);
        assert(year >= 1900 && year <= 9999);
        const int bit = year - 1900;
        if (seen[bit / 8] & (1u << (bit % 8))) return dpYearRepeat(c, name, i, year);
        seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
    }
    return 0;
#undef DP_YEAR
}

/* ---- the record ---- */

enum {
    F_USCC, F_NAME, F_OPNAME, F_OPID, F_GROUPS, F_ESTABLISHED, F_STATUS, F_SEASONAL, F_TOWN, F_INDUSTRY,
    F_ADDRESS, F_TAXREG, F_GENTAX, F_REPORTS, F_TAXPAID, F_INSURED, F_ABNORMAL, F_SERIOUS, F_TAXABN, F_SUSP,
    F_TRADEMARKS, F_PATENTS, F_PENALTIES, F_DEBTOR, F_LEGACY
};
static const dpName dpTopKeys[] = {
    K("uscc"), K("name"), K("operator_name"), K("operator_id"), K("operator_groups"), K("established"), K("status"), K("seasonal"),
    K("town"), K("industry"), K("address"), K("tax_registered"), K("general_taxpayer"), K("annual_reports"), K("tax_paid"),
    K("insured_employees"), K("abnormal_list"), K("serious_illegal_list"), K("tax_abnormal"), K("suspensions"),
    K("trademarks"), K("patents"), K("penalties"), K("dishonest_debtor"), K("legacy_reg_no"), {NULL, 0}};
static const dpName dpStatuses[] = {K("registered"), K("revoked"), K("cancelled"), K("withdrawn"), {NULL, 0}};

const char *dossierStatusCode(bizStatus s) {
    assert((unsigned)s < 4);
    return dpStatuses[s].s;
}

static int dpCode(dpCtx *c, char *out, size_t cap, int (*validate)(const char *, size_t)) {
    const char *s;
    if (dpIsNull(c)) return dpFail(c, "缺少代码 (required)");
    if (jsonPeek(&c->r) != JSON_T_STRING) return dpFail(c, "应为字符串 (expected a string)");
    size_t n;
    DP_TRY(c, jsonStringRef(&c->r, &s, &n));
    const int rc = validate(s, n);
    if (rc) {
        char msg[200];
        return dpFail(c, "%s", usccMessage(rc, s, n, msg, sizeof msg));
    }
    if (n >= cap) return dpFail(c, "代码过长 (code too long)"); /* validate() already fixed n */
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
}

static int dpDateCmp(const void *a, const void *b) {
    const civilDate x = *(const civilDate *)a, y = *(const civilDate *)b;
    return (x > y) - (x < y);
}

static int dpRepeatedFrom(dpCtx *c, const char *name, size_t i) {
    c->arr = name;
    c->idx = (long)i;
    c->key = "from";
    return dpFail(c, "开始日期重复 (the same start date twice)");
}

/* A list may name a start date once: two listings from one day would make the
 * record ambiguous, and the store keys them by (list, start). */
static int dpIntervals(dpCtx *c, const char *name, dIntervals *out) {
    void *v;
    int rc = dpArray(c, name, sizeof(dInterval), dpInterval, &v, &out->n);
    out->v = v;
    if (rc || out->n < 2) return rc;
    if (out->n <= 32) { /* the usual case: a few entries */
        for (size_t i = 1; i < out->n; i++)
            for (size_t j = 0; j < i; j++)
                if (out->v[i].from == out->v[j].from) return dpRepeatedFrom(c, name, i);
        return 0;
    }
    civilDate *from = arenaAlloc(c->a, out->n * sizeof *from);
    if (!from) return dpFail(c, "记录过大 (record too large)");
    for (size_t i = 0; i < out->n; i++) from[i] = out->v[i].from;
    qsort(from, out->n, sizeof *from, dpDateCmp);
    for (size_t i = 1; i < out->n; i++)
        if (from[i] == from[i - 1])
            for (size_t k = 1; k < out->n; k++) /* name the second occurrence in input order */
                for (size_t j = 0; j < k; j++)
                    if (out->v[k].from == from[i] && out->v[j].from == from[i]) return dpRepeatedFrom(c, name, k);
    return 0;
}

static int dpTopField(dpCtx *c, void *e, int f) {
    dossier *d = e;
    void *v;
    int rc, st;
    switch (f) {
    case F_USCC: return dpCode(c, d->uscc, sizeof d->uscc, usccValidate);
    case F_LEGACY:
        if (dpIsNull(c)) return 0;
        return dpCode(c, d->legacy_reg_no, sizeof d->legacy_reg_no, regnoValidate);
    case F_NAME: return dpOptString(c, &d->name);
    case F_OPNAME: return dpOptString(c, &d->operator_name);
    case F_OPID: return dpOptString(c, &d->operator_id);
    case F_TOWN: return dpOptString(c, &d->town);
    case F_INDUSTRY: return dpOptString(c, &d->industry);
    case F_ADDRESS: return dpOptString(c, &d->address);
    case F_GROUPS: return dpGroupsParse(c, &d->operator_groups);
    case F_ESTABLISHED: return dpDate(c, &d->established, true);
    case F_STATUS:
        rc = dpEnum(c, &st, dpStatuses, "registered/revoked/cancelled/withdrawn");
        d->status = (bizStatus)st;
        return rc;
    case F_SEASONAL: return dpBool(c, &d->seasonal);
    case F_TAXREG: return dpBool(c, &d->tax_registered);
    case F_GENTAX: return dpBool(c, &d->general_taxpayer);
    case F_REPORTS:
        rc = dpArray(c, "annual_reports", sizeof(dAnnualReport), dpReport, &v, &d->n_annual_reports);
        d->annual_reports = v;
        return rc ? rc : dpUniqueYears(c, d->annual_reports, d->n_annual_reports, sizeof *d->annual_reports, "annual_reports");
    case F_TAXPAID:
        rc = dpArray(c, "tax_paid", sizeof(dTaxPaid), dpTax, &v, &d->n_tax_paid);
        d->tax_paid = v;
        return rc ? rc : dpUniqueYears(c, d->tax_paid, d->n_tax_paid, sizeof *d->tax_paid, "tax_paid");
    case F_INSURED:
        rc = dpArray(c, "insured_employees", sizeof(dInsured), dpInsured, &v, &d->n_insured);
        d->insured = v;
        return rc ? rc : dpUniqueYears(c, d->insured, d->n_insured, sizeof *d->insured, "insured_employees");
    case F_ABNORMAL: return dpIntervals(c, "abnormal_list", &d->abnormal_list);
    case F_SERIOUS: return dpIntervals(c, "serious_illegal_list", &d->serious_illegal_list);
    case F_TAXABN: return dpIntervals(c, "tax_abnormal", &d->tax_abnormal);
    case F_SUSP: return dpIntervals(c, "suspensions", &d->suspensions);
    case F_DEBTOR: return dpIntervals(c, "dishonest_debtor", &d->dishonest_debtor);
    case F_TRADEMARKS:
        rc = dpArray(c, "trademarks", sizeof(dTrademark), dpTrademark, &v, &d->n_trademarks);
        d->trademarks = v;
        return rc;
    case F_PATENTS:
        rc = dpArray(c, "patents", sizeof(dPatent), dpPatent, &v, &d->n_patents);
        d->patents = v;
        return rc;
    default:
        assert(f == F_PENALTIES);
        rc = dpArray(c, "penalties", sizeof(dPenalty), dpPenalty, &v, &d->n_penalties);
        d->penalties = v;
        return rc;
    }
}

int dossierParseJson(dossier *d, arena *a, const char *text, size_t n, dossierError *err) {
    dpCtx c = {.a = a, .err = err};
    jsonInit(&c.r, text, n, a);
    dossierInit(d);
    err->field[0] = err->message[0] = '\0';
    if (jsonPeek(&c.r) != JSON_T_OBJECT) {
        if (c.r.p >= c.r.end) return dpFail(&c, "空记录 (empty record)");
        if (jsonSkip(&c.r) == 0) return dpFail(&c, "记录应为 JSON 对象 (record must be a JSON object)");
        return dpSyntax(&c);
    }
    unsigned seen;
    int rc = dpObject(&c, d, dpTopKeys, dpTopField, &seen);
    if (rc) return rc;
    c.key = NULL;
    if (jsonEnd(&c.r)) return dpSyntax(&c);
    return dpRequire(&c, seen, dpTopKeys, 1u << F_USCC | 1u << F_ESTABLISHED | 1u << F_STATUS);
}

/* ---- writing ---- */

static void dwOptString(sbuf *b, const char *key, const char *v) {
    if (!v) return;
    jsonwKey(b, key, 0);
    jsonwString(b, v);
}

static void dwBool(sbuf *b, const char *key, bool v) {
    jsonwKey(b, key, 0);
    sbufPuts(b, v ? "true" : "false");
}

static void dwIntervals(sbuf *b, const char *key, dIntervals list) {
    jsonwKey(b, key, 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < list.n; i++) {
        sbufPuts(b, i ? ",{\"from\":" : "{\"from\":");
        jsonwDate(b, list.v[i].from);
        jsonwKey(b, "to", 0);
        jsonwDate(b, list.v[i].to);
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}

static void dwReports(sbuf *b, const dossier *d) {
    jsonwKey(b, "annual_reports", 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < d->n_annual_reports; i++) {
        const dAnnualReport *ar = &d->annual_reports[i];
        sbufPuts(b, i ? ",{\"year\":" : "{\"year\":");
        sbufPutInt(b, ar->year);
        jsonwKey(b, "filed_on", 0);
        jsonwDate(b, ar->filed_on);
        if (ar->has_revenue) {
            jsonwKey(b, "revenue", 0);
            jsonwMoney(b, ar->revenue);
        }
        if (ar->employees >= 0) {
            jsonwKey(b, "employees", 0);
            sbufPutInt(b, ar->employees);
        }
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}

static void dwYearly(sbuf *b, const dossier *d) {
    jsonwKey(b, "tax_paid", 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < d->n_tax_paid; i++) {
        sbufPuts(b, i ? ",{\"year\":" : "{\"year\":");
        sbufPutInt(b, d->tax_paid[i].year);
        jsonwKey(b, "amount", 0);
        jsonwMoney(b, d->tax_paid[i].amount);
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
    jsonwKey(b, "insured_employees", 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < d->n_insured; i++) {
        sbufPuts(b, i ? ",{\"year\":" : "{\"year\":");
        sbufPutInt(b, d->insured[i].year);
        sbufPuts(b, ",\"count\":");
        sbufPutInt(b, d->insured[i].count);
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}

static void dwIp(sbuf *b, const dossier *d) {
    jsonwKey(b, "trademarks", 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < d->n_trademarks; i++) {
        sbufPuts(b, i ? ",{\"reg_no\":" : "{\"reg_no\":");
        jsonwString(b, d->trademarks[i].reg_no);
        jsonwKey(b, "holder", 0);
        jsonwString(b, dpHolders[d->trademarks[i].holder].s);
        dwBool(b, "in_use", d->trademarks[i].in_use);
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
    jsonwKey(b, "patents", 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < d->n_patents; i++) {
        sbufPuts(b, i ? ",{\"number\":" : "{\"number\":");
        jsonwString(b, d->patents[i].number);
        jsonwKey(b, "holder", 0);
        jsonwString(b, dpHolders[d->patents[i].holder].s);
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}

static void dwPenalties(sbuf *b, const dossier *d) {
    jsonwKey(b, "penalties", 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < d->n_penalties; i++) {
        const dPenalty *p = &d->penalties[i];
        sbufPuts(b, i ? ",{\"decided_on\":" : "{\"decided_on\":");
        jsonwDate(b, p->decided_on);
        jsonwKey(b, "kind", 0);
        jsonwString(b, dpPenaltyKinds[p->kind].s);
        dwBool(b, "publicized", p->publicized);
        jsonwKey(b, "repaired_on", 0);
        jsonwDate(b, p->repaired_on);
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}

void dossierWriteJson(sbuf *b, const dossier *d) {
    sbufPuts(b, "{\"uscc\":");
    jsonwString(b, d->uscc);
    dwOptString(b, "name", d->name);
    dwOptString(b, "operator_name", d->operator_name);
    dwOptString(b, "operator_id", d->operator_id);
    jsonwKey(b, "operator_groups", 0);
    sbufPutc(b, '[');
    for (int g = 0, first = 1; dpGroups[g].s; g++)
        if (d->operator_groups & (1u << g)) {
            if (!first) sbufPutc(b, ',');
            jsonwString(b, dpGroups[g].s);
            first = 0;
        }
    sbufPutc(b, ']');
    jsonwKey(b, "established", 0);
    jsonwDate(b, d->established);
    jsonwKey(b, "status", 0);
    jsonwString(b, dpStatuses[d->status].s);
    dwBool(b, "seasonal", d->seasonal);
    dwOptString(b, "town", d->town);
    dwOptString(b, "industry", d->industry);
    dwOptString(b, "address", d->address);
    dwBool(b, "tax_registered", d->tax_registered);
    dwBool(b, "general_taxpayer", d->general_taxpayer);
    dwReports(b, d);
    dwYearly(b, d);
    dwIntervals(b, "abnormal_list", d->abnormal_list);
    dwIntervals(b, "serious_illegal_list", d->serious_illegal_list);
    dwIntervals(b, "tax_abnormal", d->tax_abnormal);
    dwIntervals(b, "suspensions", d->suspensions);
    dwIp(b, d);
    dwPenalties(b, d);
    dwIntervals(b, "dishonest_debtor", d->dishonest_debtor);
    if (d->legacy_reg_no[0]) dwOptString(b, "legacy_reg_no", d->legacy_reg_no);
    sbufPutc(b, '}');
}
