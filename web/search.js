'use strict';
// 查询: staff search and the business detail (an owner sees only its own business).
// The list and the detail are two views with their own addresses (issue 11 §3): #/search?q=…&town=…&page=…
// and #/business/USCC, so the browser's Back and Forward move between them and a link can be shared.
async function showBusiness(uscc) {
  $('detail').replaceChildren(el('p', 'status', '读取中…'));
  try {
    const b = await api('/api/businesses/' + encodeURIComponent(uscc));
    if (me.role === 'business' && typeof ownerView === 'function') return $('detail').replaceChildren(ownerView(b)); // owner.js
    const box = el('div', 'card');
    box.append(el('h3', null, b.name || '（无字号）'));
    box.append(el('div', 'meta', '统一社会信用代码 ' + b.uscc + ' · ' + [b.town, srIndustry(b), b.status, '经营者 ' + b.operator].join(' · ')));
    if (b.listings) { // a bank's view has no dossier; a department's holds only the facts of its own kinds
    const facts = [];
    if ('established' in b) facts.push(['成立日期', b.established], ['季节性经营', b.seasonal ? '是' : '否'], ['注册号', b.legacy_reg_no || '—']);
    if ('tax_registered' in b) facts.push(['税务登记', b.tax_registered ? '是' : '否'], ['一般纳税人', b.general_taxpayer ? '是' : '否']);
    const counts = [['商标', b.trademarks], ['专利', b.patents], ['行政处罚', b.penalties]].filter(([, n]) => n !== undefined);
    if (counts.length) facts.push([counts.map(([k]) => k).join(' / '), counts.map(([, n]) => n).join(' / ')]);
    const dl = el('table', 'grid');
    for (const [k, v] of facts) { const row = el('tr'); row.append(el('th', null, k), el('td', null, v)); dl.append(row); }
    for (const a of b.annual_reports || []) {
      const row = el('tr');
      row.append(el('th', null, a.year + ' 年度年报'), el('td', null, (a.filed_on ? '报送 ' + a.filed_on : '未报送') + (a.revenue ? '，营业收入 ' + yuan(a.revenue) + ' 元' : '')));
      dl.append(row);
    }
    for (const t of b.tax_paid || []) { const row = el('tr'); row.append(el('th', null, t.year + ' 年度实缴税款'), el('td', null, yuan(t.amount) + ' 元')); dl.append(row); }
    for (const t of b.insured || []) { const row = el('tr'); row.append(el('th', null, t.year + ' 年度单位参保'), el('td', null, t.count + ' 人')); dl.append(row); }
    for (const l of b.listings) { const row = el('tr'); row.append(el('th', null, l.list), el('td', null, l.from + ' 至 ' + (l.to || '今'))); dl.append(row); }
    box.append(dl);
    }
    if (!b.results.length) box.append(el('p', 'meta', '尚无分型结果'));
    for (const r of b.results) box.append(...resultBlock(r, b)); // results.js
    if (b.imports.length) {
      box.append(el('h4', null, '改动过它的导入'));
      const t = el('table', 'grid');
      for (const i of b.imports) { const row = el('tr'); const kind = (me.upload_kinds || []).find(k => k.kind === i.kind);
        row.append(el('td', null, '#' + i.id), el('td', null, clock(i.at)), el('td', null, kind ? kind.label : i.kind), el('td', null, i.file), el('td', null, i.actor)); t.append(row); }
      box.append(t);
    }
    if (b.measures && typeof measuresCard === 'function') box.append(measuresCard(b)); // measures.js
    if (typeof accessCodeButton === 'function' && ['admin', 'clerk'].includes(me.role)) box.append(accessCodeButton(b.uscc)); // accounts.js
    $('detail').replaceChildren(box);
  } catch (e) {
    const p = el('p', 'error', e.message);
    p.setAttribute('role', 'alert');
    $('detail').replaceChildren(p);
  }
}

// "H6220 餐饮业·快餐服务": the code with its GB/T 4754 name (the server's one table, rules/industry.c).
function srIndustry(b) {
  if (!b.industry) return '行业未填写';
  return b.industry_name ? b.industry + ' ' + b.industry_name : b.industry;
}

const SR_PER_PAGE = 20;
const SR_HINT = '输入名称、统一社会信用代码或注册号，或选择镇街、行业、分型结果后点“查询”。';
const SR_KEYS = ['q', 'town', 'industry', 'type', 'sort', 'page'];
let srList = '#/search'; // the list's address, where 返回查询结果 goes
let srOpened = null;     // the USCC whose detail was opened from the list: its card gets the focus back
let srFilters = false;   // the filter options are loaded

async function srLoadFilters() {
  if (srFilters || !me || me.role === 'bank') return;
  try {
    const f = await api('/api/businesses/filters');
    const fill = (id, items, first) => {
      const s = $(id);
      s.replaceChildren(...[first, ...items].map(([v, t]) => { const o = el('option', null, t); o.value = v; return o; }));
    };
    fill('sr-town', f.towns.map(t => [t, t]), ['', '全部镇街']);
    fill('sr-industry', f.industries.map(i => [i.code, i.code + ' ' + i.name]), ['', '全部行业']);
    fill('sr-type', f.types.map(t => [t.code, t.label]), ['', '全部类型']);
    $('sr-sort').replaceChildren(...f.sorts.map(t => { const o = el('option', null, t.label); o.value = t.code; return o; }));
    srFilters = true;
  } catch (e) {
    srError('筛选项读取失败：' + e.message);
  }
}

function srError(message) {
  $('sr-error').textContent = message || '';
  $('sr-error').hidden = !message;
}

function srParams() {
  const i = location.hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
}

// The address of the list the form describes (page 1 unless given).
function srAddress(page) {
  const p = new URLSearchParams();
  const v = { q: $('sq').value.trim(), town: $('sr-town').value, industry: $('sr-industry').value, type: $('sr-type').value,
              sort: $('sr-sort').value === 'name' ? '' : $('sr-sort').value, page: page > 1 ? String(page) : '' };
  for (const k of SR_KEYS) if (v[k]) p.set(k, v[k]);
  const s = p.toString();
  return '#/search' + (s ? '?' + s : '');
}

function srGo(address) {
  if (location.hash === address) srRoute(); // the same search again: the hash does not change
  else location.hash = address;
}

function srCard(h) {
  const li = el('li', 'card sr-hit');
  const a = el('a', 'sr-link');
  a.href = '#/business/' + encodeURIComponent(h.uscc);
  a.dataset.uscc = h.uscc;
  a.append(el('strong', null, h.name || '（无字号）'));
  const badge = el('span', 'badge t-' + (h.type || 'none'), h.type_label || '暂无已公布的分型');
  a.append(' ', badge);
  a.append(el('span', 'meta', [h.uscc, h.town || '镇街未填写', srIndustry(h), h.status, '经营者 ' + h.operator].join(' · ')));
  li.append(a);
  return li;
}

async function srShowList() {
  $('sr-detail-view').hidden = true;
  $('sr-list-view').hidden = false;
  srList = location.hash.startsWith('#/search') ? location.hash : '#/search';
  await srLoadFilters();
  const p = srParams();
  $('sq').value = p.get('q') || '';
  for (const [id, k] of [['sr-town', 'town'], ['sr-industry', 'industry'], ['sr-type', 'type']]) $(id).value = p.get(k) || '';
  $('sr-sort').value = p.get('sort') || 'name';
  srError('');
  $('hits').replaceChildren();
  $('sr-pager').hidden = true;
  if (!['q', 'town', 'industry', 'type'].some(k => p.get(k))) {
    $('sr-status').textContent = SR_HINT;
    return;
  }
  const page = Math.max(1, parseInt(p.get('page') || '1', 10) || 1);
  const query = new URLSearchParams(p);
  query.set('page', String(page));
  query.set('per_page', String(SR_PER_PAGE));
  $('sr-status').textContent = '查询中…';
  try {
    const data = await api('/api/businesses?' + query.toString());
    const pages = Math.max(1, data.pages);
    $('sr-status').textContent = data.total ? '找到 ' + data.total.toLocaleString('zh-CN') + ' 户' +
      (pages > 1 ? '，第 ' + page.toLocaleString('zh-CN') + ' / ' + pages.toLocaleString('zh-CN') + ' 页' : '')
      : '没有找到符合条件的个体工商户。可以换个关键词，或放宽筛选条件。';
    if (data.total && !data.results.length) $('sr-status').textContent += '（此页已超出结果范围，请回到第 1 页）';
    $('hits').replaceChildren(...data.results.map(srCard));
    $('sr-pager').hidden = pages <= 1;
    $('sr-page').textContent = '第 ' + page.toLocaleString('zh-CN') + ' / ' + pages.toLocaleString('zh-CN') + ' 页';
    $('sr-prev').disabled = page <= 1;
    $('sr-next').disabled = page >= pages;
    const back = srOpened && $('hits').querySelector('a[data-uscc="' + srOpened + '"]');
    if (back) back.focus(); // back from the detail: where the clerk was
    srOpened = null;
  } catch (e) {
    $('sr-status').textContent = '';
    srError('查询失败：' + e.message);
  }
}

async function srShowDetail(uscc) {
  $('sr-list-view').hidden = true;
  $('sr-detail-view').hidden = false;
  $('sr-back').hidden = me.role === 'business';
  srOpened = uscc;
  window.scrollTo(0, 0);
  await showBusiness(uscc);
  const h = $('detail').querySelector('h3');
  if (h) { h.tabIndex = -1; h.focus(); }
}

// Draws the view the address names (staff and banks; an owner has the one page).
function srRoute() {
  if (!me || ['business', 'bank', 'town'].includes(me.role)) return;
  const h = location.hash;
  if (!h.startsWith('#/business/') && !h.startsWith('#/search')) return;
  if ($('tab-search').hidden) openTab('search');
  if (h.startsWith('#/business/')) srShowDetail(decodeURIComponent(h.slice('#/business/'.length)).toUpperCase());
  else srShowList();
}

async function search(q) {
  if (me.role === 'bank') { // by USCC only, as the public
    $('sr-list-view').hidden = false;
    $('sr-detail-view').hidden = false;
    $('sr-back').hidden = true;
    return showBusiness(q.replace(/[\s-]/g, '').toUpperCase());
  }
  srGo(srAddress(1));
}

$('staff-search').addEventListener('submit', (ev) => { ev.preventDefault(); search($('sq').value.trim()); });
for (const id of ['sr-town', 'sr-industry', 'sr-type', 'sr-sort']) {
  $(id).addEventListener('change', () => { if (me && me.role !== 'bank') srGo(srAddress(1)); });
}
$('sr-prev').addEventListener('click', () => srGo(srAddress(Math.max(1, (parseInt(srParams().get('page') || '1', 10) || 1) - 1))));
$('sr-next').addEventListener('click', () => srGo(srAddress((parseInt(srParams().get('page') || '1', 10) || 1) + 1)));
$('sr-back').addEventListener('click', () => { location.hash = srList; });
window.addEventListener('hashchange', srRoute);

// Signed in with a search or a business in the address (a shared link, a reload): open it.
const srShowApp = showApp;
showApp = function () { // eslint-disable-line no-global-assign
  srShowApp();
  for (const f of document.querySelectorAll('#staff-search .sr-filter')) f.hidden = me.role === 'bank';
  if (me.role === 'business') { $('sr-list-view').hidden = true; $('sr-detail-view').hidden = false; $('sr-back').hidden = true; }
  else srRoute();
};
const srOpenTab = openTab;
openTab = function (name) { // eslint-disable-line no-global-assign
  srOpenTab(name);
  if (name === 'search' && me && !['business', 'bank', 'town'].includes(me.role)) {
    srLoadFilters();
    if (!location.hash.startsWith('#/search') && !location.hash.startsWith('#/business/')) { // the tab, no search yet
      $('sr-detail-view').hidden = true;
      $('sr-list-view').hidden = false;
      if (!$('hits').children.length) $('sr-status').textContent = SR_HINT;
    }
  }
};
