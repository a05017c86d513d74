/* Opening a SQLite store: what is at the path before SQLite touches it (missing,
 * read-only directory or filesystem), which kind of file it is (getihu's, an
 * older getihu's, empty, another program's), and the migrations. Nothing is
 * created, migrated or written unless the flags ask for it; another program's
 * file is refused before any write. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The last version made before databases carried the getihu application_id: a
 * database with application_id 0 and a version up to this one is an older getihu's. */
#define SQLITE_LAST_UNMARKED 3

/* Why a path cannot be written, or NULL when it can (errno of access(2)). */
static const char *openWhyReadOnly(int err, bool dir) {
    if (err == EROFS) return "文件系统只读 (read-only filesystem)";
    if (err == EACCES || err == EPERM) return dir ? "目录只读 (read-only directory)" : "文件只读 (read-only file)";
    return NULL;
}

/* The folder of path, into dir (n bytes): "." when path has none. */
static void openDirOf(char *dir, size_t n, const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, n, ".");
    else if (slash == path) snprintf(dir, n, "/");
    else snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

/* Checks the path before SQLite opens it. 0 when it may be opened as flags ask;
 * *exists tells whether the file is there; *immutable asks for a read-only open
 * that creates nothing beside the file (a read-only folder where no writer can
 * be: no -wal file there). Otherwise a code and err (storeOpen's contract). */
static int openProbe(const char *path, unsigned flags, bool *exists, bool *immutable, char *err, size_t n) {
    char dir[4096], wal[4200];
    struct stat st;
    openDirOf(dir, sizeof dir, path);
    *exists = stat(path, &st) == 0;
    *immutable = false;
    if (!*exists && errno != ENOENT) {
        snprintf(err, n, "%s: 无法访问 (cannot access): %s", path, strerror(errno));
        return GH_EIO;
    }
    if (*exists && !S_ISREG(st.st_mode)) {
        snprintf(err, n, "%s: 不是普通文件 (not a regular file)", path);
        return GH_EINVAL;
    }
    if (!*exists && !(flags & STORE_OPEN_CREATE)) {
        snprintf(err, n, "%s: 数据库文件不存在 (no such database file)", path);
        return GH_ENOTFOUND;
    }
    if (*exists && access(path, R_OK) != 0) {
        snprintf(err, n, "%s: 无法读取 (cannot read): %s", path, strerror(errno));
        return GH_EIO;
    }
    const char *why = NULL;
    const bool dir_ro = access(dir, W_OK) != 0 && (why = openWhyReadOnly(errno, true)) != NULL;
    if (flags & STORE_OPEN_READONLY) {
        snprintf(wal, sizeof wal, "%s-wal", path);
        *immutable = dir_ro && access(wal, F_OK) != 0;
        return 0;
    }
    if (*exists && access(path, W_OK) != 0 && openWhyReadOnly(errno, false)) {
        snprintf(err, n, "%s: 无法写入，%s (cannot write)", path, openWhyReadOnly(errno, false));
        return GH_EIO;
    }
    if (dir_ro) {
        snprintf(err, n, "%s: 无法写入，所在%s %s：SQLite 须在同一目录写 -wal、-shm 文件 (cannot write)", path, why,
                 dir);
        return GH_EIO;
    }
    return 0;
}

/* "file:" URI of path with immutable=1 (characters URIs reserve escaped). */
static void openImmutableUri(char *out, size_t n, const char *path) {
    size_t k = (size_t)snprintf(out, n, "file:");
    for (const char *p = path; *p && k + 4 < n; p++) {
        if (*p == '%' || *p == '?' || *p == '#') k += (size_t)snprintf(out + k, n - k, "%%%02X", (unsigned char)*p);
        else out[k++] = *p;
    }
    snprintf(out + k, n - k, "?immutable=1");
}

/* One integer of a PRAGMA or query; -1 when the statement failed (message set). */
static int64_t openInt(sqliteStore *q, const char *sql) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, sql, &st, "open")) return -1;
    const int rc = sqlite3_step(st);
    const int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    if (rc != SQLITE_ROW) sqlFail(q, "open");
    sqlite3_finalize(st);
    return v;
}

/* Which kind of file the connection holds: *version is its schema version (0:
 * empty). 0 for a getihu store (of any version) or an empty file; GH_EINVAL for
 * another program's file, GH_EIO when it cannot be read. */
static int openIdentify(sqliteStore *q, const char *path, int *version, char *err, size_t n) {
    const int64_t app = openInt(q, "PRAGMA application_id");
    const int64_t uv = app < 0 ? -1 : openInt(q, "PRAGMA user_version");
    const int64_t objects = uv < 0 ? -1 : openInt(q, "SELECT count(*) FROM sqlite_master");
    const int64_t ours = objects < 0 ? -1
                         : openInt(q, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                                      "('imports','businesses','runs')");
    if (ours < 0) {
        const int code = sqlite3_extended_errcode(q->db) & 0xff;
        snprintf(err, n, "%s: %s", path,
                 code == SQLITE_NOTADB ? "不是 getihu 数据库：不是 SQLite 数据库文件 (not a getihu database: not a "
                                         "SQLite file)；未作任何改动 (left untouched)"
                                       : q->base.err->message);
        return code == SQLITE_NOTADB ? GH_EINVAL : GH_EIO;
    }
    *version = (int)uv;
    if (app == SQLITE_APP_ID) return 0;
    if (app == 0 && uv == 0 && objects == 0) return 0; /* empty: nothing in it yet */
    if (app == 0 && uv >= 1 && uv <= SQLITE_LAST_UNMARKED && ours == 3) return 0; /* made before the mark */
    snprintf(err, n,
             "%s: 不是 getihu 数据库：另一个程序的 SQLite 文件 (not a getihu database: application_id %lld, "
             "user_version %lld, %lld tables and indexes)；未作任何改动 (left untouched)",
             path, (long long)app, (long long)uv, (long long)objects);
    return GH_EINVAL;
}

/* Brings the schema to the latest, in one transaction. The version is read again
 * inside it: another `db init` may have migrated while this one waited. */
static int openMigrate(sqliteStore *q) {
    if (sqlExec(q, "BEGIN IMMEDIATE")) return GH_EIO;
    const int64_t version = openInt(q, "PRAGMA user_version");
    if (version < 0) {
        sqlExec(q, "ROLLBACK");
        return GH_EIO;
    }
    for (int v = (int)version; v < STORE_SCHEMA_VERSION; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
        if (sqlExec(q, sqliteMigrations[v]) || sqlExec(q, pragma)) {
            char keep[512];
            memcpy(keep, q->base.err->message, sizeof keep);
            sqlExec(q, "ROLLBACK");
            return storeErrSet(q->base.err, GH_EIO, NULL, "迁移到结构版本 %d 失败 (migration failed): %.400s", v + 1,
                               keep);
        }
    }
    return sqlExec(q, "COMMIT");
}

/* Decides from the version what the open does: nothing, create, migrate or refuse. */
static int openSchema(sqliteStore *q, const char *path, unsigned flags, int version, char *err, size_t n) {
    const int latest = STORE_SCHEMA_VERSION;
    if (version > latest) {
        snprintf(err, n, "%s: 数据库结构版本 %d 比本程序新（%d），请升级 getihu (database is newer than this program)",
                 path, version, latest);
        return GH_EINVAL;
    }
    if (version == 0 && !(flags & STORE_OPEN_CREATE)) {
        snprintf(err, n, "%s: 空数据库，尚未初始化 (empty database, not initialised)", path);
        return GH_ENOTFOUND;
    }
    if (version > 0 && version < latest && !(flags & STORE_OPEN_MIGRATE)) {
        snprintf(err, n, "%s: 数据库结构版本 %d 旧于本程序的 %d，须先升级 (older schema: migrate it first)", path, version,
                 latest);
        return GH_ERANGE;
    }
    if (version == latest) return 0;
    /* WAL: readers do not block the writer; set once, kept in the file. */
    if (sqlExec(q, "PRAGMA journal_mode=WAL") || openMigrate(q)) {
        snprintf(err, n, "%s: %s", path, q->base.err->message);
        return GH_EIO;
    }
    return 0;
}

int sqliteOpenFile(sqliteStore *q, const char *path, unsigned flags, char *err, size_t n) {
    bool exists, immutable;
    int rc = openProbe(path, flags, &exists, &immutable, err, n);
    if (rc) return rc;
    char uri[8400];
    int oflags = SQLITE_OPEN_NOMUTEX;
    if (flags & STORE_OPEN_READONLY) oflags |= SQLITE_OPEN_READONLY;
    else oflags |= SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
    if (immutable) openImmutableUri(uri, sizeof uri, path), oflags |= SQLITE_OPEN_URI;
    if (sqlite3_open_v2(immutable ? uri : path, &q->db, oflags, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s: 无法打开数据库 (cannot open database): %s", path,
                 q->db ? sqlite3_errmsg(q->db) : "out of memory");
        return GH_EIO;
    }
    sqlite3_busy_timeout(q->db, SQLITE_WAIT_MS);
    int version = 0;
    if ((rc = openIdentify(q, path, &version, err, n))) return rc;
    q->opened_version = version;
    if ((rc = openSchema(q, path, flags, version, err, n))) return rc;
    /* NORMAL is durable across application crashes (a power cut can lose the last
     * transactions, never corrupt). */
    if (sqlExec(q, flags & STORE_OPEN_READONLY
                       ? "PRAGMA query_only=ON; PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384; PRAGMA mmap_size=0;"
                       : "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;"
                         "PRAGMA mmap_size=0;")) {
        snprintf(err, n, "%s: %s", path, q->base.err->message);
        return GH_EIO;
    }
    return 0;
}
