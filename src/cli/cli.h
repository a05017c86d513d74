#ifndef GETIHU_CLI_CLI_H
#define GETIHU_CLI_CLI_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "rules/params.h"

/* Exit codes (DATA.md §4 for classify): */
enum { EXIT_OK = 0, EXIT_FAILURE_IO = 1, EXIT_USAGE = 2, EXIT_REJECTED = 3 };

/* A tiny option scanner: "--name value" and "--name=value". */
typedef struct cliArgs {
    int argc;
    char **argv;
    int i;
    const char *cmd;
} cliArgs;

/* One "--name VALUE" option of a subcommand; value keeps its default when absent. */
typedef struct cliOption {
    const char *name;
    const char **value;
} cliOption;

/* Parses argv against opts (terminated by {NULL, NULL}). Operands (arguments not
 * starting with "--") go to operands[0..*n_operands) when operands is given.
 * Returns 0; 1 for --help / -h (after printing usage to stdout); EXIT_USAGE after
 * a message naming the bad argument. */
int cliParse(const char *cmd, const char *usage, int argc, char **argv, const cliOption *opts,
             const char **operands, int max_operands, int *n_operands);

/* Returns the next argument (option or operand) or NULL at the end. */
const char *cliNext(cliArgs *a);
/* When arg is --name or --name=VALUE, stores the value (taking the next argument
 * for the first form) and returns 1; 0 when arg is another option; -1 (after a
 * message) when the value is missing. */
int cliValue(cliArgs *a, const char *arg, const char *name, const char **value);
int cliParseInt(const char *cmd, const char *opt, const char *s, long long lo, long long hi, long long *out);
void cliError(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Loads the year parameters: FILE when given, otherwise the shipped ones for
 * year; refuses a file whose year differs. Prints the reason and returns
 * EXIT_USAGE on failure. Warns on stderr when the figures are provisional. */
int cliLoadParams(const char *cmd, yearParams *p, int year, const char *file, char **text_out);
/* Reads a whole file (for parameters). NULL with a message on failure. */
char *cliReadFile(const char *cmd, const char *path, size_t *n, size_t max);

/* The database path: --db, else $GETIHU_DB, else ./getihu.db. */
const char *cliDbPath(const char *opt);
struct store;
/* Opens the store as flags (STORE_OPEN_*) say, printing the reason and what to do
 * on failure: EXIT_USAGE when --db names no usable getihu database (missing, too
 * old, another program's), EXIT_FAILURE_IO when it cannot be read or written. */
int cliOpenStore(const char *cmd, const char *db, unsigned flags, struct store **out);
const char *cliActor(const char *opt, char *buf, size_t n);
const char *cliVersion(void);

/* The required --year of cmd (2000-2200): 0, or EXIT_USAGE after saying what is wrong. */
int cliRequireYear(const char *cmd, const char *value, long long *year);
int cmdClassify(int argc, char **argv);
int cmdCategory(int argc, char **argv);
int cmdCategoryQuota(int argc, char **argv); /* cmd_category_quota.c */
int cmdCategoryReport(int argc, char **argv); /* cmd_category_report.c */
int cmdCategoryDemo(int argc, char **argv); /* cmd_category_demo.c */
int cmdImport(int argc, char **argv);
int cmdRun(int argc, char **argv);
int cmdPublish(int argc, char **argv);
int cmdRuns(int argc, char **argv);
int cmdExport(int argc, char **argv);
int cmdShow(int argc, char **argv);
int cmdStats(int argc, char **argv);
int cmdReconcile(int argc, char **argv); /* cmd_reconcile.c: issue 10 §6 */
int cmdDb(int argc, char **argv);
int cmdDbCopy(int argc, char **argv); /* cmd_db_copy.c: getihu db copy (issue 12 §3) */
int cmdServe(int argc, char **argv);
int cmdUser(int argc, char **argv);
int cmdAudit(int argc, char **argv);
int cmdGen(int argc, char **argv);
int cmdDemo(int argc, char **argv);
int cmdParams(int argc, char **argv);
int cmdMeasures(int argc, char **argv);
#endif
