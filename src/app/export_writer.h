#ifndef GETIHU_APP_EXPORT_WRITER_H
#define GETIHU_APP_EXPORT_WRITER_H
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include "core/sbuf.h"

/* An export's output written by a thread of its own (decision 305): the reader
 * fills one buffer while the previous one goes to the file, so the kernel's copy
 * into the page cache and the writeback hints (decision 301) run beside the
 * rendering instead of after it. Internal to app/export.c. */
typedef struct exportWriter {
    FILE *out;
    bool durable;            /* the caller fsyncs out: start its writeback as it grows */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    sbuf pending;            /* handed over, not yet taken by the thread */
    sbuf cur;                /* the thread's, being written */
    bool has_pending, done, started;
    int err;                 /* the first failure (GH_EIO), kept by the thread */
    long long written, kicked;
} exportWriter;

/* Starts the thread writing to out. 0, or GH_ENOMEM/GH_EIO (nothing started). */
int exportWriterStart(exportWriter *w, FILE *out, bool durable);
/* Hands b's bytes to the thread (b comes back empty, another buffer); waits while
 * the thread still holds an earlier chunk. 0, or the thread's failure. */
int exportWriterPut(exportWriter *w, sbuf *b);
/* Waits for everything handed over to be written (fflush included) and stops the
 * thread. 0, or the first failure. */
int exportWriterFinish(exportWriter *w);
#endif
