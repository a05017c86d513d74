/* STUB (issue 12): the PostgreSQL backend's audit functions until audit.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * audit.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_auditHead(storeBackend *b, char hash[65]) {
    (void)hash;
    return pgNotYet(b, "auditHead");
}
static int stub_auditInsert(storeBackend *b, const storeAudit *e) {
    (void)e;
    return pgNotYet(b, "auditInsert");
}
static int stub_eachAudit(storeBackend *b, const char *action, int limit, storeAuditFn fn, void *ctx) {
    (void)action; (void)limit; (void)fn; (void)ctx;
    return pgNotYet(b, "eachAudit");
}
static int stub_eachAuditChain(storeBackend *b, storeAuditFn fn, void *ctx) {
    (void)fn; (void)ctx;
    return pgNotYet(b, "eachAuditChain");
}

void pgAuditInstall(storeBackend *b) {
    b->auditHead = stub_auditHead;
    b->auditInsert = stub_auditInsert;
    b->eachAudit = stub_eachAudit;
    b->eachAuditChain = stub_eachAuditChain;
}
