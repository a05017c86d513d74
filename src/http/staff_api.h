#ifndef GETIHU_HTTP_STAFF_API_H
#define GETIHU_HTTP_STAFF_API_H
#include "core/sbuf.h"
#include "http/auth.h"
#include "store/store.h"

/* Signed-in routes. Each writes a JSON body into out and returns the HTTP status. */
int staffRuns(store *s, sbuf *out);
int staffPublish(store *s, const authSession *who, const char *client, int64_t run_id, sbuf *out);
/* The latest 500 entries, of one action when action is given. */
int staffAudit(store *s, const char *action, sbuf *out);
/* A business's every stored result with the full explanation; the operator is shown
 * in full only to admin and clerk accounts. */
int staffBusiness(store *s, const authSession *who, const char *uscc, sbuf *out);
void staffMe(const authSession *who, sbuf *out);
/* Staff search by USCC, 注册号 or name fragment (operator masked unless admin/clerk). */
int staffSearch(store *s, const authSession *who, const char *q, sbuf *out);
/* The published run of year: counts per type and town, and transitions from year-1. */
int staffStats(store *s, int year, sbuf *out);
/* How run_id's types differ from the published run of its year (type -> type counts). */
int staffCompare(store *s, int64_t run_id, sbuf *out);
#endif
