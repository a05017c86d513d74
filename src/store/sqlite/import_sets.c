/* The compact import history (decision 232): for each import that staged a file,
 * the set of businesses it changed, as sorted USCCs front-coded in chunks of
 * IMPORT_SET_CHUNK (table import_sets, one row a chunk, keyed by import and first
 * USCC). A chunk is written in one append; "which imports changed this business"
 * (storeEachImportOf) is one seek per import into the chunk that may hold it.
 * business_imports keeps the history written before, and that of dossiers and of
 * snapshot removals (row by row there). */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdlib.h>
#include <string.h>

#define IMPORT_SET_CHUNK 512
#define IMPORT_SET_KEY 64 /* longest member; a USCC is 18 */

/* Entry encoding: one byte p (characters shared with the previous member), one
 * byte s (characters that follow), then those s characters. */
typedef struct setChunk {
    unsigned char buf[IMPORT_SET_CHUNK * (IMPORT_SET_KEY + 2)];
    size_t len;
    int n;
    char first[IMPORT_SET_KEY + 1], last[IMPORT_SET_KEY + 1];
} setChunk;

static int setFlush(sqliteStore *q, sqlite3_stmt *ins, setChunk *c) {
    if (!c->n) return 0;
    sqlite3_reset(ins);
    sqlBindText(ins, 2, c->first);
    sqlBindText(ins, 3, c->last);
    sqlite3_bind_int(ins, 4, c->n);
    sqlite3_bind_blob(ins, 5, c->buf, (int)c->len, SQLITE_STATIC);
    const int rc = sqlite3_step(ins);
    c->n = 0, c->len = 0; /* last stays: the next chunk must start above it */
    return rc == SQLITE_DONE ? 0 : sqlFail(q, "import history");
}

static int setAdd(sqliteStore *q, sqlite3_stmt *ins, setChunk *c, const char *u) {
    const size_t n = strlen(u);
    if (n > IMPORT_SET_KEY) return storeErrSet(q->base.err, GH_EINVAL, NULL, "import history: key too long");
    const int cmp = c->last[0] ? strcmp(u, c->last) : 1;
    if (cmp == 0) return 0; /* a repeat next to its first: one member (decision 280) */
    if (cmp < 0) /* the walk of gh_in_set needs them ascending */
        return storeErrSet(q->base.err, GH_EINVAL, NULL, "import history: keys out of order");
    size_t p = 0;
    if (c->n)
        while (p < n && c->last[p] == u[p]) p++;
    else memcpy(c->first, u, n + 1);
    c->buf[c->len++] = (unsigned char)p;
    c->buf[c->len++] = (unsigned char)(n - p);
    memcpy(c->buf + c->len, u + p, n - p);
    c->len += n - p;
    memcpy(c->last, u, n + 1);
    return ++c->n == IMPORT_SET_CHUNK ? setFlush(q, ins, c) : 0;
}

/* Records as import_id's set the USCCs select_sql gives (?1: import_id), which must
 * come in ascending order; a repeat must follow its first (it is skipped). */
int sqliteImportSetRecord(sqliteStore *q, const char *select_sql, int64_t import_id) {
    sqlite3_stmt *sel, *ins;
    if (sqlPrepare(q, select_sql, &sel, "import history")) return GH_EIO;
    if (sqlPrepare(q, "INSERT INTO import_sets(import_id,first,last,n,members) VALUES(?1,?2,?3,?4,?5)", &ins,
                   "import history")) {
        sqlite3_finalize(sel);
        return GH_EIO;
    }
    sqlite3_bind_int64(sel, 1, import_id);
    sqlite3_bind_int64(ins, 1, import_id);
    setChunk *c = calloc(1, sizeof *c); /* 33 KiB: not on the stack */
    int rc = SQLITE_DONE, k = c ? 0 : storeErrSet(q->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    while (!k && (rc = sqlite3_step(sel)) == SQLITE_ROW) k = setAdd(q, ins, c, sqlColText(sel, 0));
    if (!k && rc == SQLITE_DONE) k = setFlush(q, ins, c);
    else if (!k) k = sqlFail(q, "import history");
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    free(c);
    return k;
}

/* gh_in_set(members, uscc): 1 when the chunk holds uscc. Members are sorted, so
 * the walk stops at the first greater one. */
static void setContains(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const unsigned char *b = sqlite3_value_blob(argv[0]);
    const int len = sqlite3_value_bytes(argv[0]);
    const char *u = (const char *)sqlite3_value_text(argv[1]);
    if (!b || !u) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    char cur[IMPORT_SET_KEY + 1];
    int i = 0, found = 0;
    while (i + 2 <= len) {
        const int p = b[i], s = b[i + 1];
        if (p + s > IMPORT_SET_KEY || i + 2 + s > len) break; /* not ours: never matches */
        memcpy(cur + p, b + i + 2, (size_t)s);
        cur[p + s] = '\0';
        i += 2 + s;
        const int cmp = strcmp(cur, u);
        if (cmp >= 0) {
            found = cmp == 0;
            break;
        }
    }
    sqlite3_result_int(ctx, found);
}

/* Makes gh_in_set known to the connection (at open). */
int sqliteImportSetFunctions(sqliteStore *q) {
    return sqlite3_create_function_v2(q->db, "gh_in_set", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      NULL, setContains, NULL, NULL, NULL) == SQLITE_OK
               ? 0 : sqlFail(q, "gh_in_set");
}
