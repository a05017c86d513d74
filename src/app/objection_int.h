#ifndef GETIHU_APP_OBJECTION_INT_H
#define GETIHU_APP_OBJECTION_INT_H
/* Private to app/objection*.c: the helpers every step shares. */
#include "app/audit.h"
#include "app/objection.h"
#include "rules/params.h"

/* Sets out->message from fmt and returns rc. */
int objFail(appObjOutcome *out, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sets out->message from the store's error (unless set already) and returns rc. */
int objStoreFail(appObjOutcome *out, store *s, int rc);
/* now as "YYYY-MM-DDTHH:MM:SSZ". */
void objAt(char at[32], int64_t now);
bool objBlank(const char *s);
/* A clerk or an administrator: those who decide. */
bool objStaff(const appObjWho *who);
/* Appends the audit entry of a step on objection id. */
int objAudit(store *s, const appObjWho *who, const char *action, int64_t id, const char *uscc, const char *after,
             int64_t now);
/* Opens the write transaction and reads objection id (strings in ar). */
int objOpen(appObjOutcome *out, store *s, int64_t id, arena *ar, storeTypingObjection *o);
/* Commits when rc is 0, else rolls back; returns the outcome. */
int objClose(appObjOutcome *out, store *s, int rc);
/* The parameters of run_id (its stored params_json), with the objection time limits
 * of its year (decision 102). */
int objLimits(store *s, int64_t run_id, yearParams *p, appObjOutcome *out);
#endif
