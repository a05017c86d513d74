/* An objection to a typing result as JSON (issue 10 §4), for the owner's page, the
 * staff queue and the department's list: its status, age and due dates, the
 * verification, the reply and, when upheld, the result before and after with their
 * explanations (RULES.md A1.2.3: "the reply records both results"). */
#include "app/objection.h"
#include "core/error.h"
#include "io/jsonw.h"
#include <string.h>

static const char *const statusCodes[4] = {"filed", "verifying", "upheld", "rejected"};
static const char *const statusLabels[4] = {"已受理", "部门核实中", "异议成立，已更正", "异议不成立"};

/* A stored result: {"type","type_label","reasons":[…]} (reasons as stored, our own JSON). */
static void jResult(sbuf *b, const char *key, bizType t, const char *reasons) {
    jsonwKey(b, key, 0);
    sbufPuts(b, "{\"type\":");
    jsonwString(b, typingTypeCode(t));
    sbufPuts(b, ",\"type_label\":");
    jsonwString(b, typingTypeLabel(t));
    sbufPuts(b, ",\"reasons\":");
    sbufPuts(b, reasons && *reasons ? reasons : "[]");
    sbufPutc(b, '}');
}

static int jFile(void *ctx, const storeObjectionFile *f) {
    sbuf *b = ctx;
    if (b->len && b->data[b->len - 1] != '[') sbufPutc(b, ',');
    sbufPrintf(b, "{\"id\":%lld,\"size\":%zu", (long long)f->id, f->size);
    jsonwText(b, "name", f->name);
    jsonwText(b, "content_type", f->content_type);
    jsonwText(b, "added_at", f->added_at);
    sbufPutc(b, '}');
    return 0;
}

typedef struct jCorr { sbuf *b; int64_t id; } jCorr;
static int jCorrection(void *ctx, const storeCorrection *c) {
    jCorr *j = ctx;
    if (c->objection_id != j->id) return 0;
    sbuf *b = j->b;
    if (b->len && b->data[b->len - 1] != '[') sbufPutc(b, ',');
    sbufPrintf(b, "{\"id\":%lld,\"year\":%d", (long long)c->id, c->year);
    jsonwText(b, "kind", c->kind);
    jsonwText(b, "field", c->field);
    jsonwText(b, "key", c->key);
    jsonwText(b, "old_value", c->old_value);
    jsonwText(b, "new_value", c->new_value);
    jsonwText(b, "evidence", c->evidence);
    jsonwText(b, "by", c->by);
    jsonwText(b, "at", c->at);
    sbufPutc(b, '}');
    return 0;
}

int appObjectionJson(sbuf *b, store *s, const storeTypingObjection *o, civilDate today) {
    sbufPrintf(b, "{\"id\":%lld,\"year\":%d,\"run_id\":%lld", (long long)o->id, o->year, (long long)o->run_id);
    jsonwText(b, "uscc", o->uscc);
    jsonwText(b, "name", o->name);
    jsonwText(b, "code", o->code);
    jsonwText(b, "kind", o->kind);
    jsonwText(b, "statement", o->statement);
    jsonwText(b, "filed_at", o->filed_at);
    jsonwKey(b, "filed_on", 0);
    jsonwDate(b, o->filed_on);
    jsonwKey(b, "reply_due", 0);
    jsonwDate(b, o->reply_due);
    jsonwText(b, "status", statusCodes[o->status]);
    jsonwText(b, "status_label", statusLabels[o->status]);
    sbufPrintf(b, ",\"age_days\":%d,\"overdue\":%s", appObjectionAge(o, today),
               appObjectionOverdue(o, today) ? "true" : "false");
    /* the department's answer is late: asked, unanswered, past verify_due */
    const bool verify_late = o->status == TOBJ_VERIFYING && o->answer == TOBJ_ANSWER_NONE &&
                             o->verify_due != DATE_NONE && today > o->verify_due;
    sbufPrintf(b, ",\"verify_overdue\":%s", verify_late ? "true" : "false");
    jsonwText(b, "department", o->department);
    jsonwKey(b, "verify_due", 0);
    jsonwDate(b, o->verify_due);
    jsonwText(b, "answer", o->answer == TOBJ_ANSWER_CORRECT ? "correct" : o->answer == TOBJ_ANSWER_WRONG ? "wrong" : NULL);
    jsonwText(b, "answer_value", o->answer_value);
    jsonwText(b, "answer_note", o->answer_note);
    jsonwText(b, "answered_at", o->answered_at);
    jsonwText(b, "reply", o->reply);
    jsonwText(b, "decided_at", o->decided_at);
    if (o->status == TOBJ_UPHELD) {
        jResult(b, "old_result", o->old_type, o->old_reasons);
        jResult(b, "new_result", o->new_type, o->new_reasons);
    }
    sbufPuts(b, ",\"files\":[");
    int rc = storeEachObjectionFile(s, o->id, jFile, b);
    sbufPuts(b, "],\"corrections\":[");
    jCorr jc = {b, o->id};
    if (!rc && o->status == TOBJ_UPHELD) rc = storeEachCorrection(s, o->uscc, jCorrection, &jc);
    sbufPuts(b, "]}");
    return rc ? rc : b->failed ? GH_ENOMEM : 0;
}
