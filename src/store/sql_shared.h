#ifndef GETIHU_STORE_SQL_SHARED_H
#define GETIHU_STORE_SQL_SHARED_H
/* SQL that both backends speak alike (SQLite and PostgreSQL 15), kept once. */

/* The type of result row A (an alias of results) as published: the corrected type
 * when an upheld objection corrected it (decision 101), else the run's own. Every
 * query that reads a type from results for what a business is entitled to, or is
 * shown as, goes through it; corrections are few, so the probe is cheap. */
#define SQL_RESULT_TYPE(A)                                                                                     \
    "coalesce((SELECT c_.type FROM result_corrections c_ WHERE c_.run_id=" A ".run_id AND c_.uscc=" A ".uscc)," \
    A ".type)"
/* The reasons of result row A as published, by the same rule. */
#define SQL_RESULT_REASONS(A)                                                                                    \
    "coalesce((SELECT c_.reasons FROM result_corrections c_ WHERE c_.run_id=" A ".run_id AND c_.uscc=" A          \
    ".uscc)," A ".reasons)"
/* A bank's consented businesses on a day (BANK and DAY: the dialect's placeholders of
 * the bank and the day). The newest of each figure by a join on its newest year (the
 * primary keys make each a look-up), the published result by the newest publication
 * that has one (by the results' key (run, USCC): results have no id, decision 310),
 * the category by the recognition held that day. */
#define SQL_BANK_ROWS(BANK, DAY) \
    "SELECT c.uscc,b.name,b.town,b.industry,c.from_date,c.to_date,c.scopes,pp.year," SQL_RESULT_TYPE("r") ",rr.category," \
    "rr.recognised_on,rr.expires,ar.year,ar.revenue,ar.employees,tp.year,tp.amount,ins.year,ins.count," \
    "(SELECT ru.source FROM runs ru WHERE ru.id=r.run_id) " \
    "FROM bank_consents c JOIN businesses b ON b.uscc=c.uscc " \
    "LEFT JOIN publications pp ON pp.year=(SELECT max(p2.year) FROM publications p2 JOIN results r2 " \
    "  ON r2.run_id=p2.run_id AND r2.uscc=c.uscc) " \
    "LEFT JOIN results r ON r.run_id=pp.run_id AND r.uscc=c.uscc " \
    "LEFT JOIN round_recognitions rr ON rr.app_id=(SELECT r3.app_id FROM round_recognitions r3 " \
    "  WHERE r3.uscc=c.uscc AND r3.ended='held' AND r3.recognised_on<=" DAY " AND r3.expires>" DAY " " \
    "  ORDER BY r3.recognised_on DESC LIMIT 1) " \
    "LEFT JOIN annual_reports ar ON ar.uscc=c.uscc AND ar.year=(SELECT max(year) FROM annual_reports WHERE uscc=c.uscc) " \
    "LEFT JOIN tax_paid tp ON tp.uscc=c.uscc AND tp.year=(SELECT max(year) FROM tax_paid WHERE uscc=c.uscc) " \
    "LEFT JOIN insured ins ON ins.uscc=c.uscc AND ins.year=(SELECT max(year) FROM insured WHERE uscc=c.uscc) " \
    "WHERE c.bank=" BANK " AND c.withdrawn_at IS NULL AND c.from_date<=" DAY " AND c.to_date>=" DAY " ORDER BY c.uscc"
#endif
