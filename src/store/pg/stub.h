#ifndef GETIHU_STORE_PG_STUB_H
#define GETIHU_STORE_PG_STUB_H
/* STUB (issue 12): what a PostgreSQL function not written yet answers, so that
 * nothing crashes while the backend is built in parallel. Goes with the last
 * stub_*.c file. */
#include "core/error.h"
#include "store/backend.h"

static inline int pgNotYet(storeBackend *b, const char *name) {
    return storeErrSet(b->err, GH_EINVAL, NULL, "PostgreSQL 后端尚未实现 %s (not built yet)", name);
}
#endif
