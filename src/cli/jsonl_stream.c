#include "cli/jsonl_stream.h"
#include "cli/progress.h"
#include "core/error.h"
#include "io/linereader.h"
#include <stdbool.h>
#include <string.h>

void jsonlReject(FILE *f, uint64_t line, const char *field, const char *message) {
    fprintf(f, "line %llu: %s: %s\n", (unsigned long long)line, field, message);
}

static bool jsonlBlank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t') return false;
    return true;
}

int jsonlRun(jsonlLoop *l) {
    l->lines = l->too_long = 0;
    lineReader lr;
    if (lineReaderInit(&lr, l->in, JSONL_MAX_LINE)) return GH_ENOMEM;
    progress pg;
    progressInit(&pg, l->err, l->label, 0);
    const char *s;
    size_t n;
    bool too_long;
    int k, rc = 0;
    while (rc == 0 && (k = lineReaderNext(&lr, &s, &n, &too_long)) == 1) {
        l->lines++;
        if (lr.lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { /* UTF-8 BOM */
            s += 3;
            n -= 3;
        }
        if (too_long) {
            l->too_long++;
            jsonlReject(l->err, lr.lineno, "(json)", "记录超过 4 MiB 上限 (record longer than 4 MiB)");
        } else if (!jsonlBlank(s, n)) {
            rc = l->record(l->ctx, lr.lineno, s, n);
        }
        progressTick(&pg, *l->records + l->too_long);
    }
    if (rc == 0 && k < 0) rc = k;
    progressEnd(&pg);
    l->seconds = progressNow() - pg.start;
    lineReaderFree(&lr);
    return rc;
}
