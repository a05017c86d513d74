/* STUB (issue 12): the PostgreSQL backend's runnotes functions until runnotes.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * runnotes.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_runNoteSet(storeBackend *b, int64_t id, const char *name, const char *note) {
    (void)id; (void)name; (void)note;
    return pgNotYet(b, "runNoteSet");
}
static int stub_eachYear(storeBackend *b, storeYearFn fn, void *ctx) {
    (void)fn; (void)ctx;
    return pgNotYet(b, "eachYear");
}
static int stub_eachMover(storeBackend *b, const storeMoverQuery *q, storeMoverFn fn, void *ctx) {
    (void)q; (void)fn; (void)ctx;
    return pgNotYet(b, "eachMover");
}

void pgRunNotesInstall(storeBackend *b) {
    b->runNoteSet = stub_runNoteSet;
    b->eachYear = stub_eachYear;
    b->eachMover = stub_eachMover;
}
