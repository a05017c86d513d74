#ifndef GETIHU_RULES_RENDER_H
#define GETIHU_RULES_RENDER_H
#include "core/sbuf.h"
#include "rules/typing.h"

/* The renderer (issue 12 §1): a typing result's reasons, stored as facts
 * (rules/result_facts.h), become the Chinese sentences of DATA.md §3 when they are
 * read. Every run records the renderer version it was made with; each version's
 * templates are kept, frozen, so a run renders byte-identically forever
 * (decisions 220-223). Pure: no I/O. */

/* Runs made before facts: their reasons are stored as rendered JSON and are read
 * as they are (decision 221). */
#define RENDER_LEGACY 0
/* The version new runs and `getihu classify` use. */
#define RENDER_CURRENT 1
/* A test-only version: version 1 with one sentence reworded, so that the tests can
 * show a changed template leaving older runs alone. Only a run asked for it with
 * GETIHU_TEST_RENDERER (cli/cmd_run.c) is made with it (decision 223). */
#define RENDER_TEST 9999

/* The versions with templates, oldest first: renderVersionAt(i) for i < renderVersionCount(). */
size_t renderVersionCount(void);
int renderVersionAt(size_t i);
/* True when version has templates (RENDER_LEGACY has none). */
bool renderKnown(int version);
/* Appends the sentence of r in version (a known one). */
void renderText(sbuf *out, int version, const typingReason *r);
/* Appends r's "reasons" array, [{"code","article","text"}…], in version. */
void renderReasonsJson(sbuf *out, int version, const typingResult *r);
/* Appends r's codes joined by "；" to codes and its sentences joined by "；" to
 * texts, in version: what splitting its rendered reasons array gives (the exports'
 * 理由代码 and 理由 columns), without writing and reading the JSON. */
void renderSplit(sbuf *codes, sbuf *texts, int version, const typingResult *r);
/* Appends the "reasons" array of a stored result: a facts text rendered with its
 * own version, or a JSON array stored before facts, as it is. GH_EINVAL when a
 * facts text does not parse or names an unknown version (nothing appended). */
int renderStored(sbuf *out, const char *stored, size_t n);
/* The version a correction to a result of a run made with run_version is stored
 * with: the run's own, or version 1 for a run made before facts (decision 221). */
int renderVersionOf(int run_version);

/* The templates of each version, one frozen file each (render_v1.c, …), listed in
 * render.c's table. */
void renderV1Text(sbuf *out, const typingReason *r);
#endif
