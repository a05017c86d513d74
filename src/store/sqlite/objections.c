/* Objections to a typing result (issue 10): the objection with its verification
 * and decision, its evidence files, the corrections of facts and the corrected
 * results of a run (the overlay runs.c reads results through). */
#include "store/sqlite/round_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

static const char *const tobjStatus[4] = {"filed", "verifying", "upheld", "rejected"};
static const char *const tobjAnswer[3] = {"", "correct", "wrong"};

static void bindOpt(sqlite3_stmt *st, int i, const char *v) {
    if (v && *v) sqlBindText(st, i, v);
    else sqlite3_bind_null(st, i);
}

static void bindDateOpt(sqlite3_stmt *st, int i, civilDate d) {
    if (d != DATE_NONE) sqlBindDate(st, i, d);
    else sqlite3_bind_null(st, i);
}

static int sqliteTObjAdd(storeBackend *b, const storeTypingObjection *o, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO typing_objections(uscc,year,run_id,code,kind,statement,filed_by,filed_at,filed_on,"
                      "reply_due,status) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)", &st, "typing_objections"))
        return GH_EIO;
    sqlBindText(st, 1, o->uscc);
    sqlite3_bind_int(st, 2, o->year);
    sqlite3_bind_int64(st, 3, o->run_id);
    sqlBindText(st, 4, o->code);
    sqlBindText(st, 5, o->kind);
    sqlBindText(st, 6, o->statement);
    sqlBindText(st, 7, o->filed_by);
    sqlBindText(st, 8, o->filed_at);
    sqlBindDate(st, 9, o->filed_on);
    sqlBindDate(st, 10, o->reply_due);
    sqlBindText(st, 11, tobjStatus[o->status]);
    return roundInsertFinal(q, st, "typing_objections", id);
}

#define TOBJ_COLS "o.id,o.uscc,o.year,o.run_id,o.code,o.kind,o.statement,o.filed_by,o.filed_at,o.filed_on," \
                  "o.reply_due,o.status,o.department,o.verify_asked_by,o.verify_asked_at,o.verify_due,o.answer," \
                  "o.answer_value,o.answer_note,o.answered_by,o.answered_at,o.reply,o.decided_by,o.decided_at," \
                  "o.old_type,o.new_type,o.old_reasons,o.new_reasons,b.name "
#define TOBJ_FROM "FROM typing_objections o LEFT JOIN businesses b ON b.uscc=o.uscc "

static void tobjRow(sqlite3_stmt *st, arena *ar, storeTypingObjection *o) {
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    o->uscc = roundText(ar, st, 1);
    o->year = sqlite3_column_int(st, 2);
    o->run_id = sqlite3_column_int64(st, 3);
    o->code = roundText(ar, st, 4);
    o->kind = roundText(ar, st, 5);
    o->statement = roundText(ar, st, 6);
    o->filed_by = roundText(ar, st, 7);
    o->filed_at = roundText(ar, st, 8);
    o->filed_on = sqlColDate(st, 9);
    o->reply_due = sqlColDate(st, 10);
    const int k = sqlCode(tobjStatus, 4, sqlColText(st, 11));
    o->status = k < 0 ? TOBJ_FILED : (storeTObjStatus)k;
    o->department = roundText(ar, st, 12);
    o->verify_asked_by = roundText(ar, st, 13);
    o->verify_asked_at = roundText(ar, st, 14);
    o->verify_due = sqlColDate(st, 15);
    const int a = sqlCode(tobjAnswer, 3, sqlColText(st, 16) ? sqlColText(st, 16) : "");
    o->answer = a < 0 ? TOBJ_ANSWER_NONE : (storeTObjAnswer)a;
    o->answer_value = roundText(ar, st, 17);
    o->answer_note = roundText(ar, st, 18);
    o->answered_by = roundText(ar, st, 19);
    o->answered_at = roundText(ar, st, 20);
    o->reply = roundText(ar, st, 21);
    o->decided_by = roundText(ar, st, 22);
    o->decided_at = roundText(ar, st, 23);
    bizType t = TYPE_INELIGIBLE;
    o->old_type = sqlColText(st, 24) && !typingTypeParse(&t, sqlColText(st, 24)) ? t : TYPE_INELIGIBLE;
    t = TYPE_INELIGIBLE;
    o->new_type = sqlColText(st, 25) && !typingTypeParse(&t, sqlColText(st, 25)) ? t : TYPE_INELIGIBLE;
    o->old_reasons = roundText(ar, st, 26);
    o->new_reasons = roundText(ar, st, 27);
    o->name = roundText(ar, st, 28);
}

static int sqliteTObjGet(storeBackend *b, int64_t id, arena *ar, storeTypingObjection *out) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT " TOBJ_COLS TOBJ_FROM "WHERE o.id=?1", &st, "typing_objections")) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) tobjRow(st, ar, out);
    if (rc == SQLITE_ROW && (!out->uscc || !out->code)) {
        sqlite3_finalize(st);
        return storeErrSet(q->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "objection", "没有异议 %lld (no such objection)", (long long)id);
    return sqlFail(q, "typing_objections");
}

static int sqliteTObjUpdate(storeBackend *b, const storeTypingObjection *o, storeTObjStatus from) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "UPDATE typing_objections SET status=?2,department=?3,verify_asked_by=?4,verify_asked_at=?5,"
                      "verify_due=?6,answer=?7,answer_value=?8,answer_note=?9,answered_by=?10,answered_at=?11,"
                      "reply=?12,decided_by=?13,decided_at=?14,old_type=?15,new_type=?16,old_reasons=?17,"
                      "new_reasons=?18 WHERE id=?1 AND status=?19", &st, "typing_objections"))
        return GH_EIO;
    const bool upheld = o->status == TOBJ_UPHELD;
    sqlite3_bind_int64(st, 1, o->id);
    sqlBindText(st, 2, tobjStatus[o->status]);
    bindOpt(st, 3, o->department);
    bindOpt(st, 4, o->verify_asked_by);
    bindOpt(st, 5, o->verify_asked_at);
    bindDateOpt(st, 6, o->verify_due);
    bindOpt(st, 7, tobjAnswer[o->answer]);
    bindOpt(st, 8, o->answer_value);
    bindOpt(st, 9, o->answer_note);
    bindOpt(st, 10, o->answered_by);
    bindOpt(st, 11, o->answered_at);
    bindOpt(st, 12, o->reply);
    bindOpt(st, 13, o->decided_by);
    bindOpt(st, 14, o->decided_at);
    bindOpt(st, 15, upheld ? typingTypeCode(o->old_type) : NULL);
    bindOpt(st, 16, upheld ? typingTypeCode(o->new_type) : NULL);
    bindOpt(st, 17, upheld ? o->old_reasons : NULL);
    bindOpt(st, 18, upheld ? o->new_reasons : NULL);
    sqlBindText(st, 19, tobjStatus[from]);
    int rc = roundStepFinal(q, st, "typing_objections");
    if (rc || sqlite3_changes(q->db) > 0) return rc;
    /* nothing changed: no such objection, or it has moved on */
    arena ar;
    arenaInit(&ar, 1024, 0);
    storeTypingObjection now;
    rc = sqliteTObjGet(b, o->id, &ar, &now);
    arenaFree(&ar);
    if (rc) return rc;
    return storeErrSet(q->base.err, GH_ERANGE, "status", "异议 %lld 的状态已变化 (the objection has moved on)",
                       (long long)o->id);
}

/* A filter's WHERE clause; tobjBind binds ?1-?4 (a NULL or 0 parameter does not filter). */
#define TOBJ_WHERE "WHERE (?1 IS NULL OR o.uscc=?1) AND (?2 IS NULL OR o.department=?2) " \
                   "AND (?3=0 OR ((1<<(CASE o.status WHEN 'filed' THEN 0 WHEN 'verifying' THEN 1 " \
                   "WHEN 'upheld' THEN 2 ELSE 3 END)) & ?3)!=0) " \
                   "AND (?4 IS NULL OR (o.status IN ('filed','verifying') AND o.reply_due<?4)) "

static void tobjBind(sqlite3_stmt *st, const storeTObjFilter *f) {
    bindOpt(st, 1, f->uscc);
    bindOpt(st, 2, f->department);
    sqlite3_bind_int(st, 3, (int)f->statuses);
    bindDateOpt(st, 4, f->overdue_at);
}

static int sqliteEachTObj(storeBackend *b, const storeTObjFilter *f, storeTypingObjectionFn fn, void *ctx,
                          int64_t *total) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (total) {
        if (sqlPrepare(q, "SELECT count(*) FROM typing_objections o " TOBJ_WHERE, &st, "typing_objections"))
            return GH_EIO;
        tobjBind(st, f);
        const int rc = sqlite3_step(st);
        *total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW) return sqlFail(q, "typing_objections");
    }
    if (sqlPrepare(q, "SELECT " TOBJ_COLS TOBJ_FROM TOBJ_WHERE "ORDER BY o.filed_at, o.id LIMIT ?5 OFFSET ?6", &st,
                   "typing_objections"))
        return GH_EIO;
    tobjBind(st, f);
    sqlite3_bind_int(st, 5, f->limit > 0 ? f->limit : -1);
    sqlite3_bind_int(st, 6, f->offset > 0 ? f->offset : 0);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeTypingObjection o;
        tobjRow(st, NULL, &o);
        k = fn(ctx, &o);
    }
    return roundWalkEnd(q, st, rc, k, "typing_objections");
}

/* ---- evidence files ---- */

static int sqliteOFileAdd(storeBackend *b, const storeObjectionFile *f, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO objection_files(objection_id,name,content_type,size,sha256,bytes,added_by,added_at) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", &st, "objection_files"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, f->objection_id);
    roundBindFile(st, 2, &(roundFileCols){f->name, f->content_type, f->sha256, f->added_by, f->added_at, f->bytes,
                                          f->size});
    return roundInsertFinal(q, st, "objection_files", id);
}

static void ofileRow(sqlite3_stmt *st, arena *ar, storeObjectionFile *f) {
    memset(f, 0, sizeof *f);
    f->id = sqlite3_column_int64(st, 0);
    f->objection_id = sqlite3_column_int64(st, 1);
    f->name = roundText(ar, st, 2);
    f->content_type = roundText(ar, st, 3);
    f->size = (size_t)sqlite3_column_int64(st, 4);
    f->sha256 = roundText(ar, st, 5);
    f->added_by = roundText(ar, st, 6);
    f->added_at = roundText(ar, st, 7);
}

static int sqliteOFileGet(storeBackend *b, int64_t id, arena *ar, storeObjectionFile *out) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,objection_id,name,content_type,size,sha256,added_by,added_at,bytes "
                      "FROM objection_files WHERE id=?1", &st, "objection_files"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        ofileRow(st, ar, out);
        const int e = roundFileBytes(q, st, 8, ar, &out->bytes, &out->size);
        sqlite3_finalize(st);
        return e;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "file", "没有材料 %lld (no such file)", (long long)id);
    return sqlFail(q, "objection_files");
}

static int sqliteEachOFile(storeBackend *b, int64_t objection_id, storeObjectionFileFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,objection_id,name,content_type,size,sha256,added_by,added_at FROM objection_files "
                      "WHERE objection_id=?1 ORDER BY id", &st, "objection_files"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, objection_id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeObjectionFile f;
        ofileRow(st, NULL, &f);
        k = fn(ctx, &f);
    }
    return roundWalkEnd(q, st, rc, k, "objection_files");
}

/* ---- corrections ---- */

static int sqliteCorrectionAdd(storeBackend *b, const storeCorrection *c, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO fact_corrections(objection_id,uscc,kind,field,year,key,old_value,new_value,"
                      "evidence,actor,at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)", &st, "fact_corrections"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, c->objection_id);
    sqlBindText(st, 2, c->uscc);
    sqlBindText(st, 3, c->kind);
    sqlBindText(st, 4, c->field);
    if (c->year) sqlite3_bind_int(st, 5, c->year);
    else sqlite3_bind_null(st, 5);
    bindOpt(st, 6, c->key);
    bindOpt(st, 7, c->old_value);
    sqlBindText(st, 8, c->new_value);
    bindOpt(st, 9, c->evidence);
    sqlBindText(st, 10, c->by);
    sqlBindText(st, 11, c->at);
    return roundInsertFinal(q, st, "fact_corrections", id);
}

static int sqliteEachCorrection(storeBackend *b, const char *uscc, storeCorrectionFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,objection_id,uscc,kind,field,year,key,old_value,new_value,evidence,actor,at "
                      "FROM fact_corrections WHERE uscc=?1 ORDER BY id", &st, "fact_corrections"))
        return GH_EIO;
    sqlBindText(st, 1, uscc);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeCorrection c = {
            .id = sqlite3_column_int64(st, 0), .objection_id = sqlite3_column_int64(st, 1),
            .uscc = sqlColText(st, 2), .kind = sqlColText(st, 3), .field = sqlColText(st, 4),
            .year = sqlite3_column_int(st, 5), .key = sqlColText(st, 6), .old_value = sqlColText(st, 7),
            .new_value = sqlColText(st, 8), .evidence = sqlColText(st, 9), .by = sqlColText(st, 10),
            .at = sqlColText(st, 11)};
        k = fn(ctx, &c);
    }
    return roundWalkEnd(q, st, rc, k, "fact_corrections");
}

static int sqliteResultCorrect(storeBackend *b, int64_t run_id, const char *uscc, bizType type, const char *reasons,
                               size_t n, int64_t objection_id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT OR REPLACE INTO result_corrections(run_id,uscc,type,reasons,objection_id) "
                      "SELECT run_id,uscc,?3,?4,?5 FROM results WHERE run_id=?1 AND uscc=?2", &st,
                   "result_corrections"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, run_id);
    sqlBindText(st, 2, uscc);
    sqlBindText(st, 3, typingTypeCode(type));
    sqlite3_bind_text(st, 4, reasons, (int)n, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, objection_id);
    const int rc = roundStepFinal(q, st, "result_corrections");
    if (rc) return rc;
    return roundChanged(q, "result_corrections");
}

void sqliteObjectionsInstall(storeBackend *b) {
    b->typingObjectionAdd = sqliteTObjAdd;
    b->typingObjectionGet = sqliteTObjGet;
    b->typingObjectionUpdate = sqliteTObjUpdate;
    b->eachTypingObjection = sqliteEachTObj;
    b->objectionFileAdd = sqliteOFileAdd;
    b->objectionFileGet = sqliteOFileGet;
    b->eachObjectionFile = sqliteEachOFile;
    b->correctionAdd = sqliteCorrectionAdd;
    b->eachCorrection = sqliteEachCorrection;
    b->resultCorrect = sqliteResultCorrect;
}
