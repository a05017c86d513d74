#include "app/accounts.h"
#include "app/audit.h"
#include "app/bank.h" /* a bank account names its bank (decision 110) */
#include "app/departments.h"
#include "app/digest.h"
#include "core/error.h"
#include "core/uscc.h"
#include "core/utf8.h"
#include "io/jsonw.h"
#include <assert.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/* ---- the store calls whose form follows the store's interface, in one place ---- */

/* Appends an audit entry inside the caller's open write transaction. */
static int accountAudit(store *s, const storeAudit *e, int64_t now) { return auditAppend(s, e, now); }

/* One account by name, id or bound USCC (whichever is given), its strings copied
 * into a. */
static int accountRead(store *s, const char *username, int64_t id, const char *uscc, arena *a, storeAccount *out) {
    return username ? storeAccountGet(s, username, a, out) : uscc ? storeAccountByUscc(s, uscc, a, out)
                                                                  : storeAccountById(s, id, a, out);
}

/* ---- helpers ---- */

/* Ends the transaction the caller began: commits when rc is 0, else rolls back
 * (also after a failed commit). Returns rc, or the commit's failure. */
static int accountEnd(store *s, int rc) {
    if (!rc) rc = storeCommit(s);
    if (rc) (void)storeRollback(s); /* keeps the failure that led here in storeError */
    return rc;
}

/* The one Argon2id call (libsodium's interactive limits). GH_ENOMEM when it fails. */
static int accountHash(char out[crypto_pwhash_STRBYTES], const char *password) {
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) ? GH_ENOMEM : 0;
}

/* An Argon2id hash of a random password nobody knows, made with the parameters of
 * accountHash: a sign-in that has no real hash to check verifies against it, so that
 * it does the same work as one that has. */
static const char accountDummyHash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$obCvxyZNcE8rW2S9zNy0PA$jdImWf6k0IQnQbRtX0EsyJyQ4kpP+eVG/ZFnr/hvPF0";

static atomic_ulong accountVerifyCount; /* read by tests through accountVerifications */

unsigned long accountVerifications(void) { return atomic_load(&accountVerifyCount); }

/* The one Argon2id verification of a sign-in: true when password matches hash. */
static bool accountVerify(const char *hash, const char *password) {
    atomic_fetch_add(&accountVerifyCount, 1);
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* "prefix name" into out, name cut to at most max bytes on a character boundary
 * (a cut Chinese character would make the audit trail invalid UTF-8). */
static void accountObject(char *out, size_t n, const char *prefix, const char *name, size_t max) {
    const size_t len = name ? utf8Prefix(name, strlen(name), max) : 0;
    snprintf(out, n, "%s%.*s", prefix, (int)len, name ? name : "");
}

static void accountRandomHex(char out[65]) {
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, 65, b, sizeof b);
}

static void accountFill(appSession *out, const storeAccount *a) {
    memset(out, 0, sizeof *out);
    out->account_id = a->id;
    snprintf(out->username, sizeof out->username, "%s", a->username);
    snprintf(out->role_name, sizeof out->role_name, "%s", a->role);
    snprintf(out->uscc, sizeof out->uscc, "%s", a->uscc ? a->uscc : "");
    snprintf(out->department, sizeof out->department, "%s", a->department ? a->department : "");
    out->role = roleBit(a->role);
}

/* ---- account changes ---- */

int accountCheckName(const char *username) {
    const size_t n = username ? strlen(username) : 0;
    return n && n <= ACCOUNT_NAME_MAX && utf8Plain(username, n) ? 0 : GH_EINVAL;
}

/* Decision 91: a town is named as the registry writes it, ending in 镇, 街道 or 地区. */
static bool accountTownName(const char *t) {
    const size_t n = t ? strlen(t) : 0;
    static const char *const ends[] = {"镇", "街道", "地区"};
    for (size_t i = 0; n && n <= 60 && utf8Plain(t, n) && i < 3; i++) {
        const size_t k = strlen(ends[i]);
        if (n > k && !strcmp(t + n - k, ends[i])) return true;
    }
    return false;
}

int accountCheck(const char *role, const char *department, const char *uscc) {
    const unsigned bit = roleBit(role);
    if (!bit || (bit == ROLE_DEPARTMENT && !department) || (bit == ROLE_TOWN && !accountTownName(department)) ||
        (bit == ROLE_BANK && bankCheckName(department)) ||
        (bit == ROLE_BUSINESS && (!uscc || usccValidate(uscc, strlen(uscc)))))
        return GH_EINVAL;
    return bit == ROLE_DEPARTMENT && !departmentCanonical(department) ? GH_ENOTFOUND : 0;
}

int accountAdd(store *s, const appActor *who, const appNewAccount *a, int64_t now) {
    int rc = accountCheckName(a->username);
    if (!rc) rc = accountCheck(a->role, a->department, a->uscc);
    if (rc) return rc;
    const unsigned bit = roleBit(a->role);
    const char *department = bit == ROLE_DEPARTMENT ? departmentCanonical(a->department) : a->department;
    char hash[crypto_pwhash_STRBYTES], object[256];
    if (bit != ROLE_BUSINESS && (!a->password || strlen(a->password) < ACCOUNT_MIN_PASSWORD)) return GH_EINVAL;
    if (bit != ROLE_BUSINESS && (rc = accountHash(hash, a->password))) return rc;
    const storeAccount na = {.username = a->username, .role = a->role, .department = department, .uscc = a->uscc,
                             .password_hash = bit != ROLE_BUSINESS ? hash : NULL};
    sbuf after;
    sbufInit(&after);
    sbufPuts(&after, "{\"role\":");
    jsonwString(&after, a->role);
    jsonwKey(&after, "department", 0);
    jsonwString(&after, department ? department : "");
    jsonwKey(&after, "uscc", 0);
    jsonwString(&after, a->uscc ? a->uscc : "");
    sbufPutc(&after, '}');
    snprintf(object, sizeof object, "account %s", a->username);
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = "user.add",
                          .object = object, .after = after.data};
    int64_t id;
    rc = after.failed ? GH_ENOMEM : storeBegin(s);
    if (!rc) rc = storeAccountAdd(s, &na, &id);
    if (!rc) rc = accountAudit(s, &e, now);
    rc = accountEnd(s, rc);
    sodium_memzero(hash, sizeof hash);
    sbufFree(&after);
    return rc;
}

/* Changes one account by name inside a transaction: the password when hash is given,
 * else the disabled flag; ends its sessions and audits the change. */
static int accountChange(store *s, const appActor *who, const char *username, const char *hash, bool disabled,
                         int64_t now) {
    char object[256];
    snprintf(object, sizeof object, "account %s", username);
    storeAccount acc;
    arena a;
    arenaInit(&a, 1024, 0);
    int rc = storeBegin(s);
    if (!rc) rc = accountRead(s, username, 0, NULL, &a, &acc);
    arenaFree(&a); /* only the id and the flag are kept */
    if (rc) return accountEnd(s, rc);
    const int64_t id = acc.id;
    const bool was = acc.disabled;
    rc = !hash && disabled ? accountLastAdmin(s, username) : 0; /* read under the write lock (decision 162) */
    if (rc) return accountEnd(s, rc > 0 ? GH_EREFUSED : rc);
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .object = object,
                          .action = hash ? "user.passwd" : disabled ? "user.disable" : "user.enable",
                          .before = hash ? NULL : was ? "{\"disabled\":true}" : "{\"disabled\":false}",
                          .after = hash ? NULL : disabled ? "{\"disabled\":true}" : "{\"disabled\":false}"};
    rc = hash ? storeAccountSetPassword(s, id, hash) : storeAccountSetDisabled(s, id, disabled);
    if (!rc) rc = storeSessionDeleteAccount(s, id);
    if (!rc) rc = accountAudit(s, &e, now);
    return accountEnd(s, rc);
}

int accountSetPassword(store *s, const appActor *who, const char *username, const char *password, int64_t now) {
    char hash[crypto_pwhash_STRBYTES];
    if (!password || strlen(password) < ACCOUNT_MIN_PASSWORD) return GH_EINVAL;
    int rc = accountHash(hash, password);
    if (!rc) rc = accountChange(s, who, username, hash, false, now);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

int accountSetDisabled(store *s, const appActor *who, const char *username, bool disabled, int64_t now) {
    return accountChange(s, who, username, NULL, disabled, now);
}

/* ---- signing in and out ---- */

int64_t accountDelaySeconds(int failures) {
    if (failures < ACCOUNT_FREE_FAILURES) return 0;
    int64_t d = 1;
    for (int i = ACCOUNT_FREE_FAILURES; i < failures && d < ACCOUNT_DELAY_MAX; i++) d *= 2;
    return d < ACCOUNT_DELAY_MAX ? d : ACCOUNT_DELAY_MAX;
}

/* Records a refused sign-in in its own transaction: its audit entry and, when id is
 * not 0, one more wrong password against that account, read again under the write
 * lock so that concurrent failures all count and the delay follows the count.
 * GH_ENOTFOUND (the refusal), or the store's failure (GH_EBUSY …) when it could not
 * be recorded: a failed attempt is never dropped silently. */
static int accountRefused(store *s, const char *client, const char *object, int64_t id, int64_t now) {
    const storeAudit e = {.actor = "anonymous", .role = "-", .client = client, .action = "login.failed",
                          .object = object};
    storeAccount acc;
    arena a;
    arenaInit(&a, 1024, 0);
    int rc = storeBeginWait(s, ACCOUNT_WRITE_WAIT_MS);
    if (!rc && id) rc = accountRead(s, NULL, id, NULL, &a, &acc);
    arenaFree(&a); /* only the count is kept */
    if (!rc && id)
        rc = storeAccountLoginResult(s, id, false, ACCOUNT_FREE_FAILURES,
                                     now + accountDelaySeconds(acc.failed_logins + 1));
    if (!rc) rc = accountAudit(s, &e, now);
    rc = accountEnd(s, rc);
    return rc ? rc : GH_ENOTFOUND;
}

/* Inside the caller's transaction: opens a session for who (token and CSRF token
 * drawn here) and audits the sign-in. */
static int accountOpen(store *s, appSession *who, const char *client, const char *object, int64_t now, int seconds,
                       char token[65]) {
    char hash[65];
    accountRandomHex(token);
    accountRandomHex(who->csrf);
    digestSha256Hex(token, 64, hash);
    const storeAudit e = {.actor = who->username, .role = who->role_name, .client = client, .action = "login",
                          .object = object};
    int rc = storeSessionAdd(s, hash, who->account_id, who->csrf, now, now + seconds);
    if (!rc) rc = accountAudit(s, &e, now);
    return rc;
}

int accountSignIn(store *s, const char *client, const char *username, const char *password, int64_t now, int seconds,
                  appSession *out, char token[65]) {
    char object[96];
    accountObject(object, sizeof object, "account ", username, 64);
    storeAccount acc;
    appSession who = {0};
    arena a;
    arenaInit(&a, 1024, 0);
    int rc = accountRead(s, username, 0, NULL, &a, &acc); /* a read: it does not wait for writers */
    if (rc && rc != GH_ENOTFOUND) {
        arenaFree(&a);
        return rc; /* the store failed: nothing to record as done */
    }
    /* May this account sign in with a password now? Not when unknown, disabled, a
     * business owner's (no password) or delayed after wrong passwords. Either way
     * exactly one verification runs, so the time tells nothing either. */
    const bool may = !rc && !acc.disabled && acc.password_hash && acc.locked_until <= now;
    const bool right = accountVerify(may ? acc.password_hash : accountDummyHash, password) && may;
    if (may) accountFill(&who, &acc);
    arenaFree(&a);
    if (!right) return accountRefused(s, client, object, may ? who.account_id : 0, now); /* only a wrong password counts */
    /* The password was checked without holding the write lock; the delay and the
     * disabled flag are checked again inside the transaction that opens the session. */
    arenaInit(&a, 1024, 0);
    rc = storeBeginWait(s, ACCOUNT_WRITE_WAIT_MS);
    if (!rc) rc = accountRead(s, NULL, who.account_id, NULL, &a, &acc);
    const bool late = !rc && (acc.locked_until > now || acc.disabled);
    arenaFree(&a);
    if (late) {
        (void)storeRollback(s);
        return accountRefused(s, client, object, 0, now);
    }
    if (!rc) rc = storeAccountLoginResult(s, who.account_id, true, ACCOUNT_FREE_FAILURES, 0);
    if (!rc) rc = accountOpen(s, &who, client, object, now, seconds, token);
    rc = accountEnd(s, rc);
    if (!rc) *out = who;
    else sodium_memzero(token, 65);
    return rc;
}

int accountSignInCode(store *s, const char *client, const char *uscc, const char *code, int64_t now, int seconds,
                      appSession *out, char token[65]) {
    char object[96], hash[65];
    accountObject(object, sizeof object, "business ", uscc, 20);
    if (!code || strlen(code) < 8) return accountRefused(s, client, object, 0, now);
    digestSha256Hex(code, strlen(code), hash);
    storeAccount acc;
    appSession who;
    arena a;
    arenaInit(&a, 1024, 0);
    int rc = storeBeginWait(s, ACCOUNT_WRITE_WAIT_MS);
    if (!rc) rc = accountRead(s, NULL, 0, uscc, &a, &acc);
    if (!rc) {
        accountFill(&who, &acc);
        rc = storeAccessCodeUse(s, hash, who.account_id, now); /* spent with the sign-in, or not at all */
    }
    arenaFree(&a);
    if (rc == GH_ENOTFOUND) {
        (void)storeRollback(s);
        return accountRefused(s, client, object, 0, now);
    }
    if (!rc) rc = accountOpen(s, &who, client, object, now, seconds, token);
    rc = accountEnd(s, rc);
    if (!rc) *out = who;
    else sodium_memzero(token, 65);
    return rc;
}

int accountSession(store *s, const char *token, int64_t now, appSession *out) {
    if (!token || strlen(token) != 64 || strspn(token, "0123456789abcdef") != 64) return GH_ENOTFOUND;
    char hash[65], csrf[65];
    int64_t id;
    digestSha256Hex(token, 64, hash);
    if (storeSessionGet(s, hash, now, &id, csrf)) return GH_ENOTFOUND;
    storeAccount acc;
    arena a;
    arenaInit(&a, 1024, 0);
    const int rc = accountRead(s, NULL, id, NULL, &a, &acc) || acc.disabled ? GH_ENOTFOUND : 0;
    if (!rc) accountFill(out, &acc);
    arenaFree(&a);
    if (!rc) memcpy(out->csrf, csrf, sizeof out->csrf);
    return rc;
}

int accountSignOut(store *s, const appSession *who, const char *client, const char *token, int64_t now) {
    char hash[65], object[96];
    assert(token);
    digestSha256Hex(token, strlen(token), hash);
    snprintf(object, sizeof object, "account %s", who->username);
    const storeAudit e = {.actor = who->username, .role = who->role_name, .client = client, .action = "logout",
                          .object = object};
    int rc = storeBeginWait(s, ACCOUNT_WRITE_WAIT_MS);
    if (!rc) rc = storeSessionDelete(s, hash);
    if (!rc) rc = accountAudit(s, &e, now);
    return accountEnd(s, rc);
}
