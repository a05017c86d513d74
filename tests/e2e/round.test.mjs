// Browser test of the 名特优新 round (RULES.md A3, issue 9), in headless Debian
// Chromium: an owner applies with evidence on a phone; a department recommends
// another business and its owner consents; a clerk reviews and records a site
// visit; the department gives its joint-review opinion; a reviewer proposes and
// starts the publicity; the public files an objection, a clerk answers it; on a
// later day (a second server, --today after the publicity) the reviewer recognises
// the business; the public search shows the category and the certificate page its QR
// code. Run by tests/e2e/round.sh. Screenshots (desktop and phone) go to $ARTIFACTS.
import assert from 'node:assert/strict';
import { PHONE, DESKTOP, PDF, PNG, env, harness, labelled } from './lib.mjs';

const base = env.BASE_URL;   // the round's date: 2025-09-10, in the application window
const later = env.LATER_URL; // 2025-11-20: the publicity is over, recognition still in time
const artifacts = env.ARTIFACTS || '.';
const { newPage, step, shot, finish, pageNamed } = await harness('round');

// Signs in on the console at url (a session already open there goes on: the cookie
// is the host's, whichever server answers).
async function staffLogin(page, url, username) {
  const me = page.waitForResponse((r) => r.url().endsWith('/api/me'));
  await page.goto(url + '/console.html');
  if ((await me).status() !== 200) {
    await page.fill('#username', username);
    await page.fill('#password', env.STAFF_PASSWORD);
    await page.click('#login button[type=submit]');
  }
  await page.waitForSelector('#app:not([hidden])');
  assert.match(await page.textContent('#who'), new RegExp(username));
  await page.click('#tab-round-button');
  await page.waitForSelector('#round-staff:not([hidden])');
}

async function ownerLogin(page, url, uscc, code) {
  await page.goto(url + '/console.html');
  await page.fill('#owner-uscc', uscc);
  await page.fill('#owner-code', code);
  await page.click('#owner-login button[type=submit]');
  await page.waitForSelector('#app:not([hidden])');
  await page.click('#tab-round-button');
  await page.waitForSelector('#round-owner:not([hidden])');
}

// Opens the case of the business named name from the worklist.
async function openCase(page, name, state = '') {
  await page.selectOption('#wl-state', state);
  await page.click('#wl-filter button[type=submit]');
  await page.click(`#worklist tr:has-text("${name}") button.link`);
  await page.waitForSelector(`#case h3:has-text("${name}")`);
}

async function act(page, action, state) {
  await page.click(`#case button[data-action=${action}]`);
  await page.waitForSelector(`#case .badge:has-text("${state}")`);
}

const owner = await newPage('owner', PHONE);
const clerk = await newPage('clerk', DESKTOP);
let caseId = null;

await step('A3.2 an owner applies with evidence on a phone: the form is pre-filled from the directory', async () => {
  await ownerLogin(owner, base, env.OWNER_USCC, env.OWNER_CODE);
  await owner.waitForSelector('#apply:not([hidden])');
  await owner.waitForSelector('#apply-prefill table');
  const prefill = await owner.textContent('#apply-prefill');
  assert.match(prefill, new RegExp(env.OWNER_USCC));
  assert.match(prefill, /成长型/); // the published type, not asked
  assert.match(prefill, /可申报/);
  await owner.selectOption('#apply-category', 'quality');
  // every control has a label: the criteria are checkboxes named by their plain-language text
  assert.equal(await owner.locator('#apply-criteria input[type=checkbox]').count(), 6);
  await owner.check('#apply-criteria-quality-C');
  await owner.check('#apply-criteria-quality-E');
  await owner.fill('#apply-statement', '经营者持有中式面点师二级（技师）职业资格证书，产品通过质量管理体系认证。');
  await owner.setInputFiles('#apply-files', [{ name: '技师证书.pdf', mimeType: 'application/pdf', buffer: PDF },
                                              { name: '认证证书.png', mimeType: 'image/png', buffer: PNG }]);
  await labelled(owner);
  await shot(owner, 'owner-apply-phone');
  await owner.click('#apply-submit');
  await owner.waitForSelector('#owner-apps .case .badge:has-text("已提交")');
  assert.match(await owner.textContent('#owner-apps'), /技师证书\.pdf/);
  caseId = await owner.getAttribute('#owner-apps .case', 'data-id');
  assert.match(caseId, /^2025-/);
  // no horizontal scrolling on a phone
  assert.ok(await owner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'page wider than the phone');
  await shot(owner, 'owner-submitted-phone');
});

await step('A3.2.2 a department recommends a business; its owner consents on the owner page', async () => {
  const dept = await newPage('department', DESKTOP);
  await staffLogin(dept, base, 'dept');
  await dept.click('#sub-recommend-button');
  await dept.fill('#rec-uscc', env.REC_USCC);
  await dept.selectOption('#rec-category', 'characteristic');
  await dept.check('#rec-criteria-characteristic-A');
  await dept.fill('#rec-statement', '地方特色小吃，游客较多。');
  await dept.click('#rec-form button[type=submit]');
  await dept.waitForSelector('#rec-status:has-text("已推荐")');
  const owner2 = await newPage('owner2', PHONE);
  await ownerLogin(owner2, base, env.REC_USCC, env.REC_CODE);
  await owner2.waitForSelector('#owner-apps .case .badge:has-text("待经营者同意")');
  assert.match(await owner2.textContent('#owner-apps'), /推荐本户申报“特色”个体工商户/);
  await shot(owner2, 'owner-consent-phone');
  await owner2.click('#owner-apps button:has-text("同意推荐")');
  await owner2.waitForSelector('#owner-apps .case .badge:has-text("已提交")');
  assert.match(await owner2.textContent('#owner-apps .history'), /经营者同意/);
});

await step('A3.2 a clerk reviews the application, re-checks it and records the site visit', async () => {
  await staffLogin(clerk, base, 'clerk');
  await openCase(clerk, env.OWNER_NAME, 'submitted');
  const c = await clerk.textContent('#case');
  assert.match(c, /资格复核/);
  assert.match(c, /满足基础标准/);
  assert.match(c, /按数据还满足的其他类型/);
  assert.match(c, /技师证书\.pdf/);
  await act(clerk, 'accept', '初审');
  await act(clerk, 'pass_review', '走访核实');
  await clerk.click('#case button[data-action=record_visit]');
  await clerk.fill('#case form.visit input[type=date]', '2025-09-10');
  await clerk.fill('#case form.visit textarea', '现场核实：证书原件与申报一致，店面整洁，经营正常。');
  await clerk.setInputFiles('#case form.visit input[type=file]', { name: '门店.png', mimeType: 'image/png', buffer: PNG });
  await clerk.click('#case form.visit button[type=submit]');
  await clerk.waitForSelector('#case .badge:has-text("部门联审")');
  assert.match(await clerk.textContent('#case'), /证书原件与申报一致/);
  await clerk.fill('#case form.ask input', env.DEPARTMENT);
  await clerk.click('#case form.ask button[type=submit]');
  await clerk.waitForSelector(`#case td:has-text("待出具")`);
  await labelled(clerk);
  await shot(clerk, 'clerk-case-desktop');
});

await step('A3.2 a rejection asks for its reason, which the owner then reads', async () => {
  await openCase(clerk, env.REC_NAME, 'submitted');
  assert.match(await clerk.textContent('#case .check-block'), /经营者已于 2025-09-10 同意推荐/);
  await clerk.click('#case button[data-action=reject]');
  await clerk.fill('#case form.reason[data-action=reject] textarea', '推荐材料未说明地域文化特色，请补充后再行推荐。');
  await clerk.click('#case form.reason[data-action=reject] button[type=submit]');
  await clerk.waitForSelector('#case .badge:has-text("不予通过")');
  const owner2 = pageNamed('owner2');
  await owner2.click('#tab-round-button');
  await owner2.waitForSelector('#owner-apps .case .badge:has-text("不予通过")');
  assert.match(await owner2.textContent('#owner-apps .history'), /未说明地域文化特色/);
  await shot(owner2, 'owner-rejected-phone');
});

await step('A3.2.2 the department gives its joint-review opinion', async () => {
  const dept = pageNamed('department');
  await dept.click('#sub-recommend-button');
  // the case asking its opinion is listed with its form: no case number to type
  await dept.waitForSelector('#op-cases td:has-text("' + caseId + '")');
  await dept.selectOption('#opinion-' + caseId, 'agree');
  await dept.click('#op-cases form.opinion button[type=submit]');
  await dept.waitForSelector('#op-status:has-text("意见已提交")');
  await dept.waitForSelector('#op-cases td:has-text("已出具")');
});

const reviewer = await newPage('reviewer', DESKTOP);
await step('A3.2 a reviewer compares the candidates, proposes the business and starts the publicity', async () => {
  await staffLogin(reviewer, base, 'reviewer');
  await reviewer.click('.subtabs button[data-sub=compare]');
  await reviewer.selectOption('#cmp-category', 'quality');
  await reviewer.click('#cmp-form button[type=submit]');
  await reviewer.waitForSelector(`#cmp tr:has-text("${env.OWNER_NAME}")`);
  assert.match(await reviewer.getAttribute('#cmp-xlsx', 'href'), /format=xlsx/);
  await shot(reviewer, 'reviewer-compare-desktop');
  await reviewer.click('.subtabs button[data-sub=quota]');
  await reviewer.waitForSelector('#quota tr:has-text("名额")');
  assert.match(await reviewer.textContent('#quota'), /名额\s*1/);
  await reviewer.click('.subtabs button[data-sub=list]');
  await openCase(reviewer, env.OWNER_NAME);
  assert.match(await reviewer.textContent('#case'), /同意/); // the department's opinion
  await act(reviewer, 'propose', '拟认定');
  await act(reviewer, 'publicise', '公示');
  assert.match(await reviewer.textContent('#case'), /公示期：2025-09-10 至/);
});

await step('A3.2 publicity: the public list shows no personal data; an objection is filed', async () => {
  const pub = await newPage('public', PHONE);
  await pub.goto(base + '/publicity.html');
  await pub.waitForSelector(`#list .card:has-text("${env.OWNER_NAME}")`);
  const card = pub.locator(`#list .card:has-text("${env.OWNER_NAME}")`);
  assert.match(await card.textContent(), /优质个体工商户/);
  assert.match(await card.textContent(), /公示期：2025-09-10 至 2025-09-1\d/);
  await card.locator('button:has-text("提出异议")').click();
  await card.locator('textarea').fill('该店曾多次被投诉缺斤短两，请核实。');
  await card.locator('input').fill('13800000000');
  await card.locator('button[type=submit]').click();
  await card.locator('.status:has-text("异议已收到")').waitFor();
  await labelled(pub);
  await shot(pub, 'publicity-phone');
  assert.doesNotMatch(await pub.content(), /13800000000<\/(td|p|span|div)>/);
});

await step('A3.2 a clerk answers the objection in writing', async () => {
  await openCase(clerk, env.OWNER_NAME);
  assert.match(await clerk.textContent('#case .objections'), /缺斤短两/);
  assert.match(await clerk.textContent('#case .objections'), /13800000000/); // the contact, to district staff only
  await clerk.fill('#case form.answer textarea', '经核查，计量器具检定合格，投诉未查实。');
  await clerk.click('#case form.answer button[type=submit]');
  await clerk.waitForSelector('#case .objections p:has-text("投诉未查实")');
});

await step('A3.3.5 after the publicity the reviewer recognises the business (asked to confirm)', async () => {
  await staffLogin(reviewer, later, 'reviewer');
  await openCase(reviewer, env.OWNER_NAME, 'publicity');
  await act(reviewer, 'recognise', '已认定');
  assert.match(await reviewer.textContent('#case .recognition'), /有效期至 2028-11-19/);
  await shot(reviewer, 'reviewer-recognised-desktop');
  await reviewer.click('#tab-dashboard-button');
  await reviewer.waitForSelector('#dash .round-dash');
  assert.match(await reviewer.textContent('#dash .round-dash'), /有效认定 1 户/);
  await shot(reviewer, 'dashboard-round-desktop');
});

await step('A3.3.5 the public search shows the category and its validity', async () => {
  const pub = await newPage('search', PHONE);
  await pub.goto(later + '/');
  await pub.fill('#q', env.OWNER_USCC);
  await pub.click('button[type=submit]');
  await pub.waitForSelector('.card .badge.cat');
  assert.match(await pub.textContent('.card .badge.cat'), /优质个体工商户/);
  assert.match(await pub.textContent('.card'), /有效期至 2028-11-19/);
  await shot(pub, 'search-category-phone');
});

await step('A3.3.5 the owner sees the recognition; the certificate page shows the QR code and prints', async () => {
  await owner.goto(later + '/console.html');
  await owner.waitForSelector('#app:not([hidden])');
  await owner.click('#tab-round-button');
  await owner.waitForSelector('#owner-apps .recognition a');
  assert.match(await owner.textContent('#owner-apps .recognition'), /有效期至 2028-11-19/);
  await shot(owner, 'owner-recognised-phone');
  await owner.click('#owner-apps .recognition a');
  await owner.waitForSelector('#cert:not([hidden])');
  assert.equal(await owner.textContent('#cert-name'), env.OWNER_NAME);
  assert.match(await owner.textContent('#cert'), /优质个体工商户/);
  // the QR code: an SVG made by the server, drawn here; it encodes the public record's address
  await owner.waitForSelector('#cert-qr svg path');
  assert.ok((await owner.getAttribute('#cert-qr svg path', 'd')).length > 100);
  const record = await owner.textContent('#cert-link');
  assert.match(record, new RegExp('/\\?q=' + env.OWNER_USCC + '$'));
  await shot(owner, 'certificate-phone');
  await owner.setViewportSize(DESKTOP);
  await shot(owner, 'certificate-desktop');
  await owner.emulateMedia({ media: 'print' });
  assert.equal(await owner.isVisible('#print'), false); // the print stylesheet hides the buttons
  await owner.pdf({ path: artifacts + '/round-certificate.pdf', format: 'A4' }).catch(() => {});
  await owner.emulateMedia({ media: 'screen' });
  // what the QR code opens: the public record, with its category
  await owner.goto(later + new URL(record).pathname + new URL(record).search);
  await owner.waitForSelector('.card .badge.cat');
  assert.match(await owner.textContent('.card'), new RegExp(env.OWNER_USCC));
});

await step('A3.3.5 dynamic management: the worklists and the city report are offered to the district', async () => {
  await reviewer.click('#tab-round-button');
  await reviewer.click('#sub-manage-button');
  for (const id of ['recheck-status', 'eval-status', 'reports-status'])
    // a locator, not waitForFunction: its polling evaluates a string, which the pages' CSP forbids
    await reviewer.locator('#' + id).filter({ hasText: /共|没有/ }).waitFor();
  assert.match(await reviewer.getAttribute('#city-report a:has-text("Excel")', 'href'), /recognitions\?format=xlsx/);
  const [download] = await Promise.all([reviewer.waitForEvent('download'), reviewer.click('#city-report a:has-text("CSV")')]);
  assert.match(download.suggestedFilename(), /recognised\.csv$/);
  await labelled(reviewer);
  await shot(reviewer, 'reviewer-manage-desktop');
});

await step('A3.2, A3.3.5 the city spot-checks and the owner supplies material; the owner files the information report', async () => {
  await openCase(clerk, env.OWNER_NAME, 'recognised');
  await act(clerk, 'report', '已报市局');
  const inspector = await newPage('inspector', DESKTOP);
  await staffLogin(inspector, later, 'inspector');
  await openCase(inspector, env.OWNER_NAME, 'reported');
  await inspector.click('#case button[data-action=spot_request]');
  await inspector.fill('#case form.reason[data-action=spot_request] textarea', '请补充技师证书原件照片。');
  await inspector.fill('#case form.reason[data-action=spot_request] input[type=date]', '2025-12-10');
  await inspector.click('#case form.reason[data-action=spot_request] button[type=submit]');
  await inspector.waitForSelector('#case .badge:has-text("市局要求补充材料")');
  await owner.goto(later + '/console.html');
  await owner.waitForSelector('#app:not([hidden])');
  await owner.click('#tab-round-button');
  await owner.waitForSelector('#owner-apps .case p.bad:has-text("2025-12-10")');
  assert.match(await owner.textContent('#owner-apps .case p.bad'), /技师证书原件照片/);
  await owner.setInputFiles('#owner-apps form.inline input[type=file]', { name: '证书原件.png', mimeType: 'image/png', buffer: PNG });
  await owner.click('#owner-apps form.inline button[type=submit]');
  await owner.waitForSelector('#owner-apps a:has-text("证书原件.png")');
  await owner.click('#owner-apps button:has-text("补充材料")');
  await owner.fill('#owner-apps form.reason textarea', '已上传技师证书原件照片。');
  await owner.click('#owner-apps form.reason button[type=submit]');
  await owner.waitForSelector('#owner-apps .case .badge:has-text("已报市局")');
  await shot(owner, 'owner-supplied-phone');
  // the yearly information report (信息报告), filed on the owner page
  await owner.click('#owner-apps button:has-text("报送年度信息报告")');
  await owner.fill('#owner-apps form.inline textarea', '经营者、经营场所、经营范围均无变化；2025年获评区级诚信经营示范户。');
  await owner.click('#owner-apps form.inline button[type=submit]');
  await owner.waitForSelector('#owner-apps .status:has-text("信息报告已报送")');
});

await step('A3.3.5 the district queries the filed information report, then confirms it', async () => {
  await clerk.click('#tab-round-button');
  await clerk.click('#sub-manage-button');
  const row = clerk.locator('#filed-reports tr').filter({ hasText: env.OWNER_NAME });
  await row.locator('td:has-text("待核查")').waitFor();
  await row.locator('button:has-text("质询")').click();
  await row.locator('textarea').fill('请说明区级诚信经营示范户的表彰文件。');
  await row.locator('button[type=submit]').click();
  await clerk.locator('#filed-reports td').filter({ hasText: /已质询.*表彰文件/ }).waitFor();
  await clerk.locator('#filed-reports tr').filter({ hasText: env.OWNER_NAME }).locator('button:has-text("确认")').click();
  await clerk.locator('#filed-reports td').filter({ hasText: /已确认/ }).waitFor();
  await labelled(clerk);
});

await step('A3.2.1 an administrator grants ahead the calendar override of another role\'s step (decision 84)', async () => {
  const admin = await newPage('admin', DESKTOP);
  await staffLogin(admin, later, 'admin');
  await admin.click('#tab-round-button');
  await openCase(admin, env.OWNER_NAME, '');
  await admin.selectOption('#case form.grant select', 'spot_refuse');
  await admin.fill('#case form.grant textarea', '市局11月30日系统故障，经局长同意补办。');
  await admin.click('#case form.grant button[type=submit]');
  await admin.waitForSelector('#case .status:has-text("已放行")');
  await labelled(admin);
});

await finish();
