// Results a person can read (issue 11 §1), in headless Debian Chromium at phone (390x844) and desktop (1366x900):
// the public page for a growth and an ineligible business, found by the USCC typed in lower case and with
// spaces, shows a summary sentence and reasons without a digit, never a missed criterion; the guide page; the
// owner's view with the summary, what the type means, the figures and the gap to the next type; the clerk's
// result block with met and missed criteria apart. axe-core (WCAG 2.1 A/AA) finds no violation on the public
// page, the guide and the owner view at both sizes; none scrolls sideways. Run by tests/e2e/explain.sh.
import assert from 'node:assert/strict';
import { PHONE, env, harness, staffLogin, noViolations, fitsWidth } from './lib.mjs';

const base = env.BASE_URL;
const WIDE = { width: 1366, height: 900 };
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CODE = /\b(?:MISSED|GROWTH|DEVELOPMENT|SURVIVAL|INELIGIBLE|NOTE)\.[A-Z_.]+/;
const { newPage, step, shot, finish } = await harness('explain');

// Checks the page at both sizes: axe, width, a screenshot each.
async function bothSizes(page, name) {
  for (const [size, vp] of [['phone', PHONE], ['desktop', WIDE]]) {
    await page.setViewportSize(vp);
    await fitsWidth(page);
    await noViolations(page, name + ' (' + size + ')', WCAG);
    await shot(page, name + '-' + size);
  }
  await page.setViewportSize(PHONE);
}

// The public card of one business: its year blocks' summary and reasons hold no figure and no missed criterion.
async function publicCard(page, typed, uscc, type, lead) {
  await page.goto(base + '/');
  await page.fill('#q', typed);
  await page.click('#search button[type=submit]');
  const card = page.locator('#results .card', { hasText: uscc });
  await card.locator('.summary').first().waitFor();
  const summary = await card.locator('.summary').first().textContent();
  assert.match(summary, new RegExp('^\\d{4} 年度：' + type + '。' + lead + '：'), summary);
  assert.doesNotMatch(summary.replace(/^\d{4}/, ''), /\d/, 'a figure in the summary: ' + summary);
  for (const li of await card.locator('.plain-reasons li').allTextContents())
    assert.doesNotMatch(li, /\d/, 'a figure in a reason: ' + li);
  const text = await card.textContent();
  assert.doesNotMatch(text, CODE, 'a reason code on the public page');
  assert.doesNotMatch(text, /未达到|尚差|未满足|距离/, 'a missed criterion on the public page: ' + text);
  assert.doesNotMatch(text, /\d[\d,]*\.\d\d|\d+ 人/, 'an amount or a count on the public page');
  assert.match(await card.locator('.codes').first().textContent(), /^依据条款：A1\.3\./);
}

const pub = await newPage('public', PHONE);
await step('public page: a growth business found by its USCC in lower case, in sentences without figures', async () => {
  await publicCard(pub, env.GROWTH_USCC.toLowerCase(), env.GROWTH_USCC, '成长型', '依据');
  await bothSizes(pub, 'public-growth');
});
await step('public page: an ineligible business found with spaces in its USCC, the reason in words', async () => {
  const u = env.INELIGIBLE_USCC.toLowerCase();
  await publicCard(pub, u.slice(0, 4) + ' ' + u.slice(4, 8) + ' ' + u.slice(8), env.INELIGIBLE_USCC, '不符合分型条件', '原因');
  await bothSizes(pub, 'public-ineligible');
});
await step('guide page: linked from the public page, explains types, categories, measures, codes, objections', async () => {
  await pub.goto(base + '/');
  await pub.click('a[href="/guide.html"]');
  await pub.locator('h1', { hasText: '分型分类说明' }).waitFor();
  const text = await pub.textContent('main');
  for (const w of ['生存型', '成长型', '发展型', '不符合分型条件', '名特优新', '5%', '有效期 3 年', '免申即享', '访问码', '异议'])
    assert.ok(text.includes(w), 'the guide does not say ' + w);
  await bothSizes(pub, 'guide');
});

const owner = await newPage('owner', PHONE);
await step('owner view: summary first, what the type means, the figures, the gap to development, how to object', async () => {
  await owner.goto(base + '/console.html');
  assert.ok(await owner.locator('#login-view a[href="/guide.html"]').count(), 'no guide link at sign-in');
  await owner.fill('#owner-uscc', env.GROWTH_USCC.toLowerCase());
  await owner.fill('#owner-code', env.OWNER_CODE);
  await owner.click('#owner-login button[type=submit]');
  const view = owner.locator('.owner-view');
  await view.locator('.summary').waitFor();
  assert.match(await view.locator('.summary').textContent(), /^\d{4} 年度：成长型。依据：/);
  assert.match(await view.locator('.meaning').textContent(), /成长型是/);
  const gap = await view.locator('.owner-gap').textContent();
  assert.match(gap, /距离发展型还差/);
  assert.match(gap, /\d[\d,]*\.\d\d 元|\d+ 人|件/, 'the gap quotes no figure: ' + gap);
  assert.match(await view.textContent(), /[\d,]+\.\d\d 元/, 'no amount on the owner view');
  assert.match(await view.locator('.owner-object').textContent(), /对分型结果有异议/);
  assert.ok(await view.locator('a[href="/guide.html"]').count(), 'no guide link on the owner view');
  await owner.locator('#obj-form').waitFor(); // objections.js adds its form under the card
  assert.doesNotMatch(await owner.textContent('#detail'), CODE, 'a reason code on the owner view');
  await bothSizes(owner, 'owner');
});

const clerk = await newPage('clerk', WIDE);
await step('staff view: the summary first, met and missed criteria apart, the article beside each', async () => {
  await staffLogin(clerk, base, 'clerk');
  await clerk.click('#tab-search-button');
  await clerk.fill('#sq', env.GROWTH_USCC);
  await clerk.click('#staff-search button[type=submit]');
  await clerk.click('#hits .sr-link'); // the list first, then the business as its own view (decision 174)
  const detail = clerk.locator('#detail');
  await detail.locator('.summary').first().waitFor();
  assert.match(await detail.locator('.summary').first().textContent(), /成长型。依据：/);
  assert.match(await detail.locator('.reason-group.met h4').first().textContent(), /已满足/);
  assert.match(await detail.locator('.reason-group.missed h4').first().textContent(), /未满足/);
  assert.match(await detail.locator('.reason-group.missed').first().textContent(), /尚差|未取得|未持有/);
  assert.match(await detail.locator('.reason-article').first().textContent(), /^依据条款 A1\.3\./);
  await shot(clerk, 'staff-detail');
});
await finish();
