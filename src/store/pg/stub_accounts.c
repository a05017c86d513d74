/* STUB (issue 12): the PostgreSQL backend's accounts functions until accounts.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * accounts.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_accountAdd(storeBackend *b, const storeAccount *a, int64_t *id) {
    (void)a; (void)id;
    return pgNotYet(b, "accountAdd");
}
static int stub_accountGet(storeBackend *b, const char *username, arena *a, storeAccount *out) {
    (void)username; (void)a; (void)out;
    return pgNotYet(b, "accountGet");
}
static int stub_accountById(storeBackend *b, int64_t id, arena *a, storeAccount *out) {
    (void)id; (void)a; (void)out;
    return pgNotYet(b, "accountById");
}
static int stub_accountByUscc(storeBackend *b, const char *uscc, arena *a, storeAccount *out) {
    (void)uscc; (void)a; (void)out;
    return pgNotYet(b, "accountByUscc");
}
static int stub_accountSetPassword(storeBackend *b, int64_t id, const char *password_hash) {
    (void)id; (void)password_hash;
    return pgNotYet(b, "accountSetPassword");
}
static int stub_accountSetDisabled(storeBackend *b, int64_t id, bool disabled) {
    (void)id; (void)disabled;
    return pgNotYet(b, "accountSetDisabled");
}
static int stub_accountLoginResult(storeBackend *b, int64_t id, bool ok, int max_failures, int64_t lock_until) {
    (void)id; (void)ok; (void)max_failures; (void)lock_until;
    return pgNotYet(b, "accountLoginResult");
}
static int stub_eachAccount(storeBackend *b, storeAccountFn fn, void *ctx) {
    (void)fn; (void)ctx;
    return pgNotYet(b, "eachAccount");
}
static int stub_sessionAdd(storeBackend *b, const char *token_hash, int64_t account_id, const char *csrf, int64_t now, int64_t expires) {
    (void)token_hash; (void)account_id; (void)csrf; (void)now; (void)expires;
    return pgNotYet(b, "sessionAdd");
}
static int stub_sessionGet(storeBackend *b, const char *token_hash, int64_t now, int64_t *account_id, char csrf[65]) {
    (void)token_hash; (void)now; (void)account_id; (void)csrf;
    return pgNotYet(b, "sessionGet");
}
static int stub_sessionDelete(storeBackend *b, const char *token_hash) {
    (void)token_hash;
    return pgNotYet(b, "sessionDelete");
}
static int stub_sessionDeleteAccount(storeBackend *b, int64_t account_id) {
    (void)account_id;
    return pgNotYet(b, "sessionDeleteAccount");
}
static int stub_accessCodeAdd(storeBackend *b, const char *code_hash, int64_t account_id, int64_t expires, const char *issued_by) {
    (void)code_hash; (void)account_id; (void)expires; (void)issued_by;
    return pgNotYet(b, "accessCodeAdd");
}
static int stub_accessCodeUse(storeBackend *b, const char *code_hash, int64_t account_id, int64_t now) {
    (void)code_hash; (void)account_id; (void)now;
    return pgNotYet(b, "accessCodeUse");
}

void pgAccountsInstall(storeBackend *b) {
    b->accountAdd = stub_accountAdd;
    b->accountGet = stub_accountGet;
    b->accountById = stub_accountById;
    b->accountByUscc = stub_accountByUscc;
    b->accountSetPassword = stub_accountSetPassword;
    b->accountSetDisabled = stub_accountSetDisabled;
    b->accountLoginResult = stub_accountLoginResult;
    b->eachAccount = stub_eachAccount;
    b->sessionAdd = stub_sessionAdd;
    b->sessionGet = stub_sessionGet;
    b->sessionDelete = stub_sessionDelete;
    b->sessionDeleteAccount = stub_sessionDeleteAccount;
    b->accessCodeAdd = stub_accessCodeAdd;
    b->accessCodeUse = stub_accessCodeUse;
}
