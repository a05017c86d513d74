#ifndef GETIHU_CLI_JSONL_STREAM_H
#define GETIHU_CLI_JSONL_STREAM_H
#include <stdint.h>
#include <stdio.h>

/* The JSON Lines loop shared by `classify` (DATA.md §4) and `category check` (§5):
 * one line buffer, a UTF-8 BOM skipped, blank lines skipped, a line over the limit
 * rejected as "line N: (json): …", a progress line on a terminal. Each other line
 * goes to record(). Memory does not grow with the input. */

#define JSONL_MAX_LINE (4u << 20) /* the longest record accepted, in bytes */

typedef struct jsonlLoop {
    FILE *in, *err;
    const char *label;       /* for the progress line */
    /* one record: 0, or a negative error (I/O, memory) that ends the loop */
    int (*record)(void *ctx, uint64_t line, const char *s, size_t n);
    void *ctx;
    const uint64_t *records; /* the caller's count, shown by the progress line */
    /* outputs */
    uint64_t lines, too_long;
    double seconds;
} jsonlLoop;

/* Prints "line N: field: message" on f (the rejection format of DATA.md §4). */
void jsonlReject(FILE *f, uint64_t line, const char *field, const char *message);
/* Runs the loop. 0 when the input was read through, GH_EIO, GH_ENOMEM, or the
 * first error record() returned. */
int jsonlRun(jsonlLoop *l);
#endif
