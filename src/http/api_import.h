#ifndef GETIHU_HTTP_API_IMPORT_H
#define GETIHU_HTTP_API_IMPORT_H
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "io/extract.h"
#include "store/store.h"

/* POST /api/imports: uploaded extracts waiting for their uploader to commit or cancel
 * them. Limits are per account, so that one account never refuses another (issue 8,
 * findings 1 and 8): at most HTTP_UPLOADS_PER_ACCOUNT uploads at once (being received
 * or pending) and HTTP_MAX_UPLOAD bytes of them on disk; a pending upload expires
 * after the server's upload expiry (its file removed, its place freed). Each file is a
 * temporary file the table owns. */
#define HTTP_UPLOADS_PER_ACCOUNT 2
#define HTTP_MAX_UPLOAD (256u << 20)

typedef struct httpUpload {
    int64_t id, account_id;
    extractKind kind;
    storeSnapshot snapshot;    /* chosen at upload: the dry run and the commit both use it */
    char name[128], path[256]; /* path: empty while the body is being received */
    char sheet[128];           /* a workbook's sheet chosen at upload ("" the first): dry run and commit read the same */
    uint64_t bytes;
    int64_t expires;           /* unix seconds; 0 while the body is being received */
    int64_t dry_import;        /* the import record of its dry run: marked committed or cancelled (issue 11) */
} httpUpload;

typedef struct httpUploads {
    pthread_mutex_t mu;
    httpUpload *v;
    size_t n, cap;
    int64_t seq;
    int expiry_seconds;
} httpUploads;

void httpUploadsInit(httpUploads *u, int expiry_seconds);
/* Removes the files of uploads never decided. */
void httpUploadsStop(httpUploads *u);
/* Reserves an upload like want (account, kind, name) before its body is read. 0 with
 * *id; GH_ERANGE when the account already has HTTP_UPLOADS_PER_ACCOUNT, GH_EINVAL when
 * the announced size does not fit in what the account may still hold, GH_ENOMEM. */
int httpUploadsReserve(httpUploads *u, const httpUpload *want, uint64_t announced, int64_t now, int64_t *id);
/* Keeps received upload id as pending, owning the file at path, until now plus the
 * expiry. GH_ENOTFOUND when it is no longer in the table. */
int httpUploadsKeep(httpUploads *u, int64_t id, const char *path, int64_t dry_import, int64_t now);
/* Takes account's pending upload id out of the table into *out (a second decision
 * finds nothing). GH_ENOTFOUND when there is none. */
int httpUploadsTake(httpUploads *u, int64_t id, int64_t account, int64_t now, httpUpload *out);
/* Puts back an upload taken out (its decision could not be recorded). */
int httpUploadsPut(httpUploads *u, const httpUpload *e);
/* Counts n more bytes of the body of upload id. GH_ERANGE when its account would then
 * hold more than HTTP_MAX_UPLOAD bytes (the bytes are not counted: stop writing). */
int httpUploadsGrow(httpUploads *u, int64_t id, size_t n);
/* Drops upload id if it was never kept (its request ended without a report). */
void httpUploadsRelease(httpUploads *u, int64_t id);
/* Drops the pending uploads whose time is up, removing their files. */
void httpUploadsExpire(httpUploads *u, int64_t now);
#endif
