/* app/objection*.c against a real store (a SQLite file): an objection to a typing
 * result (RULES.md A1.2.3, S3(三); issue 10 §4) upheld end to end — the fact corrected
 * in the directory, the business re-typed with the run's own parameters, both results
 * kept, every reader of the published result given the corrected one — and one
 * rejected with a reply citing the article; who may do what; every step audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "store_fixture.h"
#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/objection.h"
#include "app/roles.h"
#include "app/run.h"
#include "core/error.h"
#include "io/params_json.h"

static char dbPath[256];
static const int64_t T0 = 1756684800; /* 2025-09-01T00:00:00Z */
#define TODAY dateFromYmd(2025, 9, 1)
static char A[USCC_LEN + 1], B[USCC_LEN + 1];

static const appObjWho clerk = {.name = "clerk1", .role = "clerk", .role_bit = ROLE_CLERK};
static const appObjWho tax = {.name = "tax1", .role = "department", .role_bit = ROLE_DEPARTMENT,
                              .department = "区税务局"};
static const appObjWho ipo = {.name = "ip1", .role = "department", .role_bit = ROLE_DEPARTMENT,
                              .department = "区知识产权局"};
static const appObjWho reviewer = {.name = "lead1", .role = "reviewer", .role_bit = ROLE_REVIEWER};

static appObjWho owner(const char *uscc) {
    const appObjWho w = {.name = "owner", .role = "business", .role_bit = ROLE_BUSINESS, .uscc = uscc};
    return w;
}

static void code(char out[USCC_LEN + 1], int n) {
    snprintf(out, USCC_LEN + 1, "92110115MA%07d", n);
    out[17] = usccCheckChar(out);
    out[18] = '\0';
}

/* A survival business: established 2015, tax-registered, 2024 revenue 100000 yuan and
 * tax paid 1000 yuan, both below the growth thresholds of the shipped 2025 parameters. */
static void business(store *s, const char *uscc) {
    dossier d;
    dossierInit(&d);
    memcpy(d.uscc, uscc, USCC_LEN + 1);
    d.established = dateFromYmd(2015, 5, 12);
    d.tax_registered = true;
    d.name = "北京市大兴区示例小吃店";
    const dAnnualReport rep = {2024, dateFromYmd(2025, 5, 20), true, 10000000, 2};
    const dTaxPaid tp = {2024, 100000};
    d.annual_reports = &rep, d.n_annual_reports = 1;
    d.tax_paid = &tp, d.n_tax_paid = 1;
    fixtureApply(s, &d, "dossiers");
}

static int setup(void **state) {
    store *s;
    if (sodium_init() < 0 || fixtureOpen(&s, dbPath, sizeof dbPath, "objection")) return -1;
    code(A, 1);
    code(B, 2);
    business(s, A);
    business(s, B);
    /* the annual run of 2025 with the shipped parameters, published */
    const char *text, *path;
    size_t n;
    yearParams p;
    char err[256];
    if (paramsBuiltin(2025, &text, &n, &path) || paramsParseJson(&p, text, n, err, sizeof err)) return -1;
    char *json = strndup(text, n);
    const appRunInfo info = {.params = &p, .params_json = json, .version = "t", .actor = "t", .role = "admin"};
    appRunResult r;
    const appActor who = {"admin", "admin", NULL};
    int year;
    const int rc = appRunYear(s, &info, &r) || appPublish(s, &who, r.run_id, &year);
    free(json);
    *state = s;
    return rc ? -1 : 0;
}

static int teardown(void **state) {
    fixtureRemove(*state, dbPath);
    return 0;
}

static int countAudit(void *ctx, const storeAudit *e) {
    if (!strncmp(e->action, "objection.", 10)) ++*(int *)ctx;
    return 0;
}

static int audits(store *s) {
    int n = 0;
    assert_int_equal(storeEachAuditChain(s, countAudit, &n), 0);
    return n;
}

/* The published result of uscc in 2025 as every reader sees it. */
typedef struct seen { bizType type; bool corrected; int64_t run_id; char reasons[2048]; } seen;
static int seeResult(void *ctx, const storeResult *r) {
    seen *x = ctx;
    if (r->year != 2025 || !r->published) return 0;
    x->type = r->type, x->corrected = r->corrected, x->run_id = r->run_id;
    snprintf(x->reasons, sizeof x->reasons, "%.*s", (int)r->reasons_len, r->reasons);
    return 0;
}
static seen published(store *s, const char *uscc) {
    seen x = {TYPE_INELIGIBLE, false, 0, ""};
    assert_int_equal(storeEachResultOf(s, uscc, seeResult, &x), 0);
    return x;
}

static int countGrowth(void *ctx, const char *key, bizType t, int64_t n) {
    (void)key;
    if (t == TYPE_GROWTH) *(int64_t *)ctx += n;
    return 0;
}

static int taxOf(store *s, const char *uscc, money *out) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    dossier d;
    int rc = storeLoadDossier(s, uscc, &ar, &d);
    *out = -1;
    for (size_t i = 0; !rc && i < d.n_tax_paid; i++)
        if (d.tax_paid[i].year == 2024) *out = d.tax_paid[i].amount;
    arenaFree(&ar);
    return rc;
}

/* A1.2.3: upheld end to end. */
static void test_upheld(void **state) {
    store *s = *state;
    appObjOutcome out;
    const appObjWho me = owner(A);
    assert_int_equal(published(s, A).type, TYPE_SURVIVAL);
    assert_int_equal(appObjectionFile(&out, s, &me, A, 2025, "MISSED.GROWTH.B", "2024年实缴税款应为5000元", TODAY, T0), 0);
    const int64_t id = out.id;
    static const unsigned char png[] = "\x89PNG\r\n\x1a\n0000";
    assert_int_equal(appObjectionAddFile(&out, s, &me, id, "完税证明.png", "image/png", png, sizeof png - 1, T0), 0);
    /* a renamed file is refused by its first bytes */
    assert_int_equal(appObjectionAddFile(&out, s, &me, id, "x.pdf", "application/pdf", png, sizeof png - 1, T0),
                     GH_EINVAL);
    /* a second open objection of the same business is refused */
    assert_int_equal(appObjectionFile(&out, s, &me, A, 2025, "MISSED.GROWTH.A", "again", TODAY, T0), GH_EREFUSED);
    /* the clerk asks the tax bureau (the owner of the tax extract) */
    assert_int_equal(appObjectionAnswer(&out, s, &tax, id, false, "5000", NULL, T0), GH_ENOTFOUND);
    assert_int_equal(appObjectionAskVerify(&out, s, &clerk, id, TODAY, T0 + 60), 0);
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection o;
    assert_int_equal(storeTypingObjectionGet(s, id, &ar, &o), 0);
    assert_string_equal(o.department, "区税务局");
    assert_int_equal(o.verify_due, TODAY + 10);
    assert_int_equal(o.reply_due, TODAY + 30);
    /* another department neither sees nor answers it; the tax bureau answers */
    assert_false(appObjectionMayRead(&ipo, &o));
    assert_true(appObjectionMayRead(&tax, &o));
    assert_int_equal(appObjectionAnswer(&out, s, &ipo, id, false, "5000", NULL, T0), GH_ENOTFOUND);
    assert_int_equal(appObjectionAnswer(&out, s, &tax, id, false, "5000", "系统漏记一笔入库税款", T0 + 120), 0);
    /* a reviewer reads but does not decide */
    const appCorrection c = {.field = "tax_paid", .year = 2024, .value = "5000", .evidence = "区税务局核实答复"};
    assert_int_equal(appObjectionUphold(&out, s, &reviewer, id, &c, NULL, T0), GH_EREFUSED);
    assert_int_equal(appObjectionUphold(&out, s, &clerk, id, &c, NULL, T0 + 180), 0);
    /* the fact is corrected in the directory (future runs read it) */
    money m;
    assert_int_equal(taxOf(s, A, &m), 0);
    assert_int_equal(m, 500000);
    /* re-typed with the run's parameters: growth by A1.3.2(2)B; the public reads the correction */
    const seen now = published(s, A);
    assert_int_equal(now.type, TYPE_GROWTH);
    assert_true(now.corrected);
    assert_non_null(strstr(now.reasons, "GROWTH.B"));
    int64_t growth = 0;
    assert_int_equal(storeCountBy(s, now.run_id, NULL, countGrowth, &growth), 0);
    assert_int_equal(growth, 1);
    /* both results kept, with their explanations, and the correction recorded */
    assert_int_equal(storeTypingObjectionGet(s, id, &ar, &o), 0);
    assert_int_equal(o.status, TOBJ_UPHELD);
    assert_int_equal(o.old_type, TYPE_SURVIVAL);
    assert_int_equal(o.new_type, TYPE_GROWTH);
    assert_non_null(strstr(o.old_reasons, "SURVIVAL.DEFAULT"));
    assert_non_null(strstr(o.new_reasons, "GROWTH.B"));
    sbuf j;
    sbufInit(&j);
    assert_int_equal(appObjectionJson(&j, s, &o, TODAY + 3), 0);
    cJSON *v = cJSON_ParseWithLength(j.data, j.len);
    assert_non_null(v);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "old_result"), "type")->valuestring, "survival");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "new_result"), "type")->valuestring, "growth");
    cJSON *corr = cJSON_GetArrayItem(cJSON_GetObjectItem(v, "corrections"), 0);
    assert_string_equal(cJSON_GetObjectItem(corr, "old_value")->valuestring, "1000.00");
    assert_string_equal(cJSON_GetObjectItem(corr, "new_value")->valuestring, "5000");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(v, "files")), 1);
    assert_int_equal(cJSON_GetObjectItem(v, "age_days")->valueint, 3);
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(v, "overdue"))); /* decided: never overdue */
    cJSON_Delete(v);
    sbufFree(&j);
    /* decided: nothing more can be done */
    assert_int_equal(appObjectionReject(&out, s, &clerk, id, "no", T0), GH_EREFUSED);
    /* file, evidence, verify, answer, uphold */
    assert_int_equal(audits(s), 5);
    /* the other business is untouched */
    assert_int_equal(published(s, B).type, TYPE_SURVIVAL);
    assert_false(published(s, B).corrected);
    arenaFree(&ar);
}

/* A1.2.3: rejected with a written reply citing the article; the result stays. */
static void test_rejected(void **state) {
    store *s = *state;
    appObjOutcome out;
    const appObjWho me = owner(B);
    /* not for another's business, not for a year without a published result */
    assert_int_equal(appObjectionFile(&out, s, &me, A, 2025, "MISSED.GROWTH.A", "x", TODAY, T0), GH_EREFUSED);
    assert_int_equal(appObjectionFile(&out, s, &me, B, 2024, "MISSED.GROWTH.A", "x", TODAY, T0), GH_EREFUSED);
    assert_int_equal(appObjectionFile(&out, s, &me, B, 2025, "NO.SUCH", "x", TODAY, T0), GH_EINVAL);
    assert_int_equal(appObjectionFile(&out, s, &me, B, 2025, "MISSED.GROWTH.A", "营业收入应为35万元", TODAY, T0), 0);
    const int64_t id = out.id;
    assert_int_equal(appObjectionReject(&out, s, &clerk, id, "   ", T0), GH_EINVAL);
    assert_int_equal(appObjectionReject(&out, s, &clerk, id, "年报所载营业收入为10万元，经核对无误。", T0 + 60), 0);
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection o;
    assert_int_equal(storeTypingObjectionGet(s, id, &ar, &o), 0);
    assert_int_equal(o.status, TOBJ_REJECTED);
    assert_non_null(strstr(o.reply, "A1.2.3"));
    assert_non_null(strstr(o.reply, "A1.3.2(2)A"));
    assert_non_null(strstr(o.reply, "经核对无误"));
    assert_int_equal(published(s, B).type, TYPE_SURVIVAL);
    assert_false(published(s, B).corrected);
    assert_false(appObjectionMayRead(&(appObjWho){.role_bit = ROLE_BUSINESS, .uscc = A}, &o));
    assert_int_equal(audits(s), 2);
    arenaFree(&ar);
}

static int countObj(void *ctx, const storeTypingObjection *o) {
    (void)o;
    ++*(int *)ctx;
    return 0;
}

/* The queue: age, overdue after the parameter's days, the department's own list. */
static void test_queue_overdue(void **state) {
    store *s = *state;
    appObjOutcome out;
    const appObjWho a = owner(A), b = owner(B);
    assert_int_equal(appObjectionFile(&out, s, &a, A, 2025, "MISSED.GROWTH.C", "参保人数应为2人", TODAY, T0), 0);
    assert_int_equal(appObjectionAskVerify(&out, s, &clerk, out.id, TODAY, T0), 0);
    assert_int_equal(appObjectionFile(&out, s, &b, B, 2025, "MISSED.GROWTH.A", "x", TODAY + 20, T0), 0);
    int n = 0;
    int64_t total = 0;
    storeTObjFilter f = {.overdue_at = TODAY + 31};
    assert_int_equal(storeEachTypingObjection(s, &f, countObj, &n, &total), 0);
    assert_int_equal(n, 1); /* the first, 31 days after filing; the second is 11 days old */
    assert_int_equal(total, 1);
    n = 0;
    f = (storeTObjFilter){.department = "区人力资源社会保障局", .overdue_at = DATE_NONE};
    assert_int_equal(storeEachTypingObjection(s, &f, countObj, &n, NULL), 0);
    assert_int_equal(n, 1);
    /* the department's answer is late 11 days after the request; the reply 31 days after filing */
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection o;
    assert_int_equal(storeTypingObjectionGet(s, 1, &ar, &o), 0);
    sbuf j;
    sbufInit(&j);
    assert_int_equal(appObjectionJson(&j, s, &o, TODAY + 11), 0);
    assert_non_null(strstr(j.data, "\"verify_overdue\":true"));
    assert_non_null(strstr(j.data, "\"overdue\":false"));
    sbufClear(&j);
    assert_int_equal(appObjectionJson(&j, s, &o, TODAY + 31), 0);
    assert_non_null(strstr(j.data, "\"overdue\":true"));
    assert_non_null(strstr(j.data, "\"age_days\":31"));
    sbufFree(&j);
    arenaFree(&ar);
    n = 0;
    f = (storeTObjFilter){.statuses = 1u << TOBJ_FILED, .overdue_at = DATE_NONE, .limit = 1, .offset = 0};
    assert_int_equal(storeEachTypingObjection(s, &f, countObj, &n, &total), 0);
    assert_int_equal(n, 1);
    assert_int_equal(total, 1);
}

/* Decision 103: facts the clerks' own bureau holds (annual reports) are verified by a clerk. */
static void test_self_department(void **state) {
    store *s = *state;
    appObjOutcome out;
    const appObjWho b = owner(B);
    assert_int_equal(appObjectionFile(&out, s, &b, B, 2025, "MISSED.GROWTH.A", "营业收入应为35万元", TODAY, T0), 0);
    const int64_t id = out.id;
    assert_int_equal(appObjectionAnswer(&out, s, &clerk, id, true, NULL, NULL, T0), GH_EREFUSED); /* not asked yet */
    assert_int_equal(appObjectionAskVerify(&out, s, &clerk, id, TODAY, T0), 0);
    assert_int_equal(appObjectionAskVerify(&out, s, &clerk, id, TODAY, T0), GH_EREFUSED); /* asked once */
    assert_int_equal(appObjectionAnswer(&out, s, &tax, id, true, NULL, NULL, T0), GH_ENOTFOUND);
    assert_int_equal(appObjectionAnswer(&out, s, &clerk, id, true, NULL, "年报数据与系统一致", T0), 0);
    assert_int_equal(appObjectionAnswer(&out, s, &clerk, id, true, NULL, NULL, T0), GH_EREFUSED); /* answered */
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeTypingObjection o;
    assert_int_equal(storeTypingObjectionGet(s, id, &ar, &o), 0);
    assert_string_equal(o.department, APP_OBJECTION_SELF_DEPARTMENT);
    assert_int_equal(o.answer, TOBJ_ANSWER_CORRECT);
    assert_int_equal(o.status, TOBJ_VERIFYING);
    /* decided after the verification: rejected, the result stays */
    assert_int_equal(appObjectionReject(&out, s, &clerk, id, "经核实，年报数据无误。", T0), 0);
    assert_int_equal(published(s, B).type, TYPE_SURVIVAL);
    assert_int_equal(audits(s), 4);
    arenaFree(&ar);
}

/* Corrections applied to a dossier: each field, and refusals naming the field. */
static void test_correction_fields(void **state) {
    (void)state;
    dossier d;
    dossierInit(&d);
    const dInterval iv = {dateFromYmd(2024, 3, 1), DATE_NONE};
    d.abnormal_list = (dIntervals){&iv, 1};
    arena ar;
    arenaInit(&ar, 4096, 0);
    const char *kind;
    char old[64], msg[256];
    appCorrection c = {.field = "list_end", .key = "abnormal_list/2024-03-01", .value = "2024-06-01"};
    assert_int_equal(appCorrectionApply(&d, &c, &ar, &kind, old, sizeof old, msg, sizeof msg), 0);
    assert_string_equal(kind, "abnormal_list");
    assert_int_equal(d.abnormal_list.v[0].to, dateFromYmd(2024, 6, 1));
    assert_int_equal(iv.to, DATE_NONE); /* the caller's arrays are not written */
    c = (appCorrection){.field = "revenue", .year = 2024, .value = "350000"};
    assert_int_equal(appCorrectionApply(&d, &c, &ar, &kind, old, sizeof old, msg, sizeof msg), 0);
    assert_int_equal(d.n_annual_reports, 1);
    assert_int_equal(d.annual_reports[0].revenue, 35000000);
    assert_string_equal(old, "");
    c = (appCorrection){.field = "patent", .key = "ZL2020", .value = "operator"};
    assert_int_equal(appCorrectionApply(&d, &c, &ar, &kind, old, sizeof old, msg, sizeof msg), 0);
    assert_int_equal(d.n_patents, 1);
    c = (appCorrection){.field = "revenue", .value = "1"};
    assert_int_equal(appCorrectionApply(&d, &c, &ar, &kind, old, sizeof old, msg, sizeof msg), GH_EINVAL);
    assert_non_null(strstr(msg, "year"));
    c = (appCorrection){.field = "tax_registered", .value = "maybe"};
    assert_int_equal(appCorrectionApply(&d, &c, &ar, &kind, old, sizeof old, msg, sizeof msg), GH_EINVAL);
    c = (appCorrection){.field = "colour", .value = "x"};
    assert_int_equal(appCorrectionApply(&d, &c, &ar, &kind, old, sizeof old, msg, sizeof msg), GH_EINVAL);
    assert_string_equal(appObjectionKindOf("DEVELOPMENT.D"), "trademarks");
    assert_string_equal(appObjectionKindOf("MISSED.GROWTH.C"), "insurance");
    assert_null(appObjectionKindOf("GROWTH.D"));
    assert_string_equal(appObjectionDepartmentOf("patents"), "区知识产权局");
    assert_string_equal(appObjectionDepartmentOf("annual_reports"), APP_OBJECTION_SELF_DEPARTMENT);
    arenaFree(&ar);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_upheld, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_overdue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_department, setup, teardown),
        cmocka_unit_test(test_correction_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
