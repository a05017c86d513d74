/* Opening a PostgreSQL store: connecting, telling a getihu store (its meta table
 * with the application id and the schema version) from an empty database and
 * from another program's, creating and migrating. Nothing is created, migrated
 * or written unless the flags ask for it; another program's database is refused
 * before any write. Messages name the URL without its password. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The application id in getihu_meta ("GIHU", as the SQLite store's application_id). */
#define PG_APP_ID 1195984981

void storePgRedact(char *out, size_t n, const char *url) {
    const char *auth = strstr(url, "://");
    auth = auth ? auth + 3 : url;
    const char *end = auth + strcspn(auth, "/?");
    const char *at = NULL;
    for (const char *c = auth; c < end; c++)
        if (*c == '@') at = c; /* the last '@' ends the user information */
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    size_t k = 0;
    if (colon) k = (size_t)snprintf(out, n, "%.*s:***%s", (int)(colon - url), url, at);
    else k = (size_t)snprintf(out, n, "%s", url);
    if (k >= n) return;
    /* password=… among the query's parameters */
    for (char *q = strstr(out, "password="); q; q = strstr(q + 1, "password=")) {
        if (q != out && q[-1] != '?' && q[-1] != '&') continue;
        char *v = q + 9, *vend = v + strcspn(v, "&");
        if (strlen(out) + 3 >= n) return;
        memmove(v + 3, vend, strlen(vend) + 1);
        memcpy(v, "***", 3);
    }
}

static void pgQuiet(void *arg, const char *message) {
    (void)arg, (void)message; /* NOTICEs ("already exists, skipping") are not the user's business */
}

/* One integer of a one-row query; -1 when it failed (message set). */
static int64_t pgOpenInt(pgStore *p, const char *sql) {
    int code;
    PGresult *r = pgQuery(p, -1, sql, 0, NULL, &code, "open");
    if (!r) return -1;
    const int64_t v = PQntuples(r) ? pgInt(r, 0, 0) : -1;
    PQclear(r);
    return v;
}

/* Which kind of database the connection holds: *version its schema version (0:
 * empty). 0 for a getihu store or an empty schema; GH_EINVAL for another
 * program's; GH_EIO when it cannot be read. */
static int pgIdentify(pgStore *p, const char *shown, int *version, char *err, size_t n) {
    const int64_t meta = pgOpenInt(p, "SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid=c.relnamespace "
                                      "WHERE s.nspname=current_schema() AND c.relname='getihu_meta'");
    const int64_t objects = meta < 0 ? -1
                            : pgOpenInt(p, "SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid=c.relnamespace "
                                           "WHERE s.nspname=current_schema() AND c.relkind IN ('r','p','v','m','f')");
    if (objects < 0) {
        snprintf(err, n, "%s: %s", shown, p->base.err->message);
        return GH_EIO;
    }
    *version = 0;
    if (meta == 0 && objects == 0) return 0; /* empty: nothing in it yet */
    int64_t app = -1, v = -1;
    if (meta == 1) {
        int code;
        PGresult *r = pgQuery(p, -1, "SELECT application_id, schema_version FROM getihu_meta", 0, NULL, &code, "open");
        if (r && PQntuples(r) == 1) app = pgInt(r, 0, 0), v = pgInt(r, 0, 1);
        PQclear(r);
    }
    if (app == PG_APP_ID && v >= PG_SCHEMA_BASE) {
        *version = (int)v;
        return 0;
    }
    snprintf(err, n,
             "%s: 不是 getihu 数据库：另一个程序的数据 (not a getihu database: %lld tables, no getihu mark)；"
             "未作任何改动 (left untouched)",
             shown, (long long)objects);
    return GH_EINVAL;
}

/* Brings the schema to the latest in one transaction under the writers' lock; the
 * version is read again inside it: another `db init` may have done it meanwhile. */
static int pgMigrate(pgStore *p, const char *shown, char *err, size_t n) {
    char sql[96];
    snprintf(sql, sizeof sql, "BEGIN; SELECT pg_advisory_xact_lock(%d)", PG_WRITER_LOCK);
    int rc = pgExec(p, sql);
    int version = 0;
    if (!rc) rc = pgIdentify(p, shown, &version, err, n);
    else snprintf(err, n, "%s: %s", shown, p->base.err->message);
    if (rc) {
        (void)pgExec(p, "ROLLBACK");
        return rc;
    }
    for (int v = version; !rc && v < STORE_SCHEMA_VERSION; v = v ? v + 1 : PG_SCHEMA_BASE) {
        const char *step = pgMigrations[v ? v - PG_SCHEMA_BASE + 1 : 0];
        const int to = v ? v + 1 : PG_SCHEMA_BASE;
        /* a SQLite migration without its PostgreSQL twin leaves a NULL here */
        rc = step ? pgExec(p, step)
                  : storeErrSet(p->base.err, GH_EIO, NULL, "PostgreSQL 后端缺少到结构版本 %d 的迁移 (no migration)", to);
        snprintf(sql, sizeof sql, "UPDATE getihu_meta SET schema_version=%d", to);
        if (!rc) rc = pgExec(p, sql);
        if (rc) snprintf(err, n, "%s: 迁移到结构版本 %d 失败 (migration failed): %.400s", shown, to, p->base.err->message);
    }
    if (!rc && (rc = pgExec(p, "COMMIT"))) snprintf(err, n, "%s: %s", shown, p->base.err->message);
    if (rc) (void)pgExec(p, "ROLLBACK");
    return rc ? GH_EIO : 0;
}

/* Decides from the version what the open does: nothing, create, migrate or refuse. */
static int pgSchema(pgStore *p, const char *shown, unsigned flags, int version, char *err, size_t n) {
    const int latest = STORE_SCHEMA_VERSION;
    if (version > latest) {
        snprintf(err, n, "%s: 数据库结构版本 %d 比本程序新（%d），请升级 getihu (database is newer than this program)",
                 shown, version, latest);
        return GH_EINVAL;
    }
    if (version == 0 && !(flags & STORE_OPEN_CREATE)) {
        snprintf(err, n, "%s: 空数据库，尚未初始化 (empty database, not initialised)", shown);
        return GH_ENOTFOUND;
    }
    if (version > 0 && version < latest && !(flags & STORE_OPEN_MIGRATE)) {
        snprintf(err, n, "%s: 数据库结构版本 %d 旧于本程序的 %d，须先升级 (older schema: migrate it first)", shown,
                 version, latest);
        return GH_ERANGE;
    }
    return version == latest ? 0 : pgMigrate(p, shown, err, n);
}

int pgOpenUrl(pgStore *p, const char *url, unsigned flags, char *err, size_t n) {
    char shown[512];
    storePgRedact(shown, sizeof shown, url);
    p->conn = PQconnectdb(url);
    if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
        const char *msg = p->conn ? PQerrorMessage(p->conn) : "out of memory";
        snprintf(err, n, "%s: 无法连接数据库 (cannot connect): %.*s", shown, (int)strcspn(msg, "\n"), msg);
        return GH_EIO;
    }
    PQsetNoticeProcessor(p->conn, pgQuiet, NULL);
    /* UTF-8 text, ISO dates, instants in UTC: what the SQLite store keeps */
    if (PQsetClientEncoding(p->conn, "UTF8") ||
        pgExec(p, "SET TimeZone='UTC'; SET DateStyle='ISO, YMD'; SET IntervalStyle='iso_8601'")) {
        snprintf(err, n, "%s: %s", shown, p->base.err->message[0] ? p->base.err->message : PQerrorMessage(p->conn));
        return GH_EIO;
    }
    int version = 0, rc = pgIdentify(p, shown, &version, err, n);
    if (rc) return rc;
    p->opened_version = version;
    if ((rc = pgSchema(p, shown, flags, version, err, n))) return rc;
    if ((flags & STORE_OPEN_READONLY) && pgExec(p, "SET default_transaction_read_only=on")) {
        snprintf(err, n, "%s: %s", shown, p->base.err->message);
        return GH_EIO;
    }
    return 0;
}
