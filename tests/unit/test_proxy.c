/* Client addresses behind trusted proxies (src/http/proxy.c): issue 8 finding 13,
 * where behind the shipped nginx every client was 127.0.0.1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "http/proxy.h"

static httpAddr addr(const char *s) {
    httpAddr a;
    assert_int_equal(proxyAddrParse(&a, s, strlen(s)), 0);
    return a;
}

static const char *client(const httpCidr *nets, size_t n, const char *peer, const char *xff) {
    static char full[64];
    char logged[48];
    const httpAddr p = addr(peer), c = proxyClient(nets, n, &p, xff);
    proxyAddrFormat(&c, full, sizeof full, logged, sizeof logged);
    return full;
}

static void test_cidr_parse(void **state) {
    (void)state;
    httpCidr c;
    assert_int_equal(proxyCidrParse(&c, "10.0.0.0/8"), 0);
    assert_int_equal(c.bits, 8);
    assert_int_equal(proxyCidrParse(&c, "127.0.0.1"), 0);
    assert_int_equal(c.bits, 32);
    assert_int_equal(proxyCidrParse(&c, "fd00::/8"), 0);
    assert_int_equal(proxyCidrParse(&c, "::1"), 0);
    assert_int_equal(c.bits, 128);
    assert_int_not_equal(proxyCidrParse(&c, "10.0.0.1/8"), 0); /* host bits set */
    assert_int_not_equal(proxyCidrParse(&c, "10.0.0.0/33"), 0);
    assert_int_not_equal(proxyCidrParse(&c, "10.0.0.0/"), 0);
    assert_int_not_equal(proxyCidrParse(&c, "nginx"), 0);
    assert_int_not_equal(proxyCidrParse(&c, ""), 0);
}

static void test_untrusted_peer_is_the_client(void **state) {
    (void)state;
    httpCidr nets[1];
    assert_int_equal(proxyCidrParse(&nets[0], "10.0.0.0/8"), 0);
    assert_string_equal(client(nets, 1, "127.0.0.1", "203.0.113.7"), "127.0.0.1");
    assert_string_equal(client(NULL, 0, "127.0.0.1", "203.0.113.7"), "127.0.0.1");
}

static void test_rightmost_untrusted(void **state) {
    (void)state;
    httpCidr nets[2];
    assert_int_equal(proxyCidrParse(&nets[0], "127.0.0.1/32"), 0);
    assert_int_equal(proxyCidrParse(&nets[1], "10.0.0.0/8"), 0);
    assert_string_equal(client(nets, 2, "127.0.0.1", "203.0.113.7"), "203.0.113.7");
    /* a client's own forged entries stand left of what the trusted proxies saw */
    assert_string_equal(client(nets, 2, "127.0.0.1", "1.2.3.4, 198.51.100.9, 10.1.2.3"), "198.51.100.9");
    assert_string_equal(client(nets, 2, "127.0.0.1", "2001:db8::1"), "2001:db8::1");
    assert_string_equal(client(nets, 2, "127.0.0.1", "::ffff:192.0.2.1"), "192.0.2.1");
    assert_string_equal(client(nets, 2, "127.0.0.1", "10.9.9.9,10.1.1.1"), "10.9.9.9"); /* all trusted */
    assert_string_equal(client(nets, 2, "127.0.0.1", NULL), "127.0.0.1");
}

static void test_malformed_header_is_the_peer(void **state) {
    (void)state;
    httpCidr nets[1];
    assert_int_equal(proxyCidrParse(&nets[0], "127.0.0.1"), 0);
    assert_string_equal(client(nets, 1, "127.0.0.1", "unknown"), "127.0.0.1");
    assert_string_equal(client(nets, 1, "127.0.0.1", "203.0.113.7,"), "127.0.0.1");
    assert_string_equal(client(nets, 1, "127.0.0.1", ""), "127.0.0.1");
    assert_string_equal(client(nets, 1, "127.0.0.1", "203.0.113.7:443"), "127.0.0.1");
}

static void test_ipv6_networks_and_keys(void **state) {
    (void)state;
    httpCidr nets[1];
    assert_int_equal(proxyCidrParse(&nets[0], "fd00::/8"), 0);
    const httpAddr in = addr("fd12::5"), out = addr("fe80::1"), v4 = addr("253.0.0.1");
    assert_true(proxyTrusted(nets, 1, &in));
    assert_false(proxyTrusted(nets, 1, &out));
    assert_false(proxyTrusted(nets, 1, &v4));
    const httpAddr a = addr("2001:db8:1:2::1"), b = addr("2001:db8:1:2::ffff"), c = addr("2001:db8:1:3::1");
    assert_true(proxyAddrKey(&a) == proxyAddrKey(&b)); /* one /64, one client */
    assert_false(proxyAddrKey(&a) == proxyAddrKey(&c));
    char full[64], logged[48];
    proxyAddrFormat(&a, full, sizeof full, logged, sizeof logged);
    assert_string_equal(full, "2001:db8:1:2::1");
    assert_string_equal(logged, "2001:db8:1::");
    const httpAddr d = addr("203.0.113.7");
    proxyAddrFormat(&d, full, sizeof full, logged, sizeof logged);
    assert_string_equal(logged, "203.0.113.0");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cidr_parse),
        cmocka_unit_test(test_untrusted_peer_is_the_client),
        cmocka_unit_test(test_rightmost_untrusted),
        cmocka_unit_test(test_malformed_header_is_the_peer),
        cmocka_unit_test(test_ipv6_networks_and_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
