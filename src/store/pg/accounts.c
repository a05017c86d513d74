/* Accounts, sessions and one-time access codes (PostgreSQL; mirrors sqlite/accounts.c). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

enum {
    ST_ADD = PG_ST_ACCOUNTS, ST_BY_NAME, ST_BY_USCC, ST_BY_ID, ST_PASSWORD, ST_DISABLED, ST_LOGIN_OK, ST_EACH,
    ST_SESSION_ADD, ST_SESSION_SWEEP, ST_SESSION_GET, ST_SESSION_DELETE, ST_SESSION_DELETE_ACCOUNT, ST_CODE_ADD,
    ST_CODE_USE
};

#define ACCOUNT_COLS "SELECT id,username,role,department,uscc,password_hash,disabled::int,failed_logins," \
                     "locked_until," PG_TIME_TEXT("created_at") "," PG_TIME_TEXT("last_login_at") " FROM accounts "

/* Fills a from row of r; strings copied into ar, or r's own when ar is NULL. */
static void accountRow(PGresult *r, int row, arena *ar, storeAccount *a) {
    a->id = pgInt(r, row, 0);
    const char **text[] = {&a->username, &a->role, &a->department, &a->uscc, &a->password_hash};
    for (int i = 0; i < 5; i++) *text[i] = ar ? pgDup(ar, r, row, 1 + i) : pgText(r, row, 1 + i);
    a->disabled = pgInt(r, row, 6) != 0;
    a->failed_logins = (int)pgInt(r, row, 7);
    a->locked_until = pgInt(r, row, 8);
    a->created_at = ar ? pgDup(ar, r, row, 9) : pgText(r, row, 9);
    a->last_login_at = ar ? pgDup(ar, r, row, 10) : pgText(r, row, 10);
}

static int pgAccountAdd(storeBackend *b, const storeAccount *a, int64_t *id) {
    const char *v[] = {a->username, a->role, a->department, a->uscc, a->password_hash};
    int code;
    PGresult *r = pgQuery(PG(b), ST_ADD,
                          "INSERT INTO accounts(username,role,department,uscc,password_hash,created_at) "
                          "VALUES($1,$2,$3,$4,$5,now()) RETURNING id",
                          5, v, &code, "accounts");
    if (!r && code == GH_EINVAL) /* a constraint: the name's uniqueness or the role's check */
        return storeErrSet(b->err, GH_EINVAL, "username",
                           "用户名 %s 已存在，或角色无效 (username taken or role invalid)", a->username);
    if (!r) return code;
    *id = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

/* One account by the prepared query k (sql: ACCOUNT_COLS and a WHERE on $1). */
static int accountQuery(pgStore *p, int k, const char *sql, const char *key, arena *a, storeAccount *out) {
    const char *v[] = {key};
    int code;
    PGresult *r = pgQuery(p, k, sql, 1, v, &code, "accounts");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) accountRow(r, 0, a, out);
    PQclear(r);
    return found ? 0 : storeErrSet(p->base.err, GH_ENOTFOUND, "username", "没有该用户 (no such account)");
}

static int pgAccountGet(storeBackend *b, const char *username, arena *a, storeAccount *out) {
    return accountQuery(PG(b), ST_BY_NAME, ACCOUNT_COLS "WHERE username=$1", username, a, out);
}

static int pgAccountByUscc(storeBackend *b, const char *uscc, arena *a, storeAccount *out) {
    return accountQuery(PG(b), ST_BY_USCC,
                        ACCOUNT_COLS "WHERE role='business' AND uscc=$1 AND disabled::int=0 ORDER BY id LIMIT 1", uscc,
                        a, out);
}

static int pgAccountById(storeBackend *b, int64_t id, arena *a, storeAccount *out) {
    char buf[24];
    return accountQuery(PG(b), ST_BY_ID, ACCOUNT_COLS "WHERE id=$1::bigint", pgI64(buf, id), a, out);
}

static int pgAccountSetPassword(storeBackend *b, int64_t id, const char *hash) {
    char buf[24];
    const char *v[] = {pgI64(buf, id), hash};
    return pgCmd(PG(b), ST_PASSWORD, "UPDATE accounts SET password_hash=$2, failed_logins=0, locked_until=0 WHERE id=$1",
                 2, v, NULL, "update");
}

static int pgAccountSetDisabled(storeBackend *b, int64_t id, bool disabled) {
    char buf[24];
    const char *v[] = {pgI64(buf, id), disabled ? "1" : "0"};
    return pgCmd(PG(b), ST_DISABLED, "UPDATE accounts SET disabled=$2 WHERE id=$1", 2, v, NULL, "update");
}

static int pgAccountLoginResult(storeBackend *b, int64_t id, bool ok, int max_failures, int64_t lock_until) {
    char buf[24], until[24];
    const char *v[] = {pgI64(buf, id), pgI64(until, lock_until)};
    if (ok)
        return pgCmd(PG(b), ST_LOGIN_OK,
                     "UPDATE accounts SET failed_logins=0, locked_until=0, last_login_at=now() WHERE id=$1", 1, v,
                     NULL, "update");
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE accounts SET failed_logins=failed_logins+1, "
             "locked_until=CASE WHEN failed_logins+1>=%d THEN $2::bigint ELSE locked_until END WHERE id=$1::bigint",
             max_failures);
    return pgCmd(PG(b), -1, sql, 2, v, NULL, "update");
}

/* The accounts are few: read whole, then handed out. */
static int pgEachAccount(storeBackend *b, storeAccountFn fn, void *ctx) {
    int code, k = 0;
    PGresult *r = pgQuery(PG(b), ST_EACH, ACCOUNT_COLS "ORDER BY id", 0, NULL, &code, "accounts");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) {
        storeAccount a;
        accountRow(r, i, NULL, &a);
        k = fn(ctx, &a);
    }
    PQclear(r);
    return k;
}

static int pgSessionAdd(storeBackend *b, const char *token_hash, int64_t account_id, const char *csrf, int64_t now,
                        int64_t expires) {
    char id[24], n[24], e[24];
    const char *v[] = {token_hash, pgI64(id, account_id), csrf, pgI64(n, now), pgI64(e, expires)};
    int rc = pgCmd(PG(b), ST_SESSION_ADD,
                   "INSERT INTO sessions(token_hash,account_id,csrf,created_at,expires_at) VALUES($1,$2,$3,$4,$5)", 5,
                   v, NULL, "sessions");
    /* expired sessions are swept as new ones come in */
    if (!rc) rc = pgCmd(PG(b), ST_SESSION_SWEEP, "DELETE FROM sessions WHERE expires_at<=$1", 1, v + 3, NULL, "update");
    return rc;
}

static int pgSessionGet(storeBackend *b, const char *token_hash, int64_t now, int64_t *account_id, char csrf[65]) {
    char n[24];
    const char *v[] = {token_hash, pgI64(n, now)};
    int code;
    PGresult *r = pgQuery(PG(b), ST_SESSION_GET,
                          "SELECT account_id, csrf FROM sessions WHERE token_hash=$1 AND expires_at>$2", 2, v, &code,
                          "sessions");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) {
        *account_id = pgInt(r, 0, 0);
        snprintf(csrf, 65, "%s", pgText(r, 0, 1) ? pgText(r, 0, 1) : "");
    }
    PQclear(r);
    return found ? 0 : storeErrSet(b->err, GH_ENOTFOUND, "session", "会话不存在或已过期 (no live session)");
}

static int pgSessionDelete(storeBackend *b, const char *token_hash) {
    const char *v[] = {token_hash};
    return pgCmd(PG(b), ST_SESSION_DELETE, "DELETE FROM sessions WHERE token_hash=$1", 1, v, NULL, "sessions");
}

static int pgSessionDeleteAccount(storeBackend *b, int64_t account_id) {
    char id[24];
    const char *v[] = {pgI64(id, account_id)};
    return pgCmd(PG(b), ST_SESSION_DELETE_ACCOUNT, "DELETE FROM sessions WHERE account_id=$1", 1, v, NULL, "update");
}

static int pgAccessCodeAdd(storeBackend *b, const char *code_hash, int64_t account_id, int64_t expires,
                           const char *issued_by) {
    char id[24], e[24];
    const char *v[] = {code_hash, pgI64(id, account_id), pgI64(e, expires), issued_by};
    return pgCmd(PG(b), ST_CODE_ADD,
                 "INSERT INTO access_codes(code_hash,account_id,expires_at,issued_by) VALUES($1,$2,$3,$4)", 4, v, NULL,
                 "access_codes");
}

static int pgAccessCodeUse(storeBackend *b, const char *code_hash, int64_t account_id, int64_t now) {
    char id[24], n[24];
    const char *v[] = {code_hash, pgI64(id, account_id), pgI64(n, now)};
    int64_t changed = 0;
    const int rc = pgCmd(PG(b), ST_CODE_USE,
                         "UPDATE access_codes SET used_at=$3 WHERE code_hash=$1 AND account_id=$2 AND used_at IS NULL "
                         "AND expires_at>$3",
                         3, v, &changed, "access_codes");
    if (rc) return rc;
    if (changed == 1) return 0;
    return storeErrSet(b->err, GH_ENOTFOUND, "code", "访问码无效、已过期或已使用 (invalid, expired or spent code)");
}

void pgAccountsInstall(storeBackend *b) {
    b->accountAdd = pgAccountAdd;
    b->accountGet = pgAccountGet;
    b->accountById = pgAccountById;
    b->accountByUscc = pgAccountByUscc;
    b->accountSetPassword = pgAccountSetPassword;
    b->accountSetDisabled = pgAccountSetDisabled;
    b->accountLoginResult = pgAccountLoginResult;
    b->eachAccount = pgEachAccount;
    b->sessionAdd = pgSessionAdd;
    b->sessionGet = pgSessionGet;
    b->sessionDelete = pgSessionDelete;
    b->sessionDeleteAccount = pgSessionDeleteAccount;
    b->accessCodeAdd = pgAccessCodeAdd;
    b->accessCodeUse = pgAccessCodeUse;
}
