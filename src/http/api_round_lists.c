/* The round's lists (issue 9): worklists paged and sorted on the server, the
 * comparison (比选) as JSON and XLSX, the quota, the cancellation worklist, the
 * final-year evaluations, missing information reports, the recognised list and the
 * city report (JSON, CSV, XLSX), and the figures of the console's 概览. */
#include "http/api_round.h"
#include "http/routes.h"
#include "http/download.h"
#include "app/audit.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "rules/category_explain.h"
#include "rules/explain.h"
#include "rules/round_explain.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- worklists ---- */

typedef struct listRow {
    char id[STORE_ROUND_ID_SIZE], uscc[USCC_LEN + 1], name[192], town[64], recommended_by[64], updated_at[32];
    int year;
    categoryKind category;
    categoryRoute route;
    roundState state;
    civilDate applied_on, publicity_from, publicity_until;
} listRow;

typedef struct listCtx {
    listRow *v;
    size_t n, cap;
} listCtx;

static int listCollect(void *ctx, const storeRoundApp *a) {
    listCtx *l = ctx;
    if (l->n == l->cap) {
        const size_t cap = l->cap ? l->cap * 2 : 64;
        listRow *v = realloc(l->v, cap * sizeof *v);
        if (!v) return GH_ENOMEM;
        l->v = v, l->cap = cap;
    }
    listRow *r = &l->v[l->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->id, sizeof r->id, "%s", a->id);
    snprintf(r->uscc, sizeof r->uscc, "%s", a->uscc);
    snprintf(r->name, sizeof r->name, "%s", a->name ? a->name : "");
    snprintf(r->town, sizeof r->town, "%s", a->town ? a->town : "");
    snprintf(r->recommended_by, sizeof r->recommended_by, "%s", a->recommended_by ? a->recommended_by : "");
    snprintf(r->updated_at, sizeof r->updated_at, "%s", a->updated_at ? a->updated_at : "");
    r->year = a->year, r->category = a->category, r->route = a->route, r->state = a->state;
    r->applied_on = a->applied_on, r->publicity_from = a->publicity_from, r->publicity_until = a->publicity_until;
    return 0;
}

static int listSortKey; /* set under listSort's lock: qsort takes no context */
static int listSortDir;

static int listCmp(const void *pa, const void *pb) {
    const listRow *a = pa, *b = pb;
    int d = 0;
    switch (listSortKey) {
    case 1: d = (a->applied_on > b->applied_on) - (a->applied_on < b->applied_on); break;
    case 2: d = strcmp(a->name, b->name); break;
    case 3: d = strcmp(a->town, b->town); break;
    case 4: d = (int)a->state - (int)b->state; break;
    case 5: d = (int)a->category - (int)b->category; break;
    case 6: d = strcmp(a->updated_at, b->updated_at); break;
    default: break;
    }
    if (!d) d = strcmp(a->id, b->id); /* a total order: pages never repeat nor skip a row */
    return d * listSortDir;
}

static pthread_mutex_t listSortMu = PTHREAD_MUTEX_INITIALIZER;

static void listSort(listRow *v, size_t n, int key, int dir) {
    if (n < 2) return; /* v may be NULL, which qsort must not see */
    pthread_mutex_lock(&listSortMu);
    listSortKey = key, listSortDir = dir;
    qsort(v, n, sizeof *v, listCmp);
    pthread_mutex_unlock(&listSortMu);
}

/* A comma-separated list of codes as a bit set; false when one is unknown. */
static bool listBits(const char *s, bool states, unsigned *out) {
    *out = 0;
    while (s && *s) {
        const size_t n = strcspn(s, ",");
        roundState st;
        categoryKind k;
        if (states ? roundStateParse(&st, s, n) : categoryParse(&k, s, n)) return false;
        *out |= 1u << (states ? (unsigned)st : (unsigned)k);
        s += n + (s[n] == ',');
    }
    return true;
}

static void listRowJson(sbuf *b, const listRow *r, bool first) {
    sbufPuts(b, first ? "{\"id\":" : ",{\"id\":");
    jsonwString(b, r->id);
    sbufPrintf(b, ",\"year\":%d,\"uscc\":", r->year);
    jsonwString(b, r->uscc);
    jsonwKey(b, "name", 0);
    jsonwString(b, r->name);
    jsonwKey(b, "town", 0);
    jsonwString(b, r->town);
    jsonwKey(b, "category", 0);
    jsonwString(b, categoryCode(r->category));
    jsonwKey(b, "category_label", 0);
    jsonwString(b, categoryLabel(r->category));
    jsonwKey(b, "route", 0);
    jsonwString(b, r->route == ROUTE_RECOMMENDED ? "recommended" : "self");
    jsonwKey(b, "recommended_by", 0);
    if (r->recommended_by[0]) jsonwString(b, r->recommended_by);
    else sbufPuts(b, "null");
    jsonwKey(b, "state", 0);
    jsonwString(b, roundStateCode(r->state));
    jsonwKey(b, "state_label", 0);
    jsonwString(b, roundStateLabel(r->state));
    jsonwKey(b, "applied_on", 0);
    jsonwDate(b, r->applied_on);
    jsonwKey(b, "publicity_from", 0);
    jsonwDate(b, r->publicity_from);
    jsonwKey(b, "publicity_until", 0);
    jsonwDate(b, r->publicity_until);
    jsonwKey(b, "updated_at", 0);
    jsonwString(b, r->updated_at);
    sbufPutc(b, '}');
}

/* GET /api/round/applications?year=&state=a,b&category=&town=&sort=&order=&page=&per_page=:
 * staff see every application, an owner its own, a department its recommendations. */
void apiRoundList(httpCtx *c) {
    appRoundWho who;
    int year;
    if (!roundWho(c, &who) || !roundQueryYear(c, &year)) return;
    storeRoundFilter f = {.year = year, .town = httpQuery(c, "town")};
    if (f.town && !*f.town) f.town = NULL;
    if (who.actor.role == RROLE_OWNER) f.uscc = who.actor.uscc;
    if (who.actor.role == RROLE_DEPARTMENT) f.recommended_by = who.actor.department;
    static const char *const sorts[] = {"id", "applied_on", "name", "town", "state", "category", "updated_at"};
    const char *sort = httpQuery(c, "sort"), *order = httpQuery(c, "order"), *page_s = httpQuery(c, "page"),
               *per_s = httpQuery(c, "per_page");
    int key = sort ? -1 : 0;
    for (int i = 0; sort && i < 7; i++)
        if (!strcmp(sort, sorts[i])) key = i;
    const long page = page_s ? strtol(page_s, NULL, 10) : 1, per = per_s ? strtol(per_s, NULL, 10) : 50;
    if (!listBits(httpQuery(c, "state"), true, &f.states) || !listBits(httpQuery(c, "category"), false, &f.categories) ||
        key < 0 || page < 1 || page > 100000 || per < 1 || per > 200 ||
        (order && strcmp(order, "asc") && strcmp(order, "desc"))) {
        httpFail(c, 400, "筛选或排序参数不对 (bad filter: state, category, sort, order, page 1.., per_page 1-200)");
        return;
    }
    listCtx l = {0};
    store *s = httpStore(c);
    int rc = storeReadBegin(s);
    if (!rc) {
        rc = appRoundEach(s, &f, listCollect, &l);
        (void)storeReadEnd(s);
    }
    if (rc) {
        free(l.v);
        httpFail(c, 500, "读取失败 (read failed)");
        return;
    }
    listSort(l.v, l.n, key, order && !strcmp(order, "desc") ? -1 : 1);
    sbuf b;
    sbufInit(&b);
    sbufPrintf(&b, "{\"year\":%d,\"total\":%zu,\"page\":%ld,\"per_page\":%ld,\"applications\":[", year, l.n, page, per);
    for (size_t i = (size_t)((page - 1) * per); i < l.n && i < (size_t)(page * per); i++)
        listRowJson(&b, &l.v[i], i == (size_t)((page - 1) * per));
    sbufPuts(&b, "]}");
    free(l.v);
    httpReply(c, 200, &b);
}

/* ---- files written, audited, then sent (issue 8, finding 6) ---- */

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* ---- 比选 ---- */

typedef struct compareJson {
    sbuf *b;
    int n;
} compareJson;

static int compareRowJson(void *ctx, int rank, const roundCandidate *c, const storeRoundApp *a, const char *notes) {
    compareJson *x = ctx;
    sbuf *b = x->b;
    sbufPrintf(b, "%s{\"rank\":%d,\"id\":", x->n++ ? "," : "", rank);
    jsonwString(b, a->id);
    jsonwKey(b, "uscc", 0);
    jsonwString(b, a->uscc);
    jsonwKey(b, "name", 0);
    jsonwString(b, a->name ? a->name : "");
    jsonwKey(b, "town", 0);
    jsonwString(b, a->town ? a->town : "");
    jsonwKey(b, "state", 0);
    jsonwString(b, roundStateCode(a->state));
    jsonwKey(b, "type", 0);
    jsonwString(b, typingTypeCode(c->type));
    jsonwKey(b, "established", 0);
    jsonwDate(b, c->established);
    jsonwKey(b, "revenue", 0);
    if (c->has_revenue) jsonwMoney(b, c->revenue);
    else sbufPuts(b, "null");
    jsonwKey(b, "tax", 0);
    if (c->has_tax) jsonwMoney(b, c->tax);
    else sbufPuts(b, "null");
    jsonwKey(b, "insured", 0);
    if (c->has_insured) sbufPrintf(b, "%d", c->insured);
    else sbufPuts(b, "null");
    sbufPrintf(b, ",\"criteria_met\":%d,\"criteria_review\":%d,\"penalties\":%d,\"statement\":", c->criteria_met,
               c->criteria_review, c->penalties);
    jsonwString(b, a->statement ? a->statement : "");
    jsonwKey(b, "notes", 0);
    jsonwString(b, notes ? notes : "");
    sbufPutc(b, '}');
    return 0;
}

typedef struct compareQuery {
    const yearParams *p;
    categoryKind k;
    unsigned states;
    civilDate today;
} compareQuery;

static int compareRead(sbuf *out, store *s, void *ctx) {
    const compareQuery *q = ctx;
    sbufPrintf(out, "{\"year\":%d,\"category\":\"%s\",\"candidates\":[", q->p->year, categoryCode(q->k));
    compareJson x = {out, 0};
    const int rc = appRoundCandidates(s, q->k, q->states, q->today, q->p, compareRowJson, &x);
    sbufPuts(out, "]}");
    return rc;
}

/* GET /api/round/candidates?category=&year=[&state=][&format=json|xlsx]: the ranked
 * candidates of a category, a help to the leader (A3.3.2). */
void apiRoundCompare(httpCtx *c) {
    int year;
    yearParams p;
    const char *cat = httpQuery(c, "category"), *format = httpQuery(c, "format");
    categoryKind k;
    unsigned states;
    if (!roundQueryYear(c, &year)) return;
    if (!cat || categoryParse(&k, cat, strlen(cat)) || !listBits(httpQuery(c, "state"), true, &states) ||
        (format && strcmp(format, "json") && strcmp(format, "xlsx"))) {
        httpFail(c, 400, "需要 category；format 为 json 或 xlsx (category required)");
        return;
    }
    if (!roundParams(c, year, &p)) return;
    store *s = httpStore(c);
    if (format && !strcmp(format, "xlsx")) {
        char path[HTTP_TEMP_PATH], name[96], object[96];
        const int fd = httpTempFile(path, "round");
        int rows = 0, rc = fd < 0 ? GH_EIO : 0;
        if (fd >= 0) close(fd);
        if (!rc && !(rc = storeReadBegin(s))) {
            rc = appRoundCandidatesXlsx(s, k, states, roundToday(c), &p, path, &rows);
            (void)storeReadEnd(s);
        }
        snprintf(name, sizeof name, "getihu-%d-compare-%s.xlsx", year, categoryCode(k));
        snprintf(object, sizeof object, "round compare year %d category %s rows %d", year, categoryCode(k), rows);
        httpSendDownload(c, httpTempTake(path, fd >= 0 && !rc), XLSX_TYPE, name, "round.export", object);
        return;
    }
    compareQuery q = {.p = &p, .k = k, .states = states, .today = roundToday(c)};
    roundReplyRead(c, compareRead, &q, NULL);
}

/* GET /api/round/quota?year=: A3.3.4's figures (404 without a published run). */
void apiRoundQuota(httpCtx *c) {
    int year;
    yearParams p;
    if (!roundQueryYear(c, &year) || !roundParams(c, year, &p)) return;
    store *s = httpStore(c);
    roundQuota q;
    int rc = storeReadBegin(s);
    if (!rc) {
        rc = appRoundQuota(&q, s, roundToday(c), &p);
        (void)storeReadEnd(s);
    }
    if (rc) {
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500,
                 rc == GH_ENOTFOUND ? "该年度尚无已公布的分型 (no published run)" : "读取失败 (read failed)");
        return;
    }
    char body[256];
    snprintf(body, sizeof body,
             "{\"year\":%d,\"growth\":%d,\"development\":%d,\"percent\":%d,\"quota\":%d,\"recognised\":%d,"
             "\"remaining\":%d}", q.year, q.growth, q.development, q.percent, q.quota, q.recognised, q.remaining);
    httpReplyJson(c, 200, body);
}

typedef struct listYear {
    int year;
    civilDate today;
    yearParams p;
} listYear;

static int statsRead(sbuf *out, store *s, void *ctx) {
    const listYear *y = ctx;
    return appRoundStatsJson(out, s, y->today, &y->p);
}

/* GET /api/round/stats?year=: the round's figures for the console's 概览. */
void apiRoundStats(httpCtx *c) {
    listYear y = {.today = roundToday(c)};
    if (roundQueryYear(c, &y.year) && roundParams(c, y.year, &y.p)) roundReplyRead(c, statsRead, &y, NULL);
}

/* A recognition's common fields. */
static void recogJson(sbuf *b, const storeRecognition *r) {
    sbufPuts(b, "{\"id\":");
    jsonwString(b, r->app_id);
    jsonwKey(b, "uscc", 0);
    jsonwString(b, r->uscc);
    sbufPrintf(b, ",\"year\":%d,\"category\":\"%s\",\"route\":\"%s\",\"type\":\"%s\",\"recognised_on\":", r->year,
               categoryCode(r->category), r->route == ROUTE_RECOMMENDED ? "recommended" : "self",
               typingTypeCode(r->type));
    jsonwDate(b, r->recognised_on);
    jsonwKey(b, "valid_until", 0);
    jsonwDate(b, r->expires - 1);
    sbufPrintf(b, ",\"extensions\":%d", r->extensions);
}

typedef struct recogList {
    sbuf *b;
    int n;
} recogList;

static int recheckRow(void *ctx, const storeRecognition *r, const roundRecheck *k, bool kept) {
    recogList *l = ctx;
    sbufPutc(l->b, l->n++ ? ',' : ' ');
    recogJson(l->b, r);
    sbufPrintf(l->b, ",\"kept\":%s,\"new_type\":\"%s\",\"reasons\":[", kept ? "true" : "false", typingTypeCode(k->type));
    for (size_t i = 0; i < k->n_typing; i++) {
        sbufPrintf(l->b, "%s{\"code\":", i ? "," : "");
        jsonwString(l->b, explainCode(k->typing[i].code));
        jsonwKey(l->b, "article", 0);
        jsonwString(l->b, explainArticle(k->typing[i].code));
        sbufPutc(l->b, '}');
    }
    for (size_t i = 0; i < k->n_category; i++) {
        sbufPrintf(l->b, "%s{\"code\":", i || k->n_typing ? "," : "");
        jsonwString(l->b, categoryReasonCodeName(k->category[i].code));
        jsonwKey(l->b, "article", 0);
        jsonwString(l->b, categoryReasonArticle(k->category[i].code));
        sbufPutc(l->b, '}');
    }
    sbufPuts(l->b, "]}");
    return 0;
}

static int evalRow(void *ctx, const storeRecognition *r, const roundEvaluation *e) {
    recogList *l = ctx;
    sbufPutc(l->b, l->n++ ? ',' : ' ');
    recogJson(l->b, r);
    sbufPrintf(l->b, ",\"criteria\":{\"A\":%s,\"B\":%s,\"C\":%s,\"D\":%s},\"commendations\":%d,\"extend\":%s,"
                     "\"new_valid_until\":", e->a ? "true" : "false", e->b ? "true" : "false", e->c ? "true" : "false",
               e->d ? "true" : "false", e->commendations, e->extend ? "true" : "false");
    if (e->extend) jsonwDate(l->b, e->new_expires - 1);
    else sbufPuts(l->b, "null");
    sbufPutc(l->b, '}');
    return 0;
}

static int dueRow(void *ctx, const storeRecognition *r, roundReportStatus st) {
    recogList *l = ctx;
    sbufPutc(l->b, l->n++ ? ',' : ' ');
    recogJson(l->b, r);
    sbufPuts(l->b, ",\"report\":");
    jsonwString(l->b, roundReportStatusCode(st));
    sbufPutc(l->b, '}');
    return 0;
}

typedef enum { LIST_RECHECK, LIST_EVAL, LIST_DUE } recogKind;

typedef struct recogQuery {
    listYear y;
    recogKind kind;
    bool open;
} recogQuery;

static int recogRead(sbuf *out, store *s, void *ctx) {
    const recogQuery *q = ctx;
    sbufPrintf(out, "{\"year\":%d,\"recognitions\":[", q->y.year);
    recogList l = {out, 0};
    const int rc = q->kind == LIST_RECHECK ? appRoundRecheck(s, &q->y.p, recheckRow, &l)
                 : q->kind == LIST_EVAL    ? appRoundEvaluations(s, q->y.today, &q->y.p, evalRow, &l)
                                           : appRoundReportsDue(s, q->y.today, &q->y.p, q->open, dueRow, &l);
    sbufPuts(out, "]}");
    return rc;
}

/* The three recognition worklists share their frame. */
static void recogWorklist(httpCtx *c, recogKind kind) {
    recogQuery q = {.y.today = roundToday(c), .kind = kind, .open = httpQuery(c, "open") != NULL};
    if (roundQueryYear(c, &q.y.year) && roundParams(c, q.y.year, &q.y.p))
        roundReplyRead(c, recogRead, &q, "该年度尚无已公布的分型 (no published run)");
}

/* GET /api/round/recheck?year=: the cancellation worklist after the year's published run. */
void apiRoundRecheck(httpCtx *c) { recogWorklist(c, LIST_RECHECK); }
/* GET /api/round/evaluations[?year=]: recognitions in their final year, criteria A-D. */
void apiRoundEvaluations(httpCtx *c) { recogWorklist(c, LIST_EVAL); }
/* GET /api/round/reports-due[?year=][&open=1]: missing (and open) information reports. */
void apiRoundReportsDue(httpCtx *c) { recogWorklist(c, LIST_DUE); }

static int recognisedRead(sbuf *out, store *s, void *ctx) {
    const listYear *y = ctx;
    return appRoundRecognisedJson(out, s, y->year, y->today);
}

/* GET /api/round/recognitions?year=&format=json|csv|xlsx: the recognised list of a
 * year's round; csv and xlsx are the city report (decision 79), audited. */
void apiRoundRecognitions(httpCtx *c) {
    int year;
    const char *format = httpQuery(c, "format");
    if (!roundQueryYear(c, &year)) return;
    if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "xlsx")) {
        httpFail(c, 400, "format 为 json、csv 或 xlsx (format json, csv or xlsx)");
        return;
    }
    store *s = httpStore(c);
    if (!format || !strcmp(format, "json")) {
        listYear y = {.year = year, .today = roundToday(c)};
        roundReplyRead(c, recognisedRead, &y, NULL);
        return;
    }
    const bool csv = !strcmp(format, "csv");
    char path[HTTP_TEMP_PATH], name[64], object[96];
    const int fd = httpTempFile(path, "round");
    FILE *out = fd >= 0 && csv ? fdopen(fd, "wb") : NULL;
    if (fd >= 0 && !csv) close(fd);
    int rows = 0, rc = fd < 0 || (csv && !out) ? GH_EIO : storeReadBegin(s);
    if (!rc) {
        rc = appRoundCityReport(s, year, csv ? ROUND_REPORT_CSV : ROUND_REPORT_XLSX, out, path, &rows);
        (void)storeReadEnd(s);
    }
    if (out && fclose(out) && !rc) rc = GH_EIO;
    else if (!out && csv && fd >= 0) close(fd);
    snprintf(name, sizeof name, "getihu-%d-recognised.%s", year, csv ? "csv" : "xlsx");
    snprintf(object, sizeof object, "round report year %d format %s rows %d", year, format, rows);
    httpSendDownload(c, httpTempTake(path, fd >= 0 && !rc), csv ? "text/csv; charset=utf-8" : XLSX_TYPE, name,
                     "round.export", object);
}

static int reportsRead(sbuf *out, store *s, void *ctx) {
    return appRoundReportsJson(out, s, *(const int *)ctx);
}

/* GET /api/round/reports?year=: the information reports filed in a year, with their
 * ids and staff check, for district staff to confirm or query (A3.3.5). */
void apiRoundReports(httpCtx *c) {
    int year;
    if (roundQueryYear(c, &year)) roundReplyRead(c, reportsRead, &year, NULL);
}

typedef struct jointQuery {
    const char *department;
    int year;
} jointQuery;

static int jointRead(sbuf *out, store *s, void *ctx) {
    const jointQuery *q = ctx;
    return appRoundJointJson(out, s, q->department, q->year);
}

/* GET /api/round/opinions?year=: 部门联审, the cases asking the department's opinion. */
void apiRoundJoint(httpCtx *c) {
    appRoundWho who;
    jointQuery q;
    if (!roundWho(c, &who) || !roundQueryYear(c, &q.year)) return;
    if (who.actor.role != RROLE_DEPARTMENT || !who.actor.department) {
        httpFail(c, 403, "仅部门账号可查看 (departments only)");
        return;
    }
    q.department = who.actor.department;
    roundReplyRead(c, jointRead, &q, NULL);
}
