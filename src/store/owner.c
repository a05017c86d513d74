#include "store/owner.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void ownerHost(char *buf, size_t n) {
    if (gethostname(buf, n) != 0 || !buf[0]) snprintf(buf, n, "localhost");
    buf[n - 1] = '\0';
}

/* Whether process pid has ended but is not yet reaped (Linux: state Z in
 * /proc/PID/stat; elsewhere taken as alive). */
static bool ownerZombie(int64_t pid) {
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%lld/stat", (long long)pid);
    FILE *f = fopen(path, "r");
    if (!f) return false;
    const size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')'); /* the name may hold spaces and parentheses */
    return paren && paren[1] == ' ' && paren[2] == 'Z';
}

bool ownerGoneHere(int64_t pid) {
    if (pid <= 0) return false;
    if (kill((pid_t)pid, 0) != 0 && errno != EPERM) return true;
    return ownerZombie(pid);
}

bool ownerGone(const char *host, int64_t pid) {
    char here[256];
    ownerHost(here, sizeof here);
    if (!host || strcmp(host, here)) return false;
    return ownerGoneHere(pid);
}
