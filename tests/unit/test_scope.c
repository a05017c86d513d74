/* What a department may read (src/http/scope.c): issue 8 finding 14, where every
 * department account could search all businesses and read their revenue and tax. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include "app/roles.h"
#include "http/scope.h"

static httpScope scopeFor(unsigned role, const char *department) {
    appSession who = {.role = role};
    snprintf(who.department, sizeof who.department, "%s", department);
    httpScope sc;
    scopeOf(&sc, &who);
    return sc;
}

static void test_staff_read_everything(void **state) {
    (void)state;
    dossier d;
    dossierInit(&d);
    const unsigned roles[] = {ROLE_ADMIN, ROLE_CLERK, ROLE_REVIEWER, ROLE_INSPECTOR};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        const httpScope sc = scopeFor(roles[i], "");
        assert_false(scopeEmpty(&sc));
        assert_true(scopeCovers(&sc, &d)); /* even a business with no facts at all */
        assert_true(scopeShows(&sc, FACT_ANNUAL_REPORT));
        assert_true(scopeShowsList(&sc, LIST_DISHONEST_DEBTOR));
        assert_true(scopeShowsImport(&sc, "registration"));
    }
}

static void test_tax_bureau_reads_tax_only(void **state) {
    (void)state;
    const httpScope sc = scopeFor(ROLE_DEPARTMENT, "区税务局");
    assert_false(scopeEmpty(&sc));
    assert_true(scopeShows(&sc, FACT_TAX_PAID));
    assert_true(scopeShows(&sc, FACT_TAX_FLAGS));
    assert_false(scopeShows(&sc, FACT_ANNUAL_REPORT)); /* revenue is the market bureau's */
    assert_false(scopeShows(&sc, FACT_REGISTRATION));
    assert_false(scopeShows(&sc, FACT_INSURED));
    assert_true(scopeShowsList(&sc, LIST_TAX_ABNORMAL));
    assert_false(scopeShowsList(&sc, LIST_DISHONEST_DEBTOR));
    assert_true(scopeShowsImport(&sc, "tax"));
    assert_false(scopeShowsImport(&sc, "annual_reports"));
    dossier d;
    dossierInit(&d);
    const dAnnualReport ar = {.year = 2024, .has_revenue = true};
    d.annual_reports = &ar;
    d.n_annual_reports = 1;
    assert_false(scopeCovers(&sc, &d)); /* a business the bureau has no facts of */
    const dTaxPaid tp = {2024, 120000};
    d.tax_paid = &tp;
    d.n_tax_paid = 1;
    assert_true(scopeCovers(&sc, &d));
    d.n_tax_paid = 0;
    d.general_taxpayer = true;
    assert_true(scopeCovers(&sc, &d));
}

static void test_court_reads_its_list(void **state) {
    (void)state;
    const httpScope sc = scopeFor(ROLE_DEPARTMENT, "区人民法院");
    dossier d;
    dossierInit(&d);
    const dInterval iv[1] = {0};
    d.tax_abnormal = (dIntervals){iv, 1};
    assert_false(scopeCovers(&sc, &d)); /* another list */
    d.dishonest_debtor = (dIntervals){iv, 1};
    assert_true(scopeCovers(&sc, &d));
    assert_false(scopeShows(&sc, FACT_TAX_PAID));
}

static void test_department_supplying_nothing_reads_nothing(void **state) {
    (void)state;
    const httpScope sc = scopeFor(ROLE_DEPARTMENT, "区商务局");
    assert_true(scopeEmpty(&sc));
    dossier d;
    dossierInit(&d);
    d.general_taxpayer = true;
    assert_false(scopeCovers(&sc, &d));
    const httpScope unknown = scopeFor(ROLE_DEPARTMENT, "no such department");
    assert_true(scopeEmpty(&unknown));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_staff_read_everything),
        cmocka_unit_test(test_tax_bureau_reads_tax_only),
        cmocka_unit_test(test_court_reads_its_list),
        cmocka_unit_test(test_department_supplying_nothing_reads_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
