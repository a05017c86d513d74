/* STUB (issue 12): the PostgreSQL backend's city functions until city.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * city.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_reconcileCounts(storeBackend *b, int year, int64_t run_id, storeTransitionFn fn, void *ctx) {
    (void)year; (void)run_id; (void)fn; (void)ctx;
    return pgNotYet(b, "reconcileCounts");
}
static int stub_eachReconcile(storeBackend *b, const storeReconcileQuery *q, storeReconcileFn fn, void *ctx) {
    (void)q; (void)fn; (void)ctx;
    return pgNotYet(b, "eachReconcile");
}
static int stub_cityCheckSet(storeBackend *b, const storeCityCheck *c, storeCityCheckStatus *before) {
    (void)c; (void)before;
    return pgNotYet(b, "cityCheckSet");
}
static int stub_cityRunCreate(storeBackend *b, const storeRun *info, int64_t *id) {
    (void)info; (void)id;
    return pgNotYet(b, "cityRunCreate");
}

void pgCityInstall(storeBackend *b) {
    b->reconcileCounts = stub_reconcileCounts;
    b->eachReconcile = stub_eachReconcile;
    b->cityCheckSet = stub_cityCheckSet;
    b->cityRunCreate = stub_cityRunCreate;
}
