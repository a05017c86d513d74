// Browser test of the staff search (issue 11 §3), in headless Debian Chromium: a clerk searches 快餐 on a phone,
// sees the count and pages, opens a business with the keyboard (Tab + Enter) — the address changes and the focus is
// on its heading — and goes Back to the same page of the list with the focus on the card; filters narrow the list;
// axe-core finds nothing on the list and the detail at 390x844 and 1366x900. Run by tests/e2e/search.sh.
import assert from 'node:assert/strict';
import { PHONE, env, harness, staffLogin, labelled, fitsWidth, noViolations } from './lib.mjs';

const base = env.BASE_URL;
const WIDE = { width: 1366, height: 900 };
const { newPage, step, shot, finish } = await harness('search');
const n = (x) => Number(x).toLocaleString('zh-CN');
const pages = Math.ceil(Number(env.FAST) / 20);

for (const [name, viewport] of [['phone', PHONE], ['desktop', WIDE]]) {
  const page = await newPage(name, viewport);
  await step(name + ': 快餐 shows the count and pages', async () => {
    await staffLogin(page, base, 'clerk');
    await page.click('#tab-search-button');
    await page.fill('#sq', '快餐');
    await page.click('#staff-search button[type=submit]');
    await page.locator('#sr-status').filter({ hasText: '找到 ' + n(env.FAST) + ' 户' }).waitFor();
    assert.match(page.url(), /#\/search\?q=%E5%BF%AB%E9%A4%90$/);
    assert.equal(await page.locator('#hits .sr-link').count(), 20);
    assert.equal(await page.textContent('#sr-page'), '第 1 / ' + pages + ' 页');
    assert.ok(await page.isDisabled('#sr-prev'));
    const first = await page.locator('#hits .sr-link').first().textContent();
    assert.match(first, /快餐/);
    assert.match(first, /H6220 餐饮业·快餐服务/); // the industry by name
    assert.match(first, /生存型|成长型|发展型|不符合分型条件|暂无已公布的分型/); // the latest type
    await labelled(page);
    await fitsWidth(page);
    await noViolations(page, name + ' list');
    await shot(page, name + '-list');
  });
  await step(name + ': page 2 holds other businesses', async () => {
    const one = await page.locator('#hits .sr-link').evaluateAll((a) => a.map((x) => x.dataset.uscc));
    await page.click('#sr-next');
    await page.locator('#sr-page').filter({ hasText: '第 2 / ' + pages + ' 页' }).waitFor();
    assert.match(page.url(), /page=2/);
    const two = await page.locator('#hits .sr-link').evaluateAll((a) => a.map((x) => x.dataset.uscc));
    assert.equal(two.length, Math.min(20, Number(env.FAST) - 20));
    assert.ok(two.every((u) => !one.includes(u)), 'pages overlap');
  });
  await step(name + ': Tab to a card, Enter opens the detail with its address and the focus on its heading', async () => {
    const card = page.locator('#hits .sr-link').nth(2);
    const uscc = await card.getAttribute('data-uscc');
    await page.locator('#hits .sr-link').nth(1).focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.uscc), uscc);
    await page.keyboard.press('Enter');
    await page.locator('#detail h3').waitFor();
    assert.ok(page.url().endsWith('#/business/' + uscc));
    assert.ok(await page.isHidden('#sr-list-view'), 'the list is hidden while the detail shows');
    assert.ok(await page.isVisible('#sr-back'));
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H3');
    const top = await page.locator('#detail h3').evaluate((h) => h.getBoundingClientRect().top + window.scrollY);
    assert.ok(top < page.viewportSize().height / 2, 'the detail starts at the top of the page, not ' + top + 'px down');
    assert.match(await page.textContent('#detail'), new RegExp(uscc));
    assert.doesNotMatch(await page.textContent('#detail'), /\d{4}\.\d\d 元/, 'amounts without separators');
    await fitsWidth(page);
    await noViolations(page, name + ' detail');
    await shot(page, name + '-detail');
    // Back returns to the same page of the list, the focus on the card that was opened
    await page.goBack();
    await page.locator('#sr-page').filter({ hasText: '第 2 / ' + pages + ' 页' }).waitFor();
    assert.ok(await page.isHidden('#sr-detail-view'));
    await page.waitForSelector('#hits .sr-link[data-uscc="' + uscc + '"]:focus');
    // Forward shows the detail again; 返回查询结果 returns to the list too
    await page.goForward();
    await page.locator('#detail h3').waitFor();
    await page.click('#sr-back');
    await page.locator('#sr-page').filter({ hasText: '第 2 / ' + pages + ' 页' }).waitFor();
  });
  await step(name + ': the town filter narrows the list', async () => {
    await page.selectOption('#sr-town', env.TOWN);
    await page.locator('#sr-status').filter({ hasText: '找到 ' + n(env.FAST_TOWN) + ' 户' }).waitFor();
    assert.match(page.url(), /town=/);
    assert.doesNotMatch(page.url(), /page=/); // a new filter starts at page 1
    const metas = await page.locator('#hits .sr-link .meta').allTextContents();
    assert.ok(metas.length > 0 && metas.every((m) => m.includes(' · ' + env.TOWN + ' · ')), 'another town listed');
    await page.selectOption('#sr-type', 'development');
    await page.locator('#sr-status').filter({ hasText: /找到|没有找到/ }).waitFor();
    const badges = await page.locator('#hits .badge').allTextContents();
    assert.ok(badges.every((b) => b === '发展型'), 'another type listed: ' + badges.join(','));
    await page.fill('#sq', '没有这样的名字');
    await page.selectOption('#sr-type', '');
    await page.click('#staff-search button[type=submit]');
    await page.locator('#sr-status').filter({ hasText: '没有找到符合条件的个体工商户' }).waitFor();
    await noViolations(page, name + ' empty');
    await shot(page, name + '-empty');
  });
}
await step('a shared address opens the same list after sign-in', async () => {
  const page = await newPage('link', PHONE);
  await page.goto(base + '/console.html#/search?q=' + encodeURIComponent('快餐') + '&page=3');
  await page.fill('#username', 'clerk');
  await page.fill('#password', env.STAFF_PASSWORD);
  await page.click('#login button[type=submit]');
  await page.locator('#sr-page').filter({ hasText: '第 3 / ' + pages + ' 页' }).waitFor();
  assert.equal(await page.inputValue('#sq'), '快餐');
});
await finish();
