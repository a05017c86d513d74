#ifndef GETIHU_STORE_SQLITE_ROUND_INT_H
#define GETIHU_STORE_SQLITE_ROUND_INT_H
/* Private to the round's files (round.c, round_case.c, round_records.c). */
#include "store/sqlite/sqlite_int.h"

/* Steps a one-off statement that returns no rows and finalises it: 0, GH_EINVAL
 * for a constraint (a duplicate, a reference to nothing), else GH_EIO. */
int roundStepFinal(sqliteStore *q, sqlite3_stmt *st, const char *what);
/* roundStepFinal for an INSERT, and *id the new row's id on success. */
int roundInsertFinal(sqliteStore *q, sqlite3_stmt *st, const char *what, int64_t *id);
/* GH_ENOTFOUND when the last statement changed no row. */
int roundChanged(sqliteStore *q, const char *what);
/* Finalises a row loop's statement and returns sqlEnd's code. */
int roundWalkEnd(sqliteStore *q, sqlite3_stmt *st, int rc, int k, const char *what);
/* Column i copied into a, or the statement's own when a is NULL. */
const char *roundText(arena *a, sqlite3_stmt *st, int i);
/* A stored file — an application's evidence (round_evidence) or an objection's
 * (objection_files): the columns after the owner's, the same in both tables. */
typedef struct roundFileCols {
    const char *name, *content_type, *sha256, *added_by, *added_at;
    const unsigned char *bytes;
    size_t size;
} roundFileCols;
/* Binds ?first … ?first+6: name, content_type, size, sha256, bytes, added_by, added_at. */
void roundBindFile(sqlite3_stmt *st, int first, const roundFileCols *f);
/* The row's bytes (column col) copied into ar: 0, or GH_ENOMEM with the error set. */
int roundFileBytes(sqliteStore *q, sqlite3_stmt *st, int col, arena *ar, const unsigned char **bytes, size_t *size);
void sqliteRoundCaseInstall(storeBackend *b);
void sqliteRoundRecordsInstall(storeBackend *b);
#endif
