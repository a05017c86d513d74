/* app/: roles listed once, parameters loaded once, the statistics document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "app/params.h"
#include "app/roles.h"
#include "app/stats.h"
#include "core/error.h"

static void test_roles(void **state) {
    (void)state;
    size_t n;
    const roleInfo *all = roleAll(&n);
    assert_int_equal(n, 8); /* town: issue 10 */
    unsigned seen = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(roleBit(all[i].name), all[i].bit);
        assert_int_equal(seen & all[i].bit, 0); /* one bit each */
        seen |= all[i].bit;
        assert_true(strlen(all[i].label) > 0);
    }
    assert_int_equal(seen, ROLE_STAFF | ROLE_BANK | ROLE_BUSINESS | ROLE_TOWN);
    assert_int_equal(roleBit("root"), 0);
    assert_int_equal(roleBit(NULL), 0);
    assert_int_equal(roleBit("Admin"), 0);
    char names[128];
    assert_int_equal(roleNames(names, sizeof names, "/"), strlen("admin/clerk/reviewer/department/inspector/bank/business/town"));
    assert_string_equal(names, "admin/clerk/reviewer/department/inspector/bank/business/town");
    char small[8];
    roleNames(small, sizeof small, "/");
    assert_string_equal(small, "admin/c"); /* truncated, terminated */
}

static void test_params_shipped_and_given(void **state) {
    (void)state;
    yearParams p;
    char *text = NULL, err[256];
    const char *origin;
    assert_int_equal(appParamsLoad(&p, &text, &origin, 2025, NULL, 0, err, sizeof err), 0);
    assert_int_equal(p.year, 2025);
    assert_non_null(origin); /* the shipped file's path */
    assert_non_null(text);
    /* the copy it hands back is what a run stores: loading it again gives the same */
    yearParams q;
    assert_int_equal(appParamsLoad(&q, NULL, &origin, 2025, text, strlen(text), err, sizeof err), 0);
    assert_null(origin);
    assert_int_equal(q.year, 2025);
    assert_int_equal(appParamsLoad(&q, NULL, &origin, 2024, text, strlen(text), err, sizeof err), GH_ERANGE);
    assert_int_equal(q.year, 2025);
    free(text);
    assert_int_equal(appParamsLoad(&p, &text, &origin, 1999, NULL, 0, err, sizeof err), GH_ENOTFOUND);
    assert_null(text);
    const char bad[] = "{\"year\":2025,\"growth\":{\"revenue_min\":\"1\"}}";
    assert_int_equal(appParamsLoad(&p, &text, &origin, 2025, bad, strlen(bad), err, sizeof err), GH_EINVAL);
    assert_null(text);
    assert_true(strlen(err) > 0);
}

static void test_stats_document(void **state) {
    (void)state;
    appStats *st = calloc(1, sizeof *st);
    assert_non_null(st);
    st->year = 2025;
    st->run = 4;
    st->published = true;
    st->types[0] = 1, st->types[1] = 2, st->types[3] = 3, st->total = 6;
    st->towns.n = 1;
    strcpy(st->towns.keys[0], "黄村镇\"");
    st->towns.counts[0][1] = 2;
    st->have_prev = true;
    st->prev_run = 2;
    st->moves[0][4] = 1; /* none -> ineligible */
    st->moves[2][3] = 5; /* growth -> development */
    strcpy(st->published_at, "2025-08-01T02:00:00Z"); /* as of (issue 11 §4); no import: null */
    sbuf b;
    sbufInit(&b);
    statsJson(&b, st);
    assert_string_equal(b.data,
        "{\"year\":2025,\"run\":4,\"published\":true,\"total\":6,"
        "\"types\":{\"survival\":1,\"growth\":2,\"development\":0,\"ineligible\":3},"
        "\"by_town\":[{\"key\":\"黄村镇\\\"\",\"survival\":0,\"growth\":2,\"development\":0,\"ineligible\":0}],"
        "\"by_section\":[],"
        "\"transitions\":{\"from_year\":2024,\"from_run\":2,\"counts\":["
        "{\"from\":\"none\",\"to\":\"ineligible\",\"count\":1},{\"from\":\"growth\",\"to\":\"development\",\"count\":5}]},"
        "\"published_at\":\"2025-08-01T02:00:00Z\",\"latest_import_at\":null}");
    sbufClear(&b);
    st->have_prev = false;
    statsJson(&b, st);
    assert_null(strstr(b.data, "transitions"));
    sbufFree(&b);
    free(st);
    assert_string_equal(statsCode(0), "none");
    assert_string_equal(statsCode(4), "ineligible");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_params_shipped_and_given),
        cmocka_unit_test(test_stats_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
