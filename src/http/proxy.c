#define _DEFAULT_SOURCE /* inet_pton, inet_ntop */
#include "http/proxy.h"
#include "core/error.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int proxyAddrParse(httpAddr *out, const char *s, size_t n) {
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    char buf[INET6_ADDRSTRLEN];
    if (!n || n >= sizeof buf) return GH_EINVAL;
    memcpy(buf, s, n);
    buf[n] = '\0';
    memset(out, 0, sizeof *out);
    if (inet_pton(AF_INET, buf, out->b) == 1) {
        out->family = AF_INET;
        return 0;
    }
    if (inet_pton(AF_INET6, buf, out->b) != 1) return GH_EINVAL;
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (!memcmp(out->b, mapped, sizeof mapped)) { /* ::ffff:a.b.c.d is the IPv4 client a.b.c.d */
        memmove(out->b, out->b + 12, 4);
        memset(out->b + 4, 0, 12);
        out->family = AF_INET;
    } else {
        out->family = AF_INET6;
    }
    return 0;
}

/* Whether the first bits of a and b agree. */
static bool proxyPrefixEqual(const uint8_t *a, const uint8_t *b, unsigned bits) {
    const unsigned whole = bits / 8, rest = bits % 8;
    if (memcmp(a, b, whole)) return false;
    const uint8_t mask = (uint8_t)(0xff << (8 - rest));
    return !rest || ((a[whole] ^ b[whole]) & mask) == 0;
}

int proxyCidrParse(httpCidr *out, const char *s) {
    const char *slash = strchr(s, '/');
    const size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (proxyAddrParse(&out->net, s, n)) return GH_EINVAL;
    const unsigned max = out->net.family == AF_INET ? 32 : 128;
    out->bits = max;
    if (slash) {
        char *end;
        const long bits = strtol(slash + 1, &end, 10);
        if (end == slash + 1 || *end || bits < 0 || bits > (long)max) return GH_EINVAL;
        out->bits = (unsigned)bits;
    }
    uint8_t host[16];
    memcpy(host, out->net.b, sizeof host);
    for (unsigned i = out->bits; i < max; i++) host[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
    return memcmp(host, out->net.b, sizeof host) ? GH_EINVAL : 0; /* 10.0.0.1/8 is a typo, not a network */
}

bool proxyTrusted(const httpCidr *nets, size_t n, const httpAddr *a) {
    for (size_t i = 0; i < n; i++)
        if (nets[i].net.family == a->family && proxyPrefixEqual(nets[i].net.b, a->b, nets[i].bits)) return true;
    return false;
}

httpAddr proxyClient(const httpCidr *nets, size_t n, const httpAddr *peer, const char *xff) {
    if (!xff || !proxyTrusted(nets, n, peer)) return *peer;
    httpAddr found = *peer, a;
    size_t end = strlen(xff);
    for (;;) { /* right to left: each proxy appended the address it saw */
        size_t start = end;
        while (start && xff[start - 1] != ',') start--;
        if (proxyAddrParse(&a, xff + start, end - start)) return *peer; /* malformed: believe nothing of it */
        found = a;
        if (!proxyTrusted(nets, n, &a) || !start) return found;
        end = start - 1;
    }
}

void proxyAddrFormat(const httpAddr *a, char *full, size_t fn, char *logged, size_t ln) {
    snprintf(full, fn, "-");
    snprintf(logged, ln, "-");
    if (a->family == AF_INET) {
        inet_ntop(AF_INET, a->b, full, (socklen_t)fn);
        snprintf(logged, ln, "%u.%u.%u.0", a->b[0], a->b[1], a->b[2]);
    } else if (a->family == AF_INET6) {
        inet_ntop(AF_INET6, a->b, full, (socklen_t)fn);
        snprintf(logged, ln, "%x:%x:%x::", a->b[0] << 8 | a->b[1], a->b[2] << 8 | a->b[3], a->b[4] << 8 | a->b[5]);
    }
}

uint64_t proxyAddrKey(const httpAddr *a) {
    uint64_t k = 0;
    if (a->family == AF_INET) return (uint64_t)a->b[0] << 24 | (uint64_t)a->b[1] << 16 | (uint64_t)a->b[2] << 8 | a->b[3];
    if (a->family != AF_INET6) return 0;
    for (int i = 0; i < 8; i++) k = k << 8 | a->b[i]; /* the /64 a client holds */
    return k ^ 0xA5A5A5A5ull;
}
