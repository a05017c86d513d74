#ifndef GETIHU_HTTP_POOL_H
#define GETIHU_HTTP_POOL_H
#include <pthread.h>
#include "store/store.h"

/* A fixed set of store connections shared by the server's threads: one request
 * holds one connection (SQLite connections are not shared between threads). */
typedef struct storePool {
    store **free;
    int n, cap;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} storePool;

int storePoolOpen(storePool *p, const char *path, int size, char *err, size_t errsize);
store *storePoolTake(storePool *p);
void storePoolGive(storePool *p, store *s);
void storePoolClose(storePool *p);
#endif
