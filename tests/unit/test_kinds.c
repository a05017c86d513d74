/* io/kinds.c: every import kind's descriptor is complete and consistent, its example
 * file maps, its owners are known departments, and its key reads as it always has. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "app/departments.h"
#include "core/error.h"
#include "io/extract.h"
#include "io/json.h"
#include "io/kinds.h"

#ifndef GETIHU_EXAMPLES
#error "GETIHU_EXAMPLES (the docs/examples folder) must be defined"
#endif

static bool isAscii(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return false;
    return true;
}

typedef struct nameSeen { const char *name[64]; size_t len[64]; int n; } nameSeen;

/* Adds name (n bytes) to seen, failing when the kind already has it (ASCII case-blind,
 * as headers are matched). */
static void addName(nameSeen *seen, const char *kind, const char *name, size_t n) {
    assert_true(n > 0);
    for (int i = 0; i < seen->n; i++)
        if (seen->len[i] == n && !strncasecmp(seen->name[i], name, n)) {
            print_error("kind %s: name \"%.*s\" given twice\n", kind, (int)n, name);
            fail();
        }
    assert_true(seen->n < 64);
    seen->name[seen->n] = name;
    seen->len[seen->n++] = n;
}

/* Adds every alias; returns how many are not ASCII (Chinese names); *title_found
 * when title is one of them. */
static int addAliases(nameSeen *seen, const char *kind, const kindColumn *c, bool *title_found) {
    int chinese = 0;
    for (const char *p = c->aliases; *p;) {
        const char *bar = strchr(p, '|');
        const size_t len = bar ? (size_t)(bar - p) : strlen(p);
        addName(seen, kind, p, len);
        if (!isAscii(p, len)) chinese++;
        if (strlen(c->title) == len && !memcmp(c->title, p, len)) *title_found = true;
        p += len + (bar ? 1 : 0);
    }
    return chinese;
}

static void checkColumns(const importKind *k) {
    nameSeen seen = {.n = 0};
    assert_true(k->ncols > 0 && k->ncols <= KIND_MAX_COLUMNS);
    assert_int_equal(k->cols[0].id, KC_USCC); /* every fact names its business */
    assert_true(k->cols[0].required);
    for (int i = 0; i < k->ncols; i++) {
        const kindColumn *c = &k->cols[i];
        assert_non_null(c->name);
        assert_true(isAscii(c->name, strlen(c->name)));
        assert_null(strchr(c->name, '|'));
        addName(&seen, k->name, c->name, strlen(c->name));
        bool title_found = false;
        assert_non_null(c->aliases);
        assert_true(addAliases(&seen, k->name, c, &title_found) > 0);
        assert_non_null(c->title);
        assert_false(isAscii(c->title, strlen(c->title)));
        assert_true(title_found);
        assert_non_null(c->description);
        assert_true(strlen(c->description) > 0);
        for (int j = 0; j < i; j++) assert_int_not_equal(k->cols[j].id, c->id);
    }
}

static void checkKeyAndChecks(const importKind *k) {
    assert_true(k->nkey > 0 && k->nkey <= KIND_MAX_KEY);
    assert_int_equal(k->key[0], KC_USCC);
    for (int i = 1; i < k->nkey; i++) assert_non_null(kindColumnOf(k, k->key[i]));
    for (int i = 0; i < KIND_MAX_CHECKS && k->checks[i].type != KCHECK_NONE; i++) {
        assert_non_null(kindColumnOf(k, k->checks[i].a));
        assert_non_null(kindColumnOf(k, k->checks[i].b));
        assert_non_null(k->checks[i].message);
    }
    bizFact f;
    memset(&f, 0, sizeof f);
    f.from = f.decided_on = DATE_NONE;
    char key[256];
    assert_int_equal(kindKey(key, sizeof key, k, &f), 0); /* every key column has a key form */
}

/* An interval kind has a start column, which is what makes a row a listing. */
static void checkTargets(const importKind *k) {
    assert_int_not_equal(k->targets, 0);
    if (k->targets & FACT_INTERVAL) {
        assert_true(k->list >= 0 && k->list < LIST__COUNT);
        assert_true(kindColumnOf(k, KC_FROM) || kindColumnOf(k, KC_ABN_FROM));
    }
}

static void checkOwners(const importKind *k) {
    for (int i = 0; i < KIND_MAX_OWNERS && k->owners[i]; i++) {
        const char *canonical = departmentCanonical(k->owners[i]);
        if (!canonical || strcmp(canonical, k->owners[i])) {
            print_error("kind %s: owner %s is not a canonical department name\n", k->name, k->owners[i]);
            fail();
        }
        assert_true(departmentSupplies(k->owners[i], k->id));
    }
    assert_null(k->owners[KIND_MAX_OWNERS - 1]); /* the list stays terminated */
}

/* docs/examples/<kind>.csv (the tax one is GBK) maps with no column ignored, and
 * its rows parse. */
static void checkExample(const importKind *k) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s%s.csv", GETIHU_EXAMPLES, k->name, k->id == EXTRACT_TAX ? "-gbk" : "");
    FILE *f = fopen(path, "rb");
    if (!f) {
        print_error("no example file %s\n", path);
        fail();
    }
    csvReader r;
    extractHeader h;
    arena a;
    char err[400], field[96], msg[320];
    assert_int_equal(csvOpen(&r, f, NULL), 0);
    assert_int_equal(csvNext(&r), 1);
    assert_int_equal(extractHeaderMap(&h, k->id, &r, err, sizeof err), 0);
    assert_int_equal(h.ignored, 0);
    arenaInit(&a, 4096, 0);
    int rows = 0;
    while (csvNext(&r) == 1) {
        extractRow row;
        if (extractRowParse(&row, &h, &r, &a, field, sizeof field, msg, sizeof msg)) {
            print_error("%s:%llu: %s: %s\n", path, (unsigned long long)r.rec_line, field, msg);
            fail();
        }
        rows++;
    }
    assert_true(rows > 0);
    arenaFree(&a);
    csvClose(&r);
    fclose(f);
}

static void test_every_descriptor_is_complete(void **state) {
    (void)state;
    for (int i = 0; i < EXTRACT__COUNT; i++) {
        const importKind *k = kindGet((extractKind)i);
        assert_int_equal(k->id, i);
        assert_non_null(k->name);
        assert_true(strlen(k->name) > 0 && isAscii(k->name, strlen(k->name)));
        assert_non_null(k->label);
        assert_false(isAscii(k->label, strlen(k->label)));
        for (int j = 0; j < i; j++) assert_string_not_equal(kindGet((extractKind)j)->name, k->name);
        if (i == EXTRACT_DOSSIERS) { /* JSON Lines: no columns, no department */
            assert_int_equal(k->ncols, 0);
            assert_null(k->owners[0]);
            continue;
        }
        checkColumns(k);
        checkKeyAndChecks(k);
        checkTargets(k);
        checkOwners(k);
        checkExample(k);
    }
}

/* The keys read exactly as the import has always staged them. */
static void test_keys(void **state) {
    (void)state;
    bizFact f;
    memset(&f, 0, sizeof f);
    snprintf(f.uscc, sizeof f.uscc, "92110115MA00001014");
    f.from = f.to = f.decided_on = DATE_NONE;
    char key[256];
    assert_int_equal(kindKey(key, sizeof key, kindGet(EXTRACT_REGISTRATION), &f), 0);
    assert_string_equal(key, "92110115MA00001014");
    assert_int_equal(kindKey(key, sizeof key, kindGet(EXTRACT_TAX), &f), 0); /* a row without a year */
    assert_string_equal(key, "92110115MA00001014/-");
    f.has_year = true, f.year = 2024;
    assert_int_equal(kindKey(key, sizeof key, kindGet(EXTRACT_TAX), &f), 0);
    assert_string_equal(key, "92110115MA00001014/2024");
    assert_int_equal(kindKey(key, sizeof key, kindGet(EXTRACT_INSURANCE), &f), 0);
    assert_string_equal(key, "92110115MA00001014/2024");
    f.decided_on = dateFromYmd(2024, 5, 1);
    f.penalty = PENALTY_FINE;
    assert_int_equal(kindKey(key, sizeof key, kindGet(EXTRACT_PENALTIES), &f), 0);
    char want[64];
    snprintf(want, sizeof want, "92110115MA00001014/2024-05-01/%d", (int)PENALTY_FINE);
    assert_string_equal(key, want);
    f.from = dateFromYmd(2023, 3, 1);
    assert_int_equal(kindKey(key, sizeof key, kindGet(EXTRACT_SUSPENSIONS), &f), 0);
    assert_string_equal(key, "92110115MA00001014/2023-03-01");
    f.group = GROUP_DISABLED;
    assert_int_equal(kindKey(key, sizeof key, kindGet(EXTRACT_OPERATOR_GROUPS), &f), 0);
    snprintf(want, sizeof want, "92110115MA00001014/%u", (unsigned)GROUP_DISABLED);
    assert_string_equal(key, want);
    f.reg_no = "12345678";
    assert_int_equal(kindKey(key, sizeof key, kindGet(EXTRACT_TRADEMARKS), &f), 0);
    assert_string_equal(key, "92110115MA00001014/12345678");
    assert_int_equal(kindKey(key, 20, kindGet(EXTRACT_TRADEMARKS), &f), GH_EINVAL); /* never cut silently */
}

/* Market-regulation kinds have no department owner: clerks upload them. */
static void test_owners(void **state) {
    (void)state;
    const extractKind clerks_only[] = {EXTRACT_REGISTRATION, EXTRACT_ANNUAL_REPORTS, EXTRACT_ABNORMAL_LIST,
                                       EXTRACT_SERIOUS_ILLEGAL, EXTRACT_SUSPENSIONS, EXTRACT_PENALTIES};
    for (size_t i = 0; i < sizeof clerks_only / sizeof clerks_only[0]; i++)
        assert_null(kindGet(clerks_only[i])->owners[0]);
    assert_true(kindOwnedBy(kindGet(EXTRACT_OPERATOR_GROUPS), "区残疾人联合会"));
    assert_false(kindOwnedBy(kindGet(EXTRACT_OPERATOR_GROUPS), "区残联")); /* canonical names only */
    assert_false(kindOwnedBy(kindGet(EXTRACT_TAX), NULL));
}

/* The descriptors as JSON (the console, --list-kinds --format json) are valid JSON. */
static void test_json(void **state) {
    (void)state;
    for (int i = 0; i < EXTRACT__COUNT; i++) {
        sbuf b;
        arena a;
        jsonReader r;
        sbufInit(&b);
        arenaInit(&a, 4096, 0);
        kindWriteJson(&b, kindGet((extractKind)i));
        assert_false(b.failed);
        jsonInit(&r, b.data, b.len, &a);
        assert_int_equal(jsonSkip(&r), 0);
        assert_int_equal(jsonEnd(&r), 0);
        assert_non_null(strstr(b.data, kindGet((extractKind)i)->label));
        arenaFree(&a);
        sbufFree(&b);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_descriptor_is_complete),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_owners),
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
