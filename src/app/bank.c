#include "app/bank.h"
#include "app/audit.h"
#include "app/reconcile.h"
#include "core/error.h"
#include "core/utf8.h"
#include "io/jsonw.h"
#include "rules/category.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct { unsigned bit; const char *code, *label; } bankScopes[] = {
    {BANK_SCOPE_REPORT, "report", "年报营业收入和从业人数"},
    {BANK_SCOPE_TAX, "tax", "纳税额"},
    {BANK_SCOPE_INSURED, "insured", "参保人数"},
};
#define BANK_N_SCOPES (sizeof bankScopes / sizeof bankScopes[0])

unsigned bankScopeParse(const char *code, size_t n) {
    for (size_t i = 0; i < BANK_N_SCOPES; i++)
        if (strlen(bankScopes[i].code) == n && !memcmp(bankScopes[i].code, code, n)) return bankScopes[i].bit;
    return 0;
}

const char *bankScopeCode(unsigned bit) {
    for (size_t i = 0; i < BANK_N_SCOPES; i++)
        if (bankScopes[i].bit == bit) return bankScopes[i].code;
    return "";
}

const char *bankScopeLabel(unsigned bit) {
    for (size_t i = 0; i < BANK_N_SCOPES; i++)
        if (bankScopes[i].bit == bit) return bankScopes[i].label;
    return "";
}

void bankScopesJson(sbuf *out, unsigned scopes) {
    int n = 0;
    sbufPutc(out, '[');
    for (size_t i = 0; i < BANK_N_SCOPES; i++)
        if (scopes & bankScopes[i].bit) sbufPrintf(out, "%s\"%s\"", n++ ? "," : "", bankScopes[i].code);
    sbufPutc(out, ']');
}

int bankCheckName(const char *bank) {
    const size_t n = bank ? strlen(bank) : 0;
    return n && n <= BANK_NAME_MAX && utf8Plain(bank, n) ? 0 : GH_EINVAL;
}

/* Stops the walk (1) at the bank named ctx. */
static int bankIs(void *ctx, const char *bank) { return strcmp(ctx, bank) == 0; }

/* Ends the transaction the caller began: commits when rc is 0, else rolls back. */
static int bankEnd(store *s, int rc) {
    if (!rc) rc = storeCommit(s);
    if (rc) (void)storeRollback(s);
    return rc;
}

static void bankTime(char at[32], int64_t now) {
    const time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int bankConsentGrant(store *s, const appActor *who, const char *uscc, const char *bank, civilDate from,
                     civilDate to, unsigned scopes, civilDate today, int64_t now, int64_t *id) {
    if (bankCheckName(bank) || from == DATE_NONE || to == DATE_NONE || from > to || to < today ||
        (scopes & ~(unsigned)BANK_SCOPE_ALL))
        return GH_EINVAL;
    char at[32], object[64], from_s[DATE_STRLEN], to_s[DATE_STRLEN];
    bankTime(at, now);
    dateFormat(from_s, from);
    dateFormat(to_s, to);
    snprintf(object, sizeof object, "business %s", uscc);
    sbuf after;
    sbufInit(&after);
    sbufPuts(&after, "{\"bank\":");
    jsonwString(&after, bank);
    sbufPrintf(&after, ",\"from\":\"%s\",\"to\":\"%s\",\"scopes\":", from_s, to_s);
    bankScopesJson(&after, scopes);
    const storeBankConsent c = {.uscc = uscc, .bank = bank, .from = from, .to = to, .scopes = scopes,
                                .granted_by = who->name, .granted_at = at};
    int rc = after.failed ? GH_ENOMEM : storeBegin(s);
    if (!rc) {
        const int known = storeEachBank(s, bankIs, (void *)bank); /* 1: found */
        rc = known == 1 ? 0 : known < 0 ? known : GH_ENOTFOUND;
    }
    if (!rc) rc = storeBankConsentAdd(s, &c, id);
    if (!rc) sbufPrintf(&after, ",\"id\":%lld}", (long long)*id);
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client,
                          .action = "bank.consent.grant", .object = object, .after = after.data};
    if (!rc) rc = after.failed ? GH_ENOMEM : auditAppend(s, &e, now);
    sbufFree(&after);
    return bankEnd(s, rc);
}

int bankConsentWithdraw(store *s, const appActor *who, const char *uscc, int64_t id, int64_t now) {
    char at[32], object[64], after[48];
    bankTime(at, now);
    snprintf(object, sizeof object, "business %s", uscc);
    snprintf(after, sizeof after, "{\"id\":%lld,\"withdrawn\":true}", (long long)id);
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client,
                          .action = "bank.consent.withdraw", .object = object, .after = after};
    int rc = storeBegin(s);
    if (!rc) rc = storeBankConsentWithdraw(s, id, uscc, who->name, at);
    if (!rc) rc = auditAppend(s, &e, now);
    return bankEnd(s, rc);
}

/* The newest published result (results come newest year first). */
static int bankResult(void *ctx, const storeResult *r) {
    bankBusiness *b = ctx;
    if (!r->published) return 0;
    b->has_result = true, b->year = r->year, b->type = r->type;
    b->city = r->source && !strcmp(r->source, "city");
    return 1;
}

static int bankRecognition(void *ctx, const storeRecognition *r) {
    bankBusiness *b = ctx;
    b->has_category = true, b->category = r->category;
    b->category_from = r->recognised_on, b->category_until = r->expires - 1;
    return 1;
}

int bankLoad(store *s, const storeBankConsent *c, civilDate today, arena *a, bankBusiness *out) {
    memset(out, 0, sizeof *out);
    int rc = storeLoadDossier(s, c->uscc, a, &out->d);
    if (rc) return rc;
    out->uscc = out->d.uscc, out->name = out->d.name, out->town = out->d.town, out->industry = out->d.industry;
    out->scopes = c->scopes, out->consent_from = c->from, out->consent_to = c->to;
    rc = storeEachPublishedOf(s, c->uscc, false, bankResult, out); /* codes only (decision 274) */
    const storeRecognitionFilter f = {.uscc = c->uscc, .valid_at = today};
    if (rc >= 0) rc = storeEachRecognition(s, &f, bankRecognition, out);
    return rc < 0 ? rc : 0;
}

/* The figures of one scope, year by year. */
static void bankFigures(sbuf *out, const bankBusiness *b) {
    const dossier *d = &b->d;
    if (b->scopes & BANK_SCOPE_REPORT) {
        jsonwKey(out, "annual_reports", 0);
        sbufPutc(out, '[');
        for (size_t i = 0; i < d->n_annual_reports; i++) {
            const dAnnualReport *r = &d->annual_reports[i];
            sbufPrintf(out, "%s{\"year\":%d,\"revenue\":", i ? "," : "", r->year);
            if (r->has_revenue) jsonwMoney(out, r->revenue);
            else sbufPuts(out, "null");
            if (r->employees >= 0) sbufPrintf(out, ",\"employees\":%d}", r->employees);
            else sbufPuts(out, ",\"employees\":null}");
        }
        sbufPutc(out, ']');
    }
    if (b->scopes & BANK_SCOPE_TAX) {
        jsonwKey(out, "tax_paid", 0);
        sbufPutc(out, '[');
        for (size_t i = 0; i < d->n_tax_paid; i++) {
            sbufPrintf(out, "%s{\"year\":%d,\"amount\":", i ? "," : "", d->tax_paid[i].year);
            jsonwMoney(out, d->tax_paid[i].amount);
            sbufPutc(out, '}');
        }
        sbufPutc(out, ']');
    }
    if (b->scopes & BANK_SCOPE_INSURED) {
        jsonwKey(out, "insured", 0);
        sbufPutc(out, '[');
        for (size_t i = 0; i < d->n_insured; i++)
            sbufPrintf(out, "%s{\"year\":%d,\"count\":%d}", i ? "," : "", d->insured[i].year, d->insured[i].count);
        sbufPutc(out, ']');
    }
}

void bankBusinessJson(sbuf *out, const bankBusiness *b) {
    sbufPuts(out, "{\"uscc\":");
    jsonwString(out, b->uscc);
    jsonwKey(out, "name", 0);
    jsonwString(out, b->name ? b->name : "");
    jsonwKey(out, "town", 0);
    jsonwString(out, b->town ? b->town : "");
    jsonwKey(out, "industry", 0);
    jsonwString(out, b->industry ? b->industry : "");
    if (b->has_result) {
        sbufPrintf(out, ",\"year\":%d,\"type\":\"%s\",\"type_label\":", b->year, typingTypeCode(b->type));
        jsonwString(out, typingTypeLabel(b->type));
        /* where the result comes from, as everywhere a result is shown (issue 10 §6) */
        sbufPrintf(out, ",\"source\":\"%s\",\"source_label\":", appSourceCode(b->city ? "city" : "run"));
        jsonwString(out, appSourceLabel(b->city ? "city" : "run"));
    } else sbufPuts(out, ",\"year\":null,\"type\":null,\"type_label\":null,\"source\":null,\"source_label\":null");
    jsonwKey(out, "category", 0);
    if (b->has_category) {
        sbufPrintf(out, "{\"code\":\"%s\",\"label\":", categoryCode(b->category));
        jsonwString(out, categoryLabel(b->category));
        jsonwKey(out, "valid_from", 0);
        jsonwDate(out, b->category_from);
        jsonwKey(out, "valid_until", 0);
        jsonwDate(out, b->category_until);
        sbufPutc(out, '}');
    } else sbufPuts(out, "null");
    jsonwKey(out, "consent", 0);
    sbufPuts(out, "{\"from\":");
    jsonwDate(out, b->consent_from);
    jsonwKey(out, "to", 0);
    jsonwDate(out, b->consent_to);
    jsonwKey(out, "scopes", 0);
    bankScopesJson(out, b->scopes);
    sbufPutc(out, '}');
    bankFigures(out, b);
    sbufPutc(out, '}');
}

int bankRecordAccess(store *s, const appActor *who, const char *bank, const char *what, const char *const *usccs,
                     const unsigned *scopes, size_t n, int64_t now) {
    char at[32], action[32], object[96], after[96];
    bankTime(at, now);
    snprintf(action, sizeof action, "bank.%s", what);
    snprintf(object, sizeof object, "bank %.*s", (int)utf8Prefix(bank, strlen(bank), 80), bank);
    if (n == 1) snprintf(after, sizeof after, "{\"uscc\":\"%s\"}", usccs[0]);
    else snprintf(after, sizeof after, "{\"businesses\":%zu}", n);
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = action,
                          .object = object, .after = after};
    enum { CHUNK = 256 };
    storeBankAccess a[CHUNK];
    int rc = storeBegin(s);
    for (size_t i = 0; i < n && !rc; i += CHUNK) {
        const size_t k = n - i < CHUNK ? n - i : CHUNK;
        for (size_t j = 0; j < k; j++)
            a[j] = (storeBankAccess){.uscc = usccs[i + j], .bank = bank, .account = who->name, .at = at,
                                     .what = what, .scopes = scopes[i + j]};
        rc = storeBankAccessAdd(s, a, k);
    }
    if (!rc) rc = auditAppend(s, &e, now);
    return bankEnd(s, rc);
}
