#ifndef GETIHU_HTTP_HTTP_H
#define GETIHU_HTTP_HTTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "core/date.h"
#include "http/proxy.h"

/* getihu serve: the JSON API and the pages, on libmicrohttpd (thread pool, epoll). */
typedef struct httpOptions {
    const char *db_path;
    const char *host;        /* address to bind, e.g. 127.0.0.1 */
    unsigned port;           /* 0: let the system choose (printed on stdout) */
    unsigned threads;
    FILE *access_log;        /* one JSON line per request; NULL: none */
    double rate_per_second;  /* public requests per client address */
    double rate_burst;
    int session_seconds;     /* how long a sign-in lasts */
    double login_per_minute; /* sign-in attempts per client address, and their burst */
    double login_burst;
    const httpCidr *trusted; /* --trusted-proxy: peers whose X-Forwarded-For and -Proto are believed */
    size_t n_trusted;
    const char *public_origin;  /* --public-origin "https://host[:port]", or NULL: the request's own */
    int upload_expiry_seconds;  /* a pending upload is dropped after this long; 0: 1800 */
    civilDate today;            /* --today: the round's date for demos and tests; DATE_NONE: the clock (UTC) */
    unsigned lookup_cache;      /* --lookup-cache: public answers kept (decision 300); 0: none */
} httpOptions;

/* Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight
 * finish and closes the database. 0, or -1 with a message on stderr. */
int httpServe(const httpOptions *o);
/* Prints "METHOD /path" for every route the server answers. */
void httpListRoutes(FILE *f);
#endif
