/* STUB (issue 12): the PostgreSQL backend's account_admin functions until account_admin.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * account_admin.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_eachAuditPage(storeBackend *b, const storeAuditFilter *f, storeAuditFn fn, void *ctx) {
    (void)f; (void)fn; (void)ctx;
    return pgNotYet(b, "eachAuditPage");
}
static int stub_accessCodeRevoke(storeBackend *b, int64_t account_id, int64_t now, int *revoked) {
    (void)account_id; (void)now; (void)revoked;
    return pgNotYet(b, "accessCodeRevoke");
}
static int stub_eachTown(storeBackend *b, storeTownFn fn, void *ctx) {
    (void)fn; (void)ctx;
    return pgNotYet(b, "eachTown");
}

void pgAccountAdminInstall(storeBackend *b) {
    b->eachAuditPage = stub_eachAuditPage;
    b->accessCodeRevoke = stub_accessCodeRevoke;
    b->eachTown = stub_eachTown;
}
