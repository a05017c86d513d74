// Browser test of the measures (issue 10), in headless Debian Chromium: a department works its list on a phone
// (picks its measure, filters, records a status, exports), a town sees only its own town, a reviewer reads the
// coverage with its chart, an owner reads its measures in plain words. Run by tests/e2e/measures.sh.
import assert from 'node:assert/strict';
import { PHONE, DESKTOP, env, harness, staffLogin, labelled, fitsWidth } from './lib.mjs';

const base = env.BASE_URL;
const { newPage, step, shot, finish } = await harness('measures');

const hr = await newPage('department', PHONE, { acceptDownloads: true });
await step('a department sees only its own measures and works its list on a phone', async () => {
  await staffLogin(hr, base, 'hr');
  await hr.click('#tab-measures-button');
  await hr.waitForSelector('#ms-work:not([hidden])');
  // the list of measures comes from a request of its own: wait for it, not only for the tab
  await hr.locator('#ms-measure option').filter({ hasText: 'A2(二)1' }).waitFor({ state: 'attached' });
  const options = await hr.locator('#ms-measure option').allTextContents();
  assert.ok(options.some((o) => o.startsWith('A2(一)3')), 'A2(一)3 is 人社\'s');
  assert.ok(!options.some((o) => o.startsWith('A2(二)4')), 'A2(二)4 is the bureau\'s');
  await hr.selectOption('#ms-measure', 'A2(二)1');
  await hr.locator('#ms-page').filter({ hasText: '共 ' + env.GROWTH + ' 户' }).waitFor();
  await hr.locator('#ms-text').filter({ hasText: '岗位补贴' }).waitFor(); // its own part of the text …
  assert.doesNotMatch(await hr.textContent('#ms-text'), /私营个体经济协会/); // … not the bureau's
  await labelled(hr);
  await fitsWidth(hr);
  await shot(hr, 'department-phone');
});
await step('the department records 已服务 and filters by status', async () => {
  const row = hr.locator('#ms-list tr').filter({ hasText: env.OWNER_USCC });
  await row.locator('select').selectOption('served');
  await row.locator('input').fill('已电话联系并发放补贴申请指引');
  await row.locator('button:has-text("保存")').click();
  await hr.locator('#ms-msg').filter({ hasText: '已登记为“已服务”' }).waitFor();
  await hr.selectOption('#ms-status', 'served');
  await hr.click('#ms-filter button[type=submit]');
  await hr.locator('#ms-page').filter({ hasText: '共 1 户' }).waitFor();
  assert.equal(await hr.locator('#ms-list tr').count(), 2); // the header and the one served
  assert.equal(await hr.locator('#ms-list tr').nth(1).locator('input').inputValue(), '已电话联系并发放补贴申请指引');
});
await step('the department exports its list as CSV and Excel', async () => {
  const [csv] = await Promise.all([hr.waitForEvent('download'), hr.click('#ms-csv')]);
  assert.match(csv.suggestedFilename(), /^getihu-2025-A2.*\.csv$/);
  const [xlsx] = await Promise.all([hr.waitForEvent('download'), hr.click('#ms-xlsx')]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
});

await step('a town sees its own town only', async () => {
  const town = await newPage('town', PHONE, { acceptDownloads: true });
  await staffLogin(town, base, 'town');
  await town.waitForSelector('#ms-work:not([hidden])');
  await town.locator('#ms-list tr').nth(1).waitFor();
  const towns = await town.locator('#ms-list tr td:nth-child(3)').allTextContents();
  assert.ok(towns.length > 0 && towns.every((t) => t === '黄村镇'), 'towns: ' + towns.join(','));
  assert.equal(await town.inputValue('#ms-town'), '黄村镇'); // the filter shows its own town, fixed (decision 147)
  assert.ok(await town.locator('#ms-town').evaluate((e) => e.readOnly));
  await town.locator('#ms-town').evaluate((e) => { e.readOnly = false; }); // as if forced: the server still holds
  await town.fill('#ms-town', '西红门镇'); // the server keeps a town to its own
  await town.click('#ms-filter button[type=submit]');
  await town.locator('#ms-list tr').nth(1).waitFor();
  assert.ok((await town.locator('#ms-list tr td:nth-child(3)').allTextContents()).every((t) => t === '黄村镇'));
  await labelled(town);
  await fitsWidth(town);
});

await step('a reviewer reads the coverage: the served business counts, with a chart', async () => {
  const rev = await newPage('reviewer', DESKTOP, { acceptDownloads: true });
  await staffLogin(rev, base, 'reviewer');
  await rev.click('#tab-measures-button');
  await rev.waitForSelector('#ms-coverage:not([hidden])');
  const row = rev.locator('#cov-table tr').filter({ hasText: 'A2(二)1' }).filter({ hasText: '区人力资源社会保障局' });
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[3], env.GROWTH);
  assert.equal(cells[4], '1');
  assert.equal(await rev.locator('#cov-chart svg rect').count() >= 28, true);
  await shot(rev, 'coverage');
});

await step('an owner reads its measures in plain words', async () => {
  const owner = await newPage('owner', PHONE, { acceptDownloads: true });
  await owner.goto(base + '/console.html');
  await owner.fill('#owner-uscc', env.OWNER_USCC);
  await owner.fill('#owner-code', env.OWNER_CODE);
  await owner.click('#owner-login button[type=submit]');
  await owner.locator('#detail .measures').filter({ hasText: '您可享受以下帮扶措施，无需申请' }).waitFor();
  await owner.locator('#detail .measures li').filter({ hasText: '加强金融支持' }).filter({ hasText: '区发展改革委' }).waitFor();
  await fitsWidth(owner);
  await shot(owner, 'owner-phone');
});

await finish();
