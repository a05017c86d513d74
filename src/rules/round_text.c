/* The Chinese sentence of each refusal of the round (declared in round_explain.h). */
#include "rules/category_explain.h"
#include "rules/round_explain.h"
#include <assert.h>

static void roundQuoted(sbuf *o, const char *s) {
    SBUF_LIT(o, "「");
    sbufPuts(o, s);
    SBUF_LIT(o, "」");
}

/* "2025年8月15日至2025年11月30日" */
static void roundSpan(sbuf *o, civilDate from, civilDate to) {
    categoryDateText(o, from);
    SBUF_LIT(o, "至");
    categoryDateText(o, to);
}

static void roundCount(sbuf *o, int n, const char *unit) {
    sbufPutInt(o, n);
    sbufPuts(o, unit);
}

/* A3.3.4: the figures of the quota, as `getihu category quota` names them. */
static void roundQuotaText(sbuf *o, const roundReason *r) {
    const roundQuota *q = &r->quota;
    sbufPutInt(o, q->year);
    SBUF_LIT(o, "年度分型成长型");
    roundCount(o, q->growth, "户、发展型");
    roundCount(o, q->development, "户，名额为其");
    roundCount(o, q->percent, "%即");
    roundCount(o, q->quota, "户；有效认定已有");
    roundCount(o, q->recognised, "户");
    if (r->count > 0) {
        SBUF_LIT(o, "，拟认定名单和公示中另有");
        roundCount(o, r->count, "户");
    }
    SBUF_LIT(o, "，再认定将超出名额");
}

static void roundDateText(sbuf *o, const roundReason *r) {
    if (r->action == RACT_SPOT_REQUEST) {
        if (r->date == DATE_NONE) {
            SBUF_LIT(o, "须指定补充材料的期限");
            return;
        }
        SBUF_LIT(o, "补充材料期限");
        categoryDateText(o, r->date);
        SBUF_LIT(o, "须晚于");
        categoryDateText(o, r->on);
        return;
    }
    SBUF_LIT(o, "记录的日期");
    categoryDateText(o, r->date);
    SBUF_LIT(o, "晚于今日");
    categoryDateText(o, r->on);
}

/* The refusals that stop the transition before its guards. */
static bool roundWhoText(sbuf *o, const roundReason *r) {
    switch (r->code) {
    case RREASON_ILLEGAL:
        SBUF_LIT(o, "当前状态为");
        roundQuoted(o, roundStateLabel(r->state));
        SBUF_LIT(o, "，不能");
        roundQuoted(o, roundActionLabel(r->action));
        return true;
    case RREASON_ROUTE:
        SBUF_LIT(o, "此申报方式不能");
        roundQuoted(o, roundActionLabel(r->action));
        SBUF_LIT(o, "（自主申报由经营者提交，部门推荐由部门提出并须经营者同意）");
        return true;
    case RREASON_ROLE:
        roundQuoted(o, roundRoleLabel(r->role));
        SBUF_LIT(o, "无权");
        roundQuoted(o, roundActionLabel(r->action));
        return true;
    case RREASON_NOT_OWN:
        sbufPuts(o, r->role == RROLE_OWNER ? "只能办理本个体工商户的申报" : "只能办理本部门推荐的申报");
        return true;
    case RREASON_OVERRIDE_ROLE:
        SBUF_LIT(o, "越过时间安排须由管理员批准，批准人角色为");
        roundQuoted(o, roundRoleLabel(r->role));
        return true;
    case RREASON_OVERRIDE_REASON: SBUF_LIT(o, "越过时间安排须填写理由"); return true;
    case RREASON_REASON_REQUIRED:
        roundQuoted(o, roundActionLabel(r->action));
        SBUF_LIT(o, "须填写理由或记录");
        return true;
    default: return false;
    }
}

/* The calendar and the dates. */
static bool roundWhenText(sbuf *o, const roundReason *r) {
    switch (r->code) {
    case RREASON_CALENDAR:
        categoryDateText(o, r->on);
        SBUF_LIT(o, "不在名特优新申报认定期内（");
        roundSpan(o, r->date, r->date2);
        SBUF_LIT(o, "）");
        return true;
    case RREASON_PUBLICITY_LATE:
        SBUF_LIT(o, "今日开始公示将于");
        categoryDateText(o, r->date);
        SBUF_LIT(o, "结束，无法在认定截止日");
        categoryDateText(o, r->date2);
        SBUF_LIT(o, "前完成认定");
        return true;
    case RREASON_DATE: roundDateText(o, r); return true;
    case RREASON_PUBLICITY_RUNNING:
        SBUF_LIT(o, "公示期");
        roundSpan(o, r->date, r->date2);
        SBUF_LIT(o, "尚未结束");
        return true;
    case RREASON_SUPPLEMENT_LATE:
        SBUF_LIT(o, "市局要求的补充材料期限");
        categoryDateText(o, r->date);
        SBUF_LIT(o, "已过");
        return true;
    default: return false;
    }
}

void roundReasonText(sbuf *o, const roundReason *r) {
    if (roundWhoText(o, r) || roundWhenText(o, r)) return;
    switch (r->code) {
    case RREASON_NOT_TYPED:
        SBUF_LIT(o, "成立于");
        categoryDateText(o, r->date);
        SBUF_LIT(o, "，晚于当年分型基准日，未参加当年分型，不能认定");
        break;
    case RREASON_NO_CLAIM: SBUF_LIT(o, "未申报任何具体标准"); break;
    case RREASON_CATEGORY: categoryReasonText(o, &r->category); break;
    case RREASON_ONE_PER_BUSINESS:
        SBUF_LIT(o, "同一个体工商户只能认定为一个类型，该户另有");
        roundCount(o, r->count, "件已提交的申报或有效认定");
        break;
    case RREASON_ONE_PER_OPERATOR:
        SBUF_LIT(o, "本年度每名经营者只能有一户认定为名特优新，该经营者另有");
        roundCount(o, r->count, "户持有有效认定");
        break;
    case RREASON_QUOTA: roundQuotaText(o, r); break;
    case RREASON_JOINT_PENDING:
        if (r->count == 0) SBUF_LIT(o, "部门联审尚未征求任何部门意见");
        else {
            SBUF_LIT(o, "部门联审尚未完成，");
            roundCount(o, r->count, "个部门未出具意见");
        }
        break;
    case RREASON_JOINT_DISAGREE: roundCount(o, r->count, "个部门联审意见为不同意"); break;
    case RREASON_OBJECTION_OPEN:
        SBUF_LIT(o, "公示期间有");
        roundCount(o, r->count, "件异议尚未答复");
        break;
    default: assert(0);
    }
}
