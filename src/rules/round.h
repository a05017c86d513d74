#ifndef GETIHU_RULES_ROUND_H
#define GETIHU_RULES_ROUND_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/category.h"
#include "rules/round_quota.h"

/* The 名特优新 round (RULES.md A3.2, A3.3.4, A3.3.5; issue 9 §2) as an explicit
 * state machine: one table of (from, action, to, roles, route, guards) consulted by
 * one function. The case as the store knows it, the request, the actor, the date
 * and the year's parameters in; allowed or refused, with every reason (code,
 * article, figures) out. Pure: the caller records the transition and its audit. */

typedef enum {
    RSTATE_DRAFT,       /* 草稿: the owner (or the department) is writing it */
    RSTATE_CONSENT,     /* 待经营者同意: a recommendation waits for the operator */
    RSTATE_SUBMITTED,   /* 已提交 */
    RSTATE_REVIEW,      /* 初审 by the district */
    RSTATE_VISIT,       /* 走访核实 (self-application) */
    RSTATE_JOINT,       /* 部门联审 */
    RSTATE_PROPOSED,    /* 拟认定名单 */
    RSTATE_PUBLICITY,   /* 公示 */
    RSTATE_RECOGNISED,  /* 认定 */
    RSTATE_REPORTED,    /* 已报市局 */
    RSTATE_SUPPLEMENT,  /* 市局抽查，限期补充材料 */
    RSTATE_CITY_REFUSED, /* 市局不予认定 */
    RSTATE_WITHDRAWN,   /* 撤回 (or the operator declined a recommendation) */
    RSTATE_REJECTED,    /* 不予通过 */
    RSTATE_CANCELLED,   /* 取消认定 (dynamic management, A3.3.5) */
    RSTATE_REVOKED,     /* 撤销认定 (fraud or bribery, A3.3.5) */
    RSTATE__COUNT
} roundState;

typedef enum {
    RACT_SUBMIT, RACT_RECOMMEND, RACT_CONSENT, RACT_ACCEPT, RACT_PASS_REVIEW, RACT_RECORD_VISIT, RACT_PROPOSE,
    RACT_PUBLICISE, RACT_RECOGNISE, RACT_REPORT, RACT_SPOT_REQUEST, RACT_SUPPLEMENT, RACT_SPOT_REFUSE,
    RACT_WITHDRAW, RACT_REJECT, RACT_CANCEL, RACT_REVOKE, RACT__COUNT
} roundAction;

/* The roles of app/roles.c that act in the round; reviewer is 审核/领导. */
typedef enum { RROLE_OWNER, RROLE_DEPARTMENT, RROLE_CLERK, RROLE_REVIEWER, RROLE_ADMIN, RROLE_INSPECTOR,
               RROLE__COUNT } roundRole;

typedef struct roundActor {
    roundRole role;
    const char *uscc;       /* OWNER: the business signed in */
    const char *department; /* DEPARTMENT: the department of the account */
} roundActor;

/* What the action carries. */
typedef struct roundRequest {
    roundAction action;
    const char *reason;          /* rejection, refusal, withdrawal, cancellation, revocation; visit notes; what to supplement */
    civilDate date;              /* CONSENT: the consent's date; RECORD_VISIT: the visit; SPOT_REQUEST: the date asked for */
    bool override;               /* the calendar is lifted (A3.2.1) for this action … */
    roundRole override_by;       /* … by an administrator (whoever acts) … */
    const char *override_reason; /* … who says why */
} roundRequest;

/* Counts over the district that the caller reads from the store at the date. */
typedef struct roundLimits {
    int growth, development; /* of the year's published typing run (A3.3.4) */
    int recognised;          /* valid recognitions at the date, this case excluded */
    int listed;              /* other cases proposed or in publicity */
    int business_other;      /* other open applications (roundStateOpen) or valid recognitions of this business */
    int operator_other;      /* other businesses of the same operator holding a valid recognition */
} roundLimits;

typedef struct roundCase {
    roundState state;
    categoryApp app;           /* category, route, application date, claims, consent, revocations */
    const dossier *d;          /* the business as the data shows it now */
    const char *recommended_by; /* the recommending department */
    civilDate publicity_from;  /* PUBLICITY: its first day */
    civilDate supplement_by;   /* SUPPLEMENT: the city's date */
    int objections_open;       /* publicity objections not yet answered */
    int joint_agree, joint_disagree, joint_pending; /* the departments of the joint review */
    roundLimits limits;
} roundCase;

typedef enum {
    RREASON_ILLEGAL, RREASON_ROUTE, RREASON_ROLE, RREASON_NOT_OWN, RREASON_OVERRIDE_ROLE, RREASON_OVERRIDE_REASON,
    RREASON_REASON_REQUIRED, RREASON_CALENDAR, RREASON_PUBLICITY_LATE, RREASON_DATE, RREASON_NOT_TYPED,
    RREASON_NO_CLAIM, RREASON_CATEGORY, RREASON_ONE_PER_BUSINESS, RREASON_ONE_PER_OPERATOR, RREASON_QUOTA,
    RREASON_JOINT_PENDING, RREASON_JOINT_DISAGREE, RREASON_PUBLICITY_RUNNING, RREASON_OBJECTION_OPEN,
    RREASON_SUPPLEMENT_LATE, RREASON__COUNT
} roundReasonCode;

/* One refusal with its figures. RREASON_CATEGORY carries a failing check of
 * categoryCheck (its own code and article are quoted). */
typedef struct roundReason {
    roundReasonCode code;
    roundState state;
    roundAction action;
    roundRole role;
    civilDate date, date2; /* a window, a publicity, a date asked for */
    civilDate on;          /* the decision's date */
    int count;             /* objections, opinions, other applications */
    categoryReason category;
    roundQuota quota;
} roundReason;

#define ROUND_MAX_REASONS 24

typedef struct roundDecision {
    bool allowed;
    roundAction action;
    roundState from, to;
    bool overridden;           /* the calendar was lifted by an administrator */
    bool checked;              /* the eligibility check ran (eligibility holds its result) */
    categoryResult eligibility;
    civilDate publicity_until; /* PUBLICISE: the last day of publicity */
    civilDate expires;         /* RECOGNISE: the first day no longer valid */
    size_t n;
    roundReason reasons[ROUND_MAX_REASONS];
} roundDecision;

/* A3.2 / A3.3: decides whether who may apply rq to c on today under p (p->year is
 * the round's year). Refuses an action the state does not have, the route, the
 * role or the actor (only that reason), else lists every failing guard: reason
 * text, calendar (unless overridden), eligibility re-run, one per business and
 * operator, quota, joint review, publicity and objections, dates. Returns 0, or
 * GH_EINVAL when c, rq or p are out of range. */
int roundTransition(roundDecision *out, const roundCase *c, const roundRequest *rq, const roundActor *who,
                    civilDate today, const yearParams *p);

/* The target of (from, action) on route, or GH_ENOTFOUND (for pages listing the
 * next steps); roles receives the bit set (1 << roundRole) of who may act. */
int roundNext(roundState *to, unsigned *roles, roundState from, roundAction a, categoryRoute route);

/* Whether a case in state s still takes part in the round (not draft, not closed). */
bool roundStateOpen(roundState s);
/* S3(二): whether a written reason is blank (empty, or only ASCII white space and
 * the ideographic space U+3000): blanks are not a reason. */
bool roundBlank(const char *s);
/* Whether a case in state s holds a recognition (validity is round_validity.h's). */
bool roundStateRecognised(roundState s);
#endif
