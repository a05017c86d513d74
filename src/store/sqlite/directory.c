/* The directory, written one dossier at a time (DATA.md §1 files): a dossier
 * replaces everything held for its business; rows it no longer lists go. Each
 * upsert changes only when different, so changes() counts real changes. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sqlBizUpsert[] =
    "INSERT INTO businesses(uscc,name,operator_name,operator_id,established,status,seasonal,town,industry,"
    "address,legacy_reg_no,import_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) "
    "ON CONFLICT(uscc) DO UPDATE SET name=?2,operator_name=?3,operator_id=?4,established=?5,status=?6,"
    "seasonal=?7,town=?8,industry=?9,address=?10,legacy_reg_no=?11,import_id=?12 "
    "WHERE (name,operator_name,operator_id,established,status,seasonal,town,industry,address,legacy_reg_no) "
    "IS NOT (?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)";
static const char sqlBizExtra[] =
    "UPDATE businesses SET tax_registered=?2, general_taxpayer=?3, operator_groups=?4 "
    "WHERE uscc=?1 AND (tax_registered,general_taxpayer,operator_groups) IS NOT (?2,?3,?4)";
static const char *const sqlUpsert[] = {
    [SQ_AR_UPSERT] = "INSERT INTO annual_reports(uscc,year,filed_on,revenue,employees,import_id) "
                     "VALUES(?1,?2,?3,?4,?5,?6) ON CONFLICT(uscc,year) DO UPDATE SET filed_on=?3,revenue=?4,"
                     "employees=?5,import_id=?6 WHERE (filed_on,revenue,employees) IS NOT (?3,?4,?5)",
    [SQ_TP_UPSERT] = "INSERT INTO tax_paid(uscc,year,amount,import_id) VALUES(?1,?2,?3,?4) "
                     "ON CONFLICT(uscc,year) DO UPDATE SET amount=?3,import_id=?4 WHERE amount IS NOT ?3",
    [SQ_IN_UPSERT] = "INSERT INTO insured(uscc,year,count,import_id) VALUES(?1,?2,?3,?4) "
                     "ON CONFLICT(uscc,year) DO UPDATE SET count=?3,import_id=?4 WHERE count IS NOT ?3",
    [SQ_IV_UPSERT] = "INSERT INTO intervals(uscc,list,from_date,to_date,import_id) VALUES(?1,?2,?3,?4,?5) "
                     "ON CONFLICT(uscc,list,from_date) DO UPDATE SET to_date=?4,import_id=?5 WHERE to_date IS NOT ?4",
    [SQ_TM_UPSERT] = "INSERT INTO trademarks(uscc,reg_no,holder,in_use,import_id) VALUES(?1,?2,?3,?4,?5) "
                     "ON CONFLICT(uscc,reg_no) DO UPDATE SET holder=?3,in_use=?4,import_id=?5 "
                     "WHERE (holder,in_use) IS NOT (?3,?4)",
    [SQ_PT_UPSERT] = "INSERT INTO patents(uscc,number,holder,import_id) VALUES(?1,?2,?3,?4) "
                     "ON CONFLICT(uscc,number) DO UPDATE SET holder=?3,import_id=?4 WHERE holder IS NOT ?3",
    [SQ_PE_UPSERT] = "INSERT INTO penalties(uscc,decided_on,kind,publicized,repaired_on,import_id) "
                     "VALUES(?1,?2,?3,?4,?5,?6) ON CONFLICT(uscc,decided_on,kind) DO UPDATE SET publicized=?4,"
                     "repaired_on=?5,import_id=?6 WHERE (publicized,repaired_on) IS NOT (?4,?5)",
    /* A whole dossier replaces what was there: rows it no longer lists go. ?2 is a
     * JSON array of the keys it does list. */
    [SQ_AR_PRUNE] = "DELETE FROM annual_reports WHERE uscc=?1 AND year NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))",
    [SQ_TP_PRUNE] = "DELETE FROM tax_paid WHERE uscc=?1 AND year NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))",
    [SQ_IN_PRUNE] = "DELETE FROM insured WHERE uscc=?1 AND year NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))",
    [SQ_IV_PRUNE] = "DELETE FROM intervals WHERE uscc=?1 AND list||'/'||from_date NOT IN (SELECT value FROM json_each(?2))",
    [SQ_TM_PRUNE] = "DELETE FROM trademarks WHERE uscc=?1 AND reg_no NOT IN (SELECT value FROM json_each(?2))",
    [SQ_PT_PRUNE] = "DELETE FROM patents WHERE uscc=?1 AND number NOT IN (SELECT value FROM json_each(?2))",
    [SQ_PE_PRUNE] = "DELETE FROM penalties WHERE uscc=?1 AND decided_on||'/'||kind NOT IN (SELECT value FROM json_each(?2))",
};

/* The cached statement k of this file, keyed by its own SQL. */
static sqlite3_stmt *dirSt(sqliteStore *q, sqlStmt k) { return sqlSt(q, k, sqlUpsert[k]); }

int sqliteTouch(sqliteStore *q, const char *uscc, int64_t import_id) {
    if (q->touch_import == import_id && strcmp(q->touch_uscc, uscc) == 0) return 0;
    sqlite3_stmt *st = sqlSt(q, SQ_TOUCH, "INSERT OR IGNORE INTO business_imports(uscc,import_id) VALUES(?1,?2)");
    if (!st) return GH_EIO;
    sqlBindText(st, 1, uscc);
    sqlite3_bind_int64(st, 2, import_id);
    int rc = sqlDone(q, st, NULL, "touch");
    if (!rc) {
        memcpy(q->touch_uscc, uscc, sizeof q->touch_uscc);
        q->touch_import = import_id;
    }
    return rc;
}

/* 1 when the store holds uscc, 0 when not, or a failure. */
static int dirExists(sqliteStore *q, const char *uscc) {
    if (strcmp(q->exists_uscc, uscc) == 0) return 1;
    sqlite3_stmt *st = sqlSt(q, SQ_BIZ_EXISTS, "SELECT 1 FROM businesses WHERE uscc=?1");
    if (!st) return GH_EIO;
    sqlBindText(st, 1, uscc);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memcpy(q->exists_uscc, uscc, sizeof q->exists_uscc);
        return 1;
    }
    return rc == SQLITE_DONE ? 0 : sqlFail(q, "exists");
}

static int dirBusiness(sqliteStore *q, const dossier *d, int64_t imp, int *changed) {
    sqlite3_stmt *st = sqlSt(q, SQ_BIZ_UPSERT, sqlBizUpsert);
    if (!st) return GH_EIO;
    sqlBindText(st, 1, d->uscc);
    sqlBindText(st, 2, d->name);
    sqlBindText(st, 3, d->operator_name);
    sqlBindText(st, 4, d->operator_id);
    sqlBindDate(st, 5, d->established);
    sqlBindText(st, 6, sqlStatusCodes[d->status]);
    sqlite3_bind_int(st, 7, d->seasonal);
    sqlBindText(st, 8, d->town);
    sqlBindText(st, 9, d->industry);
    sqlBindText(st, 10, d->address);
    sqlBindText(st, 11, d->legacy_reg_no[0] ? d->legacy_reg_no : NULL);
    sqlite3_bind_int64(st, 12, imp);
    int rc = sqlDone(q, st, changed, "businesses");
    if (rc) return rc;
    if (!(st = sqlSt(q, SQ_BIZ_EXTRA, sqlBizExtra))) return GH_EIO;
    sqlBindText(st, 1, d->uscc);
    sqlite3_bind_int(st, 2, d->tax_registered);
    sqlite3_bind_int(st, 3, d->general_taxpayer);
    sqlite3_bind_int(st, 4, (int)d->operator_groups);
    return sqlDone(q, st, changed, "businesses");
}

/* JSON array builder for the prune keys; '"' and '\' are escaped. */
typedef struct dirKeys { char *buf; size_t len, cap; int n; bool failed; } dirKeys;

static void keysAdd(dirKeys *k, const char *a, const char *b) {
    char tmp[512];
    int m = b ? snprintf(tmp, sizeof tmp, "%s/%s", a, b) : snprintf(tmp, sizeof tmp, "%s", a);
    if (m < 0 || (size_t)m >= sizeof tmp) { k->failed = true; return; }
    const size_t need = k->len + 2 * (size_t)m + 8;
    if (need > k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        while (cap < need) cap *= 2;
        char *p = realloc(k->buf, cap);
        if (!p) { k->failed = true; return; }
        k->buf = p;
        k->cap = cap;
    }
    k->buf[k->len++] = k->n++ ? ',' : '[';
    k->buf[k->len++] = '"';
    for (int i = 0; i < m; i++) {
        if (tmp[i] == '"' || tmp[i] == '\\') k->buf[k->len++] = '\\';
        k->buf[k->len++] = tmp[i];
    }
    k->buf[k->len++] = '"';
    k->buf[k->len] = '\0';
}

/* Deletes the rows of one table for uscc whose key is not among k; resets k. */
static int dirPrune(sqliteStore *q, sqlStmt p, const char *uscc, dirKeys *k, int *changed) {
    if (k->failed) return storeErrSet(q->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    const char *keys = "[]";
    if (k->n) {
        k->buf[k->len++] = ']';
        k->buf[k->len] = '\0';
        keys = k->buf;
    }
    k->len = 0, k->n = 0;
    sqlite3_stmt *st = dirSt(q, p);
    if (!st) return GH_EIO;
    sqlBindText(st, 1, uscc);
    sqlBindText(st, 2, keys);
    return sqlDone(q, st, changed, "prune");
}

/* Upserts the yearly rows (annual reports, tax paid, insured), collecting their keys in k[0..2]. */
static int dirYearRows(sqliteStore *q, const dossier *d, dirKeys *k, int *changed, int64_t imp) {
    const char *u = d->uscc;
    char year[16];
    int rc = 0;
    for (size_t i = 0; i < d->n_annual_reports && !rc; i++) {
        const dAnnualReport *ar = &d->annual_reports[i];
        sqlite3_stmt *st = dirSt(q, SQ_AR_UPSERT);
        if (!st) return GH_EIO;
        sqlBindText(st, 1, u);
        sqlite3_bind_int(st, 2, ar->year);
        sqlBindDate(st, 3, ar->filed_on);
        if (ar->has_revenue) sqlite3_bind_int64(st, 4, ar->revenue);
        if (ar->employees >= 0) sqlite3_bind_int(st, 5, ar->employees);
        sqlite3_bind_int64(st, 6, imp);
        rc = sqlDone(q, st, changed, "annual_reports");
        snprintf(year, sizeof year, "%d", ar->year);
        keysAdd(&k[0], year, NULL);
    }
    for (int t = 0; t < 2 && !rc; t++) {
        const size_t n = t ? d->n_insured : d->n_tax_paid;
        for (size_t i = 0; i < n && !rc; i++) {
            sqlite3_stmt *st = dirSt(q, t ? SQ_IN_UPSERT : SQ_TP_UPSERT);
            if (!st) return GH_EIO;
            const int y = t ? d->insured[i].year : d->tax_paid[i].year;
            sqlBindText(st, 1, u);
            sqlite3_bind_int(st, 2, y);
            sqlite3_bind_int64(st, 3, t ? (int64_t)d->insured[i].count : d->tax_paid[i].amount);
            sqlite3_bind_int64(st, 4, imp);
            rc = sqlDone(q, st, changed, t ? "insured" : "tax_paid");
            snprintf(year, sizeof year, "%d", y);
            keysAdd(&k[1 + t], year, NULL);
        }
    }
    return rc;
}

/* Upserts the intervals, trademarks, patents and penalties, collecting their keys in k[0..3]. */
static int dirOtherRows(sqliteStore *q, const dossier *d, dirKeys *k, int *changed, int64_t imp) {
    const char *u = d->uscc;
    char date[DATE_STRLEN];
    int rc = 0;
    const dIntervals lists[LIST__COUNT] = {d->abnormal_list, d->serious_illegal_list, d->tax_abnormal,
                                           d->suspensions, d->dishonest_debtor};
    for (int l = 0; l < LIST__COUNT && !rc; l++)
        for (size_t i = 0; i < lists[l].n && !rc; i++) {
            sqlite3_stmt *st = dirSt(q, SQ_IV_UPSERT);
            if (!st) return GH_EIO;
            sqlBindText(st, 1, u);
            sqlBindText(st, 2, sqlListCodes[l]);
            sqlBindDate(st, 3, lists[l].v[i].from);
            sqlBindDate(st, 4, lists[l].v[i].to);
            sqlite3_bind_int64(st, 5, imp);
            rc = sqlDone(q, st, changed, "intervals");
            dateFormat(date, lists[l].v[i].from);
            keysAdd(&k[0], sqlListCodes[l], date);
        }
    for (size_t i = 0; i < d->n_trademarks && !rc; i++) {
        sqlite3_stmt *st = dirSt(q, SQ_TM_UPSERT);
        if (!st) return GH_EIO;
        sqlBindText(st, 1, u);
        sqlBindText(st, 2, d->trademarks[i].reg_no);
        sqlBindText(st, 3, sqlHolderCodes[d->trademarks[i].holder]);
        sqlite3_bind_int(st, 4, d->trademarks[i].in_use);
        sqlite3_bind_int64(st, 5, imp);
        rc = sqlDone(q, st, changed, "trademarks");
        keysAdd(&k[1], d->trademarks[i].reg_no, NULL);
    }
    for (size_t i = 0; i < d->n_patents && !rc; i++) {
        sqlite3_stmt *st = dirSt(q, SQ_PT_UPSERT);
        if (!st) return GH_EIO;
        sqlBindText(st, 1, u);
        sqlBindText(st, 2, d->patents[i].number);
        sqlBindText(st, 3, sqlHolderCodes[d->patents[i].holder]);
        sqlite3_bind_int64(st, 4, imp);
        rc = sqlDone(q, st, changed, "patents");
        keysAdd(&k[2], d->patents[i].number, NULL);
    }
    for (size_t i = 0; i < d->n_penalties && !rc; i++) {
        const dPenalty *p = &d->penalties[i];
        sqlite3_stmt *st = dirSt(q, SQ_PE_UPSERT);
        if (!st) return GH_EIO;
        sqlBindText(st, 1, u);
        sqlBindDate(st, 2, p->decided_on);
        sqlBindText(st, 3, sqlPenaltyCodes[p->kind]);
        sqlite3_bind_int(st, 4, p->publicized);
        sqlBindDate(st, 5, p->repaired_on);
        sqlite3_bind_int64(st, 6, imp);
        rc = sqlDone(q, st, changed, "penalties");
        dateFormat(date, p->decided_on);
        keysAdd(&k[3], date, sqlPenaltyCodes[p->kind]);
    }
    return rc;
}

static int sqliteApplyDossier(storeBackend *b, const dossier *d, int64_t imp, int *changed) {
    sqliteStore *q = SQ(b);
    *changed = 0;
    const int existed = dirExists(q, d->uscc);
    if (existed < 0) return existed;
    /* the child tables in the order of their prune statements */
    static const sqlStmt prune[7] = {SQ_AR_PRUNE, SQ_TP_PRUNE, SQ_IN_PRUNE, SQ_IV_PRUNE,
                                     SQ_TM_PRUNE, SQ_PT_PRUNE, SQ_PE_PRUNE};
    dirKeys k[7] = {{0}};
    int rc = dirBusiness(q, d, imp, changed);
    if (!rc) rc = dirYearRows(q, d, k, changed, imp);
    if (!rc) rc = dirOtherRows(q, d, k + 3, changed, imp);
    for (int i = 0; i < 7 && !rc && existed == 1; i++) rc = dirPrune(q, prune[i], d->uscc, &k[i], changed);
    for (int i = 0; i < 7; i++) free(k[i].buf);
    if (!rc && *changed) rc = sqliteTouch(q, d->uscc, imp);
    return rc;
}

void sqliteDirectoryInstall(storeBackend *b) { b->applyDossier = sqliteApplyDossier; }
