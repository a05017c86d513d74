/* STUB (issue 12): the PostgreSQL backend's directory functions until directory.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * directory.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_applyDossier(storeBackend *b, const dossier *d, int64_t import_id, int *changed) {
    (void)d; (void)import_id; (void)changed;
    return pgNotYet(b, "applyDossier");
}

void pgDirectoryInstall(storeBackend *b) {
    b->applyDossier = stub_applyDossier;
}
