/* Department worklists on the measures: who works which measure (decision 86),
 * the statuses they record (audited) and the exports. */
#include "app/measures_work.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>
#include "app/audit.h"
#include "app/departments.h"
#include "app/measures.h"
#include "app/roles.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "io/csv.h"
#include "io/jsonw.h"
#include "rules/department_names.h"

static const char *const codes[] = {"pending", "contacted", "served", "not_needed"};
static const char *const labels[] = {"待联系", "已联系", "已服务", "不需要"};

const char *appWorkStatusCode(storeWorkStatus s) { return s >= 0 && s <= MWORK_NOT_NEEDED ? codes[s] : NULL; }
const char *appWorkStatusLabel(storeWorkStatus s) { return s >= 0 && s <= MWORK_NOT_NEEDED ? labels[s] : NULL; }

int appWorkStatusParse(storeWorkStatus *out, const char *code) {
    for (int i = 0; code && i < 4; i++)
        if (!strcmp(code, codes[i]) || !strcmp(code, labels[i])) return *out = (storeWorkStatus)i, 0;
    return GH_EINVAL;
}

int appWorkerOf(appWorker *w, unsigned role, const char *department) {
    memset(w, 0, sizeof *w);
    const char *unit = NULL;
    if (role & ROLE_DEPARTMENT) w->kind = MVIEW_DEPARTMENT, unit = departmentCanonical(department);
    else if (role & ROLE_TOWN) w->kind = MVIEW_TOWN, unit = department && *department ? department : NULL;
    else if (role & ROLE_CLERK) w->kind = MVIEW_CLERK, unit = departmentNameFind("区市场监管局")->name;
    if (!unit) return GH_EINVAL;
    snprintf(w->unit, sizeof w->unit, "%s", unit);
    return 0;
}

static int latestRun(void *ctx, const storeRun *r) {
    int64_t *best = ctx; /* [year, run, the city's] */
    if (r->published && r->year > best[0])
        best[0] = r->year, best[1] = r->id, best[2] = r->source && !strcmp(r->source, "city");
    return 0;
}

int appLatestPublished(store *s, int *year, int64_t *run_id, bool *city) {
    int64_t best[3] = {0, 0, 0};
    const int rc = storeEachRun(s, 0, latestRun, best);
    if (rc) return rc;
    if (!best[1]) return GH_ENOTFOUND;
    *year = (int)best[0], *run_id = best[1];
    if (city) *city = best[2] != 0;
    return 0;
}

int appWorkQuery(storeWorkQuery *q, const appWorker *w, const appWorkFilter *f, int64_t run_id, civilDate on) {
    const measureCatalogue *c = measuresShipped(NULL);
    const int i = c ? measureIndex(c, f->measure) : -1;
    if (i < 0) return GH_EINVAL;
    const measure *m = &c->items[i];
    if (!measureServedBy(m, w->kind, w->unit)) return GH_EREFUSED;
    static const char *const sorts[] = {"uscc", "name", "town", "status"};
    bool sort_ok = !f->sort;
    for (int k = 0; k < 4 && !sort_ok; k++) sort_ok = !strcmp(f->sort, sorts[k]);
    if (!sort_ok || (f->section && (strlen(f->section) != 1 || f->section[0] < 'A' || f->section[0] > 'T')))
        return GH_EINVAL;
    memset(q, 0, sizeof *q);
    q->run_id = run_id, q->measure = m->id, q->department = w->unit, q->on = on;
    q->type = -1, q->category = -1;
    if (m->target <= MFOR_DEVELOPMENT) {
        q->type = (int)m->target; /* A2 (一)–(三) follow the type order */
        if (f->type >= 0 && f->type != q->type) return GH_EINVAL;
        if (f->category >= CAT__COUNT) return GH_EINVAL;
        q->category = f->category; /* the holders of a category among the type's businesses */
    } else {
        q->category = (int)m->target - MFOR_FAMOUS; /* A4 (一)–(四) follow the category order */
        if (f->type >= TYPE_INELIGIBLE || (f->category >= 0 && f->category != q->category)) return GH_EINVAL;
        q->type = f->type;
    }
    q->town = w->kind == MVIEW_TOWN ? w->unit : f->town; /* a town sees its own town only */
    q->section = f->section, q->status = f->status, q->sort = f->sort ? f->sort : "uscc";
    q->limit = f->limit, q->offset = f->offset;
    return 0;
}

static int townOf(void *ctx, const storeHit *h) {
    char *town = ctx;
    snprintf(town, 64, "%s", h->town ? h->town : "");
    return 1;
}

static void markAudit(sbuf *b, const char *measure_id, storeWorkStatus st, civilDate on, const char *unit) {
    char d[DATE_STRLEN];
    dateFormat(d, on);
    sbufPuts(b, "{\"measure\":");
    jsonwString(b, measure_id);
    jsonwKey(b, "unit", 0);
    jsonwString(b, unit);
    jsonwKey(b, "status", 0);
    jsonwString(b, codes[st]);
    jsonwKey(b, "on", 0);
    jsonwString(b, d);
    sbufPutc(b, '}');
}

int appWorkMark(store *s, const appActor *who, const appWorker *w, const char *uscc, const char *measure_id,
                storeWorkStatus status, civilDate on, const char *note, int64_t now) {
    const measureCatalogue *c = measuresShipped(NULL);
    const int i = c ? measureIndex(c, measure_id) : -1;
    if (i < 0 || status < MWORK_PENDING || status > MWORK_NOT_NEEDED) return GH_EINVAL;
    if (!measureServedBy(&c->items[i], w->kind, w->unit)) return GH_EREFUSED;
    char town[64] = "";
    int rc = storeFind(s, uscc, 1, townOf, town);
    if (rc < 0) return rc;
    if (rc == 0) return GH_ENOTFOUND;
    if (w->kind == MVIEW_TOWN && strcmp(town, w->unit)) return GH_EREFUSED;
    appEntitlement e;
    if ((rc = appEntitlementOf(s, uscc, on, &e))) return rc;
    if (!(e.mask & (1u << i))) return GH_EREFUSED; /* not entitled today: nothing to serve */
    char at[32], object[96];
    const time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const storeWorkMark mk = {.measure = c->items[i].id, .department = w->unit, .uscc = uscc, .status = status,
                              .on = on, .note = note, .by = who->name, .at = at};
    storeWorkStatus before;
    sbuf b, a;
    sbufInit(&b);
    sbufInit(&a);
    snprintf(object, sizeof object, "business %s", uscc);
    rc = storeBegin(s);
    if (!rc) rc = storeWorkMarkSet(s, &mk, &before);
    if (!rc) {
        markAudit(&b, mk.measure, before, on, w->unit);
        markAudit(&a, mk.measure, status, on, w->unit);
        const storeAudit e2 = {.actor = who->name, .role = who->role, .client = who->client, .action = "measure.work",
                               .object = object, .before = b.data, .after = a.data};
        rc = b.failed || a.failed ? GH_ENOMEM : auditAppend(s, &e2, now);
    }
    if (!rc) rc = storeCommit(s);
    if (rc) (void)storeRollback(s);
    sbufFree(&b);
    sbufFree(&a);
    return rc;
}

/* ---- exports ---- */

#define WORK_COLS 8
static const char *const workColumns[WORK_COLS] = {"统一社会信用代码", "名称", "街道乡镇", "行业代码",
                                                   "分型", "状态", "日期", "备注"};

typedef struct workOut {
    FILE *out;
    lxw_worksheet *ws;
    int64_t rows;
    sbuf line;
    int failed;
} workOut;

static int workRow(void *ctx, const storeWorkRow *r) {
    workOut *o = ctx;
    char d[DATE_STRLEN] = "";
    if (r->on != DATE_NONE) dateFormat(d, r->on);
    const char *cells[WORK_COLS] = {r->uscc, r->name, r->town, r->industry, typingTypeLabel(r->type),
                                    labels[r->status], d, r->note};
    if (o->ws) {
        for (int i = 0; i < WORK_COLS; i++) /* strings only: never a formula */
            if (worksheet_write_string(o->ws, (lxw_row_t)(o->rows + 1), (lxw_col_t)i, cells[i] ? cells[i] : "",
                                       NULL) != LXW_NO_ERROR)
                return GH_EIO;
    } else {
        sbufClear(&o->line);
        for (int i = 0; i < WORK_COLS; i++) {
            if (i) sbufPutc(&o->line, ',');
            csvPutField(&o->line, cells[i]);
        }
        sbufPuts(&o->line, "\r\n");
        if (o->line.failed) return GH_ENOMEM;
        if (fwrite(o->line.data, 1, o->line.len, o->out) != o->line.len) return GH_EIO;
    }
    o->rows++;
    return 0;
}

int appWorkExport(store *s, const storeWorkQuery *q, bool xlsx, FILE *out, const char *path, int64_t *rows) {
    storeWorkQuery all = *q;
    all.limit = -1, all.offset = 0; /* SQLite: no limit */
    workOut o = {.out = out};
    sbufInit(&o.line);
    lxw_workbook *wb = NULL;
    int rc = 0;
    if (xlsx) {
        lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
        if (!(wb = workbook_new_opt(path, &opt))) rc = GH_EIO;
        lxw_format *bold = wb ? workbook_add_format(wb) : NULL;
        if (bold) format_set_bold(bold);
        o.ws = wb ? workbook_add_worksheet(wb, "帮扶工作清单") : NULL;
        for (int i = 0; o.ws && i < WORK_COLS; i++) worksheet_write_string(o.ws, 0, (lxw_col_t)i, workColumns[i], bold);
    } else {
        for (int i = 0; i < WORK_COLS; i++) {
            if (i) sbufPutc(&o.line, ',');
            csvPutField(&o.line, workColumns[i]);
        }
        sbufPuts(&o.line, "\r\n");
        if (fwrite(o.line.data, 1, o.line.len, out) != o.line.len) rc = GH_EIO;
    }
    if (!rc) rc = storeEachWork(s, &all, workRow, &o);
    if (wb && workbook_close(wb) != LXW_NO_ERROR && !rc) rc = GH_EIO;
    if (!xlsx && !rc && fflush(out)) rc = GH_EIO;
    sbufFree(&o.line);
    *rows = o.rows;
    return rc;
}
