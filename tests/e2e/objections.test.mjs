// Browser test of an objection to a typing result (RULES.md A1.2.3, S3(三); issue 10
// §4), in headless Debian Chromium: an owner on a phone-sized page (390x844) objects
// to a condition of its published result with a file; a clerk asks the tax bureau to
// verify; the bureau answers that its data was wrong; the clerk upholds with the
// correction; the owner reads the reply with the old and the new result, and its
// page shows the corrected type. axe-core finds no violation on the owner's page.
// Run by tests/e2e/objections.sh. Screenshots go to $ARTIFACTS.
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
const PHONE = { width: 390, height: 844 }, DESKTOP = { width: 1280, height: 900 };
const shot = (page, name) => page.screenshot({ path: artifacts + '/objections-' + name + '.png', fullPage: true });
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
                        '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

let passed = 0, failed = 0, stop = false;
const pages = [];
async function step(name, fn) {
  if (stop) { console.log('skip ' + name); return; }
  try {
    await fn();
    passed++;
    console.log('ok   ' + name);
  } catch (e) {
    failed++;
    stop = true;
    console.log('FAIL ' + name + ': ' + e.message.split('\n')[0]);
    for (const [n, p] of pages) await shot(p, 'failed-' + n).catch(() => {});
  }
}

// bypassCSP only so that the test can inject axe-core; the pages' own scripts are unchanged.
async function newPage(name, viewport) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => console.log('page error (' + name + '): ' + e.message));
  pages.push([name, page]);
  return page;
}

async function staffLogin(page, username) {
  await page.goto(base + '/console.html');
  await page.fill('#username', username);
  await page.fill('#password', env.STAFF_PASSWORD);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#app:not([hidden])');
  await page.click('#tab-objections-button');
}

// axe-core (WCAG 2 A and AA) on the page as it is: no violation.
async function axe(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  const v = r.violations.map((x) => x.id + ': ' + x.nodes.map((n) => n.target.join(' ')).join(', '));
  assert.deepEqual(v, [], 'axe-core violations: ' + v.join(' | '));
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
  await axe(owner);
});

await step('the clerk sees it in the queue with its age and asks the tax bureau', async () => {
  await staffLogin(clerk, 'clerk');
  const card = clerk.locator('#obj-queue .objection', { hasText: env.OWNER_USCC });
  await card.waitFor();
  assert.match(await card.textContent(), /已 0 天/);
  await card.locator('button', { hasText: '核实' }).click();
  await clerk.locator('#obj-queue .badge', { hasText: '部门核实中' }).waitFor();
});

await step('the tax bureau answers that its data was wrong, with the correct value', async () => {
  await staffLogin(tax, 'tax');
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
  assert.match(await owner.textContent('#detail .year'), /成长型/);
  await shot(owner, 'owner-reply');
  await axe(owner);
});

await browser.close();
console.log(`objections e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
