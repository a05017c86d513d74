#ifndef GETIHU_HTTP_JOBS_H
#define GETIHU_HTTP_JOBS_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "rules/params.h"

/* A run started from the console: one at a time, on its own thread and its own
 * store connection. The latest job stays readable (GET /api/jobs/{id}). */
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
} httpJobs;

void httpJobsInit(httpJobs *j, const char *db_path);
/* Waits for a run in progress to complete, then frees the job. */
void httpJobsStop(httpJobs *j);
#endif
