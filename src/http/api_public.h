#ifndef GETIHU_HTTP_API_PUBLIC_H
#define GETIHU_HTTP_API_PUBLIC_H
#include "core/arena.h"
#include "core/sbuf.h"
#include "store/store.h"

/* A1.2.2: anyone may query a business's published typing results by name or USCC
 * (or legacy 注册号). The answer shows name, town, status, the operator masked
 * (张*), and per published year the type with its reason codes and articles. It
 * never shows the operator's ID number, phone, full name or address, nor the
 * explanation sentences: those quote revenue and tax paid (tax data is
 * confidential); the business itself sees them when signed in.
 * GET /api/public/search?q= is apiPublicSearch (routes.h). */
#define PUBLIC_MAX_QUERY 64   /* bytes */
#define PUBLIC_MAX_RESULTS 20

/* Appends the stored reasons of a result without their sentences, as
 * [{"code","article"}]; a malformed list ends early but stays valid JSON.
 * a is scratch memory, reset first. */
void publicReasonCodes(sbuf *out, arena *a, const char *reasons, size_t len);
#endif
