#include "app/stats.h"
#include "core/error.h"
#include "io/jsonw.h"
#include <stdio.h>
#include <string.h>

static const char *const statsCodes[5] = {"none", "survival", "growth", "development", "ineligible"};

const char *statsCode(int index) { return index >= 0 && index < 5 ? statsCodes[index] : "none"; }

/* Rows arrive grouped by key (the store orders them), one call per key and type. */
static int statsAdd(void *ctx, const char *key, bizType type, int64_t count) {
    statsTable *t = ctx;
    const char *k = key ? key : "";
    int i = t->n - 1;
    if (i < 0 || strcmp(t->keys[i], k) != 0) {
        if (t->n == STATS_MAX_KEYS) return 0;
        i = t->n++;
        snprintf(t->keys[i], sizeof t->keys[i], "%s", k);
        memset(t->counts[i], 0, sizeof t->counts[i]);
    }
    t->counts[i][type] += count;
    return 0;
}

/* A result counts under exactly one town key (none: the key NULL), so the towns'
 * counts, summed before any key is dropped, are the totals: one pass over the run
 * instead of two (decision 292). */
static int statsAddTown(void *ctx, const char *key, bizType type, int64_t count) {
    appStats *st = ctx;
    st->types[type] += count;
    st->total += count;
    return statsAdd(&st->towns, key, type, count);
}

static int statsMove(void *ctx, int from, int to, int64_t count) {
    appStats *st = ctx;
    st->moves[from + 1][to + 1] += count;
    return 0;
}

/* The publication time of the run the statistics describe. */
static int statsPublished(void *ctx, const storeYear *y) {
    appStats *st = ctx;
    if (y->year == st->year && y->published_run == st->run && y->published_at)
        snprintf(st->published_at, sizeof st->published_at, "%s", y->published_at);
    return 0;
}

/* The newest committed import (the listing is newest first). */
static int statsImported(void *ctx, const storeImport *i) {
    appStats *st = ctx;
    const char *at = i->finished_at ? i->finished_at : i->started_at;
    if (!st->latest_import_at[0] && i->status && !strcmp(i->status, "committed") && at)
        snprintf(st->latest_import_at, sizeof st->latest_import_at, "%s", at);
    return 0;
}

int statsCompute(appStats *out, store *s, int year, int64_t run) {
    memset(out, 0, sizeof *out);
    out->year = year;
    storeRun info;
    arena a;
    arenaInit(&a, 1024, 0);
    const bool none = (!run && storePublishedRun(s, year, &run)) || storeRunGet(s, run, &a, &info) || info.year != year;
    arenaFree(&a); /* only the year and the published flag are kept */
    if (none) return GH_ENOTFOUND;
    out->run = run;
    out->published = info.published;
    out->have_prev = storePublishedRun(s, year - 1, &out->prev_run) == 0;
    int rc = storeCountBy(s, run, "town", statsAddTown, out); /* the totals too (decision 292) */
    if (!rc) rc = storeCountBy(s, run, "section", statsAdd, &out->sections);
    if (!rc && out->have_prev) rc = storeTransitions(s, out->prev_run, run, statsMove, out);
    if (!rc && out->published) rc = storeEachYear(s, statsPublished, out);
    if (!rc) rc = storeEachImport(s, 500, statsImported, out);
    return rc ? GH_EIO : 0;
}

static void statsJsonTable(sbuf *b, const char *name, const statsTable *t) {
    jsonwKey(b, name, 0);
    sbufPutc(b, '[');
    for (int i = 0; i < t->n; i++) {
        sbufPuts(b, i ? ",{\"key\":" : "{\"key\":");
        jsonwString(b, t->keys[i]);
        for (int k = 0; k < 4; k++) {
            jsonwKey(b, statsCodes[k + 1], 0);
            sbufPutInt(b, t->counts[i][k]);
        }
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}

void statsJson(sbuf *b, const appStats *st) {
    sbufPrintf(b, "{\"year\":%d,\"run\":%lld,\"published\":%s,\"total\":%lld,\"types\":{", st->year, (long long)st->run,
               st->published ? "true" : "false", (long long)st->total);
    for (int k = 0; k < 4; k++) sbufPrintf(b, "%s\"%s\":%lld", k ? "," : "", statsCodes[k + 1], (long long)st->types[k]);
    sbufPutc(b, '}');
    statsJsonTable(b, "by_town", &st->towns);
    statsJsonTable(b, "by_section", &st->sections);
    if (st->have_prev) {
        sbufPrintf(b, ",\"transitions\":{\"from_year\":%d,\"from_run\":%lld,\"counts\":[", st->year - 1,
                   (long long)st->prev_run);
        int first = 1;
        for (int f = 0; f < 5; f++)
            for (int t = 0; t < 5; t++)
                if (st->moves[f][t]) {
                    sbufPrintf(b, "%s{\"from\":\"%s\",\"to\":\"%s\",\"count\":%lld}", first ? "" : ",", statsCodes[f],
                               statsCodes[t], (long long)st->moves[f][t]);
                    first = 0;
                }
        sbufPuts(b, "]}");
    }
    const char *const at[2] = {st->published_at, st->latest_import_at};
    for (int i = 0; i < 2; i++) {
        jsonwKey(b, i ? "latest_import_at" : "published_at", 0);
        if (at[i][0]) jsonwString(b, at[i]);
        else sbufPuts(b, "null");
    }
    sbufPutc(b, '}');
}
