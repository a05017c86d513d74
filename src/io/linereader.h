#ifndef GETIHU_IO_LINEREADER_H
#define GETIHU_IO_LINEREADER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Reads lines from a stream through one fixed buffer: memory does not grow with
 * the input. A line longer than the buffer is reported as too long (its content
 * skipped up to the next newline), never truncated silently. A trailing "\r" is
 * dropped; the last line may lack its "\n". */
typedef struct lineReader {
    FILE *f;
    char *buf;
    size_t cap, start, end;
    uint64_t lineno; /* number of the line last returned, from 1 */
    bool eof;
} lineReader;

/* max_line: the longest line accepted, in bytes. 0 or GH_ENOMEM. */
int lineReaderInit(lineReader *lr, FILE *f, size_t max_line);
/* 1 with the next line (not NUL-terminated, valid until the next call), 0 at the
 * end, GH_EIO on a read error. *too_long is set for an over-long line (*len = 0). */
int lineReaderNext(lineReader *lr, const char **line, size_t *len, bool *too_long);
void lineReaderFree(lineReader *lr);
#endif
