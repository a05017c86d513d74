/* app/measures*.c against a real store: entitlement changes recorded at publication,
 * who may record which status (decision 86), the worklist's query, and the coverage
 * figures (decision 92) on a district of four businesses whose figures are known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "store_fixture.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/measures.h"
#include "app/measures_coverage.h"
#include "app/measures_work.h"
#include "app/roles.h"
#include "app/run.h"
#include "core/error.h"
#include "rules_fixture.h"

static char dbPath[256];
static const int64_t T0 = 1764547200; /* 2025-12-01T00:00:00Z */
static const appActor who = {.name = "tester", .role = "admin", .client = "127.0.0.1"};
static char u[4][USCC_LEN + 1];

static void code(char out[USCC_LEN + 1], int n) {
    snprintf(out, USCC_LEN + 1, "92110115MA%07d", n);
    out[17] = usccCheckChar(out);
    out[18] = '\0';
}

static void business(store *s, const char *uscc, const char *town) {
    dossier d;
    dAnnualReport rep;
    fixtureGrowth(&d, &rep, 2025);
    memcpy(d.uscc, uscc, USCC_LEN + 1);
    d.name = "北京市大兴区措施商店";
    d.town = town;
    d.industry = "H6210";
    fixtureApply(s, &d, "dossier");
}

static int64_t run(store *s, int year, const bizType t[4]) {
    const storeRun info = {.year = year, .params_json = "{}", .params_sha256 = "0", .program_version = "t",
                           .actor = "t"};
    const int64_t by[4] = {0};
    int64_t id;
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(storeRunCreate(s, &info, &id), 0);
    for (int i = 0; i < 4; i++) assert_int_equal(storeResultAdd(s, id, u[i], t[i], "[]", 2), 0);
    assert_int_equal(storeRunFinish(s, id, 4, by), 0);
    assert_int_equal(storeCommit(s), 0);
    return id;
}

static int setup(void **state) {
    store *s;
    if (fixtureOpen(&s, dbPath, sizeof dbPath, "measures")) return -1;
    *state = s;
    return 0;
}

static int teardown(void **state) {
    fixtureRemove(*state, dbPath);
    return 0;
}

static int countAction(void *ctx, const storeAudit *e) {
    int *n = ctx;
    if (!strcmp(e->action, "measure.work")) n[0]++;
    if (!strcmp(e->action, "publish") && e->after && strstr(e->after, "\"measure_changes\":4")) n[1]++;
    return 0;
}

static const appCoverageRow *row(const appCoverage *c, const char *measure_id, const char *department) {
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->rows[i].measure, measure_id) && !strcmp(c->rows[i].department, department)) return &c->rows[i];
    fail_msg("no coverage row %s %s", measure_id, department);
    return NULL;
}

/* 2024: survival, growth, growth, development; 2025: growth, survival, survival,
 * ineligible. Towns: 黄村镇, 黄村镇, 西红门镇, 黄村镇. */
static void test_publication_work_and_coverage(void **state) {
    store *s = *state;
    const char *towns[4] = {"黄村镇", "黄村镇", "西红门镇", "黄村镇"};
    for (int i = 0; i < 4; i++) code(u[i], 4400 + i), business(s, u[i], towns[i]);
    const bizType t24[4] = {TYPE_SURVIVAL, TYPE_GROWTH, TYPE_GROWTH, TYPE_DEVELOPMENT};
    const bizType t25[4] = {TYPE_GROWTH, TYPE_SURVIVAL, TYPE_SURVIVAL, TYPE_INELIGIBLE};
    int year;
    assert_int_equal(appPublish(s, &who, run(s, 2024, t24), &year), 0);
    const int64_t r25 = run(s, 2025, t25);
    assert_int_equal(appPublish(s, &who, r25, &year), 0);
    int audits[2] = {0, 0};
    assert_int_equal(storeEachAudit(s, NULL, 1000, countAction, audits), 0);
    assert_int_equal(audits[1], 1); /* the publication says how many changed: all four */

    /* entitlements on read: the latest published year */
    appEntitlement e;
    const civilDate on = dateFromYmd(2025, 12, 1);
    assert_int_equal(appEntitlementOf(s, u[0], on, &e), 0);
    assert_true(e.published);
    assert_int_equal(e.year, 2025);
    assert_int_equal(e.type, TYPE_GROWTH);
    assert_int_equal(e.mask, 0xFu << 5); /* A2(二)1–4 */
    assert_int_equal(appEntitlementOf(s, u[3], on, &e), 0);
    assert_int_equal(e.mask, 0);

    /* who may record what */
    appWorker hr, town, clerk;
    assert_int_equal(appWorkerOf(&hr, ROLE_DEPARTMENT, "区人力社保局"), 0);
    assert_string_equal(hr.unit, "区人力资源社会保障局");
    assert_int_equal(appWorkerOf(&town, ROLE_TOWN, "黄村镇"), 0);
    assert_int_equal(appWorkerOf(&clerk, ROLE_CLERK, NULL), 0);
    assert_string_equal(clerk.unit, "区市场监督管理局");
    assert_int_equal(appWorkerOf(&clerk, ROLE_REVIEWER, NULL), GH_EINVAL);
    assert_int_equal(appWorkerOf(&clerk, ROLE_CLERK, NULL), 0);
    const int64_t now = T0;
    assert_int_equal(appWorkMark(s, &who, &hr, u[0], "A2(二)1", MWORK_SERVED, on, "发放指引", now), 0);
    assert_int_equal(appWorkMark(s, &who, &hr, u[1], "A2(二)1", MWORK_SERVED, on, NULL, now), GH_EREFUSED);
    assert_int_equal(appWorkMark(s, &who, &hr, u[0], "A2(二)4", MWORK_SERVED, on, NULL, now), GH_EREFUSED);
    assert_int_equal(appWorkMark(s, &who, &hr, u[0], "A9(一)1", MWORK_SERVED, on, NULL, now), GH_EINVAL);
    char nobody[USCC_LEN + 1];
    code(nobody, 4499);
    assert_int_equal(appWorkMark(s, &who, &hr, nobody, "A2(二)1", MWORK_SERVED, on, NULL, now), GH_ENOTFOUND);
    assert_int_equal(appWorkMark(s, &who, &town, u[2], "A2(一)2", MWORK_SERVED, on, NULL, now), GH_EREFUSED);
    assert_int_equal(appWorkMark(s, &who, &town, u[1], "A2(一)2", MWORK_SERVED, on, NULL, now), 0);
    assert_int_equal(appWorkMark(s, &who, &town, u[1], "A2(一)3", MWORK_SERVED, on, NULL, now), GH_EREFUSED);
    assert_int_equal(appWorkMark(s, &who, &clerk, u[0], "A2(二)4", MWORK_CONTACTED, on, NULL, now), 0);
    audits[0] = audits[1] = 0;
    assert_int_equal(storeEachAudit(s, NULL, 1000, countAction, audits), 0);
    assert_int_equal(audits[0], 3); /* one entry per status recorded, none for a refusal */

    /* the worklist's query */
    storeWorkQuery q;
    appWorkFilter f = {.measure = "A2(二)1", .type = -1, .category = -1, .status = -1, .limit = 50};
    int64_t n;
    assert_int_equal(appWorkQuery(&q, &hr, &f, r25, on), 0);
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 1);
    f.measure = "A2(二)4";
    assert_int_equal(appWorkQuery(&q, &hr, &f, r25, on), GH_EREFUSED);
    f.measure = "A2(一)2", f.town = "西红门镇";
    assert_int_equal(appWorkQuery(&q, &town, &f, r25, on), 0);
    assert_string_equal(q.town, "黄村镇"); /* a town sees its own town only */
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 1);
    f.sort = "planet";
    assert_int_equal(appWorkQuery(&q, &town, &f, r25, on), GH_EINVAL);
    f.sort = NULL, f.measure = "A2(一)2", f.type = TYPE_GROWTH;
    assert_int_equal(appWorkQuery(&q, &town, &f, r25, on), GH_EINVAL); /* a survival measure has no growth */
    f.type = -1, f.category = CAT_FAMOUS; /* the famous among the survival businesses: none recognised here */
    assert_int_equal(appWorkQuery(&q, &town, &f, r25, on), 0);
    assert_int_equal(storeWorkCount(s, &q, &n), 0);
    assert_int_equal(n, 0);
    appWorker culture;
    assert_int_equal(appWorkerOf(&culture, ROLE_DEPARTMENT, "区文旅局"), 0);
    f = (appWorkFilter){.measure = "A4(一)1", .type = -1, .category = CAT_QUALITY, .status = -1, .limit = 50};
    assert_int_equal(appWorkQuery(&q, &culture, &f, r25, on), GH_EINVAL); /* a famous measure, quality holders */
    f.category = -1;
    assert_int_equal(appWorkQuery(&q, &culture, &f, r25, on), 0);
    assert_int_equal(q.category, CAT_FAMOUS);

    /* the export: the header and the one row, text only */
    f = (appWorkFilter){.measure = "A2(二)1", .type = -1, .category = -1, .status = -1, .limit = 50};
    assert_int_equal(appWorkQuery(&q, &hr, &f, r25, on), 0);
    FILE *csv = tmpfile();
    assert_non_null(csv);
    int64_t rows;
    assert_int_equal(appWorkExport(s, &q, false, csv, NULL, &rows), 0);
    assert_int_equal(rows, 1);
    rewind(csv);
    char line[512];
    assert_non_null(fgets(line, sizeof line, csv));
    assert_non_null(strstr(line, "统一社会信用代码"));
    assert_non_null(fgets(line, sizeof line, csv));
    assert_non_null(strstr(line, u[0]));
    assert_non_null(strstr(line, "已服务"));
    fclose(csv);

    /* coverage: served / entitled per measure and responsible department */
    appCoverage c;
    assert_int_equal(appCoverageCompute(&c, s, r25, on), 0);
    assert_int_equal(c.entitled_any, 3);
    const appCoverageRow *r = row(&c, "A2(二)1", "区人力资源社会保障局");
    assert_int_equal(r->entitled, 1);
    assert_int_equal(r->served, 1);
    r = row(&c, "A2(二)1", "区市场监管局");
    assert_int_equal(r->entitled, 1);
    assert_int_equal(r->served, 0);
    r = row(&c, "A2(二)4", "区市场监管局");
    assert_int_equal(r->served, 0); /* contacted is not served */
    r = row(&c, "A2(一)2", "黄村镇");
    assert_true(r->town);
    assert_int_equal(r->entitled, 1);
    assert_int_equal(r->served, 1);
    r = row(&c, "A2(一)2", "西红门镇");
    assert_int_equal(r->entitled, 1);
    assert_int_equal(r->served, 0);
    r = row(&c, "A2(一)2", "区财政局");
    assert_int_equal(r->entitled, 2);
    r = row(&c, "A2(三)1", "各相关部门");
    assert_int_equal(r->entitled, 0);
    sbuf b;
    sbufInit(&b);
    appCoverageJson(&b, &c, 2025, r25);
    sbufPutc(&b, '\0');
    assert_non_null(strstr(b.data, "\"entitled_any\":3"));
    sbufFree(&b);
    char xlsx[80];
    snprintf(xlsx, sizeof xlsx, "/tmp/getihu-coverage-%d.xlsx", (int)getpid());
    assert_int_equal(appCoverageXlsx(&c, 2025, xlsx), 0);
    assert_int_equal(access(xlsx, R_OK), 0);
    unlink(xlsx);
    appCoverageFree(&c);
}

static int seeCategory(void *ctx, const storeMeasureChange *c) {
    storeMeasureChange *out = ctx;
    *out = *c;
    out->ref = out->uscc = out->at = NULL; /* the callback's strings do not outlive it */
    return 0;
}

/* Decision 90: a recognition that starts (or ends) records the category added (or
 * removed), with the published type; a correction is recorded as given. */
static void test_category_and_correction_notes(void **state) {
    store *s = *state;
    code(u[0], 4500), business(s, u[0], "黄村镇");
    for (int i = 1; i < 4; i++) code(u[i], 4500 + i), business(s, u[i], "黄村镇");
    const bizType t[4] = {TYPE_GROWTH, TYPE_GROWTH, TYPE_SURVIVAL, TYPE_SURVIVAL};
    int year;
    assert_int_equal(appPublish(s, &who, run(s, 2025, t), &year), 0);
    const civilDate on = dateFromYmd(2025, 12, 1);
    assert_int_equal(storeBegin(s), 0);
    assert_int_equal(appEntitlementCategory(s, u[0], "2025-0001", CAT_QUALITY, true, on, T0), 0);
    assert_int_equal(appEntitlementNote(s, MCHANGE_CORRECTION, "objection 7", u[1], TYPE_GROWTH, 0, TYPE_SURVIVAL, 0,
                                        T0), 0);
    assert_int_equal(storeCommit(s), 0);
    storeMeasureChange c;
    memset(&c, 0, sizeof c);
    assert_int_equal(storeEachMeasureChange(s, MCHANGE_CATEGORY, "2025-0001", 0, 10, seeCategory, &c), 0);
    assert_int_equal(c.before_type, TYPE_GROWTH);
    assert_int_equal(c.after_type, TYPE_GROWTH);
    assert_int_equal(c.before_held, 0);
    assert_int_equal(c.after_held, 1u << CAT_QUALITY);
    memset(&c, 0, sizeof c);
    assert_int_equal(storeEachMeasureChange(s, MCHANGE_CORRECTION, "objection 7", 0, 10, seeCategory, &c), 0);
    assert_int_equal(c.before_type, TYPE_GROWTH);
    assert_int_equal(c.after_type, TYPE_SURVIVAL);
    /* what the change means, through the catalogue: growth measures lost, survival's gained */
    uint32_t before, after;
    const measureCatalogue *cat = measuresShipped(NULL);
    assert_int_equal(measuresEntitled(&before, cat, TYPE_GROWTH, 0), 0);
    assert_int_equal(measuresEntitled(&after, cat, TYPE_SURVIVAL, 0), 0);
    assert_int_equal(before & ~after, 0xFu << 5);
    assert_int_equal(after & ~before, 0x1Fu);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_publication_work_and_coverage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_category_and_correction_notes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
