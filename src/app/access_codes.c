/* Business owners' one-time access codes (decision 38): issued by `getihu user code`
 * and by the console (issue 11 §2), where issuing also creates the owner's account
 * when the business has none. A re-issue ends every unused earlier code (decision
 * 160), so the newest code handed to the owner is the only one that works. */
#include "app/accounts.h"
#include "app/audit.h"
#include "app/digest.h"
#include "core/error.h"
#include "core/uscc.h"
#include "io/jsonw.h"
#include "rules/dossier.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Commits when rc is 0, else rolls back; returns rc or the commit's failure. */
static int codeEnd(store *s, int rc) {
    if (!rc) rc = storeCommit(s);
    if (rc) (void)storeRollback(s);
    return rc;
}

/* Inside the caller's transaction: draws a code for account_id, ends the account's
 * unused codes, stores the new code's hash and audits "user.code" under decision 38
 * (the rule, the validity and how many earlier codes stopped working). */
static int codeIssueIn(store *s, const appActor *who, int64_t account_id, const char *uscc, int days, int64_t now,
                       char code[ACCOUNT_CODE_LEN + 1], int *revoked) {
    static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; /* no look-alikes (0/O, 1/I/L) */
    char hash[65], object[64], expires[32];
    for (int i = 0; i < ACCOUNT_CODE_LEN; i++) code[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    code[ACCOUNT_CODE_LEN] = '\0';
    digestSha256Hex(code, ACCOUNT_CODE_LEN, hash);
    const time_t until = (time_t)(now + (int64_t)days * 86400);
    struct tm tm;
    gmtime_r(&until, &tm);
    strftime(expires, sizeof expires, "%Y-%m-%dT%H:%M:%SZ", &tm);
    int rc = storeAccessCodeRevoke(s, account_id, now, revoked);
    sbuf after;
    sbufInit(&after);
    sbufPrintf(&after, "{\"rule\":\"decision 38\",\"days\":%d,\"expires_at\":\"%s\",\"revoked\":%d}", days, expires,
               rc ? 0 : *revoked);
    snprintf(object, sizeof object, "access code for %s", uscc);
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = "user.code",
                          .object = object, .after = after.data};
    if (!rc && after.failed) rc = GH_ENOMEM;
    if (!rc) rc = storeAccessCodeAdd(s, hash, account_id, now + (int64_t)days * 86400, who->name);
    if (!rc) rc = auditAppend(s, &e, now);
    sbufFree(&after);
    return rc;
}

int accountIssueCode(store *s, const appActor *who, const char *uscc, int days, int64_t now,
                     char code[ACCOUNT_CODE_LEN + 1]) {
    storeAccount acc;
    arena a;
    arenaInit(&a, 1024, 0);
    int revoked, rc = storeBegin(s);
    if (!rc) rc = storeAccountByUscc(s, uscc, &a, &acc);
    const int64_t id = rc ? 0 : acc.id;
    arenaFree(&a); /* only the id is kept */
    if (!rc) rc = codeIssueIn(s, who, id, uscc, days, now, code, &revoked);
    rc = codeEnd(s, rc);
    if (rc) sodium_memzero(code, ACCOUNT_CODE_LEN + 1);
    return rc;
}

/* Inside the caller's transaction: the owner's account of uscc (username the USCC,
 * decision 161), audited "user.add" like `getihu user add --role business`. */
static int codeAddOwner(store *s, const appActor *who, const char *uscc, int64_t now, int64_t *id) {
    const storeAccount na = {.username = uscc, .role = "business", .uscc = uscc};
    char object[64], after[128];
    snprintf(object, sizeof object, "account %s", uscc);
    snprintf(after, sizeof after, "{\"role\":\"business\",\"department\":\"\",\"uscc\":\"%s\"}", uscc);
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = "user.add",
                          .object = object, .after = after};
    int rc = storeAccountAdd(s, &na, id);
    if (!rc) rc = auditAppend(s, &e, now);
    return rc;
}

typedef struct codeOwner { const char *uscc; bool disabled; } codeOwner;

/* storeAccountFn: notes a disabled business account bound to the USCC sought. */
static int codeDisabledOwner(void *ctx, const storeAccount *a) {
    codeOwner *o = ctx;
    if (a->disabled && a->role && !strcmp(a->role, "business") && a->uscc && !strcmp(a->uscc, o->uscc)) o->disabled = true;
    return 0;
}

int accountIssueOwnerCode(store *s, const appActor *who, const char *uscc, int days, int64_t now,
                          appIssuedCode *out) {
    memset(out, 0, sizeof *out);
    if (!uscc || usccValidate(uscc, strlen(uscc)) || days < 1 || days > 90) return GH_EINVAL;
    dossier d;
    storeAccount acc;
    arena a;
    arenaInit(&a, 4096, 0);
    int rc = storeLoadDossier(s, uscc, &a, &d); /* the business must be in the directory */
    if (!rc) snprintf(out->name, sizeof out->name, "%s", d.name ? d.name : "");
    int64_t id = 0;
    if (!rc) rc = storeBegin(s);
    if (!rc) {
        rc = storeAccountByUscc(s, uscc, &a, &acc); /* the enabled owner's account only */
        codeOwner o = {uscc, false};
        if (!rc) id = acc.id;
        else if (rc == GH_ENOTFOUND && !(rc = storeEachAccount(s, codeDisabledOwner, &o)))
            rc = o.disabled ? GH_EREFUSED : GH_ENOTFOUND; /* a disabled owner is not brought back (decision 212) */
        if (rc == GH_ENOTFOUND && !(rc = codeAddOwner(s, who, uscc, now, &id))) out->created = true;
        if (!rc) rc = codeIssueIn(s, who, id, uscc, days, now, out->code, &out->revoked);
        rc = codeEnd(s, rc);
    }
    arenaFree(&a);
    if (rc) sodium_memzero(out->code, sizeof out->code), out->created = false;
    else out->expires = now + (int64_t)days * 86400;
    return rc;
}
