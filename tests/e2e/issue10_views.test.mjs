// Every issue-10 view, for the role that uses it, at phone (390x844) and desktop (1280x800) size, in headless
// Debian Chromium: 帮扶措施 (a department's and a town's worklist, the clerk's coverage), 异议申诉 (the owner's
// form, the department's and the clerk's queue), 授权银行查询 / 授权企业 (the owner's consents, the bank's
// list), 市级分型核对 and the upload of an Excel file. On each: axe-core (WCAG 2.1 A/AA) finds no violation,
// the page does not scroll sideways, no request answers 403, and no reason code (MISSED.GROWTH.B), English
// role or UTC timestamp reaches the user. Run by tests/e2e/issue10_views.sh. Screenshots go to $ARTIFACTS.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = process.env;
const base = env.BASE_URL;
const artifacts = env.ARTIFACTS || '.';
mkdirSync(artifacts, { recursive: true });
const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

let passed = 0, failed = 0;
async function step(name, page, fn) {
  try {
    await fn();
    passed++;
    console.log('ok   ' + name);
  } catch (e) {
    failed++;
    console.log('FAIL ' + name + ': ' + e.message.split('\n')[0]);
    await page.screenshot({ path: artifacts + '/issue10-failed-' + name.replace(/[^a-z0-9]+/gi, '-') + '.png', fullPage: true }).catch(() => {});
  }
}

// A signed-in page for one role; it records every 403 so that a tab shown to a role that may not use it fails.
async function signIn(role) {
  const context = await browser.newContext({ viewport: SIZES.phone, locale: 'zh-CN', bypassCSP: true }); // axe only
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.forbidden = [];
  page.on('response', (r) => { if (r.status() === 403) page.forbidden.push(r.request().method() + ' ' + r.url()); });
  page.on('pageerror', (e) => { page.forbidden.push('page error: ' + e.message); });
  await page.goto(base + '/console.html');
  if (role === 'owner') {
    await page.fill('#owner-uscc', env.OWNER_USCC);
    await page.fill('#owner-code', env.OWNER_CODE);
    await page.click('#owner-login button[type=submit]');
  } else {
    await page.fill('#username', role);
    await page.fill('#password', env.STAFF_PASSWORD);
    await page.click('#login button[type=submit]');
  }
  await page.waitForSelector('#app:not([hidden])');
  return page;
}

// axe-core (WCAG 2 A and AA) on the page as it is: no violation.
async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  const v = r.violations.map((x) => x.id + ': ' + x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', '));
  assert.deepEqual(v, [], 'axe-core violations: ' + v.join(' | '));
}

const CODE = /\b(?:MISSED|GROWTH|DEVELOPMENT|SURVIVAL|INELIGIBLE)\.[A-Z_]+/;
const ROLE_EN = /（(?:admin|clerk|reviewer|department|inspector|bank|business|town)[，）]/;
const STAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d|\bUTC\b/;

// One view: open the tab, wait for what shows it has loaded, then check it at both sizes.
async function view(page, role, tab, ready, name) {
  await page.setViewportSize(SIZES.phone);
  await page.click('#tab-' + tab + '-button');
  await page.locator(ready).first().waitFor();
  for (const size of ['phone', 'desktop']) {
    await page.setViewportSize(SIZES[size]);
    const label = role + '-' + name + '-' + size;
    await page.screenshot({ path: artifacts + '/issue10-' + label + '.png', fullPage: true });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(sideways <= 0, label + ': the page scrolls sideways by ' + sideways + 'px');
    const text = await page.locator('#tab-' + (tab === 'own' ? 'search' : tab)).innerText(); // the owner's page is the search tab's
    const header = await page.locator('#who').innerText();
    assert.doesNotMatch(text, CODE, label + ': a reason code is shown');
    assert.doesNotMatch(text, STAMP, label + ': a UTC timestamp is shown');
    assert.doesNotMatch(header, ROLE_EN, label + ': the role is in English');
    await axe(page);
  }
  assert.deepEqual(page.forbidden, [], role + ' ' + name + ': refused requests');
}

const owner = await signIn('owner');
await step('owner: own page with measures in plain Chinese and the objection (phone, desktop)', owner, async () => {
  await view(owner, 'owner', 'own', '#obj-mine .objection', 'own');
  assert.match(await owner.locator('#tab-search').innerText(), /您可享受以下帮扶措施，无需申请/);
  assert.match(await owner.locator('#obj-mine').innerText(), /有异议的条件：成长型标准：实缴税款/);
});
await step('owner: consents and who looked (phone, desktop)', owner, async () => {
  await view(owner, 'owner', 'bank', '#consents li', 'consents');
  assert.match(await owner.locator('#consents').innerText(), /中国农业银行北京大兴支行/);
});

const bank = await signIn('bank');
await step('bank: the consenting businesses (phone, desktop)', bank, async () => {
  await view(bank, 'bank', 'bank', '#bank-list li', 'list');
  assert.match(await bank.locator('#bank-list').innerText(), new RegExp(env.OWNER_USCC));
});
await step('bank: after the list, the owner sees the look-up in Beijing time', owner, async () => {
  await owner.reload();
  await owner.waitForSelector('#app:not([hidden])');
  await view(owner, 'owner', 'bank', '#accesses li', 'accesses');
  assert.match(await owner.locator('#accesses').innerText(), /北京时间/);
});

const tax = await signIn('tax');
await step('department: its worklist (phone, desktop)', tax, async () => view(tax, 'tax', 'measures', '#ms-list tr:nth-child(2)', 'worklist'));
await step('department: the objection it is asked to verify (phone, desktop)', tax, async () => {
  await view(tax, 'tax', 'objections', '.objection', 'objections');
  assert.match(await tax.locator('#tab-objections').innerText(), /核实答复/);
});
await step('department: the upload of an extract (phone, desktop)', tax, async () => view(tax, 'tax', 'imports', '#upload', 'imports'));

const town = await signIn('town');
await step('town: its own town only (phone, desktop)', town, async () => {
  await view(town, 'town', 'measures', '#ms-list tr:nth-child(2)', 'worklist');
  const towns = await town.locator('#ms-list tr td:nth-child(3)').allInnerTexts();
  assert.ok(towns.length > 0 && towns.every((t) => t === env.TOWN), 'another town listed: ' + towns.join(','));
  assert.equal(await town.inputValue('#ms-town'), env.TOWN);
});

const clerk = await signIn('clerk');
await step('clerk: coverage (phone, desktop)', clerk, async () => view(clerk, 'clerk', 'measures', '#cov-table tr:nth-child(2)', 'coverage'));
await step('clerk: the objection queue (phone, desktop)', clerk, async () => view(clerk, 'clerk', 'objections', '.objection', 'objections'));
await step('clerk: the city typing check (phone, desktop)', clerk, async () => {
  await view(clerk, 'clerk', 'reconcile', '#rc-rows > li', 'reconcile');
  assert.match(await clerk.locator('#rc-counts').innerText(), /市级有、区级无（市级生存型）/);
});
await step('clerk: the upload of an Excel file (phone, desktop)', clerk, async () => view(clerk, 'clerk', 'imports', '#upload', 'imports'));

await browser.close();
console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed ? 1 : 0);
