#ifndef GETIHU_HTTP_JOBS_H
#define GETIHU_HTTP_JOBS_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "rules/params.h"
#include "store/store.h"

/* A run started from the console: one at a time across every serve process on the
 * store, on its own thread and its own store connection. Its record is in the store
 * (storeJob*), so that any process answers GET /api/jobs/{id} (issue 12 §3, decision
 * 267); the process running it keeps the freshest progress here too. */
typedef struct httpJob {
    int64_t id, done, total, run_id;
    int year;
    char status[12]; /* running, done, failed */
    char error[800]; /* appRunResult.message: names the database */
    char actor[64], role[16], client[64];
    char name[4 * 40 + 1], note[4 * 200 + 1]; /* the run's label (RUN_NAME_MAX, RUN_NOTE_MAX), "" none */
    char *params_text;
    yearParams params;
} httpJob;

typedef struct httpJobs {
    pthread_mutex_t mu;
    httpJob job; /* the latest job */
    pthread_t thread;
    bool thread_live;
    const char *db_path;
    store *shared;    /* the job thread's second connection, for progress outside the run's transaction */
    double shared_at; /* when progress was last written there (monotonic seconds) */
} httpJobs;

void httpJobsInit(httpJobs *j, const char *db_path);
/* Waits for a run in progress to complete, then frees the job. */
void httpJobsStop(httpJobs *j);
#endif
