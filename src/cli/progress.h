#ifndef GETIHU_CLI_PROGRESS_H
#define GETIHU_CLI_PROGRESS_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* A progress line on a terminal ("已处理 120000 条，每秒 310000 条"), redrawn at most
 * twice a second; silent when the stream is not a terminal. */
typedef struct progress {
    FILE *f;
    bool enabled, drawn;
    double start, last;
    const char *what;
    uint64_t total; /* 0 when unknown */
} progress;

double progressNow(void);
void progressInit(progress *p, FILE *f, const char *what, uint64_t total);
/* Cheap to call per record: looks at the clock only every 4096 records. */
void progressTick(progress *p, uint64_t done);
/* Clears the line. */
void progressEnd(progress *p);
#endif
