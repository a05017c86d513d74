// The analyst's peer of bench/scale.sh (issue 12 §4): DuckDB loads the same department
// extracts with read_csv, types them with one SQL statement (typing.sql), exports the
// results as CSV and JSON lines, and counts them by type and by transition from last
// year's types (a second typing at the previous reference date). Prints one line per
// phase: rows, seconds, rows/s, peak RSS. Asserts nothing; bench/scale.sh compares
// its types with getihu's.
//   node peer.mjs EXTRACTS_DIR PARAMS_JSON PREVIOUS_PARAMS_JSON OUT_DIR
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const [dir, paramsFile, prevFile, out] = process.argv.slice(2);
const here = new URL('.', import.meta.url).pathname;

function yuan(s) { return String(s).replace(/[^0-9.]/g, '') || '0'; }
function sqlFor(file) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const vars = {
    R: p.reference_date || `${p.year}-07-31`, Y: p.year,
    MIN_YEARS: p.min_years ?? 2, SUSPENSION_YEARS: p.suspension_max_years ?? 3,
    GROWTH_REVENUE: yuan(p.growth.revenue_min), GROWTH_TAX: yuan(p.growth.tax_min),
    GROWTH_INSURED: p.growth.insured_min ?? 1,
    DEV_REVENUE: yuan(p.development.revenue_min), DEV_TAX: yuan(p.development.tax_min),
    DEV_INSURED: p.development.insured_min ?? 4,
  };
  return readFileSync(here + 'typing.sql', 'utf8').replace(/\$\{(\w+)\}/g, (_, k) => String(vars[k]));
}

const yes = (c) => `("${c}" = '是')`;
const d = (c) => `TRY_CAST(nullif("${c}", '') AS DATE)`;
const money = (c) => `CAST(nullif("${c}", '') AS DECIMAL(18,2))`;
const csv = (name) => `read_csv('${dir}/${name}.csv', header=true, all_varchar=true, quote='"', escape='"')`;
// The two extracts the tax bureau and HR send in GB18030 are converted first, as an analyst must
// (DuckDB's own encodings extension would need the network).
const loads = [
  ['registration', `SELECT "统一社会信用代码" AS uscc, ${d('成立日期')} AS established,
     CASE "登记状态" WHEN '在营' THEN 'registered' WHEN '吊销' THEN 'revoked' WHEN '注销' THEN 'cancelled'
       ELSE 'withdrawn' END AS status, ${yes('季节性经营')} AS seasonal, "字号名称" AS name, "所属镇街" AS town,
     "行业代码" AS industry FROM ${csv('registration')}`],
  ['annual_reports', `SELECT "统一社会信用代码" AS uscc, CAST("年报年度" AS INT) AS year, ${d('报送日期')} AS filed_on,
     ${money('营业收入')} AS revenue, CAST(nullif("从业人数", '') AS INT) AS employees FROM ${csv('annual_reports')}`],
  ['tax', `SELECT "统一社会信用代码" AS uscc, ${yes('税务登记')} AS registered, ${yes('一般纳税人')} AS general,
     CAST(nullif("所属年度", '') AS INT) AS year, ${money('实缴税款')} AS amount, ${d('非正常户认定日期')} AS abn_from,
     ${d('非正常户解除日期')} AS abn_to FROM ${csv('tax.utf8')}`],
  ['insurance', `SELECT "统一社会信用代码" AS uscc, CAST("参保年度" AS INT) AS year, CAST("单位参保人数" AS INT) AS count
     FROM ${csv('insurance.utf8')}`],
  ['abnormal_list', `SELECT "统一社会信用代码" AS uscc, ${d('列入日期')} AS date_from, ${d('移出日期')} AS date_to
     FROM ${csv('abnormal_list')}`],
  ['serious_illegal', `SELECT "统一社会信用代码" AS uscc, ${d('列入日期')} AS date_from, ${d('移出日期')} AS date_to
     FROM ${csv('serious_illegal')}`],
  ['suspensions', `SELECT "统一社会信用代码" AS uscc, ${d('歇业开始日期')} AS date_from, ${d('歇业结束日期')} AS date_to
     FROM ${csv('suspensions')}`],
  ['trademarks', `SELECT "统一社会信用代码" AS uscc, ${yes('是否实际使用')} AS in_use FROM ${csv('trademarks')}`],
  ['patents', `SELECT "统一社会信用代码" AS uscc FROM ${csv('patents')}`],
  ['penalties', `SELECT * FROM ${csv('penalties')}`],
  ['dishonest_debtors', `SELECT * FROM ${csv('dishonest_debtors')}`],
  ['operator_groups', `SELECT * FROM ${csv('operator_groups')}`],
];

function rss() { return Math.round(process.resourceUsage().maxRSS / 1024); }
function line(label, rows, secs) {
  const rate = secs > 0 ? Math.round(rows / secs) : 0;
  console.log(`${label.padEnd(28)} ${String(rows).padStart(9)} rows ${secs.toFixed(2).padStart(7)} s ` +
              `${String(rate).padStart(10)} rows/s  peak RSS ${String(rss()).padStart(4)} MiB`);
}
async function timed(label, fn) {
  const t = process.hrtime.bigint();
  const rows = await fn();
  line(label, rows, Number(process.hrtime.bigint() - t) / 1e9);
}

const db = await DuckDBInstance.create(`${out}/peer.duckdb`);
const c = await db.connect();
const count = async (sql) => Number((await (await c.run(sql)).getRows())[0][0]);

await timed('peer: load (iconv + read_csv)', async () => {
  for (const f of ['tax', 'insurance'])
    execFileSync('sh', ['-c', `iconv -f GB18030 -t UTF-8 '${dir}/${f}.csv' > '${dir}/${f}.utf8.csv'`]);
  let rows = 0;
  for (const [t, sql] of loads) {
    await c.run(`CREATE OR REPLACE TABLE ${t} AS ${sql}`);
    rows += await count(`SELECT count(*) FROM ${t}`);
  }
  return rows;
});
await timed('peer: type (one SQL)', async () => {
  await c.run(sqlFor(paramsFile));
  return count('SELECT count(*) FROM peer_results');
});
const n = await count('SELECT count(*) FROM peer_results');
await timed('peer: export csv', async () => {
  await c.run(`COPY (SELECT r.uscc, b.name, b.town, r.type FROM peer_results r JOIN registration b USING (uscc)
               ORDER BY r.uscc) TO '${out}/peer.csv' (HEADER)`);
  return n;
});
await timed('peer: export jsonl', async () => {
  await c.run(`COPY (SELECT r.uscc, r.type FROM peer_results r ORDER BY r.uscc) TO '${out}/peer.jsonl' (FORMAT JSON)`);
  return n;
});
await timed('peer: stats with transitions', async () => {
  await c.run(`CREATE OR REPLACE TABLE current_results AS SELECT * FROM peer_results`);
  await c.run(sqlFor(prevFile));
  await c.run(`CREATE OR REPLACE TABLE stats AS
    SELECT b.town, r.type, count(*) AS n FROM current_results r JOIN registration b USING (uscc) GROUP BY ALL`);
  await c.run(`CREATE OR REPLACE TABLE transitions AS
    SELECT coalesce(p.type, 'none') AS before, r.type AS after, count(*) AS n
    FROM current_results r LEFT JOIN peer_results p USING (uscc) GROUP BY ALL`);
  return n;
});
await c.run(`COPY (SELECT uscc, type FROM current_results ORDER BY uscc) TO '${out}/peer-types.csv' (HEADER false)`);
