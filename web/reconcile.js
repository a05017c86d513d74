'use strict';
// 市级分型核对 (issue 10 §6, decisions 120-124): the city's typing against getihu's
// own run, for district staff: counts by kind of difference, the differing
// businesses with both types, getihu's reasons (the driving ones marked), the clerk's
// status, the XLSX report and adopting the city's result as a run. Uses console.js's
// $, el, api and me; text goes through textContent only.
const RC = {
  report: (q) => '/api/reconcile?' + new URLSearchParams(q).toString(),
  xlsx: (year) => '/api/reconcile/xlsx?year=' + encodeURIComponent(year),
  check: '/api/reconcile/checks',
  adopt: '/api/reconcile/adopt',
};
const RC_PAGE = 20;
const rc = { offset: 0, total: 0 };
const rcMayAct = () => me && ['admin', 'clerk'].includes(me.role);

function rcQuery() {
  const q = { year: $('rc-year').value, offset: rc.offset, limit: RC_PAGE };
  if ($('rc-kind').value) q.kind = $('rc-kind').value;
  if ($('rc-status').value) q.status = $('rc-status').value;
  return q;
}

// The counts: one row per kind that occurs, each a link to its list; the kind filter keeps its choice.
function rcShowCounts(c) {
  const table = $('rc-counts');
  const head = el('tr');
  for (const h of ['差异类型', '户数']) head.append(el('th', null, h));
  table.replaceChildren(head);
  const chosen = $('rc-kind').value;
  const options = [el('option', null, '全部')];
  options[0].value = '';
  for (const k of c.kinds) {
    if (!k.count) continue;
    const row = el('tr');
    const cell = el('td');
    const b = el('button', 'linkish', k.label);
    b.type = 'button';
    b.addEventListener('click', () => { $('rc-kind').value = k.kind; rc.offset = 0; rcLoad(); });
    cell.append(b);
    row.append(cell, el('td', null, String(k.count)));
    table.append(row);
    const o = el('option', null, k.label + '（' + k.count + '）');
    o.value = k.kind;
    options.push(o);
  }
  const sum = el('tr');
  sum.append(el('td', null, '结果一致'), el('td', null, String(c.agree)));
  table.append(sum);
  $('rc-kind').replaceChildren(...options);
  $('rc-kind').value = chosen;
}

// The clerk's status form of one row.
function rcCheckForm(r, year) {
  const form = el('form', 'filters');
  const status = el('select');
  status.setAttribute('aria-label', '核实状态 ' + r.uscc);
  for (const [v, label] of [['pending', '待核实'], ['accepted', '认可市级结果'], ['raised', '已向市局反映']]) {
    const o = el('option', null, label);
    o.value = v;
    status.append(o);
  }
  status.value = r.status;
  const note = el('input');
  note.setAttribute('aria-label', '备注 ' + r.uscc);
  note.placeholder = '备注（如向市局反映的内容）';
  note.value = r.note || '';
  const save = el('button', null, '保存');
  save.type = 'submit';
  form.append(status, note, save);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const a = await api(RC.check, { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ year: Number(year), uscc: r.uscc, status: status.value, note: note.value }) });
      await rcLoad();
      say('rc-status-line', r.uscc + '：已记录为“' + a.status_label + '”');
    } catch (e) { showError('rc-status-line', e); }
  });
  return form;
}

function rcShowRow(r, year) {
  const li = el('li', 'card');
  const head = el('div', 'year');
  head.append(el('strong', null, r.in_directory ? (r.name || '（无字号）') : '（区级名录无此户）'));
  head.append(el('span', 'codes', r.uscc + (r.town ? ' · ' + r.town : '')));
  li.append(head);
  const types = el('div', 'year');
  types.append(el('span', 'meta', '市级：'), el('span', r.city_type ? 'badge t-' + r.city_type : 'meta', r.city_type_label));
  types.append(el('span', 'meta', '区级：'), el('span', r.run_type ? 'badge t-' + r.run_type : 'meta', r.run_type_label));
  types.append(el('span', 'meta', r.kind_label + ' · ' + r.status_label + (r.note ? '：' + r.note : '')));
  li.append(types);
  if (r.drivers.length) {
    li.append(el('div', 'meta', '导致差异的情况：'));
    const ul = el('ul');
    for (const d of r.drivers) ul.append(el('li', null, d));
    li.append(ul);
  }
  if (r.reasons.length) {
    const more = el('details');
    more.append(el('summary', null, '区级分型全部理由'));
    const ul = el('ul');
    for (const x of r.reasons) ul.append(el('li', x.drives ? 'drives' : null, x.article + ' ' + x.text));
    more.append(ul);
    li.append(more);
  }
  if (rcMayAct()) li.append(rcCheckForm(r, year));
  return li;
}

async function rcLoad() {
  const q = rcQuery();
  $('rc-xlsx').href = RC.xlsx(q.year);
  say('rc-status-line', '读取中…');
  try {
    const data = await api(RC.report(q));
    rc.total = data.total;
    rcShowCounts(data.counts);
    $('rc-rows').replaceChildren(...data.rows.map(r => rcShowRow(r, q.year)));
    const pages = Math.max(1, Math.ceil(data.total / RC_PAGE));
    $('rc-page').textContent = '第 ' + (Math.floor(rc.offset / RC_PAGE) + 1) + ' / ' + pages + ' 页，共 ' + data.total + ' 户';
    $('rc-prev').disabled = rc.offset === 0;
    $('rc-next').disabled = rc.offset + RC_PAGE >= data.total;
    const n = (x) => Number(x).toLocaleString('zh-CN');
    say('rc-status-line', '与第 ' + data.counts.run + ' 次区级分型比对：市级结果 ' + n(data.counts.city_total) +
      ' 户，一致 ' + n(data.counts.agree) + ' 户，不同 ' + n(data.counts.differ) + ' 户');
    if (!data.counts.city_total) // an empty state that says what to do
      say('rc-status-line', q.year + ' 年度尚未导入市级分型结果：请在“导入数据”中选择“市级分型结果”，上传市局下发的文件。');
  } catch (e) {
    $('rc-counts').replaceChildren();
    $('rc-rows').replaceChildren();
    $('rc-page').textContent = '';
    showError('rc-status-line', e);
  }
}

async function rcAdopt() {
  const year = $('rc-year').value;
  if (!confirm('把 ' + year + ' 年度的市级分型结果生成一次分型批次（来源：市级分型结果）？生成后可在“分型批次”中公布。')) return;
  try {
    const a = await api(RC.adopt, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ year: Number(year) }) });
    say('rc-status-line', '已生成第 ' + a.run + ' 次分型（市级分型结果），请到“分型批次”审核后公布');
  } catch (e) { showError('rc-status-line', e); }
}

// The console's hooks: the tab's visibility and its loading.
const rcShowApp = showApp;
showApp = function () { // eslint-disable-line no-global-assign
  rcShowApp();
  $('tab-reconcile-button').hidden = !['admin', 'clerk', 'reviewer', 'inspector'].includes(me.role);
  $('rc-adopt').hidden = !rcMayAct();
};
const rcOpenTab = openTab;
openTab = function (name) { // eslint-disable-line no-global-assign
  rcOpenTab(name);
  if (name === 'reconcile') { rc.offset = 0; rcLoad(); }
};
$('rc-form').addEventListener('submit', (ev) => { ev.preventDefault(); rc.offset = 0; rcLoad(); });
$('rc-prev').addEventListener('click', () => { rc.offset = Math.max(0, rc.offset - RC_PAGE); rcLoad(); });
$('rc-next').addEventListener('click', () => { rc.offset += RC_PAGE; rcLoad(); });
$('rc-adopt').addEventListener('click', rcAdopt);
