/* The import kinds written out: the generator's header line, JSON for the console
 * and `getihu import --list-kinds --format json`, Markdown for the docs. */
#include "io/csv.h"
#include "io/jsonw.h"
#include "io/kinds.h"
#include <string.h>

/* Who supplies a kind without owners: the bureau's own clerks. */
#define KIND_CLERKS "区市场监管局（工作人员上传）"

void kindWriteHeader(sbuf *out, const importKind *k) {
    for (int i = 0; i < k->ncols; i++) {
        if (i) sbufPutc(out, ',');
        csvPutField(out, k->cols[i].title);
    }
}

/* Appends the "|"-separated names as a JSON array of strings. */
static void kindJsonNames(sbuf *out, const char *names) {
    sbufPutc(out, '[');
    for (const char *p = names; *p;) {
        const char *bar = strchr(p, '|');
        const size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (p != names) sbufPutc(out, ',');
        jsonwStringN(out, p, len);
        p += len + (bar ? 1 : 0);
    }
    sbufPutc(out, ']');
}

static const char *kindColumnName(const importKind *k, kindCol c) {
    const kindColumn *col = kindColumnOf(k, c);
    return col ? col->name : c == KC_USCC ? "uscc" : "?";
}

void kindWriteJson(sbuf *out, const importKind *k) {
    sbufPuts(out, "{\"kind\":");
    jsonwString(out, k->name);
    jsonwKey(out, "label", 0);
    jsonwString(out, k->label);
    sbufPuts(out, ",\"departments\":[");
    for (int i = 0; i < KIND_MAX_OWNERS && k->owners[i]; i++) {
        if (i) sbufPutc(out, ',');
        jsonwString(out, k->owners[i]);
    }
    sbufPuts(out, "],\"key\":[");
    for (int i = 0; i < k->nkey; i++) {
        if (i) sbufPutc(out, ',');
        jsonwString(out, kindColumnName(k, k->key[i]));
    }
    sbufPrintf(out, "],\"snapshot\":%s,\"note\":", k->snapshot ? "true" : "false");
    if (k->note) jsonwString(out, k->note);
    else sbufPuts(out, "null");
    sbufPuts(out, ",\"columns\":[");
    for (int i = 0; i < k->ncols; i++) {
        const kindColumn *c = &k->cols[i];
        sbufPuts(out, i ? ",{\"name\":" : "{\"name\":");
        jsonwString(out, c->name);
        jsonwKey(out, "title", 0);
        jsonwString(out, c->title);
        jsonwKey(out, "aliases", 0);
        kindJsonNames(out, c->aliases);
        sbufPrintf(out, ",\"required\":%s,\"description\":", c->required ? "true" : "false");
        jsonwString(out, c->description);
        jsonwKey(out, "example", 0); /* issue 11 §5 */
        jsonwString(out, kindColumnExample(c->id));
        sbufPutc(out, '}');
    }
    sbufPuts(out, "]}");
}

/* The departments of k, "、"-separated, or the clerks. */
static void kindMarkdownOwners(sbuf *out, const importKind *k) {
    if (!k->owners[0]) sbufPuts(out, KIND_CLERKS);
    for (int i = 0; i < KIND_MAX_OWNERS && k->owners[i]; i++) sbufPrintf(out, "%s%s", i ? "、" : "", k->owners[i]);
}

static void kindMarkdownKey(sbuf *out, const importKind *k) {
    for (int i = 0; i < k->nkey; i++) sbufPrintf(out, "%s%s", i ? " + " : "", kindColumnName(k, k->key[i]));
}

/* One kind's section: what it is, then its columns. */
static void kindMarkdownSection(sbuf *out, const importKind *k) {
    sbufPrintf(out, "\n### `%s` %s\n", k->name, k->label);
    if (k->note) sbufPrintf(out, "\n%s.\n", k->note);
    if (k->snapshot)
        sbufPuts(out, "\nMay be imported as the whole list (`--snapshot businesses` or `--snapshot all`): entries "
                      "the file no longer gives are removed.\n");
    if (!k->ncols) return;
    sbufPuts(out, "\n| column | other names · 中文列名 | 说明 |\n|---|---|---|\n");
    for (int i = 0; i < k->ncols; i++) {
        const kindColumn *c = &k->cols[i];
        sbufPrintf(out, c->required ? "| **%s** | " : "| %s | ", c->name);
        for (const char *p = c->aliases; *p; p++) {
            if (*p == '|') sbufPuts(out, " / ");
            else sbufPutc(out, *p);
        }
        sbufPrintf(out, " | %s |\n", c->description);
    }
}

void kindWriteMarkdown(sbuf *out) {
    sbufPuts(out, "| KIND | 名称 | department | key (once per file) |\n|---|---|---|---|\n");
    for (int k = 0; k < EXTRACT__COUNT; k++) {
        const importKind *d = kindGet((extractKind)k);
        sbufPrintf(out, "| `%s` | %s | ", d->name, d->label);
        kindMarkdownOwners(out, d);
        sbufPuts(out, " | ");
        kindMarkdownKey(out, d);
        sbufPuts(out, " |\n");
    }
    for (int k = 0; k < EXTRACT__COUNT; k++) kindMarkdownSection(out, kindGet((extractKind)k));
}
