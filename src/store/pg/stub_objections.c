/* STUB (issue 12): the PostgreSQL backend's objections functions until objections.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * objections.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_typingObjectionAdd(storeBackend *b, const storeTypingObjection *o, int64_t *id) {
    (void)o; (void)id;
    return pgNotYet(b, "typingObjectionAdd");
}
static int stub_typingObjectionGet(storeBackend *b, int64_t id, arena *ar, storeTypingObjection *out) {
    (void)id; (void)ar; (void)out;
    return pgNotYet(b, "typingObjectionGet");
}
static int stub_typingObjectionUpdate(storeBackend *b, const storeTypingObjection *o, storeTObjStatus from) {
    (void)o; (void)from;
    return pgNotYet(b, "typingObjectionUpdate");
}
static int stub_eachTypingObjection(storeBackend *b, const storeTObjFilter *f, storeTypingObjectionFn fn, void *ctx, int64_t *total) {
    (void)f; (void)fn; (void)ctx; (void)total;
    return pgNotYet(b, "eachTypingObjection");
}
static int stub_objectionFileAdd(storeBackend *b, const storeObjectionFile *f, int64_t *id) {
    (void)f; (void)id;
    return pgNotYet(b, "objectionFileAdd");
}
static int stub_objectionFileGet(storeBackend *b, int64_t id, arena *ar, storeObjectionFile *out) {
    (void)id; (void)ar; (void)out;
    return pgNotYet(b, "objectionFileGet");
}
static int stub_eachObjectionFile(storeBackend *b, int64_t objection_id, storeObjectionFileFn fn, void *ctx) {
    (void)objection_id; (void)fn; (void)ctx;
    return pgNotYet(b, "eachObjectionFile");
}
static int stub_correctionAdd(storeBackend *b, const storeCorrection *c, int64_t *id) {
    (void)c; (void)id;
    return pgNotYet(b, "correctionAdd");
}
static int stub_eachCorrection(storeBackend *b, const char *uscc, storeCorrectionFn fn, void *ctx) {
    (void)uscc; (void)fn; (void)ctx;
    return pgNotYet(b, "eachCorrection");
}
static int stub_resultCorrect(storeBackend *b, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n, int64_t objection_id) {
    (void)run_id; (void)uscc; (void)type; (void)reasons; (void)n; (void)objection_id;
    return pgNotYet(b, "resultCorrect");
}

void pgObjectionsInstall(storeBackend *b) {
    b->typingObjectionAdd = stub_typingObjectionAdd;
    b->typingObjectionGet = stub_typingObjectionGet;
    b->typingObjectionUpdate = stub_typingObjectionUpdate;
    b->eachTypingObjection = stub_eachTypingObjection;
    b->objectionFileAdd = stub_objectionFileAdd;
    b->objectionFileGet = stub_objectionFileGet;
    b->eachObjectionFile = stub_eachObjectionFile;
    b->correctionAdd = stub_correctionAdd;
    b->eachCorrection = stub_eachCorrection;
    b->resultCorrect = stub_resultCorrect;
}
