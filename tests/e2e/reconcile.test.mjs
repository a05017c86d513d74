// Browser test of 市级分型核对 (issue 10 §6), in headless Debian Chromium: on a
// phone-sized page a clerk opens the tab, reads the counts by kind and the
// differences with both types and the driving reasons, filters by kind, raises one
// business with the city with a note and finds the report's download link; an
// inspector reads the same list without the forms. Run by tests/e2e/reconcile.sh.
import assert from 'node:assert/strict';
import { PHONE, env, harness, staffLogin } from './lib.mjs';

const base = env.BASE_URL;
const { newPage, step, shot, finish } = await harness('reconcile');

// A staff account on a phone, on 市级分型核对 with its list shown.
async function login(username) {
  const page = await newPage(username, PHONE);
  await staffLogin(page, base, username);
  await page.click('#tab-reconcile-button');
  await page.locator('#rc-rows > li').first().waitFor();
  return page;
}

const clerk = await login('clerk');
await step('the clerk reads the counts and the differences', async () => {
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
await step('the clerk filters by kind', async () => {
  await clerk.selectOption('#rc-kind', 'survival-growth');
  await clerk.click('#rc-form button[type=submit]');
  await clerk.locator('#rc-page', { hasText: '共 1 户' }).waitFor();
  assert.equal(await clerk.locator('#rc-rows > li').count(), 1);
});
await step('the clerk raises a difference with the city', async () => {
  const row = clerk.locator('#rc-rows > li', { hasText: '92110115MA00001014' });
  await row.getByLabel('核实状态 92110115MA00001014').selectOption('raised');
  await row.getByLabel('备注 92110115MA00001014').fill('市局按2023年度数据判定');
  await row.getByRole('button', { name: '保存' }).click();
  await clerk.locator('#rc-status-line', { hasText: '已记录为“已向市局反映”' }).waitFor();
  await clerk.locator('#rc-rows > li', { hasText: '已向市局反映：市局按2023年度数据判定' }).waitFor();
  await shot(clerk, 'phone');
});
const inspector = await login('inspector');
await step('an inspector reads without the forms', async () => {
  assert.equal(await inspector.locator('#rc-rows > li').count(), 4);
  assert.equal(await inspector.locator('#rc-rows form').count(), 0);
  assert.equal(await inspector.locator('#rc-adopt').isHidden(), true);
});
await finish();
