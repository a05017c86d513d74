/* STUB (issue 12): the PostgreSQL backend's stage functions until stage.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * stage.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_stageBegin(storeBackend *b) {
    return pgNotYet(b, "stageBegin");
}
static int stub_stageRow(storeBackend *b, const bizFact *f, const char *key, uint64_t line) {
    (void)f; (void)key; (void)line;
    return pgNotYet(b, "stageRow");
}
static int stub_stageBad(storeBackend *b, uint64_t line, const char *field, const char *msg) {
    (void)line; (void)field; (void)msg;
    return pgNotYet(b, "stageBad");
}
static int stub_stageMarkDuplicateKeys(storeBackend *b, const char *message) {
    (void)message;
    return pgNotYet(b, "stageMarkDuplicateKeys");
}
static int stub_stageMarkUnknownBusinesses(storeBackend *b, const char *message) {
    (void)message;
    return pgNotYet(b, "stageMarkUnknownBusinesses");
}
static int stub_stageCountUnknownBusinesses(storeBackend *b, int64_t *n) {
    (void)n;
    return pgNotYet(b, "stageCountUnknownBusinesses");
}
static int stub_stageEachBad(storeBackend *b, storeBadFn fn, void *ctx, int64_t *lines) {
    (void)fn; (void)ctx; (void)lines;
    return pgNotYet(b, "stageEachBad");
}
static int stub_stageApply(storeBackend *b, unsigned targets, int64_t import_id, int64_t *changed) {
    (void)targets; (void)import_id; (void)changed;
    return pgNotYet(b, "stageApply");
}
static int stub_stagePrune(storeBackend *b, unsigned target, listKind list, storeSnapshot scope, int64_t import_id, int64_t *removed) {
    (void)target; (void)list; (void)scope; (void)import_id; (void)removed;
    return pgNotYet(b, "stagePrune");
}

void pgStageInstall(storeBackend *b) {
    b->stageBegin = stub_stageBegin;
    b->stageRow = stub_stageRow;
    b->stageBad = stub_stageBad;
    b->stageMarkDuplicateKeys = stub_stageMarkDuplicateKeys;
    b->stageMarkUnknownBusinesses = stub_stageMarkUnknownBusinesses;
    b->stageCountUnknownBusinesses = stub_stageCountUnknownBusinesses;
    b->stageEachBad = stub_stageEachBad;
    b->stageApply = stub_stageApply;
    b->stagePrune = stub_stagePrune;
}
