/* The store contract: every function of store/store.h, through the interface only
 * (no SQL, no backend header). Runs against the store at $GETIHU_TEST_STORE when
 * set (an empty store of any backend, e.g. a PostgreSQL URL once that backend
 * exists), else against a fresh temporary SQLite file per test. Tests use
 * disjoint businesses, years and names, and compare counts before and after, so
 * that they also hold when they share one store.
 * tests/cli/store_contract_complete.sh fails when a store.h function is not called here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <time.h>
#include "core/error.h"
#include "store/store.h"
#include "store_fixture.h"
#include "rules/render.h"
#include "rules/result_facts.h"

static char tmpPath[256];

static void removeTmp(void) {
    const char *suffix[] = {"", "-wal", "-shm"};
    char p[300];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", tmpPath, suffix[i]);
        unlink(p);
    }
}

/* Where the current test's store is: a new database per test on PostgreSQL (the
 * fixture's), else $GETIHU_TEST_STORE or a temporary file. */
static char curLoc[512];

static store *openStore(void) {
    store *s;
    if (fixtureIsPg()) {
        if (fixtureOpen(&s, curLoc, sizeof curLoc, "contract")) fail_msg("open a fresh PostgreSQL store");
        return s;
    }
    const char *env = getenv("GETIHU_TEST_STORE");
    if (!env || !*env) {
        snprintf(tmpPath, sizeof tmpPath, "/tmp/getihu-contract-%d.db", (int)getpid());
        removeTmp();
    }
    snprintf(curLoc, sizeof curLoc, "%s", env && *env ? env : tmpPath);
    char err[600];
    if (storeOpen(&s, curLoc, STORE_OPEN_CREATE, err, sizeof err)) fail_msg("open: %s", err);
    return s;
}

static void closeStore(store *s) {
    if (fixtureIsPg()) {
        fixtureRemove(s, curLoc);
        return;
    }
    storeClose(s);
    const char *env = getenv("GETIHU_TEST_STORE");
    if (!env || !*env) removeTmp();
}

/* A valid 个体工商户 USCC numbered n (n < 10^7). */
static void code(char out[USCC_LEN + 1], int n) {
    snprintf(out, USCC_LEN + 1, "92110115MA%07d", n);
    out[17] = usccCheckChar(out);
    out[18] = '\0';
}

/* A valid 15-digit 注册号 numbered n (ISO 7064 MOD 11,10 check digit). */
static void regno(char out[REGNO_LEN + 1], int n) {
    snprintf(out, REGNO_LEN + 1, "11011500%06d", n);
    int p = 10;
    for (int i = 0; i < 14; i++) {
        int t = (p + (out[i] - '0')) % 10;
        if (t == 0) t = 10;
        p = (2 * t) % 11;
    }
    out[14] = (char)('0' + (11 - p) % 10);
    out[15] = '\0';
}

static bizFact newFact(const char *uscc) {
    bizFact f;
    memset(&f, 0, sizeof f);
    memcpy(f.uscc, uscc, USCC_LEN + 1);
    f.established = dateFromYmd(2015, 3, 1);
    f.filed_on = f.from = f.to = f.decided_on = f.repaired_on = DATE_NONE;
    f.employees = -1;
    return f;
}

static int64_t importOf(store *s, const char *kind) {
    int64_t id;
    const storeImport info = {.kind = kind, .file_name = "contract", .sha256 = "0", .actor = "contract"};
    assert_int_equal(storeImportCreate(s, &info, &id), 0);
    return id;
}

/* Registers businesses first..first+n-1 through staging, in one transaction, 100
 * rows a storeStageRows call (the many-row INSERTs and the one-row rest). */
static void registerSome(store *s, int first, int n, const char *name) {
    enum { CHUNK = 100 };
    bizFact f[CHUNK];
    char key[CHUNK][32];
    storeStaged rows[CHUNK];
    int64_t changed;
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "registration");
    assert_int_equal(storeStageBegin(s, FACT_REGISTRATION), 0);
    for (int i = 0; i < n; i += CHUNK) {
        const int m = n - i < CHUNK ? n - i : CHUNK;
        for (int j = 0; j < m; j++) {
            code(key[j], first + i + j);
            f[j] = newFact(key[j]);
            f[j].name = name;
            f[j].town = "黄村镇";
            f[j].industry = "H6210";
            rows[j] = (storeStaged){&f[j], key[j], (uint64_t)(i + j) + 2};
        }
        assert_int_equal(storeStageRows(s, rows, (size_t)m), 0);
    }
    assert_int_equal(storeStageMarkDuplicateKeys(s, "dup"), 0);
    assert_int_equal(storeStageApply(s, FACT_REGISTRATION, imp, &changed), 0);
    assert_int_equal(changed, n);
    assert_int_equal(storeCommit(s), 0);
}

/* ---- open, version, check, transactions ---- */

static void test_open_version_check(void **state) {
    (void)state;
    store *s = openStore();
    int v = 0;
    char result[256];
    assert_int_equal(storeSchemaVersion(s, &v), 0);
    assert_int_equal(v, STORE_SCHEMA_VERSION);
    assert_int_equal(storeOpenedVersion(s, &v), 0);
    assert_true(v == 0 || v == STORE_SCHEMA_VERSION); /* created now, or the given store */
    assert_int_equal(storeVerify(s, STORE_VERIFY_FULL, result, sizeof result), 0);
    assert_string_equal(result, "ok");
    assert_int_equal(storeVerify(s, STORE_VERIFY_QUICK, result, sizeof result), 0);
    assert_string_equal(result, "ok");
    assert_int_equal(storeVerify(s, (storeVerifyMode)7, result, sizeof result), GH_EINVAL);
    assert_non_null(storeLocation(s));
    assert_int_equal(storeReadBegin(s), 0);
    int64_t n;
    assert_int_equal(storeCountBusinesses(s, &n), 0);
    assert_int_equal(storeReadEnd(s), 0);
    storeIdle(s);
    closeStore(s);
    store *t = NULL;
    char err[600];
    /* a PostgreSQL URL where no server listens: GH_EIO, the URL named without its password */
    assert_int_equal(storeOpen(&t, "postgresql://getihu:s3cret@127.0.0.1:1/getihu?connect_timeout=2", 0, err, sizeof err),
                     GH_EIO);
    assert_null(t);
    assert_non_null(strstr(err, "postgresql://getihu:***@127.0.0.1:1/getihu"));
    assert_null(strstr(err, "s3cret"));
    assert_int_equal(storeOpen(&t, "postgres://127.0.0.1:1/getihu?password=s3cret", 0, err, sizeof err), GH_EIO);
    assert_null(strstr(err, "s3cret"));
    assert_int_not_equal(storeOpen(&t, "/nonexistent-dir/x.db", STORE_OPEN_CREATE, err, sizeof err), 0);
    assert_non_null(strstr(err, "/nonexistent-dir/x.db"));
}

/* Only an explicit initialisation creates a store; a read-only handle never writes. */
static void test_open_modes(void **state) {
    (void)state;
    const char *env = getenv("GETIHU_TEST_STORE");
    store *s = NULL, *r = NULL;
    char err[600];
    int v = -1;
    if (!env || !*env) { /* a missing location is refused and not created */
        snprintf(tmpPath, sizeof tmpPath, "/tmp/getihu-contract-%d.db", (int)getpid());
        removeTmp();
        assert_int_equal(storeOpen(&s, tmpPath, 0, err, sizeof err), GH_ENOTFOUND);
        assert_null(s);
        assert_non_null(strstr(err, tmpPath));
        assert_int_equal(storeOpen(&s, tmpPath, STORE_OPEN_READONLY, err, sizeof err), GH_ENOTFOUND);
        assert_int_equal(access(tmpPath, F_OK), -1);
    }
    s = openStore();
    const char *where = curLoc;
    assert_string_equal(storeLocation(s), where);
    assert_int_equal(storeOpen(&r, where, STORE_OPEN_READONLY | STORE_OPEN_CREATE, err, sizeof err), GH_EINVAL);
    assert_int_equal(storeOpen(&r, where, STORE_OPEN_READONLY, err, sizeof err), 0);
    assert_int_equal(storeOpenedVersion(r, &v), 0);
    assert_int_equal(v, STORE_SCHEMA_VERSION); /* opened as it was: nothing migrated */
    int64_t id = 0;
    const storeImport info = {.kind = "readonly", .file_name = "x", .sha256 = "0", .actor = "contract"};
    int rc = storeBegin(r);
    if (!rc) rc = storeImportCreate(r, &info, &id);
    assert_int_not_equal(rc, 0); /* a read-only handle refuses to write */
    assert_true(storeError(r)[0] != '\0');
    storeRollback(r);
    storeClose(r);
    closeStore(s);
}

static int countImport(void *ctx, const storeImport *imp) {
    (void)imp;
    (*(int *)ctx)++;
    return 0;
}

static void test_transactions(void **state) {
    (void)state;
    store *s = openStore();
    int before = 0, after = 0;
    assert_int_equal(storeEachImport(s, 1000000, countImport, &before), 0);
    assert_int_equal(storeRollback(s), 0); /* none open: a no-op */
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "dossiers");
    char u[USCC_LEN + 1];
    code(u, 100);
    dossier d;
    dossierInit(&d);
    memcpy(d.uscc, u, sizeof d.uscc);
    d.established = dateFromYmd(2016, 1, 1);
    int changed = 0;
    assert_int_equal(storeApplyDossier(s, &d, imp, &changed), 0);
    assert_true(changed > 0);
    assert_int_equal(storeRollback(s), 0);
    assert_int_equal(storeEachImport(s, 1000000, countImport, &after), 0);
    assert_int_equal(after, before);
    arena a;
    arenaInit(&a, 4096, 0);
    assert_int_equal(storeLoadDossier(s, u, &a, &d), GH_ENOTFOUND);
    assert_int_equal(storeBegin(s), 0);
    importOf(s, "dossiers");
    assert_int_equal(storeCommit(s), 0);
    after = 0;
    assert_int_equal(storeEachImport(s, 1000000, countImport, &after), 0);
    assert_int_equal(after, before + 1);
    arenaFree(&a);
    closeStore(s);
}

/* ---- staging ---- */

typedef struct badSeen { int n; uint64_t lines[8]; char msgs[8][64]; } badSeen;

static int collectBad(void *ctx, uint64_t line, const char *field, const char *msg) {
    badSeen *b = ctx;
    assert_non_null(field);
    if (b->n < 8) {
        b->lines[b->n] = line;
        snprintf(b->msgs[b->n], sizeof b->msgs[0], "%s", msg);
    }
    b->n++;
    return 0;
}

/* The whole-file checks of a stage (repeated keys, unknown businesses) run, and its bad
 * lines collected into *b; returns how many lines the store counts as bad. */
static int64_t stageChecks(store *s, badSeen *b) {
    assert_int_equal(storeStageMarkDuplicateKeys(s, "重复 (dup)"), 0);
    assert_int_equal(storeStageMarkUnknownBusinesses(s, "未知 (unknown)"), 0);
    int64_t lines = 0;
    assert_int_equal(storeStageEachBad(s, collectBad, b, &lines), 0);
    return lines;
}

static void test_stage_checks(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 200, 2, "北京市大兴区核查小吃店");
    char u0[USCC_LEN + 1], u1[USCC_LEN + 1], unknown[USCC_LEN + 1];
    code(u0, 200);
    code(u1, 201);
    code(unknown, 299);
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "annual_reports");
    assert_int_equal(storeStageBegin(s, FACT_ANNUAL_REPORT), 0);
    bizFact f = newFact(u0);
    f.has_year = true;
    f.year = 2024;
    f.has_revenue = true;
    f.revenue = 1234500;
    f.employees = 3;
    assert_int_equal(storeStageRow(s, &f, "k0", 2), 0);
    assert_int_equal(storeStageBad(s, 3, "revenue", "not money"), 0);
    assert_int_equal(storeStageRow(s, &f, "k0", 4), 0); /* the key again */
    bizFact g = newFact(unknown);
    g.has_year = true;
    g.year = 2024;
    assert_int_equal(storeStageRow(s, &g, "k9", 5), 0);
    bizFact h = newFact(u1);
    h.has_year = true;
    h.year = 2024;
    assert_int_equal(storeStageRow(s, &h, "k1", 6), 0);
    badSeen b = {0};
    const int64_t lines = stageChecks(s, &b);
    assert_int_equal(lines, 3);
    assert_int_equal(b.n, 3);
    assert_int_equal(b.lines[0], 3);
    assert_int_equal(b.lines[1], 4);
    assert_string_equal(b.msgs[1], "重复 (dup)");
    assert_int_equal(b.lines[2], 5);
    assert_string_equal(b.msgs[2], "未知 (unknown)");
    int64_t changed = -1;
    assert_int_equal(storeStageApply(s, FACT_ANNUAL_REPORT, imp, &changed), 0);
    assert_int_equal(changed, 2); /* lines 2 and 6 */
    assert_int_equal(storeStageApply(s, FACT_ANNUAL_REPORT, imp, &changed), 0);
    assert_int_equal(changed, 0); /* the same again: no change */
    const storeImport done = {.status = "committed", .rows_read = 5, .rows_ok = 2, .rows_bad = 3, .rows_changed = 2};
    assert_int_equal(storeImportFinish(s, imp, &done), 0);
    assert_int_equal(storeCommit(s), 0);
    arena a;
    arenaInit(&a, 4096, 0);
    dossier d;
    assert_int_equal(storeLoadDossier(s, u0, &a, &d), 0);
    assert_int_equal(d.n_annual_reports, 1);
    assert_int_equal(d.annual_reports[0].revenue, 1234500);
    assert_int_equal(d.annual_reports[0].employees, 3);
    assert_int_equal(storeLoadDossier(s, unknown, &a, &d), GH_ENOTFOUND);
    arenaFree(&a);
    closeStore(s);
}

/* Stages n facts (keys their USCCs and year) in one storeStageRows call and applies targets. */
static int64_t stageMany(store *s, const bizFact *f, int n, unsigned targets) {
    enum { MAX = 300 };
    assert_true(n <= MAX);
    char key[MAX][40];
    storeStaged rows[MAX];
    int64_t changed = -1;
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "many");
    assert_int_equal(storeStageBegin(s, targets), 0);
    for (int i = 0; i < n; i++) {
        snprintf(key[i], sizeof key[i], "%s/%d", f[i].uscc, f[i].year);
        rows[i] = (storeStaged){&f[i], key[i], (uint64_t)i + 2};
    }
    assert_int_equal(storeStageRows(s, rows, (size_t)n), 0);
    assert_int_equal(storeStageMarkDuplicateKeys(s, "dup"), 0);
    if (!(targets & FACT_REGISTRATION)) assert_int_equal(storeStageMarkUnknownBusinesses(s, "unknown"), 0);
    assert_int_equal(storeStageApply(s, targets, imp, &changed), 0);
    assert_int_equal(storeCommit(s), 0);
    return changed;
}

/* Rows staged many at a time (decision 328: 64-row INSERTs and the rest one by one,
 * only the columns the targets read) arrive whole: every column of rows on both
 * sides of a 64-row boundary, present and absent values, and dates. */
static void test_stage_rows(void **state) {
    (void)state;
    store *s = openStore();
    enum { N = 130 };
    static bizFact f[N];
    static char names[N][32], regnos[N][REGNO_LEN + 1];
    for (int i = 0; i < N; i++) {
        char u[USCC_LEN + 1];
        code(u, 9000 + i);
        f[i] = newFact(u);
        snprintf(names[i], sizeof names[i], "北京市大兴区第%d号店", i);
        f[i].name = names[i];
        f[i].operator_name = i % 2 ? "张三" : NULL;
        f[i].operator_id = i % 3 ? "110115199001011234" : NULL;
        f[i].town = i % 5 ? "黄村镇" : "西红门镇";
        f[i].industry = "H6210";
        f[i].address = i % 7 ? NULL : "兴华大街1号";
        if (i % 4 == 0) regno(regnos[i], i), memcpy(f[i].legacy_reg_no, regnos[i], REGNO_LEN + 1);
        f[i].established = dateFromYmd(2010 + i % 10, 1 + i % 12, 1 + i % 28);
        f[i].status = (bizStatus)(i % 4);
        f[i].seasonal = i % 6 == 1;
        f[i].year = 2024;
    }
    assert_int_equal(stageMany(s, f, N, FACT_REGISTRATION), N);
    for (int i = 0; i < N; i++) { /* the same facts as annual reports, every other with a revenue */
        f[i].has_year = true;
        f[i].filed_on = i % 3 ? dateFromYmd(2025, 1 + i % 6, 1 + i % 20) : DATE_NONE;
        f[i].has_revenue = i % 2 == 0, f[i].revenue = 100 * i + 1;
        f[i].employees = i % 5 == 0 ? -1 : i;
    }
    assert_int_equal(stageMany(s, f, N, FACT_ANNUAL_REPORT), N);
    /* a tax file out of USCC order (decision 329: applied in the order of the stage's
     * USCC-led key index, the flags grouped by it): each business's 2024 row in the
     * first half, backwards, its 2023 row in the second; the later line's flag wins */
    static bizFact t[2 * N];
    for (int i = 0; i < N; i++) {
        bizFact *a24 = &t[N - 1 - i], *a23 = &t[2 * N - 1 - i];
        *a24 = newFact(f[i].uscc), *a23 = newFact(f[i].uscc);
        a24->has_year = a23->has_year = true, a24->year = 2024, a23->year = 2023;
        a24->has_tax_paid = a23->has_tax_paid = true, a24->tax_paid = 1000 + i, a23->tax_paid = 2000 + i;
        a24->has_tax_registered = a23->has_tax_registered = true;
        a24->tax_registered = true, a23->tax_registered = i % 3 != 0;
        a24->has_general_taxpayer = true, a24->general_taxpayer = i % 2; /* 2023 does not say */
    }
    int64_t flags = 0; /* one a flag that changed from the registration's 0 */
    for (int i = 0; i < N; i++) flags += (i % 3 != 0) + (i % 2);
    assert_int_equal(stageMany(s, t, 2 * N, FACT_TAX_FLAGS | FACT_TAX_PAID | FACT_INTERVAL), 2 * N + flags);
    arena a;
    arenaInit(&a, 4096, 0);
    const int probe[] = {0, 1, 62, 63, 64, 65, 127, 128, 129};
    for (size_t k = 0; k < sizeof probe / sizeof probe[0]; k++) {
        const int i = probe[k];
        dossier d;
        arenaReset(&a);
        assert_int_equal(storeLoadDossier(s, f[i].uscc, &a, &d), 0);
        assert_string_equal(d.name, names[i]);
        if (f[i].operator_name) assert_string_equal(d.operator_name, f[i].operator_name);
        else assert_true(!d.operator_name || !d.operator_name[0]);
        if (f[i].operator_id) assert_string_equal(d.operator_id, f[i].operator_id);
        else assert_true(!d.operator_id || !d.operator_id[0]);
        assert_string_equal(d.town, f[i].town);
        if (f[i].address) assert_string_equal(d.address, f[i].address);
        else assert_true(!d.address || !d.address[0]);
        assert_string_equal(d.legacy_reg_no, f[i].legacy_reg_no);
        assert_int_equal(d.established, f[i].established);
        assert_int_equal(d.status, f[i].status);
        assert_int_equal(d.seasonal, f[i].seasonal);
        assert_int_equal(d.n_annual_reports, 1);
        assert_int_equal(d.annual_reports[0].year, 2024);
        assert_int_equal(d.annual_reports[0].filed_on, f[i].filed_on);
        assert_int_equal(d.annual_reports[0].has_revenue, f[i].has_revenue);
        if (f[i].has_revenue) assert_int_equal(d.annual_reports[0].revenue, f[i].revenue);
        assert_int_equal(d.annual_reports[0].employees, f[i].employees);
        assert_int_equal(d.tax_registered, i % 3 != 0);
        assert_int_equal(d.general_taxpayer, i % 2);
        assert_int_equal(d.n_tax_paid, 2);
        assert_int_equal(d.tax_paid[0].year, 2023), assert_int_equal(d.tax_paid[0].amount, 2000 + i);
        assert_int_equal(d.tax_paid[1].year, 2024), assert_int_equal(d.tax_paid[1].amount, 1000 + i);
    }
    arenaFree(&a);
    closeStore(s);
}

typedef struct importSeen { int n; int64_t last_id; char status[16]; } importSeen;

static int lastImport(void *ctx, const storeImport *imp) {
    importSeen *w = ctx;
    w->n++;
    w->last_id = imp->id;
    snprintf(w->status, sizeof w->status, "%s", imp->status);
    return 0;
}

/* Stages one fact of each target for business u and applies targets; returns changes. */
static int64_t applyOne(store *s, const bizFact *f, unsigned targets, int64_t *imp) {
    int64_t changed = -1;
    assert_int_equal(storeBegin(s), 0);
    *imp = importOf(s, "facts");
    assert_int_equal(storeStageBegin(s, targets), 0);
    assert_int_equal(storeStageRow(s, f, "only", 2), 0);
    assert_int_equal(storeStageMarkDuplicateKeys(s, "dup"), 0);
    assert_int_equal(storeStageMarkUnknownBusinesses(s, "unknown"), 0);
    assert_int_equal(storeStageApply(s, targets, *imp, &changed), 0);
    assert_int_equal(storeCommit(s), 0);
    return changed;
}

static void test_stage_targets(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 300, 1, "北京市大兴区目标便利店");
    char u[USCC_LEN + 1];
    code(u, 300);
    int64_t imp;
    bizFact f = newFact(u);
    f.has_year = true;
    f.year = 2024;
    f.has_tax_registered = f.tax_registered = true;
    f.has_tax_paid = true;
    f.tax_paid = 56700;
    f.has_count = true;
    f.count = 2;
    f.has_interval = true;
    f.list = LIST_TAX_ABNORMAL;
    f.from = dateFromYmd(2023, 5, 1);
    f.reg_no = "TM-1";
    f.patent_no = "ZL-1";
    f.holder = HOLDER_OPERATOR;
    f.in_use = true;
    f.decided_on = dateFromYmd(2022, 7, 1);
    f.penalty = PENALTY_FINE;
    f.group = GROUP_VETERAN;
    /* the tax kind: flags (general_taxpayer not given: untouched), tax paid, 非正常户 */
    assert_int_equal(applyOne(s, &f, FACT_TAX_FLAGS | FACT_TAX_PAID | FACT_INTERVAL, &imp), 3);
    assert_int_equal(applyOne(s, &f, FACT_TAX_FLAGS | FACT_TAX_PAID | FACT_INTERVAL, &imp), 0);
    assert_int_equal(applyOne(s, &f, FACT_INSURED, &imp), 1);
    assert_int_equal(applyOne(s, &f, FACT_TRADEMARK, &imp), 1);
    assert_int_equal(applyOne(s, &f, FACT_PATENT, &imp), 1);
    assert_int_equal(applyOne(s, &f, FACT_PENALTY, &imp), 1);
    assert_int_equal(applyOne(s, &f, FACT_OPERATOR_GROUP, &imp), 1);
    assert_int_equal(applyOne(s, &f, FACT_OPERATOR_GROUP, &imp), 0);
    f.name = "北京市大兴区目标超市";
    assert_int_equal(applyOne(s, &f, FACT_REGISTRATION, &imp), 1);
    arena a;
    arenaInit(&a, 4096, 0);
    dossier d;
    assert_int_equal(storeLoadDossier(s, u, &a, &d), 0);
    assert_string_equal(d.name, "北京市大兴区目标超市");
    assert_true(d.tax_registered);
    assert_false(d.general_taxpayer);
    assert_int_equal(d.n_tax_paid, 1);
    assert_int_equal(d.tax_paid[0].amount, 56700);
    assert_int_equal(d.tax_abnormal.n, 1);
    assert_int_equal(d.n_insured, 1);
    assert_int_equal(d.insured[0].count, 2);
    assert_int_equal(d.n_trademarks, 1);
    assert_string_equal(d.trademarks[0].reg_no, "TM-1");
    assert_int_equal(d.n_patents, 1);
    assert_int_equal(d.patents[0].holder, HOLDER_OPERATOR);
    assert_int_equal(d.n_penalties, 1);
    assert_int_equal(d.penalties[0].kind, PENALTY_FINE);
    assert_int_equal(d.operator_groups, GROUP_VETERAN);
    /* the import history names every import that changed something, oldest first */
    importSeen w = {0};
    assert_int_equal(storeEachImportOf(s, u, lastImport, &w), 0);
    assert_int_equal(w.n, 8); /* registration + 7 that changed */
    assert_int_equal(w.last_id, imp);
    importSeen latest = {0};
    assert_int_equal(storeEachImport(s, 1, lastImport, &latest), 0);
    assert_int_equal(latest.n, 1);
    assert_int_equal(latest.last_id, imp);
    assert_string_equal(latest.status, "running");
    arenaFree(&a);
    closeStore(s);
}

/* Stages the given facts as one file and applies target; then, when scope is set,
 * prunes. Returns the entries removed (changes when scope is NONE). */
static int64_t stageFile(store *s, const bizFact *facts, int n, unsigned target, listKind list, storeSnapshot scope) {
    int64_t changed = -1, removed = -1;
    char key[64];
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "snapshot");
    assert_int_equal(storeStageBegin(s, target), 0);
    for (int i = 0; i < n; i++) {
        snprintf(key, sizeof key, "%s/%d", facts[i].uscc, i);
        assert_int_equal(storeStageRow(s, &facts[i], key, (uint64_t)i + 2), 0);
    }
    assert_int_equal(storeStageApply(s, target, imp, &changed), 0);
    if (scope != STORE_SNAPSHOT_NONE) assert_int_equal(storeStagePrune(s, target, list, scope, imp, &removed), 0);
    assert_int_equal(storeCommit(s), 0);
    return scope == STORE_SNAPSHOT_NONE ? changed : removed;
}

static bizFact listFact(const char *u, listKind list, civilDate from) {
    bizFact f = newFact(u);
    f.has_interval = true;
    f.list = list;
    f.from = from;
    return f;
}

static int listCount(store *s, const char *u, listKind list) {
    arena a;
    dossier d;
    arenaInit(&a, 4096, 0);
    assert_int_equal(storeLoadDossier(s, u, &a, &d), 0);
    const int n = list == LIST_ABNORMAL ? (int)d.abnormal_list.n : list == LIST_TAX_ABNORMAL ? (int)d.tax_abnormal.n
                                                                                      : (int)d.n_penalties;
    arenaFree(&a);
    return n;
}

/* The history of a staged file is the same whichever way it is found (decisions 280,
 * 281): a small file (seeks) or a large one (walk of the tables), its rows in key
 * order or not; a file in key order still has its unknown businesses marked. */
static void test_import_history_paths(void **state) {
    (void)state;
    store *s = openStore();
    enum { N = 400 };
    registerSome(s, 7000, N, "北京市大兴区路径小吃店");
    char u[USCC_LEN + 1];
    for (int pass = 0; pass < 4; pass++) {
        const int step = pass < 2 ? 10 : 2; /* 40 rows (seeks) or 200 (walk) of 400 businesses */
        const bool reverse = pass % 2;
        bizFact facts[N];
        int n = 0;
        for (int i = 0; i < N; i += step) {
            code(u, 7000 + (reverse ? N - step - i : i));
            facts[n] = newFact(u);
            facts[n].has_year = true, facts[n].year = 2020 + pass, facts[n].filed_on = dateFromYmd(2021 + pass, 3, 1);
            n++;
        }
        assert_int_equal(stageFile(s, facts, n, FACT_ANNUAL_REPORT, LIST_ABNORMAL, STORE_SNAPSHOT_NONE), n);
        for (int i = 0; i < N; i++) {
            importSeen w = {0};
            code(u, 7000 + i);
            assert_int_equal(storeEachImportOf(s, u, lastImport, &w), 0);
            int expect = 1; /* registration */
            for (int p = 0; p <= pass; p++) expect += i % (p < 2 ? 10 : 2) == 0;
            assert_int_equal(w.n, expect);
        }
    }
    /* a file in key order naming a business the directory lacks */
    char known[USCC_LEN + 1], unknown[USCC_LEN + 1];
    code(known, 7000);
    code(unknown, 7000 + N);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeStageBegin(s, FACT_ANNUAL_REPORT), 0);
    bizFact f = newFact(known), g = newFact(unknown);
    f.has_year = g.has_year = true, f.year = g.year = 2030;
    assert_int_equal(storeStageRow(s, &f, "a", 2), 0);
    assert_int_equal(storeStageRow(s, &g, "b", 3), 0);
    badSeen b = {0};
    const int64_t lines = stageChecks(s, &b);
    assert_int_equal(lines, 1);
    assert_int_equal(b.lines[0], 3);
    assert_string_equal(b.msgs[0], "未知 (unknown)");
    assert_int_equal(storeRollback(s), 0);
    closeStore(s);
}

/* The whole-file checks of a file out of key order (decision 320) mark the same lines
 * whichever walk finds them: keys that begin with their USCC (the merge beside the
 * USCC index) or keys that do not (the seeks); both tax flags changed count two
 * (decision 322), one flag one. */
static void test_stage_walks(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 8000, 5, "北京市大兴区走查小吃店");
    char u[5][USCC_LEN + 1], unknown[USCC_LEN + 1], key[64];
    for (int i = 0; i < 5; i++) code(u[i], 8000 + i);
    code(unknown, 8100); /* above every known one: the walk meets the index's end */
    /* lines 2..8: u3, u1, unknown, u1 (repeat), u0, u4, u1 (repeat) */
    const int order[] = {3, 1, -1, 1, 0, 4, 1};
    for (int other = 0; other < 2; other++) {
        assert_int_equal(storeBegin(s), 0);
        assert_int_equal(storeStageBegin(s, 0), 0);
        for (int i = 0; i < 7; i++) {
            bizFact f = newFact(order[i] < 0 ? unknown : u[order[i]]);
            f.has_year = true, f.year = 2024;
            if (other) snprintf(key, sizeof key, "k%d/%s", order[i] < 0 ? 9 : 5 - order[i], f.uscc);
            else snprintf(key, sizeof key, "%s/2024", f.uscc);
            assert_int_equal(storeStageRow(s, &f, key, (uint64_t)i + 2), 0);
        }
        badSeen b = {0};
        const int64_t lines = stageChecks(s, &b);
        assert_int_equal(lines, 3);
        assert_int_equal(b.lines[0], 4), assert_string_equal(b.msgs[0], "未知 (unknown)");
        assert_int_equal(b.lines[1], 5), assert_string_equal(b.msgs[1], "重复 (dup)");
        assert_int_equal(b.lines[2], 8), assert_string_equal(b.msgs[2], "重复 (dup)");
        assert_int_equal(storeRollback(s), 0);
    }
    int64_t imp;
    bizFact f = newFact(u[2]);
    f.has_tax_registered = f.tax_registered = f.has_general_taxpayer = f.general_taxpayer = true;
    assert_int_equal(applyOne(s, &f, FACT_TAX_FLAGS, &imp), 2);
    f.general_taxpayer = false;
    assert_int_equal(applyOne(s, &f, FACT_TAX_FLAGS, &imp), 1);
    f.has_tax_registered = false, f.general_taxpayer = true; /* a flag not given stays */
    assert_int_equal(applyOne(s, &f, FACT_TAX_FLAGS, &imp), 1);
    assert_int_equal(applyOne(s, &f, FACT_TAX_FLAGS, &imp), 0);
    closeStore(s);
}

/* Snapshot imports: the file is the whole list of its businesses, or of all. */
/* The import history of a large staged file (decision 232: kept as sorted chunks of
 * 512): every business the file changed names it, across chunk boundaries, and no
 * other business does; a file that changes nothing is in no business's history. */
static void test_import_history_sets(void **state) {
    (void)state;
    store *s = openStore();
    enum { N = 1300 };
    registerSome(s, 5000, N, "北京市大兴区成批小吃店");
    bizFact *facts = calloc(N, sizeof *facts);
    assert_non_null(facts);
    int n = 0;
    char u[USCC_LEN + 1];
    for (int i = 0; i < N; i += 3) {
        code(u, 5000 + i);
        facts[n] = newFact(u);
        facts[n].has_year = true, facts[n].year = 2024, facts[n].filed_on = dateFromYmd(2025, 3, 1);
        n++;
    }
    assert_int_equal(stageFile(s, facts, n, FACT_ANNUAL_REPORT, LIST_ABNORMAL, STORE_SNAPSHOT_NONE), n);
    assert_int_equal(stageFile(s, facts, n, FACT_ANNUAL_REPORT, LIST_ABNORMAL, STORE_SNAPSHOT_NONE), 0);
    free(facts);
    for (int i = 0; i < N; i++) {
        importSeen w = {0};
        code(u, 5000 + i);
        assert_int_equal(storeEachImportOf(s, u, lastImport, &w), 0);
        assert_int_equal(w.n, i % 3 == 0 ? 2 : 1); /* registration, and the reports for every third */
    }
    importSeen none = {0};
    code(u, 4999);
    assert_int_equal(storeEachImportOf(s, u, lastImport, &none), 0);
    assert_int_equal(none.n, 0);
    code(u, 5000 + N);
    assert_int_equal(storeEachImportOf(s, u, lastImport, &none), 0);
    assert_int_equal(none.n, 0);
    closeStore(s);
}

static void test_stage_prune(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 350, 3, "北京市大兴区名单便利店");
    char u0[USCC_LEN + 1], u1[USCC_LEN + 1], u2[USCC_LEN + 1];
    code(u0, 350), code(u1, 351), code(u2, 352);
    const civilDate d1 = dateFromYmd(2021, 1, 1), d2 = dateFromYmd(2022, 1, 1), d3 = dateFromYmd(2021, 6, 1);
    const bizFact all[] = {listFact(u0, LIST_ABNORMAL, d1), listFact(u0, LIST_ABNORMAL, d2),
                           listFact(u1, LIST_ABNORMAL, d3)};
    assert_int_equal(stageFile(s, all, 3, FACT_INTERVAL, LIST_ABNORMAL, STORE_SNAPSHOT_NONE), 3);
    const bizFact tax = listFact(u2, LIST_TAX_ABNORMAL, d1);
    assert_int_equal(stageFile(s, &tax, 1, FACT_INTERVAL, LIST_TAX_ABNORMAL, STORE_SNAPSHOT_NONE), 1);
    /* businesses: u0's entries not in the file go; u1 is not in the file: kept */
    const bizFact one = listFact(u0, LIST_ABNORMAL, d2);
    assert_int_equal(stageFile(s, &one, 1, FACT_INTERVAL, LIST_ABNORMAL, STORE_SNAPSHOT_BUSINESSES), 1);
    assert_int_equal(listCount(s, u0, LIST_ABNORMAL), 1);
    assert_int_equal(listCount(s, u1, LIST_ABNORMAL), 1);
    assert_int_equal(stageFile(s, &one, 1, FACT_INTERVAL, LIST_ABNORMAL, STORE_SNAPSHOT_BUSINESSES), 0);
    /* all: every entry of this list not in the file goes; another list is untouched */
    assert_int_equal(stageFile(s, &one, 1, FACT_INTERVAL, LIST_ABNORMAL, STORE_SNAPSHOT_ALL), 1);
    assert_int_equal(listCount(s, u1, LIST_ABNORMAL), 0);
    assert_int_equal(listCount(s, u0, LIST_ABNORMAL), 1);
    assert_int_equal(listCount(s, u2, LIST_TAX_ABNORMAL), 1);
    assert_int_equal(stageFile(s, &one, 1, FACT_INTERVAL, LIST_ABNORMAL, STORE_SNAPSHOT_ALL), 0);
    /* the business that lost an entry names the import that removed it */
    importSeen w = {0}, latest = {0};
    assert_int_equal(storeEachImportOf(s, u1, lastImport, &w), 0);
    assert_int_equal(storeEachImport(s, 3, lastImport, &latest), 0);
    assert_int_equal(w.n, 3); /* registration, the list, the snapshot */
    /* penalties: keyed by decision date and kind */
    bizFact p1 = newFact(u2), p2 = newFact(u2);
    p1.decided_on = d1, p1.penalty = PENALTY_FINE;
    p2.decided_on = d2, p2.penalty = PENALTY_WARNING;
    const bizFact pens[] = {p1, p2};
    assert_int_equal(stageFile(s, pens, 2, FACT_PENALTY, LIST_ABNORMAL, STORE_SNAPSHOT_NONE), 2);
    assert_int_equal(stageFile(s, &p2, 1, FACT_PENALTY, LIST_ABNORMAL, STORE_SNAPSHOT_ALL), 1);
    assert_int_equal(listCount(s, u2, LIST__COUNT), 1);
    int64_t removed;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeStagePrune(s, FACT_TRADEMARK, LIST_ABNORMAL, STORE_SNAPSHOT_ALL, 1, &removed), GH_EINVAL);
    assert_int_equal(storeStagePrune(s, FACT_PENALTY, LIST_ABNORMAL, STORE_SNAPSHOT_NONE, 1, &removed), GH_EINVAL);
    assert_int_equal(storeRollback(s), 0);
    closeStore(s);
}

/* ---- dossiers ---- */

typedef struct walk { int n, mine, named, reports; char last[USCC_LEN + 1]; bool ordered; } walk;

static int walkDossier(void *ctx, const dossier *d) {
    walk *w = ctx;
    if (w->n++ && strcmp(w->last, d->uscc) >= 0) w->ordered = false;
    memcpy(w->last, d->uscc, sizeof w->last);
    if (!strncmp(d->uscc, "92110115MA00004", 15)) w->mine++, w->reports += (int)d->n_annual_reports;
    if (d->name || d->operator_name || d->operator_id || d->town || d->industry || d->address || d->legacy_reg_no[0])
        w->named++;
    return 0;
}

static void test_dossiers(void **state) {
    (void)state;
    store *s = openStore();
    int64_t n0, n1;
    assert_int_equal(storeCountBusinesses(s, &n0), 0);
    const dAnnualReport ar[2] = {{2023, DATE_NONE, true, 100000, 2}, {2024, DATE_NONE, false, 0, -1}};
    const dTaxPaid tp[1] = {{2024, 5000}};
    const dInterval iv[1] = {{dateFromYmd(2020, 1, 1), dateFromYmd(2021, 1, 1)}};
    const dTrademark tm[1] = {{"TM-9", HOLDER_BUSINESS, true}};
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "dossiers");
    for (int i = 2; i >= 0; i--) { /* out of order on purpose */
        dossier d;
        dossierInit(&d);
        code(d.uscc, 400 + i);
        d.name = "北京市大兴区档案面馆";
        d.established = dateFromYmd(2014, 6, 1);
        d.annual_reports = ar;
        d.n_annual_reports = 2;
        d.tax_paid = tp;
        d.n_tax_paid = 1;
        d.abnormal_list = (dIntervals){iv, 1};
        d.trademarks = tm;
        d.n_trademarks = 1;
        int changed = 0;
        assert_int_equal(storeApplyDossier(s, &d, imp, &changed), 0);
        assert_true(changed > 0);
        assert_int_equal(storeApplyDossier(s, &d, imp, &changed), 0);
        assert_int_equal(changed, 0);
    }
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeCountBusinesses(s, &n1), 0);
    assert_int_equal(n1, n0 + 3);
    walk w = {.ordered = true};
    assert_int_equal(storeEachDossier(s, walkDossier, &w), 0);
    assert_true(w.ordered);
    assert_int_equal(w.mine, 3);
    assert_true(w.named > 0);
    /* the run's walk (decision 314): the same businesses and facts, none of the text the rules never read */
    walk t = {.ordered = true};
    assert_int_equal(storeEachTypingDossier(s, walkDossier, &t), 0);
    assert_true(t.ordered);
    assert_int_equal(t.n, w.n);
    assert_int_equal(t.mine, 3);
    assert_int_equal(t.reports, w.reports);
    assert_int_equal(t.named, 0);
    arena a;
    arenaInit(&a, 4096, 0);
    dossier back;
    char u[USCC_LEN + 1];
    code(u, 401);
    assert_int_equal(storeLoadDossier(s, u, &a, &back), 0);
    assert_int_equal(back.n_annual_reports, 2);
    assert_true(back.annual_reports[0].has_revenue);
    assert_false(back.annual_reports[1].has_revenue);
    assert_int_equal(back.annual_reports[1].employees, -1);
    assert_int_equal(back.abnormal_list.n, 1);
    assert_int_equal(back.abnormal_list.v[0].to, dateFromYmd(2021, 1, 1));
    /* a dossier that no longer lists its reports and lists removes them */
    back.n_annual_reports = 0;
    back.abnormal_list.n = 0;
    int changed = 0;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeApplyDossier(s, &back, imp, &changed), 0);
    assert_int_equal(changed, 3);
    assert_int_equal(storeCommit(s), 0);
    arenaReset(&a);
    assert_int_equal(storeLoadDossier(s, u, &a, &back), 0);
    assert_int_equal(back.n_annual_reports, 0);
    assert_int_equal(back.abnormal_list.n, 0);
    assert_int_equal(back.n_trademarks, 1);
    arenaFree(&a);
    closeStore(s);
}

/* ---- look-up ---- */

static int countHit(void *ctx, const storeHit *h) {
    assert_non_null(h->uscc);
    (*(int *)ctx)++;
    return 0;
}

static void test_find(void **state) {
    (void)state;
    store *s = openStore();
    char u[USCC_LEN + 1], r[REGNO_LEN + 1];
    code(u, 500);
    regno(r, 500);
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "registration");
    assert_int_equal(storeStageBegin(s, FACT_REGISTRATION), 0);
    bizFact f = newFact(u);
    f.name = "北京市大兴区鼗鼙琴行";
    memcpy(f.legacy_reg_no, r, sizeof f.legacy_reg_no);
    assert_int_equal(storeStageRow(s, &f, u, 2), 0);
    code(u, 501);
    bizFact g = newFact(u);
    g.name = "北京市大兴区鼗鼓乐器店";
    assert_int_equal(storeStageRow(s, &g, u, 3), 0);
    int64_t changed;
    assert_int_equal(storeStageApply(s, FACT_REGISTRATION, imp, &changed), 0);
    assert_int_equal(storeCommit(s), 0);
    int hits = 0;
    assert_int_equal(storeFind(s, u, 10, countHit, &hits), 0);
    assert_int_equal(hits, 1);
    hits = 0;
    assert_int_equal(storeFind(s, r, 10, countHit, &hits), 0);
    assert_int_equal(hits, 1);
    hits = 0;
    assert_int_equal(storeFind(s, "鼙", 10, countHit, &hits), 0); /* one CJK character */
    assert_int_equal(hits, 1);
    hits = 0;
    assert_int_equal(storeFind(s, "鼗", 10, countHit, &hits), 0);
    assert_int_equal(hits, 2);
    hits = 0;
    assert_int_equal(storeFind(s, "鼗", 1, countHit, &hits), 0); /* the limit holds */
    assert_int_equal(hits, 1);
    hits = 0;
    assert_int_equal(storeFind(s, "鼗鼙鼓", 10, countHit, &hits), 0);
    assert_int_equal(hits, 0);
    closeStore(s);
}

/* ---- staff search (issue 11 §3) ---- */

typedef struct searchSeen { int n; char uscc[8][USCC_LEN + 1]; int type[8]; char industry[8][8]; } searchSeen;

static int seeSearch(void *ctx, const storeSearchHit *h) {
    searchSeen *w = ctx;
    assert_true(w->n < 8);
    snprintf(w->uscc[w->n], USCC_LEN + 1, "%s", h->hit.uscc);
    snprintf(w->industry[w->n], 8, "%s", h->industry ? h->industry : "");
    w->type[w->n++] = h->type;
    return 0;
}

/* One search: the hits into w (reset) and the total returned. */
static int64_t searchOnce(store *s, storeSearchQuery q, searchSeen *w) {
    int64_t total = -1;
    memset(w, 0, sizeof *w);
    if (!q.limit) q.limit = 8;
    assert_int_equal(storeSearch(s, &q, &total, seeSearch, w), 0);
    return total;
}

typedef struct facetSeen { bool town, section, order; char last[2][64]; } facetSeen;

static int seeFacet(void *ctx, const char *facet, const char *value) {
    facetSeen *f = ctx;
    const int k = strcmp(facet, "town") != 0;
    if (strcmp(f->last[k], value) >= 0) f->order = false;
    snprintf(f->last[k], sizeof f->last[k], "%s", value);
    if (!k && !strcmp(value, "搜索测试镇")) f->town = true;
    if (k && !strcmp(value, "E")) f->section = true;
    return 0;
}

static void test_search(void **state) {
    (void)state;
    store *s = openStore();
    static const char *const names[] = {"搜索测试丙快餐店", "搜索测试甲快餐店", "搜索测试乙饭馆", "搜索测试丁超市",
                                        "搜索测试戊装修部"};
    static const char *const industries[] = {"H6220", "H6220", "H6210", "F5212", "E5021"};
    char u[5][USCC_LEN + 1];
    int64_t changed, run;
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "registration");
    assert_int_equal(storeStageBegin(s, FACT_REGISTRATION), 0);
    for (int i = 0; i < 5; i++) {
        code(u[i], 9500 + i);
        bizFact f = newFact(u[i]);
        f.name = names[i];
        f.town = "搜索测试镇";
        f.industry = industries[i];
        f.established = dateFromYmd(2010 + i, 1, 1);
        f.status = i == 4 ? STATUS_REVOKED : STATUS_REGISTERED;
        assert_int_equal(storeStageRow(s, &f, u[i], (uint64_t)i + 2), 0);
    }
    assert_int_equal(storeStageApply(s, FACT_REGISTRATION, imp, &changed), 0);
    /* the latest published run types three of them */
    const storeRun info = {.year = 2190, .params_json = "{}", .params_sha256 = "s", .program_version = "t",
                           .actor = "contract"};
    const int64_t by[4] = {2, 1, 0, 0};
    int y;
    assert_int_equal(storeRunCreate(s, &info, &run), 0);
    assert_int_equal(storeResultAdd(s, run, u[0], TYPE_GROWTH, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run, u[1], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run, u[2], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run, 3, by), 0);
    assert_int_equal(storePublish(s, run, "contract", &y), 0);
    assert_int_equal(storeCommit(s), 0);
    searchSeen w, w2;
    const storeSearchQuery town = {.town = "搜索测试镇", .all = true, .type = STORE_TYPE_ANY, .status = -1};
    /* a town alone, in name order */
    assert_int_equal(searchOnce(s, town, &w), 5);
    assert_int_equal(w.n, 5);
    /* pages: disjoint, together the whole, the total the same on each */
    storeSearchQuery q = town;
    q.limit = 3;
    assert_int_equal(searchOnce(s, q, &w2), 5);
    assert_int_equal(w2.n, 3);
    for (int i = 0; i < 3; i++) assert_string_equal(w2.uscc[i], w.uscc[i]);
    q.offset = 3;
    assert_int_equal(searchOnce(s, q, &w2), 5);
    assert_int_equal(w2.n, 2);
    for (int i = 0; i < 2; i++) assert_string_equal(w2.uscc[i], w.uscc[3 + i]);
    q.offset = 10; /* beyond the last page: nothing, the total still exact */
    assert_int_equal(searchOnce(s, q, &w2), 5);
    assert_int_equal(w2.n, 0);
    /* sorts: by USCC, oldest first, newest first (established 2010 + i) */
    q = town;
    q.sort = STORE_SORT_USCC;
    searchOnce(s, q, &w);
    for (int i = 0; i < 5; i++) assert_string_equal(w.uscc[i], u[i]);
    q.sort = STORE_SORT_ESTABLISHED;
    searchOnce(s, q, &w);
    for (int i = 0; i < 5; i++) assert_string_equal(w.uscc[i], u[i]);
    q.sort = STORE_SORT_NEWEST;
    searchOnce(s, q, &w);
    for (int i = 0; i < 5; i++) assert_string_equal(w.uscc[i], u[4 - i]);
    /* text: a name fragment, a USCC, with the town */
    q = town;
    q.text = "快餐";
    assert_int_equal(searchOnce(s, q, &w), 2);
    q.text = u[3];
    assert_int_equal(searchOnce(s, q, &w), 1);
    assert_string_equal(w.uscc[0], u[3]);
    /* industry: a section, a class prefix */
    q = town;
    q.industry = "H";
    assert_int_equal(searchOnce(s, q, &w), 3);
    for (int i = 0; i < w.n; i++) assert_int_equal(w.industry[i][0], 'H');
    q.industry = "H622";
    assert_int_equal(searchOnce(s, q, &w), 2);
    q.industry = "E";
    assert_int_equal(searchOnce(s, q, &w), 1);
    /* the latest published type; none for the two without a result */
    q = town;
    q.type = TYPE_SURVIVAL;
    assert_int_equal(searchOnce(s, q, &w), 2);
    for (int i = 0; i < w.n; i++) assert_int_equal(w.type[i], TYPE_SURVIVAL);
    q.type = STORE_TYPE_NONE;
    assert_int_equal(searchOnce(s, q, &w), 2);
    for (int i = 0; i < w.n; i++) assert_int_equal(w.type[i], STORE_TYPE_NONE);
    q.type = TYPE_GROWTH;
    q.town = NULL; /* the type alone: the run's list drives the search */
    assert_int_equal(searchOnce(s, q, &w), 1);
    assert_string_equal(w.uscc[0], u[0]);
    /* status */
    q = town;
    q.status = STATUS_REVOKED;
    assert_int_equal(searchOnce(s, q, &w), 1);
    assert_string_equal(w.uscc[0], u[4]);
    /* a scope: registration facts see all; operator groups, none of these */
    q = town;
    q.all = false;
    q.targets = FACT_REGISTRATION;
    assert_int_equal(searchOnce(s, q, &w), 5);
    q.targets = FACT_OPERATOR_GROUP;
    assert_int_equal(searchOnce(s, q, &w), 0);
    q.targets = FACT_INTERVAL;
    q.lists = 1u << LIST_ABNORMAL;
    assert_int_equal(searchOnce(s, q, &w), 0);
    /* the filters' values: the town and the section are offered, each list in order */
    facetSeen f = {.order = true};
    assert_int_equal(storeSearchFacets(s, seeFacet, &f), 0);
    assert_true(f.town);
    assert_true(f.section);
    assert_true(f.order);
    closeStore(s);
}

/* ---- runs, results, statistics ---- */

static int countRun(void *ctx, const storeRun *r) {
    assert_non_null(r->status);
    (*(int *)ctx)++;
    return 0;
}

typedef struct resultSeen {
    int n;
    bool ordered;
    char last[USCC_LEN + 1];
    int published;
    int year0;
    int64_t run0; /* the first result's run */
} resultSeen;

static int seeResult(void *ctx, const storeResult *r) {
    resultSeen *w = ctx;
    if (w->n && strcmp(w->last, r->uscc) >= 0) w->ordered = false;
    if (!w->n) w->year0 = r->year, w->run0 = r->run_id;
    memcpy(w->last, r->uscc, sizeof w->last);
    assert_int_equal(r->reasons_len, strlen(r->reasons));
    w->published += r->published;
    w->n++;
    return 0;
}

static int sumCount(void *ctx, const char *key, bizType type, int64_t count) {
    (void)key;
    (void)type;
    *(int64_t *)ctx += count;
    return 0;
}

static int countTransition(void *ctx, int from, int to, int64_t count) {
    int64_t *m = ctx;
    m[(from + 1) * 5 + to + 1] += count;
    return 0;
}

static void test_runs_results(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 600, 3, "北京市大兴区分型商店");
    char u[3][USCC_LEN + 1];
    for (int i = 0; i < 3; i++) code(u[i], 600 + i);
    const int year = 2031;
    const storeRun info = {.year = year, .params_json = "{\"y\":1}", .params_sha256 = "abc", .program_version = "t",
                           .actor = "contract"};
    int64_t run1, run2, published;
    const int64_t by1[4] = {2, 1, 0, 0}, by2[4] = {1, 1, 0, 0};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &run1), 0);
    assert_int_equal(storeResultAdd(s, run1, u[2], TYPE_GROWTH, "[1]", 3), 0);
    assert_int_equal(storeResultAdd(s, run1, u[0], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run1, u[1], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run1, 3, by1), 0);
    assert_int_equal(storeRunCreate(s, &info, &run2), 0);
    assert_int_equal(storeResultAdd(s, run2, u[0], TYPE_GROWTH, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run2, u[1], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeCommit(s), 0);
    arena a;
    arenaInit(&a, 4096, 0);
    storeRun r;
    assert_int_equal(storeRunGet(s, run1, &a, &r), 0);
    storeIdle(s); /* the record's strings are the caller's: they outlive the read */
    assert_int_equal(r.year, year);
    assert_string_equal(r.params_json, "{\"y\":1}");
    assert_string_equal(r.status, "done");
    assert_int_equal(r.population, 3);
    assert_int_equal(r.by_type[0], 2);
    assert_false(r.published);
    assert_int_equal(storeRunGet(s, run1 + run2 + 1000, &a, &r), GH_ENOTFOUND);
    int runs = 0;
    assert_int_equal(storeEachRun(s, year, countRun, &runs), 0);
    assert_int_equal(runs, 2);
    /* publication: inside a transaction, finished runs only */
    int y = 0;
    assert_int_equal(storePublishedRun(s, year, &published), GH_ENOTFOUND);
    assert_int_equal(storePublish(s, run1, "contract", &y), GH_EINVAL);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storePublish(s, run2, "contract", &y), GH_EINVAL); /* not finished */
    assert_int_equal(storeRunFinish(s, run2, 2, by2), 0);
    assert_int_equal(storePublish(s, run2, "contract", &y), 0);
    assert_int_equal(storePublish(s, run1 + run2 + 1000, "contract", &y), GH_ENOTFOUND);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(y, year);
    assert_int_equal(storePublishedRun(s, year, &published), 0);
    assert_int_equal(published, run2);
    resultSeen w = {.ordered = true};
    assert_int_equal(storeEachResult(s, run1, seeResult, &w), 0);
    assert_int_equal(w.n, 3);
    assert_true(w.ordered);
    assert_int_equal(w.published, 0);
    resultSeen of = {.ordered = true};
    assert_int_equal(storeEachResultOf(s, u[0], seeResult, &of), 0);
    assert_int_equal(of.n, 2);
    assert_int_equal(of.published, 1);
    assert_int_equal(of.run0, run2); /* newest run first, found run by run through the key (decision 310) */
    int64_t total = 0;
    assert_int_equal(storeCountBy(s, run1, NULL, sumCount, &total), 0);
    assert_int_equal(total, 3);
    total = 0;
    assert_int_equal(storeCountBy(s, run1, "town", sumCount, &total), 0);
    assert_int_equal(total, 3);
    total = 0;
    assert_int_equal(storeCountBy(s, run1, "section", sumCount, &total), 0);
    assert_int_equal(total, 3);
    assert_int_equal(storeCountBy(s, run1, "planet", sumCount, &total), GH_EINVAL);
    int64_t m[25] = {0};
    assert_int_equal(storeTransitions(s, run1, run2, countTransition, m), 0);
    assert_int_equal(m[(TYPE_SURVIVAL + 1) * 5 + TYPE_GROWTH + 1], 1);
    assert_int_equal(m[(TYPE_SURVIVAL + 1) * 5 + TYPE_SURVIVAL + 1], 1);
    assert_int_equal(m[(TYPE_GROWTH + 1) * 5 + 0], 1); /* growth -> no result */
    arenaFree(&a);
    closeStore(s);
}

/* ---- a run's results a batch at a time (decision 290) ---- */

#define MANY 70 /* a statement of 64 rows, then 6 one by one on SQLite */
typedef struct manySeen { char u[MANY][USCC_LEN + 1]; char reasons[MANY][8]; int n, bad; } manySeen;

static int seeMany(void *ctx, const storeResult *r) {
    manySeen *w = ctx;
    const int i = w->n++;
    if (i >= MANY || strcmp(r->uscc, w->u[i]) != 0 || r->type != (bizType)(i % 4) ||
        r->reasons_len != strlen(w->reasons[i]) || memcmp(r->reasons, w->reasons[i], r->reasons_len) != 0)
        w->bad++;
    return 0;
}

static void test_results_many(void **state) {
    (void)state;
    store *s = openStore();
    static manySeen w;
    memset(&w, 0, sizeof w);
    storeResultRow rows[MANY];
    for (int i = 0; i < MANY; i++) {
        code(w.u[i], 7000 + i);
        snprintf(w.reasons[i], sizeof w.reasons[i], "[%d]", i);
        rows[i] = (storeResultRow){w.u[i], (bizType)(i % 4), w.reasons[i], strlen(w.reasons[i])};
    }
    const storeRun info = {.year = 2032, .params_json = "{}", .params_sha256 = "m", .program_version = "t",
                           .actor = "contract"};
    int64_t run;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &run), 0);
    assert_int_equal(storeResultAddMany(s, run, rows, MANY), 0);
    assert_int_equal(storeResultAddMany(s, run, rows, 0), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeEachResult(s, run, seeMany, &w), 0);
    assert_int_equal(w.n, MANY);
    assert_int_equal(w.bad, 0);
    /* a business twice in one run is refused, as storeResultAdd refuses it (at the
     * latest when the transaction commits: PostgreSQL's COPY is buffered), and
     * nothing of the batch is kept */
    assert_int_equal(storeBegin(s), 0);
    int rc = storeResultAddMany(s, run, rows, MANY);
    if (!rc) rc = storeCommit(s);
    assert_int_not_equal(rc, 0);
    storeRollback(s);
    w.n = w.bad = 0;
    assert_int_equal(storeEachResult(s, run, seeMany, &w), 0);
    assert_int_equal(w.n, MANY);
    assert_int_equal(w.bad, 0);
    closeStore(s);
}

/* ---- one run's results with their businesses (decision 302) ---- */

typedef struct joinSeen { int n, bad; char last[USCC_LEN + 1]; } joinSeen;

/* Businesses 9000..9099 exist (registerSome), others not: each result comes once,
 * in USCC order, with its business's name and town exactly when it has one. */
static int seeJoined(void *ctx, const storeResult *r) {
    joinSeen *w = ctx;
    char digits[8] = {0}; /* code(): the number is the 7 digits after "92110115MA" */
    memcpy(digits, r->uscc + 10, 7);
    const int n = atoi(digits);
    const bool has = n >= 9000 && n < 9100;
    if (strcmp(r->uscc, w->last) <= 0 || (has ? !r->name || strcmp(r->name, "北京市大兴区合并小吃店") ||
                                                    !r->town || strcmp(r->town, "黄村镇")
                                              : r->name || r->town || r->industry))
        w->bad++;
    snprintf(w->last, sizeof w->last, "%s", r->uscc);
    w->n++;
    return 0;
}

static void test_results_joined(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 9000, 100, "北京市大兴区合并小吃店");
    /* before the first business, neighbours, a gap longer than the merge steps over,
     * the last business, after the last */
    static const int at[] = {8990, 8995, 9000, 9001, 9002, 9050, 9099, 9100, 9300};
    enum { AT = sizeof at / sizeof at[0] };
    char u[AT][USCC_LEN + 1];
    storeResultRow rows[AT];
    for (int i = 0; i < AT; i++) {
        code(u[i], at[i]);
        rows[i] = (storeResultRow){u[i], TYPE_SURVIVAL, "[]", 2};
    }
    const storeRun info = {.year = 2033, .params_json = "{}", .params_sha256 = "j", .program_version = "t",
                           .actor = "contract"};
    int64_t run;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &run), 0);
    assert_int_equal(storeResultAddMany(s, run, rows, AT), 0);
    assert_int_equal(storeCommit(s), 0);
    joinSeen w = {0};
    assert_int_equal(storeEachResultFacts(s, run, seeJoined, &w), 0);
    assert_int_equal(w.n, AT);
    assert_int_equal(w.bad, 0);
    memset(&w, 0, sizeof w);
    assert_int_equal(storeEachResult(s, run + 1000, seeJoined, &w), 0); /* no such run: no results */
    assert_int_equal(w.n, 0);
    closeStore(s);
}

/* ---- run labels, years and movers (issue 11 §4) ---- */

typedef struct moverSeen { int n; char uscc[4][USCC_LEN + 1]; int from[4], to[4]; bool reasons[4]; } moverSeen;

static int seeMover(void *ctx, const storeMover *m) {
    moverSeen *w = ctx;
    if (w->n < 4) {
        snprintf(w->uscc[w->n], USCC_LEN + 1, "%s", m->uscc);
        w->from[w->n] = m->from_type;
        w->to[w->n] = m->to_type;
        w->reasons[w->n] = m->reasons != NULL && m->reasons_len == strlen(m->reasons);
    }
    w->n++;
    return 0;
}

typedef struct yearSeen { int n, year; int64_t runs, published; bool at; } yearSeen;

static int seeYear(void *ctx, const storeYear *y) {
    yearSeen *w = ctx;
    w->n++;
    if (y->year == w->year) w->runs = y->runs, w->published = y->published_run, w->at = y->published_at != NULL;
    return 0;
}

/* ---- db copy (issue 12 §3): the backend-neutral dump and load ---- */
typedef struct copyList {
    char name[128][64];
    int n;
} copyList;

static int copyCollect(void *ctx, const char *name) {
    copyList *l = ctx;
    assert_true(l->n < 128 && strlen(name) < 64);
    snprintf(l->name[l->n++], 64, "%s", name);
    return 0;
}

/* FNV-1a over every value of every row, with its kind: equal hashes, equal rows in the same order. */
static int copyHash(void *ctx, const storeValue *v, int n) {
    uint64_t *h = ctx;
    for (int i = 0; i < n; i++) {
        unsigned char kind = (unsigned char)v[i].kind;
        const unsigned char *p = v[i].kind == STORE_VALUE_INT ? (const unsigned char *)&v[i].i : (const unsigned char *)v[i].p;
        const size_t len = v[i].kind == STORE_VALUE_INT ? sizeof v[i].i : v[i].kind == STORE_VALUE_NULL ? 0 : v[i].n;
        *h = (*h ^ kind) * 1099511628211u;
        for (size_t k = 0; k < len; k++) *h = (*h ^ p[k]) * 1099511628211u;
    }
    *h = (*h ^ 0xff) * 1099511628211u;
    return 0;
}

static int copyLoad(void *ctx, const storeValue *v, int n) { return storeLoadRow(ctx, v, n); }

typedef struct copyAgain {
    store *t;
    int rc;
} copyAgain;

static int copyFirstAgain(void *ctx, const storeValue *v, int n) {
    copyAgain *a = ctx;
    a->rc = storeLoadRow(a->t, v, n);
    return 1;
}

/* Every table of the store, walked in its load order and loaded into a fresh store of the same backend inside one
 * write transaction, comes back row for row; the refusals; a rollback leaves the target empty. */
static void test_copy(void **state) {
    (void)state;
    store *s = openStore(), *t;
    const storeAccount acc = {.username = "contract-copy", .role = "clerk", .password_hash = "h"};
    int64_t id;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeAccountAdd(s, &acc, &id), 0);
    assert_int_equal(storeCommit(s), 0);
    char path[256];
    assert_int_equal(fixtureOpen(&t, path, sizeof path, "copy"), 0);
    copyList tables = {.n = 0};
    assert_int_equal(storeEachTable(s, copyCollect, &tables), 0);
    assert_true(tables.n >= 30);
    const char *cols[] = {"id"};
    assert_int_equal(storeLoadBegin(t, "accounts", cols, 1), GH_EINVAL); /* outside a write transaction */
    assert_int_equal(storeBegin(t), 0);
    assert_int_equal(storeLoadBegin(t, "no_such_table", cols, 1), GH_ENOTFOUND);
    const char *bad[] = {"id", "no_such_column"};
    assert_int_equal(storeLoadBegin(t, "accounts", bad, 2), GH_ENOTFOUND);
    assert_int_equal(storeEachColumn(s, "no_such_table", copyCollect, &(copyList){.n = 0}), GH_ENOTFOUND);
    int64_t n;
    assert_int_equal(storeCountRows(s, "no_such_table", &n), GH_ENOTFOUND);
    int64_t total = 0;
    for (int i = 0; i < tables.n; i++) {
        copyList c = {.n = 0};
        assert_int_equal(storeEachColumn(s, tables.name[i], copyCollect, &c), 0);
        assert_true(c.n >= 1);
        const char *names[128];
        for (int k = 0; k < c.n; k++) names[k] = c.name[k];
        assert_int_equal(storeLoadBegin(t, tables.name[i], names, c.n), 0);
        assert_int_equal(storeEachRow(s, tables.name[i], copyLoad, t), 0);
        assert_int_equal(storeLoadEnd(t), 0);
        int64_t a = -1, b = -2;
        uint64_t ha = 14695981039346656037u, hb = 14695981039346656037u;
        assert_int_equal(storeCountRows(s, tables.name[i], &a), 0);
        assert_int_equal(storeCountRows(t, tables.name[i], &b), 0);
        assert_int_equal(a, b);
        assert_int_equal(storeEachRow(s, tables.name[i], copyHash, &ha), 0);
        assert_int_equal(storeEachRow(t, tables.name[i], copyHash, &hb), 0);
        if (ha != hb) fail_msg("table %s differs after the copy", tables.name[i]);
        total += a;
    }
    assert_true(total >= 1);
    assert_int_equal(storeCountRows(t, "accounts", &n), 0);
    assert_true(n >= 1);
    /* a row the table already holds is refused (the copy's transaction is then rolled back whole) */
    copyList c = {.n = 0};
    assert_int_equal(storeEachColumn(s, "accounts", copyCollect, &c), 0);
    const char *names[128];
    for (int k = 0; k < c.n; k++) names[k] = c.name[k];
    assert_int_equal(storeLoadBegin(t, "accounts", names, c.n), 0);
    copyAgain again = {.t = t};
    assert_int_equal(storeEachRow(s, "accounts", copyFirstAgain, &again), 1);
    const int end = storeLoadEnd(t); /* a backend that buffers rows (PostgreSQL's COPY) refuses when it sends them */
    assert_true((again.rc == GH_EINVAL && (end == 0 || end == GH_EINVAL)) || (again.rc == 0 && end == GH_EINVAL));
    assert_int_equal(storeRollback(t), 0);
    assert_int_equal(storeCountRows(t, "accounts", &n), 0);
    assert_int_equal(n, 0);
    fixtureRemove(t, path);
    closeStore(s);
}

/* A second handle on the same store (a run's reader, issue 12): it sees what the
 * first committed, and shows the same location. */
static void test_open_like(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 740, 3, "北京市大兴区同店");
    int64_t n = 0, m = 0;
    assert_int_equal(storeCountBusinesses(s, &n), 0);
    store *r = NULL;
    char err[256];
    assert_int_equal(storeOpenLike(&r, s, STORE_OPEN_READONLY, err, sizeof err), 0);
    assert_int_equal(storeCountBusinesses(r, &m), 0);
    assert_int_equal(m, n);
    assert_string_equal(storeLocation(r), storeLocation(s));
    storeClose(r);
    closeStore(s);
}

static void test_run_labels(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 700, 4, "北京市大兴区名称商店");
    char u[4][USCC_LEN + 1];
    for (int i = 0; i < 4; i++) code(u[i], 700 + i);
    const int year = 2033;
    storeRun info = {.year = year, .params_json = "{}", .params_sha256 = "x", .program_version = "t",
                     .actor = "contract", .name = "基线", .note = "第一次"};
    int64_t run1, run2, run3;
    const int64_t by[4] = {1, 1, 0, 0};
    int y = 0;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &run1), 0);
    assert_int_equal(storeResultAdd(s, run1, u[0], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run1, u[1], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run1, u[2], TYPE_GROWTH, "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run1, 3, by), 0);
    info.name = info.note = NULL;
    assert_int_equal(storeRunCreate(s, &info, &run2), 0);
    assert_int_equal(storeResultAdd(s, run2, u[0], TYPE_GROWTH, "[{\"code\":\"G\"}]", 14), 0);
    assert_int_equal(storeResultAdd(s, run2, u[1], TYPE_SURVIVAL, "[]", 2), 0);
    assert_int_equal(storeResultAdd(s, run2, u[3], TYPE_INELIGIBLE, "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run2, 3, by), 0);
    assert_int_equal(storeRunCreate(s, &info, &run3), 0);
    assert_int_equal(storeRunFinish(s, run3, 0, by), 0);
    assert_int_equal(storePublish(s, run1, "contract", &y), 0);
    assert_int_equal(storeCommit(s), 0);
    arena a;
    arenaInit(&a, 4096, 0);
    storeRun r;
    assert_int_equal(storeRunGet(s, run1, &a, &r), 0);
    assert_string_equal(r.name, "基线");
    assert_string_equal(r.note, "第一次");
    /* labels: in a transaction; a published run keeps its label */
    assert_int_equal(storeRunNoteSet(s, run2, "试算", NULL), GH_EINVAL);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunNoteSet(s, run2, "试算", "按新参数"), 0);
    assert_int_equal(storeRunNoteSet(s, run1, "改", NULL), GH_EREFUSED);
    assert_int_equal(storeRunNoteSet(s, run3 + 1000, "x", NULL), GH_ENOTFOUND);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeRunGet(s, run2, &a, &r), 0);
    assert_string_equal(r.name, "试算");
    assert_string_equal(r.note, "按新参数");
    assert_int_equal(storeBegin(s), 0); /* a run published once and replaced stays labelled as published */
    assert_int_equal(storePublish(s, run3, "contract", &y), 0);
    assert_int_equal(storePublish(s, run1, "contract", &y), 0);
    assert_int_equal(storeRunNoteSet(s, run3, "改", NULL), GH_EREFUSED);
    assert_int_equal(storeRunNoteSet(s, run2, NULL, NULL), 0); /* clears */
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeRunGet(s, run2, &a, &r), 0);
    assert_null(r.name);
    assert_null(r.note);
    yearSeen ys = {.year = year};
    assert_int_equal(storeEachYear(s, seeYear, &ys), 0);
    assert_true(ys.n >= 1);
    assert_int_equal(ys.runs, 3);
    assert_int_equal(ys.published, run1);
    assert_true(ys.at);
    /* movers from run1 to run2: u0 survival->growth, u2 growth->none, u3 none->ineligible; u1 stays */
    moverSeen all = {0};
    storeMoverQuery q = {.from_run = run1, .to_run = run2, .from_type = STORE_TYPE_ANY, .to_type = STORE_TYPE_ANY};
    assert_int_equal(storeEachMover(s, &q, seeMover, &all), 0);
    assert_int_equal(all.n, 3);
    assert_string_equal(all.uscc[0], u[0]);
    assert_int_equal(all.from[0], TYPE_SURVIVAL);
    assert_int_equal(all.to[0], TYPE_GROWTH);
    assert_true(all.reasons[0]);
    assert_string_equal(all.uscc[1], u[2]);
    assert_int_equal(all.to[1], -1);
    assert_false(all.reasons[1]);
    assert_string_equal(all.uscc[2], u[3]);
    assert_int_equal(all.from[2], -1);
    moverSeen page = {0};
    q.offset = 1, q.limit = 1;
    assert_int_equal(storeEachMover(s, &q, seeMover, &page), 0);
    assert_int_equal(page.n, 1);
    assert_string_equal(page.uscc[0], u[2]);
    moverSeen none = {0};
    q.offset = 0, q.limit = 0, q.from_type = -1, q.to_type = TYPE_INELIGIBLE;
    assert_int_equal(storeEachMover(s, &q, seeMover, &none), 0);
    assert_int_equal(none.n, 1);
    assert_string_equal(none.uscc[0], u[3]);
    arenaFree(&a);
    closeStore(s);
}

/* ---- the city's typing result (issue 10 §6) ---- */

typedef struct reconcileSeen { int n; char first[USCC_LEN + 1], last[USCC_LEN + 1]; int64_t total; int outside; } reconcileSeen;

static int seeReconcile(void *ctx, const storeReconcileRow *r) {
    reconcileSeen *w = ctx;
    if (w->n && strcmp(w->last, r->uscc) >= 0) fail_msg("not in USCC order: %s after %s", r->uscc, w->last);
    if (!w->n) memcpy(w->first, r->uscc, USCC_LEN + 1);
    memcpy(w->last, r->uscc, USCC_LEN + 1);
    if (r->city_type == r->run_type) fail_msg("%s listed without a difference", r->uscc);
    w->outside += !r->in_directory;
    w->total = r->total;
    w->n++;
    return 0;
}

/* Stages the city's rows (uscc number, type) for year and applies them. */
static int64_t cityImport(store *s, int year, const int *nums, const bizType *types, int n) {
    char u[USCC_LEN + 1], key[40];
    int64_t changed;
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "city_types");
    if (storeStageBegin(s, FACT_CITY_TYPE)) fail_msg("stage: %s", storeError(s));
    for (int i = 0; i < n; i++) {
        code(u, nums[i]);
        bizFact f = newFact(u);
        f.has_year = true;
        f.year = year;
        f.city_type = (int)types[i];
        snprintf(key, sizeof key, "%s/%d", u, year);
        assert_int_equal(storeStageRow(s, &f, key, (uint64_t)i + 2), 0);
    }
    int64_t unknown = -1;
    assert_int_equal(storeStageCountUnknownBusinesses(s, &unknown), 0);
    int known = 0;
    for (int i = 0; i < n; i++) known += nums[i] < 799; /* 799 is never registered */
    assert_int_equal(unknown, n - known);
    assert_int_equal(storeStageApply(s, FACT_CITY_TYPE, imp, &changed), 0);
    assert_int_equal(storeCommit(s), 0);
    return changed;
}

static reconcileSeen reconcileList(store *s, const storeReconcileQuery *q) {
    reconcileSeen w = {.n = 0};
    assert_int_equal(storeEachReconcile(s, q, seeReconcile, &w), 0);
    return w;
}

/* ---- import history (issue 11 §5) ---- */

typedef struct historySeen { int n; int64_t ids[8]; char kinds[8][24]; char decided[8][16]; } historySeen;

static int historyRow(void *ctx, const storeImport *imp) {
    historySeen *h = ctx;
    if (h->n < 8) {
        h->ids[h->n] = imp->id;
        snprintf(h->kinds[h->n], sizeof h->kinds[0], "%s", imp->kind);
        snprintf(h->decided[h->n], sizeof h->decided[0], "%s", imp->decided ? imp->decided : "");
    }
    h->n++;
    return 0;
}

/* Creates an import of kind finished with status; its id. */
static int64_t historyImport(store *s, const char *kind, const char *status) {
    const int64_t id = importOf(s, kind);
    const storeImport counts = {.status = status, .rows_read = 3, .rows_ok = 2, .rows_bad = 1, .rows_changed = 2};
    assert_int_equal(storeImportFinish(s, id, &counts), 0);
    return id;
}

static void test_import_history(void **state) {
    (void)state;
    store *s = openStore();
    const int64_t tax1 = historyImport(s, "tax", "committed");
    const int64_t dry_committed = historyImport(s, "tax", "dry_run");
    const int64_t tax2 = historyImport(s, "tax", "committed");
    const int64_t dry_cancelled = historyImport(s, "insurance", "dry_run");
    historyImport(s, "insurance", "rejected");
    assert_int_equal(storeImportDecide(s, dry_committed, "committed"), 0);
    assert_int_equal(storeImportDecide(s, dry_cancelled, "cancelled"), 0);
    /* decided once; a commit is not a dry run */
    assert_int_equal(storeImportDecide(s, dry_cancelled, "committed"), GH_ENOTFOUND);
    assert_int_equal(storeImportDecide(s, tax1, "cancelled"), GH_ENOTFOUND);
    /* newest first, without the dry run whose upload was committed */
    historySeen h = {0};
    int64_t total = 0;
    storeImportFilter f = {.kinds = NULL, .offset = 0, .limit = 10};
    assert_int_equal(storeEachImportPage(s, &f, historyRow, &h, &total), 0);
    assert_int_equal(total, 4);
    assert_int_equal(h.n, 4);
    assert_true(h.ids[0] > h.ids[1] && h.ids[1] > h.ids[2]);
    assert_int_equal(h.ids[1], dry_cancelled);
    assert_string_equal(h.decided[1], "cancelled");
    for (int i = 0; i < h.n; i++) assert_true(h.ids[i] != dry_committed);
    /* a page, and a filter by kind */
    memset(&h, 0, sizeof h);
    f = (storeImportFilter){.kinds = "tax|patents", .offset = 1, .limit = 1};
    assert_int_equal(storeEachImportPage(s, &f, historyRow, &h, &total), 0);
    assert_int_equal(total, 2);
    assert_int_equal(h.n, 1);
    assert_int_equal(h.ids[0], tax1);
    /* the last committed import of each kind: tax only (insurance was never committed) */
    memset(&h, 0, sizeof h);
    assert_int_equal(storeEachLastImport(s, historyRow, &h), 0);
    assert_int_equal(h.n, 1);
    assert_int_equal(h.ids[0], tax2);
    assert_string_equal(h.kinds[0], "tax");
    closeStore(s);
}

static void test_city(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 700, 5, "北京市大兴区市级核对店");
    char u[6][USCC_LEN + 1];
    for (int i = 0; i < 5; i++) code(u[i], 700 + i);
    code(u[5], 799); /* not in the directory */
    const int year = 2041;
    const storeRun info = {.year = year, .params_json = "{}", .params_sha256 = "abc", .program_version = "t",
                           .actor = "contract"};
    int64_t run, crun;
    const int64_t by[4] = {2, 1, 0, 1};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &run), 0);
    const bizType own[4] = {TYPE_SURVIVAL, TYPE_GROWTH, TYPE_INELIGIBLE, TYPE_SURVIVAL};
    for (int i = 0; i < 4; i++) assert_int_equal(storeResultAdd(s, run, u[i], own[i], "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run, 4, by), 0);
    assert_int_equal(storeCommit(s), 0);
    /* agree, growth→survival, ineligible→growth, only the run (703), only the city (704, 799) */
    const int nums[5] = {700, 701, 702, 704, 799};
    const bizType city[5] = {TYPE_SURVIVAL, TYPE_SURVIVAL, TYPE_GROWTH, TYPE_DEVELOPMENT, TYPE_GROWTH};
    assert_int_equal(cityImport(s, year, nums, city, 5), 5);
    assert_int_equal(cityImport(s, year, nums, city, 5), 0); /* the same file again changes nothing */
    int64_t m[25] = {0};
    assert_int_equal(storeReconcileCounts(s, year, run, countTransition, m), 0);
    assert_int_equal(m[(TYPE_SURVIVAL + 1) * 5 + TYPE_SURVIVAL + 1], 1);
    assert_int_equal(m[(TYPE_SURVIVAL + 1) * 5 + TYPE_GROWTH + 1], 1);
    assert_int_equal(m[(TYPE_GROWTH + 1) * 5 + TYPE_INELIGIBLE + 1], 1);
    assert_int_equal(m[0 * 5 + TYPE_SURVIVAL + 1], 1);
    assert_int_equal(m[(TYPE_DEVELOPMENT + 1) * 5 + 0], 1);
    assert_int_equal(m[(TYPE_GROWTH + 1) * 5 + 0], 1);
    storeReconcileQuery q = {.year = year, .run_id = run, .status = -1};
    reconcileSeen w = reconcileList(s, &q);
    assert_int_equal(w.n, 5);
    assert_int_equal(w.total, 5);
    assert_int_equal(w.outside, 1);
    q.limit = 2, q.offset = 2;
    w = reconcileList(s, &q);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.total, 5); /* the total ignores paging */
    assert_string_equal(w.first, u[3]);
    q.limit = q.offset = 0;
    q.run_type = "-";
    assert_int_equal(reconcileList(s, &q).n, 2);
    q.run_type = NULL, q.city_type = "-";
    w = reconcileList(s, &q);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.first, u[3]);
    q.city_type = "survival", q.run_type = "growth";
    assert_int_equal(reconcileList(s, &q).n, 1);
    q.city_type = q.run_type = NULL, q.uscc = u[0];
    assert_int_equal(reconcileList(s, &q).n, 0); /* they agree */
    /* the clerk's status: in a transaction, the status it replaced */
    storeCityCheckStatus before;
    const storeCityCheck c = {.year = year, .uscc = u[1], .note = "已电话核实", .actor = "contract",
                              .status = CITY_CHECK_RAISED};
    assert_int_equal(storeCityCheckSet(s, &c, &before), GH_EINVAL);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeCityCheckSet(s, &c, &before), 0);
    assert_int_equal(before, CITY_CHECK_PENDING);
    assert_int_equal(storeCityCheckSet(s, &c, &before), 0);
    assert_int_equal(before, CITY_CHECK_RAISED);
    assert_int_equal(storeCommit(s), 0);
    q.uscc = NULL, q.status = CITY_CHECK_RAISED;
    w = reconcileList(s, &q);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.first, u[1]);
    q.status = CITY_CHECK_PENDING;
    assert_int_equal(reconcileList(s, &q).n, 4);
    q.status = 7;
    assert_int_equal(storeEachReconcile(s, &q, seeReconcile, &w), GH_EINVAL);
    /* publishable: the directory's businesses only, source city */
    storeRun cinfo = info;
    cinfo.year = year + 1;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeCityRunCreate(s, &cinfo, &crun), GH_ENOTFOUND);
    assert_int_equal(storeCityRunCreate(s, &info, &crun), 0);
    assert_int_equal(storeCommit(s), 0);
    arena a;
    arenaInit(&a, 4096, 0);
    storeRun r;
    assert_int_equal(storeRunGet(s, crun, &a, &r), 0);
    assert_string_equal(r.source, "city");
    assert_true(r.city_import_id > 0);
    assert_string_equal(r.status, "done");
    assert_int_equal(r.population, 4);
    assert_int_equal(r.by_type[TYPE_SURVIVAL], 2);
    assert_int_equal(r.by_type[TYPE_DEVELOPMENT], 1);
    assert_int_equal(storeRunGet(s, run, &a, &r), 0);
    assert_string_equal(r.source, "run");
    storeIdle(s); /* a reader's statement left open would hold the staging tables */
    /* a later file replaces the year's result: entries it no longer gives go */
    const int again[1] = {700};
    const bizType gtype[1] = {TYPE_GROWTH};
    assert_int_equal(cityImport(s, year, again, gtype, 1), 5);
    q.status = -1;
    assert_int_equal(reconcileList(s, &q).n, 4); /* 700 growth-survival, 701-704 only in the run */
    arenaFree(&a);
    closeStore(s);
}

/* ---- accounts, sessions, access codes ---- */

static int countAccount(void *ctx, const storeAccount *a) {
    assert_non_null(a->username);
    (*(int *)ctx)++;
    return 0;
}

static void test_accounts(void **state) {
    (void)state;
    store *s = openStore();
    char u[USCC_LEN + 1];
    code(u, 700);
    int before = 0, after = 0;
    assert_int_equal(storeEachAccount(s, countAccount, &before), 0);
    int64_t id, owner;
    const storeAccount clerk = {.username = "contract-clerk", .role = "clerk", .password_hash = "h1"};
    const storeAccount biz = {.username = "contract-owner", .role = "business", .uscc = u};
    const storeAccount badrole = {.username = "contract-x", .role = "emperor"};
    assert_int_equal(storeAccountAdd(s, &clerk, &id), 0);
    assert_int_equal(storeAccountAdd(s, &biz, &owner), 0);
    assert_int_equal(storeAccountAdd(s, &clerk, &id), GH_EINVAL); /* the name is taken */
    assert_int_equal(storeAccountAdd(s, &badrole, &id), GH_EINVAL);
    assert_int_equal(storeEachAccount(s, countAccount, &after), 0);
    assert_int_equal(after, before + 2);
    arena a;
    arenaInit(&a, 4096, 0);
    storeAccount got;
    assert_int_equal(storeAccountGet(s, "contract-clerk", &a, &got), 0);
    id = got.id;
    storeIdle(s);
    assert_string_equal(got.role, "clerk");
    assert_string_equal(got.password_hash, "h1");
    assert_int_equal(storeAccountGet(s, "contract-nobody", &a, &got), GH_ENOTFOUND);
    assert_int_equal(storeAccountById(s, owner, &a, &got), 0);
    assert_string_equal(got.username, "contract-owner");
    assert_int_equal(storeAccountByUscc(s, u, &a, &got), 0);
    assert_int_equal(got.id, owner);
    assert_int_equal(storeAccountSetPassword(s, id, "h2"), 0);
    assert_int_equal(storeAccountById(s, id, &a, &got), 0);
    assert_string_equal(got.password_hash, "h2");
    /* three failures in a row lock the account; a success clears the count */
    for (int i = 0; i < 2; i++) assert_int_equal(storeAccountLoginResult(s, id, false, 3, 5000), 0);
    assert_int_equal(storeAccountById(s, id, &a, &got), 0);
    assert_int_equal(got.failed_logins, 2);
    assert_int_equal(got.locked_until, 0);
    assert_int_equal(storeAccountLoginResult(s, id, false, 3, 5000), 0);
    assert_int_equal(storeAccountById(s, id, &a, &got), 0);
    assert_int_equal(got.locked_until, 5000);
    assert_int_equal(storeAccountLoginResult(s, id, true, 3, 0), 0);
    assert_int_equal(storeAccountById(s, id, &a, &got), 0);
    assert_int_equal(got.failed_logins, 0);
    assert_int_equal(got.locked_until, 0);
    assert_int_equal(storeAccountSetDisabled(s, owner, true), 0);
    assert_int_equal(storeAccountByUscc(s, u, &a, &got), GH_ENOTFOUND); /* enabled accounts only */
    assert_int_equal(storeAccountById(s, owner, &a, &got), 0);
    assert_true(got.disabled);
    arenaFree(&a);
    closeStore(s);
}

static void test_sessions_and_codes(void **state) {
    (void)state;
    store *s = openStore();
    int64_t id, other, who;
    const storeAccount one = {.username = "contract-sess", .role = "reviewer", .password_hash = "h"};
    const storeAccount two = {.username = "contract-sess2", .role = "business"};
    assert_int_equal(storeAccountAdd(s, &one, &id), 0);
    assert_int_equal(storeAccountAdd(s, &two, &other), 0);
    char csrf[65];
    assert_int_equal(storeSessionAdd(s, "contract-t1", id, "c1", 1000, 2000), 0);
    assert_int_equal(storeSessionAdd(s, "contract-t2", id, "c2", 1000, 2000), 0);
    assert_int_equal(storeSessionAdd(s, "contract-t3", other, "c3", 1000, 2000), 0);
    assert_int_equal(storeSessionGet(s, "contract-t1", 1500, &who, csrf), 0);
    assert_int_equal(who, id);
    assert_string_equal(csrf, "c1");
    assert_int_equal(storeSessionGet(s, "contract-t1", 2000, &who, csrf), GH_ENOTFOUND); /* expired */
    assert_int_equal(storeSessionDelete(s, "contract-t1"), 0);
    assert_int_equal(storeSessionGet(s, "contract-t1", 1500, &who, csrf), GH_ENOTFOUND);
    assert_int_equal(storeSessionDeleteAccount(s, id), 0);
    assert_int_equal(storeSessionGet(s, "contract-t2", 1500, &who, csrf), GH_ENOTFOUND);
    assert_int_equal(storeSessionGet(s, "contract-t3", 1500, &who, csrf), 0); /* another account's stays */
    /* one-time codes */
    assert_int_equal(storeAccessCodeAdd(s, "contract-c1", other, 3000, "contract"), 0);
    assert_int_equal(storeAccessCodeAdd(s, "contract-c2", other, 3000, "contract"), 0);
    assert_int_equal(storeAccessCodeUse(s, "contract-c1", id, 1000), GH_ENOTFOUND); /* not its account */
    assert_int_equal(storeAccessCodeUse(s, "contract-c2", other, 3000), GH_ENOTFOUND); /* expired */
    assert_int_equal(storeAccessCodeUse(s, "contract-c1", other, 1000), 0);
    assert_int_equal(storeAccessCodeUse(s, "contract-c1", other, 1001), GH_ENOTFOUND); /* spent */
    assert_int_equal(storeAccessCodeUse(s, "contract-none", other, 1000), GH_ENOTFOUND);
    closeStore(s);
}

/* ---- the audit trail ---- */

typedef struct auditSeen { int n; int64_t ids[8]; } auditSeen;

static int seeAudit(void *ctx, const storeAudit *e) {
    auditSeen *w = ctx;
    if (w->n < 8) w->ids[w->n] = e->id;
    w->n++;
    return 0;
}

static void test_audit(void **state) {
    (void)state;
    store *s = openStore();
    char head[65];
    auditSeen all = {0};
    assert_int_equal(storeEachAuditChain(s, seeAudit, &all), 0);
    if (all.n == 0) assert_int_equal(storeAuditHead(s, head), GH_ENOTFOUND);
    const storeAudit e1 = {.at = "2031-01-01T00:00:00Z", .actor = "contract", .role = "cli", .action = "contract.a",
                           .object = "x", .prev_hash = "p1", .hash = "h1"};
    const storeAudit e2 = {.at = "2031-01-01T00:00:01Z", .actor = "contract", .role = "cli", .client = "1.2.3.4",
                           .action = "contract.b", .before = "{}", .after = "{}", .prev_hash = "h1", .hash = "h2"};
    assert_int_equal(storeAuditInsert(s, &e1), GH_EINVAL); /* outside a write transaction */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeAuditInsert(s, &e1), 0);
    assert_int_equal(storeAuditHead(s, head), 0);
    assert_string_equal(head, "h1");
    assert_int_equal(storeAuditInsert(s, &e2), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeAuditHead(s, head), 0);
    assert_string_equal(head, "h2");
    auditSeen newest = {0}, chain = {0}, only = {0};
    assert_int_equal(storeEachAudit(s, NULL, 2, seeAudit, &newest), 0);
    assert_int_equal(newest.n, 2);
    assert_true(newest.ids[0] > newest.ids[1]);
    assert_int_equal(storeEachAudit(s, "contract.a", 10, seeAudit, &only), 0);
    assert_int_equal(only.n, 1);
    assert_int_equal(only.ids[0], newest.ids[1]);
    assert_int_equal(storeEachAuditChain(s, seeAudit, &chain), 0);
    assert_int_equal(chain.n, all.n + 2);
    closeStore(s);
}

/* ---- the console's accounts and audit views (issue 11 §2) ---- */

static int seeTown(void *ctx, const char *town) {
    int *n = ctx;
    if (!strcmp(town, "黄村镇")) (*n)++;
    return 0;
}

static void test_console_accounts(void **state) {
    (void)state;
    store *s = openStore();
    /* the towns of the directory, each once */
    int huangcun = 0;
    registerSome(s, 760, 3, "contract-town");
    assert_int_equal(storeEachTown(s, seeTown, &huangcun), 0);
    assert_int_equal(huangcun, 1);
    /* created and last sign-in times */
    int64_t id;
    const storeAccount one = {.username = "contract-console", .role = "business"};
    assert_int_equal(storeAccountAdd(s, &one, &id), 0);
    arena a;
    arenaInit(&a, 1024, 0);
    storeAccount got;
    assert_int_equal(storeAccountById(s, id, &a, &got), 0);
    assert_non_null(got.created_at);
    assert_null(got.last_login_at);
    assert_int_equal(storeAccountLoginResult(s, id, true, 3, 0), 0);
    assert_int_equal(storeAccountById(s, id, &a, &got), 0);
    assert_non_null(got.last_login_at);
    arenaFree(&a);
    /* a re-issue ends unused codes only, and only inside a write transaction */
    int revoked = -1;
    assert_int_equal(storeAccessCodeAdd(s, "contract-r1", id, 3000, "contract"), 0);
    assert_int_equal(storeAccessCodeAdd(s, "contract-r2", id, 3000, "contract"), 0);
    assert_int_equal(storeAccessCodeAdd(s, "contract-r3", id, 3000, "contract"), 0);
    assert_int_equal(storeAccessCodeUse(s, "contract-r3", id, 1000), 0);
    assert_int_equal(storeAccessCodeRevoke(s, id, 1100, &revoked), GH_EINVAL);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeAccessCodeRevoke(s, id, 1100, &revoked), 0);
    assert_int_equal(storeAccessCodeAdd(s, "contract-r4", id, 3000, "contract"), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(revoked, 2); /* r1 and r2; r3 was spent */
    assert_int_equal(storeAccessCodeUse(s, "contract-r1", id, 1200), GH_ENOTFOUND);
    assert_int_equal(storeAccessCodeUse(s, "contract-r2", id, 1200), GH_ENOTFOUND);
    assert_int_equal(storeAccessCodeUse(s, "contract-r4", id, 1200), 0);
    /* a page of the audit trail: filters, limit and cursor */
    const char *ats[] = {"2032-02-01T00:00:00Z", "2032-02-02T00:00:00Z", "2032-02-03T00:00:00Z"};
    assert_int_equal(storeBegin(s), 0);
    for (int i = 0; i < 3; i++) {
        const storeAudit e = {.at = ats[i], .actor = "contract-pager", .role = "cli", .action = "contract.page",
                              .prev_hash = "p", .hash = "h"};
        assert_int_equal(storeAuditInsert(s, &e), 0);
    }
    assert_int_equal(storeCommit(s), 0);
    auditSeen page = {0}, next = {0}, dated = {0}, none = {0};
    storeAuditFilter f = {.action = "contract.page", .actor = "pager", .limit = 2};
    assert_int_equal(storeEachAuditPage(s, &f, seeAudit, &page), 0);
    assert_int_equal(page.n, 2);
    assert_true(page.ids[0] > page.ids[1]);
    f.before_id = page.ids[1];
    assert_int_equal(storeEachAuditPage(s, &f, seeAudit, &next), 0);
    assert_int_equal(next.n, 1);
    assert_true(next.ids[0] < page.ids[1]);
    const storeAuditFilter d = {.actor = "contract-pager", .from = "2032-02-02", .to = "2032-02-03", .limit = 10};
    assert_int_equal(storeEachAuditPage(s, &d, seeAudit, &dated), 0);
    assert_int_equal(dated.n, 1); /* from included, to excluded */
    assert_int_equal(dated.ids[0], page.ids[1]);
    const storeAuditFilter other = {.actor = "nobody-such", .limit = 10};
    assert_int_equal(storeEachAuditPage(s, &other, seeAudit, &none), 0);
    assert_int_equal(none.n, 0);
    const storeAuditFilter bad = {.limit = 0};
    assert_int_equal(storeEachAuditPage(s, &bad, seeAudit, &none), GH_EINVAL);
    closeStore(s);
}

/* ---- the error record ---- */

static int stopAtFirst(void *ctx, const storeAccount *a) {
    (void)a;
    return *(int *)ctx;
}

static void test_error_record(void **state) {
    (void)state;
    store *s = openStore();
    arena a;
    arenaInit(&a, 1024, 0);
    storeRun r;
    int v;
    assert_int_equal(storeRunGet(s, 987654321, &a, &r), GH_ENOTFOUND);
    const storeErr *e = storeLastError(s);
    assert_int_equal(e->code, GH_ENOTFOUND);
    assert_true(e->message[0] != '\0'); /* a not-found carries a message too */
    assert_ptr_equal(storeError(s), e->message);
    assert_int_equal(storeSchemaVersion(s, &v), 0); /* a success clears it */
    assert_int_equal(e->code, 0);
    assert_string_equal(storeError(s), "");
    char csrf[65];
    int64_t who;
    assert_int_equal(storeSessionGet(s, "contract-none", 0, &who, csrf), GH_ENOTFOUND);
    assert_true(storeError(s)[0] != '\0');
    const storeAccount x = {.username = "contract-err", .role = "clerk"};
    int64_t id;
    assert_int_equal(storeAccountAdd(s, &x, &id), 0);
    assert_int_equal(storeAccountAdd(s, &x, &id), GH_EINVAL);
    assert_int_equal(e->code, GH_EINVAL);
    assert_string_equal(e->field, "username");
    /* a failure, then a rollback: the record still says why */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeAccountAdd(s, &x, &id), GH_EINVAL);
    assert_int_equal(storeRollback(s), 0);
    assert_int_equal(e->code, GH_EINVAL);
    /* a callback's negative code is the failure returned and recorded; a positive one is its own stop */
    int stop = GH_ERANGE;
    assert_int_equal(storeEachAccount(s, stopAtFirst, &stop), GH_ERANGE);
    assert_int_equal(e->code, GH_ERANGE);
    assert_true(e->message[0] != '\0');
    stop = 1;
    assert_int_equal(storeEachAccount(s, stopAtFirst, &stop), 1);
    assert_int_equal(e->code, 0);
    arenaFree(&a);
    closeStore(s);
}

/* Busy (backend.h): while one handle holds a write transaction, another's write
 * fails with GH_EBUSY after the backend's own short wait (nothing done, never
 * GH_EIO), and its reads neither wait nor see the uncommitted change. */
static void test_busy(void **state) {
    (void)state;
    store *s = openStore(), *t;
    char err[600];
    if (storeOpen(&t, curLoc, 0, err, sizeof err)) fail_msg("open a second handle: %s", err);
    const storeAccount held = {.username = "contract-busy-held", .role = "clerk"},
                       other = {.username = "contract-busy-other", .role = "clerk"};
    arena a;
    arenaInit(&a, 1024, 0);
    storeAccount got;
    int64_t id;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeAccountAdd(s, &held, &id), 0);
    assert_int_equal(storeBegin(t), GH_EBUSY); /* after the backend's own wait */
    assert_int_equal(storeLastError(t)->code, GH_EBUSY);
    assert_true(storeError(t)[0] != '\0');
    assert_int_equal(storeBeginWait(t, 50), GH_EBUSY); /* after a short one */
    assert_int_equal(storeAccountGet(t, "contract-busy-held", &a, &got), GH_ENOTFOUND); /* a read: no wait */
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeBeginWait(t, 50), 0); /* released: the next try works */
    assert_int_equal(storeAccountAdd(t, &other, &id), 0);
    assert_int_equal(storeCommit(t), 0);
    assert_int_equal(storeAccountGet(s, "contract-busy-other", &a, &got), 0);
    arenaFree(&a);
    storeClose(t);
    closeStore(s);
}

/* Data version (decisions 300, 294): the token of a handle is never 0, and it changes
 * after a commit through another handle and after a change through itself. On SQLite
 * it stays while nothing is written; on PostgreSQL the token is the cluster's snapshot,
 * which other tests' databases on the same cluster move too, so only the changes are
 * asserted there (and that it is not 0 inside no transaction, 0 inside one). */
static void test_data_version(void **state) {
    (void)state;
    store *s = openStore(), *t;
    char err[600];
    if (storeOpen(&t, curLoc, 0, err, sizeof err)) fail_msg("open a second handle: %s", err);
    uint64_t v0, v1, v2, v3;
    int64_t id;
    assert_int_equal(storeDataVersion(s, &v0), 0);
    assert_int_equal(storeDataVersion(s, &v1), 0);
    assert_true(v0 != 0 && v1 != 0);
    if (!fixtureIsPg()) assert_true(v1 == v0); /* nothing written */
    const storeAccount other = {.username = "contract-version-other", .role = "clerk"},
                       own = {.username = "contract-version-own", .role = "clerk"};
    assert_int_equal(storeBegin(t), 0);
    assert_int_equal(storeAccountAdd(t, &other, &id), 0);
    assert_int_equal(storeCommit(t), 0);
    assert_int_equal(storeDataVersion(s, &v2), 0);
    assert_true(v2 != 0 && v2 != v1); /* another connection committed */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeAccountAdd(s, &own, &id), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeDataVersion(s, &v3), 0);
    assert_true(v3 != 0 && v3 != v2); /* its own change */
    if (fixtureIsPg()) {
        assert_int_equal(storeReadBegin(s), 0);
        assert_int_equal(storeDataVersion(s, &v0), 0);
        assert_true(v0 == 0); /* a transaction's snapshot may stand still: no token */
        assert_int_equal(storeReadEnd(s), 0);
    }
    storeClose(t);
    closeStore(s);
}

/* ---- the 名特优新 round ---- */

/* Registers business n with an operator ID (for the one-per-operator filter). */
static void registerOperated(store *s, int n, const char *operator_id) {
    char u[USCC_LEN + 1];
    int64_t changed;
    code(u, n);
    assert_int_equal(storeBegin(s), 0);
    const int64_t imp = importOf(s, "registration");
    assert_int_equal(storeStageBegin(s, FACT_REGISTRATION), 0);
    bizFact f = newFact(u);
    f.name = "北京市大兴区名特优新商店";
    f.town = "魏善庄镇";
    f.operator_id = operator_id;
    assert_int_equal(storeStageRow(s, &f, u, 2), 0);
    assert_int_equal(storeStageApply(s, FACT_REGISTRATION, imp, &changed), 0);
    assert_int_equal(storeCommit(s), 0);
}

static storeRoundApp roundDraft(const char *uscc, int year) {
    storeRoundApp a = {.year = year, .uscc = uscc, .category = CAT_QUALITY, .route = ROUTE_SELF,
                       .claimed = {0, 2}, .n_claimed = 2, .statement = "二十年老店", .state = RSTATE_DRAFT,
                       .applied_on = DATE_NONE, .created_by = "owner", .created_at = "2041-08-20T01:00:00Z"};
    return a;
}

typedef struct roundSeen { int n; char ids[8][STORE_ROUND_ID_SIZE]; roundState states[8]; int64_t photos; } roundSeen;

static int seeRoundApp(void *ctx, const storeRoundApp *a) {
    roundSeen *w = ctx;
    if (w->n < 8) snprintf(w->ids[w->n], STORE_ROUND_ID_SIZE, "%s", a->id), w->states[w->n] = a->state;
    w->n++;
    return 0;
}

static int seeStep(void *ctx, const storeRoundStep *st) {
    roundSeen *w = ctx;
    if (w->n < 8) w->states[w->n] = st->to;
    assert_non_null(st->actor);
    w->n++;
    return 0;
}

static storeRoundStep roundStep(const char *id, roundState from, roundState to, roundAction a, const char *at) {
    storeRoundStep st = {.app_id = id, .from = from, .to = to, .action = a, .actor = "contract", .role = "clerk",
                         .at = at, .on = dateFromYmd(2041, 9, 1), .reason = NULL};
    return st;
}

static void test_round_apps(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 900, 2, "北京市大兴区申报商店");
    char u[2][USCC_LEN + 1], id1[STORE_ROUND_ID_SIZE], id2[STORE_ROUND_ID_SIZE];
    code(u[0], 900);
    code(u[1], 901);
    storeRoundApp a = roundDraft(u[0], 2041), b = roundDraft(u[1], 2041), got;
    b.category = CAT_EMERGING;
    b.route = ROUTE_RECOMMENDED;
    b.recommended_by = "区科委";
    assert_int_equal(storeRoundCreate(s, &a, id1), 0);
    assert_int_equal(storeRoundCreate(s, &b, id2), 0);
    assert_int_equal(strncmp(id1, "2041-", 5), 0);
    assert_true(strcmp(id1, id2) < 0); /* the year's next number */
    storeRoundApp bad = roundDraft("92110115MA0NOTHERE", 2041);
    char idx[STORE_ROUND_ID_SIZE];
    assert_int_equal(storeRoundCreate(s, &bad, idx), GH_EINVAL); /* no such business */
    arena ar;
    arenaInit(&ar, 4096, 0);
    assert_int_equal(storeRoundGet(s, id1, &ar, &got), 0);
    storeIdle(s);
    assert_string_equal(got.uscc, u[0]);
    assert_string_equal(got.name, "北京市大兴区申报商店");
    assert_int_equal(got.category, CAT_QUALITY);
    assert_int_equal(got.n_claimed, 2);
    assert_int_equal(got.claimed[1], 2);
    assert_int_equal(got.state, RSTATE_DRAFT);
    assert_int_equal(got.applied_on, DATE_NONE);
    assert_int_equal(storeRoundGet(s, "2041-9999", &ar, &got), GH_ENOTFOUND);
    /* a draft is rewritten */
    a.id = id1;
    a.claimed[0] = 3, a.n_claimed = 1, a.statement = "改", a.updated_at = "2041-08-21T01:00:00Z";
    assert_int_equal(storeRoundUpdate(s, &a), 0);
    assert_int_equal(storeRoundGet(s, id1, &ar, &got), 0);
    assert_int_equal(got.n_claimed, 1);
    assert_int_equal(got.claimed[0], 3);
    assert_string_equal(got.updated_at, "2041-08-21T01:00:00Z");
    a.id = "2041-9999";
    assert_int_equal(storeRoundUpdate(s, &a), GH_ENOTFOUND);
    /* moves: in a transaction, from the stored state, with the history in order */
    a.id = id1;
    a.applied_on = dateFromYmd(2041, 9, 1);
    storeRoundStep st = roundStep(id1, RSTATE_DRAFT, RSTATE_SUBMITTED, RACT_SUBMIT, "2041-09-01T01:00:00Z");
    assert_int_equal(storeRoundMove(s, &a, &st), GH_EINVAL); /* outside a write transaction */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRoundMove(s, &a, &st), 0);
    assert_int_equal(storeRoundMove(s, &a, &st), GH_ERANGE); /* no longer a draft */
    st = roundStep(id1, RSTATE_SUBMITTED, RSTATE_REVIEW, RACT_ACCEPT, "2041-09-02T01:00:00Z");
    st.override = true, st.override_by = "admin", st.override_reason = "系统故障";
    assert_int_equal(storeRoundMove(s, &a, &st), 0);
    st.app_id = "2041-9999";
    assert_int_equal(storeRoundMove(s, &a, &st), GH_ENOTFOUND);
    assert_int_equal(storeCommit(s), 0);
    roundSeen hist = {0};
    assert_int_equal(storeEachRoundStep(s, id1, seeStep, &hist), 0);
    assert_int_equal(hist.n, 2);
    assert_int_equal(hist.states[0], RSTATE_SUBMITTED);
    assert_int_equal(hist.states[1], RSTATE_REVIEW);
    assert_int_equal(storeRoundGet(s, id1, &ar, &got), 0);
    assert_int_equal(got.state, RSTATE_REVIEW);
    assert_int_equal(got.applied_on, dateFromYmd(2041, 9, 1));
    /* filters */
    roundSeen all = {0}, review = {0}, emerging = {0}, town = {0}, none = {0}, dept = {0}, set = {0};
    storeRoundFilter f = {.year = 2041};
    assert_int_equal(storeEachRound(s, &f, seeRoundApp, &all), 0);
    assert_int_equal(all.n, 2);
    assert_string_equal(all.ids[0], id1);
    f.states = 1u << RSTATE_REVIEW;
    assert_int_equal(storeEachRound(s, &f, seeRoundApp, &review), 0);
    assert_int_equal(review.n, 1);
    f.states = 0, f.categories = 1u << CAT_EMERGING;
    assert_int_equal(storeEachRound(s, &f, seeRoundApp, &emerging), 0);
    assert_int_equal(emerging.n, 1);
    assert_string_equal(emerging.ids[0], id2);
    f.categories = 0, f.town = "黄村镇", f.uscc = u[1];
    assert_int_equal(storeEachRound(s, &f, seeRoundApp, &town), 0);
    assert_int_equal(town.n, 1);
    f.town = "榆垡镇";
    assert_int_equal(storeEachRound(s, &f, seeRoundApp, &none), 0);
    assert_int_equal(none.n, 0);
    f = (storeRoundFilter){.recommended_by = "区科委"};
    assert_int_equal(storeEachRound(s, &f, seeRoundApp, &dept), 0);
    assert_int_equal(dept.n, 1);
    f = (storeRoundFilter){.year = 2041, .states = 1u << RSTATE_DRAFT | 1u << RSTATE_VISIT};
    assert_int_equal(storeEachRound(s, &f, seeRoundApp, &set), 0);
    assert_int_equal(set.n, 1);
    assert_string_equal(set.ids[0], id2);
    arenaFree(&ar);
    closeStore(s);
}

static int seeEvidence(void *ctx, const storeEvidence *e) {
    assert_null(e->bytes); /* listings carry no bytes */
    (*(int *)ctx)++;
    return 0;
}

static int seeVisit(void *ctx, const storeVisit *v) {
    roundSeen *w = ctx;
    w->n++;
    w->photos = v->n_photos == 2 ? v->photos[1] : -1;
    return 0;
}

static int seeOpinion(void *ctx, const storeOpinion *o) {
    int *n = ctx;
    n[o->opinion]++;
    return 0;
}

static int seeObjection(void *ctx, const storeObjection *o) {
    (*(int *)ctx)++;
    assert_non_null(o->reason);
    return 0;
}

static int seeSpot(void *ctx, const storeSpotCheck *c) {
    assert_int_equal(c->kind, SPOT_REQUEST);
    (*(int *)ctx)++;
    return 0;
}

static void test_round_records(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 910, 1, "北京市大兴区材料商店");
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 910);
    storeRoundApp a = roundDraft(u, 2042);
    assert_int_equal(storeRoundCreate(s, &a, id), 0);
    /* calendar overrides granted ahead: one unused per case and action, spent once */
    {
        arena g_ar;
        arenaInit(&g_ar, 1024, 0);
        const storeOverrideGrant g = {.app_id = id, .action = RACT_ACCEPT, .reason = "局长同意", .granted_by = "admin",
                                      .granted_at = "2042-09-03T00:00:00Z"};
        storeOverrideGrant got;
        int64_t gid, gid2;
        assert_int_equal(storeOverrideGrantOpen(s, id, RACT_ACCEPT, &g_ar, &got), GH_ENOTFOUND);
        assert_int_equal(storeOverrideGrantAdd(s, &g, &gid), 0);
        assert_int_equal(storeOverrideGrantAdd(s, &g, &gid2), GH_EINVAL);
        const storeOverrideGrant orphan = {.app_id = "2042-9999", .action = RACT_ACCEPT, .reason = "x",
                                           .granted_by = "admin", .granted_at = "2042-09-03T00:00:00Z"};
        assert_int_equal(storeOverrideGrantAdd(s, &orphan, &gid2), GH_EINVAL);
        assert_int_equal(storeOverrideGrantOpen(s, id, RACT_SUBMIT, &g_ar, &got), GH_ENOTFOUND);
        assert_int_equal(storeOverrideGrantOpen(s, id, RACT_ACCEPT, &g_ar, &got), 0);
        assert_int_equal(got.id, gid);
        assert_int_equal(got.action, RACT_ACCEPT);
        assert_string_equal(got.reason, "局长同意");
        assert_string_equal(got.granted_by, "admin");
        assert_int_equal(storeOverrideGrantUse(s, gid, "2042-09-04T00:00:00Z"), 0);
        assert_int_equal(storeOverrideGrantUse(s, gid, "2042-09-05T00:00:00Z"), GH_ENOTFOUND);
        assert_int_equal(storeOverrideGrantOpen(s, id, RACT_ACCEPT, &g_ar, &got), GH_ENOTFOUND);
        assert_int_equal(storeOverrideGrantAdd(s, &g, &gid2), 0); /* a new one once the first is spent */
        arenaFree(&g_ar);
    }
    /* evidence: the bytes round trip, NULs and all */
    unsigned char bytes[300];
    for (size_t i = 0; i < sizeof bytes; i++) bytes[i] = (unsigned char)(i * 7);
    const storeEvidence e = {.app_id = id, .name = "营业执照.pdf", .content_type = "application/pdf", .sha256 = "ab",
                             .bytes = bytes, .size = sizeof bytes, .added_by = "owner", .added_at = "2042-09-03T00:00:00Z"};
    int64_t ev, ev2, vid, oid, oid2;
    assert_int_equal(storeEvidenceAdd(s, &e, &ev), 0);
    assert_int_equal(storeEvidenceAdd(s, &e, &ev2), 0);
    const storeEvidence orphan = {.app_id = "2042-9999", .name = "x", .content_type = "image/png", .sha256 = "x",
                                  .bytes = bytes, .size = 1, .added_by = "o", .added_at = "2042-09-03T00:00:00Z"};
    assert_int_equal(storeEvidenceAdd(s, &orphan, &oid), GH_EINVAL);
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeEvidence got;
    assert_int_equal(storeEvidenceGet(s, ev, &ar, &got), 0);
    storeIdle(s);
    assert_int_equal(got.size, sizeof bytes);
    assert_memory_equal(got.bytes, bytes, sizeof bytes);
    assert_string_equal(got.content_type, "application/pdf");
    assert_string_equal(got.name, "营业执照.pdf");
    assert_int_equal(storeEvidenceGet(s, ev2 + 1000, &ar, &got), GH_ENOTFOUND);
    int n = 0;
    assert_int_equal(storeEachEvidence(s, id, seeEvidence, &n), 0);
    assert_int_equal(n, 2);
    /* consent: one per application */
    storeConsent c = {.app_id = id, .consent_on = dateFromYmd(2042, 9, 3), .how = CONSENT_SCAN, .evidence_id = ev,
                      .recorded_by = "clerk", .recorded_at = "2042-09-03T00:00:00Z"}, cg;
    assert_int_equal(storeConsentGet(s, id, &ar, &cg), GH_ENOTFOUND);
    assert_int_equal(storeConsentAdd(s, &c), 0);
    assert_int_equal(storeConsentAdd(s, &c), GH_EINVAL);
    assert_int_equal(storeConsentGet(s, id, &ar, &cg), 0);
    assert_int_equal(cg.how, CONSENT_SCAN);
    assert_int_equal(cg.evidence_id, ev);
    assert_int_equal(cg.consent_on, dateFromYmd(2042, 9, 3));
    /* visits with photos */
    storeVisit v = {.app_id = id, .visited_on = dateFromYmd(2042, 9, 10), .staff = "王科员", .notes = "经营正常",
                    .photos = {ev, ev2}, .n_photos = 2, .recorded_by = "clerk", .recorded_at = "2042-09-03T00:00:00Z"};
    assert_int_equal(storeVisitAdd(s, &v, &vid), 0);
    v.n_photos = STORE_VISIT_PHOTOS + 1;
    assert_int_equal(storeVisitAdd(s, &v, &vid), GH_EINVAL);
    roundSeen vs = {0};
    assert_int_equal(storeEachVisit(s, id, seeVisit, &vs), 0);
    assert_int_equal(vs.n, 1);
    assert_int_equal(vs.photos, ev2);
    /* opinions: asked, then given (replaced) */
    storeOpinion o = {.app_id = id, .department = "区商务局", .opinion = OPINION_PENDING, .by = "clerk", .at = "2042-09-03T00:00:00Z"};
    assert_int_equal(storeOpinionPut(s, &o), 0);
    o.department = "区文化和旅游局";
    assert_int_equal(storeOpinionPut(s, &o), 0);
    o.opinion = OPINION_DISAGREE, o.reason = "不符合";
    assert_int_equal(storeOpinionPut(s, &o), 0);
    o.opinion = (storeOpinionKind)9;
    assert_int_equal(storeOpinionPut(s, &o), GH_EINVAL);
    int ops[3] = {0};
    assert_int_equal(storeEachOpinion(s, id, seeOpinion, ops), 0);
    assert_int_equal(ops[OPINION_PENDING], 1);
    assert_int_equal(ops[OPINION_DISAGREE], 1);
    /* objections: open until answered, once */
    const storeObjection ob = {.app_id = id, .reason = "该店已停业", .contact = "13800000000", .filed_at = "2042-09-03T00:00:00Z"};
    assert_int_equal(storeObjectionAdd(s, &ob, &oid), 0);
    assert_int_equal(storeObjectionAdd(s, &ob, &oid2), 0);
    assert_int_equal(storeObjectionAnswer(s, oid, "经核实仍在经营", "clerk", "2042-09-04T00:00:00Z"), 0);
    assert_int_equal(storeObjectionAnswer(s, oid, "again", "clerk", "2042-09-05T00:00:00Z"), GH_EINVAL);
    assert_int_equal(storeObjectionAnswer(s, oid2 + 1000, "x", "clerk", "2042-09-05T00:00:00Z"), GH_ENOTFOUND);
    int open = 0, every = 0;
    assert_int_equal(storeEachObjection(s, id, true, seeObjection, &open), 0);
    assert_int_equal(storeEachObjection(s, id, false, seeObjection, &every), 0);
    assert_int_equal(open, 1);
    assert_int_equal(every, 2);
    /* the city's spot checks */
    const storeSpotCheck sc = {.app_id = id, .kind = SPOT_REQUEST, .on = dateFromYmd(2042, 12, 1),
                               .due_on = dateFromYmd(2042, 12, 15), .note = "补充商标证明", .by = "city", .at = "2042-09-03T00:00:00Z"};
    int64_t scid;
    assert_int_equal(storeSpotCheckAdd(s, &sc, &scid), 0);
    storeSpotCheck bad = sc;
    bad.kind = (storeSpotKind)7;
    assert_int_equal(storeSpotCheckAdd(s, &bad, &scid), GH_EINVAL);
    int spots = 0;
    assert_int_equal(storeEachSpotCheck(s, id, seeSpot, &spots), 0);
    assert_int_equal(spots, 1);
    arenaFree(&ar);
    closeStore(s);
}

static int seeRecognition(void *ctx, const storeRecognition *r) {
    roundSeen *w = ctx;
    if (w->n < 8) snprintf(w->ids[w->n], STORE_ROUND_ID_SIZE, "%s", r->app_id);
    w->n++;
    return 0;
}

static int seeReport(void *ctx, const storeInfoReport *r) {
    int *n = ctx;
    n[r->status]++;
    return 0;
}

static int seeCommendation(void *ctx, const storeCommendation *c) {
    civilDate *last = ctx;
    assert_true(c->commended_on >= *last); /* oldest first */
    *last = c->commended_on;
    return 0;
}

static int seeKeep(void *ctx, const storeKeep *k) {
    assert_string_equal(k->reason, "已整改");
    (*(int *)ctx)++;
    return 0;
}

static void test_round_recognitions(void **state) {
    (void)state;
    store *s = openStore();
    registerOperated(s, 920, "110115199001010011");
    registerOperated(s, 921, "110115199001010011");
    char u[2][USCC_LEN + 1], id[2][STORE_ROUND_ID_SIZE];
    code(u[0], 920);
    code(u[1], 921);
    for (int i = 0; i < 2; i++) {
        storeRoundApp a = roundDraft(u[i], 2043);
        assert_int_equal(storeRoundCreate(s, &a, id[i]), 0);
    }
    storeRecognition r = {.app_id = id[0], .uscc = u[0], .year = 2043, .category = CAT_QUALITY, .route = ROUTE_SELF,
                          .type = TYPE_GROWTH, .recognised_on = dateFromYmd(2043, 11, 20),
                          .expires = dateFromYmd(2046, 11, 20), .dept_consent_on = DATE_NONE, .ended_on = DATE_NONE};
    assert_int_equal(storeRecognitionAdd(s, &r), 0);
    assert_int_equal(storeRecognitionAdd(s, &r), GH_EINVAL); /* one per application */
    storeRecognition r2 = r;
    r2.app_id = id[1], r2.uscc = u[1], r2.route = ROUTE_RECOMMENDED;
    assert_int_equal(storeRecognitionAdd(s, &r2), 0);
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRecognition got;
    assert_int_equal(storeRecognitionGet(s, id[0], &ar, &got), 0);
    storeIdle(s);
    assert_int_equal(got.type, TYPE_GROWTH);
    assert_int_equal(got.ended, RECOG_HELD);
    assert_int_equal(got.expires, dateFromYmd(2046, 11, 20));
    assert_string_equal(got.operator_id, "110115199001010011");
    assert_int_equal(storeRecognitionGet(s, "2043-9999", &ar, &got), GH_ENOTFOUND);
    /* validity filter: recognised_on <= t < expires, held */
    roundSeen on = {0}, before = {0}, at_end = {0}, op = {0};
    storeRecognitionFilter f = {.valid_at = dateFromYmd(2043, 11, 20)};
    assert_int_equal(storeEachRecognition(s, &f, seeRecognition, &on), 0);
    assert_int_equal(on.n, 2);
    f.valid_at = dateFromYmd(2043, 11, 19);
    assert_int_equal(storeEachRecognition(s, &f, seeRecognition, &before), 0);
    assert_int_equal(before.n, 0);
    f.valid_at = dateFromYmd(2046, 11, 20);
    assert_int_equal(storeEachRecognition(s, &f, seeRecognition, &at_end), 0);
    assert_int_equal(at_end.n, 0);
    f = (storeRecognitionFilter){.operator_id = "110115199001010011", .valid_at = DATE_NONE, .year = 2043};
    assert_int_equal(storeEachRecognition(s, &f, seeRecognition, &op), 0);
    assert_int_equal(op.n, 2);
    /* extension, then revocation: no longer valid, listed as revoked */
    r.expires = dateFromYmd(2049, 11, 20), r.extensions = 1, r.dept_consent_on = dateFromYmd(2046, 3, 1);
    assert_int_equal(storeRecognitionUpdate(s, &r), 0);
    r2.ended = RECOG_REVOKED, r2.ended_on = dateFromYmd(2044, 1, 5), r2.revocation = REVOKE_FRAUD;
    r2.end_reason = "伪造材料";
    assert_int_equal(storeRecognitionUpdate(s, &r2), 0);
    storeRecognition ghost = r;
    ghost.app_id = "2043-9999";
    assert_int_equal(storeRecognitionUpdate(s, &ghost), GH_ENOTFOUND);
    assert_int_equal(storeRecognitionGet(s, id[1], &ar, &got), 0);
    assert_int_equal(got.ended, RECOG_REVOKED);
    assert_int_equal(got.revocation, REVOKE_FRAUD);
    assert_string_equal(got.end_reason, "伪造材料");
    roundSeen valid = {0}, revoked = {0};
    f = (storeRecognitionFilter){.valid_at = dateFromYmd(2047, 1, 1)};
    assert_int_equal(storeEachRecognition(s, &f, seeRecognition, &valid), 0);
    assert_int_equal(valid.n, 1);
    assert_string_equal(valid.ids[0], id[0]);
    f = (storeRecognitionFilter){.uscc = u[1], .valid_at = DATE_NONE, .revoked_only = true};
    assert_int_equal(storeEachRecognition(s, &f, seeRecognition, &revoked), 0);
    assert_int_equal(revoked.n, 1);
    /* information reports: one per year, checked by staff */
    storeInfoReport rep = {.app_id = id[0], .year = 2044, .filed_on = dateFromYmd(2044, 7, 1), .changes = "无变化",
                           .filed_by = "owner"};
    int64_t rid, rid2;
    assert_int_equal(storeInfoReportAdd(s, &rep, &rid), 0);
    assert_int_equal(storeInfoReportAdd(s, &rep, &rid2), GH_EINVAL);
    rep.year = 2045;
    assert_int_equal(storeInfoReportAdd(s, &rep, &rid2), 0);
    assert_int_equal(storeInfoReportCheck(s, rid, REPORT_CONFIRMED, "clerk", "2042-09-03T00:00:00Z", NULL), 0);
    assert_int_equal(storeInfoReportCheck(s, rid, REPORT_FILED, "clerk", "2042-09-03T00:00:00Z", NULL), GH_EINVAL);
    assert_int_equal(storeInfoReportCheck(s, rid2 + 1000, REPORT_QUERIED, "clerk", "2042-09-03T00:00:00Z", "?"), GH_ENOTFOUND);
    int st2044[3] = {0}, stall[3] = {0};
    assert_int_equal(storeEachInfoReport(s, 2044, NULL, seeReport, st2044), 0);
    assert_int_equal(st2044[REPORT_CONFIRMED], 1);
    assert_int_equal(storeEachInfoReport(s, 0, id[0], seeReport, stall), 0);
    assert_int_equal(stall[REPORT_CONFIRMED] + stall[REPORT_FILED], 2);
    /* commendations, oldest first */
    storeCommendation c = {.uscc = u[0], .title = "区级诚信经营示范户", .level = "district", .recorded_by = "clerk",
                           .recorded_at = "2042-09-03T00:00:00Z", .commended_on = dateFromYmd(2045, 5, 1)};
    int64_t cid;
    assert_int_equal(storeCommendationAdd(s, &c, &cid), 0);
    c.commended_on = dateFromYmd(2044, 5, 1);
    assert_int_equal(storeCommendationAdd(s, &c, &cid), 0);
    civilDate last = DATE_NONE;
    assert_int_equal(storeEachCommendation(s, u[0], seeCommendation, &last), 0);
    assert_int_equal(last, dateFromYmd(2045, 5, 1));
    /* kept after a re-check: once per recognition and year */
    const storeKeep kp = {.app_id = id[0], .year = 2044, .reason = "已整改", .by = "leader", .at = "2042-09-03T00:00:00Z"};
    assert_int_equal(storeKeepAdd(s, &kp), 0);
    assert_int_equal(storeKeepAdd(s, &kp), GH_EINVAL);
    int kept = 0, none = 0;
    assert_int_equal(storeEachKeep(s, 2044, seeKeep, &kept), 0);
    assert_int_equal(storeEachKeep(s, 2045, seeKeep, &none), 0);
    assert_int_equal(kept, 1);
    assert_int_equal(none, 0);
    arenaFree(&ar);
    closeStore(s);
}

/* ---- measures: entitlement changes, department work, coverage (issue 10) ---- */

typedef struct changeSeen {
    int n;
    int64_t last_id;
    storeMeasureChange c[8];
    char uscc[8][USCC_LEN + 1];
} changeSeen;

static int seeChange(void *ctx, const storeMeasureChange *c) {
    changeSeen *w = ctx;
    assert_true(c->id > w->last_id); /* by id */
    w->last_id = c->id;
    if (w->n < 8) {
        w->c[w->n] = *c;
        snprintf(w->uscc[w->n], USCC_LEN + 1, "%s", c->uscc);
    }
    w->n++;
    return 0;
}

typedef struct workSeen {
    int n, served;
    char first[USCC_LEN + 1];
    unsigned held_or;
} workSeen;

static int seeWork(void *ctx, const storeWorkRow *r) {
    workSeen *w = ctx;
    if (!w->n++) snprintf(w->first, sizeof w->first, "%s", r->uscc);
    w->served += r->status == MWORK_SERVED;
    w->held_or |= r->held;
    assert_true(r->type != TYPE_INELIGIBLE);
    assert_string_equal(r->town, "黄村镇");
    return 0;
}

static int sumEntitled(void *ctx, const char *town, bizType type, unsigned held, int64_t count) {
    int64_t *m = ctx; /* [type * 16 + held] */
    assert_string_equal(town, "黄村镇");
    m[type * 16 + held] += count;
    return 0;
}

static int sumServed(void *ctx, const char *measure, const char *department, const char *town, bizType type,
                     unsigned held, int64_t count) {
    int64_t *n = ctx;
    assert_string_equal(measure, "A2(二)1");
    assert_string_equal(department, "区人力资源社会保障局");
    assert_string_equal(town, "黄村镇");
    assert_int_equal(type, TYPE_GROWTH);
    assert_int_equal(held, 1u << CAT_FAMOUS);
    *n += count;
    return 0;
}

static void test_measures(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 1300, 4, "措施商店");
    char u[4][USCC_LEN + 1];
    for (int i = 0; i < 4; i++) code(u[i], 1300 + i);
    const storeRun info = {.year = 2051, .params_json = "{}", .params_sha256 = "x", .program_version = "t",
                           .actor = "contract"};
    int64_t run1, run2, n;
    const int64_t by[4] = {0};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &run1), 0);
    const bizType t1[4] = {TYPE_SURVIVAL, TYPE_GROWTH, TYPE_GROWTH, TYPE_DEVELOPMENT};
    for (int i = 0; i < 4; i++) assert_int_equal(storeResultAdd(s, run1, u[i], t1[i], "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run1, 4, by), 0);
    assert_int_equal(storeRunCreate(s, &info, &run2), 0);
    const bizType t2[3] = {TYPE_GROWTH, TYPE_GROWTH, TYPE_INELIGIBLE}; /* u[3] has no result */
    for (int i = 0; i < 3; i++) assert_int_equal(storeResultAdd(s, run2, u[i], t2[i], "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run2, 3, by), 0);
    char app[STORE_ROUND_ID_SIZE];
    storeRoundApp a = roundDraft(u[1], 2050);
    assert_int_equal(storeRoundCreate(s, &a, app), 0);
    const storeRecognition r = {.app_id = app, .uscc = u[1], .year = 2050, .category = CAT_FAMOUS,
                                .route = ROUTE_SELF, .type = TYPE_GROWTH, .recognised_on = dateFromYmd(2050, 11, 20),
                                .expires = dateFromYmd(2053, 11, 20), .dept_consent_on = DATE_NONE,
                                .ended_on = DATE_NONE};
    assert_int_equal(storeRecognitionAdd(s, &r), 0);
    assert_int_equal(storeCommit(s), 0);
    const civilDate on = dateFromYmd(2051, 6, 1);
    /* held: valid, and from 1 January after the recognition's year */
    unsigned held = 9;
    assert_int_equal(storeHeldCategories(s, u[1], on, &held), 0);
    assert_int_equal(held, 1u << CAT_FAMOUS);
    assert_int_equal(storeHeldCategories(s, u[1], dateFromYmd(2050, 12, 1), &held), 0);
    assert_int_equal(held, 0);
    assert_int_equal(storeHeldCategories(s, u[1], dateFromYmd(2053, 11, 20), &held), 0);
    assert_int_equal(held, 0);
    assert_int_equal(storeHeldCategories(s, u[0], on, &held), 0);
    assert_int_equal(held, 0);
    /* changes at publication: inside a transaction; the types that differ */
    assert_int_equal(storeMeasureChangesAtPublish(s, run2, run1, "run 2", on, "2051-06-01T00:00:00Z", &n),
                     GH_EINVAL);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeMeasureChangesAtPublish(s, run1, 0, "run 1", on, "2051-06-01T00:00:00Z", &n), 0);
    assert_int_equal(n, 0); /* the first publication: nothing to compare with */
    assert_int_equal(storeMeasureChangesAtPublish(s, run2, run1, "run 2", on, "2051-06-01T00:00:00Z", &n), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(n, 3);
    changeSeen w = {0};
    assert_int_equal(storeEachMeasureChange(s, MCHANGE_PUBLICATION, "run 2", 0, 100, seeChange, &w), 0);
    assert_int_equal(w.n, 3);
    assert_string_equal(w.uscc[0], u[0]);
    assert_int_equal(w.c[0].before_type, TYPE_SURVIVAL);
    assert_int_equal(w.c[0].after_type, TYPE_GROWTH);
    assert_string_equal(w.uscc[1], u[2]);
    assert_int_equal(w.c[1].after_type, TYPE_INELIGIBLE);
    assert_string_equal(w.uscc[2], u[3]);
    assert_int_equal(w.c[2].before_type, TYPE_DEVELOPMENT);
    assert_int_equal(w.c[2].after_type, -1);
    changeSeen page = {0};
    assert_int_equal(storeEachMeasureChange(s, MCHANGE_PUBLICATION, "run 2", w.c[0].id, 1, seeChange, &page), 0);
    assert_int_equal(page.n, 1);
    assert_string_equal(page.uscc[0], u[2]);
    /* a category that starts */
    int64_t id;
    const storeMeasureChange cc = {.kind = MCHANGE_CATEGORY, .ref = app, .uscc = u[1], .at = "2051-01-01T00:00:00Z",
                                   .before_type = TYPE_GROWTH, .after_type = TYPE_GROWTH, .before_held = 0,
                                   .after_held = 1u << CAT_FAMOUS};
    assert_int_equal(storeMeasureChangeAdd(s, &cc, &id), 0);
    changeSeen cw = {0};
    assert_int_equal(storeEachMeasureChange(s, MCHANGE_CATEGORY, app, 0, 10, seeChange, &cw), 0);
    assert_int_equal(cw.n, 1);
    assert_int_equal(cw.c[0].id, id);
    assert_int_equal(cw.c[0].after_held, 1u << CAT_FAMOUS);
    assert_int_equal(cw.c[0].before_type, TYPE_GROWTH);
    /* work marks: replace, say what was before; unknown business refused */
    storeWorkStatus before;
    storeWorkMark m = {.measure = "A2(二)1", .department = "区人力资源社会保障局", .uscc = u[1],
                       .status = MWORK_CONTACTED, .on = on, .note = "电话", .by = "hr", .at = "2051-06-01T00:00:00Z"};
    assert_int_equal(storeWorkMarkSet(s, &m, &before), 0);
    assert_int_equal(before, MWORK_PENDING);
    m.status = MWORK_SERVED;
    assert_int_equal(storeWorkMarkSet(s, &m, &before), 0);
    assert_int_equal(before, MWORK_CONTACTED);
    storeWorkMark bad = m;
    bad.uscc = "92110115MA0000000X";
    assert_int_equal(storeWorkMarkSet(s, &bad, &before), GH_EINVAL);
    /* worklists: the run's growth businesses, never ineligible ones */
    storeWorkQuery q = {.run_id = run2, .measure = "A2(二)1", .department = "区人力资源社会保障局", .type = TYPE_GROWTH,
                        .category = -1, .on = on, .status = -1, .sort = "uscc", .limit = 50};
    workSeen ws = {0};
    assert_int_equal(storeEachWork(s, &q, seeWork, &ws), 0);
    assert_int_equal(ws.n, 2);
    assert_int_equal(ws.served, 1);
    assert_string_equal(ws.first, u[0]);
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 2);
    q.status = MWORK_SERVED;
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 1);
    q.status = MWORK_PENDING;
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 1);
    q.status = -1, q.town = "榆垡镇";
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 0);
    q.town = "黄村镇", q.section = "H";
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 2);
    q.section = "A";
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 0);
    q.section = NULL, q.offset = 1, q.sort = "name";
    workSeen ws2 = {0};
    assert_int_equal(storeEachWork(s, &q, seeWork, &ws2), 0);
    assert_int_equal(ws2.n, 1);
    /* a category measure: its holders only */
    storeWorkQuery cq = {.run_id = run2, .measure = "A4(一)1", .department = "区文化和旅游局", .type = -1,
                         .category = CAT_FAMOUS, .on = on, .status = -1, .sort = "town", .limit = 50};
    workSeen wc = {0};
    assert_int_equal(storeEachWork(s, &cq, seeWork, &wc), 0);
    assert_int_equal(wc.n, 1);
    assert_string_equal(wc.first, u[1]);
    assert_int_equal(wc.held_or, 1u << CAT_FAMOUS);
    /* coverage groups */
    int64_t groups[64] = {0}, served = 0;
    assert_int_equal(storeEachEntitledGroup(s, run2, on, sumEntitled, groups), 0);
    assert_int_equal(groups[TYPE_GROWTH * 16 + 0], 1);
    assert_int_equal(groups[TYPE_GROWTH * 16 + (1u << CAT_FAMOUS)], 1);
    assert_int_equal(groups[TYPE_INELIGIBLE * 16 + 0], 1);
    assert_int_equal(storeEachServedGroup(s, run2, on, sumServed, &served), 0);
    assert_int_equal(served, 1);
    closeStore(s);
}

/* ---- objections to a typing result (issue 10) ---- */
static int countTObj(void *ctx, const storeTypingObjection *o) {
    (void)o;
    ++*(int *)ctx;
    return 0;
}
static int seeOFile(void *ctx, const storeObjectionFile *f) {
    assert_null(f->bytes); /* listings carry no bytes */
    *(size_t *)ctx += f->size;
    return 0;
}
static int seeCorrection(void *ctx, const storeCorrection *c) {
    assert_string_equal(c->field, "tax_paid");
    assert_string_equal(c->old_value, "1000.00");
    assert_int_equal(c->year, 2049);
    ++*(int *)ctx;
    return 0;
}
typedef struct seenResult { bizType type; bool corrected; int64_t objection; char reasons[16]; } seenResult;
static int seeCorrected(void *ctx, const storeResult *r) {
    seenResult *x = ctx;
    x->type = r->type, x->corrected = r->corrected, x->objection = r->objection_id;
    snprintf(x->reasons, sizeof x->reasons, "%.*s", (int)r->reasons_len, r->reasons);
    return 0;
}
static int countGrowthOf(void *ctx, const char *key, bizType t, int64_t n) {
    (void)key;
    if (t == TYPE_GROWTH) *(int64_t *)ctx += n;
    return 0;
}

static int countGrowthTo(void *ctx, int from, int to, int64_t n) {
    if (from == TYPE_GROWTH && to == TYPE_GROWTH) *(int64_t *)ctx += n;
    return 0;
}

static void test_typing_objections(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 960, 2, "北京市大兴区异议商店");
    char u[2][USCC_LEN + 1];
    code(u[0], 960);
    code(u[1], 961);
    const storeRun info = {.year = 2050, .params_json = "{}", .params_sha256 = "0", .program_version = "t",
                           .actor = "contract"};
    int64_t run, id, id2, fid, cid;
    const int64_t by[4] = {1, 0, 0, 0};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &run), 0);
    assert_int_equal(storeResultAdd(s, run, u[0], TYPE_SURVIVAL, "[0]", 3), 0);
    assert_int_equal(storeRunFinish(s, run, 1, by), 0);
    assert_int_equal(storeCommit(s), 0);
    const civilDate on = dateFromYmd(2050, 9, 1);
    storeTypingObjection o = {.uscc = u[0], .year = 2050, .run_id = run, .code = "MISSED.GROWTH.B", .kind = "tax",
                              .statement = "税款漏记", .filed_by = "owner", .filed_at = "2050-09-01T00:00:00Z",
                              .filed_on = on, .reply_due = on + 30, .status = TOBJ_FILED};
    assert_int_equal(storeTypingObjectionAdd(s, &o, &id), 0);
    storeTypingObjection bad = o;
    bad.run_id = run + 1000;
    assert_int_equal(storeTypingObjectionAdd(s, &bad, &id2), GH_EINVAL); /* no such run */
    o.uscc = u[1], o.filed_on = on + 20, o.reply_due = on + 50;
    assert_int_equal(storeTypingObjectionAdd(s, &o, &id2), 0);
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection got;
    assert_int_equal(storeTypingObjectionGet(s, id, &ar, &got), 0);
    storeIdle(s);
    assert_string_equal(got.uscc, u[0]);
    assert_string_equal(got.name, "北京市大兴区异议商店");
    assert_int_equal(got.status, TOBJ_FILED);
    assert_int_equal(got.reply_due, on + 30);
    assert_null(got.department);
    assert_int_equal(storeTypingObjectionGet(s, id + id2 + 100, &ar, &got), GH_ENOTFOUND);
    /* verifying, then a stale update is refused */
    got.status = TOBJ_VERIFYING, got.department = "区税务局", got.verify_due = on + 10;
    assert_int_equal(storeTypingObjectionUpdate(s, &got, TOBJ_FILED), 0);
    assert_int_equal(storeTypingObjectionUpdate(s, &got, TOBJ_FILED), GH_ERANGE);
    got.id = id + id2 + 100;
    assert_int_equal(storeTypingObjectionUpdate(s, &got, TOBJ_FILED), GH_ENOTFOUND);
    /* filters: department, status, overdue, paging with the total */
    int n = 0;
    int64_t total = 0;
    storeTObjFilter f = {.department = "区税务局", .overdue_at = DATE_NONE};
    assert_int_equal(storeEachTypingObjection(s, &f, countTObj, &n, &total), 0);
    assert_int_equal(n, 1);
    n = 0;
    f = (storeTObjFilter){.overdue_at = on + 31};
    assert_int_equal(storeEachTypingObjection(s, &f, countTObj, &n, &total), 0);
    assert_int_equal(n, 1);
    n = 0;
    f = (storeTObjFilter){.uscc = u[1], .statuses = 1u << TOBJ_FILED, .overdue_at = DATE_NONE};
    assert_int_equal(storeEachTypingObjection(s, &f, countTObj, &n, NULL), 0);
    assert_int_equal(n, 1);
    n = 0;
    f = (storeTObjFilter){.overdue_at = DATE_NONE, .limit = 1, .offset = 1};
    assert_int_equal(storeEachTypingObjection(s, &f, countTObj, &n, &total), 0);
    assert_int_equal(n, 1);
    assert_true(total >= 2);
    /* evidence: bytes back byte for byte, none in listings */
    static const unsigned char pdf[] = "%PDF-1.4 x";
    const storeObjectionFile file = {.objection_id = id, .name = "a.pdf", .content_type = "application/pdf",
                                     .sha256 = "0", .added_by = "owner", .added_at = "2042-09-03T00:00:00Z", .bytes = pdf,
                                     .size = sizeof pdf - 1};
    assert_int_equal(storeObjectionFileAdd(s, &file, &fid), 0);
    storeObjectionFile back;
    assert_int_equal(storeObjectionFileGet(s, fid, &ar, &back), 0);
    assert_memory_equal(back.bytes, pdf, sizeof pdf - 1);
    assert_int_equal(storeObjectionFileGet(s, fid + 1000, &ar, &back), GH_ENOTFOUND);
    size_t bytes = 0;
    assert_int_equal(storeEachObjectionFile(s, id, seeOFile, &bytes), 0);
    assert_int_equal(bytes, sizeof pdf - 1);
    /* the correction and the corrected result: readers see it, the run's own stays */
    const storeCorrection c = {.objection_id = id, .uscc = u[0], .kind = "tax", .field = "tax_paid", .year = 2049,
                               .old_value = "1000.00", .new_value = "5000", .by = "clerk", .at = "2042-09-03T00:00:00Z"};
    assert_int_equal(storeCorrectionAdd(s, &c, &cid), 0);
    n = 0;
    assert_int_equal(storeEachCorrection(s, u[0], seeCorrection, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(storeResultCorrect(s, run, u[1], TYPE_GROWTH, "[2]", 3, id2), GH_ENOTFOUND); /* no result */
    seenResult x = {0};
    assert_int_equal(storeEachResult(s, run, seeCorrected, &x), 0);
    assert_false(x.corrected);
    assert_int_equal(storeResultCorrect(s, run, u[0], TYPE_GROWTH, "[1]", 3, id), 0);
    assert_int_equal(storeEachResultOf(s, u[0], seeCorrected, &x), 0);
    assert_int_equal(x.type, TYPE_GROWTH);
    assert_true(x.corrected);
    assert_int_equal(x.objection, id);
    assert_string_equal(x.reasons, "[1]");
    int64_t growth = 0;
    assert_int_equal(storeCountBy(s, run, NULL, countGrowthOf, &growth), 0);
    assert_int_equal(growth, 1);
    int64_t moved = 0; /* the transitions read the corrected type too */
    assert_int_equal(storeTransitions(s, run, run, countGrowthTo, &moved), 0);
    assert_int_equal(moved, 1);
    arenaFree(&ar);
    closeStore(s);
}

/* ---- the bank channel (issue 10 §5) ---- */

typedef struct bankSeen { int n; char uscc[4][USCC_LEN + 1]; unsigned scopes[4]; bool withdrawn[4]; } bankSeen;

static int seeBankConsent(void *ctx, const storeBankConsent *c) {
    bankSeen *b = ctx;
    if (b->n < 4) {
        snprintf(b->uscc[b->n], USCC_LEN + 1, "%s", c->uscc);
        b->scopes[b->n] = c->scopes;
        b->withdrawn[b->n] = c->withdrawn_at != NULL;
        assert_non_null(c->name); /* read from the directory */
    }
    b->n++;
    return 0;
}

static int seeBankAccess(void *ctx, const storeBankAccess *a) {
    bankSeen *b = ctx;
    if (b->n < 4) {
        snprintf(b->uscc[b->n], USCC_LEN + 1, "%s", a->what);
        b->scopes[b->n] = a->scopes;
    }
    b->n++;
    return 0;
}

static int seeBankRow(void *ctx, const storeBankRow *r) {
    bankSeen *b = ctx;
    if (b->n < 4) snprintf(b->uscc[b->n], USCC_LEN + 1, "%s", r->uscc), b->scopes[b->n] = r->scopes;
    assert_string_equal(r->name, "合同银行户");
    assert_int_equal(r->year, 0);            /* no published result */
    assert_false(r->has_category);
    assert_int_equal(r->report_year, 0);     /* no figures registered */
    b->n++;
    return 0;
}

static int seeBank(void *ctx, const char *bank) {
    bankSeen *b = ctx;
    if (!strcmp(bank, "合同测试银行甲支行") || !strcmp(bank, "合同测试银行乙支行")) b->n++;
    if (!strcmp(bank, "合同测试银行停用")) b->withdrawn[0] = true;
    return 0;
}

static void test_bank_channel(void **state) {
    (void)state;
    store *s = openStore();
    char u1[USCC_LEN + 1], u2[USCC_LEN + 1], u3[USCC_LEN + 1];
    code(u1, 8810);
    code(u2, 8811);
    code(u3, 8812);
    registerSome(s, 8810, 2, "合同银行户");
    const char *A = "合同测试银行甲支行", *B = "合同测试银行乙支行";
    /* banks known: the distinct banks of enabled bank accounts */
    int64_t acc;
    const storeAccount ba = {.username = "contract-bank-a", .role = "bank", .department = A, .password_hash = "h"};
    const storeAccount ba2 = {.username = "contract-bank-a2", .role = "bank", .department = A, .password_hash = "h"};
    const storeAccount bb = {.username = "contract-bank-b", .role = "bank", .department = B, .password_hash = "h"};
    const storeAccount bx = {.username = "contract-bank-x", .role = "bank", .department = "合同测试银行停用",
                             .password_hash = "h"};
    assert_int_equal(storeAccountAdd(s, &ba, &acc), 0);
    assert_int_equal(storeAccountAdd(s, &ba2, &acc), 0);
    assert_int_equal(storeAccountAdd(s, &bb, &acc), 0);
    assert_int_equal(storeAccountAdd(s, &bx, &acc), 0);
    assert_int_equal(storeAccountSetDisabled(s, acc, true), 0);
    bankSeen banks = {0};
    assert_int_equal(storeEachBank(s, seeBank, &banks), 0);
    assert_int_equal(banks.n, 2); /* A once (two accounts), B once */
    assert_false(banks.withdrawn[0]);                        /* a disabled bank's only account: not offered */
    /* consents: overlapping the same bank refused; another bank or a later span is fine */
    const civilDate d1 = dateFromYmd(2040, 1, 1), d2 = dateFromYmd(2040, 6, 30), d3 = dateFromYmd(2040, 12, 31);
    storeBankConsent c = {.uscc = u1, .bank = A, .from = d1, .to = d2, .scopes = 3, .granted_by = "owner",
                          .granted_at = "2040-01-01T09:00:00Z"};
    int64_t id1, id2, id3, idx;
    assert_int_equal(storeBankConsentAdd(s, &c, &id1), 0);
    assert_int_equal(storeBankConsentAdd(s, &c, &idx), GH_EINVAL);
    c.from = dateFromYmd(2040, 7, 1), c.to = d3, c.scopes = 1;
    assert_int_equal(storeBankConsentAdd(s, &c, &id2), 0);
    c.bank = B, c.from = d1, c.scopes = 7;
    assert_int_equal(storeBankConsentAdd(s, &c, &id3), 0);
    c.uscc = u3; /* not in the directory */
    assert_int_equal(storeBankConsentAdd(s, &c, &idx), GH_EINVAL);
    c.uscc = u2, c.bank = A, c.from = d2, c.to = d1; /* ends before it starts */
    assert_int_equal(storeBankConsentAdd(s, &c, &idx), GH_EINVAL);
    c.from = d1, c.to = d3, c.scopes = 0;
    assert_int_equal(storeBankConsentAdd(s, &c, &idx), 0);
    /* in force on a day, per bank, by USCC, paged by the last USCC */
    bankSeen v = {0};
    const storeBankConsentFilter fa = {.bank = A, .valid_on = dateFromYmd(2040, 3, 1)};
    assert_int_equal(storeEachBankConsent(s, &fa, seeBankConsent, &v), 0);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.uscc[0], u1);
    assert_int_equal(v.scopes[0], 3);
    assert_string_equal(v.uscc[1], u2);
    bankSeen page = {0};
    const storeBankConsentFilter fp = {.bank = A, .valid_on = dateFromYmd(2040, 3, 1), .after = u1, .limit = 1};
    assert_int_equal(storeEachBankConsent(s, &fp, seeBankConsent, &page), 0);
    assert_int_equal(page.n, 1);
    assert_string_equal(page.uscc[0], u2);
    bankSeen later = {0}, before = {0};
    const storeBankConsentFilter fl = {.bank = A, .valid_on = dateFromYmd(2040, 8, 1), .limit = 1};
    assert_int_equal(storeEachBankConsent(s, &fl, seeBankConsent, &later), 0);
    assert_int_equal(later.n, 1);
    assert_int_equal(later.scopes[0], 1); /* the second span's scopes */
    const storeBankConsentFilter fb = {.bank = A, .valid_on = dateFromYmd(2039, 12, 31)};
    assert_int_equal(storeEachBankConsent(s, &fb, seeBankConsent, &before), 0);
    assert_int_equal(before.n, 0);
    const storeBankConsentFilter bad = {.bank = A, .valid_on = DATE_NONE};
    assert_int_equal(storeEachBankConsent(s, &bad, seeBankConsent, &before), GH_EINVAL);
    /* withdrawal: at once, only the business's own, only once */
    assert_int_equal(storeBankConsentWithdraw(s, id1, u2, "x", "t"), GH_ENOTFOUND);
    assert_int_equal(storeBankConsentWithdraw(s, id1, u1, "owner", "2040-02-01T10:00:00Z"), 0);
    assert_int_equal(storeBankConsentWithdraw(s, id1, u1, "owner", "t"), GH_ENOTFOUND);
    bankSeen after = {0};
    assert_int_equal(storeEachBankConsent(s, &fa, seeBankConsent, &after), 0);
    assert_int_equal(after.n, 1);
    assert_string_equal(after.uscc[0], u2);
    bankSeen mine = {0};
    const storeBankConsentFilter fu = {.uscc = u1};
    assert_int_equal(storeEachBankConsent(s, &fu, seeBankConsent, &mine), 0);
    assert_int_equal(mine.n, 3); /* newest first: B's, A's second span, the withdrawn one */
    assert_int_equal(mine.scopes[0], 7);
    assert_true(mine.withdrawn[2]);
    c.uscc = u1, c.bank = A, c.from = d1, c.to = d2; /* the withdrawn span no longer blocks */
    assert_int_equal(storeBankConsentAdd(s, &c, &idx), 0);
    /* accesses, newest first (at: UTC instants, as the app writes them; PostgreSQL stores timestamptz) */
    const storeBankAccess a1 = {.uscc = u1, .bank = A, .account = "contract-bank-a", .at = "2040-03-01T09:00:00Z", .what = "list",
                                .scopes = 1};
    const storeBankAccess a2 = {.uscc = u1, .bank = A, .account = "contract-bank-a", .at = "2040-03-01T09:00:01Z", .what = "lookup",
                                .scopes = 3};
    const storeBankAccess a3 = {.uscc = u3, .bank = A, .account = "contract-bank-a", .at = "2040-03-01T09:00:02Z", .what = "lookup"};
    const storeBankAccess both[2] = {a1, a2}, orphan[2] = {a1, a3};
    assert_int_equal(storeBankAccessAdd(s, both, 2), 0);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeBankAccessAdd(s, orphan, 2), GH_EINVAL); /* no such business: the caller rolls back */
    assert_int_equal(storeRollback(s), 0);
    /* the bank's table in one pass: the consents in force that day, by USCC */
    bankSeen rows = {0}, none = {0};
    assert_int_equal(storeEachBankRow(s, A, dateFromYmd(2040, 3, 1), seeBankRow, &rows), 0);
    assert_int_equal(rows.n, 2);
    assert_string_equal(rows.uscc[0], u1);
    assert_int_equal(rows.scopes[0], 0); /* the span granted again, with no scope */
    assert_string_equal(rows.uscc[1], u2);
    assert_int_equal(storeEachBankRow(s, A, dateFromYmd(2041, 1, 1), seeBankRow, &none), 0);
    assert_int_equal(none.n, 0);
    bankSeen acc1 = {0}, acc2 = {0};
    assert_int_equal(storeEachBankAccess(s, u1, 0, seeBankAccess, &acc1), 0);
    assert_int_equal(acc1.n, 2);
    assert_string_equal(acc1.uscc[0], "lookup");
    assert_int_equal(acc1.scopes[0], 3);
    assert_int_equal(storeEachBankAccess(s, u1, 1, seeBankAccess, &acc2), 0);
    assert_int_equal(acc2.n, 1);
    closeStore(s);
}

/* ---- results as facts, rendered on read (issue 12 §1) ---- */
typedef struct factsSeen { int n; char reasons[3][2048]; } factsSeen;

static int seeFacts(void *ctx, const storeResult *r) {
    factsSeen *w = ctx;
    if (w->n < 3) snprintf(w->reasons[w->n], sizeof w->reasons[0], "%.*s", (int)r->reasons_len, r->reasons);
    w->n++;
    return 0;
}

typedef struct factsOnlySeen { int n, with_facts, renderer, first_n; char reasons[256]; } factsOnlySeen;

static int seeFactsOnly(void *ctx, const storeResult *r) {
    factsOnlySeen *w = ctx;
    if (r->facts) {
        assert_null(r->reasons);
        assert_int_equal(r->reasons_len, 0);
        if (!w->with_facts++) w->first_n = (int)r->facts->n, w->renderer = r->renderer;
    } else {
        snprintf(w->reasons, sizeof w->reasons, "%.*s", (int)r->reasons_len, r->reasons);
    }
    w->n++;
    return 0;
}

static int seeMoverFacts(void *ctx, const storeMover *m) {
    factsSeen *w = ctx;
    if (w->n < 3) snprintf(w->reasons[w->n], sizeof w->reasons[0], "%.*s", (int)m->reasons_len, m->reasons);
    w->n++;
    return 0;
}

/* A survival result with two reasons, its facts text (test renderer version) and the
 * JSON that text must read back as; the caller frees both buffers. */
static void twoReasons(typingResult *r, sbuf *facts, sbuf *want) {
    *r = (typingResult){.type = TYPE_SURVIVAL, .n = 2};
    r->reasons[0] = (typingReason){.code = REASON_SURVIVAL_DEFAULT, .year = 2024, .date = DATE_NONE, .date2 = DATE_NONE};
    r->reasons[1] = (typingReason){.code = REASON_MISSED_GROWTH_A, .year = 2024, .has_value = true, .value = 100,
                                   .threshold = 30000000, .date = DATE_NONE, .date2 = DATE_NONE};
    sbufInit(facts), sbufInit(want);
    resultFactsEncode(facts, RENDER_TEST, r);
    renderReasonsJson(want, RENDER_TEST, r);
}

/* A run records its renderer version; a result stored as facts is read rendered in
 * the version it names, one stored as a JSON array (a run from before) as it is; a
 * facts text that does not parse stops the read, naming the business. */
static void test_result_facts(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 720, 2, "北京市大兴区事实商店");
    char u[2][USCC_LEN + 1];
    for (int i = 0; i < 2; i++) code(u[i], 720 + i);
    static const char old[] = "[{\"code\":\"OLD\",\"article\":\"A\",\"text\":\"旧句子\"}]";
    typingResult r;
    sbuf facts, want;
    twoReasons(&r, &facts, &want);
    storeRun info = {.year = 2034, .params_json = "{}", .params_sha256 = "x", .program_version = "t", .actor = "c"};
    const int64_t by[4] = {1, 0, 0, 0};
    int64_t before, after;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &before), 0); /* renderer 0: stored as sentences */
    assert_int_equal(storeResultAdd(s, before, u[0], TYPE_SURVIVAL, old, sizeof old - 1), 0);
    assert_int_equal(storeRunFinish(s, before, 1, by), 0);
    info.renderer = RENDER_TEST;
    assert_int_equal(storeRunCreate(s, &info, &after), 0);
    assert_int_equal(storeResultAdd(s, after, u[0], TYPE_GROWTH, facts.data, facts.len), 0);
    assert_int_equal(storeResultAdd(s, after, u[1], TYPE_SURVIVAL, facts.data, facts.len), 0);
    assert_int_equal(storeRunFinish(s, after, 2, by), 0);
    assert_int_equal(storeCommit(s), 0);
    arena a;
    arenaInit(&a, 1024, 0);
    storeRun got;
    assert_int_equal(storeRunGet(s, before, &a, &got), 0);
    assert_int_equal(got.renderer, RENDER_LEGACY);
    assert_int_equal(storeRunGet(s, after, &a, &got), 0);
    assert_int_equal(got.renderer, RENDER_TEST);
    factsSeen w = {0};
    assert_int_equal(storeEachResult(s, before, seeFacts, &w), 0);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.reasons[0], old);
    w.n = 0;
    assert_int_equal(storeEachResult(s, after, seeFacts, &w), 0);
    assert_int_equal(w.n, 2);
    assert_string_equal(w.reasons[0], want.data);
    assert_string_equal(w.reasons[1], want.data);
    /* the facts-only reader (decision 291): facts decoded, no JSON; the run from
     * before still as its sentences */
    factsOnlySeen fo = {0};
    assert_int_equal(storeEachResultFacts(s, after, seeFactsOnly, &fo), 0);
    assert_int_equal(fo.n, 2);
    assert_int_equal(fo.with_facts, 2);
    assert_int_equal(fo.renderer, RENDER_TEST);
    assert_int_equal(fo.first_n, 2); /* the two reasons the facts were made of */
    memset(&fo, 0, sizeof fo);
    assert_int_equal(storeEachResultFacts(s, before, seeFactsOnly, &fo), 0);
    assert_int_equal(fo.n, 1);
    assert_int_equal(fo.with_facts, 0);
    assert_string_equal(fo.reasons, old);
    w.n = 0; /* newest first: the facts run, then the one from before */
    assert_int_equal(storeEachResultOf(s, u[0], seeFacts, &w), 0);
    assert_int_equal(w.n, 2);
    assert_string_equal(w.reasons[0], want.data);
    assert_string_equal(w.reasons[1], old);
    w.n = 0;
    const storeMoverQuery q = {.from_run = before, .to_run = after, .from_type = STORE_TYPE_ANY,
                               .to_type = STORE_TYPE_ANY};
    assert_int_equal(storeEachMover(s, &q, seeMoverFacts, &w), 0);
    assert_int_equal(w.n, 2);
    assert_string_equal(w.reasons[0], want.data);
    /* damaged facts: the read stops and says whose */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeResultAdd(s, after + 0, "92110115MA00ZZZZZZ", TYPE_SURVIVAL, "1|Z", 3), 0);
    assert_int_equal(storeCommit(s), 0);
    w.n = 0;
    assert_int_equal(storeEachResult(s, after, seeFacts, &w), GH_EINVAL);
    assert_non_null(strstr(storeError(s), "92110115MA00ZZZZZZ"));
    arenaFree(&a);
    sbufFree(&facts), sbufFree(&want);
    closeStore(s);
}

/* ---- the public look-up's published results (issue 12 §2, decision 274) ---- */

typedef struct pubSeen {
    int n;
    int year[4];
    int64_t run[4];
    bool published[4], facts[4];
    char reasons[4][2048];
} pubSeen;

static int seePublished(void *ctx, const storeResult *r) {
    pubSeen *w = ctx;
    if (w->n < 4) {
        w->year[w->n] = r->year, w->run[w->n] = r->run_id, w->published[w->n] = r->published;
        w->facts[w->n] = r->facts != NULL && r->facts->n == 2;
        snprintf(w->reasons[w->n], sizeof w->reasons[0], "%s", r->reasons ? r->reasons : "(null)");
        assert_int_equal(r->reasons_len, r->reasons ? strlen(r->reasons) : 0);
    }
    w->n++;
    return 0;
}

/* storeEachResultOf's results kept when published: what storeEachPublishedOf must give. */
static int seePublishedOnly(void *ctx, const storeResult *r) { return r->published ? seePublished(ctx, r) : 0; }

/* Several years, an unpublished run after the published one of its year and a year
 * with no publication: one result per published year, newest first, the same as
 * storeEachResultOf filtered on published; without sentences a facts result comes
 * as its facts, one stored as sentences as it is. */
static void test_published_of(void **state) {
    (void)state;
    store *s = openStore();
    registerSome(s, 740, 3, "北京市大兴区公布商店");
    char u[3][USCC_LEN + 1];
    for (int i = 0; i < 3; i++) code(u[i], 740 + i);
    static const char old[] = "[{\"code\":\"OLD\",\"article\":\"A\",\"text\":\"旧句子\"}]";
    typingResult r;
    sbuf facts, want;
    twoReasons(&r, &facts, &want);
    storeRun info = {.year = 2051, .params_json = "{}", .params_sha256 = "x", .program_version = "t", .actor = "c"};
    const int64_t by[4] = {1, 0, 0, 0};
    int64_t old_run, new_run, later, none;
    int py;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &old_run), 0); /* 2051, as sentences, published */
    assert_int_equal(storeResultAdd(s, old_run, u[0], TYPE_SURVIVAL, old, sizeof old - 1), 0);
    assert_int_equal(storeRunFinish(s, old_run, 1, by), 0);
    assert_int_equal(storePublish(s, old_run, "c", &py), 0);
    info.year = 2052, info.renderer = RENDER_TEST;
    assert_int_equal(storeRunCreate(s, &info, &new_run), 0); /* 2052, facts, published */
    assert_int_equal(storeResultAdd(s, new_run, u[0], TYPE_GROWTH, facts.data, facts.len), 0);
    assert_int_equal(storeResultAdd(s, new_run, u[1], TYPE_SURVIVAL, facts.data, facts.len), 0);
    assert_int_equal(storeRunFinish(s, new_run, 2, by), 0);
    assert_int_equal(storePublish(s, new_run, "c", &py), 0);
    assert_int_equal(storeRunCreate(s, &info, &later), 0); /* 2052 again, not published */
    assert_int_equal(storeResultAdd(s, later, u[0], TYPE_DEVELOPMENT, facts.data, facts.len), 0);
    assert_int_equal(storeRunFinish(s, later, 1, by), 0);
    info.year = 2053;
    assert_int_equal(storeRunCreate(s, &info, &none), 0); /* 2053: nothing published */
    assert_int_equal(storeResultAdd(s, none, u[0], TYPE_GROWTH, facts.data, facts.len), 0);
    assert_int_equal(storeRunFinish(s, none, 1, by), 0);
    assert_int_equal(storeCommit(s), 0);
    pubSeen got = {0}, ref = {0};
    assert_int_equal(storeEachPublishedOf(s, u[0], true, seePublished, &got), 0);
    assert_int_equal(storeEachResultOf(s, u[0], seePublishedOnly, &ref), 0);
    assert_int_equal(got.n, 2);
    assert_int_equal(ref.n, 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(got.year[i], ref.year[i]);
        assert_int_equal(got.run[i], ref.run[i]);
        assert_true(got.published[i]);
        assert_string_equal(got.reasons[i], ref.reasons[i]);
    }
    assert_int_equal(got.year[0], 2052);
    assert_int_equal(got.run[0], new_run);
    assert_string_equal(got.reasons[0], want.data);
    assert_true(got.facts[0]);
    assert_int_equal(got.run[1], old_run);
    assert_string_equal(got.reasons[1], old);
    assert_false(got.facts[1]);
    pubSeen bare = {0}; /* without sentences: facts only, the old text as it is */
    assert_int_equal(storeEachPublishedOf(s, u[0], false, seePublished, &bare), 0);
    assert_int_equal(bare.n, 2);
    assert_string_equal(bare.reasons[0], "(null)");
    assert_true(bare.facts[0]);
    assert_string_equal(bare.reasons[1], old);
    pubSeen one = {0}, nothing = {0};
    assert_int_equal(storeEachPublishedOf(s, u[1], true, seePublished, &one), 0);
    assert_int_equal(one.n, 1);
    assert_int_equal(one.run[0], new_run);
    assert_int_equal(storeEachPublishedOf(s, u[2], true, seePublished, &nothing), 0);
    assert_int_equal(nothing.n, 0);
    sbufFree(&facts), sbufFree(&want);
    closeStore(s);
}

/* ---- several serve processes on one store (issue 12 §3) ---- */

/* The sign-in limits' slots: read, written in a transaction only, forgotten by age;
 * keys are 64-bit hashes (the high bit included). */
static void test_throttle(void **state) {
    (void)state;
    store *s = openStore();
    const int kind = 9001; /* a kind no server uses: the test may share a store */
    const uint64_t key = 0xF00DFACE12345678ull, other = 42;
    storeThrottle t = {0, 0};
    int64_t removed = -1;
    assert_int_equal(storeThrottleForget(s, kind, 1e12, &removed), 0); /* a clean slate for this kind */
    assert_int_equal(storeThrottleGet(s, kind, key, &t), GH_ENOTFOUND);
    const storeThrottle a = {2.5, 1700000000.25}, b = {0.5, 1700000100.5};
    assert_int_equal(storeThrottlePut(s, kind, key, &a), GH_EINVAL); /* outside a transaction */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeThrottlePut(s, kind, key, &a), 0);
    assert_int_equal(storeThrottlePut(s, kind, other, &b), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_int_equal(storeThrottleGet(s, kind, key, &t), 0);
    assert_true(t.level == a.level && t.last == a.last);
    assert_int_equal(storeThrottleGet(s, kind + 1, key, &t), GH_ENOTFOUND); /* kinds apart */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeThrottlePut(s, kind, key, &b), 0); /* a second write replaces */
    assert_int_equal(storeRollback(s), 0);
    assert_int_equal(storeThrottleGet(s, kind, key, &t), 0);
    assert_true(t.level == a.level); /* … only once committed */
    assert_int_equal(storeThrottleForget(s, kind, 1700000050.0, &removed), 0);
    assert_int_equal(removed, 1);
    assert_int_equal(storeThrottleGet(s, kind, key, &t), GH_ENOTFOUND);
    assert_int_equal(storeThrottleGet(s, kind, other, &t), 0);
    assert_true(t.level == b.level && t.last == b.last);
    assert_int_equal(storeThrottleForget(s, kind, 1e12, &removed), 0);
    assert_int_equal(removed, 1);
    closeStore(s);
}

/* A job started by a child process that ends without finishing it reads
 * "interrupted" and no longer holds the kind: *id is its id. */
static void jobLeftByDeadProcess(const char *location, const char *kind, int64_t *id) {
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    const pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        store *c;
        char err[600];
        int64_t got = 0;
        const storeJob j = {.kind = kind, .year = 2025, .total = 3, .actor = "contract-child"};
        if (!storeOpen(&c, location, 0, err, sizeof err) && !storeBegin(c) && !storeJobStart(c, &j, &got) &&
            !storeCommit(c))
            (void)!write(fd[1], &got, sizeof got);
        _exit(0); /* never finishes it */
    }
    close(fd[1]);
    *id = 0;
    assert_int_equal(read(fd[0], id, sizeof *id), (ssize_t)sizeof *id);
    close(fd[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
}

/* Background jobs: one running per kind across connections (and processes),
 * progress without a transaction, the end recorded once, read by any connection. */
static void test_jobs(void **state) {
    (void)state;
    store *s = openStore(), *t;
    const char *location = curLoc;
    char err[600];
    if (storeOpen(&t, location, 0, err, sizeof err)) fail_msg("open a second handle: %s", err);
    const char *kind = "contract-run";
    int64_t id = 0, other = 0, running = 0;
    arena a;
    arenaInit(&a, 1024, 0);
    storeJob got;
    assert_int_equal(storeJobRunning(s, kind, &running), GH_ENOTFOUND);
    const storeJob want = {.kind = kind, .year = 2031, .total = 120, .actor = "contract"};
    assert_int_equal(storeJobStart(s, &want, &id), GH_EINVAL); /* outside a transaction */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeJobStart(s, &want, &id), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_true(id > 0);
    assert_int_equal(storeJobRunning(t, kind, &running), 0); /* seen by another connection */
    assert_int_equal(running, id);
    assert_int_equal(storeBegin(t), 0); /* and a second start through it is refused, naming the first */
    assert_int_equal(storeJobStart(t, &want, &other), GH_EREFUSED);
    assert_int_equal(other, id);
    assert_int_equal(storeRollback(t), 0);
    assert_int_equal(storeJobGet(t, id, &a, &got), 0);
    assert_string_equal(got.status, "running");
    assert_string_equal(got.kind, kind);
    assert_string_equal(got.actor, "contract");
    assert_int_equal(got.year, 2031);
    assert_int_equal(got.total, 120);
    assert_int_equal(got.done, 0);
    assert_null(got.finished_at);
    assert_non_null(got.started_at);
    assert_non_null(got.owner);
    /* progress, outside a transaction, seen by the other connection */
    assert_int_equal(storeJobProgress(s, id, 64), 0);
    assert_int_equal(storeJobGet(t, id, &a, &got), 0);
    assert_int_equal(got.done, 64);
    /* while another connection holds the writers' lock, progress lands or is refused at once: never an error */
    assert_int_equal(storeBegin(t), 0);
    const int prc = storeJobProgress(s, id, 96);
    assert_true(prc == 0 || prc == GH_EBUSY);
    assert_int_equal(storeRollback(t), 0);
    /* the end: once */
    const storeJob end = {.id = id, .status = "done", .done = 120, .run_id = 0, .error = NULL};
    assert_int_equal(storeJobFinish(s, &end), 0);
    assert_int_equal(storeJobFinish(s, &end), GH_ENOTFOUND);
    assert_int_equal(storeJobProgress(s, id, 1), 0); /* a late progress changes nothing */
    assert_int_equal(storeJobGet(t, id, &a, &got), 0);
    assert_string_equal(got.status, "done");
    assert_int_equal(got.done, 120);
    assert_non_null(got.finished_at);
    assert_null(got.error);
    assert_int_equal(storeJobRunning(t, kind, &running), GH_ENOTFOUND);
    /* a failed job keeps its error; the next one may start */
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeJobStart(s, &want, &other), 0);
    assert_int_equal(storeCommit(s), 0);
    assert_true(other > id);
    const storeJob failed = {.id = other, .status = "failed", .done = 7, .error = "数据库忙 (busy)"};
    assert_int_equal(storeJobFinish(t, &failed), 0);
    assert_int_equal(storeJobGet(s, other, &a, &got), 0);
    assert_string_equal(got.status, "failed");
    assert_string_equal(got.error, "数据库忙 (busy)");
    assert_int_equal(storeJobGet(s, other + 1000, &a, &got), GH_ENOTFOUND);
    /* a job whose process is gone: interrupted, and it holds nothing */
    int64_t dead;
    jobLeftByDeadProcess(location, kind, &dead);
    assert_true(dead > other);
    /* (a server-side backend may notice its client's end a moment later: wait for it, boundedly) */
    for (int i = 0; i < 200 && !storeJobGet(s, dead, &a, &got) && strcmp(got.status, "interrupted"); i++)
        nanosleep(&(struct timespec){0, 25 * 1000 * 1000}, NULL);
    assert_int_equal(storeJobGet(s, dead, &a, &got), 0);
    assert_string_equal(got.status, "interrupted");
    assert_int_equal(storeJobRunning(s, kind, &running), GH_ENOTFOUND);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeJobStart(s, &want, &id), 0);
    assert_int_equal(storeCommit(s), 0);
    const storeJob last = {.id = id, .status = "done"};
    assert_int_equal(storeJobFinish(s, &last), 0);
    arenaFree(&a);
    storeClose(t);
    closeStore(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_version_check), cmocka_unit_test(test_open_modes),
        cmocka_unit_test(test_transactions),       cmocka_unit_test(test_stage_prune),
        cmocka_unit_test(test_stage_checks),       cmocka_unit_test(test_import_history_paths),
        cmocka_unit_test(test_stage_walks),       cmocka_unit_test(test_stage_targets),
        cmocka_unit_test(test_dossiers),           cmocka_unit_test(test_find),           cmocka_unit_test(test_search),
        cmocka_unit_test(test_runs_results),       cmocka_unit_test(test_results_many), cmocka_unit_test(test_results_joined),
        cmocka_unit_test(test_accounts),
        cmocka_unit_test(test_sessions_and_codes), cmocka_unit_test(test_audit),
        cmocka_unit_test(test_error_record),       cmocka_unit_test(test_busy),
        cmocka_unit_test(test_round_apps),         cmocka_unit_test(test_round_records),
        cmocka_unit_test(test_round_recognitions), cmocka_unit_test(test_measures),
        cmocka_unit_test(test_typing_objections), cmocka_unit_test(test_bank_channel), cmocka_unit_test(test_city),
        cmocka_unit_test(test_console_accounts),
        cmocka_unit_test(test_import_history), cmocka_unit_test(test_import_history_sets),
        cmocka_unit_test(test_run_labels), cmocka_unit_test(test_copy), cmocka_unit_test(test_open_like),
        cmocka_unit_test(test_result_facts), cmocka_unit_test(test_published_of), cmocka_unit_test(test_throttle), cmocka_unit_test(test_jobs),
        cmocka_unit_test(test_data_version), cmocka_unit_test(test_stage_rows)};
    /* GETIHU_TEST_FILTER=test_copy runs the tests whose names match (cmocka's pattern), e.g. on a backend being built */
    if (getenv("GETIHU_TEST_FILTER")) cmocka_set_test_filter(getenv("GETIHU_TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
