#ifndef GETIHU_STORE_OWNER_H
#define GETIHU_STORE_OWNER_H
/* The process that owns a record left "running" (a background job): its host and
 * pid, and whether it is gone. Shared by the backends (issue 12 §3, decision 267). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* This machine's name into buf (n >= 2; "localhost" when it has none). */
void ownerHost(char *buf, size_t n);
/* Whether the process pid on host has ended (or is a zombie). A process on another
 * host cannot be asked: it counts as alive. */
bool ownerGone(const char *host, int64_t pid);
/* Whether the process pid on this machine has ended (or is a zombie). */
bool ownerGoneHere(int64_t pid);
#endif
