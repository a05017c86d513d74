/* Objections to a typing result (issue 10) on PostgreSQL (sqlite/objections.c's
 * twin): the objection with its verification and decision, its evidence files, the
 * corrections of facts. The corrected results of a run (resultCorrect, the overlay
 * the result queries read through, decision 101) are written by runs.c, next to the
 * results and their COPY buffer. */
#include "store/pg/pg_round_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ST(i) (PG_ST_OBJECTIONS + (i))

static const char *const tobjStatus[4] = {"filed", "verifying", "upheld", "rejected"};
static const char *const tobjAnswer[3] = {"", "correct", "wrong"};

/* An optional text: NULL for NULL or "" (as the SQLite backend binds it). */
static const char *opt(const char *v) { return v && *v ? v : NULL; }

static int pgTObjAdd(storeBackend *b, const storeTypingObjection *o, int64_t *id) {
    char year[24], run[24], filed[DATE_STRLEN], due[DATE_STRLEN];
    const char *params[11] = {o->uscc, pgI64(year, o->year), pgI64(run, o->run_id), o->code, o->kind, o->statement,
                              o->filed_by, o->filed_at, pgDate(filed, o->filed_on), pgDate(due, o->reply_due),
                              tobjStatus[o->status]};
    return prInsertId(PG(b), ST(0), "INSERT INTO typing_objections(uscc,year,run_id,code,kind,statement,filed_by,"
                                    "filed_at,filed_on,reply_due,status) VALUES($1,$2::int,$3::bigint,$4,$5,$6,$7,$8,"
                                    "$9::date,$10::date,$11) RETURNING id", 11, params, id, "typing_objections");
}

#define TOBJ_COLS "o.id,o.uscc,o.year,o.run_id,o.code,o.kind,o.statement,o.filed_by," PG_TIME_TEXT("o.filed_at") "," \
                  "o.filed_on,o.reply_due,o.status,o.department,o.verify_asked_by," PG_TIME_TEXT("o.verify_asked_at") "," \
                  "o.verify_due,o.answer,o.answer_value,o.answer_note,o.answered_by," PG_TIME_TEXT("o.answered_at") "," \
                  "o.reply,o.decided_by," PG_TIME_TEXT("o.decided_at") "," \
                  "o.old_type,o.new_type,o.old_reasons,o.new_reasons,b.name "
#define TOBJ_FROM "FROM typing_objections o LEFT JOIN businesses b ON b.uscc=o.uscc "

static bizType typeOf(PGresult *r, int row, int col) {
    bizType t = TYPE_INELIGIBLE;
    const char *s = pgText(r, row, col);
    return s && !typingTypeParse(&t, s) ? t : TYPE_INELIGIBLE;
}

static void tobjRow(PGresult *r, int i, arena *ar, storeTypingObjection *o) {
    memset(o, 0, sizeof *o);
    o->id = pgInt(r, i, 0);
    o->uscc = prText(ar, r, i, 1);
    o->year = (int)pgInt(r, i, 2);
    o->run_id = pgInt(r, i, 3);
    o->code = prText(ar, r, i, 4);
    o->kind = prText(ar, r, i, 5);
    o->statement = prText(ar, r, i, 6);
    o->filed_by = prText(ar, r, i, 7);
    o->filed_at = prText(ar, r, i, 8);
    o->filed_on = pgColDate(r, i, 9);
    o->reply_due = pgColDate(r, i, 10);
    const int k = pgCode(tobjStatus, 4, pgText(r, i, 11));
    o->status = k < 0 ? TOBJ_FILED : (storeTObjStatus)k;
    o->department = prText(ar, r, i, 12);
    o->verify_asked_by = prText(ar, r, i, 13);
    o->verify_asked_at = prText(ar, r, i, 14);
    o->verify_due = pgColDate(r, i, 15);
    const int a = pgCode(tobjAnswer, 3, pgText(r, i, 16) ? pgText(r, i, 16) : "");
    o->answer = a < 0 ? TOBJ_ANSWER_NONE : (storeTObjAnswer)a;
    o->answer_value = prText(ar, r, i, 17);
    o->answer_note = prText(ar, r, i, 18);
    o->answered_by = prText(ar, r, i, 19);
    o->answered_at = prText(ar, r, i, 20);
    o->reply = prText(ar, r, i, 21);
    o->decided_by = prText(ar, r, i, 22);
    o->decided_at = prText(ar, r, i, 23);
    o->old_type = typeOf(r, i, 24);
    o->new_type = typeOf(r, i, 25);
    o->old_reasons = prText(ar, r, i, 26);
    o->new_reasons = prText(ar, r, i, 27);
    o->name = prText(ar, r, i, 28);
}

static int pgTObjGet(storeBackend *b, int64_t id, arena *ar, storeTypingObjection *out) {
    pgStore *p = PG(b);
    char idbuf[24];
    const char *params[1] = {pgI64(idbuf, id)};
    int code = 0;
    PGresult *r = pgQuery(p, ST(1), "SELECT " TOBJ_COLS TOBJ_FROM "WHERE o.id=$1::bigint", 1, params, &code,
                          "typing_objections");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) tobjRow(r, 0, ar, out);
    PQclear(r);
    if (found && (!out->uscc || !out->code))
        return storeErrSet(p->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    if (found) return 0;
    return storeErrSet(p->base.err, GH_ENOTFOUND, "objection", "没有异议 %lld (no such objection)", (long long)id);
}

static int pgTObjUpdate(storeBackend *b, const storeTypingObjection *o, storeTObjStatus from) {
    pgStore *p = PG(b);
    const bool upheld = o->status == TOBJ_UPHELD;
    char idbuf[24], due[DATE_STRLEN];
    const char *params[19] = {pgI64(idbuf, o->id), tobjStatus[o->status], opt(o->department), opt(o->verify_asked_by),
                              opt(o->verify_asked_at), pgDate(due, o->verify_due), opt(tobjAnswer[o->answer]),
                              opt(o->answer_value), opt(o->answer_note), opt(o->answered_by), opt(o->answered_at),
                              opt(o->reply), opt(o->decided_by), opt(o->decided_at),
                              opt(upheld ? typingTypeCode(o->old_type) : NULL),
                              opt(upheld ? typingTypeCode(o->new_type) : NULL), opt(upheld ? o->old_reasons : NULL),
                              opt(upheld ? o->new_reasons : NULL), tobjStatus[from]};
    int64_t changed = 0;
    int rc = pgCmd(p, ST(2), "UPDATE typing_objections SET status=$2,department=$3,verify_asked_by=$4,"
                             "verify_asked_at=$5,verify_due=$6::date,answer=$7,answer_value=$8,answer_note=$9,"
                             "answered_by=$10,answered_at=$11,reply=$12,decided_by=$13,decided_at=$14,old_type=$15,"
                             "new_type=$16,old_reasons=$17,new_reasons=$18 WHERE id=$1::bigint AND status=$19",
                   19, params, &changed, "typing_objections");
    if (rc || changed > 0) return rc;
    /* nothing changed: no such objection, or it has moved on */
    arena ar;
    arenaInit(&ar, 1024, 0);
    storeTypingObjection now;
    rc = pgTObjGet(b, o->id, &ar, &now);
    arenaFree(&ar);
    if (rc) return rc;
    return storeErrSet(p->base.err, GH_ERANGE, "status", "异议 %lld 的状态已变化 (the objection has moved on)",
                       (long long)o->id);
}

/* A filter's WHERE clause on $1-$4 (a NULL or 0 parameter does not filter). */
#define TOBJ_WHERE "WHERE ($1::text IS NULL OR o.uscc=$1) AND ($2::text IS NULL OR o.department=$2) " \
                   "AND ($3::int=0 OR ((1<<(CASE o.status WHEN 'filed' THEN 0 WHEN 'verifying' THEN 1 " \
                   "WHEN 'upheld' THEN 2 ELSE 3 END)) & $3::int)<>0) " \
                   "AND ($4::date IS NULL OR (o.status IN ('filed','verifying') AND o.reply_due<$4::date)) "

static int pgEachTObj(storeBackend *b, const storeTObjFilter *f, storeTypingObjectionFn fn, void *ctx,
                      int64_t *total) {
    pgStore *p = PG(b);
    char mask[24], overdue[DATE_STRLEN], lim[24], off[24];
    const char *params[6] = {opt(f->uscc), opt(f->department), pgI64(mask, (int64_t)f->statuses),
                             pgDate(overdue, f->overdue_at), f->limit > 0 ? pgI64(lim, f->limit) : NULL,
                             pgI64(off, f->offset > 0 ? f->offset : 0)};
    int code = 0;
    PGresult *r;
    if (total) {
        if (!(r = pgQuery(p, ST(3), "SELECT count(*) FROM typing_objections o " TOBJ_WHERE, 4, params, &code,
                          "typing_objections")))
            return code;
        *total = PQntuples(r) > 0 ? pgInt(r, 0, 0) : 0;
        PQclear(r);
    }
    if (!(r = pgQuery(p, ST(4), "SELECT " TOBJ_COLS TOBJ_FROM TOBJ_WHERE "ORDER BY o.filed_at, o.id "
                                "LIMIT $5::bigint OFFSET $6::bigint", 6, params, &code, "typing_objections")))
        return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        storeTypingObjection o;
        tobjRow(r, i, NULL, &o);
        k = fn(ctx, &o);
    }
    PQclear(r);
    return k;
}

/* ---- evidence files ---- */

static int pgOFileAdd(storeBackend *b, const storeObjectionFile *f, int64_t *id) {
    pgStore *p = PG(b);
    char obj[24], size[24], *hex = NULL;
    const char *params[8] = {pgI64(obj, f->objection_id)};
    int rc = prFileParams(p, &(prFileCols){f->name, f->content_type, f->sha256, f->added_by, f->added_at, f->bytes,
                                           f->size}, params + 1, size, &hex);
    if (!rc)
        rc = prInsertId(p, ST(5), "INSERT INTO objection_files(objection_id,name,content_type,size,sha256,bytes,"
                                  "added_by,added_at) VALUES($1::bigint,$2,$3,$4::bigint,$5,decode($6,'hex'),$7,$8) "
                                  "RETURNING id", 8, params, id, "objection_files");
    free(hex);
    return rc;
}

static void ofileRow(PGresult *r, int i, arena *ar, storeObjectionFile *f) {
    memset(f, 0, sizeof *f);
    f->id = pgInt(r, i, 0);
    f->objection_id = pgInt(r, i, 1);
    f->name = prText(ar, r, i, 2);
    f->content_type = prText(ar, r, i, 3);
    f->size = (size_t)pgInt(r, i, 4);
    f->sha256 = prText(ar, r, i, 5);
    f->added_by = prText(ar, r, i, 6);
    f->added_at = prText(ar, r, i, 7);
}

static int pgOFileGet(storeBackend *b, int64_t id, arena *ar, storeObjectionFile *out) {
    pgStore *p = PG(b);
    char idbuf[24];
    const char *params[1] = {pgI64(idbuf, id)};
    int code = 0;
    PGresult *r = pgQuery(p, ST(6), "SELECT id,objection_id,name,content_type,size,sha256,added_by," PG_TIME_TEXT("added_at") ","
                                    "encode(bytes,'hex') FROM objection_files WHERE id=$1::bigint", 1, params, &code,
                          "objection_files");
    if (!r) return code;
    int rc;
    if (PQntuples(r) > 0) {
        ofileRow(r, 0, ar, out);
        rc = prFileBytes(p, r, 0, 8, ar, &out->bytes, &out->size);
    } else {
        rc = storeErrSet(p->base.err, GH_ENOTFOUND, "file", "没有材料 %lld (no such file)", (long long)id);
    }
    PQclear(r);
    return rc;
}

static int pgEachOFile(storeBackend *b, int64_t objection_id, storeObjectionFileFn fn, void *ctx) {
    pgStore *p = PG(b);
    char obj[24];
    const char *params[1] = {pgI64(obj, objection_id)};
    int code = 0;
    PGresult *r = pgQuery(p, ST(7), "SELECT id,objection_id,name,content_type,size,sha256,added_by," PG_TIME_TEXT("added_at") " FROM "
                                    "objection_files WHERE objection_id=$1::bigint ORDER BY id", 1, params, &code,
                          "objection_files");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        storeObjectionFile f;
        ofileRow(r, i, NULL, &f);
        k = fn(ctx, &f);
    }
    PQclear(r);
    return k;
}

/* ---- corrections ---- */

static int pgCorrectionAdd(storeBackend *b, const storeCorrection *c, int64_t *id) {
    char obj[24], year[24];
    const char *params[11] = {pgI64(obj, c->objection_id), c->uscc, c->kind, c->field,
                              c->year ? pgI64(year, c->year) : NULL, opt(c->key), opt(c->old_value), c->new_value,
                              opt(c->evidence), c->by, c->at};
    return prInsertId(PG(b), ST(8), "INSERT INTO fact_corrections(objection_id,uscc,kind,field,year,key,old_value,"
                                    "new_value,evidence,actor,at) VALUES($1::bigint,$2,$3,$4,$5::int,$6,$7,$8,$9,$10,"
                                    "$11) RETURNING id", 11, params, id, "fact_corrections");
}

static int pgEachCorrection(storeBackend *b, const char *uscc, storeCorrectionFn fn, void *ctx) {
    pgStore *p = PG(b);
    const char *params[1] = {uscc};
    int code = 0;
    PGresult *r = pgQuery(p, ST(9), "SELECT id,objection_id,uscc,kind,field,year,key,old_value,new_value,evidence,"
                                    "actor," PG_TIME_TEXT("at") " FROM fact_corrections WHERE uscc=$1 ORDER BY id", 1, params, &code,
                          "fact_corrections");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        const storeCorrection c = {.id = pgInt(r, i, 0), .objection_id = pgInt(r, i, 1), .uscc = pgText(r, i, 2),
                                   .kind = pgText(r, i, 3), .field = pgText(r, i, 4), .year = (int)pgInt(r, i, 5),
                                   .key = pgText(r, i, 6), .old_value = pgText(r, i, 7), .new_value = pgText(r, i, 8),
                                   .evidence = pgText(r, i, 9), .by = pgText(r, i, 10), .at = pgText(r, i, 11)};
        k = fn(ctx, &c);
    }
    PQclear(r);
    return k;
}

/* Records the corrected result of run_id for uscc, replacing an earlier correction
 * (decision 101); results still buffered for COPY are sent first. GH_ENOTFOUND when
 * the run has no result for uscc. */
static int pgResultCorrect(storeBackend *b, int64_t run_id, const char *uscc, bizType type, const char *reasons,
                           size_t n, int64_t objection_id) {
    pgStore *p = PG(b);
    int rc = pgCopyPending(p);
    if (rc) return rc;
    char run[24], obj[24], *text = malloc(n + 1); /* a parameter is NUL-terminated */
    if (!text) return storeErrSet(b->err, GH_ENOMEM, "reasons", "result_corrections: 内存不足 (out of memory)");
    memcpy(text, reasons, n);
    text[n] = '\0';
    const char *v[] = {pgI64(run, run_id), uscc, typingTypeCode(type), text, pgI64(obj, objection_id)};
    int64_t changed = 0;
    rc = pgCmd(p, ST(10),
               "INSERT INTO result_corrections(run_id,uscc,type,reasons,objection_id) "
               "SELECT run_id,uscc,$3::text,$4::text,$5::bigint FROM results WHERE run_id=$1 AND uscc=$2 "
               "ON CONFLICT(run_id,uscc) DO UPDATE SET type=excluded.type,reasons=excluded.reasons,"
               "objection_id=excluded.objection_id",
               5, v, &changed, "result_corrections");
    free(text);
    if (rc) return rc;
    return changed > 0 ? 0 : storeErrSet(b->err, GH_ENOTFOUND, NULL, "result_corrections: 未找到 (not found)");
}

void pgObjectionsInstall(storeBackend *b) {
    b->typingObjectionAdd = pgTObjAdd;
    b->typingObjectionGet = pgTObjGet;
    b->typingObjectionUpdate = pgTObjUpdate;
    b->eachTypingObjection = pgEachTObj;
    b->objectionFileAdd = pgOFileAdd;
    b->objectionFileGet = pgOFileGet;
    b->eachObjectionFile = pgEachOFile;
    b->correctionAdd = pgCorrectionAdd;
    b->eachCorrection = pgEachCorrection;
    b->resultCorrect = pgResultCorrect;
}
