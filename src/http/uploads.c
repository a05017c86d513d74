#include "http/api_import.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The table of uploads (api_import.h): a small array under one mutex; entries are
 * few (HTTP_UPLOADS_PER_ACCOUNT per account at most) and short-lived. */

void httpUploadsInit(httpUploads *u, int expiry_seconds) {
    memset(u, 0, sizeof *u);
    u->expiry_seconds = expiry_seconds;
    pthread_mutex_init(&u->mu, NULL);
}

void httpUploadsStop(httpUploads *u) {
    for (size_t i = 0; i < u->n; i++)
        if (u->v[i].path[0]) unlink(u->v[i].path);
    free(u->v);
    pthread_mutex_destroy(&u->mu);
}

/* The entry of id, or NULL (mutex held). */
static httpUpload *uploadsFind(httpUploads *u, int64_t id) {
    for (size_t i = 0; i < u->n; i++)
        if (u->v[i].id == id) return &u->v[i];
    return NULL;
}

/* Removes entry e (mutex held); the order of the others does not matter. */
static void uploadsDrop(httpUploads *u, httpUpload *e) { *e = u->v[--u->n]; }

/* What account holds: its uploads and their bytes (mutex held). */
static void uploadsOf(const httpUploads *u, int64_t account, int *count, uint64_t *bytes) {
    *count = 0;
    *bytes = 0;
    for (size_t i = 0; i < u->n; i++)
        if (u->v[i].account_id == account) (*count)++, *bytes += u->v[i].bytes;
}

static void uploadsExpireLocked(httpUploads *u, int64_t now) {
    for (size_t i = 0; i < u->n;) {
        httpUpload *e = &u->v[i];
        if (e->expires && e->expires <= now) {
            if (e->path[0]) unlink(e->path);
            uploadsDrop(u, e);
        } else {
            i++;
        }
    }
}

void httpUploadsExpire(httpUploads *u, int64_t now) {
    pthread_mutex_lock(&u->mu);
    uploadsExpireLocked(u, now);
    pthread_mutex_unlock(&u->mu);
}

/* Makes room for one more entry (mutex held). 0 or GH_ENOMEM. */
static int uploadsRoom(httpUploads *u) {
    if (u->n < u->cap) return 0;
    const size_t cap = u->cap ? u->cap * 2 : 16;
    httpUpload *v = realloc(u->v, cap * sizeof *v);
    if (!v) return GH_ENOMEM;
    u->v = v;
    u->cap = cap;
    return 0;
}

int httpUploadsReserve(httpUploads *u, const httpUpload *want, uint64_t announced, int64_t now, int64_t *id) {
    pthread_mutex_lock(&u->mu);
    uploadsExpireLocked(u, now);
    int count;
    uint64_t bytes;
    uploadsOf(u, want->account_id, &count, &bytes);
    int rc = count >= HTTP_UPLOADS_PER_ACCOUNT ? GH_ERANGE : announced > HTTP_MAX_UPLOAD - bytes ? GH_EINVAL : 0;
    if (!rc) rc = uploadsRoom(u);
    if (!rc) {
        httpUpload *e = &u->v[u->n++];
        *e = *want;
        e->id = *id = ++u->seq;
        e->bytes = 0;
        e->expires = 0;
        e->path[0] = '\0';
    }
    pthread_mutex_unlock(&u->mu);
    return rc;
}

int httpUploadsGrow(httpUploads *u, int64_t id, size_t n) {
    pthread_mutex_lock(&u->mu);
    httpUpload *e = uploadsFind(u, id);
    int count;
    uint64_t bytes = 0;
    if (e) uploadsOf(u, e->account_id, &count, &bytes);
    const int rc = !e || bytes + n > HTTP_MAX_UPLOAD ? GH_ERANGE : 0;
    if (!rc) e->bytes += n;
    pthread_mutex_unlock(&u->mu);
    return rc;
}

void httpUploadsRelease(httpUploads *u, int64_t id) {
    pthread_mutex_lock(&u->mu);
    httpUpload *e = uploadsFind(u, id);
    if (e && !e->expires) uploadsDrop(u, e);
    pthread_mutex_unlock(&u->mu);
}

int httpUploadsKeep(httpUploads *u, int64_t id, const char *path, int64_t dry_import, int64_t now) {
    pthread_mutex_lock(&u->mu);
    httpUpload *e = uploadsFind(u, id);
    if (e) {
        snprintf(e->path, sizeof e->path, "%s", path);
        e->dry_import = dry_import;
        e->expires = now + u->expiry_seconds;
    }
    pthread_mutex_unlock(&u->mu);
    return e ? 0 : GH_ENOTFOUND;
}

int httpUploadsTake(httpUploads *u, int64_t id, int64_t account, int64_t now, httpUpload *out) {
    pthread_mutex_lock(&u->mu);
    uploadsExpireLocked(u, now);
    httpUpload *e = uploadsFind(u, id);
    const bool ok = e && e->expires && e->account_id == account;
    if (ok) {
        *out = *e;
        uploadsDrop(u, e);
    }
    pthread_mutex_unlock(&u->mu);
    return ok ? 0 : GH_ENOTFOUND;
}

int httpUploadsPut(httpUploads *u, const httpUpload *e) {
    pthread_mutex_lock(&u->mu);
    const int rc = uploadsRoom(u);
    if (!rc) u->v[u->n++] = *e;
    pthread_mutex_unlock(&u->mu);
    return rc;
}
