/* store/search_sql.c: the staff search's statement built once and spelled by each
 * backend's dialect — parameters and dialect pieces where they belong, no '@' left,
 * the scope's facts and lists, and a refusal (never a cut statement) when the buffer
 * is too short. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/error.h"
#include "store/search_sql.h"

static const char *nameMatch(const char *text) { return strlen(text) >= 6 ? "b.name LIKE @2" : "NAME(@2)"; }

static const char *const codes[LIST__COUNT] = {"L0", "L1", "L2", "L3", "L4"};

static const searchDialect dialect = {
    .param = {"", "<1>", "<2>", "<3>", "<4>", "<5>", "<6>", "<7>", "<8>", "<9>"},
    .run_named = "RUN(<1>)",
    .no_fact = "NOFACT",
    .tax_flags = "TAXFLAGS",
    .order_name = "NAMEORDER",
    .list_codes = codes,
    .name_match = nameMatch,
};

static int count(const char *hay, const char *needle) {
    int k = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++) k++;
    return k;
}

static void test_count_every_business(void **state) {
    (void)state;
    storeSearchQuery q = {.type = STORE_TYPE_ANY, .status = -1, .all = true};
    char sql[4096];
    assert_int_equal(searchSqlBuild(sql, sizeof sql, &dialect, &q, true), 0);
    assert_string_equal(sql, "SELECT count(*) FROM businesses b WHERE <2> IS NULL AND <3> IS NULL AND <4> IS NULL AND "
                             "<5> IS NULL AND <6> IS NULL AND <7> IS NULL AND RUN(<1>)");
}

static void test_page_with_filters(void **state) {
    (void)state;
    storeSearchQuery q = {.text = "张", .town = "黄村镇", .industry = "H62", .type = 1, .status = 0, .all = true,
                          .sort = STORE_SORT_NAME, .limit = 20};
    char sql[4096];
    assert_int_equal(searchSqlBuild(sql, sizeof sql, &dialect, &q, false), 0);
    assert_null(strchr(sql, '@'));
    assert_non_null(strstr(sql, "WHERE NAME(<2>) AND b.town=<3> AND substr(b.industry,1,1)=substr(<4>,1,1)"));
    assert_non_null(strstr(sql, "b.status=<7>"));
    assert_non_null(strstr(sql, "ORDER BY NAMEORDER LIMIT <8> OFFSET <9>"));
    assert_int_equal(count(sql, "NAMEORDER"), 2); /* the inner page and the outer order */
    /* narrowed by other filters: the type probed per candidate */
    assert_non_null(strstr(sql, "<6> IS NOT NULL AND EXISTS(SELECT 1 FROM results x WHERE x.run_id=<1>"));
    q.text = "某某某小吃店", q.town = NULL, q.industry = NULL; /* the type's list drives the search */
    assert_int_equal(searchSqlBuild(sql, sizeof sql, &dialect, &q, false), 0);
    assert_non_null(strstr(sql, "b.name LIKE <2>"));
    q.text = NULL;
    assert_int_equal(searchSqlBuild(sql, sizeof sql, &dialect, &q, false), 0);
    assert_non_null(strstr(sql, "b.uscc IN (SELECT x.uscc FROM results x WHERE x.run_id=<1> AND x.type=<6>"));
}

static void test_scope(void **state) {
    (void)state;
    storeSearchQuery q = {.type = STORE_TYPE_ANY, .status = -1, .targets = FACT_TAX_FLAGS | FACT_INTERVAL,
                          .lists = 1u << 2 | 1u << 4};
    char sql[4096];
    assert_int_equal(searchSqlBuild(sql, sizeof sql, &dialect, &q, true), 0);
    assert_non_null(strstr(sql, " AND (NOFACT OR TAXFLAGS OR EXISTS(SELECT 1 FROM intervals t WHERE t.uscc=b.uscc "
                                "AND t.list IN ('','L2','L4')))"));
    q.targets |= FACT_REGISTRATION; /* registration: every business, no scope condition */
    assert_int_equal(searchSqlBuild(sql, sizeof sql, &dialect, &q, true), 0);
    assert_null(strstr(sql, "NOFACT"));
}

static void test_too_short(void **state) {
    (void)state;
    storeSearchQuery q = {.type = STORE_TYPE_ANY, .status = -1, .all = true, .limit = 20};
    char full[4096], small[4096];
    assert_int_equal(searchSqlBuild(full, sizeof full, &dialect, &q, false), 0);
    const size_t n = strlen(full);
    assert_int_equal(searchSqlBuild(small, n + 1, &dialect, &q, false), 0); /* exactly fits */
    assert_string_equal(small, full);
    assert_int_equal(searchSqlBuild(small, n, &dialect, &q, false), GH_EINVAL);
    assert_int_equal(searchSqlBuild(small, 10, &dialect, &q, true), GH_EINVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_every_business),
        cmocka_unit_test(test_page_with_filters),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_too_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
