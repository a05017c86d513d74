/* The quick check of the directory a run reads, on its own thread and read-only
 * handle while the run types (decision 242): the check costs about as much as
 * reading the directory, and it decides only whether the run may be committed. */
#include "app/run_check.h"
#include "core/error.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct runCheck {
    store *r;
    pthread_t th;
    int rc;
    char result[256];   /* "ok", or what is damaged */
    char message[600];  /* why the check itself failed */
};

static void *checkMain(void *arg) {
    runCheck *c = arg;
    c->rc = storeReadBegin(c->r);
    if (!c->rc) c->rc = storeVerify(c->r, STORE_VERIFY_QUICK, c->result, sizeof c->result);
    if (c->rc) snprintf(c->message, sizeof c->message, "%s", storeError(c->r));
    (void)storeReadEnd(c->r); /* a read transaction: nothing to lose */
    return NULL;
}

int runCheckStart(runCheck **out, const store *like, char *err, size_t n) {
    *out = NULL;
    runCheck *c = calloc(1, sizeof *c);
    if (!c) return snprintf(err, n, "内存不足 (out of memory)"), GH_ENOMEM;
    int rc = storeOpenLike(&c->r, like, STORE_OPEN_READONLY, err, n);
    if (!rc && pthread_create(&c->th, NULL, checkMain, c)) {
        snprintf(err, n, "无法启动检查线程 (cannot start the checking thread)");
        rc = GH_EIO;
    }
    if (rc) {
        if (c->r) storeClose(c->r);
        free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int runCheckWait(runCheck *c, const char **result, const char **message) {
    pthread_join(c->th, NULL);
    storeClose(c->r);
    c->r = NULL;
    *result = c->result;
    *message = c->message;
    return c->rc;
}

void runCheckFree(runCheck *c) {
    if (!c) return;
    if (c->r) { /* not waited for: the thread still uses its handle */
        pthread_join(c->th, NULL);
        storeClose(c->r);
    }
    free(c);
}
