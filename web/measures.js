'use strict';
// 帮扶措施 (issue 10): the measures a business is entitled to (免申即享) on its page, a department's, town's or
// the clerk's worklist with statuses and exports, and the district's coverage. Uses console.js's $, el, api, me,
// barChart; every value goes in by textContent.
/* global $, el, api, me, barChart, showApp, openTab, say, showError */
const MS = { measures: [], offset: 0, limit: 50, total: 0 };
const MS_WORKERS = ['department', 'town', 'clerk'];
const MS_COVERAGE = ['admin', 'clerk', 'reviewer', 'inspector'];
const MS_STATUS = [['pending', '待联系'], ['contacted', '已联系'], ['served', '已服务'], ['not_needed', '不需要']];
const MS_TYPES = { survival: '生存型', growth: '成长型', development: '发展型', ineligible: '不符合分型条件' };

// The business page's card: plain words for an owner, the reader's own part for a department.
function measuresCard(b) { // eslint-disable-line no-unused-vars
  const box = el('section', 'measures');
  box.append(el('h4', null, '享受的帮扶措施'));
  if (!b.measures.length) {
    box.append(el('p', 'meta', '目前没有可享受的帮扶措施（尚未公布分型结果，或不符合分型条件）。'));
    return box;
  }
  if (b.measures_note) box.append(el('p', null, b.measures_note));
  const list = el('ol', 'measure-list');
  for (const m of b.measures) {
    const li = el('li');
    li.append(el('strong', null, m.title), el('span', 'meta', '（' + m.article + '，' + m.for_label + '）'));
    if (m.body) li.append(el('p', null, m.body));
    li.append(el('p', 'meta', '负责部门：' + m.departments.join('、')));
    list.append(li);
  }
  box.append(list);
  return box;
}

function msQuery(extra) {
  const p = new URLSearchParams({ measure: $('ms-measure').value, sort: $('ms-sort').value });
  for (const [k, id] of [['town', 'ms-town'], ['section', 'ms-section'], ['type', 'ms-type'], ['category', 'ms-category'],
                         ['status', 'ms-status']])
    if ($(id).value.trim()) p.set(k, $(id).value.trim());
  for (const [k, v] of Object.entries(extra || {})) p.set(k, String(v));
  return '/api/measures/work?' + p.toString();
}

async function msSave(row, uscc, select, note) {
  try {
    const r = await api('/api/measures/work', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ uscc, measure: $('ms-measure').value, status: select.value, note: note.value }) });
    say('ms-msg', uscc + ' 已登记为“' + r.status_label + '”');
    row.dataset.status = r.status;
  } catch (e) {
    showError('ms-msg', e);
  }
}

async function msLoad() {
  const table = $('ms-list');
  const m = MS.measures.find(x => x.id === $('ms-measure').value);
  $('ms-text').textContent = m ? m.title + '（本单位负责的部分）：' + m.mine_text : '';
  const byType = !m || ['survival', 'growth', 'development'].includes(m.for);
  $('ms-type').disabled = byType; // a type measure's list is that type; a category's list may be narrowed by type
  $('ms-category').disabled = !byType;
  if (byType) $('ms-type').value = ''; else $('ms-category').value = '';
  if (!m) { table.replaceChildren(); say('ms-msg', '本单位没有负责的措施'); return; }
  say('ms-msg', '读取中…');
  try {
    const d = await api(msQuery({ offset: MS.offset, limit: MS.limit }));
    MS.total = d.total;
    const head = el('tr');
    for (const h of ['统一社会信用代码', '名称', '镇街', '行业', '分型', '状态', '备注', '操作']) head.append(el('th', null, h));
    table.replaceChildren(head);
    for (const r of d.rows) {
      const row = el('tr');
      const select = el('select');
      select.setAttribute('aria-label', '状态 ' + r.name);
      for (const [v, label] of MS_STATUS) { const o = el('option', null, label); o.value = v; select.append(o); }
      select.value = r.status;
      const note = el('input');
      note.value = r.note || '';
      note.maxLength = 200;
      note.placeholder = '备注';
      note.setAttribute('aria-label', '备注 ' + r.name);
      const save = el('button', 'secondary', '保存');
      save.type = 'button';
      save.addEventListener('click', () => msSave(row, r.uscc, select, note));
      const st = el('td');
      st.append(select);
      const nt = el('td');
      nt.append(note);
      const bt = el('td');
      bt.append(save);
      row.append(el('td', null, r.uscc), el('td', null, r.name), el('td', null, r.town), el('td', null, r.industry),
                 el('td', null, MS_TYPES[r.type] || r.type), st, nt, bt);
      row.dataset.uscc = r.uscc;
      table.append(row);
    }
    const pages = Math.max(1, Math.ceil(d.total / MS.limit));
    $('ms-page').textContent = '第 ' + (MS.offset / MS.limit + 1) + ' / ' + pages + ' 页，共 ' + d.total + ' 户' +
      '（依据 ' + d.year + ' 年度' + (d.source_label || '区级分型') + '）';
    $('ms-prev').disabled = MS.offset === 0;
    $('ms-next').disabled = MS.offset + MS.limit >= d.total;
    $('ms-csv').href = msQuery({ format: 'csv' });
    $('ms-xlsx').href = msQuery({ format: 'xlsx' });
    say('ms-msg', d.total ? '' : '没有符合条件的个体工商户');
  } catch (e) {
    table.replaceChildren();
    showError('ms-msg', e);
  }
}

async function msCoverage() {
  say('cov-status', '读取中…');
  try {
    const d = await api('/api/measures/coverage');
    const byMeasure = new Map();
    const table = $('cov-table');
    const head = el('tr');
    for (const h of ['条文', '措施', '负责部门/镇街', '应享受', '已服务', '覆盖率']) head.append(el('th', null, h));
    table.replaceChildren(head);
    for (const r of d.rows) {
      const row = el('tr');
      row.append(el('td', null, r.measure), el('td', null, r.title), el('td', null, r.department),
                 el('td', null, r.entitled), el('td', null, r.served), el('td', null, (r.rate * 100).toFixed(1) + '%'));
      table.append(row);
      const t = byMeasure.get(r.measure) || [0, 0, r.title];
      byMeasure.set(r.measure, [t[0] + r.entitled, t[1] + r.served, r.title]);
    }
    // each bar says which measure in words (a leader does not know the article ids), on a 0-100% scale
    const rows = [...byMeasure].map(([id, [e, s, title]]) =>
      [id + ' ' + String(title || '').slice(0, 4), e ? Math.round(1000 * s / e) / 10 : 0, '#165dff']);
    $('cov-chart').replaceChildren(barChart(d.year + ' 年度各措施覆盖率（%，已服务 / 应享受）', rows, 100));
    say('cov-status', d.year + ' 年度，共 ' + d.entitled_any + ' 户享受至少一项措施');
  } catch (e) {
    showError('cov-status', e);
  }
}

async function measuresShow() {
  const work = MS_WORKERS.includes(me.role), cov = MS_COVERAGE.includes(me.role);
  $('ms-work').hidden = !work;
  $('ms-coverage').hidden = !cov;
  if (work) {
    try {
      MS.measures = (await api('/api/measures')).filter(m => m.mine);
      const sel = $('ms-measure');
      const keep = sel.value;
      sel.replaceChildren(...MS.measures.map(m => { const o = el('option', null, m.id + ' ' + m.title); o.value = m.id; return o; }));
      if (keep && MS.measures.some(m => m.id === keep)) sel.value = keep;
      MS.offset = 0;
      await msLoad();
    } catch (e) {
      showError('ms-msg', e);
    }
  }
  if (cov) await msCoverage();
}

(function () {
  const sec = $('ms-section');
  const all = el('option', null, '全部');
  all.value = '';
  sec.append(all);
  // GB/T 4754-2017 sections by name: a clerk does not know the letters by heart
  const names = ['农、林、牧、渔业', '采矿业', '制造业', '电力、热力、燃气及水生产和供应业', '建筑业', '批发和零售业',
    '交通运输、仓储和邮政业', '住宿和餐饮业', '信息传输、软件和信息技术服务业', '金融业', '房地产业', '租赁和商务服务业',
    '科学研究和技术服务业', '水利、环境和公共设施管理业', '居民服务、修理和其他服务业', '教育', '卫生和社会工作',
    '文化、体育和娱乐业', '公共管理、社会保障和社会组织', '国际组织'];
  [...'ABCDEFGHIJKLMNOPQRST'].forEach((c, i) => { const o = el('option', null, c + ' ' + names[i]); o.value = c; sec.append(o); });
})();
const msShowApp = showApp;
showApp = function () { // eslint-disable-line no-global-assign
  msShowApp();
  $('tab-measures-button').hidden = !(MS_WORKERS.includes(me.role) || MS_COVERAGE.includes(me.role));
  if (me.role === 'town') { // a town works its list; it does not search the registry
    $('tab-search-button').hidden = true;
    $('ms-town').value = me.department; // a town sees its own town only: the filter says so (decision 147)
    $('ms-town').readOnly = true;
    openTab('measures');
  }
};
const msOpenTab = openTab;
openTab = function (name) { // eslint-disable-line no-global-assign
  msOpenTab(name);
  if (name === 'measures') measuresShow();
};
$('ms-filter').addEventListener('submit', (ev) => { ev.preventDefault(); MS.offset = 0; msLoad(); });
$('ms-measure').addEventListener('change', () => { MS.offset = 0; msLoad(); });
$('ms-prev').addEventListener('click', () => { MS.offset = Math.max(0, MS.offset - MS.limit); msLoad(); });
$('ms-next').addEventListener('click', () => { MS.offset += MS.limit; msLoad(); });
