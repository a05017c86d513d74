#include "cli/progress.h"
#include <time.h>
#include <unistd.h>

double progressNow(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void progressInit(progress *p, FILE *f, const char *what, uint64_t total) {
    p->f = f;
    p->enabled = isatty(fileno(f));
    p->drawn = false;
    p->start = p->last = progressNow();
    p->what = what;
    p->total = total;
}

void progressTick(progress *p, uint64_t done) {
    if (!p->enabled || (done & 4095) != 0) return;
    const double now = progressNow();
    if (now - p->last < 0.5) return;
    p->last = now;
    const double rate = (double)done / (now - p->start);
    if (p->total) {
        const double eta = rate > 0 ? (double)(p->total - done) / rate : 0;
        fprintf(p->f, "\r%s %llu / %llu 条，每秒 %.0f 条，预计还需 %.0f 秒   ", p->what, (unsigned long long)done,
                (unsigned long long)p->total, rate, eta);
    } else {
        fprintf(p->f, "\r%s %llu 条，每秒 %.0f 条   ", p->what, (unsigned long long)done, rate);
    }
    fflush(p->f);
    p->drawn = true;
}

void progressEnd(progress *p) {
    if (p->drawn) fputs("\r\033[K", p->f);
    p->drawn = false;
}
