/* STUB (issue 12): the PostgreSQL backend's read functions until read.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * read.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_eachDossier(storeBackend *b, storeDossierFn fn, void *ctx) {
    (void)fn; (void)ctx;
    return pgNotYet(b, "eachDossier");
}
static int stub_loadDossier(storeBackend *b, const char *uscc, arena *a, dossier *out) {
    (void)uscc; (void)a; (void)out;
    return pgNotYet(b, "loadDossier");
}
static int stub_countBusinesses(storeBackend *b, int64_t *n) {
    (void)n;
    return pgNotYet(b, "countBusinesses");
}
static int stub_find(storeBackend *b, const char *query, int limit, storeHitFn fn, void *ctx) {
    (void)query; (void)limit; (void)fn; (void)ctx;
    return pgNotYet(b, "find");
}

void pgReadInstall(storeBackend *b) {
    b->eachDossier = stub_eachDossier;
    b->loadDossier = stub_loadDossier;
    b->countBusinesses = stub_countBusinesses;
    b->find = stub_find;
}
