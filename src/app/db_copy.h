#ifndef GETIHU_APP_DB_COPY_H
#define GETIHU_APP_DB_COPY_H
#include <stdint.h>
#include "rules/params.h"
#include "store/store.h"

/* `getihu db copy` (issue 12 §3, decisions 262-263): a district's store moved to another backend (SQLite file to
 * PostgreSQL, or back), verified before anything is kept. */
typedef struct appCopyInfo {
    const yearParams *params;          /* the year typed on both stores to verify the copy */
    const char *actor, *role, *client; /* for the target's audit entry */
    /* called once per table after the load with the rows of the source and of the target; may be NULL */
    void (*table)(void *ctx, const char *table, int64_t source, int64_t target);
    void *ctx;
} appCopyInfo;

typedef struct appCopyResult {
    int tables;
    int64_t rows;
    /* the verification: the year typed from each store's own directory, identical on both */
    int64_t population, by_type[4];
    char digest[65];   /* SHA-256 of every (USCC, type, reasons) typed, in USCC order */
    char message[800]; /* on failure: why */
} appCopyResult;

/* Copies every table of from into to, which must be empty, in one write transaction of to (a read transaction of
 * from: the copy is one moment of the source), ids and the audit chain as they were; then, before committing,
 * compares each table's rows on both and types info->params's year from each store's directory, and commits only
 * when the counts and every typing result are identical, with a "db.copy" audit entry on the target (appended
 * after the comparison: the target's audit then holds one entry more than the source's). GH_EREFUSED: the target
 * is not empty; GH_EINVAL: a count or a result differs (nothing kept); else the store's failure. */
int appDbCopy(store *from, store *to, const appCopyInfo *info, appCopyResult *out);
#endif
