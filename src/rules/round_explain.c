#include "rules/round_explain.h"
#include "core/error.h"
#include "rules/category_explain.h"
#include <assert.h>
#include <string.h>

typedef struct roundWord { const char *code, *label; } roundWord;

static const roundWord roundStates[RSTATE__COUNT] = {
    {"draft", "草稿"}, {"consent", "待经营者同意"}, {"submitted", "已提交"}, {"review", "初审"},
    {"visit", "走访核实"}, {"joint", "部门联审"}, {"proposed", "拟认定"}, {"publicity", "公示"},
    {"recognised", "已认定"}, {"reported", "已报市局"}, {"supplement", "市局要求补充材料"},
    {"city_refused", "市局不予认定"}, {"withdrawn", "已撤回"}, {"rejected", "不予通过"},
    {"cancelled", "已取消认定"}, {"revoked", "已撤销认定"},
};

static const roundWord roundActions[RACT__COUNT] = {
    {"submit", "提交申报"}, {"recommend", "部门推荐"}, {"consent", "经营者同意"}, {"accept", "受理初审"},
    {"pass_review", "初审通过"}, {"record_visit", "记录走访核实"}, {"propose", "列入拟认定名单"},
    {"publicise", "公示"}, {"recognise", "认定"}, {"report", "报市局"}, {"spot_request", "抽查要求补充材料"},
    {"supplement", "补充材料"}, {"spot_refuse", "抽查不予认定"}, {"withdraw", "撤回"}, {"reject", "不予通过"},
    {"cancel", "取消认定"}, {"revoke", "撤销认定"},
};

static const roundWord roundRoles[RROLE__COUNT] = {
    {"business", "个体工商户"}, {"department", "部门用户"}, {"clerk", "区市场监管局经办"},
    {"reviewer", "审核/领导"}, {"admin", "管理员"}, {"inspector", "市局抽查"},
};

/* Indexed by roundReasonCode; RREASON_CATEGORY takes the category check's own. */
static const roundWord roundReasons[RREASON__COUNT] = {
    [RREASON_ILLEGAL] = {"ROUND.ILLEGAL", "A3.2.2"},
    [RREASON_ROUTE] = {"ROUND.ROUTE", "A3.2.2"},
    [RREASON_ROLE] = {"ROUND.ROLE", "A3.2.2"},
    [RREASON_NOT_OWN] = {"ROUND.NOT_OWN", "A3.2.2"},
    [RREASON_OVERRIDE_ROLE] = {"ROUND.OVERRIDE_ROLE", "A3.2.1"},
    [RREASON_OVERRIDE_REASON] = {"ROUND.OVERRIDE_REASON", "A3.2.1"},
    [RREASON_REASON_REQUIRED] = {"ROUND.REASON_REQUIRED", "S3(二)"},
    [RREASON_CALENDAR] = {"ROUND.CALENDAR", "A3.2.1"},
    [RREASON_PUBLICITY_LATE] = {"ROUND.PUBLICITY_LATE", "A3.2.1"},
    [RREASON_DATE] = {"ROUND.DATE", "A3.2.2"},
    [RREASON_NOT_TYPED] = {"ROUND.NOT_TYPED", "A3.3.1"},
    [RREASON_NO_CLAIM] = {"ROUND.NO_CLAIM", "A3.3.2"},
    [RREASON_CATEGORY] = {"CATEGORY", "A3.3.1"},
    [RREASON_ONE_PER_BUSINESS] = {"ROUND.ONE_PER_BUSINESS", "A3.3.4"},
    [RREASON_ONE_PER_OPERATOR] = {"ROUND.ONE_PER_OPERATOR", "A3.3.4"},
    [RREASON_QUOTA] = {"ROUND.QUOTA", "A3.3.4"},
    [RREASON_JOINT_PENDING] = {"ROUND.JOINT_PENDING", "A3.2.2"},
    [RREASON_JOINT_DISAGREE] = {"ROUND.JOINT_DISAGREE", "A3.2.2"},
    [RREASON_PUBLICITY_RUNNING] = {"ROUND.PUBLICITY_RUNNING", "A3.2"},
    [RREASON_OBJECTION_OPEN] = {"ROUND.OBJECTION_OPEN", "A3.2"},
    [RREASON_SUPPLEMENT_LATE] = {"ROUND.SUPPLEMENT_LATE", "A3.2.2"},
};

static int roundParse(const roundWord *w, int n, const char *s, size_t len) {
    for (int i = 0; i < n; i++)
        if (strlen(w[i].code) == len && !memcmp(w[i].code, s, len)) return i;
    return GH_EINVAL;
}

const char *roundStateCode(roundState s) { assert((unsigned)s < RSTATE__COUNT); return roundStates[s].code; }
const char *roundStateLabel(roundState s) { assert((unsigned)s < RSTATE__COUNT); return roundStates[s].label; }
const char *roundActionCode(roundAction a) { assert((unsigned)a < RACT__COUNT); return roundActions[a].code; }
const char *roundActionLabel(roundAction a) { assert((unsigned)a < RACT__COUNT); return roundActions[a].label; }
const char *roundRoleCode(roundRole r) { assert((unsigned)r < RROLE__COUNT); return roundRoles[r].code; }
const char *roundRoleLabel(roundRole r) { assert((unsigned)r < RROLE__COUNT); return roundRoles[r].label; }

int roundStateParse(roundState *out, const char *s, size_t n) {
    const int i = roundParse(roundStates, RSTATE__COUNT, s, n);
    if (i < 0) return i;
    *out = (roundState)i;
    return 0;
}

int roundActionParse(roundAction *out, const char *s, size_t n) {
    const int i = roundParse(roundActions, RACT__COUNT, s, n);
    if (i < 0) return i;
    *out = (roundAction)i;
    return 0;
}

const char *roundReasonCodeName(const roundReason *r) {
    assert((unsigned)r->code < RREASON__COUNT);
    return r->code == RREASON_CATEGORY ? categoryReasonCodeName(r->category.code) : roundReasons[r->code].code;
}

const char *roundReasonArticle(const roundReason *r) {
    assert((unsigned)r->code < RREASON__COUNT);
    return r->code == RREASON_CATEGORY ? categoryReasonArticle(r->category.code) : roundReasons[r->code].label;
}

const char *roundReportStatusCode(roundReportStatus s) {
    static const char *const codes[] = {"not_due", "open", "filed", "late", "missing"};
    assert((unsigned)s < sizeof codes / sizeof codes[0]);
    return codes[s];
}

void roundDecisionText(sbuf *o, const roundDecision *d) {
    for (size_t i = 0; i < d->n; i++) {
        if (i) SBUF_LIT(o, "；");
        roundReasonText(o, &d->reasons[i]);
    }
}
