// Browser test of accounts and access codes in the console (issue 11 §2), in headless Debian Chromium: the
// administrator adds an account that then signs in; a clerk issues an owner's code on the business page, the slip
// shows it (from the URL fragment, never a query), the owner signs in with it once and the second try says what to
// do; the audit tab names the actions in Chinese. axe-core finds no violation on the accounts tab, the slip and
// the audit tab at 390x844 and 1366x900, and no page scrolls sideways. Run by tests/e2e/accounts.sh.
import assert from 'node:assert/strict';
import { PHONE, env, harness, noViolations, fitsWidth, labelled, staffLogin } from './lib.mjs';

const base = env.BASE_URL;
const WIDE = { width: 1366, height: 900 };
const { newPage, step, shot, finish } = await harness('accounts');
const admin = await newPage('admin', PHONE);
const adminWide = await newPage('admin-wide', WIDE);
const clerk = await newPage('clerk', PHONE);
const owner = await newPage('owner', PHONE);
const newbie = await newPage('newbie', PHONE);
let slipUrl = '', code = '';

await step('the administrator adds a department account from the lists; it signs in', async () => {
  await staffLogin(admin, base, 'admin');
  await admin.click('#tab-accounts-button');
  await admin.locator('#ac-list li', { hasText: 'clerk' }).waitFor();
  assert.match(await admin.textContent('#ac-list'), /区市场监管局经办/);
  await admin.click('#ac-add-box summary');
  await admin.fill('#ac-username', 'tax-e2e');
  await admin.selectOption('#ac-role', 'department');
  await admin.selectOption('#ac-unit', '区税务局');
  await admin.fill('#ac-password', 'e2e-tax-password');
  await admin.click('#ac-add button[type=submit]');
  await admin.locator('#ac-status', { hasText: '已新增账户 tax-e2e' }).waitFor();
  const card = admin.locator('#ac-list li', { hasText: 'tax-e2e' });
  await card.waitFor();
  assert.match(await card.textContent(), /部门用户.*启用.*区税务局/s);
  await fitsWidth(admin);
  await labelled(admin);
  await shot(admin, 'accounts-phone');
  await noViolations(admin, 'the accounts tab (phone)');
  await staffLogin(newbie, base, 'tax-e2e', 'e2e-tax-password');
  assert.match(await newbie.textContent('#who'), /tax-e2e.*部门.*区税务局/);
});

await step('a generated password is shown once and works; disabling ends the session', async () => {
  const card = admin.locator('#ac-list li', { hasText: 'tax-e2e' });
  await card.getByRole('button', { name: '重设密码 tax-e2e' }).click();
  await card.getByRole('button', { name: '自动生成' }).click();
  const status = admin.locator('#ac-status', { hasText: '的新密码：' });
  await status.waitFor();
  const pw = (await status.textContent()).match(/新密码：(\S+?)（/)[1];
  await staffLogin(newbie, base, 'tax-e2e', pw);
  await admin.locator('#ac-list li', { hasText: 'tax-e2e' }).getByRole('button', { name: '停用 tax-e2e' }).click();
  await admin.locator('#ac-list li', { hasText: 'tax-e2e' }).locator('.ac-state.off').waitFor();
  await newbie.click('#tab-dashboard-button');
  await newbie.locator('#login-view:not([hidden])').waitFor(); // its session ended: back to the sign-in page
});

await step('the accounts and audit tabs at 1366x900: no violation', async () => {
  await staffLogin(adminWide, base, 'admin');
  await adminWide.click('#tab-accounts-button');
  await adminWide.locator('#ac-list li', { hasText: 'tax-e2e' }).waitFor();
  await shot(adminWide, 'accounts-wide');
  await noViolations(adminWide, 'the accounts tab (wide)');
});

await step('a clerk issues an owner code on the business page; the slip shows it', async () => {
  await staffLogin(clerk, base, 'clerk', env.STAFF_PASSWORD);
  await clerk.click('#tab-search-button');
  await clerk.fill('#sq', env.OWNER_USCC);
  await clerk.click('#staff-search button[type=submit]');
  await clerk.click('#hits .sr-link'); // the list first, then the business as its own view (decision 174)
  await clerk.locator('#detail').getByRole('button', { name: '发放访问码' }).click();
  const box = clerk.locator('.ac-code-card');
  await box.waitFor();
  code = (await box.locator('.ac-code').textContent()).trim();
  assert.match(code, /^[A-Z0-9]{16}$/);
  assert.match(await box.textContent(), /只能登录一次/);
  slipUrl = await box.getByRole('link', { name: '打印告知单' }).getAttribute('href');
  assert.ok(slipUrl.startsWith('/slip.html#'), 'code in the fragment: ' + slipUrl);
  assert.ok(!slipUrl.includes('?'), 'no query string');
  const right = await box.evaluate((e) => e.getBoundingClientRect().right);
  assert.ok(right <= PHONE.width, 'the code card is wider than the phone: ' + right); // the page around it is search.js's
  await shot(clerk, 'business-code');
  const slip = await newPage('slip', PHONE);
  await slip.goto(base + slipUrl);
  await slip.locator('#slip:not([hidden])').waitFor();
  const text = await slip.textContent('#slip');
  assert.match(text, new RegExp(env.OWNER_NAME));
  assert.match(text, new RegExp(env.OWNER_USCC));
  assert.equal((await slip.textContent('#slip-code')).replace(/ /g, ''), code);
  assert.match(text, /只能登录一次/);
  assert.match(text, /申请新的访问码/);
  assert.match(text, /北京时间/);
  assert.match(await slip.textContent('#slip-address'), /\/console\.html$/);
  assert.ok(!slip.url().includes(code), 'the code left in the address bar');
  await fitsWidth(slip);
  await shot(slip, 'slip-phone');
  await noViolations(slip, 'the slip (phone)');
  await slip.emulateMedia({ media: 'print' });
  assert.equal(await slip.isVisible('#slip-print'), false); // nothing but the slip on paper
  const wide = await newPage('slip-wide', WIDE);
  await wide.goto(base + slipUrl);
  await wide.locator('#slip:not([hidden])').waitFor();
  await shot(wide, 'slip-wide');
  await noViolations(wide, 'the slip (wide)');
});

await step('the owner signs in with the code once; the second try says what to do', async () => {
  await owner.goto(base + '/console.html');
  assert.match(await owner.textContent('#owner-help'), /只能登录一次.*申请新的访问码/);
  await owner.fill('#owner-uscc', env.OWNER_USCC);
  await owner.fill('#owner-code', code.toLowerCase());
  await owner.click('#owner-login button[type=submit]');
  await owner.locator('#app:not([hidden])').waitFor();
  await owner.click('#logout');
  await owner.locator('#login-view:not([hidden])').waitFor();
  await owner.fill('#owner-uscc', env.OWNER_USCC);
  await owner.fill('#owner-code', code);
  await owner.click('#owner-login button[type=submit]');
  await owner.locator('#owner-status', { hasText: '只能登录一次' }).waitFor();
  assert.match(await owner.textContent('#owner-status'), /申请新的访问码/);
  await shot(owner, 'owner-spent');
});

await step('the audit tab in Chinese: actions, roles, Beijing time, filters, no raw JSON', async () => {
  for (const [page, name] of [[admin, 'phone'], [adminWide, 'wide']]) {
    await page.click('#tab-audit-button');
    await page.locator('#audit li', { hasText: '发放经营者访问码' }).first().waitFor();
    const text = await page.textContent('#audit');
    assert.match(text, /区市场监管局经办/);
    assert.match(text, /有效天数/);
    assert.doesNotMatch(text, /\{"/);
    assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT/); // Beijing time, not the server's UTC
    // every action is named in Chinese (no raw code such as bank.list), and the spent code's failed sign-in is by
    // 「公众（未登录）」 once, not 「公众（未登录）（未登录）」
    const heads = await page.locator('#audit .ac-head strong').allInnerTexts();
    assert.deepEqual(heads.filter((h) => /[A-Za-z]/.test(h)), [], 'actions shown as codes');
    const failed = await page.locator('#audit li', { hasText: '登录失败' }).first().locator('div.meta').innerText();
    assert.match(failed, /^操作人 公众（未登录） · /, 'failed sign-in by: ' + failed);
    await fitsWidth(page);
    await labelled(page);
    await shot(page, 'audit-' + name);
    await page.screenshot({ path: (env.ARTIFACTS || '.') + '/accounts-audit-' + name + '-top.png' }); // the first screen
    await noViolations(page, 'the audit tab (' + name + ')');
  }
  await admin.selectOption('#audit-action', 'user.disable');
  await admin.locator('#audit-status', { hasText: '显示 1 条' }).waitFor();
  assert.match(await admin.textContent('#audit'), /停用账户.*账户 tax-e2e/s);
});

await finish();
