/* The directory, written one dossier at a time (DATA.md §1 files): a dossier
 * replaces everything held for its business; rows it no longer lists go. One
 * statement per dossier (one round trip): the business, each fact table's rows as
 * arrays (unnest) upserted only where different, the prunes, and the import
 * history, so that the count of changes is the SQLite backend's (decision 253). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An upsert of the rows of one fact table from arrays; the last of a repeated key
 * wins (as with one upsert per row). K: key columns; C: the other columns; U: the
 * unnest list with its types; S: the SET list; D, E: the columns compared, as stored
 * (t.) and as given (EXCLUDED.). */
#define DIR_UPSERT(N, T, K, C, U, S, D, E)                                                                             \
    N " AS (INSERT INTO " T " AS t(uscc," K "," C ",import_id) SELECT DISTINCT ON (" K ") $1," K "," C ",$12::bigint " \
      "FROM unnest(" U ") WITH ORDINALITY AS u(" K "," C ",o) ORDER BY " K ", o DESC "                              \
      "ON CONFLICT(uscc," K ") DO UPDATE SET " S ",import_id=EXCLUDED.import_id WHERE (" D ") IS DISTINCT FROM "     \
      "(" E ") RETURNING 1),"

static const char dirApplySql[] =
    "WITH old AS (SELECT name,operator_name,operator_id,established,status,seasonal,town,industry,address,"
    "  legacy_reg_no,tax_registered,general_taxpayer,operator_groups FROM businesses WHERE uscc=$1),"
    "b AS (INSERT INTO businesses AS t(uscc,name,operator_name,operator_id,established,status,seasonal,town,"
    "  industry,address,legacy_reg_no,import_id,tax_registered,general_taxpayer,operator_groups) "
    "  VALUES($1,$2,$3,$4,$5::date,$6,$7::int,$8,$9,$10,$11,$12::bigint,$13::int,$14::int,$15::int) "
    "  ON CONFLICT(uscc) DO UPDATE SET name=$2,operator_name=$3,operator_id=$4,established=$5::date,status=$6,"
    "  seasonal=$7::int,town=$8,industry=$9,address=$10,legacy_reg_no=$11,tax_registered=$13::int,"
    "  general_taxpayer=$14::int,operator_groups=$15::int,import_id=CASE WHEN (t.name,t.operator_name,"
    "  t.operator_id,t.established,t.status,t.seasonal,t.town,t.industry,t.address,t.legacy_reg_no) IS DISTINCT "
    "  FROM ($2,$3,$4,$5::date,$6,$7::int,$8,$9,$10,$11) THEN $12::bigint ELSE t.import_id END "
    "  WHERE (t.name,t.operator_name,t.operator_id,t.established,t.status,t.seasonal,t.town,t.industry,t.address,"
    "  t.legacy_reg_no,t.tax_registered,t.general_taxpayer,t.operator_groups) IS DISTINCT FROM "
    "  ($2,$3,$4,$5::date,$6,$7::int,$8,$9,$10,$11,$13::int,$14::int,$15::int) RETURNING 1),"
    DIR_UPSERT("ar", "annual_reports", "year", "filed_on,revenue,employees",
               "$16::int[],$17::date[],$18::bigint[],$19::bigint[]",
               "filed_on=EXCLUDED.filed_on,revenue=EXCLUDED.revenue,employees=EXCLUDED.employees",
               "t.filed_on,t.revenue,t.employees", "EXCLUDED.filed_on,EXCLUDED.revenue,EXCLUDED.employees")
    "pa AS (DELETE FROM annual_reports WHERE uscc=$1 AND year <> ALL($16::int[]) RETURNING 1),"
    DIR_UPSERT("tp", "tax_paid", "year", "amount", "$20::int[],$21::bigint[]", "amount=EXCLUDED.amount", "t.amount", "EXCLUDED.amount")
    "pt AS (DELETE FROM tax_paid WHERE uscc=$1 AND year <> ALL($20::int[]) RETURNING 1),"
    DIR_UPSERT("ins", "insured", "year", "count", "$22::int[],$23::bigint[]", "count=EXCLUDED.count", "t.count", "EXCLUDED.count")
    "pi AS (DELETE FROM insured WHERE uscc=$1 AND year <> ALL($22::int[]) RETURNING 1),"
    DIR_UPSERT("iv", "intervals", "list,from_date", "to_date", "$24::text[],$25::date[],$26::date[]",
               "to_date=EXCLUDED.to_date", "t.to_date", "EXCLUDED.to_date")
    "pv AS (DELETE FROM intervals WHERE uscc=$1 AND (list||'/'||from_date::text) <> ALL($27::text[]) RETURNING 1),"
    DIR_UPSERT("tm", "trademarks", "reg_no", "holder,in_use", "$28::text[],$29::text[],$30::int[]",
               "holder=EXCLUDED.holder,in_use=EXCLUDED.in_use", "t.holder,t.in_use",
               "EXCLUDED.holder,EXCLUDED.in_use")
    "pm AS (DELETE FROM trademarks WHERE uscc=$1 AND reg_no <> ALL($28::text[]) RETURNING 1),"
    DIR_UPSERT("pat", "patents", "number", "holder", "$31::text[],$32::text[]", "holder=EXCLUDED.holder", "t.holder", "EXCLUDED.holder")
    "pp AS (DELETE FROM patents WHERE uscc=$1 AND number <> ALL($31::text[]) RETURNING 1),"
    DIR_UPSERT("pe", "penalties", "decided_on,kind", "publicized,repaired_on",
               "$33::date[],$34::text[],$35::int[],$36::date[]",
               "publicized=EXCLUDED.publicized,repaired_on=EXCLUDED.repaired_on", "t.publicized,t.repaired_on",
               "EXCLUDED.publicized,EXCLUDED.repaired_on")
    "pq AS (DELETE FROM penalties WHERE uscc=$1 AND (decided_on::text||'/'||kind) <> ALL($37::text[]) RETURNING 1),"
    /* the SQLite backend counts the business and its tax fields as two upserts */
    "n AS (SELECT (SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM old) THEN 1 WHEN (SELECT (name,operator_name,"
    "  operator_id,established,status,seasonal,town,industry,address,legacy_reg_no) IS DISTINCT FROM ($2,$3,$4,"
    "  $5::date,$6,$7::int,$8,$9,$10,$11) FROM old) THEN 1 ELSE 0 END) + (SELECT CASE WHEN "
    "  coalesce((SELECT (tax_registered,general_taxpayer,operator_groups) FROM old),(0,0,0)) IS DISTINCT FROM "
    "  ($13::int,$14::int,$15::int) THEN 1 ELSE 0 END) + (SELECT count(*) FROM ar) + (SELECT count(*) FROM pa) + "
    "  (SELECT count(*) FROM tp) + (SELECT count(*) FROM pt) + (SELECT count(*) FROM ins) + "
    "  (SELECT count(*) FROM pi) + (SELECT count(*) FROM iv) + (SELECT count(*) FROM pv) + "
    "  (SELECT count(*) FROM tm) + (SELECT count(*) FROM pm) + (SELECT count(*) FROM pat) + "
    "  (SELECT count(*) FROM pp) + (SELECT count(*) FROM pe) + (SELECT count(*) FROM pq) + "
    "  (SELECT count(*) FROM b) * 0 AS k),"
    "h AS (INSERT INTO business_imports(uscc,import_id) SELECT $1,$12::bigint FROM n WHERE k > 0 "
    "  ON CONFLICT DO NOTHING RETURNING 1) "
    "SELECT k, (SELECT count(*) FROM h) FROM n";

/* PostgreSQL array literals, built one after another in one buffer: each ends in
 * '\0' and its start is kept, so that the parameters point into the buffer once
 * it stops growing. */
typedef struct dirArrays {
    sbuf b;
    size_t start[24];
    int n;
    bool open; /* an array has begun and no element yet */
} dirArrays;

static void arrBegin(dirArrays *a) {
    a->start[a->n++] = a->b.len;
    sbufPutc(&a->b, '{');
    a->open = true;
}
static void arrSep(dirArrays *a) {
    if (!a->open) sbufPutc(&a->b, ',');
    a->open = false;
}
static void arrEnd(dirArrays *a) {
    sbufPutc(&a->b, '}');
    sbufPutc(&a->b, '\0');
}
static void arrInt(dirArrays *a, int64_t v, bool null) {
    arrSep(a);
    if (null) sbufAppend(&a->b, "NULL", 4);
    else sbufPutInt(&a->b, (long long)v);
}
static void arrDate(dirArrays *a, civilDate d) {
    char buf[DATE_STRLEN];
    arrSep(a);
    if (d == DATE_NONE) sbufAppend(&a->b, "NULL", 4);
    else dateFormat(buf, d), sbufPuts(&a->b, buf);
}
/* A text element, quoted; b (if not NULL) follows a after '/'. */
static void arrText(dirArrays *a, const char *s, const char *b) {
    arrSep(a);
    sbufPutc(&a->b, '"');
    for (int part = 0; part < 2; part++) {
        const char *t = part ? b : s;
        if (!t) continue;
        if (part) sbufPutc(&a->b, '/');
        for (; *t; t++) {
            if (*t == '"' || *t == '\\') sbufPutc(&a->b, '\\');
            sbufPutc(&a->b, *t);
        }
    }
    sbufPutc(&a->b, '"');
}

/* The arrays of the yearly facts: $16..$23. */
static void dirYearArrays(dirArrays *a, const dossier *d) {
    arrBegin(a);
    for (size_t i = 0; i < d->n_annual_reports; i++) arrInt(a, d->annual_reports[i].year, false);
    arrEnd(a), arrBegin(a);
    for (size_t i = 0; i < d->n_annual_reports; i++) arrDate(a, d->annual_reports[i].filed_on);
    arrEnd(a), arrBegin(a);
    for (size_t i = 0; i < d->n_annual_reports; i++)
        arrInt(a, d->annual_reports[i].revenue, !d->annual_reports[i].has_revenue);
    arrEnd(a), arrBegin(a);
    for (size_t i = 0; i < d->n_annual_reports; i++)
        arrInt(a, d->annual_reports[i].employees, d->annual_reports[i].employees < 0);
    arrEnd(a), arrBegin(a);
    for (size_t i = 0; i < d->n_tax_paid; i++) arrInt(a, d->tax_paid[i].year, false);
    arrEnd(a), arrBegin(a);
    for (size_t i = 0; i < d->n_tax_paid; i++) arrInt(a, d->tax_paid[i].amount, false);
    arrEnd(a), arrBegin(a);
    for (size_t i = 0; i < d->n_insured; i++) arrInt(a, d->insured[i].year, false);
    arrEnd(a), arrBegin(a);
    for (size_t i = 0; i < d->n_insured; i++) arrInt(a, d->insured[i].count, false);
    arrEnd(a);
}

/* The arrays of the intervals, trademarks, patents and penalties: $24..$37. */
static void dirOtherArrays(dirArrays *a, const dossier *d) {
    const dIntervals lists[LIST__COUNT] = {d->abnormal_list, d->serious_illegal_list, d->tax_abnormal,
                                           d->suspensions, d->dishonest_debtor};
    char date[DATE_STRLEN];
    for (int col = 0; col < 4; col++) { /* list, from, to, and the prune keys "list/from" */
        arrBegin(a);
        for (int l = 0; l < LIST__COUNT; l++)
            for (size_t i = 0; i < lists[l].n; i++) {
                if (col == 0) arrText(a, pgListCodes[l], NULL);
                else if (col == 1) arrDate(a, lists[l].v[i].from);
                else if (col == 2) arrDate(a, lists[l].v[i].to);
                else dateFormat(date, lists[l].v[i].from), arrText(a, pgListCodes[l], date);
            }
        arrEnd(a);
    }
    for (int col = 0; col < 3; col++) {
        arrBegin(a);
        for (size_t i = 0; i < d->n_trademarks; i++) {
            const dTrademark *t = &d->trademarks[i];
            if (col == 0) arrText(a, t->reg_no, NULL);
            else if (col == 1) arrText(a, pgHolderCodes[t->holder], NULL);
            else arrInt(a, t->in_use, false);
        }
        arrEnd(a);
    }
    for (int col = 0; col < 2; col++) {
        arrBegin(a);
        for (size_t i = 0; i < d->n_patents; i++)
            arrText(a, col ? pgHolderCodes[d->patents[i].holder] : d->patents[i].number, NULL);
        arrEnd(a);
    }
    for (int col = 0; col < 5; col++) {
        arrBegin(a);
        for (size_t i = 0; i < d->n_penalties; i++) {
            const dPenalty *p = &d->penalties[i];
            if (col == 0) arrDate(a, p->decided_on);
            else if (col == 1) arrText(a, pgPenaltyCodes[p->kind], NULL);
            else if (col == 2) arrInt(a, p->publicized, false);
            else if (col == 3) arrDate(a, p->repaired_on);
            else dateFormat(date, p->decided_on), arrText(a, date, pgPenaltyCodes[p->kind]);
        }
        arrEnd(a);
    }
}

int pgTouch(pgStore *p, const char *uscc, int64_t import_id) {
    if (p->touch_import == import_id && strcmp(p->touch_uscc, uscc) == 0) return 0;
    char imp[24];
    const char *params[2] = {uscc, pgI64(imp, import_id)};
    const int rc = pgCmd(p, PG_ST_DIRECTORY + 1,
                         "INSERT INTO business_imports(uscc,import_id) VALUES($1,$2::bigint) ON CONFLICT DO NOTHING",
                         2, params, NULL, "touch");
    if (!rc) {
        snprintf(p->touch_uscc, sizeof p->touch_uscc, "%s", uscc);
        p->touch_import = import_id;
    }
    return rc;
}

static int pgApplyDossier(storeBackend *b, const dossier *d, int64_t imp, int *changed) {
    pgStore *p = PG(b);
    *changed = 0;
    dirArrays a = {.n = 0};
    sbufInit(&a.b);
    dirYearArrays(&a, d);
    dirOtherArrays(&a, d);
    if (a.b.failed) {
        sbufFree(&a.b);
        return storeErrSet(p->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    }
    char est[DATE_STRLEN], imps[24], groups[24];
    const char *params[37] = {d->uscc, d->name, d->operator_name, d->operator_id, pgDate(est, d->established),
                              pgStatusCodes[d->status], d->seasonal ? "1" : "0", d->town, d->industry, d->address,
                              d->legacy_reg_no[0] ? d->legacy_reg_no : NULL, pgI64(imps, imp),
                              d->tax_registered ? "1" : "0", d->general_taxpayer ? "1" : "0",
                              pgI64(groups, (int64_t)d->operator_groups)};
    for (int i = 0; i < a.n; i++) params[15 + i] = a.b.data + a.start[i];
    int code;
    PGresult *r = pgQuery(p, PG_ST_DIRECTORY + 0, dirApplySql, 37, params, &code, "applyDossier");
    sbufFree(&a.b);
    if (!r) return code;
    *changed = (int)pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

void pgDirectoryInstall(storeBackend *b) { b->applyDossier = pgApplyDossier; }
