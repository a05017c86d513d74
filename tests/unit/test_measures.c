/* The shipped measures catalogue against the scheme (annex parts 二 and 四), the
 * loader's refusals (io/measures.c), and the one list of departments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/departments.h"
#include "app/measures.h"
#include "core/error.h"
#include "io/measures.h"
#include "rules/department_names.h"

/* Typed again from the scheme, independently of measures/beijing-daxing.txt:
 * article, for, heading, every responsible department in order of appearance. */
static const struct {
    const char *id, *target, *title, *depts;
} scheme[] = {
    {"A2(一)1", "survival", "优化登记、许可服务", "区市场监管局|相关行政许可部门"},
    {"A2(一)2", "survival", "降低经营成本", "区财政局|区税务局|各镇街"},
    {"A2(一)3", "survival", "强化创业扶持", "区人力资源社会保障局"},
    {"A2(一)4", "survival", "加强困难帮扶", "区人力资源社会保障局|区农业农村局|区退役军人事务局"},
    {"A2(一)5", "survival", "推动柔性执法", "各相关执法部门"},
    {"A2(二)1", "growth", "加大用工支持力度", "区人力资源社会保障局|区市场监管局"},
    {"A2(二)2", "growth", "推动自愿参保", "区人力资源社会保障局"},
    {"A2(二)3", "growth", "加强金融支持", "区发展改革委|区商务局"},
    {"A2(二)4", "growth", "完善信用监管机制", "区市场监管局"},
    {"A2(三)1", "development", "引导规范经营", "各相关部门"},
    {"A2(三)2", "development", "支持转型升级", "区市场监管局|区经信局"},
    {"A2(三)3", "development", "支持创新创造", "区商务局|区市场监管局|区产促中心"},
    {"A4(一)1", "famous", "支持品牌创建", "区文化和旅游局"},
    {"A4(一)2", "famous", "加强品牌宣传", "区商务局|各镇街"},
    {"A4(一)3", "famous", "提升品牌价值",
     "区农业农村局|区经信局|区商务局|区民政局|区人力资源社会保障局|区文化和旅游局|区体育局|区市场监管局"},
    {"A4(一)4", "famous", "强化品牌保护", "区市场监管局"},
    {"A4(二)1", "characteristic", "打造产业集群", "各镇街"},
    {"A4(二)2", "characteristic", "推广全生命周期服务", "各相关部门"},
    {"A4(二)3", "characteristic", "加强产品推广", "区商务局|各镇街|区文化和旅游局|区农业农村局"},
    {"A4(二)4", "characteristic", "促进活动展销", "区商务局|各镇街"},
    {"A4(三)1", "quality", "支持技艺传承", "区教委|区文化和旅游局|区人力资源社会保障局"},
    {"A4(三)2", "quality", "加强服务供给", "区文化和旅游局|区税务局"},
    {"A4(三)3", "quality", "拓宽发展机遇", "区文化和旅游局|区商务局|各镇街"},
    {"A4(三)4", "quality", "激发文化价值", "区文化和旅游局|各镇街"},
    {"A4(四)1", "emerging", "提供经营指导", "区经信局|各相关部门"},
    {"A4(四)2", "emerging", "优化帮扶措施", "各镇街|各相关部门"},
    {"A4(四)3", "emerging", "推动产业融合", "各行业管理部门|区商务局"},
    {"A4(四)4", "emerging", "提高发展质量", "区市场监管局|区商务局"},
};

static void joinDepts(char *out, size_t n, const char *const *d, size_t nd) {
    out[0] = '\0';
    for (size_t i = 0; i < nd; i++) {
        if (i) strncat(out, "|", n - strlen(out) - 1);
        strncat(out, d[i], n - strlen(out) - 1);
    }
}

static void test_shipped_equals_the_scheme(void **state) {
    (void)state;
    const char *err;
    const measureCatalogue *c = measuresShipped(&err);
    if (!c) fail_msg("%s", err);
    assert_int_equal(c->n, sizeof scheme / sizeof scheme[0]);
    for (size_t i = 0; i < c->n; i++) {
        const measure *m = &c->items[i];
        char got[1024];
        assert_string_equal(m->id, scheme[i].id);
        assert_string_equal(measureForName(m->target), scheme[i].target);
        assert_string_equal(m->title, scheme[i].title);
        joinDepts(got, sizeof got, m->departments, m->n_departments);
        assert_string_equal(got, scheme[i].depts);
        /* the parts joined are the text; each part names its departments */
        char joined[8192] = "";
        for (size_t p = 0; p < m->n_parts; p++) {
            strncat(joined, m->parts[p].text, sizeof joined - strlen(joined) - 1);
            for (size_t d = 0; d < m->parts[p].n_departments; d++)
                assert_non_null(strstr(m->parts[p].text, m->parts[p].departments[d]));
        }
        assert_string_equal(joined, m->text);
        /* the text ends with the parenthesis of the division of work */
        const size_t k = strlen(m->text);
        assert_true(k > 6);
        assert_true(!strcmp(m->text + k - 3, "）") || !strcmp(m->text + k - 6, "）。"));
        assert_null(strstr(m->title, "。"));
        assert_null(strchr(m->text, '\n'));
    }
}

/* A2(二)1: subsidies to 人社, the association to 市场监管 (the scheme's own split). */
static void test_sentence_split(void **state) {
    (void)state;
    const measureCatalogue *c = measuresShipped(NULL);
    const measure *m = &c->items[measureIndex(c, "A2(二)1")];
    assert_int_equal(m->n_parts, 3);
    assert_string_equal(m->parts[1].departments[0], "区市场监管局");
    assert_non_null(strstr(m->parts[1].text, "私营个体经济协会"));
    assert_null(strstr(m->parts[0].text, "私营个体经济协会"));
    assert_non_null(strstr(m->parts[0].text, "岗位补贴"));
    assert_true(measurePartServedBy(&m->parts[0], MVIEW_DEPARTMENT, "区人力资源社会保障局"));
    assert_false(measurePartServedBy(&m->parts[1], MVIEW_DEPARTMENT, "区人力资源社会保障局"));
    /* the page break of the seed text is joined: one word */
    const measure *m2 = &c->items[measureIndex(c, "A2(二)2")];
    assert_non_null(strstr(m2->text, "政策上门集中宣讲"));
}

/* One list: every department the catalogue names is in the table, and every
 * account department is either named by a measure or supplies typing data. */
static void test_one_list_of_departments(void **state) {
    (void)state;
    const measureCatalogue *c = measuresShipped(NULL);
    for (size_t i = 0; i < c->n; i++)
        for (size_t d = 0; d < c->items[i].n_departments; d++) {
            const departmentName *n = departmentNameFind(c->items[i].departments[d]);
            assert_non_null(n);
            /* an account department of the catalogue is one the server accepts */
            if (n->flags & DEPT_ACCOUNT) assert_non_null(departmentCanonical(c->items[i].departments[d]));
            else assert_null(departmentCanonical(c->items[i].departments[d]));
        }
    assert_string_equal(departmentCanonical("区发展改革委"), "区发展和改革委员会");
    assert_string_equal(departmentCanonical("区产促中心"), "区产促中心");
    assert_null(departmentCanonical("各镇街"));
    assert_null(departmentCanonical("区市场监管局")); /* the clerk role (decision 85) */
    const char *collective[] = {"各镇街", "各相关部门", "各相关执法部门", "各行业管理部门", "相关行政许可部门"};
    for (size_t i = 0; i < 5; i++) assert_true(departmentNameFind(collective[i])->flags & DEPT_COLLECTIVE);
}

/* The shipped text with from replaced by to; checks the refusal names the line. */
static void expectRefused(const char *from, const char *to, const char *want, size_t delta) {
    const char *text, *path;
    size_t n;
    measuresBuiltin(&text, &n, &path);
    const char *at = strstr(text, from);
    assert_non_null(at);
    const size_t head = (size_t)(at - text), fl = strlen(from), tl = strlen(to);
    char *buf = malloc(n - fl + tl + 1);
    memcpy(buf, text, head);
    memcpy(buf + head, to, tl);
    memcpy(buf + head + tl, at + fl, n - head - fl);
    size_t line = 1 + delta; /* delta: the refused line within to */
    for (size_t i = 0; i < head; i++) line += text[i] == '\n';
    arena a;
    arenaInit(&a, 4096, 0);
    measureCatalogue c;
    char err[512], where[64];
    if (measuresParse(&c, &a, "m.txt", buf, n - fl + tl, err, sizeof err) != GH_EINVAL) fail_msg("accepted: %s", to);
    snprintf(where, sizeof where, "m.txt:%zu: ", line);
    if (strncmp(err, where, strlen(where)) || !strstr(err, want)) fail_msg("got \"%s\", want %s…%s", err, where, want);
    arenaFree(&a);
    free(buf);
}

static void test_refusals_name_the_line(void **state) {
    (void)state;
    expectRefused("by 区发展改革委\n", "by 区发展改革局\n", "unknown department \"区发展改革局\"", 0);
    expectRefused("measure A2(一)3\n", "measure A2(一)2\n", "repeated", 0);
    expectRefused("measure A2(一)3\n", "measure A2(一)4\n", "A2(一)3 missing", 0);
    expectRefused("for growth\ntitle 推动自愿参保", "for survival\ntitle 推动自愿参保", "for growth, not survival", 0);
    expectRefused("for growth\ntitle 推动自愿参保", "for giant\ntitle 推动自愿参保", "unknown \"giant\"", 0);
    expectRefused("text 按照有关规定，对符合条件的个体经营者提供集体经营场所资源（各镇街负责）。", "text", "text: empty", 0);
    expectRefused("text 按照有关规定，对符合条件的个体经营者提供集体经营场所资源（各镇街负责）。",
                  "text 按照有关规定。", "does not name its department 各镇街", 0);
    expectRefused("title 推动柔性执法\n", "title 推动柔性执法\ntitle 又一个\n", "title: repeated", 1);
    expectRefused("title 推动柔性执法\n", "titel 推动柔性执法\n", "unknown line \"titel\"", 0);
    expectRefused("by 各镇街\ntext 按照", "by 各镇街\nby 各镇街\ntext 按照", "previous by has no text", 1);
    expectRefused("by 区市场监管局、相关行政许可部门\n", "by 区市场监管局、、相关行政许可部门\n", "empty department", 0);
}

static void test_truncated_and_empty(void **state) {
    (void)state;
    const char *text, *path;
    size_t n;
    measuresBuiltin(&text, &n, &path);
    const char *cut = strstr(text, "measure A4(四)1");
    arena a;
    arenaInit(&a, 4096, 0);
    measureCatalogue c;
    char err[512];
    assert_int_equal(measuresParse(&c, &a, "m.txt", text, (size_t)(cut - text), err, sizeof err), GH_EINVAL);
    assert_non_null(strstr(err, "A4(四)1 missing"));
    assert_int_equal(measuresParse(&c, &a, "m.txt", "", 0, err, sizeof err), GH_EINVAL);
    assert_non_null(strstr(err, "A2(一)1 missing"));
    assert_int_equal(measuresParse(&c, &a, "m.txt", "title x\n", 8, err, sizeof err), GH_EINVAL);
    assert_string_equal(err, "m.txt:1: expected \"measure <article>\" first");
    arenaFree(&a);
}

/* Deterministic mutation fuzzing: random byte edits either parse into a valid
 * catalogue (28 measures, texts the parts joined) or are refused with a line. */
static void test_fuzz_loader(void **state) {
    (void)state;
    const char *text, *path;
    size_t n;
    measuresBuiltin(&text, &n, &path);
    char *buf = malloc(n + 1);
    uint32_t seed = 12345;
    const char *env = getenv("GETIHU_FUZZ_ITERATIONS");
    const long iters = env ? atol(env) / 100 + 1 : 2000;
    for (long it = 0; it < iters; it++) {
        memcpy(buf, text, n);
        for (int k = 0; k < 1 + (int)(seed % 4); k++) {
            seed = seed * 1103515245u + 12345u;
            const size_t at = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            const char pool[] = "\n #、measurebytext\0x\xe5";
            buf[at] = pool[(seed >> 8) % (sizeof pool - 1)];
        }
        arena a;
        arenaInit(&a, 4096, 0);
        measureCatalogue c;
        char err[512];
        const int rc = measuresParse(&c, &a, "f.txt", buf, n, err, sizeof err);
        if (rc == 0) {
            assert_int_equal(c.n, MEASURES_COUNT);
            for (size_t i = 0; i < c.n; i++) assert_true(c.items[i].n_parts > 0 && c.items[i].text[0]);
        } else {
            assert_int_equal(rc, GH_EINVAL);
            assert_int_equal(strncmp(err, "f.txt:", 6), 0);
        }
        arenaFree(&a);
    }
    free(buf);
}

static void test_json_line(void **state) {
    (void)state;
    const measureCatalogue *c = measuresShipped(NULL);
    sbuf b;
    sbufInit(&b);
    measureWriteJson(&b, &c->items[measureIndex(c, "A2(二)3")]);
    sbufPutc(&b, '\0');
    assert_int_equal(strncmp(b.data, "{\"id\":\"A2(二)3\",\"for\":\"growth\",\"title\":\"加强金融支持\",\"text\":\"支持个体工商户融资，", strlen("{\"id\":\"A2(二)3\",\"for\":\"growth\",\"title\":\"加强金融支持\",\"text\":\"支持个体工商户融资，")), 0);
    assert_non_null(strstr(b.data, "（区商务局负责）。\",\"departments\":[\"区发展改革委\",\"区商务局\"]}"));
    sbufFree(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_equals_the_scheme),
        cmocka_unit_test(test_sentence_split),
        cmocka_unit_test(test_one_list_of_departments),
        cmocka_unit_test(test_refusals_name_the_line),
        cmocka_unit_test(test_truncated_and_empty),
        cmocka_unit_test(test_fuzz_loader),
        cmocka_unit_test(test_json_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
