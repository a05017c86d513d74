/* getihu category demo (issue 9 §Tests, scripts/demo.sh): a 名特优新 round in
 * progress on the demo district, driven through the round's use cases exactly as
 * the server drives them (app/round.h: every step decided by the law, recorded and
 * audited), deterministic for a seed: applications in each state, some recognised
 * (with a certificate), one under publicity with an open objection. */
#include "app/round.h"
#include "cli/cli.h"
#include "core/error.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char demoUsage[] =
    "用法 Usage: getihu category demo --year YEAR [--db FILE] [--seed N]\n"
    "\n"
    "在已公布该年度分型的演示库上模拟一轮名特优新工作（演示日期为 YEAR-09-25）：草稿、已提交、初审、走访、联审、\n"
    "拟认定、公示（其中一户有未答复的异议）、已认定（含报市局）、驳回、撤回、部门推荐待同意，各若干户。\n"
    "每一步都经由与服务器相同的用例办理并记入审计。同一 --seed 结果相同。\n"
    "Simulates a round in progress (the demo's date is YEAR-09-25) through the round's use cases.\n"
    "退出码 Exit: 0 成功, 2 参数不可用或该年度尚无已公布的分型, 1 失败。\n";

#define DEMO_DEPT "区商务局"
#define DEMO_MAX 4096

typedef struct demoPool {
    char (*uscc)[USCC_LEN + 1];
    size_t n, cap;
} demoPool;

/* The candidates: growth and development businesses of the published run (A3.3.1 source). */
static int demoCollect(void *ctx, const storeResult *r) {
    demoPool *p = ctx;
    if ((r->type != TYPE_GROWTH && r->type != TYPE_DEVELOPMENT) || p->n == DEMO_MAX) return 0;
    if (p->n == p->cap) {
        const size_t cap = p->cap ? p->cap * 2 : 256;
        void *v = realloc(p->uscc, cap * sizeof *p->uscc);
        if (!v) return GH_ENOMEM;
        p->uscc = v, p->cap = cap;
    }
    snprintf(p->uscc[p->n++], USCC_LEN + 1, "%s", r->uscc);
    return 0;
}

typedef struct demoCtx {
    store *s;
    yearParams p;
    int year;
    int64_t now;
    demoPool pool;
    size_t next;
    unsigned long long seed;
    appRoundWho clerk, reviewer, dept, inspector;
    int done[RSTATE__COUNT];
    char objected[STORE_ROUND_ID_SIZE];
    char recognised[8][USCC_LEN + 1];
    int n_recognised;
} demoCtx;

static civilDate demoDay(const demoCtx *d, int month, int day) { return dateFromYmd(d->year, month, day); }

/* The next candidate in the seed's order (a linear congruential walk over the pool). */
static const char *demoNext(demoCtx *d) {
    if (d->next >= d->pool.n) return NULL;
    d->seed = d->seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const size_t j = d->next + (size_t)((d->seed >> 33) % (d->pool.n - d->next));
    char t[USCC_LEN + 1];
    memcpy(t, d->pool.uscc[j], sizeof t);
    memcpy(d->pool.uscc[j], d->pool.uscc[d->next], sizeof t);
    memcpy(d->pool.uscc[d->next], t, sizeof t);
    return d->pool.uscc[d->next++];
}

static int demoAct(demoCtx *d, const appRoundWho *who, const char *id, roundAction a, const char *reason,
                   civilDate on) {
    appRoundOutcome out;
    const roundRequest rq = {.action = a, .reason = reason, .date = a == RACT_RECORD_VISIT ? on : DATE_NONE};
    if (d->now < on * 86400LL + 9 * 3600) d->now = on * 86400LL + 9 * 3600; /* recorded at 09:00 of the step's day */
    return appRoundAct(&out, d->s, who, id, &rq, NULL, on, d->now++, &d->p);
}

/* Takes one business along the self-application route (or a recommendation, from
 * the department) up to state target. 0, or the step that the law refused. */
static int demoRun(demoCtx *d, const char *uscc, roundState target, bool recommended, int publicise_day,
                   char id[STORE_ROUND_ID_SIZE]) {
    appSession session = {.role = ROLE_BUSINESS};
    snprintf(session.username, sizeof session.username, "owner-%.6s", uscc + 12);
    snprintf(session.role_name, sizeof session.role_name, "business");
    snprintf(session.uscc, sizeof session.uscc, "%s", uscc);
    appRoundWho owner;
    if (appRoundWhoOf(&owner, &session, "demo")) return GH_EINVAL;
    const appRoundDraft draft = {.uscc = uscc, .category = CAT_CHARACTERISTIC,
                                 .route = recommended ? ROUTE_RECOMMENDED : ROUTE_SELF,
                                 .recommended_by = recommended ? DEMO_DEPT : NULL, .claimed = {0}, .n_claimed = 1,
                                 .statement = "本店经营地方特色小吃二十余年，深受周边居民欢迎。"};
    appRoundOutcome out;
    int rc = appRoundCreate(&out, d->s, recommended ? &d->dept : &owner, &draft, d->now++, &d->p);
    if (rc) return rc;
    snprintf(id, STORE_ROUND_ID_SIZE, "%s", out.id);
    static const unsigned char pdf[] = "%PDF-1.4\n% getihu demo evidence\n%%EOF\n";
    if ((rc = appRoundEvidenceAdd(&out, d->s, recommended ? &d->dept : &owner, id, "特色证明.pdf", "application/pdf",
                                  pdf, sizeof pdf - 1, d->now++)))
        return rc;
    if (target == RSTATE_DRAFT) return 0;
    if (recommended) {
        if ((rc = demoAct(d, &d->dept, id, RACT_RECOMMEND, NULL, demoDay(d, 9, 1)))) return rc;
        if (target == RSTATE_CONSENT) return 0;
        if ((rc = demoAct(d, &owner, id, RACT_CONSENT, NULL, demoDay(d, 9, 2)))) return rc;
    } else if ((rc = demoAct(d, &owner, id, RACT_SUBMIT, NULL, demoDay(d, 9, 1)))) {
        return rc;
    }
    if (target == RSTATE_SUBMITTED) return 0;
    if (target == RSTATE_WITHDRAWN) return demoAct(d, &owner, id, RACT_WITHDRAW, "暂不申报，明年再报", demoDay(d, 9, 3));
    if ((rc = demoAct(d, &d->clerk, id, RACT_ACCEPT, NULL, demoDay(d, 9, 3)))) return rc;
    if (target == RSTATE_REVIEW) return 0;
    if (target == RSTATE_REJECTED)
        return demoAct(d, &d->clerk, id, RACT_REJECT, "所附材料不能证明地方特色", demoDay(d, 9, 4));
    if ((rc = demoAct(d, &d->clerk, id, RACT_PASS_REVIEW, NULL, demoDay(d, 9, 4)))) return rc;
    if (target == RSTATE_VISIT) return 0;
    if (!recommended && (rc = demoAct(d, &d->clerk, id, RACT_RECORD_VISIT, "门店经营正常，特色产品与材料一致",
                                      demoDay(d, 9, 5))))
        return rc;
    if ((rc = appRoundOpinion(&out, d->s, &d->clerk, id, DEMO_DEPT, OPINION_PENDING, NULL, d->now++))) return rc;
    if (target == RSTATE_JOINT) return 0;
    if ((rc = appRoundOpinion(&out, d->s, &d->dept, id, DEMO_DEPT, OPINION_AGREE, NULL, d->now++))) return rc;
    if ((rc = demoAct(d, &d->reviewer, id, RACT_PROPOSE, NULL, demoDay(d, 9, 6)))) return rc;
    if (target == RSTATE_PROPOSED) return 0;
    if ((rc = demoAct(d, &d->reviewer, id, RACT_PUBLICISE, NULL, demoDay(d, 9, publicise_day)))) return rc;
    if (target == RSTATE_PUBLICITY) return 0;
    if ((rc = demoAct(d, &d->reviewer, id, RACT_RECOGNISE, NULL, demoDay(d, 9, 15)))) return rc;
    if (target == RSTATE_RECOGNISED) return 0;
    return demoAct(d, &d->clerk, id, RACT_REPORT, NULL, demoDay(d, 9, 16));
}

/* n businesses brought to target; a business the law refuses on the way (a penalty,
 * a debt) stays where it stopped and the next candidate is taken. */
static int demoStage(demoCtx *d, roundState target, int n, bool recommended, int publicise_day) {
    for (int k = 0; k < n;) {
        const char *u = demoNext(d);
        if (!u) return GH_ENOTFOUND;
        char id[STORE_ROUND_ID_SIZE] = "";
        const int rc = demoRun(d, u, target, recommended, publicise_day, id);
        if (rc == GH_EREFUSED) continue;
        if (rc) return rc;
        d->done[target]++;
        k++;
        if ((target == RSTATE_RECOGNISED || target == RSTATE_REPORTED) && d->n_recognised < 8)
            snprintf(d->recognised[d->n_recognised++], USCC_LEN + 1, "%s", u);
        if (target == RSTATE_PUBLICITY && !d->objected[0]) {
            appRoundOutcome out;
            const int orc = appRoundObject(&out, d->s, "demo", id, "该店近期曾因卫生问题被投诉，请核实。", NULL,
                                           demoDay(d, 9, 22), d->now++, &d->p);
            if (orc) return orc;
            snprintf(d->objected, sizeof d->objected, "%s", id);
        }
    }
    return 0;
}

static int demoRound(demoCtx *d) {
    static const struct { roundState target; int n; bool recommended; int publicise_day; } plan[] = {
        {RSTATE_REPORTED, 1, false, 7},  {RSTATE_RECOGNISED, 3, false, 7}, {RSTATE_PUBLICITY, 2, false, 20},
        {RSTATE_PROPOSED, 2, false, 0},  {RSTATE_JOINT, 2, false, 0},      {RSTATE_VISIT, 2, false, 0},
        {RSTATE_REVIEW, 2, false, 0},    {RSTATE_SUBMITTED, 2, false, 0},  {RSTATE_DRAFT, 2, false, 0},
        {RSTATE_REJECTED, 1, false, 0},  {RSTATE_WITHDRAWN, 1, false, 0},  {RSTATE_CONSENT, 1, true, 0},
        {RSTATE_JOINT, 1, true, 0}};
    for (size_t i = 0; i < sizeof plan / sizeof plan[0]; i++) {
        const int rc = demoStage(d, plan[i].target, plan[i].n, plan[i].recommended, plan[i].publicise_day);
        if (rc) return rc;
    }
    return 0;
}

int cmdCategoryDemo(int argc, char **argv) {
    const char *db = NULL, *year_s = NULL, *seed_s = "1";
    const cliOption opts[] = {{"--db", &db}, {"--year", &year_s}, {"--seed", &seed_s}, {NULL, NULL}};
    int rc = cliParse("category demo", demoUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long year, seed;
    if (cliRequireYear("category demo", year_s, &year) || cliParseInt("category demo", "--seed", seed_s, 0, 1LL << 40, &seed))
        return EXIT_USAGE;
    demoCtx *d = calloc(1, sizeof *d);
    if (!d) return EXIT_FAILURE_IO;
    d->year = (int)year;
    d->seed = (unsigned long long)seed;
    d->now = (int64_t)(dateFromYmd(d->year, 9, 1) * 86400LL);
    d->clerk = (appRoundWho){.name = "demo-clerk", .role = "clerk", .client = "demo", .actor = {.role = RROLE_CLERK}};
    d->reviewer = (appRoundWho){.name = "demo-reviewer", .role = "reviewer", .client = "demo",
                                .actor = {.role = RROLE_REVIEWER}};
    d->dept = (appRoundWho){.name = "demo-commerce", .role = "department", .client = "demo",
                            .actor = {.role = RROLE_DEPARTMENT, .department = DEMO_DEPT}};
    if ((rc = cliLoadParams("category demo", &d->p, d->year, NULL, NULL))) {
        free(d);
        return rc;
    }
    if ((rc = cliOpenStore("category demo", db, 0, &d->s))) {
        free(d);
        return rc;
    }
    int64_t run;
    int urc = storePublishedRun(d->s, d->year, &run);
    if (!urc) urc = storeEachResult(d->s, run, demoCollect, &d->pool);
    if (!urc) urc = demoRound(d);
    if (urc == GH_ENOTFOUND) cliError("category demo", "%d 年度尚无已公布的分型，或可选的成长型、发展型户数不够 "
                                                       "(no published run, or too few candidates)", d->year);
    else if (urc) cliError("category demo", "数据库 %s: %s", storeLocation(d->s), storeError(d->s));
    else {
        printf("名特优新演示 (round %d, as of %d-09-25, seed %lld)\n", d->year, d->year, seed);
        for (int i = 0; i < RSTATE__COUNT; i++)
            if (d->done[i]) printf("  %-12s %-8s %d\n", roundStateCode((roundState)i), roundStateLabel((roundState)i),
                                   d->done[i]);
        printf("  公示中有未答复异议 (open objection): %s\n", d->objected);
        for (int i = 0; i < d->n_recognised; i++)
            printf("  已认定 (certificate): /api/public/certificates/%s\n", d->recognised[i]);
    }
    storeClose(d->s);
    free(d->pool.uscc);
    free(d);
    return urc == GH_ENOTFOUND ? EXIT_USAGE : urc ? EXIT_FAILURE_IO : EXIT_OK;
}
