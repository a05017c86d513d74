/* The shipped measures catalogue, loaded once: every reader of the process shares
 * the same read-only copy (threads of the server included); and what a business
 * is entitled to, computed on read from its published type and held categories. */
#include "app/measures.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core/arena.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "io/measures.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static measureCatalogue shipped;
static arena strings;
static char shipped_err[512];
static int shipped_rc = -1;

static void measuresLoadOnce(void) {
    const char *text, *path;
    size_t n;
    measuresBuiltin(&text, &n, &path);
    arenaInit(&strings, 64 * 1024, 0);
    shipped_rc = measuresParse(&shipped, &strings, path, text, n, shipped_err, sizeof shipped_err);
}

const measureCatalogue *measuresShipped(const char **err) {
    pthread_once(&once, measuresLoadOnce);
    if (err) *err = shipped_rc ? shipped_err : NULL;
    return shipped_rc ? NULL : &shipped;
}

/* The first published result met (storeEachPublishedOf: newest year first). */
static int firstPublished(void *ctx, const storeResult *r) {
    appEntitlement *e = ctx;
    if (!r->published) return 0;
    e->published = true, e->year = r->year, e->run_id = r->run_id, e->type = r->type;
    return 1;
}

int appEntitlementOf(store *s, const char *uscc, civilDate on, appEntitlement *out) {
    memset(out, 0, sizeof *out);
    out->type = TYPE_INELIGIBLE;
    const measureCatalogue *c = measuresShipped(NULL);
    if (!c) return GH_EINVAL;
    int rc = storeEachPublishedOf(s, uscc, false, firstPublished, out); /* codes only (decision 274) */
    if (rc < 0) return rc;
    if ((rc = storeHeldCategories(s, uscc, on, &out->held))) return rc;
    if (!out->published) return 0;
    return measuresEntitled(&out->mask, c, out->type, out->held);
}

/* "A2(二)1" -> "附件二（二）1" */
static void articleLabel(sbuf *b, const char *id) {
    const char *open = strchr(id, '('), *close = strchr(id, ')');
    if (id[0] != 'A' || !open || !close) {
        jsonwString(b, id);
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "附件%s（%.*s）%s", id[1] == '2' ? "二" : "四", (int)(close - open - 1), open + 1,
             close + 1);
    jsonwString(b, buf);
}

void appMeasureTextJson(sbuf *out, const measure *m, measureViewerKind kind, const char *department, bool whole) {
    sbufPutc(out, '"');
    for (size_t p = 0; p < m->n_parts; p++) {
        if (!whole && !measurePartServedBy(&m->parts[p], kind, department)) continue;
        sbuf t;
        sbufInit(&t);
        jsonwString(&t, m->parts[p].text); /* escaped, then without its quotes */
        if (t.len >= 2) sbufAppend(out, t.data + 1, t.len - 2);
        if (t.failed) out->failed = 1;
        sbufFree(&t);
    }
    sbufPutc(out, '"');
}

void appEntitlementJson(sbuf *out, const appEntitlement *e, measureViewerKind kind, const char *department,
                        bool whole, bool owner) {
    const measureCatalogue *c = measuresShipped(NULL);
    if (owner)
        sbufPuts(out, ",\"measures_note\":\"您可享受以下帮扶措施，无需申请，相关部门会主动联系您；"
                      "如有疑问，可联系各项措施所列的负责部门。\"");
    sbufPuts(out, ",\"measures\":[");
    for (size_t i = 0, n = 0; c && i < c->n; i++) {
        if (!(e->mask & (1u << i))) continue;
        const measure *m = &c->items[i];
        sbufPuts(out, n++ ? ",{\"id\":" : "{\"id\":");
        jsonwString(out, m->id);
        jsonwKey(out, "for", 0);
        jsonwString(out, measureForName(m->target));
        jsonwKey(out, "for_label", 0);
        jsonwString(out, measureForLabel(m->target));
        jsonwKey(out, "title", 0);
        jsonwString(out, m->title);
        jsonwKey(out, "body", 0); /* not "text": a department's page shows no explanation texts */
        appMeasureTextJson(out, m, kind, department, whole);
        jsonwKey(out, "mine", 0);
        sbufPuts(out, !whole && measureServedBy(m, kind, department) ? "true" : "false");
        jsonwKey(out, "departments", 0);
        sbufPutc(out, '[');
        for (size_t d = 0; d < m->n_departments; d++) {
            if (d) sbufPutc(out, ',');
            jsonwString(out, m->departments[d]);
        }
        sbufPutc(out, ']');
        jsonwKey(out, "article", 0);
        articleLabel(out, m->id);
        sbufPutc(out, '}');
    }
    sbufPutc(out, ']');
}

static void isoAt(char at[32], int64_t now) {
    const time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int appEntitlementNote(store *s, storeMeasureChangeKind kind, const char *ref, const char *uscc, int before_type,
                       unsigned before_held, int after_type, unsigned after_held, int64_t now) {
    char at[32];
    isoAt(at, now);
    const storeMeasureChange c = {.kind = kind, .ref = ref, .uscc = uscc, .at = at, .before_type = before_type,
                                  .after_type = after_type, .before_held = before_held, .after_held = after_held};
    int64_t id;
    return storeMeasureChangeAdd(s, &c, &id);
}

/* Decision 90 */
int appEntitlementCategory(store *s, const char *uscc, const char *app_id, categoryKind category, bool starts,
                           civilDate on, int64_t now) {
    appEntitlement e;
    int rc = appEntitlementOf(s, uscc, on, &e);
    if (rc) return rc;
    const unsigned bit = 1u << category;
    const int type = e.published ? (int)e.type : -1;
    return starts ? appEntitlementNote(s, MCHANGE_CATEGORY, app_id, uscc, type, e.held & ~bit, type, e.held | bit, now)
                  : appEntitlementNote(s, MCHANGE_CATEGORY, app_id, uscc, type, e.held | bit, type, e.held & ~bit, now);
}

int appEntitlementsAtPublish(store *s, int64_t run_id, int year, int64_t before_run, int64_t now, int64_t *n) {
    *n = 0;
    int rc = 0;
    if (!before_run) {
        rc = storePublishedRun(s, year - 1, &before_run);
        if (rc == GH_ENOTFOUND) return 0; /* the first publication: nothing to compare with */
        if (rc) return rc;
    }
    if (before_run == run_id) return 0;
    char at[32], ref[32];
    isoAt(at, now);
    snprintf(ref, sizeof ref, "%lld", (long long)run_id);
    const time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    return storeMeasureChangesAtPublish(s, run_id, before_run, ref,
                                        dateFromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), at, n);
}
