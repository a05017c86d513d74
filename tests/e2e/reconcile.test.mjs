// Browser test of 市级分型核对 (issue 10 §6), in headless Debian Chromium: on a
// phone-sized page a clerk opens the tab, reads the counts by kind and the
// differences with both types and the driving reasons, filters by kind, raises one
// business with the city with a note and finds the report's download link; an
// inspector reads the same list without the forms. Run by tests/e2e/reconcile.sh.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';

const env = process.env;
const base = env.BASE_URL;
const artifacts = env.ARTIFACTS || '.';
mkdirSync(artifacts, { recursive: true });
const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const PHONE = { width: 390, height: 844 };
let passed = 0, failed = 0, stop = false;
async function step(name, page, fn) {
  if (stop) { console.log('skip ' + name); return; }
  try {
    await fn();
    passed++;
    console.log('ok   ' + name);
  } catch (e) {
    failed++;
    stop = true;
    console.log('FAIL ' + name + ': ' + e.message.split('\n')[0]);
    await page.screenshot({ path: artifacts + '/reconcile-failed.png', fullPage: true }).catch(() => {});
  }
}
async function login(username) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => console.log('page error: ' + e.message));
  await page.goto(base + '/console.html');
  await page.fill('#username', username);
  await page.fill('#password', env.STAFF_PASSWORD);
  await page.click('#login button[type=submit]');
  await page.locator('#app:not([hidden])').waitFor();
  await page.click('#tab-reconcile-button');
  await page.locator('#rc-rows > li').first().waitFor();
  return page;
}

const clerk = await login('clerk');
await step('the clerk reads the counts and the differences', clerk, async () => {
  assert.match(await clerk.textContent('#rc-status-line'), /一致 2 户，不同 4 户/);
  const counts = await clerk.textContent('#rc-counts');
  for (const k of ['市级生存型、区级成长型', '市级成长型、区级不符合分型条件', '区级有、市级无', '市级有、区级无'])
    assert.ok(counts.includes(k), k);
  assert.equal(await clerk.locator('#rc-rows > li').count(), 4);
  const row = clerk.locator('#rc-rows > li', { hasText: '92110115MA0000103A' });
  assert.match(await row.textContent(), /市级：成长型区级：不符合分型条件/);
  assert.match(await row.textContent(), /导致差异的情况/);
  assert.match(await clerk.locator('#rc-rows > li', { hasText: '92110115MA00000361' }).textContent(), /区级名录无此户/);
  assert.match(await clerk.getAttribute('#rc-xlsx', 'href'), /\/api\/reconcile\/xlsx\?year=2025/);
  const width = await clerk.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width + 1, 'no sideways scrolling on a phone: ' + width);
});
await step('the clerk filters by kind', clerk, async () => {
  await clerk.selectOption('#rc-kind', 'survival-growth');
  await clerk.click('#rc-form button[type=submit]');
  await clerk.locator('#rc-page', { hasText: '共 1 户' }).waitFor();
  assert.equal(await clerk.locator('#rc-rows > li').count(), 1);
});
await step('the clerk raises a difference with the city', clerk, async () => {
  const row = clerk.locator('#rc-rows > li', { hasText: '92110115MA00001014' });
  await row.getByLabel('核实状态 92110115MA00001014').selectOption('raised');
  await row.getByLabel('备注 92110115MA00001014').fill('市局按2023年度数据判定');
  await row.getByRole('button', { name: '保存' }).click();
  await clerk.locator('#rc-status-line', { hasText: '已记录为“已向市局反映”' }).waitFor();
  await clerk.locator('#rc-rows > li', { hasText: '已向市局反映：市局按2023年度数据判定' }).waitFor();
  await clerk.screenshot({ path: artifacts + '/reconcile-phone.png', fullPage: true });
});
const inspector = await login('inspector');
await step('an inspector reads without the forms', inspector, async () => {
  assert.equal(await inspector.locator('#rc-rows > li').count(), 4);
  assert.equal(await inspector.locator('#rc-rows form').count(), 0);
  assert.equal(await inspector.locator('#rc-adopt').isHidden(), true);
});
await browser.close();
console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed ? 1 : 0);
