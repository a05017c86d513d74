/* The measures catalogue file: a line format, so the law stays readable in the
 * repository and every refusal can name its line. */
#include "io/measures.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "io/jsonw.h"
#include "rules/department_names.h"

typedef struct parser {
    measureCatalogue *c;
    arena *a;
    const char *name;
    size_t line;
    char *err;
    size_t errsize;
    measurePart *open; /* the part whose text comes next, or NULL */
} parser;

static int fail(parser *p, const char *fmt, ...) {
    int w = snprintf(p->err, p->errsize, "%s:%zu: ", p->name, p->line);
    if (w >= 0 && (size_t)w < p->errsize) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + w, p->errsize - (size_t)w, fmt, ap);
        va_end(ap);
    }
    return GH_EINVAL;
}

static measure *current(parser *p) {
    return p->c->n ? &p->c->items[p->c->n - 1] : NULL;
}

/* Adds d to list (n of cap) unless it is there already. */
static int addOnce(const char **list, size_t *n, const char *d) {
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(list[i], d)) return 0;
    if (*n == MEASURE_MAX_DEPTS) return GH_ERANGE;
    list[(*n)++] = d;
    return 0;
}

/* A finished measure must have parts, a title and a for; its text is its parts joined. */
static int closeMeasure(parser *p) {
    measure *m = current(p);
    if (!m) return 0;
    if (p->open) return fail(p, "%s: by without its text", m->id);
    if (!m->title) return fail(p, "%s: title missing", m->id);
    if (m->target == MFOR__COUNT) return fail(p, "%s: for missing", m->id);
    if (!m->n_parts) return fail(p, "%s: no by/text part", m->id);
    size_t len = 0;
    for (size_t i = 0; i < m->n_parts; i++) len += strlen(m->parts[i].text);
    char *t = arenaAlloc(p->a, len + 1);
    if (!t) return GH_ENOMEM;
    t[0] = '\0';
    for (size_t i = 0, at = 0; i < m->n_parts; i++) {
        const size_t k = strlen(m->parts[i].text);
        memcpy(t + at, m->parts[i].text, k + 1);
        at += k;
    }
    m->text = t;
    return 0;
}

static int onMeasure(parser *p, const char *v) {
    int rc = closeMeasure(p);
    if (rc) return rc;
    const char *want;
    measureFor target;
    if (measureArticle(&want, &target, p->c->n)) return fail(p, "measure %s: the scheme has %d measures", v, MEASURES_COUNT);
    for (size_t i = 0; i < p->c->n; i++)
        if (!strcmp(p->c->items[i].id, v)) return fail(p, "measure %s: repeated", v);
    if (strcmp(v, want)) return fail(p, "measure %s: expected %s here (article order; %s missing?)", v, want, want);
    measure *m = &p->c->items[p->c->n++];
    memset(m, 0, sizeof *m);
    m->target = MFOR__COUNT; /* unset */
    return (m->id = arenaStrndup(p->a, v, strlen(v))) ? 0 : GH_ENOMEM;
}

static int onFor(parser *p, measure *m, const char *v) {
    measureFor f, want;
    const char *id;
    if (measureForParse(&f, v)) return fail(p, "for: unknown \"%s\" (survival, growth, development, famous, characteristic, quality, emerging)", v);
    (void)measureArticle(&id, &want, p->c->n - 1);
    if (f != want) return fail(p, "for: %s is for %s, not %s", m->id, measureForName(want), v);
    if (m->target != MFOR__COUNT) return fail(p, "for: repeated");
    m->target = f;
    return 0;
}

/* "by A、B": the departments of the next text, each known to the one list. */
static int onBy(parser *p, measure *m, const char *v) {
    if (p->open) return fail(p, "by: the previous by has no text");
    if (m->n_parts == MEASURE_MAX_PARTS) return fail(p, "by: more than %d parts", MEASURE_MAX_PARTS);
    measurePart *part = &m->parts[m->n_parts];
    memset(part, 0, sizeof *part);
    const char *sep = "、";
    for (const char *s = v; *s;) {
        const char *e = strstr(s, sep);
        const size_t k = e ? (size_t)(e - s) : strlen(s);
        char *d = arenaStrndup(p->a, s, k);
        if (!d) return GH_ENOMEM;
        if (!k) return fail(p, "by: empty department name");
        if (!departmentNameFind(d)) return fail(p, "by: unknown department \"%s\"", d);
        if (addOnce(part->departments, &part->n_departments, d) || addOnce(m->departments, &m->n_departments, d))
            return fail(p, "by: more than %d departments", MEASURE_MAX_DEPTS);
        s = e ? e + strlen(sep) : s + k;
    }
    if (!part->n_departments) return fail(p, "by: no department");
    m->n_parts++;
    p->open = part;
    return 0;
}

/* "text …": must name each of its departments, as the scheme's parenthesis does. */
static int onText(parser *p, const char *v) {
    if (!p->open) return fail(p, "text: no by before it");
    if (!*v) return fail(p, "text: empty");
    for (size_t i = 0; i < p->open->n_departments; i++)
        if (!strstr(v, p->open->departments[i]))
            return fail(p, "text: does not name its department %s", p->open->departments[i]);
    if (!(p->open->text = arenaStrndup(p->a, v, strlen(v)))) return GH_ENOMEM;
    p->open = NULL;
    return 0;
}

static int onLine(parser *p, const char *l) {
    const char *sp = strchr(l, ' ');
    const size_t klen = sp ? (size_t)(sp - l) : strlen(l);
    const char *v = sp ? sp + 1 : "";
    if (klen == 7 && !strncmp(l, "measure", 7)) return onMeasure(p, v);
    measure *m = current(p);
    if (!m) return fail(p, "expected \"measure <article>\" first");
    if (klen == 3 && !strncmp(l, "for", 3)) return onFor(p, m, v);
    if (klen == 5 && !strncmp(l, "title", 5)) {
        if (m->title) return fail(p, "title: repeated");
        if (!*v) return fail(p, "title: empty");
        return (m->title = arenaStrndup(p->a, v, strlen(v))) ? 0 : GH_ENOMEM;
    }
    if (klen == 2 && !strncmp(l, "by", 2)) return onBy(p, m, v);
    if (klen == 4 && !strncmp(l, "text", 4)) return onText(p, v);
    return fail(p, "unknown line \"%.*s\" (measure, for, title, by, text)", (int)klen, l);
}

int measuresParse(measureCatalogue *c, arena *a, const char *name, const char *text, size_t n, char *err,
                  size_t errsize) {
    parser p = {c, a, name, 0, err, errsize, NULL};
    c->n = 0;
    err[0] = '\0';
    for (size_t at = 0; at < n;) {
        const char *nl = memchr(text + at, '\n', n - at);
        size_t k = nl ? (size_t)(nl - (text + at)) : n - at;
        p.line++;
        char buf[4096];
        if (k && text[at + k - 1] == '\r') k--;
        if (k >= sizeof buf) return fail(&p, "line too long");
        memcpy(buf, text + at, k);
        buf[k] = '\0';
        at += (nl ? (size_t)(nl - (text + at)) + 1 : n - at);
        if (memchr(buf, '\0', k)) return fail(&p, "NUL byte");
        if (!k || buf[0] == '#') continue;
        const int rc = onLine(&p, buf);
        if (rc) return rc;
    }
    int rc = closeMeasure(&p);
    if (rc) return rc;
    if (c->n < MEASURES_COUNT) {
        const char *want;
        measureFor f;
        (void)measureArticle(&want, &f, c->n);
        return fail(&p, "measure %s missing (the file ends after %zu of %d)", want, c->n, MEASURES_COUNT);
    }
    return 0;
}

extern const unsigned char measuresBuiltinText[];
extern const size_t measuresBuiltinLen;
extern const char measuresBuiltinPath[];

void measuresBuiltin(const char **text, size_t *n, const char **path) {
    *text = (const char *)measuresBuiltinText;
    *n = measuresBuiltinLen;
    *path = measuresBuiltinPath;
}

void measureWriteJson(sbuf *b, const measure *m) {
    sbufPutc(b, '{');
    jsonwKey(b, "id", 1);
    jsonwString(b, m->id);
    jsonwKey(b, "for", 0);
    jsonwString(b, measureForName(m->target));
    jsonwKey(b, "title", 0);
    jsonwString(b, m->title);
    jsonwKey(b, "text", 0);
    jsonwString(b, m->text);
    jsonwKey(b, "departments", 0);
    sbufPutc(b, '[');
    for (size_t i = 0; i < m->n_departments; i++) {
        if (i) sbufPutc(b, ',');
        jsonwString(b, m->departments[i]);
    }
    sbufPuts(b, "]}");
}
