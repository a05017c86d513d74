#include "http/routes.h"
#include "app/params.h"
#include "app/run.h"
#include "core/error.h"
#include "io/json.h"
#include "io/jsonw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs started from the console (POST /api/runs): one at a time, on a thread with
 * its own store connection; GET /api/jobs/{id} follows its progress. */

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

static void jobProgress(void *ctx, int64_t done) {
    httpJobs *jobs = ctx;
    pthread_mutex_lock(&jobs->mu);
    jobs->job.done = done;
    pthread_mutex_unlock(&jobs->mu);
}

static void *jobMain(void *arg) {
    httpJobs *jobs = arg;
    httpJob *j = &jobs->job;
    char err[600];
    store *s;
    int rc = storeOpen(&s, jobs->db_path, 0, err, sizeof err);
    if (!rc) {
        const appRunInfo info = {.params = &j->params, .params_json = j->params_text,
                                 .version = GETIHU_HTTP_VERSION, .actor = j->actor, .role = j->role, .client = j->client,
                                 .progress = jobProgress, .progress_ctx = jobs,
                                 .name = j->name[0] ? j->name : NULL, .note = j->note[0] ? j->note : NULL};
        appRunResult res;
        rc = appRunYear(s, &info, &res);
        pthread_mutex_lock(&jobs->mu);
        if (rc) snprintf(j->error, sizeof j->error, "%s", res.message);
        j->run_id = rc ? 0 : res.run_id;
        j->done = rc ? j->done : res.population;
        snprintf(j->status, sizeof j->status, "%s", rc ? "failed" : "done");
        pthread_mutex_unlock(&jobs->mu);
        storeClose(s);
    } else {
        pthread_mutex_lock(&jobs->mu);
        snprintf(j->error, sizeof j->error, "%s", err);
        snprintf(j->status, sizeof j->status, "failed");
        pthread_mutex_unlock(&jobs->mu);
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
    if (!strcmp(jobs->job.status, "running")) {
        pthread_mutex_unlock(&jobs->mu);
        free(text);
        httpFail(c, 409, "已有分型在进行中 (a run is in progress)");
        return;
    }
    if (jobs->thread_live) pthread_join(jobs->thread, NULL);
    free(jobs->job.params_text);
    httpJob *job = &jobs->job;
    const int64_t id = job->id + 1;
    memset(job, 0, sizeof *job);
    job->id = id;
    job->year = (int)year;
    job->params = p;
    job->params_text = text;
    memcpy(job->name, name, sizeof name);
    memcpy(job->note, note, sizeof note);
    snprintf(job->status, sizeof job->status, "running");
    snprintf(job->actor, sizeof job->actor, "%s", c->who.username);
    snprintf(job->role, sizeof job->role, "%s", c->who.role_name);
    snprintf(job->client, sizeof job->client, "%s", c->client);
    if (storeCountBusinesses(httpStore(c), &job->total)) job->total = 0; /* progress then shows no total */
    jobs->thread_live = pthread_create(&jobs->thread, NULL, jobMain, jobs) == 0;
    if (!jobs->thread_live) snprintf(job->status, sizeof job->status, "failed");
    char body[128];
    snprintf(body, sizeof body, "{\"job\":%lld,\"year\":%ld,\"status\":\"%s\"}", (long long)id, year, job->status);
    const bool live = jobs->thread_live;
    pthread_mutex_unlock(&jobs->mu);
    httpReplyJson(c, live ? 202 : 500, body);
}

/* GET /api/jobs/{id}: the latest job's progress. */
void jobGet(httpCtx *c) {
    const int64_t id = httpParamId(c->params[0]);
    httpJobs *jobs = &c->srv->jobs;
    pthread_mutex_lock(&jobs->mu);
    const httpJob *j = &jobs->job;
    if (id != j->id || !id) {
        pthread_mutex_unlock(&jobs->mu);
        httpFail(c, 404, "没有该任务 (no such job)");
        return;
    }
    sbuf out;
    sbufInit(&out);
    sbufPrintf(&out, "{\"job\":%lld,\"year\":%d,\"status\":\"%s\",\"done\":%lld,\"total\":%lld,\"run\":%lld,\"error\":",
               (long long)j->id, j->year, j->status, (long long)j->done, (long long)j->total, (long long)j->run_id);
    if (j->error[0]) jsonwString(&out, j->error);
    else sbufPuts(&out, "null");
    sbufPutc(&out, '}');
    pthread_mutex_unlock(&jobs->mu);
    httpReply(c, 200, &out);
}
