#include "cli/classify_stream.h"
#include "cli/progress.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "core/usccset.h"
#include "io/dossier_json.h"
#include "io/linereader.h"
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
    fprintf(c->err, "line %llu: %s: %s\n", (unsigned long long)line, field, msg);
    c->st->rejected++;
}

static bool classifyBlank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t') return false;
    return true;
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

int classifyStream(classifyStats *st, const yearParams *p, FILE *in, FILE *out, FILE *err) {
    memset(st, 0, sizeof *st);
    classifyCtx c = {.p = p, .out = out, .err = err, .st = st};
    lineReader lr;
    if (lineReaderInit(&lr, in, CLASSIFY_MAX_LINE)) return GH_ENOMEM;
    arenaInit(&c.a, 64 * 1024, 2 * (size_t)CLASSIFY_MAX_LINE + 65536);
    usccSetInit(&c.seen, CLASSIFY_USCC_MEMORY, NULL);
    sbufInit(&c.line_out);
    progress pg;
    progressInit(&pg, err, "分型中 (classifying)", 0);
    const char *s;
    size_t n;
    bool too_long;
    int k, rc = 0;
    while (rc == 0 && (k = lineReaderNext(&lr, &s, &n, &too_long)) == 1) {
        st->lines++;
        if (lr.lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { /* UTF-8 BOM */
            s += 3;
            n -= 3;
        }
        if (too_long) {
            st->records++;
            classifyReject(&c, lr.lineno, "(json)", "记录超过 4 MiB 上限 (record longer than 4 MiB)");
        } else if (!classifyBlank(s, n)) {
            rc = classifyRecord(&c, lr.lineno, s, n);
        }
        progressTick(&pg, st->records);
    }
    if (rc == 0 && k < 0) rc = k;
    if (rc == 0 && fflush(out)) rc = GH_EIO;
    progressEnd(&pg);
    st->seconds = progressNow() - pg.start;
    sbufFree(&c.line_out);
    usccSetFree(&c.seen);
    arenaFree(&c.a);
    lineReaderFree(&lr);
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
