/* Reading the directory: whole dossiers in USCC order (one pass over each table,
 * merged like a sorted merge join), one business's dossier, and the look-up. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

/* Reading dossiers: one statement per table, all in USCC order; the "one" variant
 * reads a single business. */
typedef enum { RD_BIZ, RD_AR, RD_TP, RD_IN, RD_IV, RD_TM, RD_PT, RD_PE, RD__COUNT } rdTable;
static const char *const rdSql[RD__COUNT] = {
    [RD_BIZ] = "SELECT uscc,name,operator_name,operator_id,established,status,seasonal,town,industry,address,"
               "legacy_reg_no,tax_registered,general_taxpayer,operator_groups FROM businesses",
    [RD_AR] = "SELECT uscc,year,filed_on,revenue,employees FROM annual_reports",
    [RD_TP] = "SELECT uscc,year,amount FROM tax_paid",
    [RD_IN] = "SELECT uscc,year,count FROM insured",
    [RD_IV] = "SELECT uscc,list,from_date,to_date FROM intervals",
    [RD_TM] = "SELECT uscc,reg_no,holder,in_use FROM trademarks",
    [RD_PT] = "SELECT uscc,number,holder FROM patents",
    [RD_PE] = "SELECT uscc,decided_on,kind,publicized,repaired_on FROM penalties",
};
/* The businesses' columns the rules read, in the places of rdSql[RD_BIZ] (decision 314):
 * the text the run never uses is neither decoded nor copied twice. */
static const char *const rdTypingBiz = "SELECT uscc,NULL,NULL,NULL,established,status,seasonal,NULL,NULL,NULL,"
                                       "NULL,tax_registered,general_taxpayer,operator_groups FROM businesses";
static const char *const rdOrder[RD__COUNT] = {
    [RD_BIZ] = " ORDER BY uscc", [RD_AR] = " ORDER BY uscc,year", [RD_TP] = " ORDER BY uscc,year",
    [RD_IN] = " ORDER BY uscc,year", [RD_IV] = " ORDER BY uscc,list,from_date", [RD_TM] = " ORDER BY uscc,reg_no",
    [RD_PT] = " ORDER BY uscc,number", [RD_PE] = " ORDER BY uscc,decided_on,kind",
};
typedef struct rdCursor {
    sqlite3_stmt *st;
    int rc;        /* SQLITE_ROW while positioned on a row */
    const char *u; /* the row's USCC, taken once per step (decision 312); NULL when not on a row */
} rdCursor;

/* Steps c and takes the new row's USCC: asking SQLite for it at every comparison
 * (eight cursors a business) was a tenth of the reading thread (decision 312). */
static void rdStep(rdCursor *c) {
    c->rc = sqlite3_step(c->st);
    c->u = c->rc == SQLITE_ROW ? (const char *)sqlite3_column_text(c->st, 0) : NULL;
}

/* Opens the eight statements: every business (uscc NULL) or one; typing: only the
 * businesses' columns the rules read. */
static int rdOpen(sqliteStore *s, rdCursor *c, const char *uscc, bool typing) {
    char sql[512];
    for (int i = 0; i < RD__COUNT; i++) {
        snprintf(sql, sizeof sql, "%s%s%s", i == RD_BIZ && typing ? rdTypingBiz : rdSql[i], uscc ? " WHERE uscc=?1" : "",
                 rdOrder[i]);
        c[i].st = NULL;
        if (sqlite3_prepare_v2(s->db, sql, -1, &c[i].st, NULL) != SQLITE_OK) return sqlFail(s, "read");
        if (uscc) sqlBindText(c[i].st, 1, uscc);
        rdStep(&c[i]);
        if (c[i].rc != SQLITE_ROW && c[i].rc != SQLITE_DONE) return sqlFail(s, "read");
    }
    return 0;
}

static void rdClose(rdCursor *c) {
    for (int i = 0; i < RD__COUNT; i++) sqlite3_finalize(c[i].st);
}

/* True while cursor c is on a row of business uscc (rows of businesses that sort
 * before it cannot exist: every child row references a business). */
static bool rdOn(rdCursor *c, const char *uscc) {
    return c->u && strcmp(c->u, uscc) == 0;
}

static int rdAdvance(sqliteStore *s, rdCursor *c) {
    rdStep(c);
    return c->rc == SQLITE_ROW || c->rc == SQLITE_DONE ? 0 : sqlFail(s, "read");
}

/* Fails if any cursor's last step failed: the loops of rdAssemble end on such a
 * cursor as they do on a finished one, and a dossier read past a failed step would
 * be silently short of that table's rows. */
static int rdCheck(sqliteStore *s, const rdCursor *c) {
    for (int i = 0; i < RD__COUNT; i++)
        if (c[i].rc != SQLITE_ROW && c[i].rc != SQLITE_DONE) return sqlFail(s, "read");
    return 0;
}

/* The code of column col among codes, or -1 with the error set when the store holds
 * a value its CHECK constraint should have refused (decision 297): `PRAGMA
 * quick_check` through the library does not evaluate CHECKs, and a business of an
 * unknown status or list must not be typed as if it were the first code. */
static int rdCode(sqliteStore *s, const char *const *codes, int n, sqlite3_stmt *st, int col, const char *what,
                  const char *uscc) {
    const char *t = (const char *)sqlite3_column_text(st, col);
    for (int i = 0; t && i < n; i++)
        if (strcmp(codes[i], t) == 0) return i;
    storeErrSet(s->base.err, GH_EIO, what, "数据库已损坏 (damaged store): %s 的 %s 为无法识别的值 \"%.40s\" (unknown code)",
                uscc, what, t ? t : "NULL");
    return -1;
}

/* Grows an arena array by one element (arrays of one business are short). */
static void *rdPush(arena *a, void **arr, size_t *n, size_t *cap, size_t elem) {
    if (*n == *cap) {
        const size_t ncap = *cap ? *cap * 2 : 4;
        void *p = arenaAlloc(a, ncap * elem);
        if (!p) return NULL;
        if (*n) memcpy(p, *arr, *n * elem);
        *arr = p;
        *cap = ncap;
    }
    return (char *)*arr + (*n)++ * elem;
}

#define PUSH(a, arr, n, cap) rdPush((a), (void **)&(arr), &(n), &(cap), sizeof *(arr))

/* Fills d from the business row under c[RD_BIZ] and the child rows of the same
 * business under the other cursors, advancing them. */
static int rdAssemble(sqliteStore *s, rdCursor *c, arena *a, dossier *d) {
    sqlite3_stmt *b = c[RD_BIZ].st;
    dossierInit(d);
    const char *u = (const char *)sqlite3_column_text(b, 0);
    size_t un = u ? (size_t)sqlite3_column_bytes(b, 0) : 0; /* not snprintf: a run calls this a million times */
    if (un >= sizeof d->uscc) un = sizeof d->uscc - 1;
    if (un) memcpy(d->uscc, u, un);
    d->uscc[un] = '\0';
    d->name = sqlDup(a, b, 1);
    d->operator_name = sqlDup(a, b, 2);
    d->operator_id = sqlDup(a, b, 3);
    d->established = sqlColDate(b, 4);
    const int status = rdCode(s, sqlStatusCodes, 4, b, 5, "businesses.status", d->uscc);
    if (status < 0) return GH_EIO;
    d->status = (bizStatus)status;
    d->seasonal = sqlite3_column_int(b, 6);
    d->town = sqlDup(a, b, 7);
    d->industry = sqlDup(a, b, 8);
    d->address = sqlDup(a, b, 9);
    const char *legacy = (const char *)sqlite3_column_text(b, 10);
    if (legacy) snprintf(d->legacy_reg_no, sizeof d->legacy_reg_no, "%s", legacy);
    d->tax_registered = sqlite3_column_int(b, 11);
    d->general_taxpayer = sqlite3_column_int(b, 12);
    d->operator_groups = (unsigned)sqlite3_column_int(b, 13);
    size_t cap = 0;
    dAnnualReport *ar = NULL;
    for (; rdOn(&c[RD_AR], d->uscc); rdAdvance(s, &c[RD_AR])) {
        sqlite3_stmt *st = c[RD_AR].st;
        dAnnualReport *x = PUSH(a, ar, d->n_annual_reports, cap);
        if (!x) return GH_ENOMEM;
        x->year = sqlite3_column_int(st, 1);
        x->filed_on = sqlColDate(st, 2);
        x->has_revenue = sqlite3_column_type(st, 3) != SQLITE_NULL;
        x->revenue = sqlite3_column_int64(st, 3);
        x->employees = sqlite3_column_type(st, 4) != SQLITE_NULL ? sqlite3_column_int(st, 4) : -1;
    }
    d->annual_reports = ar;
    dTaxPaid *tp = NULL;
    for (cap = 0; rdOn(&c[RD_TP], d->uscc); rdAdvance(s, &c[RD_TP])) {
        dTaxPaid *x = PUSH(a, tp, d->n_tax_paid, cap);
        if (!x) return GH_ENOMEM;
        x->year = sqlite3_column_int(c[RD_TP].st, 1);
        x->amount = sqlite3_column_int64(c[RD_TP].st, 2);
    }
    d->tax_paid = tp;
    dInsured *in = NULL;
    for (cap = 0; rdOn(&c[RD_IN], d->uscc); rdAdvance(s, &c[RD_IN])) {
        dInsured *x = PUSH(a, in, d->n_insured, cap);
        if (!x) return GH_ENOMEM;
        x->year = sqlite3_column_int(c[RD_IN].st, 1);
        x->count = sqlite3_column_int(c[RD_IN].st, 2);
    }
    d->insured = in;
    dInterval *iv[LIST__COUNT] = {NULL};
    size_t ivn[LIST__COUNT] = {0}, ivcap[LIST__COUNT] = {0};
    for (; rdOn(&c[RD_IV], d->uscc); rdAdvance(s, &c[RD_IV])) {
        sqlite3_stmt *st = c[RD_IV].st;
        const int l = rdCode(s, sqlListCodes, LIST__COUNT, st, 1, "intervals.list", d->uscc);
        if (l < 0) return GH_EIO;
        dInterval *x = PUSH(a, iv[l], ivn[l], ivcap[l]);
        if (!x) return GH_ENOMEM;
        x->from = sqlColDate(st, 2);
        x->to = sqlColDate(st, 3);
    }
    d->abnormal_list = (dIntervals){iv[LIST_ABNORMAL], ivn[LIST_ABNORMAL]};
    d->serious_illegal_list = (dIntervals){iv[LIST_SERIOUS_ILLEGAL], ivn[LIST_SERIOUS_ILLEGAL]};
    d->tax_abnormal = (dIntervals){iv[LIST_TAX_ABNORMAL], ivn[LIST_TAX_ABNORMAL]};
    d->suspensions = (dIntervals){iv[LIST_SUSPENSION], ivn[LIST_SUSPENSION]};
    d->dishonest_debtor = (dIntervals){iv[LIST_DISHONEST_DEBTOR], ivn[LIST_DISHONEST_DEBTOR]};
    dTrademark *tm = NULL;
    for (cap = 0; rdOn(&c[RD_TM], d->uscc); rdAdvance(s, &c[RD_TM])) {
        sqlite3_stmt *st = c[RD_TM].st;
        dTrademark *x = PUSH(a, tm, d->n_trademarks, cap);
        if (!x) return GH_ENOMEM;
        x->reg_no = sqlDup(a, st, 1);
        const int holder = rdCode(s, sqlHolderCodes, 2, st, 2, "trademarks.holder", d->uscc);
        if (holder < 0) return GH_EIO;
        x->holder = (ipHolder)holder;
        x->in_use = sqlite3_column_int(st, 3);
    }
    d->trademarks = tm;
    dPatent *pt = NULL;
    for (cap = 0; rdOn(&c[RD_PT], d->uscc); rdAdvance(s, &c[RD_PT])) {
        sqlite3_stmt *st = c[RD_PT].st;
        dPatent *x = PUSH(a, pt, d->n_patents, cap);
        if (!x) return GH_ENOMEM;
        x->number = sqlDup(a, st, 1);
        const int holder = rdCode(s, sqlHolderCodes, 2, st, 2, "patents.holder", d->uscc);
        if (holder < 0) return GH_EIO;
        x->holder = (ipHolder)holder;
    }
    d->patents = pt;
    dPenalty *pe = NULL;
    for (cap = 0; rdOn(&c[RD_PE], d->uscc); rdAdvance(s, &c[RD_PE])) {
        sqlite3_stmt *st = c[RD_PE].st;
        dPenalty *x = PUSH(a, pe, d->n_penalties, cap);
        if (!x) return GH_ENOMEM;
        x->decided_on = sqlColDate(st, 1);
        const int kind = rdCode(s, sqlPenaltyCodes, 6, st, 2, "penalties.kind", d->uscc);
        if (kind < 0) return GH_EIO;
        x->kind = (penaltyKind)kind;
        x->publicized = sqlite3_column_int(st, 3);
        x->repaired_on = sqlColDate(st, 4);
    }
    d->penalties = pe;
    return 0;
}

/* The whole directory in USCC order; typing: the lean dossiers of decision 314. */
static int rdEach(storeBackend *b, bool typing, storeDossierFn fn, void *ctx) {
    sqliteStore *s = SQ(b);
    rdCursor c[RD__COUNT];
    int rc = rdOpen(s, c, NULL, typing);
    while (!rc && c[RD_BIZ].rc == SQLITE_ROW) {
        dossier d;
        arenaReset(&s->scratch);
        rc = rdAssemble(s, c, &s->scratch, &d);
        if (!rc) rc = rdCheck(s, c);
        if (!rc) rc = fn(ctx, &d);
        if (!rc) rc = rdAdvance(s, &c[RD_BIZ]);
    }
    rdClose(c);
    return rc;
}

static int sqliteEachDossier(storeBackend *b, storeDossierFn fn, void *ctx) { return rdEach(b, false, fn, ctx); }

static int sqliteEachTypingDossier(storeBackend *b, storeDossierFn fn, void *ctx) { return rdEach(b, true, fn, ctx); }

static int sqliteLoadDossier(storeBackend *b, const char *uscc, arena *a, dossier *out) {
    sqliteStore *s = SQ(b);
    rdCursor c[RD__COUNT];
    int rc = rdOpen(s, c, uscc, false);
    if (!rc && c[RD_BIZ].rc != SQLITE_ROW)
        rc = storeErrSet(s->base.err, GH_ENOTFOUND, "uscc", "名录中没有 %s (no such business)", uscc);
    if (!rc) rc = rdAssemble(s, c, a, out);
    if (!rc) rc = rdCheck(s, c);
    rdClose(c);
    return rc;
}

static int sqliteCountBusinesses(storeBackend *b, int64_t *n) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "SELECT count(*) FROM businesses", &st, "count")) return GH_EIO;
    const int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : sqlFail(SQ(b), "count");
}

/* ---- look-up ---- */

static const char *const rdFindSql[] = {
    [SQ_FIND_USCC] = "SELECT uscc,name,town,legacy_reg_no,status,operator_name FROM businesses WHERE uscc=?1 AND ?2>0",
    [SQ_FIND_REGNO] = "SELECT uscc,name,town,legacy_reg_no,status,operator_name FROM businesses WHERE legacy_reg_no=?1 "
                      "ORDER BY uscc LIMIT ?2",
    /* instr() finds a substring of any length, one CJK character included; the
     * narrow (name, uscc) index is scanned rather than the table. */
    [SQ_FIND_NAME] = "SELECT b.uscc,b.name,b.town,b.legacy_reg_no,b.status,b.operator_name FROM "
                     "(SELECT uscc FROM businesses INDEXED BY businesses_by_name WHERE name IS NOT NULL AND instr(name,?1)>0 "
                     " ORDER BY name, uscc LIMIT ?2) m JOIN businesses b ON b.uscc=m.uscc ORDER BY b.name, b.uscc",
};

static int sqliteFind(storeBackend *b, const char *q, int limit, storeHitFn fn, void *ctx) {
    sqliteStore *s = SQ(b);
    const size_t n = strlen(q);
    const sqlStmt k = usccValidate(q, n) == 0 ? SQ_FIND_USCC : regnoValidate(q, n) == 0 ? SQ_FIND_REGNO : SQ_FIND_NAME;
    sqlite3_stmt *st = sqlSt(s, k, rdFindSql[k]);
    if (!st) return GH_EIO;
    sqlBindText(st, 1, q);
    sqlite3_bind_int(st, 2, limit);
    int rc, r = 0;
    while (!r && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeHit h = {sqlColText(st, 0), sqlColText(st, 1), sqlColText(st, 2), sqlColText(st, 3),
                            sqlColText(st, 5), (bizStatus)sqlCode(sqlStatusCodes, 4, sqlColText(st, 4))};
        r = fn(ctx, &h);
    }
    sqlite3_reset(st);
    return sqlEnd(s, rc, r, "find");
}

void sqliteReadInstall(storeBackend *b) {
    b->eachDossier = sqliteEachDossier;
    b->eachTypingDossier = sqliteEachTypingDossier;
    b->loadDossier = sqliteLoadDossier;
    b->countBusinesses = sqliteCountBusinesses;
    b->find = sqliteFind;
}
