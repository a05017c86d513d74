// Browser test of an import a clerk can do without the docs (issue 11 §5), in headless
// Chromium on an empty store: the clerk reads the year's sources (all 未导入), picks a
// kind and downloads its template, uploads a bad file (the report in Chinese with the
// column's Chinese title, 确认导入 disabled with its reason beside it), a wrong file (one
// plain sentence; the previous report gone), then a good file and commits it: the
// checklist says 已导入 by the clerk and the history lists the import. The tax bureau
// sees only its own source. axe-core finds nothing at 1366x900 and 390x844, and the
// phone page does not scroll sideways. Run by tests/e2e/imports.sh.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PHONE, env, fitsWidth, harness, labelled, noViolations, staffLogin } from './lib.mjs';

const base = env.BASE_URL;
const WIDE = { width: 1366, height: 900 };
const { newPage, step, shot, finish } = await harness('imports');
const csv = (text) => ({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
const REG_HEAD = '统一社会信用代码,字号名称,成立日期,登记状态\n';

async function openImports(page, username) {
  await staffLogin(page, base, username);
  await page.click('#tab-imports-button');
  await page.locator('#imp-checklist > li').first().waitFor();
}

const clerk = await newPage('clerk', WIDE, { acceptDownloads: true });
await step('the clerk reads the year\'s sources: every one 未导入', async () => {
  await openImports(clerk, 'clerk');
  assert.equal(await clerk.locator('#imp-checklist > li').count(), 12);
  assert.equal(await clerk.locator('#imp-checklist > li', { hasText: '未导入' }).count(), 12);
  assert.match(await clerk.textContent('#imp-checklist'), /提供单位：区税务局/);
  assert.match(await clerk.textContent('#imp-check-note'), /基准日/);
  await noViolations(clerk, 'the imports tab');
  await labelled(clerk);
});
await step('the clerk picks a kind and downloads its template', async () => {
  await clerk.selectOption('#kind', 'registration');
  await clerk.locator('#kind-columns strong', { hasText: '成立日期（必填）' }).waitFor();
  const [download] = await Promise.all([clerk.waitForEvent('download'), clerk.click('#tpl-xlsx')]);
  assert.equal(download.suggestedFilename(), '导入模板-登记信息.xlsx');
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK'); // a workbook (a zip)
  const [csvDownload] = await Promise.all([clerk.waitForEvent('download'), clerk.click('#tpl-csv')]);
  const text = readFileSync(await csvDownload.path(), 'utf8').replace(/^\uFEFF/, '').trim();
  assert.match(text, /^统一社会信用代码,字号名称,经营者姓名,/);
});
await step('a bad file: the report in Chinese, 确认导入 disabled with its reason', async () => {
  await clerk.setInputFiles('#file', csv(REG_HEAD + '92110115MA01K3L60E,示例小吃店,2020-13-45,在营\n'));
  await clerk.click('#upload button[type=submit]');
  await clerk.locator('#import-bad tr', { hasText: '成立日期' }).waitFor();
  assert.match(await clerk.textContent('#import-bad'), /日期无效/);
  assert.doesNotMatch(await clerk.textContent('#import-bad'), /invalid|established/);
  assert.equal(await clerk.isDisabled('#commit'), true);
  assert.match(await clerk.textContent('#commit-reason'), /有 1 行错误：请修正后重新上传，或选择「跳过错误行导入」/);
  await noViolations(clerk, 'a bad file\'s report');
  await shot(clerk, 'bad-desktop');
});
await step('a wrong file: one plain sentence, the previous report gone', async () => {
  await clerk.selectOption('#kind', 'patents');
  await clerk.setInputFiles('#file', csv(REG_HEAD + '92110115MA01K3L60E,示例小吃店,2020-05-20,在营\n'));
  await clerk.click('#upload button[type=submit]');
  await clerk.locator('#import-error:not([hidden])').waitFor();
  assert.match(await clerk.textContent('#import-error'), /看起来是「登记信息」，不是您选择的「专利」/);
  assert.equal(await clerk.getAttribute('#import-error', 'role'), 'alert');
  assert.equal(await clerk.locator('#import-bad tr').count(), 0);
  assert.equal(await clerk.isVisible('#import-actions'), false);
  await noViolations(clerk, 'a wrong file');
});
await step('a good file, committed: the checklist and the history say so', async () => {
  await clerk.selectOption('#kind', 'registration');
  await clerk.setInputFiles('#file', { ...csv(REG_HEAD + '92110115MA01K3L60E,示例小吃店,2020-05-20,在营\n'), name: '登记.csv' });
  await clerk.click('#upload button[type=submit]');
  await clerk.locator('#import-status', { hasText: '检查完毕' }).waitFor();
  assert.equal(await clerk.isDisabled('#commit'), false);
  await clerk.click('#commit');
  await clerk.locator('#import-status', { hasText: '已导入' }).waitFor();
  const card = clerk.locator('#imp-checklist > li', { hasText: '登记信息' });
  await card.locator('.imp-state', { hasText: '已导入' }).waitFor();
  assert.match(await card.textContent(), /clerk 导入“登记.csv”：读取 1 行，有效 1/);
  // the history reloads after the commit; the cancelled check is also 登记信息, so wait for the new row on top
  // (waiting for any 登记信息 row raced the reload on the slower PostgreSQL twin). A locator, not
  // waitForFunction: the pages' CSP forbids the string evaluation its polling uses.
  await clerk.locator('#imp-history tr').nth(1).filter({ hasText: /登记\.csv.*clerk.*已导入/ }).waitFor();
  // the bad file's check, replaced by the next upload, was cancelled; it stays listed
  const cancelled = clerk.locator('#imp-history tr', { hasText: '已取消' });
  assert.equal(await cancelled.count(), 1);
  assert.match(await cancelled.textContent(), /登记信息x\.csvclerk已取消/);
  await noViolations(clerk, 'after the commit');
  await shot(clerk, 'desktop');
});
const phone = await newPage('phone', PHONE);
await step('on a phone: the same tab fits the screen, no axe violation', async () => {
  await openImports(phone, 'clerk');
  await phone.locator('#imp-history tr').nth(1).waitFor();
  await fitsWidth(phone);
  await noViolations(phone, 'the imports tab on a phone');
  await phone.setInputFiles('#file', csv(REG_HEAD + '92110115MA01K3L60E,,2020-05-20,休眠\n'));
  await phone.click('#upload button[type=submit]');
  await phone.locator('#import-bad tr', { hasText: '登记状态' }).waitFor();
  await fitsWidth(phone);
  await noViolations(phone, 'a report on a phone');
  await shot(phone, 'phone');
  // the report and the history as the phone's screen shows them
  const art = env.ARTIFACTS || '.';
  await phone.locator('#import-status').scrollIntoViewIfNeeded();
  await phone.screenshot({ path: art + '/imports-phone-report.png' });
  await phone.locator('#imp-history-title').scrollIntoViewIfNeeded();
  await phone.screenshot({ path: art + '/imports-phone-history.png' });
});
const dept = await newPage('taxdept', PHONE);
await step('the tax bureau sees its own source only', async () => {
  await openImports(dept, 'taxdept');
  assert.equal(await dept.locator('#imp-checklist > li').count(), 1);
  assert.match(await dept.textContent('#imp-checklist'), /税务信息/);
  assert.equal(await dept.locator('#kind option').count(), 1);
  await noViolations(dept, 'a department\'s imports tab');
});
await finish();
