#ifndef GETIHU_CLI_CLASSIFY_STREAM_H
#define GETIHU_CLI_CLASSIFY_STREAM_H
#include <stdint.h>
#include <stdio.h>
#include "rules/params.h"
#include "rules/typing.h"
#include "cli/jsonl_stream.h"

/* The classify loop of DATA.md §4: JSON Lines dossiers in, typing results out in
 * input order, each rejected record reported as "line N: field: message". Memory
 * is one line buffer, one record arena and the set of USCCs seen. */

#define CLASSIFY_MAX_LINE JSONL_MAX_LINE
/* Memory for the set of USCCs seen (about 1.5 million codes); beyond it the set
 * moves to a temporary file in $TMPDIR (core/usccset.h). */
#define CLASSIFY_USCC_MEMORY (32u << 20)

typedef struct classifyStats {
    uint64_t lines, records, typed, rejected;
    uint64_t by_type[4];
    double seconds;
} classifyStats;

/* Returns 0 when the stream was read and written through (rejections included),
 * GH_EIO on a read or write failure, GH_ENOMEM. */
int classifyStream(classifyStats *st, const yearParams *p, FILE *in, FILE *out, FILE *err);
/* Prints the summary line(s) to f. */
void classifyPrintSummary(FILE *f, const classifyStats *st);
#endif
