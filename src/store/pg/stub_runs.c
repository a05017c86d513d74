/* STUB (issue 12): the PostgreSQL backend's runs functions until runs.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * runs.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_runCreate(storeBackend *b, const storeRun *info, int64_t *id) {
    (void)info; (void)id;
    return pgNotYet(b, "runCreate");
}
static int stub_runFinish(storeBackend *b, int64_t id, int64_t population, const int64_t by_type[4]) {
    (void)id; (void)population; (void)by_type;
    return pgNotYet(b, "runFinish");
}
static int stub_runGet(storeBackend *b, int64_t id, arena *a, storeRun *out) {
    (void)id; (void)a; (void)out;
    return pgNotYet(b, "runGet");
}
static int stub_eachRun(storeBackend *b, int year, storeRunFn fn, void *ctx) {
    (void)year; (void)fn; (void)ctx;
    return pgNotYet(b, "eachRun");
}
static int stub_publishedRun(storeBackend *b, int year, int64_t *id) {
    (void)year; (void)id;
    return pgNotYet(b, "publishedRun");
}
static int stub_publish(storeBackend *b, int64_t id, const char *actor, int *year) {
    (void)id; (void)actor; (void)year;
    return pgNotYet(b, "publish");
}
static int stub_resultAdd(storeBackend *b, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n) {
    (void)run_id; (void)uscc; (void)type; (void)reasons; (void)n;
    return pgNotYet(b, "resultAdd");
}
static int stub_eachResult(storeBackend *b, int64_t run_id, storeResultFn fn, void *ctx) {
    (void)run_id; (void)fn; (void)ctx;
    return pgNotYet(b, "eachResult");
}
static int stub_eachResultOf(storeBackend *b, const char *uscc, storeResultFn fn, void *ctx) {
    (void)uscc; (void)fn; (void)ctx;
    return pgNotYet(b, "eachResultOf");
}
static int stub_countBy(storeBackend *b, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx) {
    (void)run_id; (void)dimension; (void)fn; (void)ctx;
    return pgNotYet(b, "countBy");
}
static int stub_transitions(storeBackend *b, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx) {
    (void)from_run; (void)to_run; (void)fn; (void)ctx;
    return pgNotYet(b, "transitions");
}

void pgRunsInstall(storeBackend *b) {
    b->runCreate = stub_runCreate;
    b->runFinish = stub_runFinish;
    b->runGet = stub_runGet;
    b->eachRun = stub_eachRun;
    b->publishedRun = stub_publishedRun;
    b->publish = stub_publish;
    b->resultAdd = stub_resultAdd;
    b->eachResult = stub_eachResult;
    b->eachResultOf = stub_eachResultOf;
    b->countBy = stub_countBy;
    b->transitions = stub_transitions;
}
