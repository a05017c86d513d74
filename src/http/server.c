#define _DEFAULT_SOURCE /* inet_ntop, sigwait */
#include "http/http.h"
#include "core/sbuf.h"
#include "http/pool.h"
#include "io/jsonw.h"
#include "http/public_api.h"
#include "http/ratelimit.h"
#include "http/staff_api.h"
#include "app/export.h"
#include "app/run.h"
#include "app/audit.h"
#include "app/import.h"
#include "app/departments.h"
#include "io/params_json.h"
#include <unistd.h>
#include <fcntl.h>
#include "io/json.h"
#include "core/error.h"
#include <sodium.h>
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HTTP_MAX_BODY (64u * 1024) /* JSON bodies only; larger ones are refused (413) */

/* Embedded pages (cmake/embed_files.cmake, from web/). */
typedef struct webFile { const char *path; const unsigned char *data; size_t len; } webFile;
extern const webFile webFiles[];
extern const size_t webFileCount;

/* A run started from the console: one at a time, on its own thread and connection. */
typedef struct httpJob {
    int64_t id, done, total, run_id;
    int year;
    char status[12]; /* running, done, failed */
    char error[256];
    char actor[64], role[16], client[64];
    char *params_text;
    yearParams params;
} httpJob;

/* Uploaded extracts waiting for their uploader to commit or cancel them. */
#define HTTP_UPLOADS 8
#define HTTP_MAX_UPLOAD (256u << 20)
typedef struct httpUpload {
    int64_t id, account_id;
    extractKind kind;
    char name[128], path[256];
    bool used;
} httpUpload;

typedef struct httpServer {
    const httpOptions *o;
    pthread_mutex_t upload_mu;
    httpUpload uploads[HTTP_UPLOADS];
    int64_t upload_seq;
    pthread_mutex_t job_mu;
    httpJob job;          /* the latest job */
    pthread_t job_thread;
    bool job_thread_live;
    storePool pool;
    rateLimiter rate;       /* public search, per client address */
    rateLimiter login_rate; /* login attempts, per client address */
    pthread_mutex_t log_mu;
} httpServer;

/* Per-request state, for the access log. */
typedef struct httpRequest {
    struct timespec start;
    unsigned status;
    size_t bytes;
    char path[128];
    char method[8];
    char client[48];     /* truncated, for the access log */
    char client_full[64]; /* for the audit trail */
    size_t body;
    char *data;           /* the body, up to HTTP_MAX_BODY */
    int upload_fd;        /* POST /api/imports: the body goes to this temporary file */
    char upload_path[256];
    bool secure;          /* behind TLS (X-Forwarded-Proto: https) */
} httpRequest;

static double httpSeconds(const struct timespec *t) { return (double)t->tv_sec + (double)t->tv_nsec / 1e9; }

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

static enum MHD_Result httpSend(struct MHD_Connection *conn, httpRequest *req, unsigned status, const char *type,
                                const void *body, size_t len, bool copy, bool cache) {
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body,
                                                             copy ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    MHD_add_response_header(r, "Cache-Control", cache ? "public, max-age=300" : "no-store");
    req->status = status;
    req->bytes = len;
    const enum MHD_Result ok = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result httpJson(struct MHD_Connection *conn, httpRequest *req, unsigned status, const char *json) {
    return httpSend(conn, req, status, "application/json; charset=utf-8", json, strlen(json), true, false);
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
        return httpSend(conn, req, 200, type, webFiles[i].data, webFiles[i].len, false, true);
    }
    return httpJson(conn, req, 404, "{\"error\":\"未找到 (not found)\"}");
}

static enum MHD_Result httpPublicSearch(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, uint64_t client) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double retry = 0;
    if (!rateAllow(&srv->rate, client, httpSeconds(&now), &retry)) {
        char body[160], after[16];
        snprintf(after, sizeof after, "%d", (int)retry + 1);
        snprintf(body, sizeof body, "{\"error\":\"查询过于频繁，请 %s 秒后再试 (rate limited)\"}", after);
        struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_COPY);
        if (!r) return MHD_NO;
        MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
        MHD_add_response_header(r, "Retry-After", after);
        req->status = 429;
        req->bytes = strlen(body);
        const enum MHD_Result ok = MHD_queue_response(conn, 429, r);
        MHD_destroy_response(r);
        return ok;
    }
    const char *q = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "q");
    sbuf out;
    sbufInit(&out);
    int status = 500;
    store *s = storePoolTake(&srv->pool);
    publicSearch(s, q, &out, &status);
    storePoolGive(&srv->pool, s);
    const enum MHD_Result ok = out.failed ? httpJson(conn, req, 500, "{\"error\":\"内存不足\"}")
                                          : httpJson(conn, req, (unsigned)status, out.data);
    sbufFree(&out);
    return ok;
}

static enum MHD_Result httpBody(struct MHD_Connection *conn, httpRequest *req, int status, sbuf *out) {
    const enum MHD_Result ok = out->failed ? httpJson(conn, req, 500, "{\"error\":\"内存不足\"}")
                                           : httpJson(conn, req, (unsigned)status, out->data ? out->data : "{}");
    sbufFree(out);
    return ok;
}

static int64_t httpNow(void) { return (int64_t)time(NULL); }

/* The signed-in session of the request, if any. */
static bool httpSession(httpServer *srv, struct MHD_Connection *conn, authSession *who) {
    const char *token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, AUTH_COOKIE);
    if (!token) return false;
    store *s = storePoolTake(&srv->pool);
    const bool ok = authSessionLoad(s, token, httpNow(), who) == 0;
    storePoolGive(&srv->pool, s);
    return ok;
}

/* POST /api/session {"username","password"}: signs in; answers the CSRF token. */
static enum MHD_Result httpLogin(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, uint64_t client) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    double retry;
    if (!rateAllow(&srv->login_rate, client, httpSeconds(&t), &retry))
        return httpJson(conn, req, 429, "{\"error\":\"登录尝试过于频繁，请稍后再试 (too many attempts)\"}");
    arena a;
    arenaInit(&a, 4096, 1 << 16);
    jsonReader j;
    jsonInit(&j, req->data ? req->data : "", req->body, &a);
    const char *user = NULL, *pass = NULL, *uscc = NULL, *code = NULL, *key, *v;
    size_t kn, vn;
    bool first = true;
    int k = jsonObjectBegin(&j) ? -1 : 1;
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1) {
        if (jsonPeek(&j) != JSON_T_STRING) { k = jsonSkip(&j) ? -1 : 1; continue; }
        if (jsonString(&j, &v, &vn)) { k = -1; break; }
        if (jsonKeyIs(key, kn, "username")) user = v;
        else if (jsonKeyIs(key, kn, "password")) pass = v;
        else if (jsonKeyIs(key, kn, "uscc")) uscc = v;
        else if (jsonKeyIs(key, kn, "code")) code = v;
    }
    const bool by_code = uscc && code && !user && !pass;
    if (k < 0 || (!by_code && (!user || !pass)) || jsonEnd(&j)) {
        arenaFree(&a);
        return httpJson(conn, req, 400, "{\"error\":\"请求应为 {\\\"username\\\":…,\\\"password\\\":…} (malformed JSON)\"}");
    }
    store *s = storePoolTake(&srv->pool);
    storeAccount acc;
    const int64_t now = httpNow();
    int rc = by_code ? authLoginCode(s, uscc, code, now, &a, &acc) : authLogin(s, user, pass, now, &a, &acc);
    char token[65], csrf[65], object[96];
    snprintf(object, sizeof object, by_code ? "business %.20s" : "account %.64s", by_code ? uscc : user);
    storeAudit e = {.actor = rc ? "anonymous" : acc.username, .role = rc ? "-" : acc.role, .client = req->client_full,
                    .action = rc ? "login.failed" : "login", .object = object};
    /* the session and the audit entry stand or fall together */
    int w = storeBegin(s);
    if (!w && !rc) w = authSessionCreate(s, acc.id, now, srv->o->session_seconds, token, csrf);
    if (!w) w = auditAppend(s, &e, now);
    if (!w) w = storeCommit(s);
    if (w) {
        storeRollback(s);
        rc = GH_EIO;
    }
    sbuf out;
    sbufInit(&out);
    if (!rc) {
        authSession who;
        authSessionLoad(s, token, now, &who);
        staffMe(&who, &out);
    }
    storePoolGive(&srv->pool, s);
    arenaFree(&a);
    if (rc) {
        sbufFree(&out);
        if (rc == GH_EIO || rc == GH_ENOMEM)
            return httpJson(conn, req, 500, "{\"error\":\"登录未能完成 (sign-in failed)\"}");
        return httpJson(conn, req, rc == GH_ERANGE ? 429 : 401,
                        rc == GH_ERANGE ? "{\"error\":\"账户已暂时锁定，请 15 分钟后再试 (locked)\"}"
                        : by_code ? "{\"error\":\"统一社会信用代码或访问码无效、已过期或已使用 (invalid code)\"}"
                                  : "{\"error\":\"用户名或密码错误 (wrong username or password)\"}");
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(out.len, out.data, MHD_RESPMEM_MUST_COPY);
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", AUTH_COOKIE, token,
             srv->o->session_seconds, req->secure ? "; Secure" : "");
    sodium_memzero(token, sizeof token);
    MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "Set-Cookie", cookie);
    req->status = 200;
    req->bytes = out.len;
    const enum MHD_Result ok = MHD_queue_response(conn, 200, r);
    MHD_destroy_response(r);
    sbufFree(&out);
    return ok;
}

static enum MHD_Result httpLogout(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, const authSession *who) {
    const char *token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, AUTH_COOKIE);
    char hash[65], object[96];
    authTokenHash(token ? token : "", hash);
    snprintf(object, sizeof object, "account %s", who->username);
    const storeAudit e = {.actor = who->username, .role = who->role_name, .client = req->client_full,
                          .action = "logout", .object = object};
    store *s = storePoolTake(&srv->pool);
    int w = storeBegin(s); /* the session ends with its audit entry, or not at all */
    if (!w) w = storeSessionDelete(s, hash);
    if (!w) w = auditAppend(s, &e, httpNow());
    if (!w) w = storeCommit(s);
    if (w) storeRollback(s);
    storePoolGive(&srv->pool, s);
    if (w) return httpJson(conn, req, 500, "{\"error\":\"退出未能完成 (sign-out failed)\"}");
    struct MHD_Response *r = MHD_create_response_from_buffer(2, (void *)"{}", MHD_RESPMEM_PERSISTENT);
    char cookie[128];
    snprintf(cookie, sizeof cookie, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", AUTH_COOKIE);
    MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(r, "Set-Cookie", cookie);
    req->status = 200;
    req->bytes = 2;
    const enum MHD_Result ok = MHD_queue_response(conn, 200, r);
    MHD_destroy_response(r);
    return ok;
}

/* GET /api/exports?year=&format=csv|xlsx|jsonl[&run=]: a download of the year's
 * published run (or the given finished run of that year). Written to an unlinked
 * temporary file and sent from it: memory stays flat whatever the size. */
static enum MHD_Result httpExport(httpServer *srv, struct MHD_Connection *conn, httpRequest *req) {
    const char *year_s = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "year");
    const char *format_s = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "format");
    const char *run_s = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "run");
    const int year = year_s ? atoi(year_s) : 0;
    exportFormat f;
    if (year < 2000 || year > 2200 || exportFormatParse(&f, format_s))
        return httpJson(conn, req, 400, "{\"error\":\"需要 year 和 format=csv|xlsx|jsonl (year and format required)\"}");
    store *s = storePoolTake(&srv->pool);
    int64_t run = run_s ? atoll(run_s) : 0;
    storeRun r;
    arena ra;
    arenaInit(&ra, 1024, 0);
    int rc = run ? storeRunGet(s, run, &ra, &r) : storePublishedRun(s, year, &run);
    if (!rc && run_s && (r.year != year || strcmp(r.status, "done"))) rc = GH_ENOTFOUND;
    arenaFree(&ra);
    if (rc) {
        storePoolGive(&srv->pool, s);
        return httpJson(conn, req, 404, "{\"error\":\"该年度没有可导出的分型 (no such run)\"}");
    }
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/getihu-export-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    FILE *out = fd >= 0 && f != EXPORT_XLSX ? fdopen(dup(fd), "wb") : NULL;
    int64_t rows = 0;
    rc = fd < 0 || (f != EXPORT_XLSX && !out) ? GH_EIO : exportRun(s, run, f, out, path, &rows);
    if (out && fclose(out) && !rc) rc = GH_EIO;
    storePoolGive(&srv->pool, s);
    if (fd >= 0) {
        close(fd);
        fd = rc ? -1 : open(path, O_RDONLY); /* xlsx was written by name */
        unlink(path);
    }
    const off_t size = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
    if (rc || size < 0) {
        if (fd >= 0) close(fd);
        return httpJson(conn, req, 500, "{\"error\":\"导出失败 (export failed)\"}");
    }
    struct MHD_Response *resp = MHD_create_response_from_fd_at_offset64((uint64_t)size, fd, 0);
    if (!resp) {
        close(fd);
        return MHD_NO;
    }
    static const char *const types[] = {"application/x-ndjson; charset=utf-8", "text/csv; charset=utf-8",
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    static const char *const ext[] = {"jsonl", "csv", "xlsx"};
    char disposition[128];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"getihu-%d-run%lld.%s\"", year, (long long)run, ext[f]);
    MHD_add_response_header(resp, "Content-Type", types[f]);
    MHD_add_response_header(resp, "Content-Disposition", disposition);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    req->status = 200;
    req->bytes = (size_t)size;
    const enum MHD_Result ok = MHD_queue_response(conn, 200, resp);
    MHD_destroy_response(resp);
    return ok;
}

static void httpJobProgress(void *ctx, int64_t done) {
    httpServer *srv = ctx;
    pthread_mutex_lock(&srv->job_mu);
    srv->job.done = done;
    pthread_mutex_unlock(&srv->job_mu);
}

static void *httpJobMain(void *arg) {
    httpServer *srv = arg;
    httpJob *j = &srv->job;
    char err[600];
    store *s;
    int rc = storeOpen(&s, srv->o->db_path, err, sizeof err);
    if (!rc) {
        const appRunInfo info = {.params = &j->params, .params_json = j->params_text,
                                 .version = GETIHU_HTTP_VERSION, .actor = j->actor, .role = j->role, .client = j->client,
                                 .progress = httpJobProgress, .progress_ctx = srv};
        appRunResult res;
        rc = appRunYear(s, &info, &res);
        pthread_mutex_lock(&srv->job_mu);
        if (rc) snprintf(j->error, sizeof j->error, "%s", storeError(s));
        j->run_id = rc ? 0 : res.run_id;
        j->done = rc ? j->done : res.population;
        snprintf(j->status, sizeof j->status, "%s", rc ? "failed" : "done");
        pthread_mutex_unlock(&srv->job_mu);
        storeClose(s);
    } else {
        pthread_mutex_lock(&srv->job_mu);
        snprintf(j->error, sizeof j->error, "%.250s", err);
        snprintf(j->status, sizeof j->status, "failed");
        pthread_mutex_unlock(&srv->job_mu);
    }
    return NULL;
}

/* POST /api/runs {"year":2025, "params":{…}?}: starts a run (the shipped parameters
 * of the year when none are given). 202 with the job; 409 while one runs. */
static enum MHD_Result httpRunStart(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, const authSession *who) {
    arena a;
    arenaInit(&a, 4096, 1 << 17);
    jsonReader j;
    jsonInit(&j, req->data ? req->data : "", req->body, &a);
    const char *key, *ps = NULL, *pe = NULL, *num;
    size_t kn, nn;
    bool first = true;
    long year = 0;
    int k = jsonObjectBegin(&j) ? -1 : 1;
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1) {
        if (jsonKeyIs(key, kn, "year") && jsonPeek(&j) == JSON_T_NUMBER) {
            if (jsonNumber(&j, &num, &nn)) k = -1;
            else year = strtol(num, NULL, 10);
        } else if (jsonKeyIs(key, kn, "params") && jsonPeek(&j) == JSON_T_OBJECT) {
            ps = j.p;
            if (jsonSkip(&j)) k = -1;
            pe = j.p;
        } else if (jsonSkip(&j)) {
            k = -1;
        }
    }
    if (k < 0 || jsonEnd(&j) || year < 2000 || year > 2200) {
        arenaFree(&a);
        return httpJson(conn, req, 400, "{\"error\":\"请求应为 {\\\"year\\\":2025, \\\"params\\\":{…}} (year required)\"}");
    }
    char *text = NULL;
    size_t n = 0;
    if (ps) {
        n = (size_t)(pe - ps);
        text = strndup(ps, n);
    } else {
        const char *builtin, *path;
        if (!paramsBuiltin((int)year, &builtin, &n, &path)) text = strndup(builtin, n);
    }
    arenaFree(&a);
    yearParams p;
    char err[512] = "没有该年度的内置参数，请提供参数 (no shipped parameters for that year)";
    if (!text || paramsParseJson(&p, text, strlen(text), err, sizeof err) || p.year != year) {
        free(text);
        sbuf out;
        sbufInit(&out);
        sbufPuts(&out, "{\"error\":");
        jsonwString(&out, text ? (p.year != year ? "参数年度与 year 不符 (parameters are for another year)" : err) : err);
        sbufPutc(&out, '}');
        return httpBody(conn, req, 400, &out);
    }
    pthread_mutex_lock(&srv->job_mu);
    if (!strcmp(srv->job.status, "running")) {
        pthread_mutex_unlock(&srv->job_mu);
        free(text);
        return httpJson(conn, req, 409, "{\"error\":\"已有分型在进行中 (a run is in progress)\"}");
    }
    if (srv->job_thread_live) pthread_join(srv->job_thread, NULL);
    free(srv->job.params_text);
    httpJob *job = &srv->job;
    const int64_t id = job->id + 1;
    memset(job, 0, sizeof *job);
    job->id = id;
    job->year = (int)year;
    job->params = p;
    job->params_text = text;
    snprintf(job->status, sizeof job->status, "running");
    snprintf(job->actor, sizeof job->actor, "%s", who->username);
    snprintf(job->role, sizeof job->role, "%s", who->role_name);
    snprintf(job->client, sizeof job->client, "%s", req->client_full);
    store *s = storePoolTake(&srv->pool);
    storeCountBusinesses(s, &job->total);
    storePoolGive(&srv->pool, s);
    srv->job_thread_live = pthread_create(&srv->job_thread, NULL, httpJobMain, srv) == 0;
    if (!srv->job_thread_live) snprintf(job->status, sizeof job->status, "failed");
    char body[128];
    snprintf(body, sizeof body, "{\"job\":%lld,\"year\":%ld,\"status\":\"%s\"}", (long long)id, year, job->status);
    pthread_mutex_unlock(&srv->job_mu);
    return httpJson(conn, req, srv->job_thread_live ? 202 : 500, body);
}

static enum MHD_Result httpJobGet(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, int64_t id) {
    char body[512];
    pthread_mutex_lock(&srv->job_mu);
    const httpJob *j = &srv->job;
    if (id != j->id || !id) {
        pthread_mutex_unlock(&srv->job_mu);
        return httpJson(conn, req, 404, "{\"error\":\"没有该任务 (no such job)\"}");
    }
    sbuf out;
    sbufInit(&out);
    sbufPrintf(&out, "{\"job\":%lld,\"year\":%d,\"status\":\"%s\",\"done\":%lld,\"total\":%lld,\"run\":%lld,\"error\":",
               (long long)j->id, j->year, j->status, (long long)j->done, (long long)j->total, (long long)j->run_id);
    if (j->error[0]) jsonwString(&out, j->error);
    else sbufPuts(&out, "null");
    sbufPutc(&out, '}');
    pthread_mutex_unlock(&srv->job_mu);
    (void)body;
    return httpBody(conn, req, 200, &out);
}

typedef struct httpBad { sbuf *out; int n; } httpBad;

static void httpBadRow(void *ctx, uint64_t line, const char *field, const char *message) {
    httpBad *b = ctx;
    if (b->n >= 500) return; /* the report lists the first 500; the counts are complete */
    sbufPrintf(b->out, "%s{\"line\":%llu,\"field\":", b->n++ ? "," : "", (unsigned long long)line);
    jsonwString(b->out, field);
    jsonwKey(b->out, "message", 0);
    jsonwString(b->out, message);
    sbufPutc(b->out, '}');
}

/* Runs an import of an uploaded file (dry or for real) and writes the report. */
static int httpImportRun(httpServer *srv, const authSession *who, const char *client, const httpUpload *u, bool dry,
                         bool skip_bad, sbuf *out) {
    httpBad bad = {out, 0};
    sbufClear(out);
    sbufPuts(out, "{\"bad\":[");
    const appImportOptions o = {.kind = u->kind, .path = u->path, .name = u->name, .dry_run = dry, .skip_bad = skip_bad,
                                .actor = who->username, .role = who->role_name, .client = client,
                                .bad = httpBadRow, .bad_ctx = &bad};
    appImportResult r;
    store *s = storePoolTake(&srv->pool);
    const int rc = appImport(s, &o, &r);
    storePoolGive(&srv->pool, s);
    if (rc) {
        sbufClear(out);
        sbufPuts(out, "{\"error\":");
        jsonwString(out, r.message[0] ? r.message : "导入失败 (import failed)");
        sbufPutc(out, '}');
        return rc == GH_EINVAL ? 422 : 500;
    }
    sbufPrintf(out, "],\"upload\":%lld,\"import\":%lld,\"kind\":\"%s\",\"name\":", (long long)u->id,
               (long long)r.import_id, extractKindName(u->kind));
    jsonwString(out, u->name);
    sbufPrintf(out, ",\"encoding\":\"%s\",\"status\":\"%s\",\"committed\":%s,\"rows_read\":%lld,\"rows_ok\":%lld,"
               "\"rows_bad\":%lld,\"rows_changed\":%lld,\"ignored_columns\":%d}",
               r.encoding, r.status, r.committed ? "true" : "false", (long long)r.rows_read, (long long)r.rows_ok,
               (long long)r.rows_bad, (long long)r.rows_changed, r.ignored_columns);
    return 200;
}

/* POST /api/imports?kind=K&name=N (body: the file): checks it as a dry run and keeps
 * it for its uploader to commit or cancel. */
static enum MHD_Result httpImportUpload(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, const authSession *who) {
    const char *kind_s = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "kind");
    const char *name = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "name");
    extractKind kind;
    if (!kind_s || extractKindParse(&kind, kind_s) || !name || !*name || strlen(name) > 100)
        return httpJson(conn, req, 400, "{\"error\":\"需要 kind（数据种类）和 name（文件名）(kind and name required)\"}");
    /* A department account supplies only the data its department holds. */
    if ((who->role & ROLE_DEPARTMENT) && !departmentSupplies(who->department, kind))
        return httpJson(conn, req, 403, "{\"error\":\"本部门不提供此类数据 (this department does not supply this kind)\"}");
    pthread_mutex_lock(&srv->upload_mu);
    int slot = -1;
    for (int i = 0; i < HTTP_UPLOADS && slot < 0; i++)
        if (!srv->uploads[i].used) slot = i;
    if (slot < 0) {
        pthread_mutex_unlock(&srv->upload_mu);
        return httpJson(conn, req, 409, "{\"error\":\"待确认的上传过多，请先确认或取消 (too many pending uploads)\"}");
    }
    httpUpload *u = &srv->uploads[slot];
    memset(u, 0, sizeof *u);
    u->used = true;
    u->id = ++srv->upload_seq;
    u->account_id = who->account_id;
    u->kind = kind;
    snprintf(u->name, sizeof u->name, "%s", name);
    snprintf(u->path, sizeof u->path, "%s", req->upload_path);
    req->upload_path[0] = '\0'; /* the file now belongs to the table */
    const httpUpload copy = *u;
    pthread_mutex_unlock(&srv->upload_mu);
    sbuf out;
    sbufInit(&out);
    const int status = httpImportRun(srv, who, req->client_full, &copy, true, false, &out);
    if (status != 200) { /* an unusable file is not kept */
        pthread_mutex_lock(&srv->upload_mu);
        unlink(copy.path);
        srv->uploads[slot].used = false;
        pthread_mutex_unlock(&srv->upload_mu);
    }
    return httpBody(conn, req, status, &out);
}

/* POST /api/imports/{id}/commit {"skip_bad":bool} and DELETE /api/imports/{id}. */
static enum MHD_Result httpImportDecide(httpServer *srv, struct MHD_Connection *conn, httpRequest *req,
                                        const authSession *who, const char *url, bool commit) {
    char *end;
    const long long id = strtoll(url + 13, &end, 10);
    if (id <= 0 || (commit ? strcmp(end, "/commit") : *end != '\0'))
        return httpJson(conn, req, 404, "{\"error\":\"未找到 (not found)\"}");
    pthread_mutex_lock(&srv->upload_mu);
    int slot = -1;
    for (int i = 0; i < HTTP_UPLOADS; i++)
        if (srv->uploads[i].used && srv->uploads[i].id == id && srv->uploads[i].account_id == who->account_id) slot = i;
    if (slot < 0) {
        pthread_mutex_unlock(&srv->upload_mu);
        return httpJson(conn, req, 404, "{\"error\":\"没有该上传，或不是您上传的 (no such upload of yours)\"}");
    }
    const httpUpload u = srv->uploads[slot];
    srv->uploads[slot].used = false; /* taken: a second commit finds nothing */
    pthread_mutex_unlock(&srv->upload_mu);
    sbuf out;
    sbufInit(&out);
    int status = 200;
    if (commit) status = httpImportRun(srv, who, req->client_full, &u, false,
                                       req->data && strstr(req->data, "\"skip_bad\":true"), &out);
    else sbufPuts(&out, "{\"cancelled\":true}");
    unlink(u.path);
    return httpBody(conn, req, status, &out);
}

/* Routes that need a session: who may call them, and whether they change state. */
typedef struct httpRoute { const char *method, *prefix; unsigned roles; bool csrf; } httpRoute;
static const httpRoute httpRoutes[] = {
    {"GET", "/api/me", ROLE_STAFF | ROLE_BANK | ROLE_BUSINESS, false},
    {"DELETE", "/api/session", ROLE_STAFF | ROLE_BANK | ROLE_BUSINESS, true},
    {"GET", "/api/runs", ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER | ROLE_INSPECTOR, false},
    {"POST", "/api/runs", ROLE_ADMIN | ROLE_CLERK, true},
    {"POST", "/api/runs/", ROLE_ADMIN | ROLE_REVIEWER, true},
    {"GET", "/api/runs/", ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER | ROLE_INSPECTOR, false},
    {"GET", "/api/jobs/", ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER, false},
    {"GET", "/api/audit", ROLE_ADMIN, false},
    {"GET", "/api/stats", ROLE_STAFF, false},
    {"POST", "/api/imports", ROLE_ADMIN | ROLE_CLERK | ROLE_DEPARTMENT, true},
    {"POST", "/api/imports/", ROLE_ADMIN | ROLE_CLERK | ROLE_DEPARTMENT, true},
    {"DELETE", "/api/imports/", ROLE_ADMIN | ROLE_CLERK | ROLE_DEPARTMENT, true},
    {"GET", "/api/exports", ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER | ROLE_INSPECTOR, false},
    {"GET", "/api/businesses", ROLE_STAFF, false},
    {"GET", "/api/businesses/", ROLE_STAFF | ROLE_BANK | ROLE_BUSINESS, false},
};

static enum MHD_Result httpSigned(httpServer *srv, struct MHD_Connection *conn, httpRequest *req, const char *url,
                                  const char *method, const httpRoute *route) {
    authSession who;
    if (!httpSession(srv, conn, &who))
        return httpJson(conn, req, 401, "{\"error\":\"请先登录 (sign in first)\"}");
    if (!(who.role & route->roles)) return httpJson(conn, req, 403, "{\"error\":\"无权访问 (forbidden for this role)\"}");
    if (route->csrf) {
        const char *t = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!t || strlen(t) != 64 || sodium_memcmp(t, who.csrf, 64) != 0)
            return httpJson(conn, req, 403, "{\"error\":\"CSRF 校验失败 (missing or wrong X-CSRF-Token)\"}");
    }
    if (!strcmp(url, "/api/exports")) return httpExport(srv, conn, req);
    if (!strcmp(url, "/api/imports")) return httpImportUpload(srv, conn, req, &who);
    if (!strncmp(url, "/api/imports/", 13)) return httpImportDecide(srv, conn, req, &who, url, !strcmp(method, "POST"));
    if (!strcmp(url, "/api/runs") && !strcmp(method, "POST")) return httpRunStart(srv, conn, req, &who);
    if (!strncmp(url, "/api/jobs/", 10)) return httpJobGet(srv, conn, req, atoll(url + 10));
    sbuf out;
    sbufInit(&out);
    int status = 404;
    store *s = storePoolTake(&srv->pool);
    if (!strcmp(method, "DELETE")) {
        storePoolGive(&srv->pool, s);
        return httpLogout(srv, conn, req, &who);
    } else if (!strcmp(url, "/api/me")) {
        staffMe(&who, &out);
        status = 200;
    } else if (!strcmp(url, "/api/runs")) {
        status = staffRuns(s, &out);
    } else if (!strcmp(url, "/api/audit")) {
        status = staffAudit(s, MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "action"), &out);
    } else if (!strcmp(url, "/api/stats")) {
        const char *y = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "year");
        status = staffStats(s, y ? atoi(y) : 0, &out);
    } else if (!strcmp(url, "/api/businesses")) {
        status = staffSearch(s, &who, MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "q"), &out);
    } else if (!strncmp(url, "/api/runs/", 10)) {
        char *end;
        const long long id = strtoll(url + 10, &end, 10);
        if (id > 0 && !strcmp(method, "POST") && !strcmp(end, "/publish")) status = staffPublish(s, &who, req->client_full, id, &out);
        else if (id > 0 && !strcmp(method, "GET") && !strcmp(end, "/compare")) status = staffCompare(s, id, &out);
        else sbufPuts(&out, "{\"error\":\"未找到 (not found)\"}");
    } else if (!strncmp(url, "/api/businesses/", 16)) {
        status = staffBusiness(s, &who, url + 16, &out);
    }
    storePoolGive(&srv->pool, s);
    if (status == 404 && !out.len) sbufPuts(&out, "{\"error\":\"未找到 (not found)\"}");
    return httpBody(conn, req, status, &out);
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
        if (!strcmp(method, "POST") && !strcmp(url, "/api/imports")) {
            const char *dir = getenv("TMPDIR");
            snprintf(req->upload_path, sizeof req->upload_path, "%s/getihu-upload-XXXXXX", dir && *dir ? dir : "/tmp");
            req->upload_fd = mkstemp(req->upload_path);
            if (req->upload_fd < 0) return MHD_NO;
        }
        *state = req;
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
    uint64_t client = httpClient(conn, req->client, sizeof req->client, req->client_full, sizeof req->client_full);
    if (req->body > (req->upload_fd > 0 ? HTTP_MAX_UPLOAD : HTTP_MAX_BODY))
        return httpJson(conn, req, 413, "{\"error\":\"请求体过大 (body too large)\"}");
    if (!strcmp(url, "/api/session") && !strcmp(method, "POST")) return httpLogin(srv, conn, req, client);
    for (size_t i = 0; i < sizeof httpRoutes / sizeof httpRoutes[0]; i++) {
        const httpRoute *r = &httpRoutes[i];
        const size_t n = strlen(r->prefix);
        const bool match = r->prefix[n - 1] == '/' ? !strncmp(url, r->prefix, n) : !strcmp(url, r->prefix);
        if (match && !strcmp(method, r->method)) return httpSigned(srv, conn, req, url, method, r);
    }
    const bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (!get) return httpJson(conn, req, 405, "{\"error\":\"不支持的方法 (method not allowed)\"}");
    if (!strcmp(url, "/healthz")) return httpJson(conn, req, 200, "{\"status\":\"ok\"}");
    if (!strcmp(url, "/api/public/search")) return httpPublicSearch(srv, conn, req, client);
    if (!strncmp(url, "/api/", 5)) return httpJson(conn, req, 404, "{\"error\":\"未找到 (not found)\"}");
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
        sbufPrintf(&line, ",\"status\":%u,\"bytes\":%zu,\"ms\":%.2f%s}\n", req->status, req->bytes,
                   (httpSeconds(&end) - httpSeconds(&req->start)) * 1000.0,
                   code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : ",\"aborted\":true");
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

/* Every route, in OpenAPI spelling: docs/openapi.yaml must list exactly these
 * (tests/api/openapi.sh compares them, and calls each one). */
static const char *const httpRouteList[] = {
    "GET /healthz", "GET /api/public/search", "POST /api/session", "DELETE /api/session", "GET /api/me",
    "GET /api/runs", "POST /api/runs", "POST /api/runs/{id}/publish", "GET /api/runs/{id}/compare", "GET /api/jobs/{id}", "GET /api/audit", "GET /api/stats", "GET /api/exports", "POST /api/imports", "POST /api/imports/{id}/commit",
    "DELETE /api/imports/{id}", "GET /api/businesses",
    "GET /api/businesses/{uscc}", NULL};

void httpListRoutes(FILE *f) {
    for (int i = 0; httpRouteList[i]; i++) fprintf(f, "%s\n", httpRouteList[i]);
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
    pthread_mutex_init(&srv.log_mu, NULL);
    pthread_mutex_init(&srv.job_mu, NULL);
    pthread_mutex_init(&srv.upload_mu, NULL);
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
    if (srv.job_thread_live) pthread_join(srv.job_thread, NULL); /* a run in progress completes */
    free(srv.job.params_text);
    for (int i = 0; i < HTTP_UPLOADS; i++)
        if (srv.uploads[i].used) unlink(srv.uploads[i].path); /* uncommitted uploads go */
    storePoolClose(&srv.pool);
    pthread_mutex_destroy(&srv.log_mu);
    fprintf(stderr, "getihu serve: 已停止 (stopped on signal %d)\n", sig);
    return 0;
}
