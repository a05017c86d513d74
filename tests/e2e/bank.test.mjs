// Browser test of the bank channel (S2(三)6, issue 10 §5), in headless Debian
// Chromium: an owner grants a bank consent on a phone; the bank signs in, sees the
// business in its list and looks it up; the owner sees the look-up ("谁查看了我的
// 信息") and withdraws; the bank's next look-up is refused. axe-core finds no
// violation on either page. Run by tests/e2e/bank.sh. Screenshots go to $ARTIFACTS.
import assert from 'node:assert/strict';
import { PHONE, env, harness, noViolations, fitsWidth } from './lib.mjs';

const base = env.BASE_URL;
const { newPage, step, shot, finish } = await harness('bank');

const owner = await newPage('owner', PHONE);
const bank = await newPage('bank', PHONE);

await step('an owner grants the bank consent on a phone (type, category and the annual report)', async () => {
  await owner.goto(base + '/console.html');
  await owner.fill('#owner-uscc', env.OWNER_USCC);
  await owner.fill('#owner-code', env.OWNER_CODE);
  await owner.click('#owner-login button[type=submit]');
  await owner.waitForSelector('#app:not([hidden])');
  await owner.click('#tab-bank-button');
  await owner.waitForSelector('#bank-owner:not([hidden])');
  await owner.waitForSelector('#consents li:has-text("尚未授权")');
  await owner.waitForSelector('#accesses li:has-text("还没有银行查看过")');
  await owner.selectOption('#consent-bank', env.BANK_NAME);
  await owner.check('input[name=consent-scope][value=report]');
  await owner.click('#consent-form button[type=submit]');
  await owner.waitForSelector('#consents li:has-text("' + env.BANK_NAME + '"):has-text("有效")');
  assert.match(await owner.textContent('#consents'), /年报营业收入和从业人数/);
  assert.doesNotMatch(await owner.textContent('#consents'), /纳税额/);
  await fitsWidth(owner);
  await shot(owner, 'owner-granted');
  await noViolations(owner, 'the owner page');
});

await step('the bank signs in, finds the business in its list and looks it up: no personal data', async () => {
  await bank.goto(base + '/console.html');
  await bank.fill('#username', 'bank');
  await bank.fill('#password', env.BANK_PASSWORD);
  await bank.click('#login button[type=submit]');
  await bank.waitForSelector('#bank-staff:not([hidden])');
  assert.equal(await bank.isVisible('#tab-search-button'), false); // no search of its own
  const row = bank.locator('#bank-list li', { hasText: env.OWNER_NAME });
  await row.waitFor();
  await row.click();
  await bank.waitForSelector('#bank-detail table');
  const detail = await bank.textContent('#bank-detail');
  assert.match(detail, new RegExp(env.OWNER_USCC));
  assert.match(detail, /年度年报/);
  assert.match(detail, /2025 年度/); // the published type
  assert.doesNotMatch(detail, /纳税额|张三|110115199001011234/);
  await fitsWidth(bank);
  await shot(bank, 'bank-lookup');
  await noViolations(bank, 'the bank page');
});

await step('the owner sees the look-up: which bank, when, what', async () => {
  await owner.click('#tab-bank-button');
  const seen = owner.locator('#accesses li', { hasText: '查看详情' });
  await seen.waitFor();
  const text = await seen.first().textContent();
  assert.match(text, new RegExp(env.BANK_NAME));
  assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/); // decision 145
  assert.match(text, /年报营业收入和从业人数/);
  await owner.waitForSelector('#accesses li:has-text("在列表中查看")');
  await shot(owner, 'owner-accesses');
});

await step('the owner withdraws; the bank\'s next look-up is refused at once', async () => {
  await owner.click('#consents button:has-text("撤回授权")');
  await owner.waitForSelector('#consents li:has-text("已撤回")');
  await bank.fill('#bank-uscc', env.OWNER_USCC);
  await bank.click('#bank-lookup button[type=submit]');
  await bank.waitForSelector('#bank-detail .status:has-text("未授权本行查询")');
  await noViolations(owner, 'the owner page after withdrawal');
});

await finish();
