/* The facts behind an objection (issue 10 §4): which import kind, and so which
 * department, holds the fact a typing reason rests on, and how a correction of one
 * fact is applied to a dossier (decision 100: the corrected dossier is written back
 * into the directory, so the next runs read it too; the old value is kept in the
 * correction record). */
#include "app/objection.h"
#include "core/error.h"
#include "io/kinds.h"
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Reason code (its prefix) -> import kind. MISSED.* and the criteria of one letter
 * rest on the same fact: A revenue, B tax, C insurance, D trademarks, E patents. */
static const struct { const char *code, *kind; } kindOfCode[] = {
    {"INELIGIBLE.STATUS", "registration"},     {"INELIGIBLE.NO_ANNUAL_REPORT", "annual_reports"},
    {"INELIGIBLE.ABNORMAL_LIST", "abnormal_list"}, {"INELIGIBLE.SERIOUS_ILLEGAL", "serious_illegal"},
    {"INELIGIBLE.TAX_ABNORMAL", "tax"},        {"INELIGIBLE.SUSPENDED", "suspensions"},
    {"SURVIVAL.NEW", "registration"},          {"SURVIVAL.DEFAULT", "annual_reports"},
    {"MISSED.AGE", "registration"},            {"MISSED.TAX_REGISTRATION", "tax"},
    {"NOTE.SEASONAL_SUSPENSION", "registration"}, {"NOTE.SUSPENSION_BEYOND_MAXIMUM", "suspensions"},
};

const char *appObjectionKindOf(const char *code) {
    if (!code) return NULL;
    for (size_t i = 0; i < sizeof kindOfCode / sizeof kindOfCode[0]; i++)
        if (!strcmp(code, kindOfCode[i].code)) return kindOfCode[i].kind;
    static const char *const byLetter[5] = {"annual_reports", "tax", "insurance", "trademarks", "patents"};
    const char *rest = !strncmp(code, "MISSED.", 7) ? code + 7 : code;
    const bool growth = !strncmp(rest, "GROWTH.", 7), dev = !strncmp(rest, "DEVELOPMENT.", 12);
    const char *letter = growth ? rest + 7 : dev ? rest + 12 : NULL;
    if (!letter || letter[0] < 'A' || letter[0] > (growth ? 'C' : 'E') || letter[1]) return NULL;
    return byLetter[letter[0] - 'A'];
}

const char *appObjectionDepartmentOf(const char *kind) {
    for (int k = 0; kind && k < EXTRACT__COUNT; k++) {
        const importKind *d = kindGet((extractKind)k);
        if (!strcmp(d->name, kind)) return d->owners[0] ? d->owners[0] : APP_OBJECTION_SELF_DEPARTMENT;
    }
    return APP_OBJECTION_SELF_DEPARTMENT;
}

/* The fields a correction may name: the figures and listings typing reads. */
typedef enum {
    CF_REVENUE, CF_FILED_ON, CF_TAX_PAID, CF_INSURED, CF_TAX_REGISTERED, CF_GENERAL_TAXPAYER, CF_ESTABLISHED,
    CF_STATUS, CF_SEASONAL, CF_LIST_END, CF_TRADEMARK_IN_USE, CF_PATENT, CF__COUNT
} corrField;
static const struct { const char *name, *kind; bool year, key; } fields[CF__COUNT] = {
    [CF_REVENUE] = {"revenue", "annual_reports", true, false},
    [CF_FILED_ON] = {"filed_on", "annual_reports", true, false},
    [CF_TAX_PAID] = {"tax_paid", "tax", true, false},
    [CF_INSURED] = {"insured_employees", "insurance", true, false},
    [CF_TAX_REGISTERED] = {"tax_registered", "tax", false, false},
    [CF_GENERAL_TAXPAYER] = {"general_taxpayer", "tax", false, false},
    [CF_ESTABLISHED] = {"established", "registration", false, false},
    [CF_STATUS] = {"status", "registration", false, false},
    [CF_SEASONAL] = {"seasonal", "registration", false, false},
    [CF_LIST_END] = {"list_end", NULL, false, true},        /* key "abnormal_list/2022-03-01" */
    [CF_TRADEMARK_IN_USE] = {"trademark_in_use", "trademarks", false, true}, /* key: reg_no */
    [CF_PATENT] = {"patent", "patents", false, true},       /* key: number; value business|operator: adds it */
};

const char *appObjectionFields(void) {
    return "revenue|filed_on|tax_paid|insured_employees|tax_registered|general_taxpayer|established|status|seasonal|"
           "list_end|trademark_in_use|patent";
}

static int corrFail(char *msg, size_t n, const char *fmt, const char *arg) {
    snprintf(msg, n, fmt, arg ? arg : "");
    return GH_EINVAL;
}

static int parseBool(bool *out, const char *v) {
    if (!strcmp(v, "true") || !strcmp(v, "是")) return *out = true, 0;
    if (!strcmp(v, "false") || !strcmp(v, "否")) return *out = false, 0;
    return GH_EINVAL;
}

/* The year's row of a yearly array (*base, *n rows of size bytes), on a copy in ar
 * that *base then points to; a row for year is appended when missing (*added). */
static void *yearRow(const void **base, size_t *n, size_t size, int year, arena *ar, bool *added) {
    char *copy = arenaAlloc(ar, (*n + 1) * size);
    if (!copy) return NULL;
    if (*n) memcpy(copy, *base, *n * size);
    *base = copy;
    *added = false;
    for (size_t i = 0; i < *n; i++)
        if (*(const int *)(copy + i * size) == year) return copy + i * size;
    char *row = copy + (*n)++ * size;
    memset(row, 0, size);
    *(int *)row = year; /* every yearly struct starts with its year */
    *added = true;
    return row;
}

static void fmtMoney(char *old, size_t n, bool has, money m) {
    char b[MONEY_STRLEN] = "";
    if (has) moneyFormat(b, m);
    snprintf(old, n, "%s", b);
}

static void fmtDate(char *old, size_t n, civilDate d) {
    char b[DATE_STRLEN] = "";
    if (d != DATE_NONE) dateFormat(b, d);
    snprintf(old, n, "%s", b);
}

/* revenue, filed_on, tax_paid, insured_employees of c->year. */
static int applyYearly(dossier *d, corrField f, const appCorrection *c, arena *ar, char *old, size_t n) {
    money m = 0;
    civilDate date = DATE_NONE;
    const char *v = c->value;
    bool added;
    if ((f == CF_REVENUE || f == CF_TAX_PAID) && moneyParse(&m, v, strlen(v))) return GH_EINVAL;
    if (f == CF_FILED_ON && *v && dateParse(&date, v, strlen(v))) return GH_EINVAL;
    if (f == CF_REVENUE || f == CF_FILED_ON) {
        const void *base = d->annual_reports;
        dAnnualReport *r = yearRow(&base, &d->n_annual_reports, sizeof *r, c->year, ar, &added);
        if (!r) return GH_ENOMEM;
        d->annual_reports = base;
        if (added) r->filed_on = DATE_NONE, r->employees = -1;
        if (f == CF_REVENUE) fmtMoney(old, n, r->has_revenue, r->revenue), r->has_revenue = true, r->revenue = m;
        else fmtDate(old, n, r->filed_on), r->filed_on = date;
        return 0;
    }
    if (f == CF_TAX_PAID) {
        const void *base = d->tax_paid;
        dTaxPaid *t = yearRow(&base, &d->n_tax_paid, sizeof *t, c->year, ar, &added);
        if (!t) return GH_ENOMEM;
        d->tax_paid = base;
        fmtMoney(old, n, !added, t->amount);
        t->amount = m;
        return 0;
    }
    char *end;
    const long k = strtol(v, &end, 10);
    if (!*v || *end || k < 0 || k > 100000) return GH_EINVAL;
    const void *base = d->insured;
    dInsured *in = yearRow(&base, &d->n_insured, sizeof *in, c->year, ar, &added);
    if (!in) return GH_ENOMEM;
    d->insured = base;
    if (added) old[0] = '\0';
    else snprintf(old, n, "%d", in->count);
    in->count = (int)k;
    return 0;
}

/* The interval list named in a list_end key ("abnormal_list/2022-03-01"). */
static dIntervals *listOf(dossier *d, const char *name, size_t len, const char **kind) {
    static const struct { const char *name, *kind; size_t off; } lists[] = {
        {"abnormal_list", "abnormal_list", offsetof(dossier, abnormal_list)},
        {"serious_illegal_list", "serious_illegal", offsetof(dossier, serious_illegal_list)},
        {"tax_abnormal", "tax", offsetof(dossier, tax_abnormal)},
        {"suspensions", "suspensions", offsetof(dossier, suspensions)},
        {"dishonest_debtor", "dishonest_debtors", offsetof(dossier, dishonest_debtor)},
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if (strlen(lists[i].name) == len && !strncmp(name, lists[i].name, len)) {
            *kind = lists[i].kind;
            return (dIntervals *)((char *)d + lists[i].off);
        }
    return NULL;
}

/* list_end: the end date ("" still active) of the listing that starts on the key's date. */
static int applyListEnd(dossier *d, const appCorrection *c, arena *ar, const char **kind, char *old, size_t n) {
    const char *slash = strchr(c->key, '/');
    civilDate from, to = DATE_NONE;
    dIntervals *l = slash ? listOf(d, c->key, (size_t)(slash - c->key), kind) : NULL;
    if (!l || dateParse(&from, slash + 1, strlen(slash + 1))) return GH_EINVAL;
    if (*c->value && dateParse(&to, c->value, strlen(c->value))) return GH_EINVAL;
    dInterval *copy = arenaAlloc(ar, (l->n + 1) * sizeof *copy);
    if (!copy) return GH_ENOMEM;
    if (l->n) memcpy(copy, l->v, l->n * sizeof *copy);
    for (size_t i = 0; i < l->n; i++)
        if (copy[i].from == from) {
            fmtDate(old, n, copy[i].to);
            copy[i].to = to;
            l->v = copy;
            return 0;
        }
    return GH_ENOTFOUND;
}

/* trademark_in_use (key reg_no) and patent (key number: adds or sets its holder). */
static int applyIp(dossier *d, corrField f, const appCorrection *c, arena *ar, char *old, size_t n) {
    if (f == CF_TRADEMARK_IN_USE) {
        bool in_use;
        if (parseBool(&in_use, c->value)) return GH_EINVAL;
        dTrademark *t = arenaAlloc(ar, (d->n_trademarks + 1) * sizeof *t);
        if (!t) return GH_ENOMEM;
        if (d->n_trademarks) memcpy(t, d->trademarks, d->n_trademarks * sizeof *t);
        d->trademarks = t;
        for (size_t i = 0; i < d->n_trademarks; i++)
            if (t[i].reg_no && !strcmp(t[i].reg_no, c->key)) {
                snprintf(old, n, "%s", t[i].in_use ? "true" : "false");
                t[i].in_use = in_use;
                return 0;
            }
        return GH_ENOTFOUND;
    }
    ipHolder h;
    if (!strcmp(c->value, "business")) h = HOLDER_BUSINESS;
    else if (!strcmp(c->value, "operator")) h = HOLDER_OPERATOR;
    else return GH_EINVAL;
    dPatent *p = arenaAlloc(ar, (d->n_patents + 1) * sizeof *p);
    char *num = arenaStrndup(ar, c->key, strlen(c->key));
    if (!p || !num) return GH_ENOMEM;
    if (d->n_patents) memcpy(p, d->patents, d->n_patents * sizeof *p);
    d->patents = p;
    for (size_t i = 0; i < d->n_patents; i++)
        if (p[i].number && !strcmp(p[i].number, c->key)) {
            snprintf(old, n, "%s", p[i].holder == HOLDER_OPERATOR ? "operator" : "business");
            p[i].holder = h;
            return 0;
        }
    old[0] = '\0';
    p[d->n_patents++] = (dPatent){num, h};
    return 0;
}

/* The registration fields and the tax flags. */
static int applyFlag(dossier *d, corrField f, const char *v, char *old, size_t n) {
    static const char *const statuses[4] = {"registered", "revoked", "cancelled", "withdrawn"};
    bool b = false;
    if (f == CF_ESTABLISHED) {
        civilDate e;
        if (dateParse(&e, v, strlen(v))) return GH_EINVAL;
        fmtDate(old, n, d->established);
        d->established = e;
        return 0;
    }
    if (f == CF_STATUS) {
        for (int i = 0; i < 4; i++)
            if (!strcmp(v, statuses[i])) {
                snprintf(old, n, "%s", statuses[d->status]);
                d->status = (bizStatus)i;
                return 0;
            }
        return GH_EINVAL;
    }
    if (parseBool(&b, v)) return GH_EINVAL;
    bool *flag = f == CF_TAX_REGISTERED ? &d->tax_registered : f == CF_GENERAL_TAXPAYER ? &d->general_taxpayer
                                                                                       : &d->seasonal;
    snprintf(old, n, "%s", *flag ? "true" : "false");
    *flag = b;
    return 0;
}

int appCorrectionApply(dossier *d, const appCorrection *c, arena *ar, const char **kind, char *old, size_t n,
                       char *msg, size_t msgn) {
    int f = 0;
    while (f < CF__COUNT && (!c->field || strcmp(c->field, fields[f].name))) f++;
    if (f == CF__COUNT) return corrFail(msg, msgn, "field: 应为 %s 之一 (unknown field)", appObjectionFields());
    if (!c->value) return corrFail(msg, msgn, "value: 需要更正后的值 (value required)%s", NULL);
    if (fields[f].year && (c->year < 1990 || c->year > 2200))
        return corrFail(msg, msgn, "year: 该项须填写年度 (year required for %s)", c->field);
    if (fields[f].key && (!c->key || !*c->key))
        return corrFail(msg, msgn, "key: 该项须填写 key (key required for %s)", c->field);
    *kind = fields[f].kind;
    old[0] = '\0';
    int rc;
    if (f <= CF_INSURED) rc = applyYearly(d, (corrField)f, c, ar, old, n);
    else if (f == CF_LIST_END) rc = applyListEnd(d, c, ar, kind, old, n);
    else if (f == CF_TRADEMARK_IN_USE || f == CF_PATENT) rc = applyIp(d, (corrField)f, c, ar, old, n);
    else rc = applyFlag(d, (corrField)f, c->value, old, n);
    if (rc == GH_ENOTFOUND) return corrFail(msg, msgn, "key: 档案中没有 %s (no such listing in the dossier)", c->key);
    if (rc == GH_EINVAL) return corrFail(msg, msgn, "value: 「%s」不是该项的有效值 (invalid value)", c->value);
    if (rc) snprintf(msg, msgn, "内存不足 (out of memory)");
    return rc;
}
