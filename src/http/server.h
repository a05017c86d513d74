#ifndef GETIHU_HTTP_SERVER_H
#define GETIHU_HTTP_SERVER_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/sbuf.h"
#include "http/auth.h"
#include "http/http.h"
#include "http/jobs.h"
#include "http/pool.h"
#include "http/ratelimit.h"
#include "http/public_cache.h"
#include "http/api_import.h"

/* What the route handlers see of the server (internal to src/http/). server.c owns
 * the transport (libmicrohttpd, bodies, static files, the access log, lifecycle);
 * routes.c the table that sends a request to its handler; the api_*.c, session.c
 * and jobs.c files the handlers. */

typedef struct httpServer {
    const httpOptions *o;
    storePool pool;
    rateLimiter rate;       /* public search, per client address */
    rateRule login_rate;    /* sign-in attempts, per client address */
    rateRule login_backoff; /* growing delays after failed sign-ins, per client address */
    rateRule code_rate;     /* access-code attempts, per USCC (session.c) */
    /* login_rate, login_backoff and code_rate are rules only: their slots are in the store,
     * shared by every process (http/throttle.c); when each limit last swept them */
    int64_t throttle_swept[4];
    httpJobs jobs;
    httpUploads uploads;
    pthread_mutex_t log_mu;
    publicCache lookup_cache; /* the public look-up's answers (decision 300) */
} httpServer;

#define HTTP_MAX_PARAMS 2
#define HTTP_MAX_HEADERS 3

struct httpRoute;
struct MHD_Connection;
struct MHD_Response;

/* One request as a handler sees it. A handler answers exactly once, with
 * httpReply, httpReplyJson, httpReplyFile or httpFail. */
typedef struct httpCtx {
    httpServer *srv;
    struct MHD_Connection *conn;
    const struct httpRoute *route;
    const char *params[HTTP_MAX_PARAMS]; /* the {param} segments of the path, in order */
    appSession who;                      /* the signed-in account (routes with roles) */
    const char *body;                    /* the request body, NUL-terminated ("" when none) */
    size_t body_len;
    const char *client;                  /* the full client address (behind a trusted proxy, the one it
                                            names), for the audit trail */
    uint64_t client_key;                 /* the client address as a rate-limit key */
    bool secure;                         /* behind TLS (X-Forwarded-Proto: https) */
    char *upload_path;                   /* HTTP_BODY_FILE routes: the file holding the body; clear it to keep it */
    int64_t upload_id;                   /* HTTP_BODY_FILE routes: the upload reserved on the headers */
    store *s;                            /* taken from the pool by httpStore, given back after the handler */
    const char *headers[HTTP_MAX_HEADERS][2];
    int n_headers;
    bool answered;
    int queued;                          /* MHD_YES or MHD_NO, once answered */
    bool defer;                          /* keep the answer in deferred instead of sending it now */
    struct MHD_Response *deferred;
    unsigned status;
    size_t bytes;
    const char *note;                    /* a static remark for the access log ("store busy: …"), or NULL */
} httpCtx;

/* Whether the request carries a body (Content-Length above 0, or chunked). */
bool httpHasBody(const httpCtx *c);
/* The store connection of this request (taken from the pool at the first call). */
store *httpStore(httpCtx *c);
/* A query-string argument, or NULL. */
const char *httpQuery(const httpCtx *c, const char *name);
/* Whether a query-string argument's name or value holds a NUL (%00): every
 * httpQuery would see only the part before it (decision 210). */
bool httpQueryHasNul(const httpCtx *c);
/* A cookie, or NULL. */
const char *httpCookie(const httpCtx *c, const char *name);
/* A request header, or NULL. */
const char *httpRequestHeader(const httpCtx *c, const char *name);
/* Seconds since the epoch, for sessions and lockouts. */
int64_t httpNow(void);
/* Seconds on the monotonic clock, for rate limits. */
double httpMonotonic(void);

/* Adds a header to the answer; name and value must live until the answer is sent. */
void httpHeader(httpCtx *c, const char *name, const char *value);
/* Answers a JSON body and frees it; a body that ran out of memory answers 500. */
void httpReply(httpCtx *c, unsigned status, sbuf *body);
/* Answers a JSON text (copied). */
void httpReplyJson(httpCtx *c, unsigned status, const char *json);
/* Answers {"error": message}: the one way a handler fails. message is Chinese with
 * the English in parentheses: "未找到 (not found)". */
void httpFail(httpCtx *c, unsigned status, const char *message);
/* httpFail with the law's reasons: reasons is a JSON array of {code, article,
 * message} (a refusal of the round, decision 79), or NULL. */
void httpFailReasons(httpCtx *c, unsigned status, const char *message, const char *reasons);
/* Reads the request body as one JSON object, handing each member to field (which
 * reads its value from j and returns false for an unknown key or a wrong type);
 * strings live in a. An empty body is an empty object. Otherwise answers 400 and
 * returns false: the one refusal of a malformed body. */
struct jsonReader;
typedef bool (*httpBodyFieldFn)(struct jsonReader *j, void *ctx, const char *key, size_t kn);
bool httpBodyObject(httpCtx *c, arena *a, httpBodyFieldFn field, void *ctx);
/* Answers 200 with size bytes of the open file fd (which it takes) as type. */
void httpReplyFile(httpCtx *c, int fd, uint64_t size, const char *type);
#endif
