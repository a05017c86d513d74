#ifndef GETIHU_APP_ACCOUNTS_H
#define GETIHU_APP_ACCOUNTS_H
#include <stdbool.h>
#include <stdint.h>
#include "app/roles.h"
#include "app/run.h"
#include "store/store.h"

/* Accounts as use cases, shared by `getihu user` and the server's session routes
 * (docs/decisions.md §34-39): adding an account, setting a password, disabling and
 * enabling, issuing a business owner's one-time access code, signing in (password,
 * or USCC + code) with failure counting and growing delays, resolving a session
 * token and signing out. Each change writes its audit entry in the same transaction
 * as the change itself: a failed change is neither kept nor audited as done, and a
 * store held by another writer gives GH_EBUSY ("try again"), never a refusal. The
 * clock is passed in (now, unix seconds). Passwords are Argon2id (libsodium);
 * session tokens, CSRF tokens and access codes are random, and only their SHA-256
 * is stored. */

#define ACCOUNT_FREE_FAILURES 5           /* wrong passwords in a row before sign-in is delayed */
#define ACCOUNT_DELAY_MAX (15 * 60)       /* the longest delay, seconds */
#define ACCOUNT_MIN_PASSWORD 10           /* characters */
#define ACCOUNT_NAME_MAX 63               /* bytes of a username (appSession.username holds it) */
#define ACCOUNT_CODE_LEN 16
#define ACCOUNT_WRITE_WAIT_MS 1000        /* sign-in and sign-out wait this long for another writer, then GH_EBUSY */

/* A signed-in account, copied out of the store. */
typedef struct appSession {
    int64_t account_id;
    char username[64], role_name[16], uscc[19], department[64];
    unsigned role; /* ROLE_* bit */
    char csrf[65]; /* the token state-changing requests echo */
} appSession;

/* A new account: department for role department (aliases are stored under the full
 * name) and the bank's name for role bank (kept in the same field, decision 110),
 * uscc for role business, password for every role but business (which signs
 * in with access codes only). */
/* department: the department, or the town of a town account (decision 91). */
typedef struct appNewAccount { const char *username, *role, *department, *uscc, *password; } appNewAccount;

/* Whether username may name an account: 1 to ACCOUNT_NAME_MAX bytes of UTF-8 with no
 * control character (newline, ESC …), no line separator and no bidirectional control
 * (utf8Plain), so that no name can print a line of its own in the audit trail.
 * 0 or GH_EINVAL. */
int accountCheckName(const char *username);
/* Whether a new account's role, department and uscc fit together, before a password
 * is asked for. 0; GH_EINVAL for an unknown role, a department account without a
 * department, a business account without a valid USCC or a town account whose
 * department (its town, decision 91) is not a town's name; GH_ENOTFOUND for an
 * unknown department. */
int accountCheck(const char *role, const char *department, const char *uscc);
/* Adds the account (audited "user.add" by who). The accountCheck codes; GH_EINVAL
 * also when the username is refused by accountCheckName, the password is short or
 * the username taken; GH_ENOMEM when hashing
 * fails; another GH_E* from the store. storeError says why for store failures. */
int accountAdd(store *s, const appActor *who, const appNewAccount *a, int64_t now);
/* Sets the password (audited "user.passwd") and ends the account's sessions.
 * GH_ENOTFOUND for an unknown username; GH_EINVAL short; GH_ENOMEM; store codes. */
int accountSetPassword(store *s, const appActor *who, const char *username, const char *password, int64_t now);
/* Disables or enables the account (audited "user.disable" / "user.enable" with the
 * state before and after) and ends its sessions. GH_ENOTFOUND; GH_EREFUSED to
 * disable the last enabled administrator (decision 162); store codes. */
int accountSetDisabled(store *s, const appActor *who, const char *username, bool disabled, int64_t now);
/* Issues a one-time access code for the business account bound to uscc, valid for
 * days (audited "user.code", decision 38). code receives ACCOUNT_CODE_LEN characters
 * without look-alikes and a NUL; the caller shows it once and wipes it. Any unused
 * earlier code of the account stops working (decision 160). GH_ENOTFOUND when no
 * business account is bound to uscc; store codes. (app/access_codes.c) */
int accountIssueCode(store *s, const appActor *who, const char *uscc, int days, int64_t now,
                     char code[ACCOUNT_CODE_LEN + 1]);

/* Signs in with a username and password: on success a new session lasting seconds,
 * *out filled and token (64 hex digits, for the cookie) written; audited "login".
 * Every refusal is GH_ENOTFOUND, after exactly one Argon2id verification (against
 * a fixed dummy hash when the name is unknown, the account disabled or a business
 * owner's, or sign-in delayed), so that neither the answer nor the time tells which
 * names exist; each is audited "login.failed" (actor "anonymous"). A wrong password
 * counts against the account: from the ACCOUNT_FREE_FAILURES-th failure in a row
 * on, the account refuses sign-in for accountDelaySeconds(failures) (attempts then
 * are refused unchecked and not counted); a success clears the count. GH_EBUSY
 * when the store is held by another writer past its wait, GH_EIO and the like when
 * it fails: nothing is then recorded, neither a sign-in nor a failure. client is
 * the caller's address. */
int accountSignIn(store *s, const char *client, const char *username, const char *password, int64_t now, int seconds,
                  appSession *out, char token[65]);
/* The delay after failures wrong passwords in a row: 0 below ACCOUNT_FREE_FAILURES,
 * then 1, 2, 4 … seconds, at most ACCOUNT_DELAY_MAX. */
int64_t accountDelaySeconds(int failures);
/* How many Argon2id verifications this process has run (for tests: every password
 * sign-in runs exactly one, whatever its outcome). */
unsigned long accountVerifications(void);
/* Signs a business owner in with its USCC and a one-time code, which is spent in
 * the same transaction. GH_ENOTFOUND for any refusal (audited "login.failed");
 * GH_EBUSY and store codes as for accountSignIn. */
int accountSignInCode(store *s, const char *client, const char *uscc, const char *code, int64_t now, int seconds,
                      appSession *out, char token[65]);
/* The live session of a cookie token at now. GH_ENOTFOUND when there is none, it
 * has expired or its account is disabled. Reads only. */
int accountSession(store *s, const char *token, int64_t now, appSession *out);
/* Ends the session of token (audited "logout" by who). Store codes: GH_EBUSY when
 * another writer holds the store, and then the session is still valid and nothing
 * is audited. */
int accountSignOut(store *s, const appSession *who, const char *client, const char *token, int64_t now);

/* ---- the console's account work (issue 11 §2): app/access_codes.c, app/accounts_admin.c ---- */
#define ACCOUNT_GENERATED_LEN 16 /* characters of a generated password */
/* A code issued from the console, with what the owner's slip prints. */
typedef struct appIssuedCode {
    char code[ACCOUNT_CODE_LEN + 1];
    char name[256];   /* the business's name as registered ("" when it has none) */
    int64_t expires;  /* unix seconds */
    bool created;     /* the owner's account was made now (decision 161) */
    int revoked;      /* unused earlier codes that stopped working */
} appIssuedCode;
/* Issues an owner's access code for the business uscc from the console: creates the
 * business account (username: the USCC, decision 161; audited "user.add") when none
 * is bound to it, then issues as accountIssueCode, all in one transaction.
 * GH_EINVAL for a malformed USCC or a name taken by another account; GH_EREFUSED
 * when the business's owner account is disabled, whatever its name (decision 212);
 * GH_ENOTFOUND when the directory has no such business; store codes. The
 * caller wipes out->code. */
int accountIssueOwnerCode(store *s, const appActor *who, const char *uscc, int days, int64_t now,
                          appIssuedCode *out);
/* Disables or enables an account as accountSetDisabled, and also refuses (GH_EREFUSED)
 * to disable the account who signed in with (who->role not "cli"), decision 162. */
int accountSetDisabledChecked(store *s, const appActor *who, const char *username, bool disabled, int64_t now);
/* 1 when username names the only enabled administrator, 0 when not, or a store
 * code. Called inside the disabling's write transaction, so that two administrators
 * disabling each other cannot both succeed. */
int accountLastAdmin(store *s, const char *username);
/* A random password of ACCOUNT_GENERATED_LEN characters without look-alikes, to be
 * shown once. */
void accountGeneratePassword(char out[ACCOUNT_GENERATED_LEN + 1]);
#endif
