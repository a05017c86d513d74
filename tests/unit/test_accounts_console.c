/* The console's account use cases (issue 11 §2, decisions 160-162): a re-issued
 * access code ends the unused earlier ones (also from `getihu user code`); issuing
 * from the console makes the owner's account when the business has none, in the
 * directory only, audited; an administrator cannot disable itself or the last
 * enabled administrator; generated passwords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "app/accounts.h"
#include "core/error.h"
#include "core/uscc.h"
#include "store_fixture.h"

static char dbPath[256];
static const appActor cli = {.name = "tester", .role = "cli"};
static const appActor clerk = {.name = "clerk1", .role = "clerk", .client = "127.0.0.1"};
static const int64_t T0 = 1750000000;
static const char U[] = "92110115MA00001014";

/* The business U in the directory, named 福顺小吃店, through the store's staging. */
static void registerU(store *s) {
    bizFact f;
    memset(&f, 0, sizeof f);
    memcpy(f.uscc, U, USCC_LEN + 1);
    f.established = dateFromYmd(2015, 5, 12);
    f.filed_on = f.from = f.to = f.decided_on = f.repaired_on = DATE_NONE;
    f.employees = -1;
    f.name = "福顺小吃店";
    f.town = "黄村镇";
    int64_t imp, changed;
    const storeImport info = {.kind = "registration", .file_name = "t", .sha256 = "0", .actor = "t"};
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeImportCreate(s, &info, &imp), 0);
    assert_int_equal(storeStageBegin(s, FACT_REGISTRATION), 0);
    assert_int_equal(storeStageRow(s, &f, U, 2), 0);
    assert_int_equal(storeStageApply(s, FACT_REGISTRATION, imp, &changed), 0);
    assert_int_equal(storeCommit(s), 0);
}

static int setup(void **state) {
    store *s;
    if (sodium_init() < 0 || fixtureOpen(&s, dbPath, sizeof dbPath, "accounts_console")) return -1;
    *state = s;
    return 0;
}

static int teardown(void **state) {
    fixtureRemove(*state, dbPath);
    return 0;
}

typedef struct seen { const char *action; int n; char last_after[256]; } seen;

static int seeOne(void *ctx, const storeAudit *e) {
    seen *w = ctx;
    if (strcmp(e->action, w->action)) return 0;
    if (!w->n++) snprintf(w->last_after, sizeof w->last_after, "%s", e->after ? e->after : "");
    return 0;
}

static seen audited(store *s, const char *action) {
    seen w = {action, 0, ""};
    assert_int_equal(storeEachAudit(s, NULL, 1000, seeOne, &w), 0);
    return w;
}

static void test_owner_code_makes_the_account_and_reissue_ends_the_old(void **state) {
    store *s = *state;
    appIssuedCode k1, k2;
    appSession who;
    char token[65], code[ACCOUNT_CODE_LEN + 1];
    assert_int_equal(accountIssueOwnerCode(s, &clerk, "123", 7, T0, &k1), GH_EINVAL);
    assert_int_equal(accountIssueOwnerCode(s, &clerk, U, 0, T0, &k1), GH_EINVAL);
    assert_int_equal(accountIssueOwnerCode(s, &clerk, U, 7, T0, &k1), GH_ENOTFOUND); /* not in the directory */
    assert_int_equal(audited(s, "user.add").n, 0);
    registerU(s);
    assert_int_equal(accountIssueOwnerCode(s, &clerk, U, 7, T0, &k1), 0);
    assert_true(k1.created);
    assert_string_equal(k1.name, "福顺小吃店");
    assert_int_equal(k1.expires, T0 + 7 * 86400);
    assert_int_equal(strlen(k1.code), ACCOUNT_CODE_LEN);
    assert_int_equal(audited(s, "user.add").n, 1);
    assert_int_equal(accountIssueOwnerCode(s, &clerk, U, 3, T0 + 10, &k2), 0);
    assert_false(k2.created);
    assert_int_equal(k2.revoked, 1);
    const seen code_entries = audited(s, "user.code");
    assert_int_equal(code_entries.n, 2);
    assert_non_null(strstr(code_entries.last_after, "\"rule\":\"decision 38\""));
    assert_non_null(strstr(code_entries.last_after, "\"revoked\":1"));
    assert_int_equal(accountSignInCode(s, "c", U, k1.code, T0 + 20, 60, &who, token), GH_ENOTFOUND);
    assert_int_equal(accountSignInCode(s, "c", U, k2.code, T0 + 21, 60, &who, token), 0);
    assert_string_equal(who.username, U); /* decision 161 */
    assert_int_equal(accountSignInCode(s, "c", U, k2.code, T0 + 22, 60, &who, token), GH_ENOTFOUND);
    /* the command line's issue ends the console's unused code too */
    assert_int_equal(accountIssueOwnerCode(s, &clerk, U, 7, T0 + 30, &k1), 0);
    assert_int_equal(accountIssueCode(s, &cli, U, 7, T0 + 31, code), 0);
    assert_int_equal(accountSignInCode(s, "c", U, k1.code, T0 + 32, 60, &who, token), GH_ENOTFOUND);
    assert_int_equal(accountSignInCode(s, "c", U, code, T0 + 33, 60, &who, token), 0);
    /* a disabled owner is not re-enabled or replaced behind the administrator's back */
    assert_int_equal(accountSetDisabled(s, &cli, U, true, T0 + 40), 0);
    assert_int_equal(accountIssueOwnerCode(s, &clerk, U, 7, T0 + 41, &k1), GH_EREFUSED); /* decision 212 */
    assert_int_equal(k1.code[0], '\0');
}

static void test_admins_cannot_lock_the_district_out(void **state) {
    store *s = *state;
    const appNewAccount a1 = {.username = "admin1", .role = "admin", .password = "password-of-admin1"};
    const appNewAccount a2 = {.username = "admin2", .role = "admin", .password = "password-of-admin2"};
    const appActor by1 = {.name = "admin1", .role = "admin"}, by2 = {.name = "admin2", .role = "admin"};
    assert_int_equal(accountAdd(s, &cli, &a1, T0), 0);
    assert_int_equal(accountSetDisabledChecked(s, &cli, "admin1", true, T0), GH_EREFUSED); /* the last admin */
    assert_int_equal(accountAdd(s, &cli, &a2, T0), 0);
    assert_int_equal(accountSetDisabledChecked(s, &by2, "admin2", true, T0), GH_EREFUSED); /* itself */
    assert_int_equal(accountSetDisabledChecked(s, &by2, "admin1", true, T0), 0);
    assert_int_equal(accountSetDisabledChecked(s, &by1, "admin2", true, T0), GH_EREFUSED); /* now the last */
    assert_int_equal(accountSetDisabledChecked(s, &by2, "admin1", false, T0), 0);
    assert_int_equal(accountSetDisabledChecked(s, &cli, "admin2", true, T0), 0);
    assert_int_equal(accountSetDisabledChecked(s, &cli, "nobody", true, T0), GH_ENOTFOUND);
}

static void test_generated_passwords(void **state) {
    (void)state;
    char a[ACCOUNT_GENERATED_LEN + 1], b[ACCOUNT_GENERATED_LEN + 1];
    accountGeneratePassword(a);
    accountGeneratePassword(b);
    assert_int_equal(strlen(a), ACCOUNT_GENERATED_LEN);
    assert_true(ACCOUNT_GENERATED_LEN >= ACCOUNT_MIN_PASSWORD);
    assert_string_not_equal(a, b);
    assert_int_equal(strcspn(a, "0O1lI"), ACCOUNT_GENERATED_LEN); /* no look-alikes */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_owner_code_makes_the_account_and_reissue_ends_the_old, setup, teardown),
        cmocka_unit_test_setup_teardown(test_admins_cannot_lock_the_district_out, setup, teardown),
        cmocka_unit_test(test_generated_passwords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
