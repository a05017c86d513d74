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
#endif
