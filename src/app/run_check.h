#ifndef GETIHU_APP_RUN_CHECK_H
#define GETIHU_APP_RUN_CHECK_H
/* The run's quick check of the store on a thread of its own (decision 242). The
 * run's writer holds the store's write lock before the check starts, so the check
 * sees exactly what the run's transaction reads. Internal to src/app. */
#include <stddef.h>
#include "store/store.h"

typedef struct runCheck runCheck;

/* Opens the store like is open on, read-only, and starts checking. On failure err says why. */
int runCheckStart(runCheck **out, const store *like, char *err, size_t n);
/* Waits for the check: 0 with *result "ok" or what is damaged; else the check could
 * not be made (*message says why). The strings live until runCheckFree. */
int runCheckWait(runCheck *c, const char **result, const char **message);
/* Frees c, waiting for its thread when runCheckWait was not called (NULL: no-op). */
void runCheckFree(runCheck *c);
#endif
