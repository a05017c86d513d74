/* http/routes.c: the one route table and its path patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "http/routes.h"

static const httpRoute *find(const char *method, const char *path, char params[][64]) {
    size_t off[HTTP_MAX_PARAMS], len[HTTP_MAX_PARAMS];
    const httpRoute *r = httpRouteFind(method, path, off, len);
    int k = 0;
    for (const char *p = r ? r->path : ""; params && (p = strchr(p, '{')); p++, k++)
        snprintf(params[k], 64, "%.*s", (int)len[k], path + off[k]);
    return r;
}

static void test_param_segments_are_extracted(void **state) {
    (void)state;
    char p[HTTP_MAX_PARAMS][64];
    const httpRoute *r = find("POST", "/api/runs/17/publish", p);
    assert_non_null(r);
    assert_string_equal(r->path, "/api/runs/{id}/publish");
    assert_ptr_equal(r->handler, apiRunPublish);
    assert_string_equal(p[0], "17");
    r = find("GET", "/api/businesses/92110115MA00001014", p);
    assert_non_null(r);
    assert_string_equal(r->path, "/api/businesses/{uscc}");
    assert_string_equal(p[0], "92110115MA00001014");
}

static void test_method_and_whole_path_must_match(void **state) {
    (void)state;
    assert_null(find("GET", "/api/runs/17/publish", NULL));   /* publish is POST only */
    assert_null(find("POST", "/api/runs/17/publish/x", NULL)); /* no trailing segments */
    assert_null(find("GET", "/api/businesses/", NULL));        /* a parameter is never empty */
    assert_null(find("GET", "/api/businesses/a/b", NULL));     /* nor spans segments */
    assert_null(find("GET", "/api/run", NULL));
    assert_null(find("GET", "/api/runsx", NULL));
    assert_null(find("PUT", "/api/session", NULL));
    assert_ptr_equal(find("POST", "/api/session", NULL)->handler, sessionLogin);
    assert_ptr_equal(find("DELETE", "/api/session", NULL)->handler, sessionLogout);
    assert_ptr_equal(find("HEAD", "/healthz", NULL)->handler, apiHealth); /* HEAD answers as GET */
}

static void test_every_row_is_well_formed(void **state) {
    (void)state;
    size_t n;
    const httpRoute *all = httpRouteAll(&n);
    assert_true(n >= 18);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(all[i].handler);
        assert_true(all[i].path[0] == '/');
        assert_non_null(strchr(all[i].summary, '(')); /* Chinese, then (English) */
        assert_true(!all[i].csrf || all[i].roles);     /* a CSRF token belongs to a session */
        assert_true(all[i].body != HTTP_BODY_FILE || (all[i].roles && all[i].early)); /* refused before the body */
        /* a state change with a body takes JSON (or a file), which a cross-site form cannot send */
        if (strcmp(all[i].method, "GET") && strcmp(all[i].method, "DELETE") && !strstr(all[i].path, "publish"))
            assert_true(all[i].body != HTTP_BODY_NONE);
        assert_true((all[i].roles & ~(unsigned)(ROLE_STAFF | ROLE_BANK | ROLE_BUSINESS | ROLE_TOWN)) == 0);
        for (size_t j = 0; j < i; j++) /* no row shadows another */
            assert_false(!strcmp(all[i].method, all[j].method) && !strcmp(all[i].path, all[j].path));
    }
    /* public rows are exactly the documented six: health, search, sign-in, and the round's publicity list,
     * objections and certificates (issue 9) */
    int open = 0;
    for (size_t i = 0; i < n; i++) open += all[i].roles == 0;
    assert_int_equal(open, 6);
}

static void test_param_ids(void **state) {
    (void)state;
    assert_int_equal(httpParamId("12"), 12);
    assert_int_equal(httpParamId("0"), 0);
    assert_int_equal(httpParamId("-3"), 0);
    assert_int_equal(httpParamId("12a"), 0);
    assert_int_equal(httpParamId(""), 0);
    assert_int_equal(httpParamId(NULL), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_param_segments_are_extracted),
        cmocka_unit_test(test_method_and_whole_path_must_match),
        cmocka_unit_test(test_every_row_is_well_formed),
        cmocka_unit_test(test_param_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
