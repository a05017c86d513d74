#define _DEFAULT_SOURCE /* inet_ntop, sigwait */
#include "http/server.h"
#include "http/routes.h"
#include "core/error.h"
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
    size_t body;
    char *data;           /* the body, up to HTTP_MAX_BODY */
    const httpRoute *route;
    int upload_fd;        /* routes with upload: the body goes to this temporary file */
    char upload_path[256];
    bool secure;          /* behind TLS (X-Forwarded-Proto: https) */
    const char *note;     /* the handler's static remark for the access log, or NULL */
} httpRequest;

static double httpSeconds(const struct timespec *t) { return (double)t->tv_sec + (double)t->tv_nsec / 1e9; }

double httpMonotonic(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return httpSeconds(&t);
}

int64_t httpNow(void) { return (int64_t)time(NULL); }

/* The client address as a rate-limit key, and truncated for the log (the last
 * IPv4 octet, the last 80 bits of IPv6 dropped): enough to see abuse, not a person. */
static uint64_t httpClient(struct MHD_Connection *conn, char *logged, size_t n, char *full, size_t fn) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(logged, n, "-");
    snprintf(full, fn, "-");
    if (!ci || !ci->client_addr) return 0;
    if (ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, full, (socklen_t)fn);
    else if (ci->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, full, (socklen_t)fn);
    if (ci->client_addr->sa_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)(const void *)ci->client_addr;
        uint32_t ip = ntohl(a->sin_addr.s_addr);
        snprintf(logged, n, "%u.%u.%u.0", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255);
        return ip;
    }
    if (ci->client_addr->sa_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)(const void *)ci->client_addr;
        uint64_t k = 0;
        for (int i = 0; i < 8; i++) k = k << 8 | a->sin6_addr.s6_addr[i]; /* the /64 a client holds */
        snprintf(logged, n, "%x:%x:%x::", a->sin6_addr.s6_addr[0] << 8 | a->sin6_addr.s6_addr[1],
                 a->sin6_addr.s6_addr[2] << 8 | a->sin6_addr.s6_addr[3], a->sin6_addr.s6_addr[4] << 8 | a->sin6_addr.s6_addr[5]);
        return k ^ 0xA5A5A5A5ull;
    }
    return 0;
}

/* Queues r with the headers every answer carries. */
static enum MHD_Result httpQueue(struct MHD_Connection *conn, unsigned status, struct MHD_Response *r, const char *type,
                                 bool cache, const char *const (*extra)[2], int n_extra) {
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    MHD_add_response_header(r, "Cache-Control", cache ? "public, max-age=300" : "no-store");
    for (int i = 0; i < n_extra; i++) MHD_add_response_header(r, extra[i][0], extra[i][1]);
    const enum MHD_Result ok = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result httpPlain(struct MHD_Connection *conn, httpRequest *req, unsigned status, const char *json) {
    req->status = status;
    req->bytes = strlen(json);
    return httpQueue(conn, status, MHD_create_response_from_buffer(req->bytes, (void *)json, MHD_RESPMEM_MUST_COPY),
                     "application/json; charset=utf-8", false, NULL, 0);
}

static void httpAnswer(httpCtx *c, unsigned status, struct MHD_Response *r, const char *type, size_t bytes) {
    assert(!c->answered); /* a handler answers once */
    c->answered = true;
    c->status = status;
    c->bytes = bytes;
    c->queued = httpQueue(c->conn, status, r, type, false, (const char *const (*)[2])c->headers, c->n_headers);
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

void httpReply(httpCtx *c, unsigned status, sbuf *body) {
    if (body->failed) httpReplyJson(c, 500, "{\"error\":\"内存不足\"}");
    else httpReplyJson(c, status, body->data ? body->data : "{}");
    sbufFree(body);
}

void httpFail(httpCtx *c, unsigned status, const char *message) {
    sbuf b;
    sbufInit(&b);
    sbufPuts(&b, "{\"error\":");
    jsonwString(&b, message);
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

const char *httpCookie(const httpCtx *c, const char *name) {
    return MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, name);
}

const char *httpRequestHeader(const httpCtx *c, const char *name) {
    return MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, name);
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
                                                                    MHD_RESPMEM_PERSISTENT), type, true, NULL, 0);
    }
    return httpPlain(conn, req, 404, "{\"error\":\"未找到 (not found)\"}");
}

/* Runs the request's route with a context, then gives back what the handler took. */
static enum MHD_Result httpRun(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, const char *method,
                               const char *url, uint64_t client) {
    size_t off[HTTP_MAX_PARAMS], len[HTTP_MAX_PARAMS];
    const httpRoute *r = httpRouteFind(method, url, off, len);
    assert(r == req->route);
    char *path = strdup(url); /* the {param} segments are cut out of a copy */
    if (!path) return MHD_NO;
    httpCtx c = {.srv = srv, .conn = conn, .route = r, .body = req->data ? req->data : "", .body_len = req->body,
                 .client = req->client_full, .client_key = client, .secure = req->secure,
                 .upload_path = req->upload_path};
    int k = 0;
    for (const char *p = r->path; (p = strchr(p, '{')) && k < HTTP_MAX_PARAMS; p++, k++) {
        path[off[k] + len[k]] = '\0';
        c.params[k] = path + off[k];
    }
    httpRouteRun(&c);
    if (c.s) storePoolGive(&srv->pool, c.s);
    free(path);
    if (!c.answered) { /* a handler that forgot to answer (its headers may point into its frame) */
        c.n_headers = 0;
        httpFail(&c, 500, "内部错误 (internal error)");
    }
    req->status = c.status;
    req->bytes = c.bytes;
    req->note = c.note;
    return c.queued == MHD_YES ? MHD_YES : MHD_NO;
}

static enum MHD_Result httpHandle(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state) {
    (void)version;
    httpServer *srv = cls;
    httpRequest *req = *state;
    if (!req) { /* first call: headers only */
        if (!(req = calloc(1, sizeof *req))) return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &req->start);
        snprintf(req->path, sizeof req->path, "%s", url);
        snprintf(req->method, sizeof req->method, "%s", method);
        const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
        req->secure = proto && !strcmp(proto, "https");
        size_t off[HTTP_MAX_PARAMS], len[HTTP_MAX_PARAMS];
        req->route = httpRouteFind(method, url, off, len);
        *state = req;
        if (req->route && req->route->upload) {
            const char *dir = getenv("TMPDIR");
            snprintf(req->upload_path, sizeof req->upload_path, "%s/getihu-upload-XXXXXX", dir && *dir ? dir : "/tmp");
            req->upload_fd = mkstemp(req->upload_path);
            if (req->upload_fd < 0) return MHD_NO;
        }
        return MHD_YES;
    }
    if (*upload_size && req->upload_fd > 0) { /* an extract being uploaded: straight to its file */
        if (req->body + *upload_size <= HTTP_MAX_UPLOAD && write(req->upload_fd, upload, *upload_size) != (ssize_t)*upload_size)
            req->body = HTTP_MAX_UPLOAD + 1; /* a write failure answers like an oversize body */
        req->body += *upload_size;
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) { /* bodies are kept up to the limit; beyond it only counted */
        if (req->body + *upload_size <= HTTP_MAX_BODY) {
            if (!req->data && !(req->data = malloc(HTTP_MAX_BODY + 1))) return MHD_NO;
            memcpy(req->data + req->body, upload, *upload_size);
        }
        req->body += *upload_size;
        *upload_size = 0;
        return MHD_YES;
    }
    if (req->data) req->data[req->body <= HTTP_MAX_BODY ? req->body : 0] = '\0';
    const uint64_t client = httpClient(conn, req->client, sizeof req->client, req->client_full, sizeof req->client_full);
    if (req->body > (req->upload_fd > 0 ? HTTP_MAX_UPLOAD : HTTP_MAX_BODY))
        return httpPlain(conn, req, 413, "{\"error\":\"请求体过大 (body too large)\"}");
    if (req->route) return httpRun(srv, conn, req, method, url, client);
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
        jsonwString(&line, req->path);
        sbufPrintf(&line, ",\"status\":%u,\"bytes\":%zu,\"ms\":%.2f%s", req->status, req->bytes,
                   (httpSeconds(&end) - httpSeconds(&req->start)) * 1000.0,
                   code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : ",\"aborted\":true");
        if (req->note) jsonwKey(&line, "note", 0), jsonwString(&line, req->note);
        sbufPuts(&line, "}\n");
        pthread_mutex_lock(&srv->log_mu);
        fputs(line.data ? line.data : "", srv->o->access_log);
        fflush(srv->o->access_log);
        pthread_mutex_unlock(&srv->log_mu);
        sbufFree(&line);
    }
    free(req->data);
    if (req->upload_fd > 0) { /* kept only when handed to the uploads table */
        close(req->upload_fd);
        if (req->upload_path[0]) unlink(req->upload_path);
    }
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
    rateInit(&srv.login_rate, o->login_per_minute / 60.0, o->login_burst);
    sessionInit(&srv);
    pthread_mutex_init(&srv.log_mu, NULL);
    httpJobsInit(&srv.jobs, o->db_path);
    httpUploadsInit(&srv.uploads);
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
        return -1;
    }
    /* The connection memory limit bounds headers and the read buffer only (bodies arrive in
     * pieces and are collected by the handler). libmicrohttpd clears the whole pool between
     * keep-alive requests: with 16 KiB instead of 64 KiB that clearing fell from 4.4% to 1.5% of the
     * server's CPU samples (perf, public look-up benchmark). */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, (uint16_t)o->port, NULL, NULL,
        httpHandle, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, httpCompleted, &srv, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "getihu serve: 无法在 %s:%u 监听 (cannot listen)\n", o->host, o->port);
        storePoolClose(&srv.pool);
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
    fprintf(stderr, "getihu serve: 已停止 (stopped on signal %d)\n", sig);
    return 0;
}
