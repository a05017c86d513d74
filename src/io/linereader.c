#include "io/linereader.h"
#include "core/error.h"
#include <stdlib.h>
#include <string.h>

int lineReaderInit(lineReader *lr, FILE *f, size_t max_line) {
    memset(lr, 0, sizeof *lr);
    lr->f = f;
    lr->cap = max_line + 1; /* room for the newline */
    lr->buf = malloc(lr->cap);
    return lr->buf ? 0 : GH_ENOMEM;
}

void lineReaderFree(lineReader *lr) {
    free(lr->buf);
    lr->buf = NULL;
}

/* Refills after moving the pending bytes to the front. 0, or GH_EIO. */
static int lineReaderFill(lineReader *lr) {
    if (lr->start > 0) {
        memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
        lr->end -= lr->start;
        lr->start = 0;
    }
    const size_t got = fread(lr->buf + lr->end, 1, lr->cap - lr->end, lr->f);
    lr->end += got;
    if (got == 0) {
        if (ferror(lr->f)) return GH_EIO;
        lr->eof = true;
    }
    return 0;
}

int lineReaderNext(lineReader *lr, const char **line, size_t *len, bool *too_long) {
    *too_long = false;
    size_t scanned = lr->start;
    for (;;) {
        char *nl = memchr(lr->buf + scanned, '\n', lr->end - scanned);
        if (nl) {
            size_t n = (size_t)(nl - (lr->buf + lr->start));
            *line = lr->buf + lr->start;
            lr->start += n + 1;
            lr->lineno++;
            if (*too_long) n = 0;
            else if (n > 0 && (*line)[n - 1] == '\r') n--;
            *len = n;
            return 1;
        }
        if (lr->eof) {
            if (lr->start == lr->end && !*too_long) return 0;
            size_t n = *too_long ? 0 : lr->end - lr->start;
            *line = lr->buf + lr->start;
            lr->start = lr->end;
            lr->lineno++;
            if (n > 0 && (*line)[n - 1] == '\r') n--;
            *len = n;
            return 1;
        }
        if (lr->start == 0 && lr->end == lr->cap) { /* full buffer, no newline: too long */
            *too_long = true;
            lr->start = lr->end = 0;
        }
        scanned = lr->end - lr->start;
        if (lineReaderFill(lr)) return GH_EIO;
    }
}
