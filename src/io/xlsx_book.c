/* The parts of an XLSX workbook read when opening it (io/xlsx_int.h): the sheet
 * list (xl/workbook.xml and its rels), the date formats (xl/styles.xml) and the
 * shared strings (xl/sharedStrings.xml). */
#include "io/xlsx_int.h"
#include "core/error.h"
#include <stdlib.h>
#include <string.h>

/* ---- xl/workbook.xml: the sheets in order, the date system ---- */

static char *xlsxDup(const char *s) {
    return s ? strdup(s) : NULL;
}

static void xlsxBookStart(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsxReader *x = ud;
    const char *l = xlsxLocal(name);
    if (!strcmp(l, "workbookPr")) {
        const char *d = xlsxAttr(atts, "date1904");
        x->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
    } else if (!strcmp(l, "sheet") && x->nsheets < XLSX_MAX_SHEETS) {
        const char *n = xlsxAttr(atts, "name"), *id = NULL;
        for (int i = 0; atts[i]; i += 2) /* r:id, the relationships namespace's id */
            if (strchr(atts[i], ':') && !strcmp(xlsxLocal(atts[i]), "id")) id = atts[i + 1];
        if (!n || !id) return;
        char *dn = xlsxDup(n), *did = xlsxDup(id);
        if (!dn || !did) {
            free(dn);
            free(did);
            x->fatal = GH_ENOMEM;
            snprintf(x->r->err, sizeof x->r->err, "内存不足 (out of memory)");
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        x->sheet_name[x->nsheets] = dn;
        x->sheet_rid[x->nsheets] = did;
        x->nsheets++;
    }
}

static void xlsxBookSetup(XML_Parser p) { XML_SetStartElementHandler(p, xlsxBookStart); }

/* ---- xl/_rels/workbook.xml.rels: each sheet's part ---- */

static void xlsxRelStart(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsxReader *x = ud;
    if (strcmp(xlsxLocal(name), "Relationship")) return;
    const char *id = xlsxAttr(atts, "Id"), *target = xlsxAttr(atts, "Target");
    if (!id || !target) return;
    for (int i = 0; i < x->nsheets; i++) {
        if (x->sheet_part[i] || strcmp(x->sheet_rid[i], id)) continue;
        const size_t n = strlen(target) + 4;
        if (!(x->sheet_part[i] = malloc(n))) return;
        if (target[0] == '/') snprintf(x->sheet_part[i], n, "%s", target + 1);
        else snprintf(x->sheet_part[i], n, "xl/%s", target);
    }
}

static void xlsxRelSetup(XML_Parser p) { XML_SetStartElementHandler(p, xlsxRelStart); }

/* ---- xl/styles.xml: which cell formats show dates ---- */

/* Whether a number format code shows a date: y, d, e (a CJK year) or 年月日
 * outside quotes, brackets and escapes (m alone may be minutes). */
static bool xlsxDateCode(const char *code) {
    bool quoted = false;
    for (const char *p = code; *p; p++) {
        if (*p == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (*p == '\\' && p[1]) p++;
        else if (*p == '[') { while (*p && *p != ']') p++; if (!*p) break; }
        else if (strchr("yYdDeE", *p)) return true;
        else if (!strncmp(p, "年", 3) || !strncmp(p, "日", 3)) return true;
    }
    return false;
}

/* Built-in number formats that are dates, the CJK ones included (27-36, 50-58). */
static bool xlsxDateBuiltin(long id) {
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

#define XLSX_MAX_FMTS 1024
typedef struct xlsxFmt { long id; bool date; } xlsxFmt;

typedef struct xlsxStyles { xlsxReader *x; xlsxFmt fmt[XLSX_MAX_FMTS]; int nfmt; bool in_xfs; } xlsxStyles;

static bool xlsxIsDateFmt(const xlsxStyles *s, long id) {
    for (int i = 0; i < s->nfmt; i++)
        if (s->fmt[i].id == id) return s->fmt[i].date;
    return xlsxDateBuiltin(id);
}

static void xlsxStyleStart(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsxReader *x = ud;
    xlsxStyles *s = x->aux;
    const char *l = xlsxLocal(name);
    if (!strcmp(l, "numFmt") && s->nfmt < XLSX_MAX_FMTS) {
        const char *id = xlsxAttr(atts, "numFmtId"), *code = xlsxAttr(atts, "formatCode");
        if (id && code) s->fmt[s->nfmt++] = (xlsxFmt){strtol(id, NULL, 10), xlsxDateCode(code)};
    } else if (!strcmp(l, "cellXfs")) {
        s->in_xfs = true;
    } else if (!strcmp(l, "xf") && s->in_xfs && x->nxf < 65536) {
        const char *id = xlsxAttr(atts, "numFmtId");
        unsigned char *t = realloc(x->xf_date, x->nxf + 1);
        if (!t) return;
        x->xf_date = t;
        x->xf_date[x->nxf++] = id && xlsxIsDateFmt(s, strtol(id, NULL, 10));
    }
}

static void xlsxStyleEnd(void *ud, const XML_Char *name) {
    xlsxReader *x = ud;
    xlsxStyles *s = x->aux;
    if (!strcmp(xlsxLocal(name), "cellXfs")) s->in_xfs = false;
}

static void xlsxStyleSetup(XML_Parser p) { XML_SetElementHandler(p, xlsxStyleStart, xlsxStyleEnd); }

static int xlsxStylesRead(xlsxReader *x) {
    xlsxStyles *s = calloc(1, sizeof *s);
    if (!s) return GH_ENOMEM;
    s->x = x;
    x->aux = s;
    const int rc = xlsxPartParse(x, "xl/styles.xml", x->lim.part_bytes, true, xlsxStyleSetup);
    x->aux = NULL;
    free(s);
    return rc == GH_ENOTFOUND ? 0 : rc;
}

/* ---- xl/sharedStrings.xml: <si> of <t> or of rich-text runs <r><t>, phonetic
 * runs <rPh> left out ---- */

static int xlsxPoolAdd(xlsxReader *x, const char *s, size_t n) {
    if (x->nstr >= x->lim.max_strings) {
        snprintf(x->r->err, sizeof x->r->err, "共享字符串超过 %u 个 (more than %u shared strings)", x->lim.max_strings,
                 x->lim.max_strings);
        return GH_EINVAL;
    }
    if (x->nstr == x->str_cap) {
        const uint32_t cap = x->str_cap ? x->str_cap * 2 : 1024;
        size_t *o = realloc(x->str_off, cap * sizeof *o);
        if (!o) return GH_ENOMEM;
        x->str_off = o;
        x->str_cap = cap;
    }
    if (x->pool_used + n + 1 > x->pool_cap) {
        size_t cap = x->pool_cap ? x->pool_cap : 65536;
        while (cap < x->pool_used + n + 1) cap *= 2;
        char *b = realloc(x->pool, cap);
        if (!b) return GH_ENOMEM;
        x->pool = b;
        x->pool_cap = cap;
    }
    x->str_off[x->nstr++] = x->pool_used;
    memcpy(x->pool + x->pool_used, s, n);
    x->pool_used += n;
    x->pool[x->pool_used++] = '\0';
    return 0;
}

static void xlsxSstStart(void *ud, const XML_Char *name, const XML_Char **atts) {
    (void)atts;
    xlsxReader *x = ud;
    const char *l = xlsxLocal(name);
    if (!strcmp(l, "si")) {
        x->collect = false;
        x->too_long = false;
        x->txt_len = 0;
        if (x->txt) x->txt[0] = '\0';
    } else if (!strcmp(l, "rPh")) {
        x->skip_depth++;
    } else if (!strcmp(l, "t")) {
        x->collect = true;
    }
}

static void xlsxSstEnd(void *ud, const XML_Char *name) {
    xlsxReader *x = ud;
    const char *l = xlsxLocal(name);
    if (!strcmp(l, "t")) x->collect = false;
    else if (!strcmp(l, "rPh") && x->skip_depth) x->skip_depth--;
    else if (!strcmp(l, "si")) {
        int rc = 0;
        if (x->too_long) {
            snprintf(x->r->err, sizeof x->r->err, "第 %u 个共享字符串超过 %zu 字节 (shared string too long)", x->nstr + 1,
                     x->lim.max_cell);
            rc = GH_EINVAL;
        } else {
            rc = xlsxPoolAdd(x, x->txt ? x->txt : "", x->txt_len);
            if (rc == GH_ENOMEM) snprintf(x->r->err, sizeof x->r->err, "内存不足 (out of memory)");
        }
        if (rc) {
            x->fatal = rc;
            XML_StopParser(x->p, XML_FALSE);
        }
    }
}

static void xlsxSstSetup(XML_Parser p) {
    XML_SetElementHandler(p, xlsxSstStart, xlsxSstEnd);
    XML_SetCharacterDataHandler(p, xlsxCollect);
}

const char *xlsxString(const xlsxReader *x, uint32_t i, size_t *n) {
    if (i >= x->nstr) return NULL;
    const size_t end = i + 1 < x->nstr ? x->str_off[i + 1] - 1 : x->pool_used - 1;
    *n = end - x->str_off[i];
    return x->pool + x->str_off[i];
}

int xlsxBookRead(xlsxReader *x) {
    int rc = xlsxPartParse(x, "xl/workbook.xml", x->lim.part_bytes, false, xlsxBookSetup);
    if (!rc && x->nsheets == 0) {
        snprintf(x->r->err, sizeof x->r->err, "工作簿中没有工作表 (the workbook has no sheet)");
        rc = GH_EINVAL;
    }
    if (!rc) rc = xlsxPartParse(x, "xl/_rels/workbook.xml.rels", x->lim.part_bytes, false, xlsxRelSetup);
    if (!rc) rc = xlsxStylesRead(x);
    if (!rc) {
        rc = xlsxPartParse(x, "xl/sharedStrings.xml", x->lim.strings_bytes, true, xlsxSstSetup);
        if (rc == GH_ENOTFOUND) rc = 0; /* a workbook of numbers and inline strings has none */
    }
    x->collect = false;
    x->skip_depth = 0;
    return rc;
}

void xlsxBookFree(xlsxReader *x) {
    for (int i = 0; i < x->nsheets; i++) {
        free(x->sheet_name[i]);
        free(x->sheet_rid[i]);
        free(x->sheet_part[i]);
    }
    x->nsheets = 0;
    free(x->pool);
    free(x->str_off);
    free(x->xf_date);
    free(x->txt);
    x->pool = NULL;
    x->str_off = NULL;
    x->xf_date = NULL;
    x->txt = NULL;
}
