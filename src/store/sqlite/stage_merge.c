/* The stage's walks in key order (decisions 320-322): the repeated keys from one walk
 * of the key index, the unknown-business check as one merge of the stage (in line or
 * key order) with the USCC index, the apply statements without their sort when the
 * USCCs came ascending, and both tax flags in one pass. Where a walk cannot be used
 * (a key that does not begin with its USCC), stage.c's seeks run as before. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

/* Keeps stage_last_uscc/stage_uscc_unsorted and stage_key_other: one comparison a
 * row. A key that begins with the USCC (the USCC, or it and '/' and more) is in USCC
 * order when it is in key order, since a USCC's characters all sort after '/'; a
 * kind whose key does not (the city's) sets stage_key_other. */
void sqliteStageUsccOrder(sqliteStore *q, const char *key, const char *uscc) {
    const size_t n = uscc ? strlen(uscc) : sizeof q->stage_last_uscc;
    if (!q->stage_key_other && (n >= sizeof q->stage_last_uscc || strncmp(key, uscc, n) || (key[n] && key[n] != '/')))
        q->stage_key_other = true;
    if (q->stage_uscc_unsorted) return;
    if (n >= sizeof q->stage_last_uscc || strcmp(uscc, q->stage_last_uscc) < 0) q->stage_uscc_unsorted = true;
    else memcpy(q->stage_last_uscc, uscc, n + 1);
}

/* Marks bad, with message, every staged line whose key an earlier line gave, from
 * one walk of the (key, line) index: a repeat is next to its first (decision 320;
 * the self-join it replaces sought each repeated key's lines again). */
int sqliteStageWalkDuplicates(sqliteStore *q, const char *message) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, q->stage_index == STAGE_INDEX_USCC
                          ? "SELECT key, line FROM temp.stage INDEXED BY stage_key ORDER BY uscc, key, line"
                          : "SELECT key, line FROM temp.stage INDEXED BY stage_key ORDER BY key, line", &st, "stage"))
        return GH_EIO;
    char last[sizeof q->stage_last] = "";
    bool any = false;
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = sqlColText(st, 0);
        if (any && !strcmp(key, last)) k = q->base.stageBad(&q->base, (uint64_t)sqlite3_column_int64(st, 1), "uscc", message);
        else snprintf(last, sizeof last, "%s", key);
        any = true;
    }
    sqlite3_finalize(st);
    return k ? k : rc == SQLITE_DONE ? 0 : sqlFail(q, "stage");
}

/* The USCC of a staged key (stage_key_other false): its part before '/'. */
static void mergeUscc(char *out, size_t n, const char *key) {
    const size_t len = strcspn(key, "/");
    snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), key);
}

/* The last rowid of temp.bad (0: none), or -1 on failure (message set). */
static int64_t mergeLastBad(sqliteStore *q) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT coalesce(max(rowid),0) FROM temp.bad", &st, "stage")) return -1;
    const int rc = sqlite3_step(st);
    const int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (v < 0) sqlFail(q, "stage");
    return v;
}

/* Removes the bad rows marked after mark. */
static int mergeForget(sqliteStore *q, int64_t mark) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, "DELETE FROM temp.bad WHERE rowid > ?1", &st, "stage")) return GH_EIO;
    sqlite3_bind_int64(st, 1, mark);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sqlFail(q, "stage");
}

/* Marks bad, with message, each staged line whose USCC the directory does not hold,
 * by walking the stage in USCC order (its line order when the file came sorted, else
 * its key index) beside the unique USCC index of businesses (decision 320): two
 * sequential reads instead of one B-tree seek a staged row. Sets *done false, and
 * marks nothing, when the stage cannot be walked so (the caller runs the seeks). */
int sqliteStageMergeUnknown(sqliteStore *q, const char *message, bool *done) {
    *done = false;
    if (q->stage_uscc_unsorted && q->stage_key_other) return 0;
    const int64_t mark = mergeLastBad(q);
    if (mark < 0) return GH_EIO;
    sqlite3_stmt *st, *dir;
    if (sqlPrepare(q, !q->stage_uscc_unsorted ? "SELECT line, uscc FROM temp.stage ORDER BY line"
                      : q->stage_index == STAGE_INDEX_USCC
                          ? "SELECT line, key FROM temp.stage INDEXED BY stage_key ORDER BY uscc, key, line"
                          : "SELECT line, key FROM temp.stage INDEXED BY stage_key ORDER BY key, line", &st, "stage"))
        return GH_EIO;
    if (sqlPrepare(q, "SELECT uscc FROM main.businesses ORDER BY uscc", &dir, "stage")) {
        sqlite3_finalize(st);
        return GH_EIO;
    }
    char have[sizeof q->stage_last_uscc] = "", u[sizeof have], prev[sizeof have] = "";
    int rc, drc = SQLITE_ROW, k = 0;
    bool more = true; /* the directory has a row at or after have */
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        mergeUscc(u, sizeof u, sqlColText(st, 1));
        if (strcmp(u, prev) < 0) break; /* not in USCC order after all: rc stays SQLITE_ROW */
        memcpy(prev, u, sizeof prev);
        int cmp = more && have[0] ? strcmp(have, u) : -1;
        while (more && cmp < 0) { /* the directory's next USCC not below u */
            if ((drc = sqlite3_step(dir)) != SQLITE_ROW) {
                more = false;
                break;
            }
            snprintf(have, sizeof have, "%s", sqlColText(dir, 0));
            cmp = strcmp(have, u);
        }
        if (!more || cmp != 0) k = q->base.stageBad(&q->base, (uint64_t)sqlite3_column_int64(st, 0), "uscc", message);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(dir);
    if (k) return k;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return sqlFail(q, "stage");
    if (drc != SQLITE_ROW && drc != SQLITE_DONE) return sqlFail(q, "stage");
    if (rc == SQLITE_ROW) return mergeForget(q, mark); /* the walk stopped: the seeks mark again */
    *done = true;
    return 0;
}

/* Creates the stage's key index, once (decision 329): led by the USCC when every
 * key begins with its USCC, so that its order is the key order and the USCC order
 * at once; led by the key otherwise. */
int sqliteStageKeyIndex(sqliteStore *q) {
    if (q->stage_index != STAGE_INDEX_NONE) return 0;
    const bool uscc = !q->stage_key_other;
    if (sqlExec(q, uscc ? "CREATE INDEX temp.stage_key ON stage(uscc, key, line)"
                        : "CREATE INDEX temp.stage_key ON stage(key, line)"))
        return GH_EIO;
    q->stage_index = uscc ? STAGE_INDEX_USCC : STAGE_INDEX_KEY;
    return 0;
}

/* Copies into out the apply statement sql with its "ORDER BY …" (up to " ON
 * CONFLICT") replaced by "ORDER BY line" when the stage is in USCC order: the
 * rows then go in the order the sort would give them, without the sort of the
 * whole stage (decision 321). Out of order, when by_key and the key index is led
 * by the USCC, by the index's order instead (decision 329): USCC order again,
 * read from the index, not sorted. Returns sql itself when nothing is replaced. */
const char *sqliteStageOrderedSql(const sqliteStore *q, const char *sql, bool by_key, char *out, size_t n) {
    static const char from[] = " FROM stage WHERE ";
    const char *ob = strstr(sql, " ORDER BY "), *oc = ob ? strstr(ob, " ON CONFLICT") : NULL;
    if (!oc) return sql;
    int w;
    if (!q->stage_uscc_unsorted) {
        w = snprintf(out, n, "%.*s ORDER BY line%s", (int)(ob - sql), sql, oc);
    } else {
        const char *f = strstr(sql, from);
        if (q->stage_index != STAGE_INDEX_USCC || !f || f > ob) return sql;
        const char *where = f + sizeof from - 1;
        if (by_key)
            w = snprintf(out, n, "%.*s FROM stage INDEXED BY stage_key WHERE %.*s ORDER BY uscc, key%s",
                         (int)(f - sql), sql, (int)(ob - where), where, oc);
        else /* sorted as before: a walk of the index would fetch every row to sort a few */
            w = snprintf(out, n, "%.*s FROM stage NOT INDEXED WHERE %s", (int)(f - sql), sql, where);
    }
    return w > 0 && (size_t)w < n ? out : sql;
}

/* gh_tally(x, c): x, counting in stage_tally the rows where c is true. The tax
 * flags' one UPDATE (decision 322) counts with it the rows whose two flags both
 * change, so that its change count stays one a flag. */
static void stageTally(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    sqliteStore *q = sqlite3_user_data(ctx);
    if (sqlite3_value_int(argv[1])) q->stage_tally++;
    sqlite3_result_value(ctx, argv[0]);
}

/* Both tax flags in one UPDATE (decision 322): per business the flag of its last
 * good row that gives it (line*2+flag, whose max is the last line's flag), as the
 * two UPDATEs of stage.c chose them. */
#define TAX_FLAGS_SQL(from) \
    "UPDATE businesses SET tax_registered=coalesce(f.t%2,tax_registered), " \
    "general_taxpayer=coalesce(f.g%2,general_taxpayer), " \
    "import_id=gh_tally(?1, tax_registered<>f.t%2 AND general_taxpayer<>f.g%2) FROM (SELECT uscc, " \
    "max(CASE WHEN taxreg IS NOT NULL THEN line*2+taxreg END) AS t, " \
    "max(CASE WHEN gentax IS NOT NULL THEN line*2+gentax END) AS g FROM " from " WHERE line NOT IN " \
    "(SELECT line FROM bad) AND (taxreg IS NOT NULL OR gentax IS NOT NULL) GROUP BY uscc) f " \
    "WHERE businesses.uscc=f.uscc AND (businesses.tax_registered<>f.t%2 OR businesses.general_taxpayer<>f.g%2)"

/* Applies both tax flags of the stage in one pass; adds to *changed one a flag
 * that changed. */
int sqliteStageTaxFlags(sqliteStore *q, int64_t import_id, int64_t *changed) {
    sqlite3_stmt *st;
    /* grouped in the order of a USCC-led key index when there is one: no sort (decision 329) */
    if (sqlPrepare(q, q->stage_index == STAGE_INDEX_USCC ? TAX_FLAGS_SQL("stage INDEXED BY stage_key")
                                                         : TAX_FLAGS_SQL("stage"), &st, "stage"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, import_id);
    q->stage_tally = 0;
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return sqlFail(q, "stage");
    *changed += sqlite3_changes(q->db) + q->stage_tally;
    return 0;
}

/* Makes gh_tally known to the connection (at open). */
int sqliteStageFunctions(sqliteStore *q) {
    return sqlite3_create_function_v2(q->db, "gh_tally", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, q, stageTally, NULL, NULL,
                                      NULL) == SQLITE_OK
               ? 0 : sqlFail(q, "gh_tally");
}
