/* rules/render.c and rules/result_facts.c (issue 12 §1): every reason code at every
 * renderer version; version 1 byte for byte as the release before facts wrote it
 * (render_v1_golden.txt); facts round trips that render exactly as the typing
 * result itself; refusal of malformed facts and unknown versions. Links app/ only to
 * hold the renderer's split columns equal to the exports' split of the JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/export.h"
#include "core/arena.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "io/result_json.h"
#include "render_cases.h"
#include "rules/explain.h"
#include "rules/render.h"
#include "rules/result_facts.h"

/* The sentence of code c, variant v, in version. */
static char *sentence(int version, reasonCode c, int v) {
    typingReason r = renderCase(c, v);
    sbuf b;
    sbufInit(&b);
    renderText(&b, version, &r);
    assert_false(b.failed);
    return b.data;
}

/* Version 1 gives exactly what the release before facts stored (the golden file). */
static void test_v1_golden(void **state) {
    (void)state;
    FILE *f = fopen(GETIHU_RENDER_GOLDEN, "r");
    assert_non_null(f);
    char line[2048];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t'), *sp = strchr(line, ' ');
        assert_true(tab && sp && sp < tab);
        *sp = *tab = '\0';
        reasonCode c;
        assert_int_equal(explainParse(&c, line, strlen(line)), 0);
        char *got = sentence(1, c, atoi(sp + 1));
        if (strcmp(got, tab + 1)) fail_msg("%s %s: version 1 wrote\n  %s\nnot\n  %s", line, sp + 1, got, tab + 1);
        free(got);
        n++;
    }
    fclose(f);
    assert_int_equal(n, REASON__COUNT * RENDER_CASE_VARIANTS); /* every code, every variant */
}

/* Every code at every version: a sentence; the test version differs from version 1
 * in exactly its one reworded template; the current version is `classify`'s. */
static void test_every_code_every_version(void **state) {
    (void)state;
    assert_int_equal(renderVersionAt(0), 1);
    assert_true(renderKnown(RENDER_CURRENT) && renderKnown(RENDER_TEST) && !renderKnown(RENDER_LEGACY));
    for (size_t i = 0; i < renderVersionCount(); i++) {
        const int ver = renderVersionAt(i);
        if (i) assert_true(ver > renderVersionAt(i - 1));
        for (int c = 0; c < REASON__COUNT; c++)
            for (int v = 0; v < RENDER_CASE_VARIANTS; v++) {
                char *s = sentence(ver, (reasonCode)c, v), *one = sentence(1, (reasonCode)c, v);
                if (strlen(s) < 6) fail_msg("version %d %s: no sentence", ver, explainCode((reasonCode)c));
                if (ver == RENDER_TEST) assert_int_equal(!strcmp(s, one), c != REASON_SURVIVAL_DEFAULT);
                if (ver == RENDER_CURRENT) {
                    typingReason r = renderCase((reasonCode)c, v);
                    sbuf b;
                    sbufInit(&b);
                    explainText(&b, &r);
                    assert_string_equal(b.data, s);
                    sbufFree(&b);
                }
                free(s);
                free(one);
            }
    }
}

/* A result of n reasons from the cases, starting at case k. */
static void caseResult(typingResult *r, int k, size_t n) {
    r->type = TYPE_SURVIVAL;
    r->n = n;
    for (size_t i = 0; i < n; i++) {
        const int j = (k + (int)i) % (REASON__COUNT * RENDER_CASE_VARIANTS);
        r->reasons[i] = renderCase((reasonCode)(j / RENDER_CASE_VARIANTS), j % RENDER_CASE_VARIANTS);
        r->reasons[i].year = 2020 + (int)((i * 7 + (size_t)k) % 3); /* years that repeat and change */
    }
}

/* Facts of any result render exactly as the result itself, at every version; the
 * facts are far shorter than the sentences. */
static void test_round_trip(void **state) {
    (void)state;
    sbuf facts, direct, stored;
    sbufInit(&facts), sbufInit(&direct), sbufInit(&stored);
    size_t facts_bytes = 0, json_bytes = 0;
    for (size_t i = 0; i < renderVersionCount(); i++)
        for (int k = 0; k < REASON__COUNT * RENDER_CASE_VARIANTS; k++)
            for (size_t n = 0; n <= TYPING_MAX_REASONS; n += 1 + (size_t)k % 5) {
                typingResult r;
                caseResult(&r, k, n);
                const int ver = renderVersionAt(i);
                sbufClear(&facts), sbufClear(&direct), sbufClear(&stored);
                resultFactsEncode(&facts, ver, &r);
                renderReasonsJson(&direct, ver, &r);
                assert_true(resultFactsIs(facts.data, facts.len));
                assert_int_equal(renderStored(&stored, facts.data, facts.len), 0);
                if (strcmp(stored.data, direct.data)) fail_msg("facts %s\nrender %s\nnot    %s", facts.data, stored.data, direct.data);
                facts_bytes += facts.len, json_bytes += direct.len;
                { /* the exports' columns from facts equal the split of the rendered array */
                    sbuf c1, t1, c2, t2;
                    sbufInit(&c1), sbufInit(&t1), sbufInit(&c2), sbufInit(&t2);
                    arena a;
                    arenaInit(&a, 4096, 0);
                    renderSplit(&c1, &t1, ver, &r);
                    assert_int_equal(exportSplitReasons(&a, direct.data, direct.len, &c2, &t2), 0);
                    assert_string_equal(c1.data ? c1.data : "", c2.data ? c2.data : "");
                    assert_string_equal(t1.data ? t1.data : "", t2.data ? t2.data : "");
                    arenaFree(&a);
                    sbufFree(&c1), sbufFree(&t1), sbufFree(&c2), sbufFree(&t2);
                }
                if (ver == RENDER_CURRENT) { /* classify's writer is the same function */
                    sbufClear(&stored);
                    resultWriteReasons(&stored, &r);
                    assert_string_equal(stored.data, direct.data);
                }
            }
    /* every figure is set in the cases, so the ratio is lower than real results (~10x) */
    if (facts_bytes * 3 >= json_bytes) fail_msg("facts %zu bytes, sentences %zu", facts_bytes, json_bytes);
    sbufFree(&facts), sbufFree(&direct), sbufFree(&stored);
}

/* A stored JSON array (a run from before facts, a city run) is given as it is. */
static void test_legacy_verbatim(void **state) {
    (void)state;
    static const char old[] = "[{\"code\":\"X\",\"article\":\"A\",\"text\":\"旧的句子 1|2\"}]";
    sbuf b;
    sbufInit(&b);
    assert_false(resultFactsIs(old, sizeof old - 1));
    assert_int_equal(renderStored(&b, old, sizeof old - 1), 0);
    assert_string_equal(b.data, old);
    assert_int_equal(renderVersionOf(RENDER_LEGACY), 1);
    assert_int_equal(renderVersionOf(RENDER_TEST), RENDER_TEST);
    sbufFree(&b);
}

/* A sentence quoting a ref that needs escaping is escaped whole (the plain fast
 * path must not be taken), as every JSON string is (core/jsonstr.c). */
static void test_escaping(void **state) {
    (void)state;
    for (int c = 0; c < 256; c++) {
        char ref[8] = {'A', (char)(c ? c : 'x'), '"', '\\', 'Z', '\0'};
        typingResult r = {.n = 1};
        r.reasons[0] = renderCase(REASON_DEVELOPMENT_D, 1);
        r.reasons[0].ref = ref;
        sbuf got, text, want;
        sbufInit(&got), sbufInit(&text), sbufInit(&want);
        renderReasonsJson(&got, 1, &r);
        renderText(&text, 1, &r.reasons[0]);
        SBUF_LIT(&want, "[{\"code\":\"DEVELOPMENT.D\",\"article\":\"");
        sbufPuts(&want, explainArticle(REASON_DEVELOPMENT_D));
        SBUF_LIT(&want, "\",\"text\":");
        jsonwStringN(&want, text.data, text.len);
        SBUF_LIT(&want, "}]");
        assert_string_equal(got.data, want.data);
        sbufFree(&got), sbufFree(&text), sbufFree(&want);
    }
}

/* Malformed facts and unknown versions are refused, never read past their end
 * (ASan in scripts/test.sh): every truncation and many mutations of real facts. */
static void test_refusals(void **state) {
    (void)state;
    static const char *const bad[] = {"1|Z", "1|0q", "1|0y", "1|0y-", "1|0,", "1|0r9:ab", "1|0r2ab", "1|S",
                                      "1|0cVVVVVVVVVVVVVVVVV", "1x0", "12345678|0", "7|0", "0|0"};
    sbuf b;
    sbufInit(&b);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sbufClear(&b);
        if (renderStored(&b, bad[i], strlen(bad[i])) != GH_EINVAL) fail_msg("accepted %s", bad[i]);
        assert_int_equal(b.len, 0);
    }
    typingResult r;
    caseResult(&r, 5, TYPING_MAX_REASONS);
    sbuf facts;
    sbufInit(&facts);
    resultFactsEncode(&facts, 1, &r);
    char *m = malloc(facts.len + 1);
    unsigned seed = 12;
    for (size_t cut = 0; cut < facts.len; cut++) { /* truncations: refused or a shorter result */
        sbufClear(&b);
        memcpy(m, facts.data, cut);
        const int rc = renderStored(&b, m, cut);
        assert_true(rc == 0 || rc == GH_EINVAL);
    }
    for (int it = 0; it < 20000; it++) { /* mutations */
        memcpy(m, facts.data, facts.len);
        for (int k = 0; k < 1 + it % 3; k++) {
            seed = seed * 1103515245u + 12345u;
            m[(seed >> 8) % facts.len] = "0123456789AV-|,:yhvtcmxderq\"["[(seed >> 20) % 29];
        }
        sbufClear(&b);
        const int rc = renderStored(&b, m, facts.len);
        assert_true(rc == 0 || rc == GH_EINVAL);
    }
    typingResult too_many;
    caseResult(&too_many, 0, TYPING_MAX_REASONS);
    sbufClear(&facts);
    resultFactsEncode(&facts, 1, &too_many);
    SBUF_LIT(&facts, ",0"); /* one reason more than a result holds */
    sbufClear(&b);
    assert_int_equal(renderStored(&b, facts.data, facts.len), GH_EINVAL);
    free(m);
    sbufFree(&facts);
    sbufFree(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v1_golden),       cmocka_unit_test(test_every_code_every_version),
        cmocka_unit_test(test_round_trip),      cmocka_unit_test(test_legacy_verbatim),
        cmocka_unit_test(test_escaping),        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
