/* The export's writer thread (decision 305). */
#include "app/export_writer.h"
#include "core/error.h"
#include "io/atomicfile.h"
#include <string.h>

/* Every EXPORT_KICK bytes a durable file's writeback is started (decision 301). */
#define EXPORT_KICK (8ll << 20)

static void swapBuf(sbuf *a, sbuf *b) {
    const sbuf t = *a;
    *a = *b;
    *b = t;
}

/* Writes the thread's current chunk; 0 or GH_EIO. */
static int writerWrite(exportWriter *w) {
    if (w->cur.len && fwrite(w->cur.data, 1, w->cur.len, w->out) != w->cur.len) return GH_EIO;
    w->written += (long long)w->cur.len;
    sbufClear(&w->cur);
    if (w->durable && w->written - w->kicked >= EXPORT_KICK) {
        if (fflush(w->out)) return GH_EIO;
        atomicFileWriteback(fileno(w->out), w->kicked);
        w->kicked = w->written;
    }
    return 0;
}

static void *writerMain(void *arg) {
    exportWriter *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->has_pending && !w->done) pthread_cond_wait(&w->cv, &w->mu);
        if (!w->has_pending) break; /* done, and nothing left */
        swapBuf(&w->cur, &w->pending);
        w->has_pending = false;
        const bool failed = w->err != 0; /* after a failure the rest is dropped */
        pthread_cond_broadcast(&w->cv);
        pthread_mutex_unlock(&w->mu);
        const int rc = failed ? 0 : writerWrite(w);
        sbufClear(&w->cur);
        pthread_mutex_lock(&w->mu);
        if (rc && !w->err) w->err = rc;
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

int exportWriterStart(exportWriter *w, FILE *out, bool durable) {
    memset(w, 0, sizeof *w);
    w->out = out;
    w->durable = durable;
    sbufInit(&w->pending);
    sbufInit(&w->cur);
    if (pthread_mutex_init(&w->mu, NULL)) return GH_ENOMEM;
    if (pthread_cond_init(&w->cv, NULL)) {
        pthread_mutex_destroy(&w->mu);
        return GH_ENOMEM;
    }
    if (pthread_create(&w->thread, NULL, writerMain, w)) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        return GH_ENOMEM;
    }
    w->started = true;
    return 0;
}

int exportWriterPut(exportWriter *w, sbuf *b) {
    if (b->failed) return GH_ENOMEM;
    pthread_mutex_lock(&w->mu);
    while (w->has_pending && !w->err) pthread_cond_wait(&w->cv, &w->mu);
    int rc = w->err;
    if (!rc) {
        swapBuf(b, &w->pending); /* b gets the buffer the thread emptied before */
        sbufClear(b);
        w->has_pending = true;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return rc;
}

int exportWriterFinish(exportWriter *w) {
    if (!w->started) return GH_EIO;
    pthread_mutex_lock(&w->mu);
    w->done = true;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    int rc = w->err;
    if (!rc && fflush(w->out)) rc = GH_EIO;
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    sbufFree(&w->pending);
    sbufFree(&w->cur);
    w->started = false;
    return rc;
}
