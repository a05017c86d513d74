/* A run's name and note (issue 11 §4): a short label the clerk gives a run so the
 * list says "按新参数试算" rather than a parameters hash; editable until the run is
 * published (decision 180), every change audited. */
#include "app/run.h"
#include "app/audit.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "io/jsonw.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Counts the characters of s, or -1 when s holds a control character (a label is
 * one line; decision 181) or is not UTF-8. */
static long runLabelChars(const char *s) {
    const size_t n = strlen(s);
    if (!utf8Valid(s, n, NULL)) return -1;
    long chars = 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) return -1;
        if ((c & 0xc0) != 0x80) chars++;
    }
    return chars;
}

int appRunLabelCheck(const char *name, const char *note) {
    const long n = name ? runLabelChars(name) : 0, m = note ? runLabelChars(note) : 0;
    return n < 0 || m < 0 || n > RUN_NAME_MAX || m > RUN_NOTE_MAX ? GH_EINVAL : 0;
}

/* {"name":…,"note":…} of a label, for the audit entry. */
static void runLabelJson(sbuf *out, const char *name, const char *note) {
    sbufPuts(out, "{\"name\":");
    if (name) jsonwString(out, name);
    else sbufPuts(out, "null");
    jsonwKey(out, "note", 0);
    if (note) jsonwString(out, note);
    else sbufPuts(out, "null");
    sbufPutc(out, '}');
}

int appRunNote(store *s, const appActor *who, int64_t run_id, const char *name, const char *note) {
    if (appRunLabelCheck(name, note)) return GH_EINVAL;
    if (name && !*name) name = NULL; /* an empty label is no label */
    if (note && !*note) note = NULL;
    storeRun run;
    arena ra;
    arenaInit(&ra, 1024, 0);
    sbuf before, after;
    sbufInit(&before);
    sbufInit(&after);
    int rc = storeBegin(s);
    if (!rc) rc = storeRunGet(s, run_id, &ra, &run);
    if (!rc) rc = storeRunNoteSet(s, run_id, name, note);
    if (!rc) {
        char object[64];
        snprintf(object, sizeof object, "run #%lld year %d", (long long)run_id, run.year);
        runLabelJson(&before, run.name, run.note);
        runLabelJson(&after, name, note);
        rc = before.failed || after.failed ? GH_ENOMEM : 0;
        const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = "run.note",
                              .object = object, .before = before.data, .after = after.data};
        if (!rc) rc = auditAppend(s, &e, (int64_t)time(NULL));
    }
    if (!rc) rc = storeCommit(s);
    if (rc) storeRollback(s); /* keeps the store's error message */
    sbufFree(&before);
    sbufFree(&after);
    arenaFree(&ra);
    return rc;
}
