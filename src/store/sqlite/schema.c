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
    /* 4 -> 5: the 名特优新 round (issue 9): applications and their history, evidence
     * (the bytes in the database, so that several servers share them), consents,
     * site visits, departments' opinions, objections, recognitions, information
     * reports, commendations and the city's spot checks. */
    "CREATE TABLE round_apps("
    "  id TEXT PRIMARY KEY, year INTEGER NOT NULL, seq INTEGER NOT NULL,"
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc),"
    "  category TEXT NOT NULL CHECK(category IN ('famous','characteristic','quality','emerging')),"
    "  route TEXT NOT NULL CHECK(route IN ('self','recommended')), recommended_by TEXT,"
    "  claimed TEXT NOT NULL, statement TEXT, state TEXT NOT NULL, applied_on TEXT,"
    "  publicity_from TEXT, publicity_until TEXT, supplement_by TEXT,"
    "  created_by TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE(year, seq));"
    "CREATE INDEX round_apps_uscc ON round_apps(uscc);"
    "CREATE INDEX round_apps_state ON round_apps(year, state);"
    "CREATE TABLE round_steps("
    "  id INTEGER PRIMARY KEY, app_id TEXT NOT NULL REFERENCES round_apps(id), from_state TEXT NOT NULL,"
    "  to_state TEXT NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, at TEXT NOT NULL,"
    "  on_date TEXT NOT NULL, reason TEXT, override INTEGER NOT NULL DEFAULT 0, override_by TEXT,"
    "  override_reason TEXT);"
    "CREATE INDEX round_steps_app ON round_steps(app_id, id);"
    "CREATE TRIGGER round_steps_append_only_update BEFORE UPDATE ON round_steps BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
    "CREATE TRIGGER round_steps_append_only_delete BEFORE DELETE ON round_steps BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
    "CREATE TABLE round_evidence("
    "  id INTEGER PRIMARY KEY, app_id TEXT NOT NULL REFERENCES round_apps(id), name TEXT NOT NULL,"
    "  content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, bytes BLOB NOT NULL,"
    "  added_by TEXT NOT NULL, added_at TEXT NOT NULL);"
    "CREATE INDEX round_evidence_app ON round_evidence(app_id);"
    "CREATE TABLE round_consents("
    "  app_id TEXT PRIMARY KEY REFERENCES round_apps(id), consent_on TEXT NOT NULL,"
    "  how TEXT NOT NULL CHECK(how IN ('owner','scan')), evidence_id INTEGER REFERENCES round_evidence(id),"
    "  recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL);"
    "CREATE TABLE round_visits("
    "  id INTEGER PRIMARY KEY, app_id TEXT NOT NULL REFERENCES round_apps(id), visited_on TEXT NOT NULL,"
    "  staff TEXT NOT NULL, notes TEXT NOT NULL, photos TEXT NOT NULL, recorded_by TEXT NOT NULL,"
    "  recorded_at TEXT NOT NULL);"
    "CREATE INDEX round_visits_app ON round_visits(app_id);"
    "CREATE TABLE round_opinions("
    "  app_id TEXT NOT NULL REFERENCES round_apps(id), department TEXT NOT NULL,"
    "  opinion TEXT NOT NULL CHECK(opinion IN ('pending','agree','disagree')), reason TEXT, actor TEXT NOT NULL,"
    "  at TEXT NOT NULL, PRIMARY KEY(app_id, department)) WITHOUT ROWID;"
    "CREATE TABLE round_objections("
    "  id INTEGER PRIMARY KEY, app_id TEXT NOT NULL REFERENCES round_apps(id), reason TEXT NOT NULL, contact TEXT,"
    "  filed_at TEXT NOT NULL, answered INTEGER NOT NULL DEFAULT 0, reply TEXT, replied_by TEXT, replied_at TEXT);"
    "CREATE INDEX round_objections_app ON round_objections(app_id);"
    "CREATE TABLE round_recognitions("
    "  app_id TEXT PRIMARY KEY REFERENCES round_apps(id), uscc TEXT NOT NULL REFERENCES businesses(uscc),"
    "  year INTEGER NOT NULL, category TEXT NOT NULL, route TEXT NOT NULL, type TEXT NOT NULL,"
    "  recognised_on TEXT NOT NULL, expires TEXT NOT NULL, extensions INTEGER NOT NULL DEFAULT 0,"
    "  dept_consent_on TEXT,"
    "  ended TEXT NOT NULL DEFAULT 'held' CHECK(ended IN ('held','cancelled','revoked','city_refused')),"
    "  ended_on TEXT, revocation TEXT CHECK(revocation IN ('fraud','bribery')), end_reason TEXT);"
    "CREATE INDEX round_recognitions_uscc ON round_recognitions(uscc);"
    "CREATE TABLE round_reports("
    "  id INTEGER PRIMARY KEY, app_id TEXT NOT NULL REFERENCES round_recognitions(app_id), year INTEGER NOT NULL,"
    "  filed_on TEXT NOT NULL, changes TEXT NOT NULL, filed_by TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('filed','confirmed','queried')), checked_by TEXT, checked_at TEXT,"
    "  note TEXT, UNIQUE(app_id, year));"
    "CREATE TABLE round_commendations("
    "  id INTEGER PRIMARY KEY, uscc TEXT NOT NULL REFERENCES businesses(uscc), commended_on TEXT NOT NULL,"
    "  title TEXT NOT NULL, level TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL);"
    "CREATE INDEX round_commendations_uscc ON round_commendations(uscc);"
    "CREATE TABLE round_spot_checks("
    "  id INTEGER PRIMARY KEY, app_id TEXT NOT NULL REFERENCES round_apps(id),"
    "  kind TEXT NOT NULL CHECK(kind IN ('request','supplied','refuse')), on_date TEXT NOT NULL, due_on TEXT,"
    "  note TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL);"
    "CREATE TABLE round_keeps("
    "  app_id TEXT NOT NULL REFERENCES round_recognitions(app_id), year INTEGER NOT NULL, reason TEXT NOT NULL,"
    "  actor TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY(app_id, year)) WITHOUT ROWID;",
    /* 5 -> 6: an administrator's calendar override granted ahead for another role's action (decision 84) */
    "CREATE TABLE round_override_grants("
    "  id INTEGER PRIMARY KEY, app_id TEXT NOT NULL REFERENCES round_apps(id), action INTEGER NOT NULL,"
    "  reason TEXT NOT NULL, granted_by TEXT NOT NULL, granted_at TEXT NOT NULL, used_at TEXT);"
    "CREATE UNIQUE INDEX round_override_grants_open ON round_override_grants(app_id, action) WHERE used_at IS NULL;",
    /* 6 -> 7: measures — entitlement changes, department work on measures, the town role (issue 10).
     * The accounts table is rebuilt for its role CHECK (a town account with its town); the
     * migration runs with foreign keys off, so sessions and access codes keep their rows. */
    "CREATE TABLE measure_changes("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK(kind IN ('publication','category','correction')),"
    "  ref TEXT NOT NULL, uscc TEXT NOT NULL, before_type TEXT, before_held INTEGER NOT NULL DEFAULT 0,"
    "  after_type TEXT, after_held INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL);"
    "CREATE INDEX measure_changes_ref ON measure_changes(kind, ref, id);"
    "CREATE INDEX measure_changes_uscc ON measure_changes(uscc);"
    "CREATE TABLE measure_work("
    "  measure TEXT NOT NULL, department TEXT NOT NULL, uscc TEXT NOT NULL REFERENCES businesses(uscc),"
    "  status TEXT NOT NULL CHECK(status IN ('pending','contacted','served','not_needed')),"
    "  on_date TEXT NOT NULL, note TEXT, actor TEXT NOT NULL, at TEXT NOT NULL,"
    "  PRIMARY KEY(measure, department, uscc)) WITHOUT ROWID;"
    "CREATE TABLE accounts_new("
    "  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL CHECK(role IN ('admin','clerk','reviewer','department','inspector','bank','business','town')),"
    "  department TEXT, uscc TEXT, password_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0,"
    "  failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,"
    "  town TEXT);"
    "INSERT INTO accounts_new(id,username,role,department,uscc,password_hash,disabled,failed_logins,locked_until,"
    "  created_at) SELECT id,username,role,department,uscc,password_hash,disabled,failed_logins,locked_until,"
    "  created_at FROM accounts;"
    "DROP TABLE accounts;"
    "ALTER TABLE accounts_new RENAME TO accounts;"
    "CREATE INDEX accounts_uscc ON accounts(uscc) WHERE uscc IS NOT NULL;",
    /* 7 -> 8: objections to a typing result (issue 10): the objection with its
     * verification and decision, its evidence, the corrections of facts it made and
     * the corrected results (the run's own results are never rewritten). */
    "CREATE TABLE typing_objections("
    "  id INTEGER PRIMARY KEY, uscc TEXT NOT NULL REFERENCES businesses(uscc), year INTEGER NOT NULL,"
    "  run_id INTEGER NOT NULL REFERENCES runs(id), code TEXT NOT NULL, kind TEXT NOT NULL,"
    "  statement TEXT NOT NULL, filed_by TEXT NOT NULL, filed_at TEXT NOT NULL, filed_on TEXT NOT NULL,"
    "  reply_due TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('filed','verifying','upheld','rejected')),"
    "  department TEXT, verify_asked_by TEXT, verify_asked_at TEXT, verify_due TEXT,"
    "  answer TEXT CHECK(answer IN ('correct','wrong')), answer_value TEXT, answer_note TEXT, answered_by TEXT,"
    "  answered_at TEXT, reply TEXT, decided_by TEXT, decided_at TEXT, old_type TEXT, new_type TEXT,"
    "  old_reasons TEXT, new_reasons TEXT);"
    "CREATE INDEX typing_objections_uscc ON typing_objections(uscc);"
    "CREATE INDEX typing_objections_open ON typing_objections(status, reply_due);"
    "CREATE TABLE objection_files("
    "  id INTEGER PRIMARY KEY, objection_id INTEGER NOT NULL REFERENCES typing_objections(id), name TEXT NOT NULL,"
    "  content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, bytes BLOB NOT NULL,"
    "  added_by TEXT NOT NULL, added_at TEXT NOT NULL);"
    "CREATE INDEX objection_files_objection ON objection_files(objection_id);"
    "CREATE TABLE fact_corrections("
    "  id INTEGER PRIMARY KEY, objection_id INTEGER NOT NULL REFERENCES typing_objections(id),"
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), kind TEXT NOT NULL, field TEXT NOT NULL, year INTEGER,"
    "  key TEXT, old_value TEXT, new_value TEXT NOT NULL, evidence TEXT, actor TEXT NOT NULL, at TEXT NOT NULL);"
    "CREATE INDEX fact_corrections_uscc ON fact_corrections(uscc);"
    "CREATE TABLE result_corrections("
    "  run_id INTEGER NOT NULL REFERENCES runs(id), uscc TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK(type IN ('survival','growth','development','ineligible')), reasons TEXT NOT NULL,"
    "  objection_id INTEGER NOT NULL REFERENCES typing_objections(id), PRIMARY KEY(run_id, uscc)) WITHOUT ROWID;",
    /* 8 -> 9: the bank channel: owners' consents per bank and the banks' accesses (issue 10) */
    "CREATE TABLE bank_consents("
    "  id INTEGER PRIMARY KEY, uscc TEXT NOT NULL REFERENCES businesses(uscc), bank TEXT NOT NULL,"
    "  from_date TEXT NOT NULL, to_date TEXT NOT NULL, scopes INTEGER NOT NULL,"
    "  granted_by TEXT NOT NULL, granted_at TEXT NOT NULL, withdrawn_by TEXT, withdrawn_at TEXT,"
    "  CHECK(from_date <= to_date));"
    "CREATE INDEX bank_consents_bank ON bank_consents(bank, uscc) WHERE withdrawn_at IS NULL;"
    "CREATE INDEX bank_consents_uscc ON bank_consents(uscc);"
    "CREATE TABLE bank_accesses("
    "  id INTEGER PRIMARY KEY, uscc TEXT NOT NULL REFERENCES businesses(uscc), bank TEXT NOT NULL,"
    "  account TEXT NOT NULL, at TEXT NOT NULL, what TEXT NOT NULL, scopes INTEGER NOT NULL);"
    "CREATE INDEX bank_accesses_uscc ON bank_accesses(uscc, id);",
    /* 9 -> 10: the city's typing result, its reconciliation worklist, runs made from it (issue 10) */
    "CREATE TABLE city_results("
    "  year INTEGER NOT NULL, uscc TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK(type IN ('survival','growth','development','ineligible')),"
    "  import_id INTEGER NOT NULL REFERENCES imports(id), PRIMARY KEY(year, uscc)) WITHOUT ROWID;"
    "CREATE TABLE city_checks("
    "  year INTEGER NOT NULL, uscc TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('pending','accepted','raised')), note TEXT NOT NULL,"
    "  actor TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY(year, uscc)) WITHOUT ROWID;"
    "ALTER TABLE runs ADD COLUMN source TEXT NOT NULL DEFAULT 'run' CHECK(source IN ('run','city'));"
    "ALTER TABLE runs ADD COLUMN city_import_id INTEGER REFERENCES imports(id);",
    /* 10 -> 11: staff search that scales (issue 11 §3, decision 171): each filter and
     * sort the search offers walks an index in the order it shows, so a page is read
     * without sorting the district; the latest type is found by (run, type). */
    "CREATE INDEX businesses_by_name ON businesses(name, uscc);"
    "CREATE INDEX businesses_town ON businesses(town, name, uscc);"
    "CREATE INDEX businesses_section ON businesses(substr(industry,1,1), name, uscc);"
    "CREATE INDEX businesses_established ON businesses(established, uscc);"
    "CREATE INDEX results_type ON results(run_id, type, uscc);",
    /* 11 -> 12: accounts and access codes in the console (issue 11): when an account last signed in */
    "ALTER TABLE accounts ADD COLUMN last_login_at TEXT;",
    /* 12 -> 13: import history: what the uploader decided about a checked upload (issue 11) */
    "ALTER TABLE imports ADD COLUMN decided TEXT CHECK(decided IN ('committed','cancelled'));"
    "CREATE INDEX imports_kind ON imports(kind, status, id);",
    /* 13 -> 14: run names (issue 11) */
    "ALTER TABLE runs ADD COLUMN name TEXT;"
    "ALTER TABLE runs ADD COLUMN note TEXT;",
    /* 14 -> 15: results as facts, rendered on read (issue 12): the renderer version a
     * run was made with; 0 for the runs before, whose reasons stay stored as the
     * sentences they published (decision 221) */
    "ALTER TABLE runs ADD COLUMN renderer INTEGER NOT NULL DEFAULT 0;",
    /* 15 -> 16: several serve processes on one store (issue 12): the sign-in limits' slots
     * (keys are hashes, never addresses) and the console's background jobs */
    "CREATE TABLE throttle("
    "  kind INTEGER NOT NULL, key INTEGER NOT NULL, level REAL NOT NULL, last REAL NOT NULL,"
    "  PRIMARY KEY(kind, key)) WITHOUT ROWID;"
    "CREATE TABLE jobs("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, year INTEGER NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('running','done','failed')), done INTEGER NOT NULL DEFAULT 0,"
    "  total INTEGER NOT NULL DEFAULT 0, run_id INTEGER, error TEXT, actor TEXT NOT NULL,"
    "  owner_host TEXT NOT NULL, owner_pid INTEGER NOT NULL, started_at TEXT NOT NULL, finished_at TEXT);"
    "CREATE INDEX jobs_running ON jobs(kind) WHERE status='running';",
    /* 16 -> 17: compact import history (issue 12, decision 232): per staged import, the
     * businesses it changed as sorted front-coded chunks (import_sets.c) */
    "CREATE TABLE import_sets("
    "  import_id INTEGER NOT NULL REFERENCES imports(id), first TEXT NOT NULL, last TEXT NOT NULL,"
    "  n INTEGER NOT NULL, members BLOB NOT NULL, PRIMARY KEY(import_id, first)) WITHOUT ROWID;",
    /* 17 -> 18: one name index (issue 12, decision 282): businesses_name (partial, issue 3)
     * and businesses_by_name (issue 11) held the same entries for every named business;
     * an import wrote both. The look-up by name reads businesses_by_name. */
    "DROP INDEX IF EXISTS businesses_name;",
    /* 18 -> 19: results keyed by (run, USCC), without a rowid (issue 12, decision 310): a
     * run wrote four b-trees per result (the rowid table, UNIQUE(run_id, uscc), results_uscc,
     * results_type); nothing refers to a result by id, so the key is the table, and
     * results_uscc goes (its inserts land all over the index, the run's dearest
     * structure): a business's results are read run by run through the key. */
    "CREATE TABLE results_new("
    "  run_id INTEGER NOT NULL REFERENCES runs(id), uscc TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK(type IN ('survival','growth','development','ineligible')),"
    "  reasons TEXT NOT NULL, PRIMARY KEY(run_id, uscc)) WITHOUT ROWID;"
    "INSERT INTO results_new(run_id,uscc,type,reasons) SELECT run_id,uscc,type,reasons FROM results "
    "  ORDER BY run_id,uscc;"
    "DROP TABLE results;"
    "ALTER TABLE results_new RENAME TO results;"
    "CREATE INDEX results_type ON results(run_id, type, uscc);",
    /* 19 -> 20: the PostgreSQL store's imported facts lose their per-row foreign-key
     * triggers (issue 12, decision 295); this store keeps its foreign keys (a check is
     * one probe of the parent's index here), and the entry keeps the versions in step */
    "SELECT 1;",
};
