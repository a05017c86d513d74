/* rules/typing.c against RULES.md A1.3, boundary by boundary. Links getihu_rules
 * only: the law is tested without any I/O. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/error.h"
#include "core/sbuf.h"
#include "rules/explain.h"
#include "rules/typing.h"

/* A fixture: one dossier with room for every list, and the year parameters. */
typedef struct fx {
    dossier d;
    yearParams p;
    dAnnualReport ar[4];
    dTaxPaid tax[4];
    dInsured ins[4];
    dInterval abnormal[2], serious[2], taxabn[2], susp[2];
    dTrademark tm[2];
    dPatent pt[2];
} fx;

static civilDate D(const char *s) {
    civilDate d = DATE_NONE;
    assert_int_equal(dateParse(&d, s, strlen(s)), 0);
    return d;
}

static money Y(const char *s) {
    money m = 0;
    assert_int_equal(moneyParse(&m, s, strlen(s)), 0);
    return m;
}

/* An eligible survival business for 2025: established 2015, report for 2024 filed,
 * revenue 100000, tax 500, nobody insured. */
static void fxInit(fx *f) {
    memset(f, 0, sizeof *f);
    dossierInit(&f->d);
    memcpy(f->d.uscc, "92110115MA0000000B", 19);
    f->d.established = D("2015-05-12");
    f->d.tax_registered = true;
    f->ar[0] = (dAnnualReport){2024, D("2025-05-20"), true, Y("100000"), 2};
    f->d.annual_reports = f->ar;
    f->d.n_annual_reports = 1;
    f->tax[0] = (dTaxPaid){2024, Y("500")};
    f->d.tax_paid = f->tax;
    f->d.n_tax_paid = 1;
    f->d.insured = f->ins;
    f->d.abnormal_list.v = f->abnormal;
    f->d.serious_illegal_list.v = f->serious;
    f->d.tax_abnormal.v = f->taxabn;
    f->d.suspensions.v = f->susp;
    f->d.trademarks = f->tm;
    f->d.patents = f->pt;
    paramsDefaults(&f->p, 2025);
    f->p.growth_revenue_min = Y("300000");
    f->p.growth_tax_min = Y("3000");
    f->p.development_revenue_min = Y("1200000");
    f->p.development_tax_min = Y("30000");
    char msg[256];
    assert_int_equal(paramsCheck(&f->p, msg, sizeof msg), 0);
}

static typingResult classify(const fx *f) {
    typingResult r;
    assert_int_equal(typingClassify(&r, &f->d, &f->p), 0);
    return r;
}

static bool has(const typingResult *r, const char *code) {
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(explainCode(r->reasons[i].code), code) == 0) return true;
    return false;
}

/* The RULES.md codes of r (not MISSED.* / NOTE.*), space-separated, in order. */
static const char *rulesCodes(const typingResult *r, char *buf, size_t n) {
    buf[0] = '\0';
    for (size_t i = 0; i < r->n; i++) {
        const char *c = explainCode(r->reasons[i].code);
        if (strncmp(c, "MISSED.", 7) == 0 || strncmp(c, "NOTE.", 5) == 0) continue;
        if (buf[0]) strncat(buf, " ", n - strlen(buf) - 1);
        strncat(buf, c, n - strlen(buf) - 1);
    }
    return buf;
}

static void expect(const fx *f, bizType type, const char *codes) {
    typingResult r = classify(f);
    char buf[512];
    assert_string_equal(typingTypeCode(r.type), typingTypeCode(type));
    assert_string_equal(rulesCodes(&r, buf, sizeof buf), codes);
}

static void test_baseline_survival(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    typingResult r = classify(&f);
    assert_true(has(&r, "MISSED.GROWTH.A") && has(&r, "MISSED.GROWTH.B") && has(&r, "MISSED.GROWTH.C"));
    assert_false(has(&r, "MISSED.AGE"));
}

/* A1.3.1: all 64 combinations of the six base conditions; every failure is listed. */
static void test_base_every_combination(void **state) {
    (void)state;
    static const char *codes[6] = {"INELIGIBLE.STATUS", "INELIGIBLE.NO_ANNUAL_REPORT", "INELIGIBLE.ABNORMAL_LIST",
                                   "INELIGIBLE.SERIOUS_ILLEGAL", "INELIGIBLE.TAX_ABNORMAL", "INELIGIBLE.SUSPENDED"};
    for (unsigned mask = 0; mask < 64; mask++) {
        fx f;
        fxInit(&f);
        if (mask & 1) f.d.status = STATUS_REVOKED;
        if (mask & 2) f.d.n_annual_reports = 0;
        if (mask & 4) { f.abnormal[0] = (dInterval){D("2024-07-01"), DATE_NONE}; f.d.abnormal_list.n = 1; }
        if (mask & 8) { f.serious[0] = (dInterval){D("2023-01-01"), DATE_NONE}; f.d.serious_illegal_list.n = 1; }
        if (mask & 16) { f.taxabn[0] = (dInterval){D("2025-01-01"), D("2025-12-31")}; f.d.tax_abnormal.n = 1; }
        if (mask & 32) { f.susp[0] = (dInterval){D("2024-01-01"), DATE_NONE}; f.d.suspensions.n = 1; }
        char want[512] = "";
        for (int k = 0; k < 6; k++)
            if (mask & (1u << k)) {
                if (want[0]) strcat(want, " ");
                strcat(want, codes[k]);
            }
        expect(&f, mask ? TYPE_INELIGIBLE : TYPE_SURVIVAL, mask ? want : "SURVIVAL.DEFAULT");
    }
}

static void test_status_each(void **state) {
    (void)state;
    for (int s = STATUS_REVOKED; s <= STATUS_WITHDRAWN; s++) {
        fx f;
        fxInit(&f);
        f.d.status = (bizStatus)s;
        expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.STATUS");
        typingResult r = classify(&f);
        sbuf b;
        sbufInit(&b);
        explainText(&b, &r.reasons[0]);
        assert_non_null(strstr(b.data, explainStatusLabel((bizStatus)s)));
        sbufFree(&b);
    }
}

/* A1.3.1-report: filed on or before R; a late, missing or wrong-year report fails. */
static void test_annual_report(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.ar[0].filed_on = D("2025-07-31");
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    f.ar[0].filed_on = D("2025-08-01");
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.NO_ANNUAL_REPORT");
    f.ar[0].filed_on = DATE_NONE;
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.NO_ANNUAL_REPORT");
    f.ar[0] = (dAnnualReport){2023, D("2024-05-01"), true, Y("900000"), 1};
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.NO_ANNUAL_REPORT");
    /* Established during Y-1: must have filed for Y-1 like any other. */
    fxInit(&f);
    f.d.established = D("2024-11-01");
    f.d.n_annual_reports = 0;
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.NO_ANNUAL_REPORT");
}

/* RULES.md "Time": new this year is exempt from the report clause only. */
static void test_new_this_year(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.d.established = D("2025-01-01");
    f.d.n_annual_reports = 0;
    f.ar[0] = (dAnnualReport){2024, D("2025-05-20"), true, Y("5000000"), 9};
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.NEW");
    f.d.n_annual_reports = 1; /* figures do not matter: 自动划定为“生存型” */
    f.ins[0] = (dInsured){2024, 12};
    f.d.n_insured = 1;
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.NEW");
    f.d.established = D("2025-07-31"); /* on R itself */
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.NEW");
    f.d.status = STATUS_CANCELLED;
    f.abnormal[0] = (dInterval){D("2025-06-01"), DATE_NONE};
    f.d.abnormal_list.n = 1;
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.STATUS INELIGIBLE.ABNORMAL_LIST");
}

static void test_established_after_reference_date(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.d.established = D("2025-08-01");
    typingResult r;
    assert_int_equal(typingClassify(&r, &f.d, &f.p), GH_EINVAL);
}

/* Interval ends: active when from <= R and (to empty or to > R). */
static void test_interval_boundaries(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.d.abnormal_list.n = 1;
    f.abnormal[0] = (dInterval){D("2024-01-01"), D("2025-07-31")}; /* restored on R */
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    f.abnormal[0].to = D("2025-08-01");
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.ABNORMAL_LIST");
    f.abnormal[0] = (dInterval){D("2025-07-31"), DATE_NONE}; /* listed on R */
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.ABNORMAL_LIST");
    f.abnormal[0] = (dInterval){D("2025-08-01"), DATE_NONE}; /* listed after R */
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    /* Two entries, one ended, one active: excluded once. */
    f.abnormal[0] = (dInterval){D("2020-01-01"), D("2021-01-01")};
    f.abnormal[1] = (dInterval){D("2023-01-01"), DATE_NONE};
    f.d.abnormal_list.n = 2;
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.ABNORMAL_LIST");
}

/* A1.3.1(4): within the legal maximum while R < from + 3 years; seasonal exempt. */
static void test_suspension(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.d.suspensions.n = 1;
    f.susp[0] = (dInterval){D("2022-08-01"), DATE_NONE}; /* R = from + 3y - 1 day */
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.SUSPENDED");
    f.susp[0].from = D("2022-07-31"); /* R == from + 3y: beyond the maximum */
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    typingResult r = classify(&f);
    assert_true(has(&r, "NOTE.SUSPENSION_BEYOND_MAXIMUM"));
    f.susp[0].from = D("2025-01-01");
    f.d.seasonal = true;
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    r = classify(&f);
    assert_true(has(&r, "NOTE.SEASONAL_SUSPENSION"));
    f.d.seasonal = false;
    f.susp[0].to = D("2025-07-31"); /* resumed on R */
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    f.p.suspension_max_years = 1; /* the maximum is a parameter */
    f.susp[0] = (dInterval){D("2024-07-31"), DATE_NONE};
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    f.susp[0].from = D("2024-08-01");
    expect(&f, TYPE_INELIGIBLE, "INELIGIBLE.SUSPENDED");
}

/* 成立2年（含）以上: established + 2 years <= R. */
static void test_age(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.ar[0].revenue = Y("300000");
    f.d.established = D("2023-07-31");
    expect(&f, TYPE_GROWTH, "GROWTH.A");
    f.d.established = D("2023-08-01");
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    typingResult r = classify(&f);
    assert_true(has(&r, "MISSED.AGE"));
    assert_false(has(&r, "MISSED.GROWTH.A")); /* A is met; the age is what is missing */
    f.p.min_years = 1;
    expect(&f, TYPE_GROWTH, "GROWTH.A");
}

static void test_leap_day_age(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.ar[0].revenue = Y("300000");
    f.p.year = 2026;
    f.p.reference_date = D("2026-07-31");
    f.ar[0].year = 2025;
    f.ar[0].filed_on = D("2026-03-01");
    f.tax[0].year = 2025;
    f.d.established = D("2024-02-29"); /* anniversary 2026-02-28 <= R */
    expect(&f, TYPE_GROWTH, "GROWTH.A");
    typingResult r;
    f.p.min_years = 3;
    r = classify(&f);
    assert_true(has(&r, "MISSED.AGE"));
    assert_int_equal(r.reasons[1].date2, D("2027-02-28"));
}

static void test_tax_registration_required(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.ar[0].revenue = Y("90000000");
    f.d.tax_registered = false;
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    typingResult r = classify(&f);
    assert_true(has(&r, "MISSED.TAX_REGISTRATION"));
}

/* Thresholds: exactly at the threshold meets it, one fen below does not. */
static void test_growth_thresholds(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.ar[0].revenue = Y("300000");
    expect(&f, TYPE_GROWTH, "GROWTH.A");
    f.ar[0].revenue = Y("299999.99");
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    f.tax[0].amount = Y("3000");
    expect(&f, TYPE_GROWTH, "GROWTH.B");
    f.tax[0].amount = Y("2999.99");
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    f.d.n_insured = 1;
    for (int n = 0; n <= 5; n++) {
        f.ins[0] = (dInsured){2024, n};
        if (n == 0) expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
        else if (n <= 3) expect(&f, TYPE_GROWTH, "GROWTH.C");
        else expect(&f, TYPE_DEVELOPMENT, "DEVELOPMENT.C");
    }
    f.ins[0] = (dInsured){2023, 2}; /* another year does not count */
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
    /* Every met criterion is listed. */
    f.ins[0] = (dInsured){2024, 3};
    f.ar[0].revenue = Y("300000");
    f.tax[0].amount = Y("3000");
    expect(&f, TYPE_GROWTH, "GROWTH.A GROWTH.B GROWTH.C");
}

static void test_development_thresholds(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.ar[0].revenue = Y("1200000");
    expect(&f, TYPE_DEVELOPMENT, "DEVELOPMENT.A");
    f.ar[0].revenue = Y("1199999.99");
    expect(&f, TYPE_GROWTH, "GROWTH.A");
    typingResult r = classify(&f);
    assert_true(has(&r, "MISSED.DEVELOPMENT.A"));
    f.ar[0].revenue = Y("100");
    f.tax[0].amount = Y("30000");
    expect(&f, TYPE_GROWTH, "GROWTH.B"); /* not a general taxpayer */
    f.d.general_taxpayer = true;
    expect(&f, TYPE_DEVELOPMENT, "DEVELOPMENT.B");
    f.tax[0].amount = Y("29999.99");
    expect(&f, TYPE_GROWTH, "GROWTH.B");
}

static void test_trademark_patent(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.tm[0] = (dTrademark){"12345678", HOLDER_OPERATOR, false};
    f.d.n_trademarks = 1;
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT"); /* held but not used */
    f.tm[0].in_use = true;
    expect(&f, TYPE_DEVELOPMENT, "DEVELOPMENT.D");
    f.pt[0] = (dPatent){"ZL202310000000.1", HOLDER_BUSINESS};
    f.d.n_patents = 1;
    f.ar[0].revenue = Y("2000000");
    expect(&f, TYPE_DEVELOPMENT, "DEVELOPMENT.A DEVELOPMENT.D DEVELOPMENT.E");
    f.d.tax_registered = false; /* D and E also need tax registration and age */
    expect(&f, TYPE_SURVIVAL, "SURVIVAL.DEFAULT");
}

static void test_missing_figures(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.ar[0].has_revenue = false;
    f.d.n_tax_paid = 0;
    typingResult r = classify(&f);
    assert_int_equal(r.type, TYPE_SURVIVAL);
    sbuf b;
    sbufInit(&b);
    for (size_t i = 0; i < r.n; i++) {
        explainText(&b, &r.reasons[i]);
        sbufPutc(&b, '\n');
    }
    assert_non_null(strstr(b.data, "未取得2024年度营业收入数据"));
    assert_non_null(strstr(b.data, "未取得2024年度实际缴纳税款数据"));
    sbufFree(&b);
}

/* The explanation cites the figures and thresholds (DATA.md §3 example). */
static void test_explanation_text(void **state) {
    (void)state;
    fx f;
    fxInit(&f);
    f.ar[0].revenue = Y("350000");
    typingResult r = classify(&f);
    sbuf b;
    sbufInit(&b);
    explainText(&b, &r.reasons[0]);
    assert_string_equal(b.data, "2024年度营业收入 350000.00 元，达到成长型标准 300000.00 元");
    assert_string_equal(explainArticle(r.reasons[0].code), "A1.3.2(2)A");
    fxInit(&f);
    r = classify(&f);
    sbufClear(&b);
    for (size_t i = 0; i < r.n; i++)
        if (r.reasons[i].code == REASON_MISSED_GROWTH_A) explainText(&b, &r.reasons[i]);
    assert_string_equal(b.data, "2024年度营业收入 100000.00 元，未达到成长型标准 300000.00 元，尚差 200000.00 元");
    sbufFree(&b);
}

/* Every reason code has a code, an article and a sentence. */
static void test_every_code_explained(void **state) {
    (void)state;
    sbuf b;
    sbufInit(&b);
    for (int c = 0; c < REASON__COUNT; c++) {
        typingReason x = {.code = (reasonCode)c, .year = 2024, .date = D("2024-01-01"), .date2 = D("2025-07-31"),
                          .count = 1, .count_min = 1, .count_max = 3, .has_value = true};
        sbufClear(&b);
        explainText(&b, &x);
        assert_true(b.len > 6);
        assert_non_null(explainCode((reasonCode)c));
        assert_true(explainArticle((reasonCode)c)[0] == 'A');
    }
    sbufFree(&b);
}

static void test_type_labels(void **state) {
    (void)state;
    assert_string_equal(typingTypeLabel(TYPE_SURVIVAL), "生存型");
    assert_string_equal(typingTypeLabel(TYPE_GROWTH), "成长型");
    assert_string_equal(typingTypeLabel(TYPE_DEVELOPMENT), "发展型");
    assert_string_equal(typingTypeLabel(TYPE_INELIGIBLE), "不符合分型条件");
    bizType t;
    assert_int_equal(typingTypeParse(&t, "growth"), 0);
    assert_int_equal(t, TYPE_GROWTH);
    assert_int_equal(typingTypeParse(&t, "Growth"), GH_EINVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_survival),     cmocka_unit_test(test_base_every_combination),
        cmocka_unit_test(test_status_each),           cmocka_unit_test(test_annual_report),
        cmocka_unit_test(test_new_this_year),         cmocka_unit_test(test_established_after_reference_date),
        cmocka_unit_test(test_interval_boundaries),   cmocka_unit_test(test_suspension),
        cmocka_unit_test(test_age),                   cmocka_unit_test(test_leap_day_age),
        cmocka_unit_test(test_tax_registration_required), cmocka_unit_test(test_growth_thresholds),
        cmocka_unit_test(test_development_thresholds), cmocka_unit_test(test_trademark_patent),
        cmocka_unit_test(test_missing_figures),       cmocka_unit_test(test_explanation_text),
        cmocka_unit_test(test_every_code_explained),  cmocka_unit_test(test_type_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
