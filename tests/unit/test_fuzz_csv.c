/* Mutation fuzzing of department-extract imports (issue 8, "Tests"): deterministic,
 * so it runs in every test pass and under ASan/UBSan. Each round mutates a
 * registration extract, imports it with --skip-bad into a fresh store through the
 * real import path (app/import.c), and checks what was accepted against an
 * independent reading of the same bytes (a plain RFC 4180 reader written here):
 *  1. no input crashes, leaks or hangs (the sanitizers watch);
 *  2. every row the import did not report bad is stored, with its name and town
 *     exactly as the independent reader reads them (no cut at a NUL, no value
 *     shifted into another column, no quote swallowing rows);
 *  3. nothing else is stored: the businesses stored are exactly those rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/import.h"
#include "core/error.h"
#include "core/utf8.h"
#include "store/store.h"

static uint64_t rngState = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) {
    rngState ^= rngState << 13;
    rngState ^= rngState >> 7;
    rngState ^= rngState << 17;
    return rngState;
}

static const char base[] =
    "uscc,name,town,established,status\n"
    "92110115MA00001014,北京市大兴区福顺小吃店,黄村镇,2015-05-12,在营\n"
    "92110115MA00001027,\"瑞丰便利店,西红门\",西红门镇,2019/3/8,在营\n"
    "92110115MA0000103A,\"说\"\"好\"\"的\",旧宫镇,20180101,注销\n"
    "92110115MA0000104N,  空格  ,\"亦庄\n地区\",2020年1月2日,在营\n"
    "92110115MA0000105R,=1+1,清源街道,2010-10-10,吊销\n"
    "92110115MA0000106U,\"\",黄村镇,2011-01-01,在营\n";

static const char *const tokens[] = {",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "\t", "\xE3\x80\x80", "福", "\xff",
                                     "\xc0\xaf", "=", "2024/5/20", "在营", "注销", "92110115MA00001014", ",,,,",
                                     "\"a\nb\"", "\x1b", "00010101", "1,200.50"};

/* A random position in buf[keep..len] on a character boundary: a cut character
 * would make the file undecodable as a whole, which the CSV unit tests cover. */
static size_t at(const char *buf, size_t len, size_t keep) {
    size_t i = keep + rnd() % (len - keep + 1);
    while (i < len && ((unsigned char)buf[i] & 0xC0) == 0x80) i++;
    return i;
}

static void mutate(char *buf, size_t *n, size_t cap, size_t keep) {
    const size_t len = *n;
    if (len <= keep) return;
    size_t i = at(buf, len, keep);
    switch (rnd() % 5) {
    case 0: /* an ASCII byte changed, to a NUL now and then */
        if (i < len && (unsigned char)buf[i] < 0x80) buf[i] = rnd() % 4 ? (char)(buf[i] ^ (1u << (rnd() % 7))) : '\0';
        break;
    case 1: if (i < len && (unsigned char)buf[i] < 0x80) buf[i] = (char)(rnd() & 0x7F); break;
    case 2: { /* delete up to a boundary */
        size_t j = at(buf, len, i < len ? i : len);
        if (j - i > 12) j = i;
        memmove(buf + i, buf + j, len - j);
        *n -= j - i;
        break;
    }
    case 3: { /* insert a token */
        const char *t = tokens[rnd() % (sizeof tokens / sizeof tokens[0])];
        const size_t k = strlen(t);
        if (len + k >= cap) break;
        memmove(buf + i + k, buf + i, len - i);
        memcpy(buf + i, t, k);
        *n += k;
        break;
    }
    default: *n = i; break; /* truncate */
    }
}

/* ---- the independent reader ---- */

typedef struct rec {
    unsigned line;
    char f[8][256];
    size_t len[8];
    int nf;
    int broken; /* unterminated quote, text after a quote, too long: the import must refuse it */
} rec;

/* Reads the record at *p (end e); its first line is *line. 0 at the end. */
static int readRec(const char **p, const char *e, unsigned *line, rec *r) {
    if (*p >= e) return 0;
    memset(r, 0, sizeof *r);
    r->line = *line;
    int quoted = 0, after = 0, started = 0;
    for (;;) {
        if (*p >= e) {
            if (quoted) r->broken = 1;
            r->nf++;
            return 1;
        }
        const char c = *(*p)++;
        if (c == '\n') (*line)++;
        if (quoted) {
            if (c == '"' && *p < e && **p == '"') {
                (*p)++;
            } else if (c == '"') {
                quoted = 0, after = 1;
                continue;
            }
        } else if (c == ',') {
            if (++r->nf >= 8) r->broken = 1, r->nf = 7;
            after = started = 0;
            continue;
        } else if (c == '\n' || (c == '\r' && *p < e && **p == '\n')) {
            if (c == '\r') (*p)++, (*line)++;
            r->nf++;
            return 1;
        } else if (c == '"' && !started && !after) {
            quoted = started = 1;
            continue;
        } else if (after) {
            r->broken = 1;
        }
        started = 1;
        if (r->len[r->nf] + 1 < sizeof r->f[0]) r->f[r->nf][r->len[r->nf]++] = c;
        else r->broken = 1;
    }
}

/* The field trimmed of ASCII white space and ideographic spaces (docs/import-formats.md). */
static void trim(const char *s, size_t n, const char **out, size_t *on) {
    for (int more = 1; more;) {
        more = 0;
        while (n && strchr(" \t\r\n", *s) && *s) s++, n--, more = 1;
        while (n >= 3 && !memcmp(s, "\xE3\x80\x80", 3)) s += 3, n -= 3, more = 1;
        while (n && s[n - 1] && strchr(" \t\r\n", s[n - 1])) n--, more = 1;
        while (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3, more = 1;
    }
    *out = s, *on = n;
}

static int blank(const rec *r) {
    for (int i = 0; i < r->nf; i++)
        for (size_t j = 0; j < r->len[i]; j++)
            if (r->f[i][j] != ' ' && r->f[i][j] != '\t') return 0;
    return 1;
}

/* ---- one round ---- */

typedef struct badLines { unsigned char bad[4096]; } badLines;
static void onBad(void *ctx, uint64_t line, const char *field, const char *message) {
    (void)field, (void)message;
    badLines *b = ctx;
    if (line < sizeof b->bad) b->bad[line] = 1;
}

static void sameText(const char *stored, const char *s, size_t n) {
    if (n == 0) {
        assert_null(stored);
        return;
    }
    assert_non_null(stored);
    assert_int_equal(strlen(stored), n);
    assert_memory_equal(stored, s, n);
}

static long checkedRounds, checkedRows, refusedFiles;

static void round1(const char *text, size_t n, const char *dir) {
    char path[512], db[512];
    snprintf(path, sizeof path, "%s/in.csv", dir);
    snprintf(db, sizeof db, "%s/t.db", dir);
    unlink(db);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    store *s;
    char err[256];
    assert_int_equal(storeOpen(&s, db, STORE_OPEN_CREATE, err, sizeof err), 0);
    badLines bad;
    memset(&bad, 0, sizeof bad);
    const appImportOptions o = {.kind = EXTRACT_REGISTRATION, .path = path, .name = "in.csv", .skip_bad = true,
                                .actor = "fuzz", .role = "admin", .client = "-", .bad = onBad, .bad_ctx = &bad};
    appImportResult res;
    const int rc = appImport(s, &o, &res);
    if (rc && rc != GH_EINVAL) fprintf(stderr, "rc %d: %s / %s\n", rc, res.message, storeError(s));
    assert_true(rc == 0 || rc == GH_EINVAL);
    int64_t stored = 0;
    assert_int_equal(storeCountBusinesses(s, &stored), 0);
    if (rc) assert_int_equal(stored, 0); /* a refused file writes nothing */
    refusedFiles += rc != 0;
    if (rc && getenv("FUZZ_DEBUG")) fprintf(stderr, "refused: %s\n", res.message);
    if (rc == 0 && utf8Valid(text, n, NULL)) { /* the independent reading applies to UTF-8 input */
        const char *p = text, *e = text + n;
        unsigned line = 1;
        rec r;
        int64_t good = 0;
        arena a;
        arenaInit(&a, 4096, 0);
        assert_int_equal(readRec(&p, e, &line, &r), 1); /* the header, never mutated */
        while (readRec(&p, e, &line, &r)) {
            if (blank(&r) && !r.broken) continue;
            if (r.line < sizeof bad.bad && bad.bad[r.line]) continue;
            assert_false(r.broken);
            assert_int_equal(r.nf, 5);
            const char *u, *name, *town;
            size_t un, nn, tn;
            trim(r.f[0], r.len[0], &u, &un);
            trim(r.f[1], r.len[1], &name, &nn);
            trim(r.f[2], r.len[2], &town, &tn);
            char uscc[32];
            assert_true(un < sizeof uscc);
            memcpy(uscc, u, un);
            uscc[un] = '\0';
            dossier d;
            arenaReset(&a);
            assert_int_equal(storeLoadDossier(s, uscc, &a, &d), 0);
            sameText(d.name, name, nn);
            sameText(d.town, town, tn);
            good++;
        }
        assert_int_equal(stored, good);
        checkedRounds++;
        checkedRows += good;
        arenaFree(&a);
    }
    storeClose(s);
}

static void test_mutated_registration_extracts(void **state) {
    (void)state;
    char dir[] = "/tmp/getihu-fuzzcsv-XXXXXX";
    assert_non_null(mkdtemp(dir));
    enum { CAP = 8192 };
    char *buf = malloc(CAP);
    assert_non_null(buf);
    const size_t header = strchr(base, '\n') - base + 1;
    const int rounds = getenv("GETIHU_FUZZ_ROUNDS") ? atoi(getenv("GETIHU_FUZZ_ROUNDS")) : 300;
    for (int i = 0; i < rounds; i++) {
        size_t n = sizeof base - 1;
        memcpy(buf, base, n);
        const int edits = 1 + (int)(rnd() % 6);
        for (int k = 0; k < edits; k++) mutate(buf, &n, CAP, header);
        round1(buf, n, dir);
    }
    round1(base, sizeof base - 1, dir); /* and the unmutated file: all six stored */
    /* planted: the findings of issue 8 that the property must catch whatever the dice say */
    static const char nul[] = "uscc,name,town,established,status\n92110115MA00001014,ABC\0DEF,黄村镇,2015-05-12,在营\n";
    static const char shortrow[] = "uscc,name,town,established,status\n92110115MA00001014,福顺,2015-05-12,在营\n";
    static const char quote[] = "uscc,name,town,established,status\n92110115MA00001014,\"福顺,黄村镇,2015-05-12,在营\n"
                                "92110115MA00001027,瑞丰,西红门镇,2019-03-08,在营\n";
    round1(nul, sizeof nul - 1, dir);
    round1(shortrow, sizeof shortrow - 1, dir);
    round1(quote, sizeof quote - 1, dir);
    printf("fuzz_csv: %d rounds, %ld checked against the independent reading (%ld rows), %ld files refused\n",
           rounds + 1, checkedRounds, checkedRows, refusedFiles);
    assert_true(checkedRounds > rounds / 2); /* the property was really exercised */
    char path[600];
    snprintf(path, sizeof path, "%s/in.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/t.db", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/t.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/t.db-shm", dir);
    unlink(path);
    rmdir(dir);
    free(buf);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_mutated_registration_extracts)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
