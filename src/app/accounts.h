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
 * or USCC + code) with failure counting and lockout, resolving a session token and
 * signing out. Each change writes its audit entry in the same transaction as the
 * change itself: a failed change is neither kept nor audited as done. The clock is
 * passed in (now, unix seconds). Passwords are Argon2id (libsodium); session tokens,
 * CSRF tokens and access codes are random, and only their SHA-256 is stored. */

#define ACCOUNT_MAX_FAILURES 5            /* wrong passwords in a row that lock an account */
#define ACCOUNT_LOCK_SECONDS (15 * 60)
#define ACCOUNT_MIN_PASSWORD 10           /* characters */
#define ACCOUNT_CODE_LEN 16

/* A signed-in account, copied out of the store. */
typedef struct appSession {
    int64_t account_id;
    char username[64], role_name[16], uscc[19], department[64];
    unsigned role; /* ROLE_* bit */
    char csrf[65]; /* the token state-changing requests echo */
} appSession;

/* A new account: department for role department (aliases are stored under the full
 * name), uscc for role business, password for every role but business (which signs
 * in with access codes only). */
typedef struct appNewAccount { const char *username, *role, *department, *uscc, *password; } appNewAccount;

/* Whether a new account's role, department and uscc fit together, before a password
 * is asked for. 0; GH_EINVAL for an unknown role, a department account without a
 * department or a business account without a valid USCC; GH_ENOTFOUND for an
 * unknown department. */
int accountCheck(const char *role, const char *department, const char *uscc);
/* Adds the account (audited "user.add" by who). The accountCheck codes; GH_EINVAL
 * also when the password is short or the username taken; GH_ENOMEM when hashing
 * fails; another GH_E* from the store. storeError says why for store failures. */
int accountAdd(store *s, const appActor *who, const appNewAccount *a, int64_t now);
/* Sets the password (audited "user.passwd") and ends the account's sessions.
 * GH_ENOTFOUND for an unknown username; GH_EINVAL short; GH_ENOMEM; store codes. */
int accountSetPassword(store *s, const appActor *who, const char *username, const char *password, int64_t now);
/* Disables or enables the account (audited "user.disable" / "user.enable" with the
 * state before and after) and ends its sessions. GH_ENOTFOUND; store codes. */
int accountSetDisabled(store *s, const appActor *who, const char *username, bool disabled, int64_t now);
/* Issues a one-time access code for the business account bound to uscc, valid for
 * days (audited "user.code"). code receives ACCOUNT_CODE_LEN characters without
 * look-alikes and a NUL; the caller shows it once and wipes it. GH_ENOTFOUND when
 * no business account is bound to uscc; store codes. */
int accountIssueCode(store *s, const appActor *who, const char *uscc, int days, int64_t now,
                     char code[ACCOUNT_CODE_LEN + 1]);

/* Signs in with a username and password: on success a new session lasting seconds,
 * *out filled and token (64 hex digits, for the cookie) written; audited "login".
 * A wrong name, a wrong password and a disabled account all give GH_ENOTFOUND after
 * the same Argon2id work; five wrong passwords in a row lock the account
 * (GH_ERANGE while locked). Every refusal is audited "login.failed" (actor
 * "anonymous") together with the failure count. GH_EIO and the like when the store
 * fails: nothing is then recorded as done. client is the caller's address. */
int accountSignIn(store *s, const char *client, const char *username, const char *password, int64_t now, int seconds,
                  appSession *out, char token[65]);
/* Signs a business owner in with its USCC and a one-time code, which is spent in
 * the same transaction. GH_ENOTFOUND for any refusal (audited "login.failed"). */
int accountSignInCode(store *s, const char *client, const char *uscc, const char *code, int64_t now, int seconds,
                      appSession *out, char token[65]);
/* The live session of a cookie token at now. GH_ENOTFOUND when there is none, it
 * has expired or its account is disabled. Reads only. */
int accountSession(store *s, const char *token, int64_t now, appSession *out);
/* Ends the session of token (audited "logout" by who). Store codes. */
int accountSignOut(store *s, const appSession *who, const char *client, const char *token, int64_t now);
#endif
