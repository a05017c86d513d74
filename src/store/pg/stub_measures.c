/* STUB (issue 12): the PostgreSQL backend's measures functions until measures.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * measures.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_measureChangeAdd(storeBackend *b, const storeMeasureChange *c, int64_t *id) {
    (void)c; (void)id;
    return pgNotYet(b, "measureChangeAdd");
}
static int stub_measureChangesAtPublish(storeBackend *b, int64_t run_id, int64_t before_run, const char *ref, civilDate on, const char *at, int64_t *n) {
    (void)run_id; (void)before_run; (void)ref; (void)on; (void)at; (void)n;
    return pgNotYet(b, "measureChangesAtPublish");
}
static int stub_eachMeasureChange(storeBackend *b, storeMeasureChangeKind kind, const char *ref, int64_t after_id, int limit, storeMeasureChangeFn fn, void *ctx) {
    (void)kind; (void)ref; (void)after_id; (void)limit; (void)fn; (void)ctx;
    return pgNotYet(b, "eachMeasureChange");
}
static int stub_heldCategories(storeBackend *b, const char *uscc, civilDate on, unsigned *held) {
    (void)uscc; (void)on; (void)held;
    return pgNotYet(b, "heldCategories");
}
static int stub_workMarkSet(storeBackend *b, const storeWorkMark *m, storeWorkStatus *before) {
    (void)m; (void)before;
    return pgNotYet(b, "workMarkSet");
}
static int stub_eachWork(storeBackend *b, const storeWorkQuery *q, storeWorkFn fn, void *ctx) {
    (void)q; (void)fn; (void)ctx;
    return pgNotYet(b, "eachWork");
}
static int stub_workCount(storeBackend *b, const storeWorkQuery *q, int64_t *n) {
    (void)q; (void)n;
    return pgNotYet(b, "workCount");
}
static int stub_eachEntitledGroup(storeBackend *b, int64_t run_id, civilDate on, storeEntitledFn fn, void *ctx) {
    (void)run_id; (void)on; (void)fn; (void)ctx;
    return pgNotYet(b, "eachEntitledGroup");
}
static int stub_eachServedGroup(storeBackend *b, int64_t run_id, civilDate on, storeServedFn fn, void *ctx) {
    (void)run_id; (void)on; (void)fn; (void)ctx;
    return pgNotYet(b, "eachServedGroup");
}

void pgMeasuresInstall(storeBackend *b) {
    b->measureChangeAdd = stub_measureChangeAdd;
    b->measureChangesAtPublish = stub_measureChangesAtPublish;
    b->eachMeasureChange = stub_eachMeasureChange;
    b->heldCategories = stub_heldCategories;
    b->workMarkSet = stub_workMarkSet;
    b->eachWork = stub_eachWork;
    b->workCount = stub_workCount;
    b->eachEntitledGroup = stub_eachEntitledGroup;
    b->eachServedGroup = stub_eachServedGroup;
}
