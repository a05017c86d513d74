#ifndef GETIHU_RULES_RESULT_FACTS_H
#define GETIHU_RULES_RESULT_FACTS_H
#include "core/sbuf.h"
#include "rules/typing.h"

/* A typing result's reasons as stored with a run (issue 12 §1): the reason codes
 * and their figures, not their sentences, in a terse ASCII text that renders back
 * to exactly the sentences rules/render.c writes for its renderer version. Pure.
 *
 *   stored := version "|" [reason ("," reason)*]
 *   reason := code field*        code: the reasonCode in base 32 (0-9 A-V)
 *   field  := tag number | "h" | "r" length ":" bytes
 *   tags   := y year (only when it differs from the reason before), v value,
 *             t threshold, c count, m count_min, x count_max, d date, e date2;
 *             h has_value; r ref. A field at its "absent" value (0, DATE_NONE,
 *             false, NULL) is left out. number := ["-"] base-32 digits.
 *
 * Reasons stored before facts (a JSON array of sentences) begin with "[" and
 * never parse here: resultFactsIs tells them apart (decision 221). */

/* True when s (n bytes) is a facts text, false for a stored JSON array. */
bool resultFactsIs(const char *s, size_t n);

/* Appends r's reasons, to be rendered with renderer version, as a facts text. */
void resultFactsEncode(sbuf *out, int version, const typingResult *r);

/* Bytes of scratch resultFactsDecode needs for a text of n bytes. */
#define RESULT_FACTS_SCRATCH(n) ((n) + TYPING_MAX_REASONS + 1)

/* Reads a facts text into out->reasons / out->n (out->type untouched) and its
 * renderer version into *version. The refs are copied, NUL-terminated, into
 * scratch (RESULT_FACTS_SCRATCH(n) bytes) and point there. GH_EINVAL when the
 * text is not a well-formed facts text, or a reason lacks a figure its sentence
 * writes (a date, a status) or has one out of range: facts that decode render. */
int resultFactsDecode(typingResult *out, int *version, char *scratch, const char *s, size_t n);
#endif
