// Browser tests: the public query page and the staff console, in headless Debian
// Chromium (playwright-core with executablePath). Run by tests/e2e/run.sh, which
// prepares a store and starts `getihu serve`. Screenshots go to $ARTIFACTS.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';

const base = process.env.BASE_URL;
const artifacts = process.env.ARTIFACTS || '.';
mkdirSync(artifacts, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let passed = 0, failed = 0;
async function test(name, fn) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  try {
    await fn(page);
    passed++;
    console.log('ok   ' + name);
  } catch (e) {
    failed++;
    console.log('FAIL ' + name + ': ' + e.message);
  } finally {
    await page.screenshot({ path: artifacts + '/' + name.replace(/[^a-z0-9]+/gi, '-') + '.png', fullPage: true }).catch(() => {});
    await context.close();
  }
}

// Signs a staff account in on the console, on a desktop-sized page.
async function staffLogin(page, username, password) {
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(base + '/console.html');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#app:not([hidden])');
}

await test('public search by USCC', async (page) => {
  await page.goto(base + '/');
  await page.fill('#q', '92110115MA00001014');
  await page.click('button[type=submit]');
  await page.waitForSelector('.card h3');
  assert.equal(await page.textContent('.card h3'), '北京市大兴区福顺小吃店');
  assert.match(await page.textContent('.card'), /经营者 张\*/);
  assert.match(await page.textContent('.card .badge'), /发展型|成长型|生存型|不符合分型条件/);
  assert.doesNotMatch(await page.content(), /110115199001011234/);
});

await test('public search by a two-character fragment', async (page) => {
  await page.goto(base + '/');
  await page.fill('#q', '瑞丰');
  await page.click('button[type=submit]');
  await page.waitForSelector('.card');
  assert.match(await page.textContent('#results'), /92110115MA00001027/);
  assert.match(await page.textContent('#status'), /找到 1 户/);
});

await test('staff login, business detail with explanation, publish a run', async (page) => {
  await staffLogin(page, 'reviewer', process.env.REVIEWER_PASSWORD);
  assert.match(await page.textContent('#who'), /reviewer/);
  await page.waitForSelector('#dash .chart .bars');
  assert.match(await page.textContent('#dash'), /分型分布/);
  // the figures come from GET /api/stats (the `getihu stats --format json` document): totals and towns
  assert.match(await page.textContent('#dash-status'), /共 5 户/);
  assert.match(await page.textContent('#dash'), /旧宫镇/);
  // transitions from the published 2024 run: said in words, the matrix behind 查看数据表 (issue 11 §4)
  assert.match(await page.textContent('#dash .transition-words'), /^与 2024 年度相比，\d+ 户/);
  assert.match(await page.textContent('#dash'), /上一年度无结果（新登记或上年未分型）|由生存型|由成长型|由发展型|由不符合/);
  await page.screenshot({ path: artifacts + '/console-dashboard.png', fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.download:has-text("CSV")')]);
  assert.match(download.suggestedFilename(), /^getihu-2025-run1\.csv$/);
  await page.click('button[data-tab=search]');
  await page.fill('#sq', '福顺');
  await page.click('#staff-search button');
  await page.click('#hits .sr-link'); // the detail is its own view (issue 11 §3)
  await page.waitForSelector('#detail .grid');
  const detail = await page.textContent('#detail');
  assert.match(detail, /A1\.3\.2\(3\)D/);
  assert.match(detail, /注册号 30001234/);
  await page.click('button[data-tab=runs]');
  await page.getByRole('button', { name: /^公布第 2 次分型/ }).click();
  await page.locator('#publish-dialog', { hasText: '公布为 2025 年度的公示结果' }).waitFor();
  await page.getByRole('button', { name: '确认公布' }).click();
  await page.waitForSelector('#runs-status:has-text("已公布第 2 次分型")');
  await page.waitForSelector('#runs tr:has-text("#2") .badge');
  assert.match(await page.textContent('#runs tr:has-text("#2")'), /已公布/);
  // one public run per year: the earlier one can be published again
  assert.match(await page.textContent('#runs tr:has-text("#1")'), /公布/);
});

await test('clerk starts a run and watches it finish', async (page) => {
  await staffLogin(page, 'clerk', process.env.CLERK_PASSWORD);
  await page.click('button[data-tab=runs]');
  await page.waitForSelector('#start-run:not([hidden])');
  await page.selectOption('#run-year', '2025');
  await page.click('#start-run button');
  await page.waitForSelector('#runs-status:has-text("分型完成")');
  assert.match(await page.textContent('#runs-status'), /第 4 次分型/);
  await page.waitForSelector('#runs tr:has-text("#4")');
  assert.equal(await page.locator('#runs button:has-text("公布")').count(), 0); // a clerk does not publish
});

await test('clerk uploads an extract, reads the report and commits it', async (page) => {
  await staffLogin(page, 'clerk', process.env.CLERK_PASSWORD);
  await page.click('button[data-tab=imports]');
  assert.equal(await page.locator('#kind option').count(), 13); // a clerk uploads every CSV kind (the city's typing result included)
  await page.selectOption('#kind', 'penalties');
  assert.equal(await page.isVisible('#snapshot'), true); // a list may be uploaded as the whole list
  assert.equal(await page.locator('#snapshot option').count(), 3);
  await page.selectOption('#kind', 'insurance');
  await page.waitForSelector('#kind-columns strong:has-text("单位参保人数")'); // the expected columns, required in bold
  assert.equal(await page.isVisible('#snapshot'), false); // not for other kinds
  assert.match(await page.textContent('#kind-columns'), /参保年度/);
  await page.setInputFiles('#file', { name: 'insurance.csv', mimeType: 'text/csv',
    buffer: Buffer.from('统一社会信用代码,参保年度,单位参保人数\n92110115MA0000104D,2024,5\n92110115MA0000104D,24,1\n') });
  await page.click('#upload button');
  await page.waitForSelector('#import-bad tr:has-text("参保年度")');
  assert.match(await page.textContent('#import-status'), /检查完毕（尚未写入）.*错误 1/);
  assert.equal(await page.isDisabled('#commit'), true); // bad rows: all or nothing, or skip them knowingly
  await page.click('#commit-skip');
  await page.waitForSelector('#import-status:has-text("已导入")');
  assert.match(await page.textContent('#import-status'), /有效 1/);
});

// fixtures/insurance.xlsx: written by tests/tools/sheet_fixture (xlsx) from a CSV of a good row and a bad year,
// the data on its second sheet "数据" (the first is a note).
await test('clerk uploads an Excel workbook, names its sheet and reads the bad row by sheet and row', async (page) => {
  await staffLogin(page, 'clerk', process.env.CLERK_PASSWORD);
  await page.click('button[data-tab=imports]');
  await page.selectOption('#kind', 'insurance');
  assert.equal(await page.isVisible('#sheet'), false); // offered only for a workbook
  await page.setInputFiles('#file', { name: '参保.xlsx', buffer: readFileSync(new URL('fixtures/insurance.xlsx', import.meta.url)),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  await page.waitForSelector('#sheet:visible');
  await page.fill('#sheet', '数据');
  await page.click('#upload button');
  await page.waitForSelector('#import-bad td:has-text("“数据”表第 3 行")');
  assert.match(await page.textContent('#import-status'), /检查完毕（尚未写入）.*错误 1.*工作表 数据/);
  await page.click('#commit-skip'); // the commit reads the same sheet as the dry run
  await page.waitForSelector('#import-status:has-text("已导入")');
  assert.match(await page.textContent('#import-status'), /有效 1.*工作表 数据/);
});

await test('owner signs in with an access code and sees only its own explanation', async (page) => {
  await page.setViewportSize({ width: 390, height: 844 }); // a phone
  await page.goto(base + '/console.html');
  await page.fill('#owner-uscc', process.env.OWNER_USCC.toLowerCase()); // typed in lower case: accepted
  await page.fill('#owner-code', process.env.OWNER_CODE);
  await page.click('#owner-login button[type=submit]');
  await page.waitForSelector('#detail .owner-view .summary'); // owner.js (issue 11 §1)
  const detail = await page.textContent('#detail');
  assert.match(detail, new RegExp(process.env.OWNER_USCC));
  assert.match(detail, /A1\.3\.\d/); // articles with the explanation
  assert.match(detail, /元/);         // the sentences with the figures, which the public does not see
  assert.doesNotMatch(detail, /未公布/); // drafts (unpublished runs) are not shown to an owner
  for (const tab of ['dashboard', 'runs', 'search']) assert.equal(await page.isVisible('#tab-' + tab + '-button'), false, tab + ' tab shown to an owner');
  assert.equal(await page.isVisible('#staff-search'), false, 'search form shown to an owner');
  await page.screenshot({ path: artifacts + '/owner-detail.png', fullPage: true });
  await page.click('#logout');
  await page.waitForSelector('#login-view:not([hidden])');
  // the code was spent at first use
  await page.fill('#owner-uscc', process.env.OWNER_USCC);
  await page.fill('#owner-code', process.env.OWNER_CODE);
  await page.click('#owner-login button[type=submit]');
  await page.waitForSelector('#owner-status:has-text("访问码")');
});

await test('wrong password is refused on the console', async (page) => {
  await page.goto(base + '/console.html');
  await page.fill('#username', 'reviewer');
  await page.fill('#password', 'not the password');
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#login-status:has-text("用户名或密码错误")');
  assert.equal(await page.isHidden('#app'), true);
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
