/* gen/gen.c: determinism, validity, and typing shares near the published ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/usccset.h"
#include "gen/gen.h"
#include "io/dossier_json.h"
#include "io/params_json.h"
#include "rules/typing.h"

static void shipped(yearParams *p, int year) {
    const char *text, *path;
    size_t n;
    char err[512];
    assert_int_equal(paramsBuiltin(year, &text, &n, &path), 0);
    assert_int_equal(paramsParseJson(p, text, n, err, sizeof err), 0);
}

static void test_deterministic(void **state) {
    (void)state;
    yearParams p;
    shipped(&p, 2025);
    genState a, b;
    genInit(&a, 42, &p);
    genInit(&b, 42, &p);
    sbuf x, y;
    sbufInit(&x);
    sbufInit(&y);
    dossier d;
    for (uint64_t i = 0; i < 200; i++) {
        /* Record i is the same whatever was generated before it. */
        assert_int_equal(genRecord(&a, i, &d), 0);
        sbufClear(&x);
        dossierWriteJson(&x, &d);
        assert_int_equal(genRecord(&b, 199 - i, &d), 0);
        assert_int_equal(genRecord(&b, i, &d), 0);
        sbufClear(&y);
        dossierWriteJson(&y, &d);
        assert_string_equal(x.data, y.data);
    }
    genFree(&b);
    genInit(&b, 43, &p);
    assert_int_equal(genRecord(&b, 0, &d), 0);
    sbufClear(&y);
    dossierWriteJson(&y, &d);
    assert_string_not_equal(x.data, y.data);
    sbufFree(&x);
    sbufFree(&y);
    genFree(&a);
    genFree(&b);
}

/* 20,000 records: every one parses back, USCCs are unique, shares are plausible. */
static void test_valid_and_shares(void **state) {
    (void)state;
    yearParams p;
    shipped(&p, 2025);
    genState g;
    genInit(&g, 1, &p);
    arena a;
    arenaInit(&a, 65536, 0);
    sbuf b;
    sbufInit(&b);
    usccSet seen;
    usccSetInit(&seen, 1u << 30, NULL);
    uint64_t by_type[4] = {0}, first;
    const int n = 20000;
    for (int i = 0; i < n; i++) {
        dossier gd, d;
        dossierError e;
        typingResult r;
        assert_int_equal(genRecord(&g, (uint64_t)i, &gd), 0);
        sbufClear(&b);
        dossierWriteJson(&b, &gd);
        arenaReset(&a);
        if (dossierParseJson(&d, &a, b.data, b.len, &e)) fail_msg("record %d: %s: %s", i, e.field, e.message);
        assert_int_equal(usccSetAdd(&seen, d.uscc, (uint64_t)i, &first), 0);
        assert_true(d.established <= p.reference_date);
        assert_int_equal(typingClassify(&r, &d, &p), 0);
        by_type[r.type]++;
    }
    const double eligible = (double)(by_type[0] + by_type[1] + by_type[2]);
    const double inel = (double)by_type[3] / n, growth = (double)by_type[1] / eligible;
    const double surv = (double)by_type[0] / eligible, dev = (double)by_type[2] / eligible;
    /* Published first-year results: survival 92.6%, growth 7.3%, development 0.11%
     * (Shaanxi); up to ~24% not eligible (Tibet). */
    assert_true(surv > 0.88 && surv < 0.96);
    assert_true(growth > 0.04 && growth < 0.11);
    assert_true(dev > 0.0 && dev < 0.005);
    assert_true(inel > 0.10 && inel < 0.26);
    usccSetFree(&seen);
    sbufFree(&b);
    arenaFree(&a);
    genFree(&g);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_deterministic), cmocka_unit_test(test_valid_and_shares)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
