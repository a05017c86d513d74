#ifndef GETIHU_HTTP_AUTH_H
#define GETIHU_HTTP_AUTH_H
#include <stdbool.h>
#include <stdint.h>
#include "app/roles.h"
#include "store/store.h"

/* Sessions: a random 256-bit token in an HttpOnly, SameSite=Strict cookie; the
 * store keeps only its SHA-256, with a CSRF token that every state-changing request
 * must echo in X-CSRF-Token. Passwords are Argon2id (libsodium). */

#define AUTH_COOKIE "getihu_session"
#define AUTH_SESSION_SECONDS (8 * 3600)
#define AUTH_MAX_FAILURES 5
#define AUTH_LOCK_SECONDS (15 * 60)

typedef struct authSession {
    int64_t account_id;
    char username[64], role_name[16], uscc[19], department[64];
    unsigned role;
    char csrf[65];
} authSession;

/* The SHA-256 of a token, hex. */
void authTokenHash(const char *token, char out[65]);
/* Checks username/password. 0 and *a on success; GH_ENOTFOUND for a wrong name
 * or password (callers answer the same for both), GH_ERANGE while locked,
 * GH_EINVAL when disabled. Records failures (and locks) in the store. The strings
 * of *a are copied into ar. */
int authLogin(store *s, const char *username, const char *password, int64_t now, arena *ar, storeAccount *a);
/* A business owner's sign-in: the account bound to uscc and a one-time code, which
 * is spent. 0 and *a; GH_ENOTFOUND otherwise (one answer for every failure). */
int authLoginCode(store *s, const char *uscc, const char *code, int64_t now, arena *ar, storeAccount *a);
/* Creates a session: token (hex, for the cookie) and CSRF token out. */
int authSessionCreate(store *s, int64_t account_id, int64_t now, int seconds, char token[65], char csrf[65]);
/* Resolves a cookie token into a session. GH_ENOTFOUND when none is live. */
int authSessionLoad(store *s, const char *token, int64_t now, authSession *out);
#endif
