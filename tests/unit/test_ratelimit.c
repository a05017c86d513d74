/* The per-client token buckets (src/http/ratelimit.c): issue 8 finding 2, where two
 * addresses sharing a slot refilled each other's bucket by alternating. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "http/ratelimit.h"

static rateLimiter lim; /* large: not on the stack */

/* n keys, the first being first, that all fall in first's set. */
static void colliding(uint64_t first, uint64_t *keys, int n) {
    keys[0] = first;
    int found = 1;
    for (uint64_t k = first + 1; found < n; k++)
        if (rateSetOf(k) == rateSetOf(first)) keys[found++] = k;
}

/* The reported pair: 127.0.0.1 and 127.0.23.97 as the server keys them. */
static void test_reported_pair_collides_and_gains_nothing(void **state) {
    (void)state;
    const uint64_t a = 0x7F000001u, b = (127u << 24) | (23u << 8) | 97u;
    assert_int_equal(rateSetOf(a), rateSetOf(b));
    rateInit(&lim, 1.0, 5.0);
    int allowed = 0;
    double retry = 0;
    for (int i = 0; i < 200; i++) allowed += rateAllow(&lim, i % 2 ? b : a, 100.0 + i * 0.001, &retry);
    assert_int_equal(allowed, 10); /* each its own burst of 5, nothing more */
}

/* More colliding keys than ways: newcomers inherit a draining bucket's tokens. */
static void test_overflowing_set_never_refills(void **state) {
    (void)state;
    enum { N = 3 * RATE_WAYS };
    uint64_t keys[N];
    colliding(12345, keys, N);
    rateInit(&lim, 1.0, 5.0);
    int allowed = 0;
    double retry = 0;
    for (int i = 0; i < 2000; i++) allowed += rateAllow(&lim, keys[i % N], 50.0 + i * 0.0001, &retry);
    /* at most one burst per way in 0.2 s, plus the refill of that time */
    assert_true(allowed <= RATE_WAYS * 5 + 1);
    assert_true(allowed >= 5);
}

/* A bucket that has refilled completely may be given to a newcomer: it had no debt. */
static void test_refilled_bucket_is_reused(void **state) {
    (void)state;
    uint64_t keys[RATE_WAYS + 1];
    colliding(999, keys, RATE_WAYS + 1);
    rateInit(&lim, 1.0, 2.0);
    double retry = 0;
    for (int i = 0; i < RATE_WAYS; i++) assert_true(rateAllow(&lim, keys[i], 10.0, &retry));
    /* ten seconds later all are full again: the newcomer gets a whole burst */
    assert_true(rateAllow(&lim, keys[RATE_WAYS], 20.0, &retry));
    assert_true(rateAllow(&lim, keys[RATE_WAYS], 20.0, &retry));
    assert_false(rateAllow(&lim, keys[RATE_WAYS], 20.0, &retry));
    assert_true(retry > 0.9 && retry <= 1.0);
}

/* Refill follows the rate: one token per 1/per_second seconds, capped at the burst. */
static void test_refill_rate_and_cap(void **state) {
    (void)state;
    rateInit(&lim, 2.0, 3.0);
    double retry = 0;
    for (int i = 0; i < 3; i++) assert_true(rateAllow(&lim, 7, 1.0, &retry));
    assert_false(rateAllow(&lim, 7, 1.0, &retry));
    assert_true(retry > 0.49 && retry <= 0.5);
    assert_true(rateAllow(&lim, 7, 1.5, &retry));
    assert_false(rateAllow(&lim, 7, 1.5, &retry));
    for (int i = 0; i < 3; i++) assert_true(rateAllow(&lim, 7, 1000.0, &retry));
    assert_false(rateAllow(&lim, 7, 1000.0, &retry));
}

/* Growing delays per key (issue 8, finding 3): free failures cost nothing; then
 * each failure doubles the wait, up to the cap; a long quiet forgets the key. */
static void test_backoff_grows_caps_and_forgets(void **state) {
    (void)state;
    rateBackoffInit(&lim, 5, 900.0, 3600.0);
    double retry = 0;
    for (int i = 0; i < 5; i++) {
        assert_false(rateBackoffWait(&lim, 42, 10.0, &retry));
        rateBackoffFail(&lim, 42, 10.0);
    }
    assert_true(rateBackoffWait(&lim, 42, 10.0, &retry));
    assert_true(retry > 0.99 && retry <= 1.0);
    assert_false(rateBackoffWait(&lim, 43, 10.0, &retry)); /* another key is not concerned */
    assert_false(rateBackoffWait(&lim, 42, 11.0, &retry));
    rateBackoffFail(&lim, 42, 11.0); /* the sixth: two seconds */
    assert_true(rateBackoffWait(&lim, 42, 12.5, &retry));
    assert_true(retry > 0.49 && retry <= 0.5);
    double t = 13.0;
    for (int i = 0; i < 40; i++, t += 900.0) rateBackoffFail(&lim, 42, t);
    assert_true(rateBackoffWait(&lim, 42, t - 900.0 + 1.0, &retry));
    assert_true(retry > 898.9 && retry <= 899.0); /* capped */
    assert_false(rateBackoffWait(&lim, 42, t - 900.0 + 3600.0, &retry)); /* quiet long enough: forgotten */
    rateBackoffFail(&lim, 42, t + 3600.0);
    assert_false(rateBackoffWait(&lim, 42, t + 3600.0, &retry)); /* one failure again, not forty-one */
}

/* A key new to a set whose every way is delayed inherits a delay: alternating
 * colliding addresses gains no clean slate. */
static void test_backoff_collision_is_no_clean_slate(void **state) {
    (void)state;
    enum { N = RATE_WAYS + 1 };
    uint64_t keys[N];
    colliding(777, keys, N);
    rateBackoffInit(&lim, 2, 900.0, 3600.0);
    double retry = 0;
    for (int k = 0; k < RATE_WAYS; k++)
        for (int i = 0; i < 6; i++) rateBackoffFail(&lim, keys[k], 100.0);
    assert_true(rateBackoffWait(&lim, keys[RATE_WAYS], 100.5, &retry));
    assert_true(retry >= 15.0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reported_pair_collides_and_gains_nothing),
        cmocka_unit_test(test_backoff_grows_caps_and_forgets),
        cmocka_unit_test(test_backoff_collision_is_no_clean_slate),
        cmocka_unit_test(test_overflowing_set_never_refills),
        cmocka_unit_test(test_refilled_bucket_is_reused),
        cmocka_unit_test(test_refill_rate_and_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
