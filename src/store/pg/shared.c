/* What several `getihu serve` processes on one store share beyond sessions and
 * accounts (issue 12 §3, decisions 265 and 267): the sign-in limits' slots and the
 * console's background jobs. Statements are one-offs (no prepared numbers): they
 * run a few times per sign-in or per run. A job records the server process of the
 * connection that claimed it (pg_backend_pid): when getihu dies, so do its
 * connections, and a job left "running" reads "interrupted" from any machine, as
 * imports do (decision 254). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include "store/owner.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A job's status as read: a running job whose claiming connection is gone was interrupted. */
#define PG_JOB_STATUS                                                                                              \
    "CASE WHEN j.status='running' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid=j.owner_pid) "     \
    "THEN 'interrupted' ELSE j.status END"

static const char *pgF64(char buf[32], double v) {
    snprintf(buf, 32, "%.17g", v);
    return buf;
}

static int pgThrottleGet(storeBackend *b, int kind, uint64_t key, storeThrottle *out) {
    char k[24], kk[24];
    const char *params[2] = {pgI64(k, kind), pgI64(kk, (int64_t)key)};
    int code;
    PGresult *r = pgQuery(PG(b), -1, "SELECT level,last FROM throttle WHERE kind=$1::integer AND key=$2::bigint", 2,
                          params, &code, "throttle");
    if (!r) return code;
    const int n = PQntuples(r);
    if (n) *out = (storeThrottle){strtod(pgText(r, 0, 0), NULL), strtod(pgText(r, 0, 1), NULL)};
    PQclear(r);
    return n ? 0 : storeErrSet(b->err, GH_ENOTFOUND, "throttle", "没有记录 (no slot)");
}

static int pgThrottlePut(storeBackend *b, int kind, uint64_t key, const storeThrottle *t) {
    int rc = pgInTransaction(PG(b), "throttle");
    if (rc) return rc;
    char k[24], kk[24], lv[32], la[32];
    const char *params[4] = {pgI64(k, kind), pgI64(kk, (int64_t)key), pgF64(lv, t->level), pgF64(la, t->last)};
    return pgCmd(PG(b), -1,
                 "INSERT INTO throttle(kind,key,level,last) VALUES($1::integer,$2::bigint,$3::float8,$4::float8) "
                 "ON CONFLICT(kind,key) DO UPDATE SET level=excluded.level,last=excluded.last",
                 4, params, NULL, "throttle");
}

static int pgThrottleForget(storeBackend *b, int kind, double before, int64_t *removed) {
    char k[24], bf[32];
    const char *params[2] = {pgI64(k, kind), pgF64(bf, before)};
    *removed = 0;
    return pgCmd(PG(b), -1, "DELETE FROM throttle WHERE kind=$1::integer AND last<$2::float8", 2, params, removed,
                 "throttle");
}

static int pgJobRunning(storeBackend *b, const char *kind, int64_t *id) {
    int code;
    PGresult *r = pgQuery(PG(b), -1,
                          "SELECT j.id FROM jobs j WHERE j.kind=$1 AND j.status='running' AND " PG_JOB_STATUS
                          "='running' ORDER BY j.id DESC LIMIT 1",
                          1, &kind, &code, "jobs");
    if (!r) return code;
    const int n = PQntuples(r);
    if (n) *id = pgInt(r, 0, 0);
    PQclear(r);
    return n ? 0 : storeErrSet(b->err, GH_ENOTFOUND, "job", "没有进行中的任务 (no job running)");
}

static int pgJobStart(storeBackend *b, const storeJob *j, int64_t *id) {
    int rc = pgInTransaction(PG(b), "job");
    if (rc) return rc;
    int64_t running;
    rc = pgJobRunning(b, j->kind, &running); /* inside the writers' lock: no other claim can interleave */
    if (!rc) {
        *id = running;
        return storeErrSet(b->err, GH_EREFUSED, "job", "已有任务 %lld 在进行中 (job %lld is running)",
                           (long long)running, (long long)running);
    }
    if (rc != GH_ENOTFOUND) return rc;
    char year[24], total[24], host[256];
    ownerHost(host, sizeof host);
    const char *params[5] = {j->kind, pgI64(year, j->year), pgI64(total, j->total), j->actor, host};
    int code;
    PGresult *r = pgQuery(PG(b), -1,
                          "INSERT INTO jobs(kind,year,status,total,actor,owner_host,owner_pid,started_at) "
                          "VALUES($1,$2::integer,'running',$3::bigint,$4,$5,pg_backend_pid(),now()) RETURNING id",
                          5, params, &code, "jobs");
    if (!r) return code;
    *id = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

/* A single-row UPDATE outside the writers' lock: nothing a run holds blocks it, and
 * lock_timeout 0 would only matter if another progress held the row. */
static int pgJobProgress(storeBackend *b, int64_t id, int64_t done) {
    char i[24], d[24];
    const char *params[2] = {pgI64(i, id), pgI64(d, done)};
    return pgCmd(PG(b), -1, "UPDATE jobs SET done=$2::bigint WHERE id=$1::bigint AND status='running'", 2, params,
                 NULL, "jobs");
}

static int pgJobFinish(storeBackend *b, const storeJob *j) {
    char i[24], d[24], run[24];
    const char *params[5] = {pgI64(i, j->id), j->status, pgI64(d, j->done), pgI64(run, j->run_id), j->error};
    int64_t changed = 0;
    const int rc = pgCmd(PG(b), -1,
                         "UPDATE jobs SET status=$2,done=$3::bigint,run_id=nullif($4::bigint,0),error=$5,"
                         "finished_at=now() WHERE id=$1::bigint AND status='running'",
                         5, params, &changed, "jobs");
    if (!rc && !changed)
        return storeErrSet(b->err, GH_ENOTFOUND, "job", "任务 %lld 不在进行中 (job %lld is not running)",
                           (long long)j->id, (long long)j->id);
    return rc;
}

static int pgJobGet(storeBackend *b, int64_t id, arena *a, storeJob *out) {
    char i[24];
    const char *params[1] = {pgI64(i, id)};
    int code;
    PGresult *r = pgQuery(PG(b), -1,
                          "SELECT j.id,j.kind,j.year," PG_JOB_STATUS ",j.done,j.total,coalesce(j.run_id,0),j.error,"
                          "j.actor,j.owner_host||' '||j.owner_pid," PG_TIME_TEXT("j.started_at") ","
                          PG_TIME_TEXT("j.finished_at") " FROM jobs j WHERE j.id=$1::bigint",
                          1, params, &code, "jobs");
    if (!r) return code;
    if (!PQntuples(r)) {
        PQclear(r);
        return storeErrSet(b->err, GH_ENOTFOUND, "job", "没有任务 %lld (no job %lld)", (long long)id, (long long)id);
    }
    *out = (storeJob){.id = pgInt(r, 0, 0), .kind = pgDup(a, r, 0, 1), .year = (int)pgInt(r, 0, 2),
                      .status = pgDup(a, r, 0, 3), .done = pgInt(r, 0, 4), .total = pgInt(r, 0, 5),
                      .run_id = pgInt(r, 0, 6), .error = pgDup(a, r, 0, 7), .actor = pgDup(a, r, 0, 8),
                      .owner = pgDup(a, r, 0, 9), .started_at = pgDup(a, r, 0, 10), .finished_at = pgDup(a, r, 0, 11)};
    PQclear(r);
    return out->kind && out->status && out->actor && out->owner && out->started_at
               ? 0 : storeErrSet(b->err, GH_ENOMEM, "job", "内存不足 (out of memory)");
}

void pgSharedInstall(storeBackend *b) {
    b->throttleGet = pgThrottleGet;
    b->throttlePut = pgThrottlePut;
    b->throttleForget = pgThrottleForget;
    b->jobStart = pgJobStart;
    b->jobProgress = pgJobProgress;
    b->jobFinish = pgJobFinish;
    b->jobRunning = pgJobRunning;
    b->jobGet = pgJobGet;
}
