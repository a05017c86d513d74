#include "http/routes.h"
#include "core/error.h"
#include <assert.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define STAFF_READ (ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER | ROLE_INSPECTOR)
#define UPLOADERS (ROLE_ADMIN | ROLE_CLERK | ROLE_DEPARTMENT)
#define SIGNED_IN (ROLE_STAFF | ROLE_BANK | ROLE_BUSINESS)
#define N HTTP_BODY_NONE /* the body kinds, short for the table's columns */
#define J HTTP_BODY_JSON
#define F HTTP_BODY_FILE

/* Every route, in the order `getihu serve --list-routes` prints them. */
static const httpRoute httpRoutes[] = {
    {"GET", "/healthz", 0, false, N, apiHealth, "健康检查 (health check)", NULL},
    {"GET", "/api/public/search", 0, false, N, apiPublicSearch, "公众查询已公布的分型 (public search)", NULL},
    {"POST", "/api/session", 0, false, J, sessionLogin,
     "登录：用户名和密码，或统一社会信用代码和访问码 (sign in)", NULL},
    {"DELETE", "/api/session", SIGNED_IN, true, N, sessionLogout, "退出登录 (sign out)", NULL},
    {"GET", "/api/me", SIGNED_IN, false, N, sessionMe, "当前账户 (the signed-in account)", NULL},
    {"GET", "/api/runs", STAFF_READ, false, N, apiRuns, "分型批次列表 (runs)", NULL},
    {"POST", "/api/runs", ROLE_ADMIN | ROLE_CLERK, true, J, jobStart, "开始一次年度分型 (start a run)", NULL},
    {"POST", "/api/runs/{id}/publish", ROLE_ADMIN | ROLE_REVIEWER, true, N, apiRunPublish,
     "公布一次分型 (publish a run)", NULL},
    {"GET", "/api/runs/{id}/compare", STAFF_READ, false, N, apiRunCompare,
     "与已公布分型比较 (compare with the published run)", NULL},
    {"GET", "/api/jobs/{id}", ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER, false, N, jobGet,
     "分型任务进度 (a run's progress)", NULL},
    {"GET", "/api/audit", ROLE_ADMIN, false, N, apiAudit, "审计记录 (the audit trail)", NULL},
    {"GET", "/api/stats", ROLE_STAFF, false, N, apiStats, "年度分型统计 (statistics of a year)", NULL},
    {"GET", "/api/exports", STAFF_READ, false, N, apiExport, "导出分型结果 (export a run)", NULL},
    {"POST", "/api/imports", UPLOADERS, true, F, apiImportUpload, "上传部门数据，先试导入 (upload an extract)",
     apiImportEarly},
    {"POST", "/api/imports/{id}/commit", UPLOADERS, true, J, apiImportCommit,
     "确认导入上传的数据 (commit an upload)", NULL},
    {"DELETE", "/api/imports/{id}", UPLOADERS, true, N, apiImportCancel, "取消上传 (cancel an upload)", NULL},
    {"GET", "/api/businesses", ROLE_STAFF, false, N, apiBusinesses, "工作人员查询个体工商户 (staff search)", NULL},
    {"GET", "/api/businesses/{uscc}", SIGNED_IN, false, N, apiBusiness, "个体工商户详情 (a business)", NULL},
};
#undef N
#undef J
#undef F

const httpRoute *httpRouteAll(size_t *n) {
    *n = sizeof httpRoutes / sizeof httpRoutes[0];
    return httpRoutes;
}

/* Whether path matches pattern segment by segment; {x} takes one non-empty segment. */
static bool httpMatch(const char *pattern, const char *path, size_t off[], size_t len[]) {
    const char *p = pattern, *u = path;
    int k = 0;
    while (*p && *u) {
        if (*p == '{') {
            const size_t n = strcspn(u, "/");
            if (!n || k == HTTP_MAX_PARAMS) return false;
            off[k] = (size_t)(u - path);
            len[k++] = n;
            u += n;
            p = strchr(p, '}');
            assert(p); /* patterns are this file's literals */
            p++;
        } else if (*p++ != *u++) {
            return false;
        }
    }
    return !*p && !*u;
}

const httpRoute *httpRouteFind(const char *method, const char *path, size_t off[], size_t len[]) {
    const bool head = !strcmp(method, "HEAD");
    for (size_t i = 0; i < sizeof httpRoutes / sizeof httpRoutes[0]; i++) {
        const httpRoute *r = &httpRoutes[i];
        if (strcmp(method, r->method) && !(head && !strcmp(r->method, "GET"))) continue;
        if (httpMatch(r->path, path, off, len)) return r;
    }
    return NULL;
}

bool httpRouteGate(httpCtx *c) {
    const httpRoute *r = c->route;
    const bool changes = strcmp(r->method, "GET") != 0;
    const char *t = r->csrf ? httpRequestHeader(c, "X-CSRF-Token") : NULL;
    if (r->roles) httpUploadsExpire(&c->srv->uploads, httpNow()); /* pending uploads expire without a timer */
    if (r->body == HTTP_BODY_JSON && httpHasBody(c) && !httpJsonBody(c))
        httpFail(c, 415, "请求体应为 JSON (Content-Type: application/json required)");
    else if (changes && !httpSameOrigin(c))
        httpFail(c, 403, "跨站请求被拒绝 (cross-origin request refused)");
    else if (r->roles && sessionLoad(c))
        httpFail(c, 401, "请先登录 (sign in first)");
    else if (r->roles && !(c->who.role & r->roles))
        httpFail(c, 403, "无权访问 (forbidden for this role)");
    else if (r->csrf && (!t || strlen(t) != 64 || sodium_memcmp(t, c->who.csrf, 64) != 0))
        httpFail(c, 403, "CSRF 校验失败 (missing or wrong X-CSRF-Token)");
    else
        return !r->early || r->early(c);
    return false;
}

int64_t httpParamId(const char *segment) {
    char *end;
    const long long id = segment ? strtoll(segment, &end, 10) : 0;
    return id > 0 && end != segment && !*end ? (int64_t)id : 0;
}

void httpListRoutes(FILE *f) {
    for (size_t i = 0; i < sizeof httpRoutes / sizeof httpRoutes[0]; i++)
        fprintf(f, "%s %s\n", httpRoutes[i].method, httpRoutes[i].path);
}
