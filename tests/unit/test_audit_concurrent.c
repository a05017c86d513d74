/* The audit chain with several writers at once (issue 12 §3): processes appending
 * through their own store connections, as several `getihu serve` processes do, leave
 * one valid chain, because storeBegin serialises writers from its start and
 * auditAppend reads the head inside that transaction (store/backend.h
 * "transactions"). Runs on $GETIHU_TEST_STORE when set (any backend), else on a
 * temporary SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "app/audit.h"
#include "core/error.h"
#include "store/store.h"

#define WRITERS 4
#define ENTRIES 150 /* per writer */

static char path[256];

static const char *location(void) {
    const char *env = getenv("GETIHU_TEST_STORE");
    return env && *env ? env : path;
}

/* One writer: ENTRIES audited actions through its own connection, each its own
 * transaction; one that finds the store busy past the backend's wait tries again
 * (as a client answered 503 would). Exits 0 when every entry was appended. */
static int writer(int n) {
    store *s;
    char err[600], object[64];
    if (storeOpen(&s, location(), 0, err, sizeof err)) return 2;
    int rc = 0;
    for (int i = 0; i < ENTRIES && !rc; i++) {
        snprintf(object, sizeof object, "writer %d entry %d", n, i);
        const storeAudit e = {.actor = "contract", .role = "admin", .client = "127.0.0.1",
                              .action = "test.concurrent", .object = object};
        do rc = auditRecord(s, &e, (int64_t)time(NULL));
        while (rc == GH_EBUSY);
    }
    storeClose(s);
    return rc ? 1 : 0;
}

static void test_concurrent_appends(void **state) {
    (void)state;
    store *s;
    char err[600];
    if (storeOpen(&s, location(), STORE_OPEN_CREATE, err, sizeof err)) fail_msg("open: %s", err);
    int64_t before = 0, bad = -1, after = 0;
    assert_int_equal(auditVerify(s, &before, &bad), 0);
    assert_int_equal(bad, 0);
    pid_t pids[WRITERS];
    for (int n = 0; n < WRITERS; n++) {
        pids[n] = fork();
        assert_true(pids[n] >= 0);
        if (pids[n] == 0) _exit(writer(n));
    }
    for (int n = 0; n < WRITERS; n++) {
        int status;
        assert_int_equal(waitpid(pids[n], &status, 0), pids[n]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    assert_int_equal(auditVerify(s, &after, &bad), 0);
    assert_int_equal(bad, 0); /* one chain: no two entries chained to the same head */
    assert_int_equal(after - before, WRITERS * ENTRIES);
    storeClose(s);
}

int main(void) {
    if (!getenv("GETIHU_TEST_STORE") || !*getenv("GETIHU_TEST_STORE")) {
        snprintf(path, sizeof path, "/tmp/getihu-audit-concurrent-%d.db", (int)getpid());
        unlink(path);
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_concurrent_appends)};
    const int rc = cmocka_run_group_tests(tests, NULL, NULL);
    if (path[0]) {
        char p[300];
        const char *suffix[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            snprintf(p, sizeof p, "%s%s", path, suffix[i]);
            unlink(p);
        }
    }
    return rc;
}
