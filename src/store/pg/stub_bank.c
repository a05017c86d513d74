/* STUB (issue 12): the PostgreSQL backend's bank functions until bank.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * bank.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_eachBankRow(storeBackend *b, const char *bank, civilDate valid_on, storeBankRowFn fn, void *ctx) {
    (void)bank; (void)valid_on; (void)fn; (void)ctx;
    return pgNotYet(b, "eachBankRow");
}
static int stub_bankConsentAdd(storeBackend *b, const storeBankConsent *c, int64_t *id) {
    (void)c; (void)id;
    return pgNotYet(b, "bankConsentAdd");
}
static int stub_bankConsentWithdraw(storeBackend *b, int64_t id, const char *uscc, const char *by, const char *at) {
    (void)id; (void)uscc; (void)by; (void)at;
    return pgNotYet(b, "bankConsentWithdraw");
}
static int stub_eachBankConsent(storeBackend *b, const storeBankConsentFilter *f, storeBankConsentFn fn, void *ctx) {
    (void)f; (void)fn; (void)ctx;
    return pgNotYet(b, "eachBankConsent");
}
static int stub_bankAccessAdd(storeBackend *b, const storeBankAccess *a, size_t n) {
    (void)a; (void)n;
    return pgNotYet(b, "bankAccessAdd");
}
static int stub_eachBankAccess(storeBackend *b, const char *uscc, int limit, storeBankAccessFn fn, void *ctx) {
    (void)uscc; (void)limit; (void)fn; (void)ctx;
    return pgNotYet(b, "eachBankAccess");
}
static int stub_eachBank(storeBackend *b, storeBankFn fn, void *ctx) {
    (void)fn; (void)ctx;
    return pgNotYet(b, "eachBank");
}

void pgBankInstall(storeBackend *b) {
    b->eachBankRow = stub_eachBankRow;
    b->bankConsentAdd = stub_bankConsentAdd;
    b->bankConsentWithdraw = stub_bankConsentWithdraw;
    b->eachBankConsent = stub_eachBankConsent;
    b->bankAccessAdd = stub_bankAccessAdd;
    b->eachBankAccess = stub_eachBankAccess;
    b->eachBank = stub_eachBank;
}
