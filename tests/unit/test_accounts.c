/* app/accounts.c against a real store: each account change and each sign-in lands
 * with its audit entry in one transaction, refusals are counted and audited as
 * refusals, lockout, one-time codes, sessions and sign-out. */
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
#include "app/audit.h"
#include "core/error.h"

static char dbPath[64];
static const appActor cli = {.name = "tester", .role = "cli"};
static const int64_t T0 = 1750000000;

static int setup(void **state) {
    snprintf(dbPath, sizeof dbPath, "/tmp/getihu-accounts-%d.db", (int)getpid());
    unlink(dbPath);
    char err[256];
    store *s;
    if (sodium_init() < 0 || storeOpen(&s, dbPath, STORE_OPEN_CREATE, err, sizeof err)) return -1;
    *state = s;
    return 0;
}

static int teardown(void **state) {
    storeClose(*state);
    unlink(dbPath);
    return 0;
}

static int countOne(void *ctx, const storeAudit *e) {
    (void)e;
    ++*(int *)ctx;
    return 0;
}

static int audited(store *s, const char *action) {
    int n = 0;
    assert_int_equal(storeEachAudit(s, action, 1000, countOne, &n), 0);
    return n;
}

static void add(store *s, const char *user, const char *role, const char *dept, const char *uscc, const char *pw) {
    const appNewAccount a = {.username = user, .role = role, .department = dept, .uscc = uscc, .password = pw};
    assert_int_equal(accountAdd(s, &cli, &a, T0), 0);
}

static void test_add_checks_and_audits_once(void **state) {
    store *s = *state;
    assert_int_equal(accountCheck("root", NULL, NULL), GH_EINVAL);
    assert_int_equal(accountCheck("department", NULL, NULL), GH_EINVAL);
    assert_int_equal(accountCheck("department", "区税务", NULL), GH_ENOTFOUND);
    assert_int_equal(accountCheck("business", NULL, "123"), GH_EINVAL);
    assert_int_equal(accountCheck("clerk", NULL, NULL), 0);
    add(s, "clerk1", "clerk", NULL, NULL, "password-of-clerk");
    add(s, "hr", "department", "区人力社保局", NULL, "password-of-hr");
    const int before = audited(s, "user.add");
    const appNewAccount dup = {.username = "clerk1", .role = "clerk", .password = "password-of-clerk"};
    assert_int_equal(accountAdd(s, &cli, &dup, T0), GH_EINVAL); /* taken: nothing added, nothing audited */
    const appNewAccount shortpw = {.username = "x", .role = "clerk", .password = "short"};
    assert_int_equal(accountAdd(s, &cli, &shortpw, T0), GH_EINVAL);
    assert_int_equal(audited(s, "user.add"), before);
    appSession who;
    char token[65];
    assert_int_equal(accountSignIn(s, "127.0.0.1", "hr", "password-of-hr", T0, 60, &who, token), 0);
    assert_string_equal(who.department, "区人力资源社会保障局"); /* stored under the full name */
    assert_int_equal(who.role, ROLE_DEPARTMENT);
}

static void test_sign_in_session_and_sign_out(void **state) {
    store *s = *state;
    add(s, "rev", "reviewer", NULL, NULL, "password-of-rev");
    const int logins = audited(s, "login");
    appSession who, again;
    char token[65];
    assert_int_equal(accountSignIn(s, "127.0.0.1", "rev", "password-of-rev", T0, 60, &who, token), 0);
    assert_int_equal(strlen(token), 64);
    assert_int_equal(audited(s, "login"), logins + 1);
    assert_int_equal(accountSession(s, token, T0 + 10, &again), 0);
    assert_string_equal(again.username, "rev");
    assert_string_equal(again.csrf, who.csrf);
    assert_int_equal(accountSession(s, token, T0 + 61, &again), GH_ENOTFOUND); /* expired */
    assert_int_equal(accountSession(s, "not-a-token", T0, &again), GH_ENOTFOUND);
    assert_int_equal(accountSignOut(s, &who, "127.0.0.1", token, T0 + 20), 0);
    assert_int_equal(accountSession(s, token, T0 + 21, &again), GH_ENOTFOUND);
    assert_int_equal(audited(s, "logout"), 1);
}

static void test_refusals_are_counted_and_lock(void **state) {
    store *s = *state;
    add(s, "insp", "inspector", NULL, NULL, "password-of-insp");
    const int failed = audited(s, "login.failed"), logins = audited(s, "login");
    appSession who;
    char token[65];
    assert_int_equal(accountSignIn(s, "c", "nobody", "whatever-long", T0, 60, &who, token), GH_ENOTFOUND);
    for (int i = 0; i < ACCOUNT_MAX_FAILURES; i++)
        assert_int_equal(accountSignIn(s, "c", "insp", "wrong-password", T0, 60, &who, token), GH_ENOTFOUND);
    /* locked now, even with the right password, until the lock ends */
    assert_int_equal(accountSignIn(s, "c", "insp", "password-of-insp", T0 + 1, 60, &who, token), GH_ERANGE);
    assert_int_equal(audited(s, "login.failed"), failed + 1 + ACCOUNT_MAX_FAILURES + 1);
    assert_int_equal(audited(s, "login"), logins);
    assert_int_equal(accountSignIn(s, "c", "insp", "password-of-insp", T0 + ACCOUNT_LOCK_SECONDS + 1, 60, &who, token), 0);
}

static void test_disabling_ends_sessions(void **state) {
    store *s = *state;
    add(s, "bank1", "bank", NULL, NULL, "password-of-bank");
    appSession who;
    char token[65];
    assert_int_equal(accountSignIn(s, "c", "bank1", "password-of-bank", T0, 600, &who, token), 0);
    assert_int_equal(accountSetDisabled(s, &cli, "bank1", true, T0 + 1), 0);
    assert_int_equal(accountSession(s, token, T0 + 2, &who), GH_ENOTFOUND);
    assert_int_equal(accountSignIn(s, "c", "bank1", "password-of-bank", T0 + 3, 600, &who, token), GH_ENOTFOUND);
    assert_int_equal(accountSetDisabled(s, &cli, "bank1", false, T0 + 4), 0);
    assert_int_equal(accountSetPassword(s, &cli, "bank1", "new-password-of-bank", T0 + 5), 0);
    assert_int_equal(accountSignIn(s, "c", "bank1", "password-of-bank", T0 + 6, 600, &who, token), GH_ENOTFOUND);
    assert_int_equal(accountSignIn(s, "c", "bank1", "new-password-of-bank", T0 + 7, 600, &who, token), 0);
    assert_int_equal(accountSetDisabled(s, &cli, "nobody", true, T0), GH_ENOTFOUND);
    assert_int_equal(accountSetPassword(s, &cli, "nobody", "long-enough-password", T0), GH_ENOTFOUND);
    assert_int_equal(audited(s, "user.disable"), 1);
    assert_int_equal(audited(s, "user.enable"), 1);
    assert_int_equal(audited(s, "user.passwd"), 1);
}

static void test_access_code_is_spent_once(void **state) {
    store *s = *state;
    const char *uscc = "92110115MA00001014";
    char code[ACCOUNT_CODE_LEN + 1], token[65];
    appSession who;
    assert_int_equal(accountIssueCode(s, &cli, uscc, 7, T0, code), GH_ENOTFOUND); /* no owner account yet */
    add(s, "owner", "business", NULL, uscc, NULL);
    assert_int_equal(accountIssueCode(s, &cli, uscc, 7, T0, code), 0);
    assert_int_equal(strlen(code), ACCOUNT_CODE_LEN);
    assert_int_equal(audited(s, "user.code"), 1);
    assert_int_equal(accountSignInCode(s, "c", "92110115MA00001027", code, T0 + 1, 60, &who, token), GH_ENOTFOUND);
    assert_int_equal(accountSignInCode(s, "c", uscc, code, T0 + 1, 60, &who, token), 0);
    assert_string_equal(who.uscc, uscc);
    assert_int_equal(who.role, ROLE_BUSINESS);
    assert_int_equal(accountSignInCode(s, "c", uscc, code, T0 + 2, 60, &who, token), GH_ENOTFOUND); /* spent */
    /* a business account has no password */
    assert_int_equal(accountSignIn(s, "c", "owner", "anything-long", T0 + 3, 60, &who, token), GH_ENOTFOUND);
    assert_int_equal(accountIssueCode(s, &cli, uscc, 1, T0, code), 0);
    assert_int_equal(accountSignInCode(s, "c", uscc, code, T0 + 86401, 60, &who, token), GH_ENOTFOUND); /* expired */
    int64_t checked, bad;
    assert_int_equal(auditVerify(s, &checked, &bad), 0); /* every entry above chains */
    assert_int_equal(bad, 0);
    assert_true(checked > 20);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_checks_and_audits_once),
        cmocka_unit_test(test_sign_in_session_and_sign_out),
        cmocka_unit_test(test_refusals_are_counted_and_lock),
        cmocka_unit_test(test_disabling_ends_sessions),
        cmocka_unit_test(test_access_code_is_spent_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
