/* The public look-up's answer cache (src/http/public_cache.c, decision 300): an answer
 * is served only in the epoch and on the day it was kept for, a set keeps its most
 * recently used answers, the byte cap holds, and a handle's epoch moves when another
 * connection commits (SQLite; the end-to-end staleness test is tests/api/public_cache.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "http/public_cache.h"

static bool get(publicCache *c, uint64_t epoch, const char *q, civilDate day, const char *want) {
    sbuf b;
    sbufInit(&b);
    const bool hit = publicCacheGet(c, epoch, q, day, &b);
    if (hit) assert_string_equal(b.data, want);
    sbufFree(&b);
    return hit;
}

static void test_epoch_and_day(void **state) {
    (void)state;
    publicCache c;
    assert_int_equal(publicCacheInit(&c, 64, 64 * 1024), 0);
    const uint64_t e = c.epoch;
    publicCachePut(&c, e, "Q1", 100, "{\"a\":1}", 7);
    assert_true(get(&c, e, "Q1", 100, "{\"a\":1}"));
    assert_false(get(&c, e, "Q1", 101, NULL)); /* another day */
    assert_false(get(&c, e, "Q2", 100, NULL));
    assert_false(get(&c, 0, "Q1", 100, NULL)); /* 0: nothing may be cached */
    c.epoch++;                                  /* what a changed data version does */
    assert_false(get(&c, e, "Q1", 100, NULL));
    assert_false(get(&c, c.epoch, "Q1", 100, NULL));
    publicCachePut(&c, e, "Q3", 100, "x", 1); /* read in an epoch that has passed: not kept */
    assert_false(get(&c, c.epoch, "Q3", 100, NULL));
    publicCacheFree(&c);
}

static void test_lru_and_bytes(void **state) {
    (void)state;
    publicCache c;
    assert_int_equal(publicCacheInit(&c, PUBLIC_CACHE_WAYS, 16 * 100), 0); /* one set */
    const uint64_t e = c.epoch;
    char q[8];
    for (int i = 0; i < PUBLIC_CACHE_WAYS; i++) {
        snprintf(q, sizeof q, "K%d", i);
        publicCachePut(&c, e, q, 1, "0123456789", 10);
    }
    assert_true(get(&c, e, "K0", 1, "0123456789")); /* K0 used: K1 is now the oldest */
    publicCachePut(&c, e, "NEW", 1, "abc", 3);
    assert_false(get(&c, e, "K1", 1, NULL));
    assert_true(get(&c, e, "K0", 1, "0123456789"));
    assert_true(get(&c, e, "NEW", 1, "abc"));
    publicCachePut(&c, e, "BIG", 1, "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x", 101);
    assert_false(get(&c, e, "BIG", 1, NULL)); /* over a sixteenth of the byte cap */
    assert_true(c.bytes <= c.max_bytes);
    char long_q[PUBLIC_CACHE_KEY + 8];
    memset(long_q, 'A', sizeof long_q - 1);
    long_q[sizeof long_q - 1] = '\0';
    publicCachePut(&c, e, long_q, 1, "y", 1); /* a key longer than any normalised query: not kept */
    assert_false(get(&c, e, long_q, 1, NULL));
    publicCacheFree(&c);
}

static void test_off(void **state) {
    (void)state;
    publicCache c;
    assert_int_equal(publicCacheInit(&c, 0, 0), 0);
    publicCachePut(&c, c.epoch, "Q", 1, "x", 1);
    assert_false(get(&c, c.epoch, "Q", 1, NULL));
    publicCacheFree(&c);
}

/* Two handles on one SQLite file: s's epoch moves after t commits, and after s's own
 * change, and stays while nothing is written. */
static void test_epoch_follows_commits(void **state) {
    (void)state;
    char path[64], err[600];
    snprintf(path, sizeof path, "/tmp/getihu-public-cache-%d.db", (int)getpid());
    unlink(path);
    store *s, *t;
    if (storeOpen(&s, path, STORE_OPEN_CREATE, err, sizeof err)) fail_msg("open: %s", err);
    if (storeOpen(&t, path, 0, err, sizeof err)) fail_msg("open a second handle: %s", err);
    publicCache c;
    assert_int_equal(publicCacheInit(&c, 64, 64 * 1024), 0);
    const uint64_t e1 = publicCacheEpoch(&c, s);
    assert_true(e1 != 0);
    assert_int_equal(publicCacheEpoch(&c, s), e1);
    const storeAccount a = {.username = "cache-a", .role = "clerk"}, b = {.username = "cache-b", .role = "clerk"};
    int64_t id;
    assert_int_equal(storeBegin(t), 0);
    assert_int_equal(storeAccountAdd(t, &a, &id), 0);
    assert_int_equal(storeCommit(t), 0);
    const uint64_t e2 = publicCacheEpoch(&c, s);
    assert_true(e2 != e1);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeAccountAdd(s, &b, &id), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_true(publicCacheEpoch(&c, s) != e2);
    publicCacheFree(&c);
    storeClose(t);
    storeClose(s);
    for (const char *suffix = ""; suffix; suffix = !*suffix ? "-wal" : !strcmp(suffix, "-wal") ? "-shm" : NULL) {
        char p[80];
        snprintf(p, sizeof p, "%s%s", path, suffix);
        unlink(p);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_epoch_and_day), cmocka_unit_test(test_lru_and_bytes),
                                       cmocka_unit_test(test_off), cmocka_unit_test(test_epoch_follows_commits)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
