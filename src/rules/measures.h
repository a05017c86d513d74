#ifndef GETIHU_RULES_MEASURES_H
#define GETIHU_RULES_MEASURES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "rules/category.h"
#include "rules/typing.h"

/* The support measures of annex part 二 (by type) and the cultivation measures of
 * part 四 (by category), RULES.md A2 / A4, as a model the catalogue file fills
 * (io/measures.c). Pure: no I/O; the strings belong to whoever loaded them. */

typedef enum {
    MFOR_SURVIVAL, MFOR_GROWTH, MFOR_DEVELOPMENT, /* A2 (一)(二)(三) */
    MFOR_FAMOUS, MFOR_CHARACTERISTIC, MFOR_QUALITY, MFOR_EMERGING, /* A4 (一)–(四) */
    MFOR__COUNT
} measureFor;

#define MEASURES_COUNT 28    /* A2: 5 + 4 + 3, A4: 4 × 4 */
#define MEASURE_MAX_PARTS 6
#define MEASURE_MAX_DEPTS 10

/* One sentence group of a measure and the departments the scheme makes
 * responsible for it: each department sees exactly its parts. */
typedef struct measurePart {
    const char *text;
    const char *departments[MEASURE_MAX_DEPTS]; /* as the scheme spells them */
    size_t n_departments;
} measurePart;

typedef struct measure {
    const char *id;    /* the article, "A2(二)3" */
    measureFor target; /* DATA.md §6 "for" */
    const char *title; /* the heading without its final 。 */
    const char *text;  /* the full text after the heading: the parts joined */
    measurePart parts[MEASURE_MAX_PARTS];
    size_t n_parts;
    const char *departments[MEASURE_MAX_DEPTS]; /* every part's, first appearance first, no repeats */
    size_t n_departments;
} measure;

typedef struct measureCatalogue {
    measure items[MEASURES_COUNT]; /* in article order */
    size_t n;
} measureCatalogue;

/* "survival" … "emerging" (DATA.md §6), or NULL. */
const char *measureForName(measureFor f);
/* 0 and *out, or GH_EINVAL for an unknown name. */
int measureForParse(measureFor *out, const char *name);
/* The Chinese label of a target: "生存型" … "新兴"类. */
const char *measureForLabel(measureFor f);

/* A2 / A4: the article id and the target of the i-th measure of the scheme, in
 * article order (i < MEASURES_COUNT); GH_ENOTFOUND past the end. */
int measureArticle(const char **id, measureFor *target, size_t i);

/* The index in c of the measure with this id, or -1. */
int measureIndex(const measureCatalogue *c, const char *id);

/* A2 / A4 preamble: the measures a business is entitled to, as a bit per index of
 * c->items: those for its published type and, for each category it holds validly
 * (bit 1 << categoryKind in held; the caller decides validity on the day, e.g.
 * roundMeasuresAt), that category's. Ineligible: none at all, category included
 * (DATA.md §6, decision 87). GH_EINVAL for a type out of range. */
int measuresEntitled(uint32_t *out, const measureCatalogue *c, bizType type, unsigned held);

/* Who is reading a measure: a department account (canonical name), a town account
 * (its town), or the district clerk of the market bureau. */
typedef enum { MVIEW_DEPARTMENT, MVIEW_TOWN, MVIEW_CLERK } measureViewerKind;

/* Decision 86: whether a part is this viewer's work. A department serves the parts
 * naming it, and the parts given to 各相关部门, 各相关执法部门, 各行业管理部门 or
 * 相关行政许可部门 as shared work; a town serves the parts given to 各镇街 (for its own
 * town's businesses); the clerk serves 区市场监管局's parts and coordinates every
 * collective part except 各镇街's. department is the canonical or scheme name. */
bool measurePartServedBy(const measurePart *p, measureViewerKind kind, const char *department);
/* Whether any part of m is the viewer's work (measurePartServedBy). */
bool measureServedBy(const measure *m, measureViewerKind kind, const char *department);
#endif
