#ifndef GETIHU_APP_IMPORT_H
#define GETIHU_APP_IMPORT_H
#include <stdbool.h>
#include <stdint.h>
#include "io/extract.h"
#include "store/store.h"

typedef struct appImportOptions {
    extractKind kind;
    const char *path;     /* the file to read */
    const char *name;     /* the name recorded and used in messages */
    const char *encoding; /* NULL: detect */
    const char *sheet;    /* a workbook's sheet by name; NULL or "": the first (io/rows.h) */
    bool skip_bad, dry_run;
    /* the file is the whole list of the businesses it names, or of all (kinds
     * whose descriptor allows it; not with skip_bad) */
    storeSnapshot snapshot;
    const char *actor, *role, *client;
    /* every bad row, in line order for CSV kinds */
    void (*bad)(void *ctx, uint64_t line, const char *field, const char *message);
    void *bad_ctx;
    void (*progress)(void *ctx, int64_t rows_read);
    void *progress_ctx;
} appImportOptions;

typedef struct appImportResult {
    int64_t import_id, rows_read, rows_ok, rows_bad, rows_changed;
    int64_t rows_removed; /* by a snapshot: entries the file no longer gives (counted in rows_changed) */
    int64_t unknown_businesses; /* the city's typing: good rows of businesses the directory lacks (decision 120) */
    const char *status; /* committed, dry_run, rejected */
    bool committed;
    char encoding[16];  /* "UTF-8", "GB18030", or "XLSX"/"XLS" for a workbook */
    char sheet[128];    /* the workbook's sheet read, "" for CSV; set before any bad row is reported */
    int ignored_columns;
    char message[900];  /* why the file as a whole was refused, or why the import failed (naming file and store) */
    char plain[900];    /* a header that does not fit the kind, in one plain sentence for the console, or ""
                           (app/import_plain.h, issue 11) */
    char warning[900];  /* a header that fits but ignores columns: the kind it looks like, or those columns */
} appImportResult;

/* 0 when the file was read through (bad rows included: see res), GH_EINVAL when
 * the file as a whole is unusable (header, encoding, a snapshot the kind does not
 * allow; res->message), GH_EIO (res->message names the file and the store). The
 * import's record is committed first, in its own transaction, so that an import
 * that never ends is still recorded. */
int appImport(store *s, const appImportOptions *o, appImportResult *res);

/* "businesses" or "all" for a snapshot scope, NULL for none. */
const char *appSnapshotName(storeSnapshot scope);
/* The scope named name ("businesses", "all"); GH_EINVAL for another name. */
int appSnapshotParse(storeSnapshot *out, const char *name);
#endif
