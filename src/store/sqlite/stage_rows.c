/* Appending rows to the stage (decision 328): many rows a statement, and only the
 * columns the import's targets read. One INSERT a row with all 34 columns bound
 * spent more time resetting the statement and binding NULLs than writing the row:
 * at a million rows, most of the import's single busy core. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Rows a multi-row INSERT carries; the rest of a call goes one row at a time. */
#define STAGE_ROWS 64
/* The date columns a row binds at most (registration's one, an interval's two, a
 * penalty's two, an annual report's one). */
#define STAGE_DATES 6

/* The stage's columns after line, key and uscc, in its CREATE order, and the
 * targets whose apply (or prune) reads each. */
typedef enum {
    SC_NAME, SC_OPERATOR_NAME, SC_OPERATOR_ID, SC_ESTABLISHED, SC_STATUS, SC_SEASONAL, SC_TOWN, SC_INDUSTRY,
    SC_ADDRESS, SC_LEGACY, SC_YEAR, SC_FILED_ON, SC_REVENUE, SC_EMPLOYEES, SC_COUNT, SC_TAX_PAID, SC_TAXREG,
    SC_GENTAX, SC_LIST, SC_FROM, SC_TO, SC_REG_NO, SC_PATENT_NO, SC_HOLDER, SC_IN_USE, SC_PUBLICIZED, SC_DECIDED_ON,
    SC_REPAIRED_ON, SC_PENALTY, SC_GRP, SC_CITY_TYPE, SC__COUNT
} stageCol;

static const struct { const char *name; unsigned targets; } stageCols[SC__COUNT] = {
    [SC_NAME] = {"name", FACT_REGISTRATION},
    [SC_OPERATOR_NAME] = {"operator_name", FACT_REGISTRATION},
    [SC_OPERATOR_ID] = {"operator_id", FACT_REGISTRATION},
    [SC_ESTABLISHED] = {"established", FACT_REGISTRATION},
    [SC_STATUS] = {"status", FACT_REGISTRATION},
    [SC_SEASONAL] = {"seasonal", FACT_REGISTRATION},
    [SC_TOWN] = {"town", FACT_REGISTRATION},
    [SC_INDUSTRY] = {"industry", FACT_REGISTRATION},
    [SC_ADDRESS] = {"address", FACT_REGISTRATION},
    [SC_LEGACY] = {"legacy", FACT_REGISTRATION},
    [SC_YEAR] = {"year", FACT_ANNUAL_REPORT | FACT_TAX_PAID | FACT_INSURED | FACT_CITY_TYPE},
    [SC_FILED_ON] = {"filed_on", FACT_ANNUAL_REPORT},
    [SC_REVENUE] = {"revenue", FACT_ANNUAL_REPORT},
    [SC_EMPLOYEES] = {"employees", FACT_ANNUAL_REPORT},
    [SC_COUNT] = {"count", FACT_INSURED},
    [SC_TAX_PAID] = {"tax_paid", FACT_TAX_PAID},
    [SC_TAXREG] = {"taxreg", FACT_TAX_FLAGS},
    [SC_GENTAX] = {"gentax", FACT_TAX_FLAGS},
    [SC_LIST] = {"list", FACT_INTERVAL},
    [SC_FROM] = {"from_date", FACT_INTERVAL},
    [SC_TO] = {"to_date", FACT_INTERVAL},
    [SC_REG_NO] = {"reg_no", FACT_TRADEMARK},
    [SC_PATENT_NO] = {"patent_no", FACT_PATENT},
    [SC_HOLDER] = {"holder", FACT_TRADEMARK | FACT_PATENT},
    [SC_IN_USE] = {"in_use", FACT_TRADEMARK},
    [SC_PUBLICIZED] = {"publicized", FACT_PENALTY},
    [SC_DECIDED_ON] = {"decided_on", FACT_PENALTY},
    [SC_REPAIRED_ON] = {"repaired_on", FACT_PENALTY},
    [SC_PENALTY] = {"penalty", FACT_PENALTY},
    [SC_GRP] = {"grp", FACT_OPERATOR_GROUP},
    [SC_CITY_TYPE] = {"city_type", FACT_CITY_TYPE},
};

/* Chooses the columns a stage for targets fills (every column when targets is 0)
 * and forgets the INSERTs of the stage before. */
void sqliteStageColumns(sqliteStore *q, unsigned targets) {
    q->stage_ncols = 0;
    for (int c = 0; c < SC__COUNT; c++)
        if (!targets || (stageCols[c].targets & targets)) q->stage_cols[q->stage_ncols++] = (unsigned char)c;
    sqlite3_finalize(q->st[SQ_STAGE_ROW]);
    sqlite3_finalize(q->st[SQ_STAGE_ROWS]);
    q->st[SQ_STAGE_ROW] = q->st[SQ_STAGE_ROWS] = NULL;
}

/* The INSERT of rows rows with the chosen columns, prepared once per stage. */
static sqlite3_stmt *stageInsert(sqliteStore *q, sqlStmt k, int rows) {
    if (q->st[k]) return q->st[k];
    char sql[STAGE_ROWS * (2 * (SC__COUNT + 3) + 4) + 512];
    size_t len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO temp.stage(line,key,uscc");
    for (int i = 0; i < q->stage_ncols; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, ",%s", stageCols[q->stage_cols[i]].name);
    len += (size_t)snprintf(sql + len, sizeof sql - len, ") VALUES");
    for (int r = 0; r < rows; r++) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, "%s(?,?,?", r ? "," : "");
        for (int i = 0; i < q->stage_ncols; i++) len += (size_t)snprintf(sql + len, sizeof sql - len, ",?");
        len += (size_t)snprintf(sql + len, sizeof sql - len, ")");
    }
    assert(len < sizeof sql);
    if (sqlite3_prepare_v3(q->db, sql, (int)len, SQLITE_PREPARE_PERSISTENT, &q->st[k], NULL) != SQLITE_OK) {
        sqlFail(q, "stage");
        return NULL;
    }
    return q->st[k];
}

/* A date into one of the row's buffers (alive until the statement has run). */
static void bindDate(sqlite3_stmt *st, int i, civilDate d, char (*dates)[DATE_STRLEN], int *nd) {
    if (d == DATE_NONE || *nd >= STAGE_DATES) {
        assert(d == DATE_NONE);
        sqlite3_bind_null(st, i);
        return;
    }
    dateFormat(dates[*nd], d);
    sqlite3_bind_text(st, i, dates[*nd], 10, SQLITE_STATIC);
    (*nd)++;
}

static void bindIntIf(sqlite3_stmt *st, int i, bool has, int64_t v) {
    if (has) sqlite3_bind_int64(st, i, v);
    else sqlite3_bind_null(st, i);
}

/* Binds column c of fact r at parameter i; every parameter is bound on every use,
 * so the statement needs no clearing. */
static void bindCol(sqlite3_stmt *st, int i, stageCol c, const bizFact *r, char (*dates)[DATE_STRLEN], int *nd) {
    switch (c) {
    case SC_NAME: sqlBindText(st, i, r->name); break;
    case SC_OPERATOR_NAME: sqlBindText(st, i, r->operator_name); break;
    case SC_OPERATOR_ID: sqlBindText(st, i, r->operator_id); break;
    case SC_ESTABLISHED: bindDate(st, i, r->established, dates, nd); break;
    case SC_STATUS: sqlBindText(st, i, sqlStatusCodes[r->status]); break;
    case SC_SEASONAL: sqlite3_bind_int(st, i, r->seasonal); break;
    case SC_TOWN: sqlBindText(st, i, r->town); break;
    case SC_INDUSTRY: sqlBindText(st, i, r->industry); break;
    case SC_ADDRESS: sqlBindText(st, i, r->address); break;
    case SC_LEGACY: sqlBindText(st, i, r->legacy_reg_no[0] ? r->legacy_reg_no : NULL); break;
    case SC_YEAR: bindIntIf(st, i, r->has_year, r->year); break;
    case SC_FILED_ON: bindDate(st, i, r->filed_on, dates, nd); break;
    case SC_REVENUE: bindIntIf(st, i, r->has_revenue, r->revenue); break;
    case SC_EMPLOYEES: bindIntIf(st, i, r->employees >= 0, r->employees); break;
    case SC_COUNT: bindIntIf(st, i, r->has_count, r->count); break;
    case SC_TAX_PAID: bindIntIf(st, i, r->has_tax_paid, r->tax_paid); break;
    case SC_TAXREG: bindIntIf(st, i, r->has_tax_registered, r->tax_registered); break;
    case SC_GENTAX: bindIntIf(st, i, r->has_general_taxpayer, r->general_taxpayer); break;
    case SC_LIST: sqlBindText(st, i, r->has_interval ? sqlListCodes[r->list] : NULL); break;
    case SC_FROM: bindDate(st, i, r->has_interval ? r->from : DATE_NONE, dates, nd); break;
    case SC_TO: bindDate(st, i, r->has_interval ? r->to : DATE_NONE, dates, nd); break;
    case SC_REG_NO: sqlBindText(st, i, r->reg_no); break;
    case SC_PATENT_NO: sqlBindText(st, i, r->patent_no); break;
    case SC_HOLDER: sqlBindText(st, i, sqlHolderCodes[r->holder]); break;
    case SC_IN_USE: sqlite3_bind_int(st, i, r->in_use); break;
    case SC_PUBLICIZED: sqlite3_bind_int(st, i, r->publicized); break;
    case SC_DECIDED_ON: bindDate(st, i, r->decided_on, dates, nd); break;
    case SC_REPAIRED_ON: bindDate(st, i, r->repaired_on, dates, nd); break;
    case SC_PENALTY: sqlBindText(st, i, sqlPenaltyCodes[r->penalty]); break;
    case SC_GRP: sqlite3_bind_int(st, i, (int)r->group); break;
    case SC_CITY_TYPE:
        sqlBindText(st, i, r->city_type >= TYPE_SURVIVAL && r->city_type <= TYPE_INELIGIBLE
                            ? typingTypeCode((bizType)r->city_type) : NULL);
        break;
    case SC__COUNT: assert(!"column"); break;
    }
}

/* Binds n rows from parameter 1 on, and runs the statement. */
static int stageRun(sqliteStore *q, sqlite3_stmt *st, const storeStaged *rows, int n) {
    char dates[STAGE_ROWS][STAGE_DATES][DATE_STRLEN];
    int p = 1;
    for (int r = 0; r < n; r++) {
        int nd = 0;
        sqlite3_bind_int64(st, p++, (sqlite3_int64)rows[r].line);
        sqlite3_bind_text(st, p++, rows[r].key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, p++, rows[r].fact->uscc, -1, SQLITE_STATIC);
        for (int i = 0; i < q->stage_ncols; i++) bindCol(st, p++, (stageCol)q->stage_cols[i], rows[r].fact, dates[r], &nd);
    }
    const int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlFail(q, "stage");
    sqlite3_reset(st);
    return rc;
}

int sqliteStageRows(storeBackend *b, const storeStaged *rows, size_t n) {
    sqliteStore *q = SQ(b);
    if (!n) return 0;
    q->stage_known = false; /* a row staged after the check has not been checked */
    for (size_t i = 0; i < n; i++) {
        sqliteStageOrder(q, rows[i].key);
        sqliteStageUsccOrder(q, rows[i].key, rows[i].fact->uscc);
    }
    if (q->stage_index == STAGE_INDEX_USCC && q->stage_key_other) { /* a key without its USCC after the index */
        if (sqlExec(q, "DROP INDEX temp.stage_key")) return GH_EIO;
        q->stage_index = STAGE_INDEX_NONE;
    }
    size_t i = 0;
    for (sqlite3_stmt *many; n - i >= STAGE_ROWS; i += STAGE_ROWS)
        if (!(many = stageInsert(q, SQ_STAGE_ROWS, STAGE_ROWS)) || stageRun(q, many, rows + i, STAGE_ROWS))
            return GH_EIO;
    for (sqlite3_stmt *one; i < n; i++)
        if (!(one = stageInsert(q, SQ_STAGE_ROW, 1)) || stageRun(q, one, rows + i, 1)) return GH_EIO;
    return 0;
}
