#ifndef GETIHU_IO_JSON_H
#define GETIHU_IO_JSON_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"

/* A strict RFC 8259 reader over one in-memory document, read by recursive descent
 * (no tree). Numbers come back as their source text, so amounts stay exact; strings
 * are validated UTF-8, unescaped and copied into an arena. The first error stops the
 * reader and is kept with its byte offset. Why not jansson or cJSON: both turn
 * numbers into double (see docs/decisions.md). */

#define JSON_MAX_DEPTH 32

typedef struct jsonReader {
    const char *start, *p, *end;
    arena *a;
    int depth;
    const char *error;   /* static text, NULL while no error */
    size_t error_offset; /* byte offset of the error in the document */
} jsonReader;

typedef enum { JSON_T_OBJECT, JSON_T_ARRAY, JSON_T_STRING, JSON_T_NUMBER, JSON_T_TRUE, JSON_T_FALSE,
               JSON_T_NULL, JSON_T_INVALID } jsonType;

void jsonInit(jsonReader *r, const char *doc, size_t n, arena *a);

/* Skips white space (inline: called for every token). */
static inline void jsonWs(jsonReader *r) {
    if (r->p < r->end && (unsigned char)*r->p > ' ') return; /* the usual case: no white space */
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) r->p++;
}

/* The type of the next value without consuming it (JSON_T_INVALID at end or on error). */
static inline jsonType jsonPeek(jsonReader *r) {
    if (r->error) return JSON_T_INVALID;
    jsonWs(r);
    if (r->p >= r->end) return JSON_T_INVALID;
    switch (*r->p) {
    case '{': return JSON_T_OBJECT;
    case '[': return JSON_T_ARRAY;
    case '"': return JSON_T_STRING;
    case 't': return JSON_T_TRUE;
    case 'f': return JSON_T_FALSE;
    case 'n': return JSON_T_NULL;
    default: return (*r->p == '-' || (*r->p >= '0' && *r->p <= '9')) ? JSON_T_NUMBER : JSON_T_INVALID;
    }
}
/* Each returns 0, or -1 with r->error set. */
int jsonObjectBegin(jsonReader *r);
/* Reads the next key of the current object and consumes the ':'. *key points into
 * the document (or the arena when the key had escapes) and is NOT NUL-terminated. Returns 1 for a key, 0 at the closing '}', -1 on error.
 * *first must be true before the first call of each object. */
int jsonObjectNext(jsonReader *r, bool *first, const char **key, size_t *klen);
/* Like jsonObjectNext, but first compares the key in place with hint (a key
 * without escapes); returns 2 when the key is exactly hint, saving the scan. */
int jsonObjectNextHint(jsonReader *r, bool *first, const char **key, size_t *klen, const char *hint, size_t hlen);
int jsonArrayBegin(jsonReader *r);
/* 1 when another element follows, 0 at the closing ']', -1 on error. */
int jsonArrayNext(jsonReader *r, bool *first);
int jsonString(jsonReader *r, const char **s, size_t *n);
/* Like jsonString, but an escape-free string is returned in place, NOT
 * NUL-terminated (no copy); one with escapes is decoded into the arena. */
int jsonStringRef(jsonReader *r, const char **s, size_t *n);
/* The number's source text (validated against the JSON grammar), not copied. */
int jsonNumber(jsonReader *r, const char **s, size_t *n);
int jsonBool(jsonReader *r, bool *v);
int jsonNull(jsonReader *r);
/* Skips one value of any type, nested ones included (up to JSON_MAX_DEPTH). */
int jsonSkip(jsonReader *r);
/* Succeeds when only white space remains. */
int jsonEnd(jsonReader *r);
/* True when the key [key, key+klen) is exactly name. Keys never hold NUL. */
static inline bool jsonKeyIs(const char *key, size_t klen, const char *name) {
    for (size_t i = 0; i < klen; i++)
        if (name[i] != key[i]) return false;
    return name[klen] == '\0';
}
/* Sets an error at the current position unless one is set; returns -1. */
int jsonFail(jsonReader *r, const char *msg);
#endif
