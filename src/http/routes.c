#include "http/routes.h"
#include "core/error.h"
#include <assert.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define STAFF_READ (ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER | ROLE_INSPECTOR)
#define UPLOADERS (ROLE_ADMIN | ROLE_CLERK | ROLE_DEPARTMENT)
#define SIGNED_IN (ROLE_STAFF | ROLE_BANK | ROLE_BUSINESS)

/* Every route, in the order `getihu serve --list-routes` prints them. */
static const httpRoute httpRoutes[] = {
    {"GET", "/healthz", 0, false, false, apiHealth, "健康检查 (health check)"},
    {"GET", "/api/public/search", 0, false, false, apiPublicSearch, "公众查询已公布的分型 (public search)"},
    {"POST", "/api/session", 0, false, false, sessionLogin, "登录：用户名和密码，或统一社会信用代码和访问码 (sign in)"},
    {"DELETE", "/api/session", SIGNED_IN, true, false, sessionLogout, "退出登录 (sign out)"},
    {"GET", "/api/me", SIGNED_IN, false, false, sessionMe, "当前账户 (the signed-in account)"},
    {"GET", "/api/runs", STAFF_READ, false, false, apiRuns, "分型批次列表 (runs)"},
    {"POST", "/api/runs", ROLE_ADMIN | ROLE_CLERK, true, false, jobStart, "开始一次年度分型 (start a run)"},
    {"POST", "/api/runs/{id}/publish", ROLE_ADMIN | ROLE_REVIEWER, true, false, apiRunPublish,
     "公布一次分型 (publish a run)"},
    {"GET", "/api/runs/{id}/compare", STAFF_READ, false, false, apiRunCompare,
     "与已公布分型比较 (compare with the published run)"},
    {"GET", "/api/jobs/{id}", ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER, false, false, jobGet,
     "分型任务进度 (a run's progress)"},
    {"GET", "/api/audit", ROLE_ADMIN, false, false, apiAudit, "审计记录 (the audit trail)"},
    {"GET", "/api/stats", ROLE_STAFF, false, false, apiStats, "年度分型统计 (statistics of a year)"},
    {"GET", "/api/exports", STAFF_READ, false, false, apiExport, "导出分型结果 (export a run)"},
    {"POST", "/api/imports", UPLOADERS, true, true, apiImportUpload, "上传部门数据，先试导入 (upload an extract)"},
    {"POST", "/api/imports/{id}/commit", UPLOADERS, true, false, apiImportCommit, "确认导入上传的数据 (commit an upload)"},
    {"DELETE", "/api/imports/{id}", UPLOADERS, true, false, apiImportCancel, "取消上传 (cancel an upload)"},
    {"GET", "/api/businesses", ROLE_STAFF, false, false, apiBusinesses, "工作人员查询个体工商户 (staff search)"},
    {"GET", "/api/businesses/{uscc}", SIGNED_IN, false, false, apiBusiness, "个体工商户详情 (a business)"},
};

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

void httpRouteRun(httpCtx *c) {
    const httpRoute *r = c->route;
    const char *t = r->csrf ? httpRequestHeader(c, "X-CSRF-Token") : NULL;
    if (r->roles && sessionLoad(c))
        httpFail(c, 401, "请先登录 (sign in first)");
    else if (r->roles && !(c->who.role & r->roles))
        httpFail(c, 403, "无权访问 (forbidden for this role)");
    else if (r->csrf && (!t || strlen(t) != 64 || sodium_memcmp(t, c->who.csrf, 64) != 0))
        httpFail(c, 403, "CSRF 校验失败 (missing or wrong X-CSRF-Token)");
    else
        r->handler(c);
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
