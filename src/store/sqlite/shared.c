/* What several `getihu serve` processes on one store share beyond sessions and
 * accounts (issue 12 §3): the sign-in limits' slots and the console's background
 * jobs. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include "store/owner.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int sqliteThrottleGet(storeBackend *b, int kind, uint64_t key, storeThrottle *out) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "SELECT level,last FROM throttle WHERE kind=?1 AND key=?2", &st, "throttle")) return GH_EIO;
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)key);
    const int step = sqlite3_step(st);
    if (step == SQLITE_ROW) *out = (storeThrottle){sqlite3_column_double(st, 0), sqlite3_column_double(st, 1)};
    sqlite3_finalize(st);
    if (step == SQLITE_DONE) return storeErrSet(SQ(b)->base.err, GH_ENOTFOUND, "throttle", "没有记录 (no slot)");
    return step == SQLITE_ROW ? 0 : sqlFail(SQ(b), "throttle");
}

static int sqliteThrottlePut(storeBackend *b, int kind, uint64_t key, const storeThrottle *t) {
    int rc = sqlInTransaction(SQ(b), "throttle");
    sqlite3_stmt *st;
    if (rc) return rc;
    if (sqlPrepare(SQ(b), "INSERT INTO throttle(kind,key,level,last) VALUES(?1,?2,?3,?4) "
                          "ON CONFLICT(kind,key) DO UPDATE SET level=excluded.level,last=excluded.last",
                   &st, "throttle"))
        return GH_EIO;
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)key);
    sqlite3_bind_double(st, 3, t->level);
    sqlite3_bind_double(st, 4, t->last);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlFail(SQ(b), "throttle");
    sqlite3_finalize(st);
    return rc;
}

static int sqliteThrottleForget(storeBackend *b, int kind, double before, int64_t *removed) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "DELETE FROM throttle WHERE kind=?1 AND last<?2", &st, "throttle")) return GH_EIO;
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_double(st, 2, before);
    const int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlFail(SQ(b), "throttle");
    *removed = rc ? 0 : sqlite3_changes(SQ(b)->db);
    sqlite3_finalize(st);
    return rc;
}

/* Whether a job of kind is running in a live process; *id the newest such. */
static int sqliteJobRunning(sqliteStore *q, const char *kind, int64_t *id, bool *running) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,owner_host,owner_pid FROM jobs WHERE kind=?1 AND status='running' ORDER BY id DESC",
                   &st, "jobs"))
        return GH_EIO;
    sqlBindText(st, 1, kind);
    int step;
    *running = false;
    while (!*running && (step = sqlite3_step(st)) == SQLITE_ROW)
        if (!ownerGone(sqlColText(st, 1), sqlite3_column_int64(st, 2))) {
            *running = true;
            *id = sqlite3_column_int64(st, 0);
        }
    sqlite3_finalize(st);
    return *running || step == SQLITE_DONE ? 0 : sqlFail(q, "jobs");
}

static int sqliteJobStart(storeBackend *b, const storeJob *j, int64_t *id) {
    sqliteStore *q = SQ(b);
    bool running;
    int rc = sqlInTransaction(q, "job");
    if (!rc) rc = sqliteJobRunning(q, j->kind, id, &running);
    if (rc) return rc;
    if (running)
        return storeErrSet(b->err, GH_EREFUSED, "job", "已有任务 %lld 在进行中 (job %lld is running)", (long long)*id,
                           (long long)*id);
    char host[256];
    ownerHost(host, sizeof host);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO jobs(kind,year,status,total,actor,owner_host,owner_pid,started_at) "
                      "VALUES(?1,?2,'running',?3,?4,?5,?6," TIME_NOW ")",
                   &st, "jobs"))
        return GH_EIO;
    sqlBindText(st, 1, j->kind);
    sqlite3_bind_int(st, 2, j->year);
    sqlite3_bind_int64(st, 3, j->total);
    sqlBindText(st, 4, j->actor);
    sqlBindText(st, 5, host);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)getpid());
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlFail(q, "jobs");
    sqlite3_finalize(st);
    if (!rc) *id = sqlite3_last_insert_rowid(q->db);
    return rc;
}

/* Progress never waits (the contract): while a run holds SQLite's one writer lock,
 * this fails at once with GH_EBUSY rather than stalling the run's progress callback. */
static int sqliteJobProgress(storeBackend *b, int64_t id, int64_t done) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "UPDATE jobs SET done=?2 WHERE id=?1 AND status='running'", &st, "jobs")) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, done);
    sqlite3_busy_timeout(q->db, 0);
    const int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlFail(q, "jobs");
    sqlite3_busy_timeout(q->db, SQLITE_WAIT_MS);
    sqlite3_finalize(st);
    return rc;
}

static int sqliteJobFinish(storeBackend *b, const storeJob *j) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "UPDATE jobs SET status=?2,done=?3,run_id=nullif(?4,0),error=?5,finished_at=" TIME_NOW
                      " WHERE id=?1 AND status='running'",
                   &st, "jobs"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, j->id);
    sqlBindText(st, 2, j->status);
    sqlite3_bind_int64(st, 3, j->done);
    sqlite3_bind_int64(st, 4, j->run_id);
    sqlBindText(st, 5, j->error);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlFail(q, "jobs");
    const int changed = rc ? 0 : sqlite3_changes(q->db);
    sqlite3_finalize(st);
    if (!rc && !changed)
        rc = storeErrSet(b->err, GH_ENOTFOUND, "job", "任务 %lld 不在进行中 (job %lld is not running)", (long long)j->id,
                         (long long)j->id);
    return rc;
}

static int sqliteJobRunningOf(storeBackend *b, const char *kind, int64_t *id) {
    bool running;
    const int rc = sqliteJobRunning(SQ(b), kind, id, &running);
    if (rc || running) return rc;
    return storeErrSet(b->err, GH_ENOTFOUND, "job", "没有进行中的任务 (no job running)");
}

static int sqliteJobGet(storeBackend *b, int64_t id, arena *a, storeJob *out) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,kind,year,status,done,total,coalesce(run_id,0),error,actor,owner_host,owner_pid,"
                      "started_at,finished_at FROM jobs WHERE id=?1",
                   &st, "jobs"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    const int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        char owner[300];
        const char *host = sqlColText(st, 9);
        const int64_t pid = sqlite3_column_int64(st, 10);
        snprintf(owner, sizeof owner, "%s %lld", host ? host : "", (long long)pid);
        const char *status = sqlColText(st, 3);
        const bool gone = status && !strcmp(status, "running") && ownerGone(host, pid);
        *out = (storeJob){.id = sqlite3_column_int64(st, 0), .kind = sqlDup(a, st, 1), .year = sqlite3_column_int(st, 2),
                          .status = gone ? "interrupted" : sqlDup(a, st, 3), .done = sqlite3_column_int64(st, 4),
                          .total = sqlite3_column_int64(st, 5), .run_id = sqlite3_column_int64(st, 6),
                          .error = sqlDup(a, st, 7), .actor = sqlDup(a, st, 8), .owner = arenaStrndup(a, owner, strlen(owner)),
                          .started_at = sqlDup(a, st, 11), .finished_at = sqlDup(a, st, 12)};
    }
    sqlite3_finalize(st);
    if (step == SQLITE_DONE)
        return storeErrSet(b->err, GH_ENOTFOUND, "job", "没有任务 %lld (no job %lld)", (long long)id, (long long)id);
    if (step != SQLITE_ROW) return sqlFail(q, "jobs");
    return out->kind && out->status && out->actor && out->owner && out->started_at
               ? 0 : storeErrSet(b->err, GH_ENOMEM, "job", "内存不足 (out of memory)");
}

void sqliteSharedInstall(storeBackend *b) {
    b->throttleGet = sqliteThrottleGet;
    b->throttlePut = sqliteThrottlePut;
    b->throttleForget = sqliteThrottleForget;
    b->jobStart = sqliteJobStart;
    b->jobProgress = sqliteJobProgress;
    b->jobFinish = sqliteJobFinish;
    b->jobRunning = sqliteJobRunningOf;
    b->jobGet = sqliteJobGet;
}
