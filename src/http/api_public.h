#ifndef GETIHU_HTTP_API_PUBLIC_H
#define GETIHU_HTTP_API_PUBLIC_H
#include "core/arena.h"
#include "core/sbuf.h"
#include "store/store.h"

/* A1.2.2: anyone may query a business's published typing results by name or USCC
 * (or legacy 注册号). The answer shows name, town, status, the operator masked
 * (张*), and per published year the type with its reason codes and articles. It
 * never shows the operator's ID number, phone, full name or address, nor the
 * explanation sentences with figures: those quote revenue and tax paid (tax data is
 * confidential); the business itself sees them when signed in. It shows the type's
 * own reasons as sentences without figures and a summary (issue 11 §1, decision 152).
 * GET /api/public/search?q= is apiPublicSearch (routes.h). */
#define PUBLIC_MAX_QUERY 64   /* bytes */
#define PUBLIC_MAX_RESULTS 20

/* Appends the stored reasons of a result without their sentences, as
 * [{"code","article"}]; a malformed list ends early but stays valid JSON.
 * a is scratch memory, reset first. */
void publicReasonCodes(sbuf *out, arena *a, const char *reasons, size_t len);

/* How a reader sees a stored result's reasons (result_plain.c, issue 11 §1):
 * PUBLIC the met reasons as {code, article, sentence} without figures; CODES every
 * reason as {code, article} (banks, departments); FULL the stored objects with
 * "sentence" (figures) and "kind" added. */
typedef enum { RESULT_VIEW_PUBLIC, RESULT_VIEW_CODES, RESULT_VIEW_FULL } resultView;

/* Appends r's reasons array in view v, then ,"summary":"…" (every view) and, in the
 * FULL view, ,"meaning":"…","gap":{"head","note"}|null. The caller has written
 * the "reasons" key. a is scratch memory, reset on use. The PUBLIC view reads
 * r->facts when set, so r->reasons may be NULL there (storeEachPublishedOf without
 * sentences); the other views read r->reasons. */
void resultPlainWrite(sbuf *out, arena *a, const storeResult *r, resultView v);

/* A query that is a code typed on a phone (lower case, spaces: "9211 0115 ma00…") as
 * the directory holds it: upper case, no spaces. Names are left as they are. q is
 * rewritten in place. */
void publicNormaliseQuery(char *q);
#endif
