#ifndef GETIHU_TEST_STORE_FIXTURE_H
#define GETIHU_TEST_STORE_FIXTURE_H
/* The store the app-level unit tests share: a fresh SQLite file per process, dossiers written as one import each,
 * and the file with its WAL and shared-memory companions removed at the end. Include after <cmocka.h>. */
#include "store/store.h"
#include <stdio.h>
#include <unistd.h>

/* Opens a new store at /tmp/getihu-TAG-PID.db (any older file of that name removed first), its path kept in path
 * (n bytes). 0, or -1. */
static inline int fixtureOpen(store **s, char *path, size_t n, const char *tag) {
    char err[256];
    snprintf(path, n, "/tmp/getihu-%s-%d.db", tag, (int)getpid());
    unlink(path);
    return storeOpen(s, path, STORE_OPEN_CREATE, err, sizeof err) ? -1 : 0;
}

/* Closes s and removes its files. */
static inline void fixtureRemove(store *s, const char *path) {
    char p[128];
    const char *suffix[] = {"", "-wal", "-shm"};
    storeClose(s);
    for (int i = 0; i < 3; i++) snprintf(p, sizeof p, "%s%s", path, suffix[i]), unlink(p);
}

/* Writes d as an import of kind (asserting every step). */
static inline void fixtureApply(store *s, const dossier *d, const char *kind) {
    int64_t imp;
    int changed;
    const storeImport info = {.kind = kind, .file_name = "t", .sha256 = "0", .actor = "t"};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeImportCreate(s, &info, &imp), 0);
    assert_int_equal(storeApplyDossier(s, d, imp, &changed), 0);
    assert_int_equal(storeCommit(s), 0);
}
#endif
