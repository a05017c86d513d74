#include "http/routes.h"
#include "http/api_public.h"
#include "app/audit.h"
#include "app/reconcile.h"
#include "app/run.h"
#include "app/stats.h"
#include "app/measures.h"
#include "http/api_round.h"
#include "core/error.h"
#include "core/utf8.h"
#include "http/scope.h"
#include "io/jsonw.h"
#include "core/money.h"
#include "core/utf8.h"
#include "rules/explain.h"
#include "rules/industry.h"
#include "rules/privacy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The staff routes: runs, the audit trail, statistics and businesses. */

typedef struct staffList { sbuf *out; int n; } staffList;

static int staffRun(void *ctx, const storeRun *r) {
    staffList *l = ctx;
    sbufPrintf(l->out, "%s{\"id\":%lld,\"year\":%d,\"status\":", l->n++ ? "," : "", (long long)r->id, r->year);
    jsonwString(l->out, r->status);
    sbufPrintf(l->out, ",\"population\":%lld,\"survival\":%lld,\"growth\":%lld,\"development\":%lld,\"ineligible\":%lld,"
               "\"published\":%s,\"provisional\":%s,\"params_sha256\":",
               (long long)r->population, (long long)r->by_type[0], (long long)r->by_type[1], (long long)r->by_type[2],
               (long long)r->by_type[3], r->published ? "true" : "false", r->provisional ? "true" : "false");
    jsonwString(l->out, r->params_sha256);
    jsonwKey(l->out, "source", 0);
    jsonwString(l->out, appSourceCode(r->source));
    jsonwKey(l->out, "source_label", 0);
    jsonwString(l->out, appSourceLabel(r->source));
    jsonwKey(l->out, "started_at", 0);
    jsonwString(l->out, r->started_at);
    jsonwKey(l->out, "actor", 0);
    jsonwString(l->out, r->actor);
    runsLabelJson(l->out, r); /* name, note (issue 11 §4) */
    sbufPutc(l->out, '}');
    return 0;
}

/* Answers out, or fails with message when rc says the read failed. */
static void staffAnswer(httpCtx *c, int rc, sbuf *out, const char *message) {
    if (rc) {
        sbufFree(out);
        httpFail(c, 500, message);
    } else {
        httpReply(c, 200, out);
    }
}

/* GET /api/runs: every run, in the store's order. */
void apiRuns(httpCtx *c) {
    sbuf out;
    sbufInit(&out);
    staffList l = {&out, 0};
    sbufPuts(&out, "{\"runs\":[");
    const int rc = storeEachRun(httpStore(c), 0, staffRun, &l);
    sbufPuts(&out, "]}");
    staffAnswer(c, rc, &out, "读取失败 (read failed)");
}

/* POST /api/runs/{id}/publish: makes the run its year's public one (404 no such run,
 * 409 not finished). */
void apiRunPublish(httpCtx *c) {
    const int64_t run_id = httpParamId(c->params[0]);
    if (!run_id) {
        httpFail(c, 404, "未找到 (not found)");
        return;
    }
    const appActor actor = {.name = c->who.username, .role = c->who.role_name, .client = c->client};
    int year = 0;
    store *s = httpStore(c);
    const int64_t replaced = runsPublishedBefore(s, run_id); /* for the answer only (issue 11 §4) */
    const int rc = appPublish(s, &actor, run_id, &year);
    if (rc) {
        httpFail(c, rc == GH_ENOTFOUND ? 404 : rc == GH_EINVAL ? 409 : 500, storeError(s));
        return;
    }
    char body[160];
    snprintf(body, sizeof body, "{\"published\":true,\"year\":%d,\"run\":%lld,\"replaced\":%lld}", year,
             (long long)run_id, (long long)replaced);
    httpReplyJson(c, 200, body);
}

/* One audit entry for display: each text with its control characters and any byte
 * that is not UTF-8 escaped (utf8Escape), so that the console shows a forged line
 * as the one field it is and the answer is always UTF-8 (issue 8, finding 7). */
static int staffAuditRow(void *ctx, const storeAudit *e) {
    staffList *l = ctx;
    sbufPrintf(l->out, "%s{\"id\":%lld", l->n++ ? "," : "", (long long)e->id);
    const char *names[] = {"at", "actor", "role", "client", "action", "object", "before", "after", "hash"};
    const char *vals[] = {e->at, e->actor, e->role, e->client, e->action, e->object, e->before, e->after, e->hash};
    sbuf shown;
    sbufInit(&shown);
    int rc = 0;
    for (int i = 0; i < 9; i++) {
        jsonwKey(l->out, names[i], 0);
        if (!vals[i]) {
            sbufPuts(l->out, "null");
            continue;
        }
        sbufClear(&shown);
        utf8Escape(&shown, vals[i], strlen(vals[i]));
        if (shown.failed) rc = GH_ENOMEM;
        jsonwStringN(l->out, shown.data ? shown.data : "", shown.len);
    }
    sbufPutc(l->out, '}');
    sbufFree(&shown);
    return rc;
}

/* A page of the audit trail: the rows, and the id of the last one (the next cursor). */
typedef struct staffAuditPage { staffList l; int64_t last; } staffAuditPage;

static int staffAuditPageRow(void *ctx, const storeAudit *e) {
    staffAuditPage *p = ctx;
    p->last = e->id;
    return staffAuditRow(&p->l, e);
}

/* A Beijing date (YYYY-MM-DD) as the UTC moment its day starts, plus days (decision
 * 145: the district's clock is UTC+8). False when text is not a date. */
static bool staffBeijingDay(const char *text, int days, char out[24]) {
    civilDate d;
    if (!text || dateParse(&d, text, strlen(text))) return false;
    char day[DATE_STRLEN];
    dateFormat(day, d + days - 1);
    snprintf(out, 24, "%sT16:00:00Z", day);
    return true;
}

/* GET /api/audit[?action=&actor=&from=&to=&limit=&before=]: newest first, of one
 * action and an actor (part of the name) when given, from and to Beijing dates
 * (both included); limit entries (default and at most 500) before the entry id
 * before. next_before is the cursor of the next page (null: no more). */
void apiAudit(httpCtx *c) {
    const char *action = httpQuery(c, "action"), *actor = httpQuery(c, "actor"), *from = httpQuery(c, "from"),
               *to = httpQuery(c, "to");
    char from_at[24], to_at[24];
    int64_t limit, before;
    const bool paged = httpQueryNumber(c, "limit", 1, 500, 500, &limit) &&
                       httpQueryNumber(c, "before", 0, INT64_MAX, 0, &before); /* decision 210 */
    storeAuditFilter f = {.action = action && *action ? action : NULL, .actor = actor && *actor ? actor : NULL,
                          .limit = (int)limit, .before_id = before};
    if ((from && *from && !staffBeijingDay(from, 0, from_at)) || (to && *to && !staffBeijingDay(to, 1, to_at)) ||
        !paged) {
        httpFail(c, 400, "from/to 应为日期 YYYY-MM-DD，limit 为 1 至 500 (bad filter)");
        return;
    }
    f.from = from && *from ? from_at : NULL;
    f.to = to && *to ? to_at : NULL;
    sbuf out;
    sbufInit(&out);
    staffAuditPage p = {{&out, 0}, 0};
    sbufPuts(&out, "{\"entries\":[");
    const int rc = storeEachAuditPage(httpStore(c), &f, staffAuditPageRow, &p);
    sbufPuts(&out, "]");
    if (p.l.n == f.limit) sbufPrintf(&out, ",\"next_before\":%lld", (long long)p.last);
    else sbufPuts(&out, ",\"next_before\":null");
    sbufPutc(&out, '}');
    staffAnswer(c, rc, &out, "读取失败 (read failed)");
}

typedef struct staffImports { sbuf *out; int n; const httpScope *sc; } staffImports;

static int staffImport(void *ctx, const storeImport *i) {
    staffImports *l = ctx;
    if (!scopeShowsImport(l->sc, i->kind)) return 0;
    sbufPrintf(l->out, "%s{\"id\":%lld,\"kind\":", l->n++ ? "," : "", (long long)i->id);
    jsonwString(l->out, i->kind);
    jsonwKey(l->out, "file", 0);
    jsonwString(l->out, i->file_name);
    jsonwKey(l->out, "at", 0);
    jsonwString(l->out, i->started_at);
    jsonwKey(l->out, "actor", 0);
    jsonwString(l->out, i->actor);
    sbufPutc(l->out, '}');
    return 0;
}

/* The dossier as staff see it: no ID number or address in any role; figures yes, those
 * of the scope (a department sees the facts of its own kinds only; the other keys are
 * left out). */
static void staffDossier(sbuf *out, const dossier *d, const httpScope *sc) {
    char buf[MONEY_STRLEN], date[DATE_STRLEN];
    if (scopeShows(sc, FACT_REGISTRATION)) {
        jsonwKey(out, "established", 0);
        jsonwDate(out, d->established);
        sbufPrintf(out, ",\"seasonal\":%s", d->seasonal ? "true" : "false");
        jsonwKey(out, "legacy_reg_no", 0);
        jsonwString(out, d->legacy_reg_no);
    }
    if (scopeShows(sc, FACT_TAX_FLAGS))
        sbufPrintf(out, ",\"tax_registered\":%s,\"general_taxpayer\":%s", d->tax_registered ? "true" : "false",
                   d->general_taxpayer ? "true" : "false");
    if (scopeShows(sc, FACT_ANNUAL_REPORT)) {
        sbufPuts(out, ",\"annual_reports\":[");
        for (size_t i = 0; i < d->n_annual_reports; i++) {
            const dAnnualReport *ar = &d->annual_reports[i];
            sbufPrintf(out, "%s{\"year\":%d,\"filed_on\":", i ? "," : "", ar->year);
            jsonwDate(out, ar->filed_on);
            jsonwKey(out, "revenue", 0);
            if (ar->has_revenue) moneyFormat(buf, ar->revenue), jsonwString(out, buf);
            else sbufPuts(out, "null");
            sbufPutc(out, '}');
        }
        sbufPutc(out, ']');
    }
    if (scopeShows(sc, FACT_TAX_PAID)) {
        sbufPuts(out, ",\"tax_paid\":[");
        for (size_t i = 0; i < d->n_tax_paid; i++) {
            moneyFormat(buf, d->tax_paid[i].amount);
            sbufPrintf(out, "%s{\"year\":%d,\"amount\":\"%s\"}", i ? "," : "", d->tax_paid[i].year, buf);
        }
        sbufPutc(out, ']');
    }
    if (scopeShows(sc, FACT_INSURED)) {
        sbufPuts(out, ",\"insured\":[");
        for (size_t i = 0; i < d->n_insured; i++)
            sbufPrintf(out, "%s{\"year\":%d,\"count\":%d}", i ? "," : "", d->insured[i].year, d->insured[i].count);
        sbufPutc(out, ']');
    }
    sbufPuts(out, ",\"listings\":[");
    const dIntervals lists[LIST__COUNT] = {d->abnormal_list, d->serious_illegal_list, d->tax_abnormal, d->suspensions,
                                           d->dishonest_debtor};
    static const char *const names[LIST__COUNT] = {"经营异常名录", "严重违法失信名单", "税务非正常户", "歇业备案",
                                                    "失信被执行人"};
    int n = 0;
    for (int l = 0; l < LIST__COUNT; l++)
        for (size_t i = 0; i < lists[l].n && scopeShowsList(sc, (listKind)l); i++) {
            dateFormat(date, lists[l].v[i].from);
            sbufPrintf(out, "%s{\"list\":\"%s\",\"from\":\"%s\",\"to\":", n++ ? "," : "", names[l], date);
            jsonwDate(out, lists[l].v[i].to);
            sbufPutc(out, '}');
        }
    sbufPutc(out, ']');
    const size_t counts[3] = {d->n_trademarks, d->n_patents, d->n_penalties};
    static const char *const keys[3] = {"trademarks", "patents", "penalties"};
    static const unsigned targets[3] = {FACT_TRADEMARK, FACT_PATENT, FACT_PENALTY};
    for (int i = 0; i < 3; i++)
        if (scopeShows(sc, targets[i])) sbufPrintf(out, ",\"%s\":%zu", keys[i], counts[i]);
}

/* Results as a role may see them. A business sees only published results (an
 * unpublished run is a draft). A bank sees what the public sees, by USCC: published
 * results, codes and articles without the sentences (they quote revenue and tax);
 * the consent register that would open more to a bank belongs to the measures work
 * (C). codes_only is scratch memory for stripping the sentences, or NULL. */
typedef struct staffResults { sbuf *out; int n; bool published_only; arena *codes_only; arena *plain; } staffResults;

static int staffResult(void *ctx, const storeResult *r) {
    staffResults *l = ctx;
    if (l->published_only && !r->published) return 0;
    sbufPrintf(l->out, "%s{\"year\":%d,\"run\":%lld,\"published\":%s,\"type\":\"%s\",\"type_label\":", l->n++ ? "," : "",
               r->year, (long long)r->run_id, r->published ? "true" : "false", typingTypeCode(r->type));
    jsonwString(l->out, typingTypeLabel(r->type));
    jsonwKey(l->out, "source", 0);
    jsonwString(l->out, appSourceCode(r->source));
    jsonwKey(l->out, "source_label", 0);
    jsonwString(l->out, appSourceLabel(r->source));
    jsonwKey(l->out, "reasons", 0); /* plain words added (issue 11 §1) */
    resultPlainWrite(l->out, l->codes_only ? l->codes_only : l->plain, r, l->codes_only ? RESULT_VIEW_CODES : RESULT_VIEW_FULL);
    if (r->corrected) /* decision 101 */
        sbufPrintf(l->out, ",\"corrected\":true,\"objection\":%lld,\"note\":\"经异议更正\"", (long long)r->objection_id);
    sbufPutc(l->out, '}');
    return 0;
}

/* A department that supplies nothing reads nothing: false after answering 403. */
static bool staffInScope(httpCtx *c, httpScope *sc) {
    scopeOf(sc, &c->who);
    if (scopeEmpty(sc)) httpFail(c, 403, "本部门不提供数据，无权查看个体工商户 (this department supplies no data)");
    return !scopeEmpty(sc);
}

/* Audits a staff read of uscc's figures before it is served (issue 8, finding 6): in
 * its own small transaction; when the entry cannot be written the read is refused. */
static bool staffAuditRead(httpCtx *c, const char *uscc) {
    if (!(c->who.role & ROLE_STAFF)) return true;
    const storeAudit e = {.actor = c->who.username, .role = c->who.role_name, .client = c->client,
                          .action = "business.read", .object = uscc};
    store *s = httpStore(c);
    storeIdle(s); /* the reads are done: the entry is the only write */
    if (!auditRecord(s, &e, httpNow())) return true;
    httpFail(c, 503, "无法记录查阅，请稍后重试 (cannot audit the read)");
    return false;
}

/* The measures the business is entitled to (issue 10 §2), as its reader may see
 * them: a department its own parts (decision 86), the owner in plain words. */
static void staffMeasures(httpCtx *c, sbuf *out, const char *uscc) {
    appEntitlement e;
    const unsigned role = c->who.role;
    if (appEntitlementOf(httpStore(c), uscc, roundToday(c), &e)) return; /* the page stays without them */
    const measureViewerKind kind = role & ROLE_DEPARTMENT ? MVIEW_DEPARTMENT : MVIEW_CLERK;
    appEntitlementJson(out, &e, kind, c->who.department, !(role & ROLE_DEPARTMENT), (role & ROLE_BUSINESS) != 0);
}

/* GET /api/businesses/{uscc}: every stored result with the full explanation, as the
 * role may see it; the operator in full only to admin and clerk accounts; a
 * department sees only businesses and facts of its own kinds, results without their
 * sentences (they quote revenue and tax). */
void apiBusiness(httpCtx *c) {
    const appSession *who = &c->who;
    const char *uscc = c->params[0];
    httpScope sc;
    if (usccValidate(uscc, strlen(uscc))) {
        httpFail(c, 400, "统一社会信用代码无效 (invalid USCC)");
        return;
    }
    if ((who->role & ROLE_BUSINESS) && strcmp(who->uscc, uscc) != 0) {
        httpFail(c, 403, "只能查看本户 (a business sees only itself)");
        return;
    }
    if (!staffInScope(c, &sc)) return;
    store *s = httpStore(c);
    arena a;
    arenaInit(&a, 8192, 0);
    dossier d;
    int rc = storeLoadDossier(s, uscc, &a, &d);
    if (!rc && !scopeCovers(&sc, &d)) rc = GH_ENOTFOUND; /* not one of the department's: as if unknown */
    if (rc) {
        arenaFree(&a);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500, rc == GH_ENOTFOUND ? "未找到 (not found)" : "读取失败");
        return;
    }
    char masked[16];
    privacyMaskName(d.operator_name, masked, sizeof masked);
    const bool personal = (who->role & (ROLE_ADMIN | ROLE_CLERK)) != 0;
    sbuf o;
    sbuf *out = &o;
    sbufInit(out);
    sbufPuts(out, "{\"uscc\":");
    jsonwString(out, d.uscc);
    jsonwKey(out, "name", 0);
    jsonwString(out, d.name ? d.name : "");
    jsonwKey(out, "town", 0);
    jsonwString(out, d.town ? d.town : "");
    jsonwKey(out, "industry", 0);
    jsonwString(out, d.industry ? d.industry : "");
    jsonwText(out, "industry_name", industryLabel(d.industry)); /* issue 11 §3 */
    jsonwKey(out, "status", 0);
    jsonwString(out, explainStatusLabel(d.status));
    jsonwKey(out, "operator", 0);
    jsonwString(out, personal && d.operator_name ? d.operator_name : masked);
    const bool bank = (who->role & ROLE_BANK) != 0, codes_only = bank || !sc.all;
    if (!bank) staffDossier(out, &d, &sc);
    if (!bank) staffMeasures(c, out, uscc);
    jsonwKey(out, "results", 0);
    sbufPutc(out, '[');
    arena codes;
    arenaInit(&codes, 4096, 0);
    staffResults l = {out, 0, codes_only || (who->role & ROLE_BUSINESS), codes_only ? &codes : NULL, &codes};
    int k = storeEachResultOf(s, uscc, staffResult, &l);
    arenaFree(&codes);
    sbufPuts(out, "],\"imports\":[");
    staffImports li = {out, 0, &sc};
    if (!k && !(who->role & (ROLE_BUSINESS | ROLE_BANK))) k = storeEachImportOf(s, uscc, staffImport, &li);
    sbufPuts(out, "]}");
    arenaFree(&a);
    if (k) staffAnswer(c, k, out, "读取失败 (read failed)");
    else if (!staffAuditRead(c, uscc)) sbufFree(out);
    else httpReply(c, 200, out);
}

/* GET /api/stats?year=: the statistics of the year's published run, in the shape of
 * `getihu stats --format json`. */
void apiStats(httpCtx *c) {
    const char *y = httpQuery(c, "year");
    const int year = y ? atoi(y) : 0;
    if (year < 2000 || year > 2200) {
        httpFail(c, 400, "年度无效 (invalid year)");
        return;
    }
    appStats *st = malloc(sizeof *st);
    const int rc = st ? statsCompute(st, httpStore(c), year, 0) : GH_ENOMEM;
    if (rc == GH_ENOTFOUND) httpFail(c, 404, "该年度尚无公布的分型 (no published run)");
    else if (rc) httpFail(c, 500, "统计失败 (stats failed)");
    if (rc) {
        free(st);
        return;
    }
    sbuf out;
    sbufInit(&out);
    statsJson(&out, st);
    free(st);
    httpReply(c, 200, &out);
}

/* GET /api/runs/{id}/compare: api_runs_compare.c (issue 11 §4). */
