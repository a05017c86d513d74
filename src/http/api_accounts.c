/* Accounts and owners' access codes in the console (issue 11 §2): the administrator
 * lists, adds, disables, enables and resets accounts; a clerk or administrator
 * issues an owner's one-time access code. The use cases and their audit entries are
 * app/accounts.c's and app/access_codes.c's, the same as `getihu user`. */
#include "http/routes.h"
#include "app/accounts.h"
#include "core/error.h"
#include "core/utf8.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "rules/department_names.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static appActor acctActor(const httpCtx *c) {
    return (appActor){.name = c->who.username, .role = c->who.role_name, .client = c->client};
}

typedef struct acctList { sbuf *out; int n; } acctList;

static int acctRow(void *ctx, const storeAccount *a) {
    acctList *l = ctx;
    sbuf *out = l->out;
    sbuf name;
    sbufInit(&name);
    utf8Escape(&name, a->username, strlen(a->username)); /* a name made before names were checked */
    sbufPrintf(out, "%s{\"id\":%lld,\"username\":", l->n++ ? "," : "", (long long)a->id);
    jsonwStringN(out, name.data ? name.data : "", name.len);
    jsonwKey(out, "role", 0);
    jsonwString(out, a->role);
    jsonwText(out, "unit", a->department && *a->department ? a->department : NULL);
    jsonwText(out, "uscc", a->uscc);
    sbufPrintf(out, ",\"disabled\":%s", a->disabled ? "true" : "false");
    jsonwText(out, "created_at", a->created_at);
    jsonwText(out, "last_login_at", a->last_login_at);
    sbufPutc(out, '}');
    const int rc = name.failed ? GH_ENOMEM : 0;
    sbufFree(&name);
    return rc;
}

static int acctName(void *ctx, const char *name) {
    acctList *l = ctx;
    sbufPuts(l->out, l->n++ ? "," : "");
    jsonwString(l->out, name);
    return 0;
}

static int acctTown(void *ctx, const char *town) {
    return accountCheck("town", town, NULL) ? 0 : acctName(ctx, town); /* decision 91's town names only */
}

/* GET /api/accounts: every account, and the units an account may be bound to. */
void apiAccounts(httpCtx *c) {
    store *s = httpStore(c);
    sbuf out;
    sbufInit(&out);
    acctList l = {&out, 0};
    sbufPuts(&out, "{\"accounts\":[");
    int rc = storeEachAccount(s, acctRow, &l);
    sbufPuts(&out, "],\"departments\":[");
    l.n = 0;
    for (size_t i = 0; i < departmentNameCount(); i++) {
        const departmentName *d = departmentNameAt(i);
        if (d->flags & DEPT_ACCOUNT) acctName(&l, d->name);
    }
    sbufPuts(&out, "],\"towns\":[");
    l.n = 0;
    if (!rc) rc = storeEachTown(s, acctTown, &l);
    sbufPuts(&out, "],\"banks\":[");
    l.n = 0;
    if (!rc) rc = storeEachBank(s, acctName, &l);
    sbufPrintf(&out, "],\"min_password\":%d}", ACCOUNT_MIN_PASSWORD);
    if (rc) sbufFree(&out), httpFail(c, 500, "读取失败 (read failed)");
    else httpReply(c, 200, &out);
}

/* The bodies of this file: {"username","role","unit","uscc","password","generate","days"}. */
typedef struct acctBody { const char *username, *role, *unit, *uscc, *password; bool generate; int days; } acctBody;

static bool acctField(jsonReader *j, void *ctx, const char *k, size_t kn) {
    acctBody *b = ctx;
    const char **slot = jsonKeyIs(k, kn, "username") ? &b->username : jsonKeyIs(k, kn, "role") ? &b->role
                      : jsonKeyIs(k, kn, "unit") ? &b->unit : jsonKeyIs(k, kn, "uscc") ? &b->uscc
                      : jsonKeyIs(k, kn, "password") ? &b->password : NULL;
    size_t n;
    if (slot) {
        if (jsonPeek(j) == JSON_T_NULL) return !jsonNull(j);
        return jsonPeek(j) == JSON_T_STRING && !jsonString(j, slot, &n) && strlen(*slot) == n && utf8Valid(*slot, n, NULL);
    }
    if (jsonKeyIs(k, kn, "generate")) return !jsonBool(j, &b->generate);
    if (jsonKeyIs(k, kn, "days")) {
        const char *v;
        if (jsonPeek(j) != JSON_T_NUMBER || jsonNumber(j, &v, &n) || n > 2) return false;
        b->days = atoi(v);
        return true;
    }
    return false;
}

/* The password of an add or reset: the one given, or a generated one (gen). NULL
 * when neither, or the one given is short. */
static const char *acctPassword(const acctBody *b, char gen[ACCOUNT_GENERATED_LEN + 1]) {
    if (b->generate) {
        accountGeneratePassword(gen);
        return gen;
    }
    return b->password && strlen(b->password) >= ACCOUNT_MIN_PASSWORD ? b->password : NULL;
}

/* Answers a change's failure: busy, refused, not found, invalid, or the store's. */
static void acctFail(httpCtx *c, int rc, const char *invalid) {
    store *s = httpStore(c);
    if (rc == GH_EBUSY) httpHeader(c, "Retry-After", "5");
    httpFail(c, rc == GH_EBUSY ? 503 : rc == GH_ENOTFOUND ? 404 : rc == GH_EINVAL ? 400 : rc == GH_EREFUSED ? 409 : 500,
             rc == GH_EBUSY ? "系统繁忙，请稍后重试 (busy, try again)" : rc == GH_EINVAL ? invalid : storeError(s));
}

/* {"password":…} with the generated password when one was made: shown this once. */
static void acctReplyPassword(httpCtx *c, unsigned status, const char *username, const char *generated) {
    sbuf out;
    sbufInit(&out);
    sbufPuts(&out, "{\"username\":");
    jsonwString(&out, username);
    if (generated) {
        jsonwKey(&out, "password", 0);
        jsonwString(&out, generated);
    }
    sbufPutc(&out, '}');
    httpReply(c, status, &out);
}

/* POST /api/accounts: adds an account with the command line's checks (decision 163). */
void apiAccountAdd(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 16);
    acctBody b = {0};
    if (!httpBodyObject(c, &a, acctField, &b)) {
        arenaFree(&a);
        return;
    }
    char gen[ACCOUNT_GENERATED_LEN + 1] = "", msg[512];
    const bool business = b.role && !strcmp(b.role, "business");
    const char *password = business ? NULL : acctPassword(&b, gen);
    int rc = accountCheckName(b.username);
    if (rc) snprintf(msg, sizeof msg, "用户名须为 1 至 %d 字节的文字，不含换行等控制字符 (bad username)", ACCOUNT_NAME_MAX);
    else if ((rc = accountCheck(b.role, b.unit, b.uscc)))
        snprintf(msg, sizeof msg, "%s", rc == GH_ENOTFOUND ? "未知部门，请从列表中选择 (unknown department)"
                                        : "角色与所属单位不符：部门、镇街、银行须选择所属单位，经营者须填有效的统一社会信用代码 "
                                          "(role and unit do not fit)");
    else if (!business && !password)
        rc = GH_EINVAL, snprintf(msg, sizeof msg, "密码至少 %d 个字符，或选择自动生成 (password too short)",
                                 ACCOUNT_MIN_PASSWORD);
    if (rc) {
        arenaFree(&a);
        httpFail(c, 400, msg);
        return;
    }
    const appActor who = acctActor(c);
    const appNewAccount na = {.username = b.username, .role = b.role, .department = b.unit, .uscc = b.uscc,
                              .password = password};
    rc = accountAdd(httpStore(c), &who, &na, httpNow());
    if (rc) acctFail(c, rc, storeError(httpStore(c))); /* GH_EINVAL here: the name is taken */
    else acctReplyPassword(c, 201, b.username, *gen ? gen : NULL);
    sodium_memzero(gen, sizeof gen);
    arenaFree(&a);
}

/* The account of the path's {id}: its name copied into name. False after answering 404. */
static bool acctTarget(httpCtx *c, char name[ACCOUNT_NAME_MAX + 1]) {
    const int64_t id = httpParamId(c->params[0]);
    storeAccount acc;
    arena a;
    arenaInit(&a, 1024, 0);
    const int rc = id ? storeAccountById(httpStore(c), id, &a, &acc) : GH_ENOTFOUND;
    if (!rc) snprintf(name, ACCOUNT_NAME_MAX + 1, "%s", acc.username);
    arenaFree(&a);
    storeIdle(httpStore(c));
    if (rc) httpFail(c, rc == GH_ENOTFOUND ? 404 : 500, rc == GH_ENOTFOUND ? "没有该账户 (no such account)" : "读取失败 (read failed)");
    return !rc;
}

/* POST /api/accounts/{id}/disable and /enable: its sessions end at once. */
static void acctSetDisabled(httpCtx *c, bool disabled) {
    char name[ACCOUNT_NAME_MAX + 1];
    if (!acctTarget(c, name)) return;
    const appActor who = acctActor(c);
    const int rc = accountSetDisabledChecked(httpStore(c), &who, name, disabled, httpNow());
    if (rc == GH_EREFUSED)
        httpFail(c, 409, !strcmp(name, c->who.username) ? "不能停用自己正在使用的账户 (you cannot disable yourself)"
                                                        : "这是最后一个启用的管理员账户，不能停用 (the last enabled admin)");
    else if (rc) acctFail(c, rc, "停用失败 (failed)");
    else {
        char body[32];
        snprintf(body, sizeof body, "{\"disabled\":%s}", disabled ? "true" : "false");
        httpReplyJson(c, 200, body);
    }
}

void apiAccountDisable(httpCtx *c) { acctSetDisabled(c, true); }
void apiAccountEnable(httpCtx *c) { acctSetDisabled(c, false); }

/* POST /api/accounts/{id}/password {"password"} or {"generate":true}: a generated
 * password is answered this once. The account's sessions end. */
void apiAccountPassword(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 16);
    acctBody b = {0};
    char name[ACCOUNT_NAME_MAX + 1], gen[ACCOUNT_GENERATED_LEN + 1] = "", msg[128];
    if (!httpBodyObject(c, &a, acctField, &b)) {
        arenaFree(&a);
        return;
    }
    if (!acctTarget(c, name)) {
        arenaFree(&a);
        return;
    }
    const char *password = acctPassword(&b, gen);
    snprintf(msg, sizeof msg, "密码至少 %d 个字符，或选择自动生成 (password too short)", ACCOUNT_MIN_PASSWORD);
    const appActor who = acctActor(c);
    const int rc = password ? accountSetPassword(httpStore(c), &who, name, password, httpNow()) : GH_EINVAL;
    if (rc) acctFail(c, rc, msg);
    else acctReplyPassword(c, 200, name, *gen ? gen : NULL);
    sodium_memzero(gen, sizeof gen);
    arenaFree(&a);
}

/* POST /api/access-codes {"uscc","days"}: issues an owner's one-time code (creating
 * the owner's account when the business has none); the code is in this answer only. */
void apiAccessCodeIssue(httpCtx *c) {
    arena a;
    arenaInit(&a, 4096, 1 << 16);
    acctBody b = {.days = 7}; /* a week unless asked; "days":0 is refused, not read as the default (decision 211) */
    if (!httpBodyObject(c, &a, acctField, &b)) {
        arenaFree(&a);
        return;
    }
    appIssuedCode k;
    const appActor who = acctActor(c);
    const int64_t now = httpNow();
    const int rc = accountIssueOwnerCode(httpStore(c), &who, b.uscc, b.days, now, &k);
    if (rc) {
        arenaFree(&a);
        if (rc == GH_ENOTFOUND) httpFail(c, 404, "系统中没有该统一社会信用代码的个体工商户 (no such business)");
        else if (rc == GH_EREFUSED)
            httpFail(c, 409, "该户的经营者账户已停用，请先由管理员启用 (the owner's account is disabled)");
        else acctFail(c, rc, "统一社会信用代码无效、有效天数不在 1 至 90 之间，或该户的经营者账户已停用 (bad request)");
        return;
    }
    sbuf out;
    sbufInit(&out);
    sbufPuts(&out, "{\"uscc\":");
    jsonwString(&out, b.uscc); /* the body's string: the arena is freed below */
    arenaFree(&a);
    jsonwKey(&out, "name", 0);
    jsonwString(&out, k.name);
    jsonwKey(&out, "code", 0);
    jsonwString(&out, k.code);
    sbufPrintf(&out, ",\"issued_at\":%lld,\"expires_at\":%lld,\"account_created\":%s,\"revoked\":%d}", (long long)now,
               (long long)k.expires, k.created ? "true" : "false", k.revoked);
    sodium_memzero(k.code, sizeof k.code);
    httpReply(c, 201, &out);
}
