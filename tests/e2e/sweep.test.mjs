// The sweep (issue 11 §6): every page and every role's every tab at phone (390x844) and desktop (1366x900)
// size. On each: axe-core finds no violation (all its rules, best practices included), the document is no
// wider than the viewport, and a screenshot is saved as $ARTIFACTS/sweep-ROLE-TAB-SIZE.png. The tab list
// is read from the console itself (the buttons a role sees), so a new tab is swept without editing this file.
// Run by tests/e2e/sweep.sh.
import assert from 'node:assert/strict';
import { harness, noViolations, fitsWidth, PHONE, env } from './lib.mjs';

const SIZES = { phone: PHONE, desktop: { width: 1366, height: 900 } };
const base = env.BASE_URL;
const ROLES = ['admin1', 'clerk', 'reviewer', 'tax', 'town', 'inspector', 'bank', 'owner'];
const t = await harness('sweep');
let problems = []; // every view's findings: all roles are swept, then the last step fails with the full list

// The checks on the page as it is now, each on its own so that one finding does not hide another.
async function check(page, role, view, size) {
  await page.setViewportSize(SIZES[size]);
  await t.shot(page, role + '-' + view + '-' + size);
  const checks = [() => fitsWidth(page), () => noViolations(page, role + ' ' + view + ' ' + size)];
  if (size === 'phone') checks.push(() => chinese(page, role + ' ' + view));
  for (const c of checks) {
    try {
      await c();
    } catch (e) {
      const what = role + ' ' + view + ' ' + size + ': ' + e.message.split('\n')[0];
      problems.push(what);
    }
  }
}

// Words a clerk may read in Latin letters: file formats, units and this test's user names. Anything else in
// Latin letters (an English message, a status code, a role, JSON) or a UTC timestamp is a finding.
const ALLOWED = new Set(['admin1', 'clerk', 'reviewer', 'tax', 'town', 'inspector', 'bank', 'owner', 'e2e',
                         'Excel', 'CSV', 'JSONL', 'PDF', 'JPG', 'JPEG', 'PNG', 'KB', 'MB', 'MiB', 'xlsx', 'xls', 'csv', 'USCC']);
async function chinese(page, what) {
  // Text marked translate="no" is data shown as stored (a file name, a field name, a code: console.js verbatim).
  const text = await page.locator('main').evaluate((m) => {
    const kept = [...m.querySelectorAll('[translate=no]')];
    const was = kept.map((n) => n.style.display);
    for (const n of kept) n.style.display = 'none';
    const t = m.innerText;
    kept.forEach((n, i) => { n.style.display = was[i]; });
    return t;
  });
  const words = [...new Set((text.match(/(?<![A-Za-z0-9])[A-Za-z][A-Za-z_.]{2,}(?![A-Za-z0-9])/g) || []).filter((w) => !ALLOWED.has(w)))];
  assert.deepEqual(words, [], what + ': Latin words shown: ' + words.slice(0, 8).join(' '));
  assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:\d\d|\bUTC\b/, what + ': a UTC timestamp is shown');
}

// Prints this step's findings (the last step fails on them all).
function verdict() {
  for (const p of problems.slice(verdict.shown || 0)) console.log('  view fails: ' + p);
  verdict.shown = problems.length;
}

// Waits until the page has stopped fetching, so the tab is drawn with its data.
async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {});
}

for (const [name, path] of [['index', '/'], ['publicity', '/publicity.html'],
                            ['certificate', '/certificate.html?uscc=' + env.OWNER_USCC], ['signin', '/console.html']]) {
  await t.step('page ' + name + ' at both sizes', async () => {
    const page = await t.newPage('page-' + name, SIZES.phone);
    await page.goto(base + path);
    await settle(page);
    for (const size of Object.keys(SIZES)) await check(page, 'public', name, size);
    await page.context().close();
    verdict();
  });
}

await t.step('console sign-in: a wrong password is an error, announced, in Chinese', async () => {
  const page = await t.newPage('signin-error', SIZES.phone);
  await page.goto(base + '/console.html');
  await page.fill('#username', 'clerk');
  await page.fill('#password', 'wrong-password');
  await page.click('#login button[type=submit]');
  const err = page.locator('#login-status.error[role=alert]');
  await err.waitFor();
  assert.match(await err.innerText(), /^错误：[^A-Za-z]*$/);
  await check(page, 'public', 'signin-error', 'phone');
  await page.context().close();
  verdict();
});

await t.step('the shell\'s formatters: exact 元 with separators, Beijing time, Chinese-only server messages', async () => {
  const page = await t.newPage('formatters', SIZES.phone);
  await page.goto(base + '/console.html');
  const r = await page.evaluate(() => [yuan('1234567.5'), yuan('-1000'), yuan('999'), yuan('12345678901234567.89'), yuan('—'),
    fenYuan(123456), fenYuan('-5'), fenYuan('922337203685477580'), fenYuan(100), clock('2026-03-01T18:03:04Z'),
    clock('2026-03-01'), plain('查询词过长 (query too long)'), plain('code: 请选择有异议的分型条件 (unknown condition)')]);
  assert.deepEqual(r, ['1,234,567.5', '-1,000', '999', '12,345,678,901,234,567.89', '—', '1,234.56', '-0.05',
    '9,223,372,036,854,775.80', '1', '2026-03-02 02:03', '2026-03-01', '查询词过长', '请选择有异议的分型条件']);
  await page.context().close();
});

for (const role of ROLES) {
  await t.step(role + ': every tab at both sizes', async () => {
    const page = await t.newPage(role, SIZES.phone);
    await page.goto(base + '/console.html');
    if (role === 'owner') {
      await page.fill('#owner-uscc', env.OWNER_USCC.toLowerCase());
      await page.fill('#owner-code', env.OWNER_CODE);
      await page.click('#owner-login button[type=submit]');
    } else {
      await page.fill('#username', role);
      await page.fill('#password', env.STAFF_PASSWORD);
      await page.click('#login button[type=submit]');
    }
    await page.locator('#app:not([hidden])').waitFor();
    // Focus after sign-in is on the opened panel's heading.
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H2', role + ': focus after sign-in');
    assert.doesNotMatch(await page.locator('#who').innerText(), /[A-Za-z]{3,}[，）]/, role + ': role shown raw');
    const tabs = page.locator('[role=tablist] [role=tab]:visible');
    const n = await tabs.count();
    assert.ok(n >= 1, role + ': no tab');
    for (let i = 0; i < n; i++) {
      const tab = tabs.nth(i);
      const view = (await tab.getAttribute('data-tab')) === 'search' && role === 'owner' ? 'own' : await tab.getAttribute('data-tab');
      await page.setViewportSize(SIZES.phone);
      await tab.click();
      assert.equal(await tab.getAttribute('aria-selected'), 'true');
      const panel = page.locator('#' + await tab.getAttribute('aria-controls'));
      assert.equal(await panel.getAttribute('role'), 'tabpanel');
      assert.equal(await panel.getAttribute('aria-labelledby'), await tab.getAttribute('id'), role + ' ' + view + ': panel label');
      // Opening a tab moves focus to its panel's heading, an h2 that is the panel's first heading.
      assert.deepEqual(await page.evaluate(() => { const a = document.activeElement; const p = a.closest('[role=tabpanel]');
        return [a.tagName, p && p.querySelector('h1, h2, h3, h4') === a]; }), ['H2', true], role + ' ' + view + ': focus');
      await settle(page);
      for (const size of Object.keys(SIZES)) await check(page, role, view, size);
    }
    verdict();
    // Arrow keys move between the tabs (the tablist pattern).
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    if (n > 1) assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true', role + ': ArrowRight');
    await page.click('#logout');
    await page.locator('#login-view:not([hidden])').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'username', role + ': focus after sign-out');
    await page.context().close();
  });
}

await t.step('every page, role, tab and size passes axe-core and fits the width', async () => {
  assert.equal(problems.length, 0, problems.length + ' views fail (listed above)');
});
await t.finish();
