#include "http/routes.h"
#include "app/params.h"
#include "app/run.h"
#include "app/accounts.h"
#include "core/error.h"
#include "io/json.h"
#include "io/jsonw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs started from the console (POST /api/runs): one at a time across the serve
 * processes on the store, on a thread with its own store connection; GET
 * /api/jobs/{id} follows its progress in any process (decision 267). */

void httpJobsInit(httpJobs *j, const char *db_path) {
    memset(j, 0, sizeof *j);
    j->db_path = db_path;
    pthread_mutex_init(&j->mu, NULL);
}

void httpJobsStop(httpJobs *j) {
    if (j->thread_live) pthread_join(j->thread, NULL);
    free(j->job.params_text);
    pthread_mutex_destroy(&j->mu);
}

/* How often the run's progress is written to the store for the other processes. */
#define JOB_SHARE_SECONDS 0.5
/* How many times the end of a job is tried while other writers hold the store (each
 * try waits the store's own time): a job left "running" would refuse every later run. */
#define JOB_FINISH_TRIES 12

/* The run's progress callback (it may come from the run's worker threads: all of it
 * under the jobs' lock, the store write included, which never waits). */
static void jobProgress(void *ctx, int64_t done) {
    httpJobs *jobs = ctx;
    const double now = httpMonotonic();
    pthread_mutex_lock(&jobs->mu);
    if (done > jobs->job.done) jobs->job.done = done;
    if (jobs->shared && now - jobs->shared_at >= JOB_SHARE_SECONDS) {
        jobs->shared_at = now;
        /* best effort (decision 267): on SQLite the run's own transaction holds the
         * one writer lock, so this fails at once with GH_EBUSY and the others see the
         * job running until it ends; on PostgreSQL it lands */
        (void)storeJobProgress(jobs->shared, jobs->job.id, jobs->job.done);
    }
    pthread_mutex_unlock(&jobs->mu);
}

/* Records the end of the job (as it is now in jobs) in the store through s (or a
 * connection of its own when s is NULL), trying again while other writers hold it;
 * says so on stderr when it cannot, since the job then reads "running" until this
 * process ends. */
static void jobRecordEnd(httpJobs *jobs, store *s) {
    char status[sizeof jobs->job.status], error[sizeof jobs->job.error], err[600] = "";
    pthread_mutex_lock(&jobs->mu);
    const httpJob *j = &jobs->job;
    memcpy(status, j->status, sizeof status);
    memcpy(error, j->error, sizeof error);
    const storeJob end = {.id = j->id, .status = status, .done = j->done, .run_id = j->run_id,
                          .error = error[0] ? error : NULL};
    pthread_mutex_unlock(&jobs->mu);
    store *own = NULL;
    if (!s && storeOpen(&own, jobs->db_path, 0, err, sizeof err) == 0) s = own;
    int rc = s ? GH_EBUSY : GH_EIO;
    for (int i = 0; s && rc == GH_EBUSY && i < JOB_FINISH_TRIES; i++) rc = storeJobFinish(s, &end);
    if (rc)
        fprintf(stderr, "getihu serve: job %lld: its end was not recorded: %s\n", (long long)end.id,
                s ? storeLastError(s)->message : err);
    storeClose(own);
}

static void *jobMain(void *arg) {
    httpJobs *jobs = arg;
    httpJob *j = &jobs->job;
    char err[600];
    store *s;
    int rc = storeOpen(&s, jobs->db_path, 0, err, sizeof err);
    if (!rc) {
        store *shared = NULL;
        if (storeOpen(&shared, jobs->db_path, 0, err, sizeof err)) shared = NULL; /* progress then stays here */
        pthread_mutex_lock(&jobs->mu);
        jobs->shared = shared;
        pthread_mutex_unlock(&jobs->mu);
        const appRunInfo info = {.params = &j->params, .params_json = j->params_text,
                                 .version = GETIHU_HTTP_VERSION, .actor = j->actor, .role = j->role, .client = j->client,
                                 .progress = jobProgress, .progress_ctx = jobs,
                                 .name = j->name[0] ? j->name : NULL, .note = j->note[0] ? j->note : NULL};
        appRunResult res;
        rc = appRunYear(s, &info, &res);
        pthread_mutex_lock(&jobs->mu);
        storeClose(jobs->shared);
        jobs->shared = NULL;
        if (rc) snprintf(j->error, sizeof j->error, "%s", res.message);
        j->run_id = rc ? 0 : res.run_id;
        j->done = rc ? j->done : res.population;
        snprintf(j->status, sizeof j->status, "%s", rc ? "failed" : "done");
        pthread_mutex_unlock(&jobs->mu);
        jobRecordEnd(jobs, s);
        storeClose(s);
    } else {
        pthread_mutex_lock(&jobs->mu);
        snprintf(j->error, sizeof j->error, "%s", err);
        snprintf(j->status, sizeof j->status, "failed");
        pthread_mutex_unlock(&jobs->mu);
        jobRecordEnd(jobs, NULL);
    }
    return NULL;
}

/* The run's label of the start request (issue 11 §4): name and note, both optional. */
typedef struct jobLabel { const char *name, *note; } jobLabel;

/* The start request {"year":2025, "params":{…}?, "name":"…"?, "note":"…"?}: 0 with
 * the year, the params object's text (or NULL) and the label, GH_EINVAL when
 * malformed. */
static int jobParse(const char *body, size_t n, arena *a, long *year, const char **ps, size_t *pn, jobLabel *label) {
    jsonReader j;
    jsonInit(&j, body, n, a);
    const char *key, *num, *pe = NULL;
    size_t kn, nn;
    bool first = true;
    *year = 0;
    *ps = NULL;
    int k = jsonObjectBegin(&j) ? -1 : 1;
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1) {
        if (jsonKeyIs(key, kn, "year") && jsonPeek(&j) == JSON_T_NUMBER) {
            /* digits only: 2025.5 or 2.025e3 is not a year (issue 8, finding 12) */
            if (jsonNumber(&j, &num, &nn) || !nn || nn > 4 || strspn(num, "0123456789") < nn) k = -1;
            else *year = strtol(num, NULL, 10);
        } else if (jsonKeyIs(key, kn, "params") && jsonPeek(&j) == JSON_T_OBJECT) {
            *ps = j.p;
            if (jsonSkip(&j)) k = -1;
            pe = j.p;
        } else if ((jsonKeyIs(key, kn, "name") || jsonKeyIs(key, kn, "note")) && jsonPeek(&j) == JSON_T_STRING) {
            const char **slot = jsonKeyIs(key, kn, "name") ? &label->name : &label->note;
            size_t sn;
            if (jsonString(&j, slot, &sn) || strlen(*slot) != sn) k = -1;
        } else if (jsonSkip(&j)) {
            k = -1;
        }
    }
    *pn = *ps ? (size_t)(pe - *ps) : 0;
    return k < 0 || jsonEnd(&j) || *year < 2000 || *year > 2200 || appRunLabelCheck(label->name, label->note)
               ? GH_EINVAL : 0;
}

/* Records a new running run job of year in the store: *id, and *total the businesses
 * it will type (0 when they cannot be counted: progress then shows no total).
 * GH_EREFUSED while a run job is running in any process (decision 267), GH_EBUSY when
 * another writer holds the store past the short wait, another GH_E* on failure. */
static int jobClaim(httpCtx *c, int year, int64_t *id, int64_t *total) {
    store *s = httpStore(c);
    int rc = storeJobRunning(s, "run", id); /* a read first: a run elsewhere holds SQLite's writer lock */
    if (rc != GH_ENOTFOUND) return rc ? rc : GH_EREFUSED;
    if (storeCountBusinesses(s, total)) *total = 0;
    storeIdle(s);
    rc = storeBeginWait(s, ACCOUNT_WRITE_WAIT_MS);
    const storeJob want = {.kind = "run", .year = year, .total = *total, .actor = c->who.username};
    if (!rc) rc = storeJobStart(s, &want, id);
    if (!rc) rc = storeCommit(s);
    if (rc) storeRollback(s);
    return rc;
}

/* POST /api/runs: starts a run (the shipped parameters of the year when none are
 * given). 202 with the job; 409 while one runs. */
void jobStart(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    long year;
    const char *ps;
    size_t pn;
    jobLabel label = {NULL, NULL};
    if (jobParse(c->body, c->body_len, &a, &year, &ps, &pn, &label)) {
        arenaFree(&a);
        httpFail(c, 400, "请求应为 {\"year\":2025, \"params\":{…}, \"name\":\"名称（40 字以内）\", \"note\":\"备注（200 字以内）\"} (year required)");
        return;
    }
    char name[sizeof ((httpJob *)0)->name], note[sizeof ((httpJob *)0)->note]; /* copied out before the arena goes */
    snprintf(name, sizeof name, "%s", label.name ? label.name : "");
    snprintf(note, sizeof note, "%s", label.note ? label.note : "");
    yearParams p;
    char *text, err[512];
    const char *origin;
    const int rc = appParamsLoad(&p, &text, &origin, (int)year, ps, pn, err, sizeof err);
    arenaFree(&a);
    if (rc) {
        httpFail(c, rc == GH_ENOMEM ? 500 : 400,
                 rc == GH_ENOTFOUND ? "没有该年度的内置参数，请提供参数 (no shipped parameters for that year)"
                 : rc == GH_ERANGE  ? "参数年度与 year 不符 (parameters are for another year)"
                 : rc == GH_EINVAL  ? err : "内存不足");
        return;
    }
    httpJobs *jobs = &c->srv->jobs;
    pthread_mutex_lock(&jobs->mu);
    int64_t id = 0, total = 0;
    const int rc2 = strcmp(jobs->job.status, "running") ? jobClaim(c, (int)year, &id, &total) : GH_EREFUSED;
    if (rc2) {
        pthread_mutex_unlock(&jobs->mu);
        free(text);
        if (rc2 == GH_EBUSY) httpHeader(c, "Retry-After", "5");
        httpFail(c, rc2 == GH_EREFUSED ? 409 : rc2 == GH_EBUSY ? 503 : 500,
                 rc2 == GH_EREFUSED ? "已有分型在进行中 (a run is in progress)"
                 : rc2 == GH_EBUSY  ? "系统繁忙，请稍后重试 (busy, try again)"
                                    : "任务未能登记 (the job could not be recorded)");
        return;
    }
    if (jobs->thread_live) pthread_join(jobs->thread, NULL);
    free(jobs->job.params_text);
    httpJob *job = &jobs->job;
    memset(job, 0, sizeof *job);
    job->id = id;
    job->total = total;
    job->year = (int)year;
    job->params = p;
    job->params_text = text;
    memcpy(job->name, name, sizeof name);
    memcpy(job->note, note, sizeof note);
    snprintf(job->status, sizeof job->status, "running");
    snprintf(job->actor, sizeof job->actor, "%s", c->who.username);
    snprintf(job->role, sizeof job->role, "%s", c->who.role_name);
    snprintf(job->client, sizeof job->client, "%s", c->client);
    jobs->thread_live = pthread_create(&jobs->thread, NULL, jobMain, jobs) == 0;
    if (!jobs->thread_live) {
        snprintf(job->status, sizeof job->status, "failed");
        snprintf(job->error, sizeof job->error, "无法启动任务 (could not start the job)");
    }
    char body[128];
    snprintf(body, sizeof body, "{\"job\":%lld,\"year\":%ld,\"status\":\"%s\"}", (long long)id, year, job->status);
    const bool live = jobs->thread_live;
    pthread_mutex_unlock(&jobs->mu);
    if (!live) jobRecordEnd(jobs, httpStore(c));
    httpReplyJson(c, live ? 202 : 500, body);
}

/* GET /api/jobs/{id}: a job's progress, from the store whichever process runs it; the
 * process running it answers its own fresher figures. */
void jobGet(httpCtx *c) {
    const int64_t id = httpParamId(c->params[0]);
    arena a;
    arenaInit(&a, 2048, 1 << 16);
    storeJob sj;
    const int rc = id ? storeJobGet(httpStore(c), id, &a, &sj) : GH_ENOTFOUND;
    if (rc) {
        arenaFree(&a);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500, rc == GH_ENOTFOUND ? "没有该任务 (no such job)" : "读取任务失败 (store error)");
        return;
    }
    httpJobs *jobs = &c->srv->jobs;
    sbuf out;
    sbufInit(&out);
    pthread_mutex_lock(&jobs->mu);
    const httpJob *j = &jobs->job;
    const bool own = j->id == id;
    sbufPrintf(&out, "{\"job\":%lld,\"year\":%d,\"status\":\"%s\",\"done\":%lld,\"total\":%lld,\"run\":%lld,\"error\":",
               (long long)id, sj.year, own ? j->status : sj.status, (long long)(own ? j->done : sj.done),
               (long long)sj.total, (long long)(own ? j->run_id : sj.run_id));
    const char *error = own ? (j->error[0] ? j->error : NULL) : sj.error;
    if (!own && !error && !strcmp(sj.status, "interrupted"))
        error = "处理该任务的服务进程已停止，分型未完成，请重新开始 (the process running it stopped)";
    if (error) jsonwString(&out, error);
    else sbufPuts(&out, "null");
    sbufPutc(&out, '}');
    pthread_mutex_unlock(&jobs->mu);
    arenaFree(&a);
    httpReply(c, 200, &out);
}
