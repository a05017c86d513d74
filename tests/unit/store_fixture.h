#ifndef GETIHU_TEST_STORE_FIXTURE_H
#define GETIHU_TEST_STORE_FIXTURE_H
/* The store the app-level unit tests share: a fresh store per process, dossiers written as one import each, and
 * the store removed at the end. On SQLite (the default) a file with its WAL and shared-memory companions; under
 * tests/pg/with_db.sh (GETIHU_TEST_BACKEND=pg, the `.pg` twin; decision 260) a new database of the throwaway
 * cluster, made and dropped here through libpq. Include after <cmocka.h>. */
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef GETIHU_TEST_PG
#include <libpq-fe.h>

/* Runs one statement on the cluster's maintenance database. 0, or -1 (the error printed). */
static inline int fixturePgAdmin(const char *sql) {
    char url[512];
    snprintf(url, sizeof url, "%spostgres", getenv("GETIHU_TEST_PG") ? getenv("GETIHU_TEST_PG") : "");
    PGconn *c = PQconnectdb(url);
    int rc = -1;
    if (PQstatus(c) == CONNECTION_OK) {
        PGresult *r = PQexec(c, sql);
        rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
        if (rc) fprintf(stderr, "fixture: %s: %s", sql, PQerrorMessage(c));
        PQclear(r);
    } else {
        fprintf(stderr, "fixture: %s: %s", url, PQerrorMessage(c));
    }
    PQfinish(c);
    return rc;
}
#endif

/* 1 when the tests run on PostgreSQL (the `.pg` twin), else 0. */
static inline int fixtureIsPg(void) {
    const char *b = getenv("GETIHU_TEST_BACKEND");
    return b && !strcmp(b, "pg");
}

/* Opens a new store, its location kept in path (n bytes, at least 128): /tmp/getihu-TAG-PID.db (any older file of
 * that name removed first), or on PostgreSQL a new database PREFIX_TAG_K of the cluster. 0, or -1. */
static inline int fixtureOpen(store **s, char *path, size_t n, const char *tag) {
    char err[256];
    if (fixtureIsPg()) {
#ifdef GETIHU_TEST_PG
        static int made;
        char name[128], sql[192];
        snprintf(name, sizeof name, "%s_%.12s_%d", getenv("GETIHU_TEST_PG_PREFIX"), tag, ++made);
        snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", name);
        if (fixturePgAdmin(sql)) return -1;
        snprintf(path, n, "%s%s", getenv("GETIHU_TEST_PG"), name);
#else
        fprintf(stderr, "fixture: built without GETIHU_TEST_PG\n");
        return -1;
#endif
    } else {
        snprintf(path, n, "/tmp/getihu-%s-%d.db", tag, (int)getpid());
        unlink(path);
    }
    if (storeOpen(s, path, STORE_OPEN_CREATE, err, sizeof err)) {
        fprintf(stderr, "fixture: %s\n", err);
        return -1;
    }
    return 0;
}

/* Closes s and removes its files (or drops its database). */
static inline void fixtureRemove(store *s, const char *path) {
    storeClose(s);
#ifdef GETIHU_TEST_PG
    if (!strncmp(path, "postgresql://", 13)) {
        char sql[192];
        const char *name = strrchr(path, '/') + 1;
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", name);
        fixturePgAdmin(sql);
        return;
    }
#endif
    char p[300];
    const char *suffix[] = {"", "-wal", "-shm"};
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
