#include "http/routes.h"
#include "core/error.h"
#include <assert.h>
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define STAFF_READ (ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER | ROLE_INSPECTOR)
#define UPLOADERS (ROLE_ADMIN | ROLE_CLERK | ROLE_DEPARTMENT)
#define SIGNED_IN (ROLE_STAFF | ROLE_BANK | ROLE_BUSINESS)
#define ANY_ACCOUNT (SIGNED_IN | ROLE_TOWN) /* a town reads its worklist only (decision 91) */
#define DISTRICT (ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER)
#define WORKERS (ROLE_DEPARTMENT | ROLE_TOWN | ROLE_CLERK) /* who serves the measures (decision 86) */
#define ROUND_ACTORS (DISTRICT | ROLE_DEPARTMENT | ROLE_BUSINESS)
#define ROUND_READERS (ROUND_ACTORS | ROLE_INSPECTOR)
/* objections to a typing result (issue 10 §4) */
#define OBJ_READERS (STAFF_READ | ROLE_DEPARTMENT | ROLE_BUSINESS)
#define OBJ_DECIDE (ROLE_ADMIN | ROLE_CLERK)
#define N HTTP_BODY_NONE /* the body kinds, short for the table's columns */
#define J HTTP_BODY_JSON
#define F HTTP_BODY_FILE

/* Every route, in the order `getihu serve --list-routes` prints them. */
static const httpRoute httpRoutes[] = {
    {"GET", "/healthz", 0, false, N, apiHealth, "健康检查 (health check)", NULL},
    {"GET", "/api/public/search", 0, false, N, apiPublicSearch, "公众查询已公布的分型 (public search)", NULL},
    {"POST", "/api/session", 0, false, J, sessionLogin,
     "登录：用户名和密码，或统一社会信用代码和访问码 (sign in)", NULL},
    {"DELETE", "/api/session", ANY_ACCOUNT, true, N, sessionLogout, "退出登录 (sign out)", NULL},
    {"GET", "/api/me", ANY_ACCOUNT, false, N, sessionMe, "当前账户 (the signed-in account)", NULL},
    {"GET", "/api/runs", STAFF_READ, false, N, apiRuns, "分型批次列表 (runs)", NULL},
    {"POST", "/api/runs", ROLE_ADMIN | ROLE_CLERK, true, J, jobStart, "开始一次年度分型 (start a run)", NULL},
    {"POST", "/api/runs/{id}/publish", ROLE_ADMIN | ROLE_REVIEWER, true, N, apiRunPublish,
     "公布一次分型 (publish a run)", NULL},
    {"GET", "/api/runs/{id}/compare", STAFF_READ, false, N, apiRunCompare,
     "与已公布分型比较 (compare with the published run)", NULL},
    {"PUT", "/api/runs/{id}", ROLE_ADMIN | ROLE_CLERK, true, J, apiRunNote,
     "修改分型批次的名称和备注 (name a run)", NULL},
    {"GET", "/api/years", ROLE_STAFF, false, N, apiYears, "已知年度 (the years with runs or parameters)", NULL},
    {"GET", "/api/jobs/{id}", ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER, false, N, jobGet,
     "分型任务进度 (a run's progress)", NULL},
    {"GET", "/api/audit", ROLE_ADMIN, false, N, apiAudit, "审计记录，可筛选、分页 (the audit trail)", NULL},
    /* accounts and owners' access codes in the console (issue 11 §2): api_accounts.c */
    {"GET", "/api/accounts", ROLE_ADMIN, false, N, apiAccounts, "账户列表和可选的所属单位 (accounts)", NULL},
    {"POST", "/api/accounts", ROLE_ADMIN, true, J, apiAccountAdd, "新增账户 (add an account)", NULL},
    {"POST", "/api/accounts/{id}/disable", ROLE_ADMIN, true, J, apiAccountDisable,
     "停用账户，其登录立即失效 (disable an account)", NULL},
    {"POST", "/api/accounts/{id}/enable", ROLE_ADMIN, true, J, apiAccountEnable, "启用账户 (enable an account)", NULL},
    {"POST", "/api/accounts/{id}/password", ROLE_ADMIN, true, J, apiAccountPassword,
     "重设密码，可自动生成 (reset a password)", NULL},
    {"POST", "/api/access-codes", ROLE_ADMIN | ROLE_CLERK, true, J, apiAccessCodeIssue,
     "为个体工商户发放一次性访问码 (issue an owner's access code)", NULL},
    {"GET", "/api/stats", ROLE_STAFF, false, N, apiStats, "年度分型统计 (statistics of a year)", NULL},
    {"GET", "/api/exports", STAFF_READ, false, N, apiExport, "导出分型结果 (export a run)", NULL},
    /* checking the city's typing (issue 10 §6): api_reconcile.c */
    {"GET", "/api/reconcile", STAFF_READ, false, N, apiReconcile,
     "市级分型核对：差异计数和分页明细 (the city's typing against getihu's)", NULL},
    {"POST", "/api/reconcile/checks", ROLE_ADMIN | ROLE_CLERK, true, J, apiReconcileCheck,
     "记录一户差异的核实状态 (the clerk's status of a difference)", NULL},
    {"GET", "/api/reconcile/xlsx", STAFF_READ, false, N, apiReconcileXlsx,
     "下载市级分型核对报告 (the reconciliation as XLSX)", NULL},
    {"POST", "/api/reconcile/adopt", ROLE_ADMIN | ROLE_CLERK, true, J, apiReconcileAdopt,
     "把市级分型结果做成一次分型，待公布 (make the city's result a run)", NULL},
    {"POST", "/api/imports", UPLOADERS, true, F, apiImportUpload, "上传部门数据，先试导入 (upload an extract)",
     apiImportEarly},
    {"POST", "/api/imports/{id}/commit", UPLOADERS, true, J, apiImportCommit,
     "确认导入上传的数据 (commit an upload)", NULL},
    {"DELETE", "/api/imports/{id}", UPLOADERS, true, N, apiImportCancel, "取消上传 (cancel an upload)", NULL},
    /* a clerk's import without the docs (issue 11 §5): api_import_lists.c */
    {"GET", "/api/imports/template", STAFF_READ | ROLE_DEPARTMENT, false, N, apiImportTemplate,
     "下载导入模板，XLSX 或 CSV (an import template)", NULL},
    {"GET", "/api/imports/checklist", STAFF_READ | ROLE_DEPARTMENT, false, N, apiImportChecklist,
     "本年度各数据来源的导入情况 (the year's sources and their last import)", NULL},
    {"GET", "/api/imports/history", STAFF_READ | ROLE_DEPARTMENT, false, N, apiImportHistory,
     "导入记录，分页 (past imports)", NULL},
    {"GET", "/api/businesses", ROLE_STAFF, false, N, apiBusinesses, "工作人员查询个体工商户 (staff search)", NULL},
    {"GET", "/api/businesses/filters", ROLE_STAFF, false, N, apiBusinessFilters,
     "查询可用的筛选项：镇街、行业、类型、排序 (the search's filter options)", NULL}, /* before {uscc} */
    {"GET", "/api/businesses/{uscc}", ROLE_STAFF | ROLE_BUSINESS, false, N, apiBusiness, "个体工商户详情 (a business)",
     NULL}, /* a bank reads only under consent, at /api/bank/ (decision 114) */
    /* the bank channel (issue 10 §5): api_consent.c (the owner), api_bank.c (the bank) */
    {"GET", "/api/banks", ROLE_BUSINESS | DISTRICT, false, N, apiBanks, "系统中的银行 (the banks known)", NULL},
    {"GET", "/api/consents", ROLE_BUSINESS, false, N, apiConsents,
     "本户对银行的授权和银行查看记录 (my consents and who looked)", NULL},
    {"POST", "/api/consents", ROLE_BUSINESS, true, J, apiConsentGrant, "授权银行查询 (grant a bank consent)", NULL},
    {"POST", "/api/consents/{id}/withdraw", ROLE_BUSINESS, true, J, apiConsentWithdraw,
     "撤回对银行的授权，立即生效 (withdraw a consent)", NULL},
    {"GET", "/api/bank/businesses", ROLE_BANK, false, N, apiBankList,
     "银行：授权本行的个体工商户，分页 (consenting businesses)", NULL},
    {"GET", "/api/bank/businesses/{uscc}", ROLE_BANK, false, N, apiBankBusiness,
     "银行：查看一户授权的信息 (one consenting business)", NULL},
    {"GET", "/api/bank/export", ROLE_BANK, false, N, apiBankExport,
     "银行：下载授权企业 XLSX (download the consenting businesses)", NULL},
    /* the 名特优新 round (issue 9): api_round*.c */
    {"GET", "/api/public/publicity", 0, false, N, apiRoundPublicity, "公示中的名特优新拟认定名单 (under publicity)", NULL},
    {"POST", "/api/public/objections", 0, false, J, apiRoundObjection, "对公示提出异议 (object to a listed business)",
     NULL},
    {"GET", "/api/public/certificates/{uscc}", 0, false, N, apiRoundCertificate,
     "名特优新认定证书数据与二维码 (a recognition's certificate)", NULL},
    {"GET", "/api/round/form", ROUND_ACTORS, false, N, apiRoundForm, "申报表预填内容 (the pre-filled form)", NULL},
    {"GET", "/api/round/applications", ROUND_READERS, false, N, apiRoundList,
     "名特优新申报列表，可筛选、分页、排序 (applications worklist)", NULL},
    {"POST", "/api/round/applications", ROUND_ACTORS, true, J, apiRoundCreate, "新建申报草稿 (create a draft)", NULL},
    {"GET", "/api/round/applications/{id}", ROUND_READERS, false, N, apiRoundCase, "申报详情 (one application)", NULL},
    {"PUT", "/api/round/applications/{id}", ROUND_ACTORS, true, J, apiRoundEdit, "保存草稿 (save a draft)", NULL},
    {"POST", "/api/round/applications/{id}/actions", ROUND_READERS, true, J, apiRoundAct,
     "办理一步：提交、同意、初审、走访、联审、拟认定、公示、认定、报市局、抽查、撤回、驳回、取消、撤销 (a transition)", NULL},
    {"POST", "/api/round/applications/{id}/evidence", ROUND_ACTORS, true, F, apiRoundEvidenceUpload,
     "上传证明材料 (add evidence: PDF, JPEG, PNG)", apiRoundEvidenceEarly},
    {"GET", "/api/round/evidence/{id}", ROUND_READERS, false, N, apiRoundEvidenceGet, "下载证明材料 (an evidence file)",
     NULL},
    {"POST", "/api/round/applications/{id}/opinions", DISTRICT | ROLE_DEPARTMENT, true, J, apiRoundOpinion,
     "部门联审意见 (joint review opinion)", NULL},
    {"POST", "/api/round/applications/{id}/objections/{objection}/answer", DISTRICT, true, J, apiRoundAnswer,
     "书面答复异议 (answer an objection)", NULL},
    {"POST", "/api/round/applications/{id}/reports", ROLE_BUSINESS, true, J, apiRoundReportFile,
     "报送年度信息报告 (file the information report)", NULL},
    {"POST", "/api/round/reports/{id}/check", DISTRICT, true, J, apiRoundReportCheck,
     "确认或质询信息报告 (confirm or query a report)", NULL},
    {"POST", "/api/round/applications/{id}/overrides", ROLE_ADMIN, true, J, apiRoundOverrideGrant,
     "管理员为他人逾期的一步放行日程 (grant a calendar override)", NULL},
    {"POST", "/api/round/applications/{id}/keep", ROLE_ADMIN | ROLE_REVIEWER, true, J, apiRoundKeep,
     "复核后保留认定 (keep a flagged recognition)", NULL},
    {"POST", "/api/round/applications/{id}/extend", ROLE_ADMIN | ROLE_REVIEWER, true, J, apiRoundExtend,
     "期满评估后延期 (extend after evaluation)", NULL},
    {"POST", "/api/round/applications/{id}/extension-consent", ROLE_DEPARTMENT, true, J, apiRoundExtensionConsent,
     "推荐部门同意延期 (the department agrees to extend)", NULL},
    {"POST", "/api/round/commendations", DISTRICT, true, J, apiRoundCommend, "登记表彰 (record a commendation)", NULL},
    {"GET", "/api/round/candidates", DISTRICT, false, N, apiRoundCompare, "比选名单，JSON 或 XLSX (comparison list)",
     NULL},
    {"GET", "/api/round/quota", STAFF_READ, false, N, apiRoundQuota, "认定名额 (the quota)", NULL},
    {"GET", "/api/round/recheck", DISTRICT, false, N, apiRoundRecheck, "分型后复核的取消工作清单 (cancellation worklist)",
     NULL},
    {"GET", "/api/round/evaluations", DISTRICT, false, N, apiRoundEvaluations, "期满评估清单 (final-year evaluations)",
     NULL},
    {"GET", "/api/round/reports-due", DISTRICT, false, N, apiRoundReportsDue, "未报信息报告清单 (missing reports)", NULL},
    {"GET", "/api/round/reports", DISTRICT, false, N, apiRoundReports, "已报信息报告及核查 (filed reports)", NULL},
    {"GET", "/api/round/opinions", ROLE_DEPARTMENT, false, N, apiRoundJoint, "征求本部门意见的申报件 (joint review worklist)",
     NULL},
    {"GET", "/api/round/recognitions", STAFF_READ, false, N, apiRoundRecognitions,
     "认定名单；CSV、XLSX 为报市局名单 (recognised list, city report)", NULL},
    {"GET", "/api/round/stats", ROLE_STAFF, false, N, apiRoundStats, "名特优新统计 (the round's figures)", NULL},
    /* measures (issue 10): api_measures.c */
    {"GET", "/api/measures", ANY_ACCOUNT, false, N, apiMeasures, "帮扶、培育措施目录 (the measures catalogue)", NULL},
    {"GET", "/api/measures/changes", STAFF_READ, false, N, apiMeasureChanges,
     "公布或认定后享受措施的变化 (who gained or lost which measure)", NULL},
    {"GET", "/api/measures/work", WORKERS, false, N, apiMeasureWork,
     "本单位的帮扶工作清单，JSON、CSV 或 XLSX (a department's worklist)", NULL},
    {"POST", "/api/measures/work", WORKERS, true, J, apiMeasureWorkSet, "登记帮扶工作状态 (record a status)", NULL},
    {"GET", "/api/measures/coverage", STAFF_READ, false, N, apiMeasureCoverage,
     "各措施覆盖情况，JSON 或 XLSX (coverage: served / entitled)", NULL},
    /* objections to a typing result (issue 10 §4): api_objections.c */
    {"POST", "/api/objections", ROLE_BUSINESS, true, J, apiObjectionFile, "对分型结果提出异议 (object to a typing result)",
     NULL},
    {"GET", "/api/objections", OBJ_READERS, false, N, apiObjectionList,
     "异议清单：本户、本部门待核实或全部，可筛选逾期、分页 (objections queue)", NULL},
    {"GET", "/api/objections/{id}", OBJ_READERS, false, N, apiObjectionGet, "异议详情与答复 (one objection)", NULL},
    {"POST", "/api/objections/{id}/files", ROLE_BUSINESS | OBJ_DECIDE, true, F, apiObjectionFileUpload,
     "上传异议证明材料 (add evidence: PDF, JPEG, PNG)", apiRoundEvidenceEarly},
    {"GET", "/api/objections/files/{id}", OBJ_READERS, false, N, apiObjectionFileGet,
     "下载异议证明材料 (an objection's evidence file)", NULL},
    {"POST", "/api/objections/{id}/verify", OBJ_DECIDE, true, J, apiObjectionVerify,
     "请数据所属部门核实 (ask the owning department to verify)", NULL},
    {"POST", "/api/objections/{id}/answer", ROLE_DEPARTMENT | OBJ_DECIDE, true, J, apiObjectionAnswer,
     "部门核实答复 (the department's answer)", NULL},
    {"POST", "/api/objections/{id}/uphold", OBJ_DECIDE, true, J, apiObjectionUphold,
     "异议成立：更正数据并重新分型 (uphold: correct and re-type)", NULL},
    {"POST", "/api/objections/{id}/reject", OBJ_DECIDE, true, J, apiObjectionReject,
     "异议不成立：书面答复 (reject with a written reply)", NULL},
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
    if (httpQueryHasNul(c))
        httpFail(c, 400, "查询参数含有空字符 (NUL in the query string)"); /* decision 210 */
    else if (r->body == HTTP_BODY_JSON && httpHasBody(c) && !httpJsonBody(c))
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

bool httpQueryNumber(const httpCtx *c, const char *name, int64_t lo, int64_t hi, int64_t def, int64_t *out) {
    const char *v = httpQuery(c, name);
    *out = def;
    if (!v || !*v) return true; /* absent or empty: the default, as the console sends an unset field */
    if (*v < '0' || *v > '9') return false; /* no sign, space or "0x": only digits */
    char *end;
    errno = 0;
    const long long n = strtoll(v, &end, 10);
    if (errno || *end || n < lo || n > hi) return false;
    *out = (int64_t)n;
    return true;
}

void httpListRoutes(FILE *f) {
    for (size_t i = 0; i < sizeof httpRoutes / sizeof httpRoutes[0]; i++)
        fprintf(f, "%s %s\n", httpRoutes[i].method, httpRoutes[i].path);
}
