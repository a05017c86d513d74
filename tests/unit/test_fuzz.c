/* Mutation fuzzing of the dossier and parameter parsers, deterministic so it runs
 * in every test pass (and under ASan/UBSan). Properties:
 *  1. no input crashes or leaks (the sanitizers watch);
 *  2. what is accepted writes back to a record that parses to the same text;
 *  3. what cJSON, an independent parser, rejects as JSON is rejected too.
 * tests/fuzz/fuzz_dossier.c is the libFuzzer target for longer runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen/gen.h"
#include "io/dossier_json.h"
#include "io/params_json.h"
#include "io/category_json.h"
#include "rules/category.h"

static uint64_t rngState = 0x2545F4914F6CDD1Dull;
static uint64_t rnd(void) {
    rngState ^= rngState << 13;
    rngState ^= rngState >> 7;
    rngState ^= rngState << 17;
    return rngState;
}

static const char *const tokens[] = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "true",
                                     "1e5", "-", "0", ".", "\"2025-02-29\"", "\"year\"", "\xe5\xa4\xa7", "\xff",
                                     "\"uscc\":\"92110115MA0000000B\"", "\"to\":", "\t", "\n", "99999999999999999999"};

/* One random edit of buf (length *n, capacity cap). */
static void mutate(char *buf, size_t *n, size_t cap) {
    const size_t len = *n;
    switch (rnd() % 6) {
    case 0: if (len) buf[rnd() % len] ^= (char)(1u << (rnd() % 8)); break;
    case 1: if (len) buf[rnd() % len] = (char)(rnd() & 0xFF); break;
    case 2: { /* delete a span */
        if (!len) break;
        size_t at = rnd() % len, k = 1 + rnd() % 16;
        if (at + k > len) k = len - at;
        memmove(buf + at, buf + at + k, len - at - k);
        *n -= k;
        break;
    }
    case 3: { /* insert a token */
        const char *t = tokens[rnd() % (sizeof tokens / sizeof tokens[0])];
        size_t k = strlen(t), at = len ? rnd() % len : 0;
        if (len + k >= cap) break;
        memmove(buf + at + k, buf + at, len - at);
        memcpy(buf + at, t, k);
        *n += k;
        break;
    }
    case 4: if (len) *n = rnd() % len; break; /* truncate */
    default: { /* duplicate a span */
        if (!len) break;
        size_t at = rnd() % len, k = 1 + rnd() % 32;
        if (at + k > len) k = len - at;
        if (len + k >= cap) break;
        memmove(buf + at + k, buf + at, len - at);
        *n += k;
        break;
    }
    }
}

static void checkDossier(const char *buf, size_t n, arena *a, sbuf *w1, sbuf *w2) {
    dossier d;
    dossierError e;
    arenaReset(a);
    const int rc = dossierParseJson(&d, a, buf, n, &e);
    char *z = malloc(n + 1);
    memcpy(z, buf, n);
    z[n] = '\0';
    const char *end = NULL;
    cJSON *oracle = memchr(buf, '\0', n) ? NULL : cJSON_ParseWithOpts(z, &end, 1);
    if (!oracle && rc == 0) fail_msg("accepted what cJSON rejects: %s", z);
    cJSON_Delete(oracle);
    free(z);
    if (rc) {
        if (!e.field[0] || !e.message[0]) fail_msg("rejected without a reason: %.*s", (int)n, buf);
        return;
    }
    sbufClear(w1);
    dossierWriteJson(w1, &d);
    arena a2;
    arenaInit(&a2, 4096, 0);
    dossier d2;
    if (dossierParseJson(&d2, &a2, w1->data, w1->len, &e)) fail_msg("rewrite rejected: %s: %s", e.field, e.message);
    sbufClear(w2);
    dossierWriteJson(w2, &d2);
    assert_string_equal(w1->data, w2->data);
    arenaFree(&a2);
}

static void test_dossier_mutations(void **state) {
    (void)state;
    yearParams p;
    const char *text, *path;
    size_t n;
    char err[512];
    assert_int_equal(paramsBuiltin(2025, &text, &n, &path), 0);
    assert_int_equal(paramsParseJson(&p, text, n, err, sizeof err), 0);
    genState g;
    genInit(&g, 9, &p);
    arena a;
    arenaInit(&a, 65536, 1 << 20);
    sbuf seed, w1, w2;
    sbufInit(&seed);
    sbufInit(&w1);
    sbufInit(&w2);
    enum { CAP = 8192 };
    char *buf = malloc(CAP);
    const long iterations = getenv("GETIHU_FUZZ_ITERATIONS") ? atol(getenv("GETIHU_FUZZ_ITERATIONS")) : 30000;
    for (long it = 0; it < iterations; it++) {
        if (it % 50 == 0) {
            dossier d;
            assert_int_equal(genRecord(&g, (uint64_t)(it / 50), &d), 0);
            sbufClear(&seed);
            dossierWriteJson(&seed, &d);
        }
        size_t len = seed.len < CAP ? seed.len : CAP - 1;
        memcpy(buf, seed.data, len);
        const int edits = 1 + (int)(rnd() % 4);
        for (int k = 0; k < edits; k++) mutate(buf, &len, CAP);
        checkDossier(buf, len, &a, &w1, &w2);
    }
    free(buf);
    sbufFree(&seed);
    sbufFree(&w1);
    sbufFree(&w2);
    arenaFree(&a);
    genFree(&g);
}

static void test_params_mutations(void **state) {
    (void)state;
    const char *text, *path;
    size_t n;
    assert_int_equal(paramsBuiltin(2025, &text, &n, &path), 0);
    char *buf = malloc(n + 4096);
    for (int it = 0; it < 5000; it++) {
        size_t len = n;
        memcpy(buf, text, n);
        mutate(buf, &len, n + 4096);
        yearParams p;
        char err[512];
        if (paramsParseJson(&p, buf, len, err, sizeof err) == 0) {
            assert_int_equal(paramsCheck(&p, err, sizeof err), 0); /* accepted means consistent */
        } else {
            assert_true(err[0] != '\0');
        }
    }
    free(buf);
}

/* 名特优新 applications (DATA.md §5): no crash, a reason for every rejection, nothing
 * accepted that cJSON rejects, and what is accepted can be checked and written. */
static void test_category_mutations(void **state) {
    (void)state;
    static const char seed[] =
        "{\"application\":{\"id\":\"2025-0001\",\"category\":\"quality\",\"route\":\"recommended\","
        "\"date\":\"2025-09-10\",\"claimed\":[\"quality.A\",\"quality.F\"],\"recommended_by\":\"区商务局\","
        "\"consent_on\":\"2025-09-01\"},\"revocations\":[{\"revoked_on\":\"2019-03-01\"}],"
        "\"dossier\":{\"uscc\":\"92110115MA0000000B\",\"established\":\"2004-05-12\",\"status\":\"registered\","
        "\"operator_groups\":[\"veteran\"],\"annual_reports\":[{\"year\":2024,\"filed_on\":\"2025-05-20\","
        "\"revenue\":\"350000\"}],\"penalties\":[{\"decided_on\":\"2024-03-02\",\"kind\":\"fine\","
        "\"publicized\":true}],\"dishonest_debtor\":[{\"from\":\"2020-01-01\",\"to\":\"2021-01-01\"}]}}";
    yearParams p;
    const char *text, *path;
    size_t n;
    char err[512];
    assert_int_equal(paramsBuiltin(2025, &text, &n, &path), 0);
    assert_int_equal(paramsParseJson(&p, text, n, err, sizeof err), 0);
    enum { CAP = 4096 };
    char *buf = malloc(CAP), *z = malloc(CAP + 1);
    arena a;
    arenaInit(&a, 65536, 1 << 20);
    sbuf out;
    sbufInit(&out);
    long accepted = 0;
    for (int it = 0; it < 40000; it++) {
        size_t len = sizeof seed - 1;
        memcpy(buf, seed, len);
        const int edits = it ? 1 + (int)(rnd() % 3) : 0;
        for (int k = 0; k < edits; k++) mutate(buf, &len, CAP);
        categoryInput in;
        dossierError e;
        arenaReset(&a);
        const int rc = categoryParseJson(&in, &a, buf, len, &e);
        memcpy(z, buf, len);
        z[len] = '\0';
        const char *end = NULL;
        cJSON *oracle = memchr(buf, '\0', len) ? NULL : cJSON_ParseWithOpts(z, &end, 1);
        if (!oracle && rc == 0) fail_msg("accepted what cJSON rejects: %s", z);
        cJSON_Delete(oracle);
        if (rc) {
            if (!e.field[0] || !e.message[0]) fail_msg("rejected without a reason: %s", z);
            continue;
        }
        accepted++;
        categoryResult r;
        if (categoryCheck(&r, &in.app, &in.d, &p) == 0) {
            sbufClear(&out);
            categoryWriteJson(&out, &in, 2025, &r);
            cJSON *back = cJSON_ParseWithLength(out.data, out.len);
            if (!back) fail_msg("result is not JSON: %s", out.data);
            cJSON_Delete(back);
        }
    }
    printf("category mutations: %ld of 40000 accepted\n", accepted);
    assert_true(accepted > 1000); /* the mutations leave enough valid records to exercise the check */
    sbufFree(&out);
    arenaFree(&a);
    free(buf);
    free(z);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_dossier_mutations), cmocka_unit_test(test_params_mutations),
                                       cmocka_unit_test(test_category_mutations)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
