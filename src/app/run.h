#ifndef GETIHU_APP_RUN_H
#define GETIHU_APP_RUN_H
#include <stdint.h>
#include "rules/params.h"
#include "store/store.h"

/* An annual run (RULES.md A1.3 over year Y's population), shared by `getihu run`
 * and the server: one transaction with the run record, every result and the audit
 * entry; on any failure nothing is stored. */
typedef struct appRunInfo {
    const yearParams *params;
    const char *params_json, *version; /* the run records params_json and its SHA-256 */
    const char *name, *note;           /* the clerk's label, or NULL (issue 11 §4) */
    int renderer;                      /* 0: RENDER_CURRENT; RENDER_TEST only in tests (decision 223) */
    const char *actor, *role, *client;
    /* called now and then with the number of businesses typed so far; may be NULL */
    void (*progress)(void *ctx, int64_t done);
    void *progress_ctx;
} appRunInfo;

typedef struct appRunResult {
    int64_t run_id, population;
    int64_t by_type[4];
    char message[800]; /* on failure: why, naming the store */
} appRunResult;

/* GH_EINVAL: the store failed its quick check (damaged): nothing is typed. */
int appRunYear(store *s, const appRunInfo *info, appRunResult *out);

/* Who does a state change, for the audit trail. */
typedef struct appActor { const char *name, *role, *client; } appActor;

/* Makes run_id the published run of its year, with its audit entry (before: the run
 * published until now) in one transaction. *year receives the run's year.
 * GH_ENOTFOUND: no such run; GH_EINVAL: the run is not finished; else GH_EIO. The
 * store's error says why; nothing is changed on failure. */
int appPublish(store *s, const appActor *who, int64_t run_id, int *year);

/* ---- run labels and the compare list (issue 11 §4; run_note.c, run_movers.c) ---- */
#define RUN_NAME_MAX 40  /* characters: a label, not a text (decision 181) */
#define RUN_NOTE_MAX 200
/* GH_EINVAL unless name and note (either may be NULL) are UTF-8 without control
 * characters and within RUN_NAME_MAX / RUN_NOTE_MAX characters. */
int appRunLabelCheck(const char *name, const char *note);
/* Sets run_id's name and note, with its audit entry (before: the old label), in one
 * transaction. GH_EINVAL bad label; GH_ENOTFOUND no such run; GH_EREFUSED the run is
 * or was published (decision 180); else the store's failure. Nothing changes on failure. */
int appRunNote(store *s, const appActor *who, int64_t run_id, const char *name, const char *note);
/* Writes the movers q selects to an XLSX workbook at path (constant memory, no
 * personal data: USCC, name, town, types, reasons). *rows receives the count. */
int appMoversXlsx(store *s, const storeMoverQuery *q, const char *path, int64_t *rows);
/* The Chinese label of a mover's type (-1: no result that year). */
const char *appMoverTypeLabel(int type);
#endif
