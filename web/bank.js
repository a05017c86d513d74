'use strict';
// 授权银行查询 (S2(三)6, issue 10 §5): the owner grants and withdraws a bank's consent and
// sees who looked at its information; a bank account lists, looks up and downloads the
// businesses consenting to it today. Uses console.js's $, el, api and me. Text goes
// through textContent only; every route is named once in B (docs/openapi.yaml).
const B = {
  banks: '/api/banks',
  consents: '/api/consents',
  withdraw: (id) => '/api/consents/' + id + '/withdraw',
  list: (after) => '/api/bank/businesses?limit=50' + (after ? '&after=' + encodeURIComponent(after) : ''),
  one: (uscc) => '/api/bank/businesses/' + encodeURIComponent(uscc),
};
const SCOPES = { report: '年报营业收入和从业人数', tax: '纳税额', insured: '参保人数' };
const STATUS = { in_force: '有效', future: '未开始', expired: '已到期', withdrawn: '已撤回' };
const WHAT = { list: '在列表中查看', lookup: '查看详情', download: '下载表格' };
let bankNext = null;

// A moment stored in UTC as Beijing time, said so: the owner reads who looked and when (decision 145).
function bankTime(iso) { return clock(iso) + (clock(iso) !== iso ? '（北京时间）' : ''); }

function scopeText(scopes) {
  return ['分型和类别'].concat(scopes.map((s) => SCOPES[s] || s)).join('、');
}

function isoDay(d) { return d.toISOString().slice(0, 10); }

// ---- the owner ----

async function ownerBank() {
  const st = $('consent-status');
  try {
    const [banks, mine] = await Promise.all([api(B.banks), api(B.consents)]);
    const sel = $('consent-bank');
    const chosen = sel.value;
    sel.replaceChildren(...banks.banks.map((b) => { const o = el('option', null, b); o.value = b; return o; }));
    if (chosen) sel.value = chosen;
    if (!banks.banks.length) say(st, '系统中还没有银行账户，暂时无法授权');
    if (!$('consent-from').value) {
      const now = new Date();
      $('consent-from').value = isoDay(now);
      $('consent-to').value = isoDay(new Date(now.getTime() + 364 * 86400000));
    }
    showConsents(mine.consents);
    showAccesses(mine.accesses);
  } catch (e) { showError(st, e); }
}

function showConsents(list) {
  const ol = $('consents');
  ol.replaceChildren();
  if (!list.length) ol.append(el('li', 'status', '您尚未授权任何银行'));
  for (const c of list) {
    const li = el('li', 'consent');
    li.append(el('strong', null, c.bank));
    li.append(el('div', 'meta', c.from + ' 至 ' + c.to + ' · ' + (STATUS[c.status] || c.status) +
                                (c.withdrawn_at ? '（' + bankTime(c.withdrawn_at) + ' 撤回）' : '')));
    li.append(el('div', null, '可查看：' + scopeText(c.scopes)));
    if (c.status === 'in_force' || c.status === 'future') {
      const b = el('button', 'secondary', '撤回授权');
      b.type = 'button';
      b.setAttribute('aria-label', '撤回授权（' + c.bank + '）'); // the visible words first (WCAG 2.5.3)
      b.addEventListener('click', () => withdraw(c));
      li.append(b);
    }
    ol.append(li);
  }
}

function showAccesses(list) {
  const ol = $('accesses');
  ol.replaceChildren();
  if (!list.length) ol.append(el('li', 'status', '还没有银行查看过您的信息'));
  for (const a of list) {
    const li = el('li', 'access');
    li.append(el('strong', null, a.bank));
    li.append(el('div', 'meta', bankTime(a.at) + ' · ' + (WHAT[a.what] || a.what)));
    li.append(el('div', null, '看到了：' + scopeText(a.scopes)));
    ol.append(li);
  }
}

async function grant(ev) {
  ev.preventDefault();
  const st = $('consent-status');
  const scopes = [...document.querySelectorAll('input[name=consent-scope]:checked')].map((c) => c.value);
  try {
    await api(B.consents, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bank: $('consent-bank').value, from: $('consent-from').value, to: $('consent-to').value, scopes }) });
    say(st, '已授权' + $('consent-bank').value);
    await ownerBank();
  } catch (e) { showError(st, e); }
}

async function withdraw(c) {
  if (!window.confirm('撤回后' + c.bank + '将立即无法查看您的信息。确定撤回吗？')) return;
  const st = $('consent-status');
  try {
    await api(B.withdraw(c.id), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    say(st, '已撤回对' + c.bank + '的授权');
    await ownerBank();
  } catch (e) { showError(st, e); }
}

// ---- the bank ----

function bankCard(b) {
  const box = el('div', 'card');
  box.append(el('h3', null, b.name || '（无字号）'));
  box.append(el('div', 'meta', '统一社会信用代码 ' + b.uscc + ' · ' + [b.town, b.industry].filter(Boolean).join(' · ')));
  const rows = [['分型', b.type ? b.year + ' 年度 ' + b.type_label : '尚无公布的分型'],
                ['名特优新', b.category ? b.category.label + '（有效期 ' + b.category.valid_from + ' 至 ' + b.category.valid_until + '）' : '无'],
                ['授权', b.consent.from + ' 至 ' + b.consent.to + '，可查看' + scopeText(b.consent.scopes)]];
  for (const a of b.annual_reports || [])
    rows.push([a.year + ' 年度年报', '营业收入 ' + (a.revenue === null ? '未填' : yuan(a.revenue) + ' 元') + '，从业人数 ' + (a.employees === null ? '未填' : a.employees + ' 人')]);
  for (const t of b.tax_paid || []) rows.push([t.year + ' 年度纳税额', yuan(t.amount) + ' 元']);
  for (const i of b.insured || []) rows.push([i.year + ' 年度参保人数', i.count + ' 人']);
  const table = el('table', 'grid');
  for (const [k, v] of rows) { const r = el('tr'); r.append(el('th', null, k), el('td', null, v)); table.append(r); }
  box.append(table);
  return box;
}

async function bankList(more) {
  const st = $('bank-status');
  if (!more) { $('bank-list').replaceChildren(); bankNext = null; }
  try {
    const data = await api(B.list(more ? bankNext : null));
    for (const b of data.businesses) {
      const li = el('li', null);
      li.append(el('strong', null, b.name || b.uscc));
      li.append(el('div', 'meta', b.uscc + ' · ' + (b.type ? b.year + ' 年度 ' + b.type_label : '尚无公布的分型') +
                                  (b.category ? ' · ' + b.category.label : '')));
      li.addEventListener('click', () => bankLookup(b.uscc));
      $('bank-list').append(li);
    }
    if (!more && !data.businesses.length) $('bank-list').append(el('li', 'status', '目前没有个体工商户授权本行查询'));
    bankNext = data.next;
    $('bank-more').hidden = !bankNext;
    say(st, '');
  } catch (e) { showError(st, e); }
}

async function bankLookup(uscc) {
  const box = $('bank-detail');
  box.replaceChildren(el('p', 'status', '读取中…'));
  try {
    box.replaceChildren(bankCard(await api(B.one(uscc))));
  } catch (e) {
    box.replaceChildren(/未找到/.test(e.message) ? el('p', 'status', '该户未授权本行查询，或授权已到期、已撤回') : errorEl(e));
  }
}

// The console calls these hooks: showApp (tab visibility) and openTab.
const bankShowApp = showApp;
showApp = function () { // eslint-disable-line no-global-assign
  bankShowApp();
  const bank = me.role === 'bank';
  $('tab-bank-button').hidden = !(bank || me.role === 'business');
  $('tab-bank-button').textContent = bank ? '授权企业' : '授权银行查询';
  if (bank) { // a bank reads only under consent: no search of its own
    $('tab-search-button').hidden = true;
    openTab('bank');
  }
};
const bankOpenTab = openTab;
openTab = function (name) { // eslint-disable-line no-global-assign
  bankOpenTab(name);
  if (name !== 'bank' || !me) return;
  $('bank-owner').hidden = me.role !== 'business';
  $('bank-staff').hidden = me.role !== 'bank';
  if (me.role === 'business') ownerBank();
  if (me.role === 'bank') bankList(false);
};
$('consent-form').addEventListener('submit', grant);
$('bank-lookup').addEventListener('submit', (ev) => { ev.preventDefault(); bankLookup($('bank-uscc').value.trim().toUpperCase()); });
$('bank-more').addEventListener('click', () => bankList(true));
