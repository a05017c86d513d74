#ifndef GETIHU_STORE_PG_ROUND_INT_H
#define GETIHU_STORE_PG_ROUND_INT_H
/* Private to the PostgreSQL round's files (round.c, round_case.c, round_records.c)
 * and to measures.c and objections.c, which share its helpers as their SQLite
 * twins share sqlite/round_int.h. */
#include "store/pg/pg_int.h"

/* Statement numbers inside PG_ST_ROUND's block of 16: round.c takes 0..7,
 * round_case.c 8..15; round_records.c's statements are one-offs (k < 0): they run a
 * few times a year per case, where a prepared statement buys nothing. */
#define PR_ST_ROUND(i) (PG_ST_ROUND + (i))
#define PR_ST_CASE(i) (PG_ST_ROUND + 8 + (i))

/* pgCmd for an INSERT … RETURNING id: *id the new row's id. */
int prInsertId(pgStore *p, int k, const char *sql, int n, const char *const *params, int64_t *id, const char *what);
/* GH_ENOTFOUND (what: not found) when changed is 0, else 0. */
int prChanged(pgStore *p, int64_t changed, const char *what);
/* Column col of row copied into a, or the result's own text when a is NULL. */
const char *prText(arena *a, PGresult *r, int row, int col);
/* A stored flag (boolean or integer column) as a bool. */
bool prBool(PGresult *r, int row, int col);
/* Bytes as lower-case hex for decode($n,'hex') (malloc'ed; NULL when out of memory):
 * files travel as text, the backend's one parameter format (decision 259). */
char *prHex(const unsigned char *bytes, size_t n);
/* The hex text of column col (encode(bytes,'hex')) decoded into ar: 0, or
 * GH_ENOMEM / GH_EIO with the error set. */
int prFileBytes(pgStore *p, PGresult *r, int row, int col, arena *ar, const unsigned char **bytes, size_t *size);
/* The stored file columns shared by round_evidence and objection_files. */
typedef struct prFileCols {
    const char *name, *content_type, *sha256, *added_by, *added_at;
    const unsigned char *bytes;
    size_t size;
} prFileCols;
/* The columns after the owner's: name, content_type, size, sha256, bytes (hex),
 * added_by, added_at into params[0..6] (size formatted into sizebuf, bytes hex into
 * *hex, freed by the caller). GH_ENOMEM with the error set. */
int prFileParams(pgStore *p, const prFileCols *f, const char **params, char sizebuf[24], char **hex);

/* The type of result row A as published: the corrected type when an upheld
 * objection corrected it (decision 101), else the run's own; sqlite_int.h's
 * SQL_RESULT_TYPE as a join: PR_RESULT_JOIN(A) after A's table in the FROM, then
 * PR_RESULT_TYPE(A). A hashed join of the few corrections counts a million-row
 * worklist about three times faster than the correlated probe per row. */
#define PR_RESULT_JOIN(A) " LEFT JOIN result_corrections " A "_c ON " A "_c.run_id=" A ".run_id AND " A "_c.uscc=" A ".uscc"
#define PR_RESULT_TYPE(A) "coalesce(" A "_c.type," A ".type)"

/* The categories held on day $N by each business, as a table h(uscc, held): A3.3.5
 * validity and A3.2.1 "次年1月1日起" (a recognition year before the day's year);
 * sqlite/measures.c's HELD_CTE. */
#define PR_HELD_CTE(N)                                                                                          \
    "h AS (SELECT uscc, bit_or(CASE category WHEN 'famous' THEN 1 WHEN 'characteristic' THEN 2"               \
    " WHEN 'quality' THEN 4 WHEN 'emerging' THEN 8 ELSE 0 END) AS held FROM round_recognitions"               \
    " WHERE ended='held' AND recognised_on<=$" #N "::date AND expires>$" #N "::date"                          \
    " AND year<extract(year FROM $" #N "::date) GROUP BY uscc)"

void pgRoundCaseInstall(storeBackend *b);
void pgRoundRecordsInstall(storeBackend *b);
#endif
