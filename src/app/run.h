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
    const char *params_json, *version; /* the run records params_json and its SHA-256 */
    const char *actor, *role, *client;
    /* called now and then with the number of businesses typed so far; may be NULL */
    void (*progress)(void *ctx, int64_t done);
    void *progress_ctx;
} appRunInfo;

typedef struct appRunResult {
    int64_t run_id, population;
    int64_t by_type[4];
    char message[800]; /* on failure: why, naming the store */
} appRunResult;

/* GH_EINVAL: the store failed its quick check (damaged): nothing is typed. */
int appRunYear(store *s, const appRunInfo *info, appRunResult *out);

/* Who does a state change, for the audit trail. */
typedef struct appActor { const char *name, *role, *client; } appActor;

/* Makes run_id the published run of its year, with its audit entry (before: the run
 * published until now) in one transaction. *year receives the run's year.
 * GH_ENOTFOUND: no such run; GH_EINVAL: the run is not finished; else GH_EIO. The
 * store's error says why; nothing is changed on failure. */
int appPublish(store *s, const appActor *who, int64_t run_id, int *year);
#endif
