/* STUB (issue 12): the PostgreSQL backend's import_history functions until import_history.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * import_history.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_importDecide(storeBackend *b, int64_t id, const char *decision) {
    (void)id; (void)decision;
    return pgNotYet(b, "importDecide");
}
static int stub_eachImportPage(storeBackend *b, const storeImportFilter *f, storeImportFn fn, void *ctx, int64_t *total) {
    (void)f; (void)fn; (void)ctx; (void)total;
    return pgNotYet(b, "eachImportPage");
}
static int stub_eachLastImport(storeBackend *b, storeImportFn fn, void *ctx) {
    (void)fn; (void)ctx;
    return pgNotYet(b, "eachLastImport");
}

void pgImportHistoryInstall(storeBackend *b) {
    b->importDecide = stub_importDecide;
    b->eachImportPage = stub_eachImportPage;
    b->eachLastImport = stub_eachLastImport;
}
