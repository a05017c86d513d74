#ifndef GETIHU_APP_RUN_H
#define GETIHU_APP_RUN_H
#include <stdint.h>
#include "rules/params.h"
#include "store/store.h"

/* An annual run (RULES.md A1.3 over year Y's population), shared by `getihu run`
 * and the server: one transaction with the run record, every result and the audit
 * entry; on any failure nothing is stored. */
typedef struct appRunInfo {
    const yearParams *params;
    const char *params_json, *params_sha256, *version;
    const char *actor, *role, *client;
    /* called now and then with the number of businesses typed so far; may be NULL */
    void (*progress)(void *ctx, int64_t done);
    void *progress_ctx;
} appRunInfo;

typedef struct appRunResult {
    int64_t run_id, population;
    int64_t by_type[4];
} appRunResult;

int appRunYear(store *s, const appRunInfo *info, appRunResult *out);
#endif
