/* The schema of the SQLite store, as migrations. Never edit a shipped migration:
 * add the next one (and raise STORE_SCHEMA_VERSION). */
#include "store/sqlite/sqlite_int.h"

const char *const sqliteMigrations[STORE_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE imports("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT NOT NULL, file_sha256 TEXT NOT NULL,"
    "  encoding TEXT, actor TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('running','committed','dry_run','rejected')),"
    "  started_at TEXT NOT NULL, finished_at TEXT,"
    "  rows_read INTEGER NOT NULL DEFAULT 0, rows_ok INTEGER NOT NULL DEFAULT 0,"
    "  rows_bad INTEGER NOT NULL DEFAULT 0, rows_changed INTEGER NOT NULL DEFAULT 0);"
    /* Rows of about 300 bytes: a rowid table with a unique USCC index (WITHOUT ROWID
     * suits narrow rows only). */
    "CREATE TABLE businesses("
    "  id INTEGER PRIMARY KEY, uscc TEXT NOT NULL UNIQUE, name TEXT, operator_name TEXT, operator_id TEXT,"
    "  established TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('registered','revoked','cancelled','withdrawn')),"
    "  seasonal INTEGER NOT NULL DEFAULT 0, town TEXT, industry TEXT, address TEXT, legacy_reg_no TEXT,"
    "  tax_registered INTEGER NOT NULL DEFAULT 0, general_taxpayer INTEGER NOT NULL DEFAULT 0,"
    "  operator_groups INTEGER NOT NULL DEFAULT 0, import_id INTEGER REFERENCES imports(id));"
    "CREATE INDEX businesses_regno ON businesses(legacy_reg_no) WHERE legacy_reg_no IS NOT NULL;"
    "CREATE INDEX businesses_name ON businesses(name, uscc) WHERE name IS NOT NULL;"
    "CREATE TABLE annual_reports("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), year INTEGER NOT NULL, filed_on TEXT,"
    "  revenue INTEGER, employees INTEGER, import_id INTEGER REFERENCES imports(id),"
    "  PRIMARY KEY(uscc, year)) WITHOUT ROWID;"
    "CREATE TABLE tax_paid("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), year INTEGER NOT NULL, amount INTEGER NOT NULL,"
    "  import_id INTEGER REFERENCES imports(id), PRIMARY KEY(uscc, year)) WITHOUT ROWID;"
    "CREATE TABLE insured("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), year INTEGER NOT NULL, count INTEGER NOT NULL,"
    "  import_id INTEGER REFERENCES imports(id), PRIMARY KEY(uscc, year)) WITHOUT ROWID;"
    "CREATE TABLE intervals("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc),"
    "  list TEXT NOT NULL CHECK(list IN ('abnormal','serious_illegal','tax_abnormal','suspension','dishonest_debtor')),"
    "  from_date TEXT NOT NULL, to_date TEXT, import_id INTEGER REFERENCES imports(id),"
    "  PRIMARY KEY(uscc, list, from_date)) WITHOUT ROWID;"
    "CREATE TABLE trademarks("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), reg_no TEXT NOT NULL,"
    "  holder TEXT NOT NULL CHECK(holder IN ('business','operator')), in_use INTEGER NOT NULL,"
    "  import_id INTEGER REFERENCES imports(id), PRIMARY KEY(uscc, reg_no)) WITHOUT ROWID;"
    "CREATE TABLE patents("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), number TEXT NOT NULL,"
    "  holder TEXT NOT NULL CHECK(holder IN ('business','operator')),"
    "  import_id INTEGER REFERENCES imports(id), PRIMARY KEY(uscc, number)) WITHOUT ROWID;"
    "CREATE TABLE penalties("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), decided_on TEXT NOT NULL, kind TEXT NOT NULL,"
    "  publicized INTEGER NOT NULL, repaired_on TEXT, import_id INTEGER REFERENCES imports(id),"
    "  PRIMARY KEY(uscc, decided_on, kind)) WITHOUT ROWID;"
    "CREATE TABLE business_imports("
    "  uscc TEXT NOT NULL, import_id INTEGER NOT NULL REFERENCES imports(id),"
    "  PRIMARY KEY(uscc, import_id)) WITHOUT ROWID;"
    "CREATE TABLE runs("
    "  id INTEGER PRIMARY KEY, year INTEGER NOT NULL, params_json TEXT NOT NULL, params_sha256 TEXT NOT NULL,"
    "  provisional INTEGER NOT NULL, program_version TEXT NOT NULL, actor TEXT NOT NULL,"
    "  started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL CHECK(status IN ('running','done')),"
    "  population INTEGER, survival INTEGER, growth INTEGER, development INTEGER, ineligible INTEGER);"
    /* Results carry their explanation as published (~650 bytes): a rowid table. */
    "CREATE TABLE results("
    "  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), uscc TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK(type IN ('survival','growth','development','ineligible')),"
    "  reasons TEXT NOT NULL, UNIQUE(run_id, uscc));"
    "CREATE INDEX results_uscc ON results(uscc);"
    "CREATE TABLE publications("
    "  year INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),"
    "  published_at TEXT NOT NULL, actor TEXT NOT NULL);"
    "CREATE TABLE publication_log("
    "  id INTEGER PRIMARY KEY, year INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),"
    "  published_at TEXT NOT NULL, actor TEXT NOT NULL);",
    /* 1 -> 2: accounts, sessions, the audit trail */
    "CREATE TABLE accounts("
    "  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL CHECK(role IN ('admin','clerk','reviewer','department','inspector','bank','business')),"
    "  department TEXT, uscc TEXT, password_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0,"
    "  failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);"
    "CREATE TABLE sessions("
    "  token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id), csrf TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;"
    /* Append-only and tamper-evident: each entry carries the hash of the one before. */
    "CREATE TABLE audit("
    "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, client TEXT,"
    "  action TEXT NOT NULL, object TEXT, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
    "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;",
    /* 2 -> 3: one-time access codes for business owners */
    "CREATE INDEX accounts_uscc ON accounts(uscc) WHERE uscc IS NOT NULL;"
    "CREATE TABLE access_codes("
    "  code_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),"
    "  expires_at INTEGER NOT NULL, used_at INTEGER, issued_by TEXT NOT NULL) WITHOUT ROWID;",
    /* 3 -> 4: the getihu mark, by which another program's file is told apart and
     * refused; snapshot imports (what the file replaced); the importing process, so
     * that a record left "running" by a killed process reads "interrupted". */
    "PRAGMA application_id=" SQLITE_APP_ID_SQL ";"
    "ALTER TABLE imports ADD COLUMN snapshot TEXT CHECK(snapshot IN ('businesses','all'));"
    "ALTER TABLE imports ADD COLUMN pid INTEGER;",
};
