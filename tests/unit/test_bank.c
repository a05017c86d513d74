#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "store_fixture.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "app/accounts.h"
#include "app/bank.h"
#include "core/error.h"
#include "core/uscc.h"

/* app/bank.c against a real store: a consent is granted only to a known bank, for a
 * span that is not over, never twice over the same days, and with its audit entry;
 * withdrawal; what a bank sees follows the consent's scopes and never holds the
 * operator; each access is recorded per business with one audit entry. */

static char dbPath[256];
static const appActor owner = {.name = "owner1", .role = "business", .client = "c"};
static const appActor bankA = {.name = "bank-a", .role = "bank", .client = "c"};
static const int64_t T0 = 1750000000;
static const char *const A = "中国农业银行北京大兴支行", *const B = "北京农商银行黄村支行";
#define D(y, m, d) dateFromYmd(y, m, d)

static void code(char out[USCC_LEN + 1], int n) {
    snprintf(out, USCC_LEN + 1, "92110115MA%07d", n);
    out[17] = usccCheckChar(out);
    out[18] = '\0';
}

/* Business n with an annual report, tax paid and insured count of 2025. */
static void business(store *s, int n) {
    dossier d;
    dossierInit(&d);
    code(d.uscc, n);
    d.name = "大兴区银行测试商店";
    d.town = "黄村镇";
    d.industry = "F5261";
    d.operator_name = "金丝雀CANARY";
    d.operator_id = "11011519991231CANARY";
    d.established = D(2015, 3, 1);
    const dAnnualReport rep = {2025, D(2026, 5, 20), true, 12345678, 4};
    const dTaxPaid tax = {2025, 55500};
    const dInsured ins = {2025, 3};
    d.annual_reports = &rep, d.n_annual_reports = 1;
    d.tax_paid = &tax, d.n_tax_paid = 1;
    d.insured = &ins, d.n_insured = 1;
    fixtureApply(s, &d, "dossier");
}

static int setup(void **state) {
    store *s;
    if (fixtureOpen(&s, dbPath, sizeof dbPath, "bank")) return -1;
    const appActor cli = {.name = "t", .role = "cli"};
    const appNewAccount a = {.username = "bank-a", .role = "bank", .department = A, .password = "password-of-bank"};
    const appNewAccount b = {.username = "bank-b", .role = "bank", .department = B, .password = "password-of-bank"};
    if (accountAdd(s, &cli, &a, T0) || accountAdd(s, &cli, &b, T0)) return -1;
    business(s, 1), business(s, 2), business(s, 3);
    *state = s;
    return 0;
}

static int teardown(void **state) {
    fixtureRemove(*state, dbPath);
    return 0;
}

static int countOne(void *ctx, const void *e) {
    (void)e;
    ++*(int *)ctx;
    return 0;
}
static int countAudit(void *ctx, const storeAudit *e) { return countOne(ctx, e); }
static int countAccess(void *ctx, const storeBankAccess *a) { return countOne(ctx, a); }

static int audited(store *s, const char *action) {
    int n = 0;
    assert_int_equal(storeEachAudit(s, action, 1000, countAudit, &n), 0);
    return n;
}

typedef struct seen { int n; char uscc[8][USCC_LEN + 1]; storeBankConsent c[8]; } seen;
static int seeConsent(void *ctx, const storeBankConsent *c) {
    seen *v = ctx;
    if (v->n < 8) snprintf(v->uscc[v->n], USCC_LEN + 1, "%s", c->uscc), v->c[v->n] = *c, v->c[v->n].uscc = NULL;
    v->n++;
    return 0;
}

static seen validFor(store *s, const char *bank, civilDate day) {
    seen v = {0};
    const storeBankConsentFilter f = {.bank = bank, .valid_on = day};
    assert_int_equal(storeEachBankConsent(s, &f, seeConsent, &v), 0);
    return v;
}

static void test_grant_checks(void **state) {
    store *s = *state;
    char u[USCC_LEN + 1];
    code(u, 1);
    const civilDate today = D(2026, 3, 1);
    int64_t id;
    const int grants = audited(s, "bank.consent.grant");
    assert_int_equal(bankConsentGrant(s, &owner, u, "不存在的银行", today, D(2026, 12, 31), 0, today, T0, &id),
                     GH_ENOTFOUND);
    assert_int_equal(bankConsentGrant(s, &owner, u, A, D(2026, 5, 1), D(2026, 4, 1), 0, today, T0, &id), GH_EINVAL);
    assert_int_equal(bankConsentGrant(s, &owner, u, A, D(2025, 1, 1), D(2026, 2, 28), 0, today, T0, &id),
                     GH_EINVAL); /* over already */
    assert_int_equal(bankConsentGrant(s, &owner, u, A, today, D(2026, 12, 31), 8, today, T0, &id), GH_EINVAL);
    assert_int_equal(audited(s, "bank.consent.grant"), grants);
    assert_int_equal(bankConsentGrant(s, &owner, u, A, today, D(2026, 12, 31), BANK_SCOPE_REPORT, today, T0, &id), 0);
    assert_int_equal(audited(s, "bank.consent.grant"), grants + 1);
    int64_t id2;
    assert_int_equal(bankConsentGrant(s, &owner, u, A, D(2026, 6, 1), D(2027, 1, 31), 0, today, T0, &id2), GH_EINVAL);
    assert_int_equal(audited(s, "bank.consent.grant"), grants + 1);
    /* only A sees it, only within its days */
    assert_int_equal(validFor(s, A, today).n, 1);
    assert_int_equal(validFor(s, B, today).n, 0);
    assert_int_equal(validFor(s, A, D(2027, 1, 1)).n, 0);
    assert_int_equal(validFor(s, A, D(2026, 2, 28)).n, 0);
    /* withdrawal: at once, audited; only the owner's own consent */
    const int withdrawals = audited(s, "bank.consent.withdraw");
    char other[USCC_LEN + 1];
    code(other, 2);
    assert_int_equal(bankConsentWithdraw(s, &owner, other, id, T0 + 5), GH_ENOTFOUND);
    assert_int_equal(bankConsentWithdraw(s, &owner, u, id, T0 + 5), 0);
    assert_int_equal(bankConsentWithdraw(s, &owner, u, id, T0 + 6), GH_ENOTFOUND);
    assert_int_equal(audited(s, "bank.consent.withdraw"), withdrawals + 1);
    assert_int_equal(validFor(s, A, today).n, 0);
}

static void test_view_follows_scopes(void **state) {
    store *s = *state;
    char u[USCC_LEN + 1];
    code(u, 2);
    const civilDate today = D(2026, 3, 1);
    int64_t id;
    for (unsigned scopes = 0; scopes <= BANK_SCOPE_ALL; scopes++) {
        assert_int_equal(bankConsentGrant(s, &owner, u, B, today, D(2026, 12, 31), scopes, today, T0, &id), 0);
        seen v = validFor(s, B, today);
        assert_int_equal(v.n, 1);
        assert_int_equal(v.c[0].scopes, scopes);
        arena a;
        arenaInit(&a, 8192, 0);
        bankBusiness b;
        v.c[0].uscc = v.uscc[0];
        assert_int_equal(bankLoad(s, &v.c[0], today, &a, &b), 0);
        sbuf out;
        sbufInit(&out);
        bankBusinessJson(&out, &b);
        assert_false(out.failed);
        assert_null(strstr(out.data, "CANARY")); /* never the operator */
        assert_int_equal(strstr(out.data, "\"annual_reports\":[{\"year\":2025,\"revenue\":\"123456.78\",\"employees\":4}]") != NULL,
                         (scopes & BANK_SCOPE_REPORT) != 0);
        assert_int_equal(strstr(out.data, "\"tax_paid\":[{\"year\":2025,\"amount\":\"555.00\"}]") != NULL,
                         (scopes & BANK_SCOPE_TAX) != 0);
        assert_int_equal(strstr(out.data, "\"insured\":[{\"year\":2025,\"count\":3}]") != NULL,
                         (scopes & BANK_SCOPE_INSURED) != 0);
        assert_non_null(strstr(out.data, "\"type\":null")); /* no published run in this store */
        sbufFree(&out);
        arenaFree(&a);
        assert_int_equal(bankConsentWithdraw(s, &owner, u, id, T0), 0);
    }
}

static void test_access_recorded(void **state) {
    store *s = *state;
    char u1[USCC_LEN + 1], u3[USCC_LEN + 1];
    code(u1, 1);
    code(u3, 3);
    const civilDate today = D(2026, 3, 1);
    int64_t id;
    assert_int_equal(bankConsentGrant(s, &owner, u1, A, D(2026, 3, 2), D(2026, 12, 31), BANK_SCOPE_ALL, today, T0, &id),
                     0);
    assert_int_equal(bankConsentGrant(s, &owner, u3, A, today, D(2026, 12, 31), BANK_SCOPE_TAX, today, T0, &id), 0);
    /* the download holds exactly the consents in force that day */
    char path[80];
    snprintf(path, sizeof path, "/tmp/getihu-bank-%d.xlsx", (int)getpid());
    arena a;
    arenaInit(&a, 4096, 0);
    const char **usccs;
    unsigned *scopes;
    size_t n;
    assert_int_equal(bankExportXlsx(s, A, today, path, &a, &usccs, &scopes, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(usccs[0], u3);
    assert_int_equal(scopes[0], BANK_SCOPE_TAX);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 0);
    unlink(path);
    const int downloads = audited(s, "bank.download");
    int before1 = 0, before3 = 0, after1 = 0, after3 = 0;
    assert_int_equal(storeEachBankAccess(s, u1, 0, countAccess, &before1), 0);
    assert_int_equal(storeEachBankAccess(s, u3, 0, countAccess, &before3), 0);
    assert_int_equal(bankRecordAccess(s, &bankA, A, "download", usccs, scopes, n, T0 + 9), 0);
    assert_int_equal(storeEachBankAccess(s, u1, 0, countAccess, &after1), 0);
    assert_int_equal(storeEachBankAccess(s, u3, 0, countAccess, &after3), 0);
    assert_int_equal(after1, before1);
    assert_int_equal(after3, before3 + 1);
    assert_int_equal(audited(s, "bank.download"), downloads + 1);
    /* a failed record leaves nothing: an unknown business refuses the whole set */
    char ghost[USCC_LEN + 1];
    code(ghost, 99);
    const char *both[2] = {u3, ghost};
    const unsigned sc[2] = {0, 0};
    assert_int_not_equal(bankRecordAccess(s, &bankA, A, "list", both, sc, 2, T0 + 10), 0);
    int again = 0;
    assert_int_equal(storeEachBankAccess(s, u3, 0, countAccess, &again), 0);
    assert_int_equal(again, after3);
    assert_int_equal(audited(s, "bank.list"), 0);
    arenaFree(&a);
}

/* The category a bank sees is the recognition held today, with its validity; a
 * published result gives the type and its year. */
static void test_category_and_type(void **state) {
    store *s = *state;
    char u[USCC_LEN + 1], id[STORE_ROUND_ID_SIZE];
    code(u, 3);
    const storeRoundApp app = {.year = 2025, .uscc = u, .category = CAT_QUALITY, .route = ROUTE_SELF,
                               .claimed = {0}, .n_claimed = 1, .statement = "老店", .state = RSTATE_DRAFT,
                               .applied_on = DATE_NONE, .created_by = "owner1", .created_at = "2025-08-20T01:00:00Z"};
    assert_int_equal(storeRoundCreate(s, &app, id), 0);
    const storeRecognition r = {.app_id = id, .uscc = u, .year = 2025, .category = CAT_QUALITY, .route = ROUTE_SELF,
                                .type = TYPE_GROWTH, .recognised_on = D(2025, 11, 20), .expires = D(2028, 11, 20),
                                .dept_consent_on = DATE_NONE, .ended_on = DATE_NONE};
    assert_int_equal(storeRecognitionAdd(s, &r), 0);
    const storeRun info = {.year = 2025, .params_json = "{}", .params_sha256 = "0", .program_version = "t", .actor = "t"};
    const int64_t by[4] = {0, 1, 0, 0};
    int64_t run;
    int y;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &run), 0);
    assert_int_equal(storeResultAdd(s, run, u, TYPE_GROWTH, "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, run, 1, by), 0);
    assert_int_equal(storePublish(s, run, "t", &y), 0);
    assert_int_equal(storeCommit(s), 0);
    const storeBankConsent c = {.uscc = u, .from = D(2026, 1, 1), .to = D(2030, 1, 1), .scopes = 0};
    const char *days[2] = {"2026-03-01", "2028-11-20"}; /* held; expired that day */
    for (int i = 0; i < 2; i++) {
        civilDate day;
        assert_int_equal(dateParse(&day, days[i], 10), 0);
        arena a;
        arenaInit(&a, 8192, 0);
        bankBusiness b;
        assert_int_equal(bankLoad(s, &c, day, &a, &b), 0);
        sbuf out;
        sbufInit(&out);
        bankBusinessJson(&out, &b);
        assert_non_null(strstr(out.data, "\"year\":2025,\"type\":\"growth\""));
        const char *held = "\"category\":{\"code\":\"quality\",\"label\":\"优质\",\"valid_from\":\"2025-11-20\","
                           "\"valid_until\":\"2028-11-19\"}";
        if (i == 0) assert_non_null(strstr(out.data, held));
        else assert_non_null(strstr(out.data, "\"category\":null"));
        assert_null(strstr(out.data, "annual_reports")); /* no scope, no figures */
        sbufFree(&out);
        arenaFree(&a);
    }
}

static int keepRow(void *ctx, const storeBankRow *r) {
    storeBankRow *out = ctx;
    *out = *r;
    out->uscc = out->name = out->town = out->industry = NULL; /* the call's own */
    return 0;
}

/* The download's one-pass rows carry the same as bankLoad: type, category, the newest figures. */
static void test_rows_in_one_pass(void **state) {
    store *s = *state;
    test_category_and_type(state);
    char u[USCC_LEN + 1];
    code(u, 3);
    int64_t id;
    const civilDate today = D(2026, 3, 1);
    assert_int_equal(bankConsentGrant(s, &owner, u, A, today, D(2026, 12, 31), BANK_SCOPE_TAX, today, T0, &id), 0);
    storeBankRow r;
    memset(&r, 0, sizeof r);
    assert_int_equal(storeEachBankRow(s, A, today, keepRow, &r), 0);
    assert_int_equal(r.year, 2025);
    assert_int_equal(r.type, TYPE_GROWTH);
    assert_true(r.has_category);
    assert_int_equal(r.category, CAT_QUALITY);
    assert_int_equal(r.expires, D(2028, 11, 20));
    assert_int_equal(r.report_year, 2025);
    assert_int_equal(r.revenue, 12345678);
    assert_int_equal(r.employees, 4);
    assert_int_equal(r.tax_year, 2025);
    assert_int_equal(r.tax, 55500);
    assert_int_equal(r.insured, 3);
    assert_int_equal(r.scopes, BANK_SCOPE_TAX);
}

static void test_scope_codes(void **state) {
    (void)state;
    assert_int_equal(bankScopeParse("report", 6), BANK_SCOPE_REPORT);
    assert_int_equal(bankScopeParse("tax", 3), BANK_SCOPE_TAX);
    assert_int_equal(bankScopeParse("insured", 7), BANK_SCOPE_INSURED);
    assert_int_equal(bankScopeParse("phone", 5), 0);
    assert_int_equal(bankCheckName(""), GH_EINVAL);
    assert_int_equal(bankCheckName("银行\n第二行"), GH_EINVAL);
    assert_int_equal(bankCheckName(A), 0);
    sbuf o;
    sbufInit(&o);
    bankScopesJson(&o, BANK_SCOPE_REPORT | BANK_SCOPE_INSURED);
    assert_string_equal(o.data, "[\"report\",\"insured\"]");
    sbufFree(&o);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_grant_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_view_follows_scopes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_access_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_category_and_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rows_in_one_pass, setup, teardown),
        cmocka_unit_test(test_scope_codes)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
