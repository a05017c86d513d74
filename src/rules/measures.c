/* RULES.md A2 / A4: the measures, who is entitled to them, who serves them. */
#include "rules/measures.h"
#include <string.h>
#include "core/error.h"
#include "rules/department_names.h"

static const char *const for_names[MFOR__COUNT] = {"survival", "growth", "development", "famous",
                                                   "characteristic", "quality", "emerging"};
static const char *const for_labels[MFOR__COUNT] = {"生存型", "成长型", "发展型", "知名类",
                                                    "特色类", "优质类", "新兴类"};

const char *measureForName(measureFor f) {
    return f >= 0 && f < MFOR__COUNT ? for_names[f] : NULL;
}

const char *measureForLabel(measureFor f) {
    return f >= 0 && f < MFOR__COUNT ? for_labels[f] : NULL;
}

int measureForParse(measureFor *out, const char *name) {
    for (int f = 0; f < MFOR__COUNT; f++)
        if (name && !strcmp(name, for_names[f])) return *out = (measureFor)f, 0;
    return GH_EINVAL;
}

/* A2 (一) 1–5, (二) 1–4, (三) 1–3; A4 (一)–(四) 1–4 each. */
static const struct {
    const char *id;
    measureFor target;
} articles[MEASURES_COUNT] = {
    {"A2(一)1", MFOR_SURVIVAL}, {"A2(一)2", MFOR_SURVIVAL}, {"A2(一)3", MFOR_SURVIVAL},
    {"A2(一)4", MFOR_SURVIVAL}, {"A2(一)5", MFOR_SURVIVAL}, {"A2(二)1", MFOR_GROWTH},
    {"A2(二)2", MFOR_GROWTH}, {"A2(二)3", MFOR_GROWTH}, {"A2(二)4", MFOR_GROWTH},
    {"A2(三)1", MFOR_DEVELOPMENT}, {"A2(三)2", MFOR_DEVELOPMENT}, {"A2(三)3", MFOR_DEVELOPMENT},
    {"A4(一)1", MFOR_FAMOUS}, {"A4(一)2", MFOR_FAMOUS}, {"A4(一)3", MFOR_FAMOUS}, {"A4(一)4", MFOR_FAMOUS},
    {"A4(二)1", MFOR_CHARACTERISTIC}, {"A4(二)2", MFOR_CHARACTERISTIC}, {"A4(二)3", MFOR_CHARACTERISTIC},
    {"A4(二)4", MFOR_CHARACTERISTIC}, {"A4(三)1", MFOR_QUALITY}, {"A4(三)2", MFOR_QUALITY},
    {"A4(三)3", MFOR_QUALITY}, {"A4(三)4", MFOR_QUALITY}, {"A4(四)1", MFOR_EMERGING},
    {"A4(四)2", MFOR_EMERGING}, {"A4(四)3", MFOR_EMERGING}, {"A4(四)4", MFOR_EMERGING},
};

int measureArticle(const char **id, measureFor *target, size_t i) {
    if (i >= MEASURES_COUNT) return GH_ENOTFOUND;
    *id = articles[i].id;
    *target = articles[i].target;
    return 0;
}

int measureIndex(const measureCatalogue *c, const char *id) {
    for (size_t i = 0; id && i < c->n; i++)
        if (!strcmp(c->items[i].id, id)) return (int)i;
    return -1;
}

/* A2 / A4 preamble */
int measuresEntitled(uint32_t *out, const measureCatalogue *c, bizType type, unsigned held) {
    static const measureFor by_type[] = {MFOR_SURVIVAL, MFOR_GROWTH, MFOR_DEVELOPMENT};
    static const measureFor by_category[CAT__COUNT] = {MFOR_FAMOUS, MFOR_CHARACTERISTIC, MFOR_QUALITY,
                                                       MFOR_EMERGING};
    if (type < TYPE_SURVIVAL || type > TYPE_INELIGIBLE) return GH_EINVAL;
    *out = 0;
    if (type == TYPE_INELIGIBLE) return 0; /* DATA.md §6: entitled to none (decision 87) */
    for (size_t i = 0; i < c->n && i < 32; i++) {
        const measureFor f = c->items[i].target;
        bool yes = f == by_type[type];
        for (int k = 0; k < CAT__COUNT; k++)
            if ((held & (1u << k)) && f == by_category[k]) yes = true;
        if (yes) *out |= 1u << i;
    }
    return 0;
}

/* Whether scheme name a and name b are the same department (aliases included). */
static bool sameDepartment(const char *a, const char *b) {
    const departmentName *da = departmentNameFind(a), *db = departmentNameFind(b);
    return da ? da == db : (a && b && !strcmp(a, b));
}

/* Decision 86 */
bool measurePartServedBy(const measurePart *p, measureViewerKind kind, const char *department) {
    for (size_t i = 0; i < p->n_departments; i++) {
        const char *d = p->departments[i];
        const departmentName *n = departmentNameFind(d);
        const bool collective = n && (n->flags & DEPT_COLLECTIVE);
        const bool towns = !strcmp(d, "各镇街");
        switch (kind) {
        case MVIEW_TOWN:
            if (towns) return true;
            break;
        case MVIEW_CLERK:
            if ((n && (n->flags & DEPT_CLERK)) || (collective && !towns)) return true;
            break;
        case MVIEW_DEPARTMENT:
            if ((collective && !towns) || sameDepartment(d, department)) return true;
            break;
        }
    }
    return false;
}

bool measureServedBy(const measure *m, measureViewerKind kind, const char *department) {
    for (size_t i = 0; i < m->n_parts; i++)
        if (measurePartServedBy(&m->parts[i], kind, department)) return true;
    return false;
}
