#ifndef GETIHU_APP_BANK_H
#define GETIHU_APP_BANK_H
#include <stdbool.h>
#include <stdint.h>
#include "app/run.h"
#include "core/arena.h"
#include "core/sbuf.h"
#include "store/store.h"

/* The bank channel (S2(三)6: 授信评价、金融产品匹配、预授信; issue 10 §5). An owner
 * consents, per bank, that the bank may see its type, category, their validity
 * and year, and the figures of the scopes below, from one day to another
 * (decisions 110-116). A bank sees only businesses whose consent to it is in force
 * today, and every look is recorded per business and audited, so that the owner
 * can see who looked ("谁查看了我的信息"). Personal data (operator name, ID number,
 * phone) never reaches a bank. The clock is passed in (today, now). */

/* What a consent opens besides type and category (decision 111). */
enum {
    BANK_SCOPE_REPORT = 1,  /* annual reports: revenue and employees */
    BANK_SCOPE_TAX = 2,     /* tax paid */
    BANK_SCOPE_INSURED = 4, /* insured (social insurance) counts */
    BANK_SCOPE_ALL = 7
};
#define BANK_NAME_MAX 63     /* bytes of a bank's name (appSession.department holds it) */
#define BANK_PAGE_MAX 200    /* businesses per page of a bank's list */

/* The scope bit of a code ("report", "tax", "insured"), or 0. */
unsigned bankScopeParse(const char *code, size_t n);
/* The code and the Chinese label of one scope bit. */
const char *bankScopeCode(unsigned bit);
const char *bankScopeLabel(unsigned bit);
/* Writes scopes as a JSON array of codes. */
void bankScopesJson(sbuf *out, unsigned scopes);
/* What a bank's account must name: 1 to BANK_NAME_MAX bytes of plain UTF-8. 0 or GH_EINVAL. */
int bankCheckName(const char *bank);

/* The owner of uscc grants bank the consent from..to (both days included) for
 * scopes, audited "bank.consent.grant" in the same transaction. GH_ENOTFOUND when
 * bank is not a bank known to the system (storeEachBank); GH_EINVAL when from > to,
 * to is before today, scopes has unknown bits, or the consent overlaps one to the
 * same bank not withdrawn (storeError says which). *id receives the consent's id. */
int bankConsentGrant(store *s, const appActor *who, const char *uscc, const char *bank, civilDate from,
                     civilDate to, unsigned scopes, civilDate today, int64_t now, int64_t *id);
/* The owner of uscc withdraws consent id at once, audited "bank.consent.withdraw".
 * GH_ENOTFOUND when uscc has no such consent in force or waiting. */
int bankConsentWithdraw(store *s, const appActor *who, const char *uscc, int64_t id, int64_t now);

/* One business as a bank sees it under consent c today: strings in a. */
typedef struct bankBusiness {
    const char *uscc, *name, *town, *industry;
    unsigned scopes;
    civilDate consent_from, consent_to;
    bool has_result;          /* the newest published typing result */
    int year;
    bizType type;
    bool city;                /* the result is the city's (a run with source city, decision 124) */
    bool has_category;        /* a 名特优新 recognition held today */
    categoryKind category;
    civilDate category_from, category_until; /* valid from .. until (the day before it expires) */
    dossier d;                /* figures: only those of scopes may be shown */
} bankBusiness;
/* Loads what c opens of c->uscc. GH_ENOTFOUND when the business is gone; store codes. */
int bankLoad(store *s, const storeBankConsent *c, civilDate today, arena *a, bankBusiness *out);
/* Writes b as JSON: identification, result, category, and the figures of b->scopes only. */
void bankBusinessJson(sbuf *out, const bankBusiness *b);

/* Records that who (a bank account of bank) saw the n businesses usccs[i] with
 * scopes[i] as what ("list", "lookup", "download"): an access row per business
 * and one audit entry "bank.<what>", in one transaction. 0, or the failure
 * (nothing recorded: the caller must not serve what was not recorded). */
int bankRecordAccess(store *s, const appActor *who, const char *bank, const char *what, const char *const *usccs,
                     const unsigned *scopes, size_t n, int64_t now);

/* Writes the businesses consenting to bank today as XLSX at path (libxlsxwriter,
 * constant memory; strings written as strings, never formulas). The USCCs and
 * scopes written are appended to *usccs / *scopes (allocated in a, *n counts them)
 * for bankRecordAccess. 0 or GH_E*. */
int bankExportXlsx(store *s, const char *bank, civilDate today, const char *path, arena *a, const char ***usccs,
                   unsigned **scopes, size_t *n);
#endif
