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
#include "core/utf8.h"
#include "store_fixture.h"

static char dbPath[256];
static const appActor cli = {.name = "tester", .role = "cli"};
static const int64_t T0 = 1750000000;

static int setup(void **state) {
    store *s;
    if (sodium_init() < 0 || fixtureOpen(&s, dbPath, sizeof dbPath, "accounts")) return -1;
    *state = s;
    return 0;
}

static int teardown(void **state) {
    fixtureRemove(*state, dbPath);
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
    assert_int_equal(accountCheck("bank", NULL, NULL), GH_EINVAL); /* a bank account names its bank */
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

/* The failure count and delay of an account, read back. */
static void failures(store *s, const char *user, int *n, int64_t *until) {
    arena a;
    arenaInit(&a, 1024, 0);
    storeAccount acc;
    assert_int_equal(storeAccountGet(s, user, &a, &acc), 0);
    *n = acc.failed_logins;
    *until = acc.locked_until;
    arenaFree(&a);
}

/* Growing delays instead of a lock (issue 8, finding 3): five wrong passwords cost
 * nothing yet; from then on each wrong password doubles the delay; an attempt
 * during the delay is refused unchecked and not counted; the right password after
 * the delay works and clears the count. Every refusal is audited. */
static void test_refusals_are_counted_and_delayed(void **state) {
    store *s = *state;
    add(s, "insp", "inspector", NULL, NULL, "password-of-insp");
    const int failed = audited(s, "login.failed"), logins = audited(s, "login");
    appSession who;
    char token[65];
    int n;
    int64_t until;
    assert_int_equal(accountSignIn(s, "c", "nobody", "whatever-long", T0, 60, &who, token), GH_ENOTFOUND);
    for (int i = 0; i < ACCOUNT_FREE_FAILURES; i++)
        assert_int_equal(accountSignIn(s, "c", "insp", "wrong-password", T0, 60, &who, token), GH_ENOTFOUND);
    failures(s, "insp", &n, &until);
    assert_int_equal(n, ACCOUNT_FREE_FAILURES);
    assert_int_equal(until, T0 + 1); /* 2^(5-5) seconds */
    /* delayed: even the right password is refused, like a wrong one, and nothing more is counted */
    assert_int_equal(accountSignIn(s, "c", "insp", "password-of-insp", T0, 60, &who, token), GH_ENOTFOUND);
    assert_int_equal(accountSignIn(s, "c", "insp", "wrong-password", T0, 60, &who, token), GH_ENOTFOUND);
    failures(s, "insp", &n, &until);
    assert_int_equal(n, ACCOUNT_FREE_FAILURES);
    /* after the delay a wrong password counts again and doubles it */
    assert_int_equal(accountSignIn(s, "c", "insp", "wrong-password", T0 + 1, 60, &who, token), GH_ENOTFOUND);
    failures(s, "insp", &n, &until);
    assert_int_equal(n, ACCOUNT_FREE_FAILURES + 1);
    assert_int_equal(until, T0 + 1 + 2);
    assert_int_equal(accountSignIn(s, "c", "insp", "password-of-insp", T0 + 2, 60, &who, token), GH_ENOTFOUND);
    assert_int_equal(audited(s, "login.failed"), failed + 1 + ACCOUNT_FREE_FAILURES + 2 + 1 + 1);
    assert_int_equal(audited(s, "login"), logins);
    assert_int_equal(accountSignIn(s, "c", "insp", "password-of-insp", T0 + 3, 60, &who, token), 0);
    failures(s, "insp", &n, &until);
    assert_int_equal(n, 0);
    assert_int_equal(until, 0);
    /* the delay doubles and is capped */
    assert_int_equal(accountDelaySeconds(ACCOUNT_FREE_FAILURES - 1), 0);
    assert_int_equal(accountDelaySeconds(ACCOUNT_FREE_FAILURES), 1);
    assert_int_equal(accountDelaySeconds(ACCOUNT_FREE_FAILURES + 3), 8);
    assert_int_equal(accountDelaySeconds(ACCOUNT_FREE_FAILURES + 40), ACCOUNT_DELAY_MAX);
}

/* The same answer and the same work for every failing case: an unknown name, a
 * disabled account, a business owner's (no password), a wrong password and a
 * delayed account each run exactly one Argon2id verification (counted, not timed). */
static void test_every_refusal_does_the_same_work(void **state) {
    store *s = *state;
    add(s, "same-ok", "clerk", NULL, NULL, "password-of-same");
    add(s, "same-off", "clerk", NULL, NULL, "password-of-same");
    add(s, "same-owner", "business", NULL, "92110115MA00001027", NULL);
    add(s, "same-slow", "clerk", NULL, NULL, "password-of-same");
    assert_int_equal(accountSetDisabled(s, &cli, "same-off", true, T0), 0);
    appSession who;
    char token[65];
    for (int i = 0; i < ACCOUNT_FREE_FAILURES; i++)
        assert_int_equal(accountSignIn(s, "c", "same-slow", "wrong-password", T0, 60, &who, token), GH_ENOTFOUND);
    const char *names[] = {"same-none", "same-off", "same-owner", "same-ok", "same-slow"};
    for (int i = 0; i < 5; i++) {
        const unsigned long before = accountVerifications();
        assert_int_equal(accountSignIn(s, "c", names[i], i == 3 ? "wrong-password" : "password-of-same", T0, 60, &who,
                                       token),
                         GH_ENOTFOUND);
        assert_int_equal(accountVerifications(), before + 1);
    }
    const unsigned long before = accountVerifications();
    assert_int_equal(accountSignIn(s, "c", "same-ok", "password-of-same", T0, 60, &who, token), 0);
    assert_int_equal(accountVerifications(), before + 1);
}

static int lastObject(void *ctx, const storeAudit *e) {
    snprintf(ctx, 256, "%s", e->object ? e->object : "");
    return 0;
}

/* Usernames that could print a line of their own are refused at creation; a long
 * Chinese name given at sign-in is cut on a character boundary in the audit trail. */
static void test_usernames_and_audit_text(void **state) {
    store *s = *state;
    const char *bad[] = {"", "x\n2026-11-28T07:30:00Z rt_admin admin publish", "a\x1b[2Jb", "tab\tbed", "rtl\xe2\x80\xae" "evil",
                         "bad\xff" "utf8", "\xe7\xa6",
                         "0123456789012345678901234567890123456789012345678901234567890123"};
    const int before = audited(s, "user.add");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(accountCheckName(bad[i]), GH_EINVAL);
        const appNewAccount a = {.username = bad[i], .role = "clerk", .password = "password-of-bad"};
        assert_int_equal(accountAdd(s, &cli, &a, T0), GH_EINVAL);
    }
    assert_int_equal(audited(s, "user.add"), before);
    assert_int_equal(accountCheckName(NULL), GH_EINVAL);
    assert_int_equal(accountCheckName("张三 zhang.san@区税务局"), 0);
    char longname[200] = "";
    for (int i = 0; i < 30; i++) strcat(longname, "福"); /* 90 bytes: 64 would cut the 22nd character */
    appSession who;
    char token[65];
    assert_int_equal(accountSignIn(s, "c", longname, "whatever-long", T0, 60, &who, token), GH_ENOTFOUND);
    char object[256] = "";
    assert_int_equal(storeEachAudit(s, "login.failed", 1, lastObject, object), 0);
    assert_true(utf8Valid(object, strlen(object), NULL));
    assert_int_equal(strlen(object), strlen("account ") + 63); /* 21 characters of three bytes */
    int64_t checked, bad_id;
    assert_int_equal(auditVerify(s, &checked, &bad_id), 0);
    assert_int_equal(bad_id, 0);
}

static void test_disabling_ends_sessions(void **state) {
    store *s = *state;
    add(s, "bank1", "bank", "中国农业银行北京大兴支行", NULL, "password-of-bank");
    const int disables = audited(s, "user.disable");
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
    assert_int_equal(audited(s, "user.disable"), disables + 1);
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
        cmocka_unit_test(test_refusals_are_counted_and_delayed),
        cmocka_unit_test(test_every_refusal_does_the_same_work),
        cmocka_unit_test(test_usernames_and_audit_text),
        cmocka_unit_test(test_disabling_ends_sessions),
        cmocka_unit_test(test_access_code_is_spent_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
