/* The store's tables as data, for `getihu db copy` (issue 12 §3, decision 262): the PostgreSQL side of
 * sqlite/copy.c. Rows are read with a cursor (pgEach) and written with COPY; instants are read back as the text
 * the SQLite store keeps (PG_TIME_TEXT), dates as YYYY-MM-DD, bytea through hex (decision 259) as bytes. Table and column names are checked
 * against the catalogue before they are put into a statement; getihu_meta (the schema version) is the backend's
 * own and is not copied, as SQLite's pragmas are not. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_TABLES 128
#define COPY_COLUMNS 128
#define COPY_NAME 64
#define COPY_FLUSH (1u << 20)

/* The tables of the current schema, getihu_meta excepted, by name. */
#define COPY_TABLES_SQL                                                                                               \
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid=c.relnamespace WHERE n.nspname=current_schema() " \
    "AND c.relkind IN ('r','p') AND c.relname<>'getihu_meta' ORDER BY c.relname COLLATE \"C\""

/* 0 when table is one of the store's tables, GH_ENOTFOUND otherwise. */
static int copyKnown(pgStore *p, const char *table) {
    if (!table || strlen(table) >= COPY_NAME) return storeErrSet(p->base.err, GH_ENOTFOUND, "table", "没有这个表 (no such table)");
    int code;
    const char *params[] = {table};
    PGresult *r = pgQuery(p, -1,
                          "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid=c.relnamespace WHERE "
                          "n.nspname=current_schema() AND c.relkind IN ('r','p') AND c.relname<>'getihu_meta' AND c.relname=$1",
                          1, params, &code, "copy");
    if (!r) return code;
    const int found = PQntuples(r);
    PQclear(r);
    return found ? 0 : storeErrSet(p->base.err, GH_ENOTFOUND, "table", "没有表 %s (no such table)", table);
}

/* The references this backend keeps without a foreign key (pg_int.h, decision 295),
 * as rows (table, referenced table) to add to the catalog's, so that a parent is
 * still copied first: $1 the fact tables, $2 every imported table. */
#define PG_UNKEYED_REFS                                                                                     \
    "UNION ALL SELECT t, 'businesses' FROM unnest($1::text[]) t UNION ALL SELECT t, 'imports' FROM " \
    "unnest($2::text[]) t UNION ALL SELECT 'results', 'runs'"

/* names as the text of a PostgreSQL array ("{a,b}"; the names are plain identifiers). */
static void copyArray(char *out, size_t n, const char *const *names, int count) {
    size_t len = (size_t)snprintf(out, n, "{");
    for (int i = 0; i < count && len < n; i++) len += (size_t)snprintf(out + len, n - len, "%s%s", i ? "," : "", names[i]);
    if (len < n) snprintf(out + len, n - len, "}");
}

static int pgCopyEachTable(storeBackend *b, storeNameFn fn, void *ctx) {
    pgStore *p = PG(b);
    int code, k = 0;
    PGresult *t = pgQuery(p, -1, COPY_TABLES_SQL, 0, NULL, &code, "copy");
    if (!t) return code;
    char facts[256], imported[384];
    copyArray(facts, sizeof facts, pgFactTables, PG_FACT_TABLES);
    copyArray(imported, sizeof imported, pgImportedTables, PG_IMPORTED_TABLES);
    const char *params[] = {facts, imported};
    PGresult *refs = pgQuery(p, -1,
                             "SELECT t.relname::text, f.relname::text FROM pg_constraint k JOIN pg_class t ON t.oid=k.conrelid "
                             "JOIN pg_class f ON f.oid=k.confrelid JOIN pg_namespace n ON n.oid=t.relnamespace "
                             "WHERE k.contype='f' AND n.nspname=current_schema() " PG_UNKEYED_REFS,
                             2, params, &code, "copy");
    if (!refs) {
        PQclear(t);
        return code;
    }
    const int n = PQntuples(t) < COPY_TABLES ? PQntuples(t) : COPY_TABLES;
    bool done[COPY_TABLES] = {false};
    for (int left = n, pass = 0; left && !k && pass <= n; pass++) {
        for (int i = 0; i < n && !k; i++) {
            if (done[i]) continue;
            bool ready = true;
            for (int f = 0; f < PQntuples(refs) && ready; f++) {
                if (strcmp(PQgetvalue(refs, f, 0), PQgetvalue(t, i, 0))) continue;
                for (int j = 0; j < n; j++)
                    if (j != i && !done[j] && !strcmp(PQgetvalue(t, j, 0), PQgetvalue(refs, f, 1))) ready = false;
            }
            if (!ready) continue;
            done[i] = true, left--;
            k = fn(ctx, PQgetvalue(t, i, 0));
        }
    }
    PQclear(refs);
    PQclear(t);
    return k;
}

/* The columns of table (known) with their types, in column order; generated columns left out (computed). */
static PGresult *copyColumns(pgStore *p, const char *table, int *code) {
    const char *params[] = {table};
    return pgQuery(p, -1,
                   "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE "
                   "a.attrelid=to_regclass(quote_ident($1)) AND a.attnum>0 AND NOT a.attisdropped AND a.attgenerated='' "
                   "ORDER BY a.attnum",
                   1, params, code, "copy");
}

static int pgCopyEachColumn(storeBackend *b, const char *table, storeNameFn fn, void *ctx) {
    pgStore *p = PG(b);
    int code = copyKnown(p, table), k = 0;
    if (code) return code;
    PGresult *r = copyColumns(p, table, &code);
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) k = fn(ctx, PQgetvalue(r, i, 0));
    PQclear(r);
    return k;
}

typedef enum { COPY_AS_INT, COPY_AS_TEXT, COPY_AS_BYTES } copyAs;
typedef struct copyWalk {
    pgStore *p;
    int n;
    copyAs as[COPY_COLUMNS];
    storeRowFn fn;
    void *ctx;
} copyWalk;

static int copyHex(char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10; }

static int copyWalkRow(void *ctx, PGresult *r, int row) {
    copyWalk *w = ctx;
    storeValue v[COPY_COLUMNS];
    arenaReset(&w->p->scratch);
    for (int i = 0; i < w->n; i++) {
        v[i] = (storeValue){.kind = STORE_VALUE_NULL};
        if (PQgetisnull(r, row, i)) continue;
        const char *text = PQgetvalue(r, row, i);
        const size_t len = (size_t)PQgetlength(r, row, i);
        if (w->as[i] == COPY_AS_INT) {
            v[i].kind = STORE_VALUE_INT, v[i].i = strtoll(text, NULL, 10);
        } else if (w->as[i] == COPY_AS_BYTES) { /* encode(…,'hex'): two digits a byte (decision 259) */
            const size_t n = len / 2;
            unsigned char *bytes = arenaAlloc(&w->p->scratch, n + 1);
            if (!bytes) return storeErrSet(w->p->base.err, GH_ENOMEM, NULL, "copy: 内存不足 (out of memory)");
            for (size_t k = 0; k < n; k++) bytes[k] = (unsigned char)(copyHex(text[2 * k]) << 4 | copyHex(text[2 * k + 1]));
            v[i].kind = STORE_VALUE_BLOB, v[i].p = (const char *)bytes, v[i].n = n;
        } else {
            v[i].kind = STORE_VALUE_TEXT, v[i].p = text, v[i].n = len;
        }
    }
    return w->fn(w->ctx, v, w->n);
}

/* SELECT with each column read as getihu's backends agree on it, ordered by the primary key (all columns when
 * there is none). */
static int pgCopyEachRow(storeBackend *b, const char *table, storeRowFn fn, void *ctx) {
    pgStore *p = PG(b);
    int code = copyKnown(p, table);
    if (code) return code;
    PGresult *cols = copyColumns(p, table, &code);
    if (!cols) return code;
    copyWalk w = {.p = p, .n = PQntuples(cols), .fn = fn, .ctx = ctx};
    sbuf sql;
    sbufInit(&sql);
    sbufPrintf(&sql, "SELECT ");
    for (int i = 0; i < w.n && i < COPY_COLUMNS; i++) {
        const char *name = PQgetvalue(cols, i, 0), *type = PQgetvalue(cols, i, 1);
        w.as[i] = !strcmp(type, "bigint") || !strcmp(type, "integer") || !strcmp(type, "smallint") ? COPY_AS_INT
                  : !strcmp(type, "bytea")                                                        ? COPY_AS_BYTES
                                                                                                  : COPY_AS_TEXT;
        if (!strncmp(type, "timestamp", 9)) sbufPrintf(&sql, "%s" PG_TIME_TEXT("\"%s\""), i ? "," : "", name);
        else if (!strcmp(type, "date")) sbufPrintf(&sql, "%sto_char(\"%s\",'YYYY-MM-DD')", i ? "," : "", name);
        else if (w.as[i] == COPY_AS_BYTES) sbufPrintf(&sql, "%sencode(\"%s\",'hex')", i ? "," : "", name);
        else sbufPrintf(&sql, "%s\"%s\"", i ? "," : "", name);
    }
    sbufPrintf(&sql, " FROM \"%s\" ORDER BY ", table);
    PQclear(cols);
    const char *params[] = {table};
    PGresult *pk = pgQuery(p, -1,
                           "SELECT a.attname FROM pg_index x JOIN pg_attribute a ON a.attrelid=x.indrelid AND "
                           "a.attnum=ANY(x.indkey) WHERE x.indrelid=to_regclass(quote_ident($1)) AND x.indisprimary "
                           "ORDER BY array_position(x.indkey::int2[], a.attnum)",
                           1, params, &code, "copy");
    if (!pk) {
        sbufFree(&sql);
        return code;
    }
    for (int i = 0; i < PQntuples(pk); i++) sbufPrintf(&sql, "%s\"%s\"", i ? "," : "", PQgetvalue(pk, i, 0));
    for (int i = 0; !PQntuples(pk) && i < w.n; i++) sbufPrintf(&sql, "%s%d", i ? "," : "", i + 1);
    PQclear(pk);
    if (w.n > COPY_COLUMNS || sql.failed) code = storeErrSet(p->base.err, GH_ERANGE, "table", "%s: too many columns", table);
    else code = pgEach(p, sql.data, 0, NULL, copyWalkRow, &w, "copy");
    sbufFree(&sql);
    return code;
}

static int pgCopyCountRows(storeBackend *b, const char *table, int64_t *n) {
    pgStore *p = PG(b);
    int code = copyKnown(p, table);
    if (code) return code;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
    PGresult *r = pgQuery(p, -1, sql, 0, NULL, &code, "copy");
    if (!r) return code;
    *n = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

/* COPY "table"("c1",…) FROM STDIN, each column checked to be one of the table's. */
static int pgCopyLoadBegin(storeBackend *b, const char *table, const char *const *columns, int n) {
    pgStore *p = PG(b);
    int code = pgInTransaction(p, "copy");
    if (!code) code = pgCopyPending(p);
    if (!code) code = copyKnown(p, table);
    if (code) return code;
    PGresult *cols = copyColumns(p, table, &code);
    if (!cols) return code;
    int len = snprintf(p->load_sql, sizeof p->load_sql, "COPY \"%s\"(", table);
    for (int i = 0; i < n && !code; i++) {
        bool found = false;
        for (int k = 0; k < PQntuples(cols) && !found; k++) found = !strcmp(PQgetvalue(cols, k, 0), columns[i]);
        if (!found) code = storeErrSet(p->base.err, GH_ENOTFOUND, columns[i], "表 %s 没有列 %s (no such column)", table, columns[i]);
        else if (len < (int)sizeof p->load_sql)
            len += snprintf(p->load_sql + len, sizeof p->load_sql - len, "%s\"%s\"", i ? "," : "", columns[i]);
    }
    PQclear(cols);
    if (len < (int)sizeof p->load_sql) len += snprintf(p->load_sql + len, sizeof p->load_sql - len, ") FROM STDIN");
    if (!code && len >= (int)sizeof p->load_sql) code = storeErrSet(p->base.err, GH_ERANGE, "table", "statement too long");
    p->load_n = code ? 0 : n;
    if (code) p->load_sql[0] = '\0';
    return code;
}

/* One field of COPY's text format: \N, digits, escaped text, or bytea as \\x and hex. */
static void copyField(sbuf *b, const storeValue *v, bool last) {
    static const char hex[] = "0123456789abcdef";
    if (v->kind == STORE_VALUE_NULL) {
        sbufAppend(b, "\\N", 2);
    } else if (v->kind == STORE_VALUE_INT) {
        sbufPrintf(b, "%lld", (long long)v->i);
    } else if (v->kind == STORE_VALUE_BLOB) {
        sbufAppend(b, "\\\\x", 3);
        for (size_t i = 0; i < v->n; i++) {
            const unsigned char c = (unsigned char)v->p[i];
            sbufPutc(b, hex[c >> 4]);
            sbufPutc(b, hex[c & 15]);
        }
    } else {
        for (size_t i = 0; i < v->n; i++) {
            const char c = v->p[i];
            const char *esc = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
            if (esc) sbufAppend(b, esc, 2);
            else sbufPutc(b, c);
        }
    }
    sbufPutc(b, last ? '\n' : '\t');
}

static int pgCopyLoadRow(storeBackend *b, const storeValue *v, int n) {
    pgStore *p = PG(b);
    if (!p->load_sql[0] || n != p->load_n)
        return storeErrSet(p->base.err, GH_EINVAL, NULL, "load: %d values for %d columns", n, p->load_n);
    p->copy_sql = p->load_sql;
    p->copy_target = PG_ST_SPARE;
    for (int i = 0; i < n; i++) copyField(&p->copy, &v[i], i == n - 1);
    return p->copy.len >= COPY_FLUSH || p->copy.failed ? pgCopyFlush(p, p->load_sql) : 0;
}

/* The rest of the COPY, then every identity or serial column's sequence moved past the ids loaded. */
static int pgCopyLoadEnd(storeBackend *b) {
    pgStore *p = PG(b);
    if (!p->load_sql[0]) return 0;
    int code = pgCopyFlush(p, p->load_sql);
    p->copy_sql = NULL;
    char table[COPY_NAME] = "";
    sscanf(p->load_sql, "COPY \"%63[^\"]\"", table);
    p->load_sql[0] = '\0';
    p->load_n = 0;
    if (code) return code;
    const char *params[] = {table};
    PGresult *seq = pgQuery(p, -1,
                            "SELECT a.attname, pg_get_serial_sequence(quote_ident($1), a.attname) FROM pg_attribute a "
                            "WHERE a.attrelid=to_regclass(quote_ident($1)) AND a.attnum>0 AND NOT a.attisdropped AND "
                            "pg_get_serial_sequence(quote_ident($1), a.attname) IS NOT NULL",
                            1, params, &code, "copy");
    if (!seq) return code;
    for (int i = 0; i < PQntuples(seq) && !code; i++) {
        char sql[512];
        snprintf(sql, sizeof sql, "SELECT setval('%s', coalesce(max(\"%s\"),0)+1, false) FROM \"%s\"", PQgetvalue(seq, i, 1),
                 PQgetvalue(seq, i, 0), table);
        PGresult *r = pgQuery(p, -1, sql, 0, NULL, &code, "copy");
        if (r) PQclear(r);
    }
    PQclear(seq);
    return code;
}

void pgCopyInstall(storeBackend *b) {
    b->eachTable = pgCopyEachTable;
    b->eachColumn = pgCopyEachColumn;
    b->eachRow = pgCopyEachRow;
    b->countRows = pgCopyCountRows;
    b->loadBegin = pgCopyLoadBegin;
    b->loadRow = pgCopyLoadRow;
    b->loadEnd = pgCopyLoadEnd;
}
