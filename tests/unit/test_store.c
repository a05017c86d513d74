/* The SQLite store (src/store/sqlite/): migrations, idempotent application, pruning, round trip of
 * dossiers, runs, publication, transitions, look-up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/error.h"
#include "gen/gen.h"
#include "io/dossier_json.h"
#include "io/params_json.h"
#include "io/result_json.h"
#include "store/store.h"

static char dbPath[256];

static store *fresh(void) {
    snprintf(dbPath, sizeof dbPath, "/tmp/getihu-test-%d.db", (int)getpid());
    char wal[300];
    unlink(dbPath);
    snprintf(wal, sizeof wal, "%s-wal", dbPath);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", dbPath);
    unlink(wal);
    store *s;
    char err[600];
    if (storeOpen(&s, dbPath, STORE_OPEN_CREATE, err, sizeof err)) fail_msg("open: %s", err);
    return s;
}

static void shipped(yearParams *p) {
    const char *text, *path;
    size_t n;
    char err[512];
    assert_int_equal(paramsBuiltin(2025, &text, &n, &path), 0);
    assert_int_equal(paramsParseJson(p, text, n, err, sizeof err), 0);
}

static void test_open_and_migrate(void **state) {
    (void)state;
    store *s = fresh();
    int v = 0;
    char result[256];
    assert_int_equal(storeSchemaVersion(s, &v), 0);
    assert_int_equal(v, STORE_SCHEMA_VERSION);
    assert_int_equal(storeVerify(s, STORE_VERIFY_FULL, result, sizeof result), 0);
    assert_string_equal(result, "ok");
    storeClose(s);
    char err[600];
    assert_int_equal(storeOpen(&s, dbPath, 0, err, sizeof err), 0); /* reopening migrates nothing */
    assert_int_equal(storeSchemaVersion(s, &v), 0);
    assert_int_equal(v, STORE_SCHEMA_VERSION);
    assert_int_equal(storeOpenedVersion(s, &v), 0);
    assert_int_equal(v, STORE_SCHEMA_VERSION);
    storeClose(s);
    assert_int_not_equal(storeOpen(&s, "/nonexistent-dir/x.db", STORE_OPEN_CREATE, err, sizeof err), 0);
    assert_non_null(strstr(err, "/nonexistent-dir/x.db"));
}

/* Same typing result from the dossier as given and as read back from the store. */
static void typedEqual(const dossier *a, const dossier *b, const yearParams *p) {
    if (a->established > p->reference_date) return;
    typingResult ra, rb;
    sbuf x, y;
    sbufInit(&x);
    sbufInit(&y);
    assert_int_equal(typingClassify(&ra, a, p), 0);
    assert_int_equal(typingClassify(&rb, b, p), 0);
    resultWriteJson(&x, a->uscc, p->year, &ra);
    resultWriteJson(&y, b->uscc, p->year, &rb);
    assert_string_equal(x.data, y.data);
    sbufFree(&x);
    sbufFree(&y);
}

static void test_dossiers(void **state) {
    (void)state;
    store *s = fresh();
    yearParams p;
    shipped(&p);
    genState g;
    genInit(&g, 21, &p);
    int64_t imp;
    storeImport info = {.kind = "dossiers", .file_name = "t", .sha256 = "0", .actor = "test"};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeImportCreate(s, &info, &imp), 0);
    const int n = 300;
    for (int i = 0; i < n; i++) {
        dossier d;
        int changed = 0;
        assert_int_equal(genRecord(&g, (uint64_t)i, &d), 0);
        assert_int_equal(storeApplyDossier(s, &d, imp, &changed), 0);
        assert_true(changed > 0);
    }
    assert_int_equal(storeCommit(s), 0);
    /* Applying the same dossiers again changes nothing; reading back types the same. */
    arena a;
    arenaInit(&a, 16 * 1024, 0);
    assert_int_equal(storeBegin(s), 0);
    for (int i = 0; i < n; i++) {
        dossier d, back;
        int changed = -1;
        assert_int_equal(genRecord(&g, (uint64_t)i, &d), 0);
        assert_int_equal(storeApplyDossier(s, &d, imp, &changed), 0);
        assert_int_equal(changed, 0);
        arenaReset(&a);
        assert_int_equal(storeLoadDossier(s, d.uscc, &a, &back), 0);
        assert_int_equal(back.n_annual_reports, d.n_annual_reports);
        assert_int_equal(back.abnormal_list.n, d.abnormal_list.n);
        assert_int_equal(back.established, d.established);
        typedEqual(&d, &back, &p);
    }
    /* A dossier that no longer lists its reports and lists removes them. */
    dossier d, back;
    assert_int_equal(genRecord(&g, 7, &d), 0);
    const size_t had = d.n_annual_reports;
    d.n_annual_reports = 0;
    d.abnormal_list.n = 0;
    int changed = 0;
    assert_int_equal(storeApplyDossier(s, &d, imp, &changed), 0);
    assert_true(had == 0 || changed > 0);
    arenaReset(&a);
    assert_int_equal(storeLoadDossier(s, d.uscc, &a, &back), 0);
    assert_int_equal(back.n_annual_reports, 0);
    assert_int_equal(back.abnormal_list.n, 0);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeLoadDossier(s, "92110115MA0000000B", &a, &back), GH_ENOTFOUND);
    arenaFree(&a);
    genFree(&g);
    storeClose(s);
}

typedef struct counter { int n; char last[USCC_LEN + 1]; bool ordered; } counter;

static int countDossier(void *ctx, const dossier *d) {
    counter *c = ctx;
    if (c->n++ && strcmp(c->last, d->uscc) >= 0) c->ordered = false;
    memcpy(c->last, d->uscc, sizeof c->last);
    return 0;
}

static int countTransition(void *ctx, int from, int to, int64_t count) {
    int64_t *m = ctx;
    m[(from + 1) * 5 + to + 1] += count;
    return 0;
}

static int countHit(void *ctx, const storeHit *h) {
    (void)h;
    (*(int *)ctx)++;
    return 0;
}

static int expectUnknown(void *ctx, uint64_t line, const char *field, const char *msg) {
    (void)ctx;
    assert_int_equal(line, 2);
    assert_string_equal(field, "uscc");
    assert_non_null(strstr(msg, "请先导入登记信息"));
    return 0;
}

static void test_rows_runs_lookup(void **state) {
    (void)state;
    store *s = fresh();
    int64_t imp, run1, run2;
    storeImport info = {.kind = "registration", .file_name = "t", .sha256 = "0", .actor = "test"};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeImportCreate(s, &info, &imp), 0);
    bizFact r;
    memset(&r, 0, sizeof r);
    r.established = dateFromYmd(2015, 1, 1);
    r.filed_on = r.from = r.to = DATE_NONE;
    r.employees = -1;
    int64_t changed;
    const char *codes[3] = {"92110115MA00001014", "92110115MA00001027", "92110115MA0000103A"};
    const char *names[3] = {"北京市大兴区福顺小吃店", "北京市大兴区瑞丰便利店", NULL};
    assert_int_equal(storeStageBegin(s, FACT_REGISTRATION), 0);
    for (int i = 0; i < 3; i++) {
        memcpy(r.uscc, codes[i], 19);
        r.name = names[i];
        if (i == 0) memcpy(r.legacy_reg_no, "110115000000003", 16);
        else r.legacy_reg_no[0] = '\0';
        assert_int_equal(storeStageRow(s, &r, codes[i], (uint64_t)i + 2), 0);
    }
    assert_int_equal(storeStageMarkDuplicateKeys(s, "dup"), 0);
    assert_int_equal(storeStageApply(s, FACT_REGISTRATION, imp, &changed), 0);
    assert_int_equal(changed, 3);
    /* A fact about a business the store does not hold is marked bad and not applied. */
    assert_int_equal(storeStageBegin(s, FACT_ANNUAL_REPORT), 0);
    memcpy(r.uscc, "92110115MA0000000B", 19);
    r.year = 2024;
    r.has_year = true;
    assert_int_equal(storeStageRow(s, &r, "92110115MA0000000B/2024", 2), 0);
    assert_int_equal(storeStageMarkUnknownBusinesses(s, "名录中没有该个体工商户，请先导入登记信息"), 0);
    int64_t bad = 0;
    assert_int_equal(storeStageEachBad(s, expectUnknown, NULL, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(storeStageApply(s, FACT_ANNUAL_REPORT, imp, &changed), 0);
    assert_int_equal(changed, 0);
    assert_int_equal(storeCommit(s), 0);
    counter c = {.ordered = true};
    assert_int_equal(storeEachDossier(s, countDossier, &c), 0);
    assert_int_equal(c.n, 3);
    assert_true(c.ordered);
    /* Runs, results, publication, transitions. */
    const storeRun run = {.year = 2025, .params_json = "{}", .params_sha256 = "x", .program_version = "t", .actor = "t"};
    const int64_t by1[4] = {2, 1, 0, 0}, by2[4] = {1, 1, 0, 0};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &run, &run1), 0);
    assert_int_equal(storeResultAdd(s, run1, codes[0], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run1, codes[1], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run1, codes[2], TYPE_GROWTH, "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run1, 3, by1), 0);
    assert_int_equal(storeRunCreate(s, &run, &run2), 0);
    assert_int_equal(storeResultAdd(s, run2, codes[0], TYPE_GROWTH, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run2, codes[1], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run2, 2, by2), 0);
    assert_int_equal(storeCommit(s), 0);
    int64_t published;
    int year;
    assert_int_equal(storePublishedRun(s, 2025, &published), GH_ENOTFOUND);
    assert_int_equal(storePublish(s, run2, "t", &year), GH_EINVAL); /* outside a transaction */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storePublish(s, run2, "t", &year), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(year, 2025);
    assert_int_equal(storePublishedRun(s, 2025, &published), 0);
    assert_int_equal(published, run2);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storePublish(s, 999, "t", &year), GH_ENOTFOUND);
    assert_int_equal(storeRollback(s), 0);
    int64_t m[25] = {0};
    assert_int_equal(storeTransitions(s, run1, run2, countTransition, m), 0);
    assert_int_equal(m[(TYPE_SURVIVAL + 1) * 5 + TYPE_GROWTH + 1], 1);   /* survival -> growth */
    assert_int_equal(m[(TYPE_SURVIVAL + 1) * 5 + TYPE_SURVIVAL + 1], 1); /* survival -> survival */
    assert_int_equal(m[(TYPE_GROWTH + 1) * 5 + 0], 1);                   /* growth -> no result */
    /* Look-up: USCC, 注册号, one and two CJK characters; no match. */
    int hits = 0;
    assert_int_equal(storeFind(s, codes[1], 10, countHit, &hits), 0);
    assert_int_equal(hits, 1);
    hits = 0;
    assert_int_equal(storeFind(s, "110115000000003", 10, countHit, &hits), 0);
    assert_int_equal(hits, 1);
    hits = 0;
    assert_int_equal(storeFind(s, "福", 10, countHit, &hits), 0);
    assert_int_equal(hits, 1);
    hits = 0;
    assert_int_equal(storeFind(s, "大兴", 10, countHit, &hits), 0);
    assert_int_equal(hits, 2);
    hits = 0;
    assert_int_equal(storeFind(s, "火锅", 10, countHit, &hits), 0);
    assert_int_equal(hits, 0);
    char result[256];
    assert_int_equal(storeVerify(s, STORE_VERIFY_FULL, result, sizeof result), 0);
    assert_string_equal(result, "ok");
    storeClose(s);
    unlink(dbPath);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_open_and_migrate), cmocka_unit_test(test_dossiers),
                                       cmocka_unit_test(test_rows_runs_lookup)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
