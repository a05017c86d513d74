#include "http/pool.h"
#include "core/error.h"
#include <stdlib.h>

int storePoolOpen(storePool *p, const char *path, int size, char *err, size_t errsize) {
    p->free = calloc((size_t)size, sizeof *p->free);
    p->n = 0;
    p->cap = size;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    if (!p->free) return GH_ENOMEM;
    for (int i = 0; i < size; i++) {
        if (storeOpen(&p->free[i], path, 0, err, errsize)) {
            storePoolClose(p);
            return GH_EIO;
        }
        p->n++;
    }
    return 0;
}

store *storePoolTake(storePool *p) {
    pthread_mutex_lock(&p->mu);
    while (p->n == 0) pthread_cond_wait(&p->cv, &p->mu);
    store *s = p->free[--p->n];
    pthread_mutex_unlock(&p->mu);
    return s;
}

void storePoolGive(storePool *p, store *s) {
    storeIdle(s); /* the next request must see what others committed since */
    pthread_mutex_lock(&p->mu);
    p->free[p->n++] = s;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

void storePoolClose(storePool *p) {
    for (int i = 0; i < p->n; i++) storeClose(p->free[i]);
    free(p->free);
    p->free = NULL;
    p->n = 0;
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
}
