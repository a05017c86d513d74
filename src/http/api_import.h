#ifndef GETIHU_HTTP_API_IMPORT_H
#define GETIHU_HTTP_API_IMPORT_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "io/extract.h"
#include "store/store.h"

/* POST /api/imports: uploaded extracts waiting for their uploader to commit or cancel them: a small
 * fixed table; each file is a temporary file the table owns. */
#define HTTP_UPLOADS 8
#define HTTP_MAX_UPLOAD (256u << 20)

typedef struct httpUpload {
    int64_t id, account_id;
    extractKind kind;
    storeSnapshot snapshot; /* chosen at upload: the dry run and the commit both use it */
    char name[128], path[256];
    bool used;
} httpUpload;

typedef struct httpUploads {
    pthread_mutex_t mu;
    httpUpload slot[HTTP_UPLOADS];
    int64_t seq;
} httpUploads;

void httpUploadsInit(httpUploads *u);
/* Removes the files of uploads never decided. */
void httpUploadsStop(httpUploads *u);
#endif
