#ifndef GETIHU_HTTP_PROXY_H
#define GETIHU_HTTP_PROXY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Client addresses behind a reverse proxy (issue 8, finding 13). The peer of the
 * connection is the client unless it is a trusted proxy (`getihu serve
 * --trusted-proxy CIDR`); then the client is the right-most address of
 * X-Forwarded-For that is not itself trusted, since every proxy appends the
 * address it saw and only the trusted ones' additions can be believed. */

/* An IPv4 or IPv6 address; IPv4-mapped IPv6 addresses are kept as IPv4. */
typedef struct httpAddr {
    int family;     /* AF_INET, AF_INET6, or 0: unknown */
    uint8_t b[16];  /* AF_INET: the first 4 bytes */
} httpAddr;

typedef struct httpCidr { httpAddr net; unsigned bits; } httpCidr;

/* Parses "10.0.0.0/8", "::1/128" or a bare address (all its bits). 0, or GH_EINVAL
 * when s is not one or has host bits set beyond the prefix. */
int proxyCidrParse(httpCidr *out, const char *s);
/* Parses the n bytes of s as one address (surrounding blanks allowed). 0 or GH_EINVAL. */
int proxyAddrParse(httpAddr *out, const char *s, size_t n);
/* Whether a falls in one of the n networks. */
bool proxyTrusted(const httpCidr *nets, size_t n, const httpAddr *a);
/* The client of a request from peer carrying X-Forwarded-For xff (NULL when absent):
 * peer when peer is not trusted, when xff is absent or malformed; otherwise the
 * right-most untrusted address of xff (the left-most when all are trusted). */
httpAddr proxyClient(const httpCidr *nets, size_t n, const httpAddr *peer, const char *xff);
/* Writes a in full (for the audit trail) and truncated (the last IPv4 octet, the last
 * 80 bits of IPv6 dropped: enough to see abuse, not a person; for the access log).
 * "-" for an unknown address. */
void proxyAddrFormat(const httpAddr *a, char *full, size_t fn, char *logged, size_t ln);
/* The address as a rate-limit key: IPv4 whole, IPv6 by the /64 a client holds. */
uint64_t proxyAddrKey(const httpAddr *a);
#endif
