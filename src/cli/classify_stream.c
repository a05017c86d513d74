#include "cli/classify_stream.h"
#include "cli/jsonl_stream.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "core/usccset.h"
#include "io/dossier_json.h"
#include "io/result_json.h"
#include <assert.h>
#include <string.h>

typedef struct classifyCtx {
    const yearParams *p;
    FILE *out, *err;
    arena a;
    usccSet seen;
    sbuf line_out;
    classifyStats *st;
} classifyCtx;

static void classifyReject(classifyCtx *c, uint64_t line, const char *field, const char *msg) {
    jsonlReject(c->err, line, field, msg);
    c->st->rejected++;
}

/* Duplicates are judged on every record whose uscc could be read, typed or not:
 * two dossiers for one business make either result doubtful. 1 when a repeat
 * (reported), 0 when new, GH_ENOMEM. */
static int classifyDuplicate(classifyCtx *c, const dossier *d, uint64_t line, bool report) {
    uint64_t first;
    const int rc = usccSetAdd(&c->seen, d->uscc, line, &first);
    if (rc == 1 && report) {
        char msg[160];
        snprintf(msg, sizeof msg, "统一社会信用代码与第 %llu 行重复 (duplicate of line %llu)",
                 (unsigned long long)first, (unsigned long long)first);
        classifyReject(c, line, "uscc", msg);
    }
    return rc;
}

/* One record: parse, check, type, write. 0 or a negative error (I/O, memory). */
static int classifyRecord(classifyCtx *c, uint64_t line, const char *s, size_t n) {
    dossier d;
    dossierError e;
    typingResult r;
    arenaReset(&c->a);
    c->st->records++;
    if (dossierParseJson(&d, &c->a, s, n, &e)) {
        if (d.uscc[0] && classifyDuplicate(c, &d, line, false) < 0) return GH_ENOMEM;
        classifyReject(c, line, e.field, e.message);
        return 0;
    }
    const int dup = classifyDuplicate(c, &d, line, true);
    if (dup) return dup < 0 ? dup : 0;
    if (d.established > c->p->reference_date) { /* RULES.md "Time": not in year Y's population */
        char est[DATE_STRLEN], ref[DATE_STRLEN], msg[256];
        dateFormat(est, d.established);
        dateFormat(ref, c->p->reference_date);
        snprintf(msg, sizeof msg, "成立日期 %s 晚于%d年度判定基准日 %s，不属于本年度分型范围 "
                 "(established after the reference date)", est, c->p->year, ref);
        classifyReject(c, line, "established", msg);
        return 0;
    }
    const int rc = typingClassify(&r, &d, c->p);
    assert(rc == 0);
    (void)rc;
    c->st->typed++;
    c->st->by_type[r.type]++;
    sbufClear(&c->line_out);
    resultWriteJson(&c->line_out, d.uscc, c->p->year, &r);
    sbufPutc(&c->line_out, '\n');
    if (c->line_out.failed) return GH_ENOMEM;
    return fwrite(c->line_out.data, 1, c->line_out.len, c->out) == c->line_out.len ? 0 : GH_EIO;
}

static int classifyLine(void *ctx, uint64_t line, const char *s, size_t n) { return classifyRecord(ctx, line, s, n); }

int classifyStream(classifyStats *st, const yearParams *p, FILE *in, FILE *out, FILE *err) {
    memset(st, 0, sizeof *st);
    classifyCtx c = {.p = p, .out = out, .err = err, .st = st};
    arenaInit(&c.a, 64 * 1024, 2 * (size_t)CLASSIFY_MAX_LINE + 65536);
    usccSetInit(&c.seen, CLASSIFY_USCC_MEMORY, NULL);
    sbufInit(&c.line_out);
    jsonlLoop l = {.in = in, .err = err, .label = "分型中 (classifying)", .record = classifyLine, .ctx = &c,
                   .records = &st->records};
    int rc = jsonlRun(&l);
    st->lines = l.lines;
    st->records += l.too_long;
    st->rejected += l.too_long;
    if (rc == 0 && fflush(out)) rc = GH_EIO;
    st->seconds = l.seconds;
    sbufFree(&c.line_out);
    usccSetFree(&c.seen);
    arenaFree(&c.a);
    return rc;
}

void classifyPrintSummary(FILE *f, const classifyStats *st) {
    fprintf(f,
            "分型完成 (done): 记录 %llu 条 (records)，已分型 %llu (typed)：生存型 %llu，成长型 %llu，发展型 %llu，"
            "不符合分型条件 %llu；拒绝 %llu 条 (rejected)；用时 %.2f 秒",
            (unsigned long long)st->records, (unsigned long long)st->typed,
            (unsigned long long)st->by_type[TYPE_SURVIVAL], (unsigned long long)st->by_type[TYPE_GROWTH],
            (unsigned long long)st->by_type[TYPE_DEVELOPMENT], (unsigned long long)st->by_type[TYPE_INELIGIBLE],
            (unsigned long long)st->rejected, st->seconds);
    if (st->seconds > 0.001) fprintf(f, "，每秒 %.0f 条", (double)st->records / st->seconds);
    fputc('\n', f);
}
