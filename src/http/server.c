#define _DEFAULT_SOURCE /* inet_ntop, sigwait */
#include "http/server.h"
#include "http/routes.h"
#include "core/error.h"
#include "core/utf8.h"
#include "io/jsonw.h"
#include <arpa/inet.h>
#include <assert.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The transport: libmicrohttpd callbacks, body collection, static pages, the
 * answer helpers handlers use, the access log and the server's lifecycle. What a
 * request means is decided by the route table (routes.c). */

#define HTTP_MAX_BODY (64u * 1024) /* JSON bodies only; larger ones are refused (413) */

/* Embedded pages (cmake/embed_files.cmake, from web/). */
typedef struct webFile { const char *path; const unsigned char *data; size_t len; } webFile;
extern const webFile webFiles[];
extern const size_t webFileCount;

/* Per-request state, kept between libmicrohttpd's calls and for the access log. */
typedef struct httpRequest {
    struct timespec start;
    unsigned status;
    size_t bytes;
    char path[128];
    char method[8];
    char client[48];      /* truncated, for the access log */
    char client_full[64]; /* for the audit trail */
    uint64_t client_key;  /* for the rate limits */
    bool secure;          /* behind TLS (X-Forwarded-Proto: https from a trusted proxy) */
    size_t body;
    char *data;           /* the body, up to HTTP_MAX_BODY */
    const httpRoute *route;
    appSession who;       /* loaded on the headers (httpRouteGate) */
    bool answered;        /* answered on the headers: the body is never read */
    bool proxied;         /* the peer is a trusted proxy */
    struct MHD_Response *deferred; /* a refusal kept until a proxy has sent the body (httpBegin) */
    bool over;            /* the body went past what the request may send */
    int upload_fd;        /* HTTP_BODY_FILE routes: the body goes to this temporary file */
    char upload_path[256];
    int64_t upload_id;    /* the upload reserved for it on the headers */
    const char *note;     /* the handler's static remark for the access log, or NULL */
} httpRequest;

static double httpSeconds(const struct timespec *t) { return (double)t->tv_sec + (double)t->tv_nsec / 1e9; }

double httpMonotonic(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return httpSeconds(&t);
}

int64_t httpNow(void) { return (int64_t)time(NULL); }

/* The client of a request: the peer, or behind a trusted proxy the address it names
 * (proxy.c); with it whether the request came over TLS, believed only from a trusted
 * proxy (a client could otherwise claim it and get HSTS and secure cookies wrong). */
static void httpClient(const httpServer *srv, struct MHD_Connection *conn, httpRequest *req) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    httpAddr peer = {0};
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
        peer.family = AF_INET;
        memcpy(peer.b, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, 4);
    } else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6) {
        peer.family = AF_INET6;
        memcpy(peer.b, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, 16);
    }
    const bool proxied = req->proxied = proxyTrusted(srv->o->trusted, srv->o->n_trusted, &peer);
    const httpAddr a = proxyClient(srv->o->trusted, srv->o->n_trusted, &peer,
                                   MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For"));
    proxyAddrFormat(&a, req->client_full, sizeof req->client_full, req->client, sizeof req->client);
    req->client_key = proxyAddrKey(&a);
    const char *proto = proxied ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto") : NULL;
    req->secure = proto && !strcmp(proto, "https");
}

/* Adds to r the headers every answer carries, then extra. */
static void httpDecorate(struct MHD_Response *r, const char *type, bool cache, bool secure,
                         const char *const (*extra)[2], int n_extra) {
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cache-Control", cache ? "public, max-age=300" : "no-store");
    if (secure) MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    for (int i = 0; i < n_extra; i++) MHD_add_response_header(r, extra[i][0], extra[i][1]);
}

/* Queues r (taking it) with the headers every answer carries. */
static enum MHD_Result httpQueue(struct MHD_Connection *conn, unsigned status, struct MHD_Response *r, const char *type,
                                 bool cache, bool secure, const char *const (*extra)[2], int n_extra) {
    if (!r) return MHD_NO;
    httpDecorate(r, type, cache, secure, extra, n_extra);
    const enum MHD_Result ok = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result httpPlain(struct MHD_Connection *conn, httpRequest *req, unsigned status, const char *json) {
    req->answered = true;
    req->status = status;
    req->bytes = strlen(json);
    return httpQueue(conn, status, MHD_create_response_from_buffer(req->bytes, (void *)json, MHD_RESPMEM_MUST_COPY),
                     "application/json; charset=utf-8", false, req->secure, NULL, 0);
}

static void httpAnswer(httpCtx *c, unsigned status, struct MHD_Response *r, const char *type, size_t bytes) {
    assert(!c->answered); /* a handler answers once */
    c->answered = true;
    c->status = status;
    c->bytes = bytes;
    if (c->defer && r) { /* kept whole, headers included: the handler's frame is gone when it is sent */
        httpDecorate(r, type, false, c->secure, (const char *const (*)[2])c->headers, c->n_headers);
        c->deferred = r;
        c->queued = MHD_YES;
        return;
    }
    c->queued = httpQueue(c->conn, status, r, type, false, c->secure, (const char *const (*)[2])c->headers, c->n_headers);
}

void httpHeader(httpCtx *c, const char *name, const char *value) {
    assert(c->n_headers < HTTP_MAX_HEADERS);
    c->headers[c->n_headers][0] = name;
    c->headers[c->n_headers++][1] = value;
}

void httpReplyJson(httpCtx *c, unsigned status, const char *json) {
    const size_t n = strlen(json);
    httpAnswer(c, status, MHD_create_response_from_buffer(n, (void *)json, MHD_RESPMEM_MUST_COPY),
               "application/json; charset=utf-8", n);
}

/* The body's buffer is handed to libmicrohttpd, which frees it once sent: no copy. */
void httpReply(httpCtx *c, unsigned status, sbuf *body) {
    if (body->failed || !body->data) {
        httpReplyJson(c, body->failed ? 500 : status, body->failed ? "{\"error\":\"内存不足\"}" : "{}");
        sbufFree(body);
        return;
    }
    const size_t n = body->len;
    char *data = body->data;
    sbufInit(body); /* the buffer is libmicrohttpd's now */
    struct MHD_Response *r = MHD_create_response_from_buffer(n, data, MHD_RESPMEM_MUST_FREE);
    if (!r) free(data);
    httpAnswer(c, status, r, "application/json; charset=utf-8", n);
}

void httpFail(httpCtx *c, unsigned status, const char *message) { httpFailReasons(c, status, message, NULL); }

void httpFailReasons(httpCtx *c, unsigned status, const char *message, const char *reasons) {
    sbuf b;
    sbufInit(&b);
    sbufPuts(&b, "{\"error\":");
    jsonwString(&b, message);
    if (reasons) {
        sbufPuts(&b, ",\"reasons\":");
        sbufPuts(&b, reasons);
    }
    sbufPutc(&b, '}');
    httpReply(c, status, &b);
}

void httpReplyFile(httpCtx *c, int fd, uint64_t size, const char *type) {
    struct MHD_Response *r = MHD_create_response_from_fd_at_offset64(size, fd, 0);
    if (!r) close(fd);
    httpAnswer(c, 200, r, type, (size_t)size);
}

store *httpStore(httpCtx *c) {
    if (!c->s) c->s = storePoolTake(&c->srv->pool);
    return c->s;
}

const char *httpQuery(const httpCtx *c, const char *name) {
    return MHD_lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* MHD_KeyValueIteratorN: counts an argument whose name or value holds a NUL (%00). */
static enum MHD_Result httpArgNul(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                  const char *value, size_t value_size) {
    (void)kind;
    if (strlen(key) != key_size || (value && strlen(value) != value_size)) ++*(int *)cls;
    return MHD_YES;
}

bool httpQueryHasNul(const httpCtx *c) {
    int n = 0;
    MHD_get_connection_values_n(c->conn, MHD_GET_ARGUMENT_KIND, httpArgNul, &n);
    return n > 0;
}

const char *httpCookie(const httpCtx *c, const char *name) {
    return MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, name);
}

const char *httpRequestHeader(const httpCtx *c, const char *name) {
    return MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, name);
}

/* Whether the request on conn carries a body (Content-Length above 0, or chunked). */
static bool httpConnHasBody(struct MHD_Connection *conn) {
    const char *n = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    return (n && strspn(n, "0") != strlen(n)) || MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
}

bool httpHasBody(const httpCtx *c) { return httpConnHasBody(c->conn); }

/* The body size the request announces (Content-Length), or 0. */
static uint64_t httpAnnounced(struct MHD_Connection *conn) {
    const char *n = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    return n ? strtoull(n, NULL, 10) : 0;
}

static enum MHD_Result httpStatic(struct MHD_Connection *conn, httpRequest *req, const char *url) {
    const char *path = strcmp(url, "/") == 0 ? "/index.html" : url;
    for (size_t i = 0; i < webFileCount; i++) {
        if (strcmp(webFiles[i].path, path + 1) != 0) continue;
        const char *dot = strrchr(path, '.');
        const char *type = !dot ? "application/octet-stream"
                         : !strcmp(dot, ".html") ? "text/html; charset=utf-8"
                         : !strcmp(dot, ".js") ? "text/javascript; charset=utf-8"
                         : !strcmp(dot, ".css") ? "text/css; charset=utf-8" : "application/octet-stream";
        req->status = 200;
        req->bytes = webFiles[i].len;
        return httpQueue(conn, 200, MHD_create_response_from_buffer(webFiles[i].len, (void *)webFiles[i].data,
                                                                    MHD_RESPMEM_PERSISTENT), type, true, req->secure, NULL, 0);
    }
    return httpPlain(conn, req, 404, "{\"error\":\"未找到 (not found)\"}");
}

/* Runs the request's route with a context: on the headers its checks (gate), once the
 * body is in its handler; then gives back what they took. */
static enum MHD_Result httpRun(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, const char *method,
                               const char *url, bool gate) {
    size_t off[HTTP_MAX_PARAMS], len[HTTP_MAX_PARAMS];
    const httpRoute *r = httpRouteFind(method, url, off, len);
    assert(r == req->route);
    char *path = strdup(url); /* the {param} segments are cut out of a copy */
    if (!path) return MHD_NO;
    httpCtx c = {.srv = srv, .conn = conn, .route = r, .body = req->data ? req->data : "", .body_len = req->body,
                 .client = req->client_full, .client_key = req->client_key, .secure = req->secure,
                 .upload_path = req->upload_path, .upload_id = req->upload_id, .who = req->who,
                 .defer = gate && req->proxied && httpConnHasBody(conn)};
    int k = 0;
    for (const char *p = r->path; (p = strchr(p, '{')) && k < HTTP_MAX_PARAMS; p++, k++) {
        path[off[k] + len[k]] = '\0';
        c.params[k] = path + off[k];
    }
    if (!gate) r->handler(&c);
    else if (httpRouteGate(&c)) {
        req->who = c.who;
        req->upload_id = c.upload_id;
    }
    if (c.s) storePoolGive(&srv->pool, c.s);
    free(path);
    if (!gate && !c.answered) { /* a handler that forgot to answer (its headers may point into its frame) */
        c.n_headers = 0;
        httpFail(&c, 500, "内部错误 (internal error)");
    }
    if (!c.answered) return MHD_YES;
    req->answered = !c.deferred;
    req->deferred = c.deferred;
    req->status = c.status;
    req->bytes = c.bytes;
    req->note = c.note;
    return c.queued == MHD_YES ? MHD_YES : MHD_NO;
}

/* The first call, on the headers: the client, the route and its checks, which may
 * answer at once so that a refused body is never read; a file body gets its file.
 * From a trusted proxy a refusal waits until the body has passed, unread and unstored:
 * nginx streams the body and answers 502 when the connection closes under it. */
static enum MHD_Result httpBegin(httpServer *srv, struct MHD_Connection *conn, const char *url, const char *method,
                                 void **state) {
    httpRequest *req = calloc(1, sizeof *req);
    if (!req) return MHD_NO;
    req->upload_fd = -1;
    clock_gettime(CLOCK_MONOTONIC, &req->start);
    snprintf(req->path, sizeof req->path, "%s", url);
    snprintf(req->method, sizeof req->method, "%s", method);
    httpClient(srv, conn, req);
    size_t off[HTTP_MAX_PARAMS], len[HTTP_MAX_PARAMS];
    req->route = httpRouteFind(method, url, off, len);
    *state = req;
    if ((!req->route || req->route->body != HTTP_BODY_FILE) && httpAnnounced(conn) > HTTP_MAX_BODY)
        return httpPlain(conn, req, 413, "{\"error\":\"请求体过大 (body too large)\"}");
    if (!req->route) return MHD_YES;
    const enum MHD_Result ok = httpRun(srv, conn, req, method, url, true);
    if (req->answered || req->deferred || req->route->body != HTTP_BODY_FILE) return ok;
    const char *dir = getenv("TMPDIR");
    snprintf(req->upload_path, sizeof req->upload_path, "%s/getihu-upload-XXXXXX", dir && *dir ? dir : "/tmp");
    req->upload_fd = mkstemp(req->upload_path);
    if (req->upload_fd < 0) {
        req->upload_path[0] = '\0';
        return httpPlain(conn, req, 503, "{\"error\":\"无法保存上传的文件，请稍后重试 (cannot store the upload)\"}");
    }
    return MHD_YES;
}

/* A piece of the body: a file body to its file while the account's pending bytes
 * allow (httpUploadsGrow); a JSON body kept up to HTTP_MAX_BODY; beyond, only counted. */
static void httpBodyPiece(httpServer *srv, httpRequest *req, const char *data, size_t n) {
    if (req->upload_fd >= 0) {
        if (!req->over && (httpUploadsGrow(&srv->uploads, req->upload_id, n) ||
                           write(req->upload_fd, data, n) != (ssize_t)n))
            req->over = true; /* a write failure answers like an oversize body */
    } else if (req->body + n <= HTTP_MAX_BODY) {
        if (!req->data && !(req->data = malloc(HTTP_MAX_BODY + 1))) req->over = true;
        else memcpy(req->data + req->body, data, n);
    } else {
        req->over = true;
    }
    req->body += n;
}

static enum MHD_Result httpHandle(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state) {
    (void)version;
    httpServer *srv = cls;
    httpRequest *req = *state;
    if (!req) return httpBegin(srv, conn, url, method, state);
    if (*upload_size) {
        if (!req->answered && !req->deferred) httpBodyPiece(srv, req, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (req->answered) return MHD_YES;
    if (req->deferred) { /* the refusal made on the headers, now that the proxy has sent the body */
        const enum MHD_Result ok = MHD_queue_response(conn, req->status, req->deferred);
        MHD_destroy_response(req->deferred);
        req->deferred = NULL;
        req->answered = true;
        return ok;
    }
    if (req->data) req->data[req->body <= HTTP_MAX_BODY ? req->body : 0] = '\0';
    if (req->over)
        return httpPlain(conn, req, 413, "{\"error\":\"请求体过大 (body too large)\"}");
    if (req->route) return httpRun(srv, conn, req, method, url, false);
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return httpPlain(conn, req, 405, "{\"error\":\"不支持的方法 (method not allowed)\"}");
    if (!strncmp(url, "/api/", 5)) return httpPlain(conn, req, 404, "{\"error\":\"未找到 (not found)\"}");
    return httpStatic(conn, req, url);
}

/* The access log: method, path (never the query string, which may hold a name
 * someone typed), status, size, time and the truncated client address. */
static void httpCompleted(void *cls, struct MHD_Connection *conn, void **state, enum MHD_RequestTerminationCode code) {
    (void)conn;
    httpServer *srv = cls;
    httpRequest *req = *state;
    if (!req) return;
    if (srv->o->access_log) {
        struct timespec end;
        clock_gettime(CLOCK_MONOTONIC, &end);
        time_t now = time(NULL);
        struct tm tm;
        char when[32];
        gmtime_r(&now, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        sbuf line;
        sbufInit(&line);
        sbufPrintf(&line, "{\"time\":\"%s\",\"client\":\"%s\",\"method\":\"%s\",\"path\":", when,
                   req->client[0] ? req->client : "-", req->method);
        size_t bad = 0; /* a path such as /%FF: log the part that is text (the log is JSON) */
        char path[sizeof req->path];
        snprintf(path, sizeof path, "%s", req->path);
        if (!utf8Valid(path, strlen(path), &bad)) path[bad] = '\0';
        jsonwString(&line, path);
        sbufPrintf(&line, ",\"status\":%u,\"bytes\":%zu,\"ms\":%.2f%s", req->status, req->bytes,
                   (httpSeconds(&end) - httpSeconds(&req->start)) * 1000.0,
                   code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : ",\"aborted\":true");
        if (req->note) jsonwKey(&line, "note", 0), jsonwString(&line, req->note);
        sbufPuts(&line, "}\n");
        pthread_mutex_lock(&srv->log_mu);
        fputs(line.data ? line.data : "", srv->o->access_log);
        fflush(srv->o->access_log); /* each line reaches the kernel: none lost if the process dies (decision 276) */
        pthread_mutex_unlock(&srv->log_mu);
        sbufFree(&line);
    }
    free(req->data);
    if (req->deferred) MHD_destroy_response(req->deferred); /* the proxy went away before the end of its body */
    if (req->upload_fd >= 0) { /* kept only when handed to the uploads table */
        close(req->upload_fd);
        if (req->upload_path[0]) unlink(req->upload_path);
    }
    if (req->upload_id) httpUploadsRelease(&srv->uploads, req->upload_id); /* a reservation never kept */
    free(req);
    *state = NULL;
}

int httpServe(const httpOptions *o) {
    httpServer srv = {.o = o};
    char err[600];
    const int threads = o->threads ? (int)o->threads : 2;
    if (storePoolOpen(&srv.pool, o->db_path, threads + 1, err, sizeof err)) {
        fprintf(stderr, "getihu serve: %s\n", err);
        return -1;
    }
    rateInit(&srv.rate, o->rate_per_second, o->rate_burst);
    srv.login_rate = rateRuleBucket(o->login_per_minute / 60.0, o->login_burst);
    sessionInit(&srv);
    pthread_mutex_init(&srv.log_mu, NULL);
    if (publicCacheInit(&srv.lookup_cache, o->lookup_cache, (size_t)o->lookup_cache * 1024)) /* a USCC's: ~550 B */
        fprintf(stderr, "getihu serve: 查询缓存内存不足，不缓存 (lookup cache off: out of memory)\n");
    httpJobsInit(&srv.jobs, o->db_path);
    httpUploadsInit(&srv.uploads, o->upload_expiry_seconds > 0 ? o->upload_expiry_seconds : 30 * 60);
    /* Termination signals are taken by sigwait below, so every thread blocks them. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1) {
        fprintf(stderr, "getihu serve: 无效的监听地址 %s (invalid address)\n", o->host);
        storePoolClose(&srv.pool);
        publicCacheFree(&srv.lookup_cache);
        return -1;
    }
    /* Connections per address: 64, except behind trusted proxies, whose connections carry every client (the
     * proxy limits connections per client itself: limit_conn in the nginx sample). */
    /* The connection memory limit bounds headers and the read buffer only (bodies arrive in
     * pieces and are collected by the handler). libmicrohttpd clears the whole pool between
     * keep-alive requests: with 16 KiB instead of 64 KiB that clearing fell from 4.4% to 1.5% of the
     * server's CPU samples (perf, public look-up benchmark). */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, (uint16_t)o->port, NULL, NULL,
        httpHandle, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->n_trusted ? 0u : 64u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, httpCompleted, &srv, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "getihu serve: 无法在 %s:%u 监听 (cannot listen)\n", o->host, o->port);
        storePoolClose(&srv.pool);
        publicCacheFree(&srv.lookup_cache);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("getihu serve: http://%s:%u/ (数据库 %s，%d 个线程；Ctrl-C 或 SIGTERM 停止)\n", o->host,
           info ? info->port : o->port, o->db_path, threads);
    fflush(stdout);
    int sig = 0;
    sigwait(&sigs, &sig);
    /* Stop accepting; MHD_stop_daemon then lets requests in flight finish. */
    MHD_quiesce_daemon(d);
    MHD_stop_daemon(d);
    httpJobsStop(&srv.jobs);       /* a run in progress completes */
    httpUploadsStop(&srv.uploads); /* uncommitted uploads go */
    storePoolClose(&srv.pool);
    pthread_mutex_destroy(&srv.log_mu);
    publicCacheFree(&srv.lookup_cache);
    fprintf(stderr, "getihu serve: 已停止 (stopped on signal %d)\n", sig);
    return 0;
}
