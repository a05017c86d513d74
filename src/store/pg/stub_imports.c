/* STUB (issue 12): the PostgreSQL backend's imports functions until imports.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * imports.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_importCreate(storeBackend *b, const storeImport *info, int64_t *id) {
    (void)info; (void)id;
    return pgNotYet(b, "importCreate");
}
static int stub_importFinish(storeBackend *b, int64_t id, const storeImport *counts) {
    (void)id; (void)counts;
    return pgNotYet(b, "importFinish");
}
static int stub_eachImportOf(storeBackend *b, const char *uscc, storeImportFn fn, void *ctx) {
    (void)uscc; (void)fn; (void)ctx;
    return pgNotYet(b, "eachImportOf");
}
static int stub_eachImport(storeBackend *b, int limit, storeImportFn fn, void *ctx) {
    (void)limit; (void)fn; (void)ctx;
    return pgNotYet(b, "eachImport");
}

void pgImportsInstall(storeBackend *b) {
    b->importCreate = stub_importCreate;
    b->importFinish = stub_importFinish;
    b->eachImportOf = stub_eachImportOf;
    b->eachImport = stub_eachImport;
}
