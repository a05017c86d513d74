/* Coverage = served / entitled per measure and responsible department (decision
 * 92). The store gives the run's businesses grouped by town, type and categories
 * held, and the served marks grouped likewise; the rules say which group is
 * entitled to which measure, so nothing here walks a million rows. */
#include "app/measures_coverage.h"
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "app/departments.h"
#include "app/measures.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "rules/department_names.h"

typedef struct group {
    char town[64], unit[64], measure[16]; /* unit, measure: served groups only */
    uint32_t mask;
    int64_t count;
} group;

typedef struct groups {
    group *v;
    size_t n, cap;
    const measureCatalogue *c;
} groups;

static group *groupNew(groups *g) {
    if (g->n == g->cap) {
        const size_t cap = g->cap ? g->cap * 2 : 64;
        group *v = realloc(g->v, cap * sizeof *v);
        if (!v) return NULL;
        g->v = v, g->cap = cap;
    }
    group *x = &g->v[g->n++];
    memset(x, 0, sizeof *x);
    return x;
}

static int onEntitled(void *ctx, const char *town, bizType type, unsigned held, int64_t count) {
    groups *g = ctx;
    group *x = groupNew(g);
    if (!x) return GH_ENOMEM;
    snprintf(x->town, sizeof x->town, "%s", town ? town : "");
    x->count = count;
    return measuresEntitled(&x->mask, g->c, type, held);
}

static int onServed(void *ctx, const char *measure_id, const char *department, const char *town, bizType type,
                    unsigned held, int64_t count) {
    groups *g = ctx;
    group *x = groupNew(g);
    if (!x) return GH_ENOMEM;
    snprintf(x->town, sizeof x->town, "%s", town ? town : "");
    snprintf(x->unit, sizeof x->unit, "%s", department);
    snprintf(x->measure, sizeof x->measure, "%s", measure_id);
    x->count = count;
    return measuresEntitled(&x->mask, g->c, type, held);
}

static appCoverageRow *rowNew(appCoverage *c) {
    if (c->n == c->cap) {
        const size_t cap = c->cap ? c->cap * 2 : 64;
        appCoverageRow *v = realloc(c->rows, cap * sizeof *v);
        if (!v) return NULL;
        c->rows = v, c->cap = cap;
    }
    appCoverageRow *r = &c->rows[c->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Whether a served mark by unit counts for the scheme's department d (decision 92). */
static bool servedFor(const char *d, const char *unit, const char *town_row) {
    const departmentName *dn = departmentNameFind(d), *un = departmentNameFind(unit);
    if (town_row) return !strcmp(unit, town_row);                  /* 各镇街: that town's own marks */
    if (dn && (dn->flags & DEPT_COLLECTIVE)) return un != NULL;    /* shared work: any department's or the clerk's */
    return dn && dn == un;
}

static int addRow(appCoverage *out, const groups *ent, const groups *srv, int i, const measure *m, const char *d,
                  const char *town) {
    appCoverageRow *r = rowNew(out);
    if (!r) return GH_ENOMEM;
    r->measure = m->id, r->title = m->title, r->target = measureForName(m->target);
    r->department = town ? town : d, r->town = town != NULL;
    for (size_t k = 0; k < ent->n; k++)
        if ((ent->v[k].mask & (1u << i)) && (!town || !strcmp(ent->v[k].town, town))) r->entitled += ent->v[k].count;
    for (size_t k = 0; k < srv->n; k++)
        if (!strcmp(srv->v[k].measure, m->id) && (srv->v[k].mask & (1u << i)) && servedFor(d, srv->v[k].unit, town))
            r->served += srv->v[k].count;
    if (r->served > r->entitled) r->served = r->entitled; /* shared work served twice counts once at most */
    return 0;
}

/* The distinct towns of the entitled groups, kept in out->strings. */
static int townsOf(appCoverage *out, const groups *ent) {
    for (size_t k = 0; k < ent->n; k++) {
        bool seen = !ent->v[k].town[0];
        for (size_t j = 0; j < out->n_strings && !seen; j++) seen = !strcmp(out->strings[j], ent->v[k].town);
        if (seen) continue;
        char **v = realloc(out->strings, (out->n_strings + 1) * sizeof *v);
        if (!v) return GH_ENOMEM;
        out->strings = v;
        if (!(v[out->n_strings] = strdup(ent->v[k].town))) return GH_ENOMEM;
        out->n_strings++;
    }
    return 0;
}

int appCoverageCompute(appCoverage *out, store *s, int64_t run_id, civilDate on) {
    memset(out, 0, sizeof *out);
    const measureCatalogue *c = measuresShipped(NULL);
    if (!c) return GH_EINVAL;
    groups ent = {.c = c}, srv = {.c = c};
    int rc = storeEachEntitledGroup(s, run_id, on, onEntitled, &ent);
    if (!rc) rc = storeEachServedGroup(s, run_id, on, onServed, &srv);
    if (!rc) rc = townsOf(out, &ent);
    for (size_t k = 0; !rc && k < ent.n; k++)
        if (ent.v[k].mask) out->entitled_any += ent.v[k].count;
    for (size_t i = 0; !rc && i < c->n; i++) {
        const measure *m = &c->items[i];
        for (size_t d = 0; !rc && d < m->n_departments; d++) {
            if (strcmp(m->departments[d], "各镇街")) {
                rc = addRow(out, &ent, &srv, (int)i, m, m->departments[d], NULL);
                continue;
            }
            for (size_t t = 0; !rc && t < out->n_strings; t++)
                rc = addRow(out, &ent, &srv, (int)i, m, m->departments[d], out->strings[t]);
        }
    }
    free(ent.v);
    free(srv.v);
    if (rc) appCoverageFree(out);
    return rc;
}

void appCoverageFree(appCoverage *c) {
    for (size_t i = 0; i < c->n_strings; i++) free(c->strings[i]);
    free(c->strings);
    free(c->rows);
    memset(c, 0, sizeof *c);
}

void appCoverageJson(sbuf *b, const appCoverage *c, int year, int64_t run_id) {
    sbufPrintf(b, "{\"year\":%d,\"run\":%lld,\"entitled_any\":%lld,\"rows\":[", year, (long long)run_id,
               (long long)c->entitled_any);
    for (size_t i = 0; i < c->n; i++) {
        const appCoverageRow *r = &c->rows[i];
        sbufPuts(b, i ? ",{\"measure\":" : "{\"measure\":");
        jsonwString(b, r->measure);
        jsonwKey(b, "title", 0);
        jsonwString(b, r->title);
        jsonwKey(b, "for", 0);
        jsonwString(b, r->target);
        jsonwKey(b, "department", 0);
        jsonwString(b, r->department);
        sbufPrintf(b, ",\"town\":%s,\"entitled\":%lld,\"served\":%lld,\"rate\":%.4f}", r->town ? "true" : "false",
                   (long long)r->entitled, (long long)r->served,
                   r->entitled ? (double)r->served / (double)r->entitled : 0.0);
    }
    sbufPuts(b, "]}");
}

int appCoverageXlsx(const appCoverage *c, int year, const char *path) {
    static const char *const head[] = {"条文", "措施", "对象", "负责部门/镇街", "应享受户数", "已服务户数", "覆盖率"};
    lxw_workbook_options o = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    if (!wb) return GH_EIO;
    char sheet[32];
    snprintf(sheet, sizeof sheet, "%d年帮扶措施覆盖", year);
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *bold = workbook_add_format(wb), *pct = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_num_format(pct, "0.0%");
    for (int i = 0; i < 7; i++) worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], bold);
    for (size_t i = 0; i < c->n; i++) {
        const appCoverageRow *r = &c->rows[i];
        const lxw_row_t y = (lxw_row_t)(i + 1);
        worksheet_write_string(ws, y, 0, r->measure, NULL); /* strings, never formulas */
        worksheet_write_string(ws, y, 1, r->title, NULL);
        worksheet_write_string(ws, y, 2, r->target, NULL);
        worksheet_write_string(ws, y, 3, r->department, NULL);
        worksheet_write_number(ws, y, 4, (double)r->entitled, NULL);
        worksheet_write_number(ws, y, 5, (double)r->served, NULL);
        worksheet_write_number(ws, y, 6, r->entitled ? (double)r->served / (double)r->entitled : 0.0, pct);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : GH_EIO;
}
