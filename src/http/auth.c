#include "http/auth.h"
#include "app/digest.h"
#include "core/error.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

void authTokenHash(const char *token, char out[65]) { digestSha256Hex(token, strlen(token), out); }

int authLogin(store *s, const char *username, const char *password, int64_t now, arena *ar, storeAccount *a) {
    if (storeAccountGet(s, username, ar, a)) {
        /* Spend the same work as a real check, so timing does not tell which names exist. */
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(dummy, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            return GH_ENOMEM;
        return GH_ENOTFOUND;
    }
    if (a->locked_until > now) return GH_ERANGE;
    if (a->disabled || !a->password_hash) return GH_EINVAL;
    const int64_t id = a->id;
    const bool ok = crypto_pwhash_str_verify(a->password_hash, password, strlen(password)) == 0;
    if (storeAccountLoginResult(s, id, ok, AUTH_MAX_FAILURES, now + AUTH_LOCK_SECONDS)) return GH_EIO;
    if (!ok) return GH_ENOTFOUND;
    return storeAccountById(s, id, ar, a); /* the update changed the counters */
}

static void authRandomHex(char out[65]) {
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, 65, b, sizeof b);
}

int authSessionCreate(store *s, int64_t account_id, int64_t now, int seconds, char token[65], char csrf[65]) {
    char hash[65];
    authRandomHex(token);
    authRandomHex(csrf);
    authTokenHash(token, hash);
    return storeSessionAdd(s, hash, account_id, csrf, now, now + seconds);
}

int authSessionLoad(store *s, const char *token, int64_t now, authSession *out) {
    if (!token || strlen(token) != 64 || strspn(token, "0123456789abcdef") != 64) return GH_ENOTFOUND;
    char hash[65];
    authTokenHash(token, hash);
    memset(out, 0, sizeof *out);
    if (storeSessionGet(s, hash, now, &out->account_id, out->csrf)) return GH_ENOTFOUND;
    storeAccount a;
    arena ar;
    arenaInit(&ar, 1024, 0);
    if (storeAccountById(s, out->account_id, &ar, &a) || a.disabled) {
        arenaFree(&ar);
        return GH_ENOTFOUND;
    }
    snprintf(out->username, sizeof out->username, "%s", a.username);
    snprintf(out->role_name, sizeof out->role_name, "%s", a.role);
    snprintf(out->uscc, sizeof out->uscc, "%s", a.uscc ? a.uscc : "");
    snprintf(out->department, sizeof out->department, "%s", a.department ? a.department : "");
    out->role = roleBit(a.role);
    arenaFree(&ar);
    return 0;
}

int authLoginCode(store *s, const char *uscc, const char *code, int64_t now, arena *ar, storeAccount *a) {
    char hash[65];
    if (!code || strlen(code) < 8 || storeAccountByUscc(s, uscc, ar, a)) return GH_ENOTFOUND;
    const int64_t id = a->id;
    authTokenHash(code, hash);
    if (storeAccessCodeUse(s, hash, id, now)) return GH_ENOTFOUND;
    return storeAccountById(s, id, ar, a);
}
