/* Accounts, sessions and one-time access codes. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

#define ACCOUNT_COLS "SELECT id,username,role,department,uscc,password_hash,disabled,failed_logins,locked_until,created_at,last_login_at FROM accounts "

/* Fills a from the row under st; strings copied into ar, or the statement's own when ar is NULL. */
static void accountRow(sqlite3_stmt *st, arena *ar, storeAccount *a) {
    a->id = sqlite3_column_int64(st, 0);
    const char **text[] = {&a->username, &a->role, &a->department, &a->uscc, &a->password_hash};
    for (int i = 0; i < 5; i++) *text[i] = ar ? sqlDup(ar, st, 1 + i) : sqlColText(st, 1 + i);
    a->disabled = sqlite3_column_int(st, 6);
    a->failed_logins = sqlite3_column_int(st, 7);
    a->locked_until = sqlite3_column_int64(st, 8);
    a->created_at = ar ? sqlDup(ar, st, 9) : sqlColText(st, 9);
    a->last_login_at = ar ? sqlDup(ar, st, 10) : sqlColText(st, 10);
}

static int sqliteAccountAdd(storeBackend *b, const storeAccount *a, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO accounts(username,role,department,uscc,password_hash,created_at) "
                      "VALUES(?1,?2,?3,?4,?5," TIME_NOW ")", &st, "accounts"))
        return GH_EIO;
    sqlBindText(st, 1, a->username);
    sqlBindText(st, 2, a->role);
    sqlBindText(st, 3, a->department);
    sqlBindText(st, 4, a->uscc);
    sqlBindText(st, 5, a->password_hash);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT)
        return storeErrSet(q->base.err, GH_EINVAL, "username",
                           "用户名 %s 已存在，或角色无效 (username taken or role invalid)", a->username);
    if (rc != SQLITE_DONE) return sqlFail(q, "accounts");
    *id = sqlite3_last_insert_rowid(q->db);
    return 0;
}

/* One account by the cached query k (sql: ACCOUNT_COLS and a WHERE), bound to name or id. */
static int accountQuery(sqliteStore *q, sqlStmt k, const char *sql, int64_t id, const char *name, arena *a,
                        storeAccount *out) {
    sqlite3_stmt *st = sqlSt(q, k, sql);
    if (!st) return GH_EIO;
    if (name) sqlBindText(st, 1, name);
    else sqlite3_bind_int64(st, 1, id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) return storeErrSet(q->base.err, GH_ENOTFOUND, "username", "没有该用户 (no such account)");
    if (rc != SQLITE_ROW) return sqlFail(q, "accounts");
    accountRow(st, a, out);
    sqlite3_reset(st); /* the strings are copied: end the read now */
    return 0;
}

static int sqliteAccountGet(storeBackend *b, const char *username, arena *a, storeAccount *out) {
    return accountQuery(SQ(b), SQ_ACCOUNT_BY_NAME, ACCOUNT_COLS "WHERE username=?1", 0, username, a, out);
}

static int sqliteAccountByUscc(storeBackend *b, const char *uscc, arena *a, storeAccount *out) {
    return accountQuery(SQ(b), SQ_ACCOUNT_BY_USCC,
                        ACCOUNT_COLS "WHERE role='business' AND uscc=?1 AND disabled=0 ORDER BY id LIMIT 1", 0, uscc, a, out);
}

static int sqliteAccountById(storeBackend *b, int64_t id, arena *a, storeAccount *out) {
    return accountQuery(SQ(b), SQ_ACCOUNT_BY_ID, ACCOUNT_COLS "WHERE id=?1", id, NULL, a, out);
}

/* Runs a one-off statement with ?1, ?2 bound to integers and ?3 to text (when given). */
static int accountExec(sqliteStore *q, const char *sql, int64_t a, int64_t b, const char *text) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, sql, &st, "prepare")) return GH_EIO;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    if (text) sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sqlFail(q, "update");
}

static int sqliteAccountSetPassword(storeBackend *b, int64_t id, const char *hash) {
    return accountExec(SQ(b), "UPDATE accounts SET password_hash=?3, failed_logins=0, locked_until=0 WHERE id=?1 AND ?2=?2",
                       id, 0, hash);
}

static int sqliteAccountSetDisabled(storeBackend *b, int64_t id, bool disabled) {
    return accountExec(SQ(b), "UPDATE accounts SET disabled=?2 WHERE id=?1", id, disabled, NULL);
}

static int sqliteAccountLoginResult(storeBackend *b, int64_t id, bool ok, int max_failures, int64_t lock_until) {
    if (ok)
        return accountExec(SQ(b), "UPDATE accounts SET failed_logins=0, locked_until=0, last_login_at=" TIME_NOW " WHERE id=?1 AND ?2=?2", id, 0,
                           NULL);
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE accounts SET failed_logins=failed_logins+1, "
             "locked_until=CASE WHEN failed_logins+1>=%d THEN ?2 ELSE locked_until END WHERE id=?1", max_failures);
    return accountExec(SQ(b), sql, id, lock_until, NULL);
}

static int sqliteEachAccount(storeBackend *b, storeAccountFn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), ACCOUNT_COLS "ORDER BY id", &st, "accounts")) return GH_EIO;
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeAccount a;
        accountRow(st, NULL, &a);
        k = fn(ctx, &a);
    }
    sqlite3_finalize(st);
    return sqlEnd(SQ(b), rc, k, "accounts");
}

static int sqliteSessionAdd(storeBackend *b, const char *token_hash, int64_t account_id, const char *csrf,
                            int64_t now, int64_t expires) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO sessions VALUES(?1,?2,?3,?4,?5)", &st, "sessions")) return GH_EIO;
    sqlBindText(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, account_id);
    sqlBindText(st, 3, csrf);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, expires);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    /* expired sessions are swept as new ones come in */
    if (rc == SQLITE_DONE) return accountExec(q, "DELETE FROM sessions WHERE expires_at<=?1 AND ?2=?2", now, 0, NULL);
    return sqlFail(q, "sessions");
}

static int sqliteSessionGet(storeBackend *b, const char *token_hash, int64_t now, int64_t *account_id, char csrf[65]) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st =
        sqlSt(q, SQ_SESSION_GET, "SELECT account_id, csrf FROM sessions WHERE token_hash=?1 AND expires_at>?2");
    if (!st) return GH_EIO;
    sqlBindText(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, now);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) return storeErrSet(q->base.err, GH_ENOTFOUND, "session", "会话不存在或已过期 (no live session)");
    if (rc != SQLITE_ROW) return sqlFail(q, "sessions");
    *account_id = sqlite3_column_int64(st, 0);
    snprintf(csrf, 65, "%s", sqlColText(st, 1));
    return 0;
}

static int sqliteSessionDelete(storeBackend *b, const char *token_hash) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "DELETE FROM sessions WHERE token_hash=?1", &st, "sessions")) return GH_EIO;
    sqlBindText(st, 1, token_hash);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sqlFail(SQ(b), "sessions");
}

static int sqliteSessionDeleteAccount(storeBackend *b, int64_t account_id) {
    return accountExec(SQ(b), "DELETE FROM sessions WHERE account_id=?1 AND ?2=?2", account_id, 0, NULL);
}

static int sqliteAccessCodeAdd(storeBackend *b, const char *code_hash, int64_t account_id, int64_t expires,
                               const char *issued_by) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "INSERT INTO access_codes(code_hash,account_id,expires_at,issued_by) VALUES(?1,?2,?3,?4)", &st,
                   "access_codes"))
        return GH_EIO;
    sqlBindText(st, 1, code_hash);
    sqlite3_bind_int64(st, 2, account_id);
    sqlite3_bind_int64(st, 3, expires);
    sqlBindText(st, 4, issued_by);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sqlFail(SQ(b), "access_codes");
}

static int sqliteAccessCodeUse(storeBackend *b, const char *code_hash, int64_t account_id, int64_t now) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "UPDATE access_codes SET used_at=?3 WHERE code_hash=?1 AND account_id=?2 AND used_at IS NULL "
                      "AND expires_at>?3", &st, "access_codes"))
        return GH_EIO;
    sqlBindText(st, 1, code_hash);
    sqlite3_bind_int64(st, 2, account_id);
    sqlite3_bind_int64(st, 3, now);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return sqlFail(q, "access_codes");
    if (sqlite3_changes(q->db) == 1) return 0;
    return storeErrSet(q->base.err, GH_ENOTFOUND, "code", "访问码无效、已过期或已使用 (invalid, expired or spent code)");
}

void sqliteAccountsInstall(storeBackend *b) {
    b->accountAdd = sqliteAccountAdd;
    b->accountGet = sqliteAccountGet;
    b->accountById = sqliteAccountById;
    b->accountByUscc = sqliteAccountByUscc;
    b->accountSetPassword = sqliteAccountSetPassword;
    b->accountSetDisabled = sqliteAccountSetDisabled;
    b->accountLoginResult = sqliteAccountLoginResult;
    b->eachAccount = sqliteEachAccount;
    b->sessionAdd = sqliteSessionAdd;
    b->sessionGet = sqliteSessionGet;
    b->sessionDelete = sqliteSessionDelete;
    b->sessionDeleteAccount = sqliteSessionDeleteAccount;
    b->accessCodeAdd = sqliteAccessCodeAdd;
    b->accessCodeUse = sqliteAccessCodeUse;
}
