#include "rules/category_explain.h"
#include "rules/explain.h"
#include <assert.h>

typedef struct categoryEntry { const char *code, *article; } categoryEntry;

/* Indexed by categoryReasonCode; article ids from RULES.md "A3.3.1 in detail". */
static const categoryEntry categoryTable[CREASON__COUNT] = {
    [CREASON_SOURCE] = {"CATEGORY.SOURCE", "A3.3.1"},
    [CREASON_PENALTY] = {"CATEGORY.PENALTY", "A3.3.1(1)"},
    [CREASON_DISHONEST_DEBTOR] = {"CATEGORY.DISHONEST_DEBTOR", "A3.3.1(2)"},
    [CREASON_BANNED] = {"CATEGORY.BANNED", "A3.3.5"},
    [CREASON_NO_CONSENT] = {"CATEGORY.NO_CONSENT", "A3.2.2"},
    [CREASON_NO_CRITERION] = {"CATEGORY.NO_CRITERION", "A3.3.2"},
};

const char *categoryReasonCodeName(categoryReasonCode c) {
    assert((unsigned)c < CREASON__COUNT);
    return categoryTable[c].code;
}

const char *categoryReasonArticle(categoryReasonCode c) {
    assert((unsigned)c < CREASON__COUNT);
    return categoryTable[c].article;
}

void categoryDateText(sbuf *o, civilDate d) {
    int y, m, day;
    dateToYmd(d, &y, &m, &day);
    sbufPutInt(o, y);
    SBUF_LIT(o, "年");
    sbufPutInt(o, m);
    SBUF_LIT(o, "月");
    sbufPutInt(o, day);
    SBUF_LIT(o, "日");
}

/* 《行政处罚法》第九条 names, as in rules/dossier.h's order. */
static const char *categoryPenaltyLabel(penaltyKind k) {
    static const char *const labels[] = {"警告", "罚款", "没收违法所得、没收非法财物", "暂扣许可证件、降低资质等级、吊销许可证件",
                                         "限制开展生产经营活动、责令停产停业、责令关闭、限制从业", "行政拘留"};
    assert((unsigned)k < sizeof labels / sizeof labels[0]);
    return labels[k];
}

void categoryReasonText(sbuf *o, const categoryReason *r) {
    switch (r->code) {
    case CREASON_SOURCE:
        sbufPutInt(o, r->year);
        SBUF_LIT(o, "年度分型为");
        sbufPuts(o, typingTypeLabel(r->type));
        if (r->type == TYPE_INELIGIBLE) SBUF_LIT(o, "，不能认定名特优新");
        else SBUF_LIT(o, "，经营者不属于退役军人、高校毕业生、残疾人、返乡创业农民工，自主申报须为成长型或发展型");
        break;
    case CREASON_PENALTY:
        categoryDateText(o, r->date);
        SBUF_LIT(o, "受到公示的");
        sbufPuts(o, categoryPenaltyLabel(r->penalty));
        SBUF_LIT(o, "处罚，至");
        categoryDateText(o, r->on);
        SBUF_LIT(o, "未满");
        sbufPutInt(o, r->years);
        SBUF_LIT(o, "年（");
        categoryDateText(o, r->date2);
        SBUF_LIT(o, "届满）且未信用修复");
        break;
    case CREASON_DISHONEST_DEBTOR:
        SBUF_LIT(o, "经营者自");
        categoryDateText(o, r->date);
        SBUF_LIT(o, "起被列为失信被执行人，");
        categoryDateText(o, r->on);
        SBUF_LIT(o, "仍在名单中");
        break;
    case CREASON_BANNED:
        categoryDateText(o, r->date);
        SBUF_LIT(o, "因欺诈、贿赂被撤销名特优新认定，");
        sbufPutInt(o, r->years);
        SBUF_LIT(o, "年内（");
        categoryDateText(o, r->date2);
        SBUF_LIT(o, "前）不得再次申报");
        break;
    case CREASON_NO_CONSENT:
        if (r->date == DATE_NONE) {
            SBUF_LIT(o, "部门推荐须经营者同意，截至");
            categoryDateText(o, r->on);
            SBUF_LIT(o, "未记录经营者同意");
        } else {
            SBUF_LIT(o, "经营者同意记录于");
            categoryDateText(o, r->date);
            SBUF_LIT(o, "，晚于推荐日期");
            categoryDateText(o, r->on);
        }
        break;
    case CREASON_NO_CRITERION: SBUF_LIT(o, "所申报的条件经数据核对均不符合"); break;
    default: assert(0);
    }
}

void categoryCriterionText(sbuf *o, const categoryCriterion *c) {
    const bool recommended = c->letter == categoryCriteriaCount(c->category) - 1;
    if (recommended) {
        sbufPuts(o, c->route == ROUTE_RECOMMENDED ? "由部门推荐" : "自主申报，不适用“推荐”条件");
    } else if (c->category == CAT_QUALITY && c->letter == 0) {
        SBUF_LIT(o, "成立于");
        categoryDateText(o, c->established);
        if (c->status == CRIT_MET) {
            SBUF_LIT(o, "，在本地经营超过");
            sbufPutInt(o, c->years);
            SBUF_LIT(o, "年");
        } else {
            SBUF_LIT(o, "，至");
            categoryDateText(o, c->on);
            SBUF_LIT(o, "经营未超过");
            sbufPutInt(o, c->years);
            SBUF_LIT(o, "年");
        }
    } else if (c->category == CAT_FAMOUS && c->letter == 2 && c->status == CRIT_NOT_MET) {
        SBUF_LIT(o, "个体工商户及经营者未持有注册商标");
    } else if (c->category == CAT_EMERGING && c->letter == 1 && c->status == CRIT_NOT_MET) {
        SBUF_LIT(o, "个体工商户及经营者未持有注册商标或专利");
    } else if ((c->category == CAT_FAMOUS && c->letter == 2) || (c->category == CAT_EMERGING && c->letter == 1)) {
        SBUF_LIT(o, "持有注册商标 ");
        sbufPutInt(o, c->trademarks);
        SBUF_LIT(o, " 件、专利 ");
        sbufPutInt(o, c->patents);
        sbufPuts(o, c->category == CAT_FAMOUS ? " 件，商标知名度需审核人员判断" : " 件，与经营范围的相关性需审核人员判断");
    } else {
        SBUF_LIT(o, "需审核人员根据材料判断");
    }
}
