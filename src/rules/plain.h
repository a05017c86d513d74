#ifndef GETIHU_RULES_PLAIN_H
#define GETIHU_RULES_PLAIN_H
#include "core/sbuf.h"
#include "rules/typing.h"

/* Results a person can read (issue 11 §1): a typing result in plain Chinese for the
 * public, an owner and a clerk. Pure: words only, no I/O. Two registers (decision 150):
 * PUBLIC has no figure at all (no amount, count, date or threshold: decision 33);
 * FULL quotes the figures of the reason as explainText does, as a sentence. */

/* What a reason says about the result: a reason of the type itself (met), a criterion
 * of a higher type that was not met (missed), or an explanatory note. */
typedef enum { PLAIN_MET, PLAIN_MISSED, PLAIN_NOTE } plainKind;

plainKind plainKindOf(reasonCode c);
/* "met" / "missed" / "note": the JSON word for plainKindOf. */
const char *plainKindCode(plainKind k);
/* Appends the PUBLIC sentence of c (no figure, ends with "。"). */
void plainPublic(sbuf *out, reasonCode c);
/* Appends the FULL sentence of r: its figures and thresholds, ends with "。". */
void plainFull(sbuf *out, const typingReason *r);
/* The FULL sentence from a stored explanation text (explainText's words, as results
 * keep them): amounts get thousands separators, and a full stop ends it. */
void plainFullText(sbuf *out, const char *text, size_t n);
/* The one-line summary: "2025 年度：成长型。依据：上一年度营业收入达到成长型标准。" built
 * from the met reasons among codes (PUBLIC words; the year is the only number). */
void plainSummary(sbuf *out, int year, bizType t, const reasonCode *codes, size_t n);
/* One sentence on what type t means (the scheme's words, no thresholds). */
const char *plainTypeMeaning(bizType t);
/* "距离成长型还差：" for survival, "距离发展型还差：" for growth, NULL otherwise. */
const char *plainGapHead(bizType t);
/* How the missed criteria combine for the next type above t, or NULL. */
const char *plainGapNote(bizType t);
#endif
