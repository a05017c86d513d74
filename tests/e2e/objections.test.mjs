// Browser test of an objection to a typing result (RULES.md A1.2.3, S3(三); issue 10
// §4), in headless Debian Chromium: an owner on a phone-sized page (390x844) objects
// to a condition of its published result with a file; a clerk asks the tax bureau to
// verify; the bureau answers that its data was wrong; the clerk upholds with the
// correction; the owner reads the reply with the old and the new result, and its
// page shows the corrected type. axe-core finds no violation on the owner's page.
// Run by tests/e2e/objections.sh. Screenshots go to $ARTIFACTS.
import assert from 'node:assert/strict';
import { PHONE, DESKTOP, PNG, env, harness, staffLogin, noViolations } from './lib.mjs';

const base = env.BASE_URL;
const { newPage, step, shot, finish } = await harness('objections');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']; // axe-core's WCAG 2.1 A and AA rules

async function openObjections(page, username) {
  await staffLogin(page, base, username);
  await page.click('#tab-objections-button');
}

const owner = await newPage('owner', PHONE);
const clerk = await newPage('clerk', DESKTOP);
const tax = await newPage('tax', DESKTOP);

await step('an owner on a phone objects to a condition of its published result, with a file', async () => {
  await owner.goto(base + '/console.html');
  await owner.fill('#owner-uscc', env.OWNER_USCC);
  await owner.fill('#owner-code', env.OWNER_CODE);
  await owner.click('#owner-login button[type=submit]');
  await owner.waitForSelector('#obj-form');
  assert.match(await owner.textContent('#obj-owner h3'), /对分型结果有异议/);
  await owner.selectOption('#obj-code', 'MISSED.GROWTH.B');
  await owner.fill('#obj-statement', '2024年实缴税款应为5000元，有完税证明');
  await owner.setInputFiles('#obj-files', { name: '完税证明.png', mimeType: 'image/png', buffer: PNG });
  await owner.click('#obj-form button[type=submit]');
  await owner.locator('#obj-status', { hasText: '已提交' }).waitFor();
  await owner.locator('#obj-mine .badge', { hasText: '已受理' }).waitFor();
  assert.match(await owner.textContent('#obj-mine'), /材料 1 份/);
  const width = await owner.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, 'no sideways scrolling on a phone: ' + width);
  await shot(owner, 'owner-filed');
  await noViolations(owner, 'the owner\'s page', WCAG);
});

await step('the clerk sees it in the queue with its age and asks the tax bureau', async () => {
  await openObjections(clerk, 'clerk');
  const card = clerk.locator('#obj-queue .objection', { hasText: env.OWNER_USCC });
  await card.waitFor();
  assert.match(await card.textContent(), /已 0 天/);
  await card.locator('button', { hasText: '核实' }).click();
  await clerk.locator('#obj-queue .badge', { hasText: '部门核实中' }).waitFor();
});

await step('the tax bureau answers that its data was wrong, with the correct value', async () => {
  await openObjections(tax, 'tax');
  const card = tax.locator('#obj-queue .objection', { hasText: env.OWNER_USCC });
  await card.waitFor();
  await card.locator('input[id^=obj-answer-value]').fill('5000');
  await card.locator('textarea[id^=obj-answer-note]').fill('系统漏记一笔入库税款');
  await card.locator('button', { hasText: '数据有误' }).click();
  await tax.locator('#obj-queue', { hasText: '数据有误，正确值 5000' }).waitFor();
});

await step('the clerk upholds with the correction: re-typed with the run\'s parameters', async () => {
  await clerk.click('#obj-filter button[type=submit]');
  const card = clerk.locator('#obj-queue .objection', { hasText: '正确值 5000' });
  await card.waitFor();
  await card.locator('select[id^=obj-field]').selectOption('tax_paid');
  await card.locator('input[id^=obj-year]').fill('2024');
  assert.equal(await card.locator('input[id^=obj-value]').inputValue(), '5000');
  await card.locator('button', { hasText: '异议成立' }).click();
  await clerk.locator('#obj-queue .badge', { hasText: '异议成立，已更正' }).waitFor();
  await shot(clerk, 'clerk-upheld');
});

await step('the owner reads the reply with the old and the new result; the page shows the corrected type', async () => {
  await owner.reload();
  await owner.locator('#obj-mine .badge', { hasText: '异议成立，已更正' }).waitFor();
  const text = await owner.textContent('#obj-mine');
  assert.match(text, /原分型结果：生存型/);
  assert.match(text, /更正后的分型结果：成长型/);
  assert.match(text, /A1\.3\.2\(2\)B/); // the article, not the code (decision 145)
  assert.doesNotMatch(text, /GROWTH\.B/);
  assert.match(text, /由 “1000.00” 改为 “5000”/);
  await owner.locator('#detail .badge', { hasText: '经异议更正' }).waitFor();
  assert.match(await owner.textContent('#detail .summary'), /成长型/); // the owner view's summary (issue 11 §1)
  await shot(owner, 'owner-reply');
  await noViolations(owner, 'the owner\'s page', WCAG);
});

await finish();
