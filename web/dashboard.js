'use strict';
// 概览: the leader's dashboard for a published year: totals, each town and industry section with its types' counts
// and shares, the changes since last year in words, each chart followed by its data table (issue 11 §4). Charts are
// HTML bars, so their text keeps the page's font size on a phone.
const DASH_SECTIONS = { A: '农、林、牧、渔业', B: '采矿业', C: '制造业', D: '电力、热力、燃气及水生产和供应业', E: '建筑业',
  F: '批发和零售业', G: '交通运输、仓储和邮政业', H: '住宿和餐饮业', I: '信息传输、软件和信息技术服务业', J: '金融业',
  K: '房地产业', L: '租赁和商务服务业', M: '科学研究和技术服务业', N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业', P: '教育', Q: '卫生和社会工作', R: '文化、体育和娱乐业', S: '公共管理、社会保障和社会组织',
  T: '国际组织' };
const DASH_LABELS = { none: '上一年度无结果（新登记或上年未分型）', survival: '生存型', growth: '成长型', development: '发展型',
                      ineligible: '不符合分型条件' };
const DASH_RANK = { survival: 1, growth: 2, development: 3 };
let dashYears = null;

const dashFmt = (n) => Number(n || 0).toLocaleString('zh-CN');
const dashPct = (n, total) => total ? (100 * n / total).toFixed(1) + '%' : '—';

// The years the data knows (GET /api/years), once per sign-in; fills the year select with the published years and
// selects the latest published one.
async function dashFillYears() {
  dashYears = await api('/api/years');
  const sel = $('year');
  const published = dashYears.years.filter(y => y.published_run);
  const keep = sel.value;
  sel.replaceChildren(...published.map(y => { const o = el('option', null, y.year + ' 年度'); o.value = y.year; return o; }));
  if (keep && published.some(y => String(y.year) === keep)) sel.value = keep;
  else if (dashYears.latest_published) sel.value = String(dashYears.latest_published);
  return published.length > 0;
}

// A bar chart in HTML: rows of [label, value, colour, share?] (share: a percentage after the count, decision 217, so a
// leader compares towns of different sizes, not raw counts); followed by a 查看数据表 toggle with the table (the
// dashboard's own; barChart below stays for the measures and the round, which pass a scale).
function dashBars(title, rows, table) {
  const box = el('div', 'chart');
  box.append(el('h3', null, title));
  const max = Math.max(1, ...rows.map(r => r[1]));
  const list = el('div', 'bars');
  list.setAttribute('role', 'img');
  list.setAttribute('aria-label', title + '：' + rows.map(r => r[0] + ' ' + r[1] + ' 户' + (r[3] ? '，占 ' + r[3] : '')).join('；'));
  for (const [label, value, colour, share] of rows) {
    const row = el('div', 'bar-row');
    const track = el('div', 'bar-track');
    const bar = el('div', 'bar');
    bar.style.width = Math.max(0.5, 100 * value / max) + '%';
    bar.style.background = colour;
    track.append(bar);
    row.append(el('span', 'bar-label', label), track, el('span', 'bar-value', dashFmt(value) + (share ? '（' + share + '）' : '')));
    list.append(row);
  }
  box.append(list);
  if (table) {
    const d = el('details');
    d.append(el('summary', null, '查看数据表'), table);
    box.append(d);
  }
  return box;
}

// A horizontal bar chart in SVG: rows of [label, value, colour]; top is the full bar (100 for a percentage),
// else the largest value.
function barChart(title, rows, top) {
  const box = el('div', 'chart');
  box.append(el('h3', null, title));
  const max = top || Math.max(1, ...rows.map(r => r[1]));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const h = 26;
  svg.setAttribute('viewBox', '0 0 640 ' + (rows.length * h + 4));
  svg.setAttribute('width', '100%');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  rows.forEach((r, i) => {
    const y = i * h + 2;
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', '0'); label.setAttribute('y', String(y + 17)); label.setAttribute('font-size', '13');
    label.textContent = r[0];
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', '130'); bar.setAttribute('y', String(y + 4)); bar.setAttribute('height', '16');
    bar.setAttribute('width', String(Math.max(1, 420 * r[1] / max))); bar.setAttribute('fill', r[2]);
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', String(136 + 420 * r[1] / max)); value.setAttribute('y', String(y + 17));
    value.setAttribute('font-size', '12');
    value.textContent = r[1].toLocaleString('zh-CN');
    svg.append(label, bar, value);
  });
  box.append(svg);
  return box;
}

// A table of keyed counts (by town or section): each row the total, then each type's count and share.
function typeTable(caption, rows, keyName, name) {
  const table = el('table', 'grid dash-table');
  table.append(el('caption', null, caption));
  const head = el('tr');
  head.append(el('th', null, keyName), el('th', null, '户数'));
  for (const t of TYPES) head.append(el('th', null, t[1]));
  table.append(head);
  for (const r of rows) {
    const total = TYPES.reduce((a, t) => a + (r[t[0]] || 0), 0);
    const row = el('tr');
    row.append(el('th', null, name(r.key)), el('td', 'num', dashFmt(total)));
    for (const t of TYPES) row.append(el('td', 'num', dashFmt(r[t[0]]) + '（' + dashPct(r[t[0]] || 0, total) + '）'));
    table.append(row);
  }
  return table;
}

// The year-over-year changes in words: 与 2024 年度相比，312 户由生存型升为成长型；……
function transitionWords(tr, year) {
  const moved = tr.counts.filter(x => x.from !== x.to && x.count > 0).sort((a, b) => b.count - a.count);
  if (!moved.length) return '与 ' + tr.from_year + ' 年度相比，各户类型没有变化。';
  const phrase = (x) => {
    const n = dashFmt(x.count) + ' 户';
    if (x.from === 'none') return n + '上一年度无结果（新登记或上年未分型），' + year + ' 年度为' + DASH_LABELS[x.to];
    if (x.to === 'none') return n + '上一年度为' + DASH_LABELS[x.from] + '，本年度无结果（已注销或不在本年度分型范围）';
    const verb = DASH_RANK[x.from] && DASH_RANK[x.to] ? (DASH_RANK[x.to] > DASH_RANK[x.from] ? '升为' : '降为') : '转为';
    return n + '由' + DASH_LABELS[x.from] + verb + DASH_LABELS[x.to];
  };
  return '与 ' + tr.from_year + ' 年度相比，' + moved.map(phrase).join('；') + '。';
}

function transitionTable(tr) {
  const table = el('table', 'grid dash-table');
  table.append(el('caption', null, '类型变化户数（行：上一年度，列：本年度）'));
  const keys = Object.keys(DASH_LABELS);
  const head = el('tr');
  head.append(el('th', null, '上一年度 \\ 本年度'));
  for (const k of keys.slice(1)) head.append(el('th', null, DASH_LABELS[k]));
  table.append(head);
  for (const f of keys) {
    const row = el('tr');
    row.append(el('th', null, DASH_LABELS[f]));
    for (const t of keys.slice(1)) {
      const c = tr.counts.find(x => x.from === f && x.to === t);
      row.append(el('td', 'num', dashFmt(c ? c.count : 0)));
    }
    table.append(row);
  }
  return table;
}

function dashDownloads(year) {
  const downloads = el('p', 'meta');
  if (!['admin', 'clerk', 'reviewer', 'inspector'].includes(me.role)) return downloads;
  downloads.append(el('span', null, '导出本年度公布结果（不含个人信息）：'));
  for (const [f, label] of [['xlsx', 'Excel'], ['csv', 'CSV'], ['jsonl', 'JSONL']]) {
    const a = el('a', 'download', label);
    a.href = '/api/exports?year=' + year + '&format=' + f;
    a.setAttribute('download', '');
    downloads.append(a, el('span', null, ' '));
  }
  return downloads;
}

async function loadDashboard() {
  const dash = $('dash');
  dash.replaceChildren();
  $('dash-error').hidden = true;
  $('dash-status').textContent = '读取中…';
  try {
    if (!dashYears && !(await dashFillYears())) {
      $('dash-status').textContent = '尚无已公布的分型结果。';
      return;
    }
    const year = $('year').value;
    if (!year) { $('dash-status').textContent = '尚无已公布的分型结果。'; return; }
    const s = await api('/api/stats?year=' + year);
    const all = TYPES.reduce((a, t) => a + (s.types[t[0]] || 0), 0);
    $('dash-status').textContent = year + ' 年度（第 ' + s.run + ' 次分型）共 ' + dashFmt(all) + ' 户。';
    const asof = el('p', 'asof');
    asof.textContent = '数据截至：' + (s.published_at ? '分型结果 ' + clock(s.published_at) + ' 公布' : '分型结果未公布') +
      (s.latest_import_at ? '；最近一次导入数据 ' + clock(s.latest_import_at) : '') + '（北京时间）。';
    dash.append(el('h2', 'dash-title', year + ' 年度分型概况'), asof, dashDownloads(year));
    const totals = el('table', 'grid dash-table');
    totals.append(el('caption', null, '分型分布'));
    const th = el('tr');
    for (const h of ['类型', '户数', '占比']) th.append(el('th', null, h));
    totals.append(th);
    for (const t of TYPES) {
      const row = el('tr');
      row.append(el('th', null, t[1]), el('td', 'num', dashFmt(s.types[t[0]])), el('td', 'num', dashPct(s.types[t[0]] || 0, all)));
      totals.append(row);
    }
    dash.append(dashBars('分型分布', TYPES.map(t => [t[1], s.types[t[0]] || 0, t[2], dashPct(s.types[t[0]] || 0, all)]), totals));
    const sum = (r) => TYPES.reduce((x, t) => x + (r[t[0]] || 0), 0);
    const towns = s.by_town.slice().sort((a, b) => (b.growth + b.development) - (a.growth + a.development));
    dash.append(dashBars('各镇街成长型、发展型户数（括号内为占本镇街户数的比例）',
                         towns.map(t => [t.key || '（未填写）', t.growth + t.development, '#00a046', dashPct(t.growth + t.development, sum(t))]),
                         typeTable('各镇街分型（户数和占比）', towns, '镇街', k => k || '（未填写）')));
    const sections = s.by_section.slice().sort((a, b) => TYPES.reduce((x, t) => x + b[t[0]] - a[t[0]], 0));
    const secName = (k) => k ? k + ' ' + (DASH_SECTIONS[k] || '') : '（行业未填写）';
    dash.append(dashBars('各行业门类户数（括号内为占全区的比例）', sections.map(r => [secName(r.key), sum(r), '#165dff', dashPct(sum(r), all)]),
                         typeTable('各行业门类分型（户数和占比）', sections, '行业门类', secName)));
    if (s.transitions) {
      const box = el('div', 'chart');
      box.append(el('h3', null, '与 ' + s.transitions.from_year + ' 年度相比的类型变化'));
      box.append(el('p', 'transition-words', transitionWords(s.transitions, year)));
      const d = el('details');
      d.append(el('summary', null, '查看数据表'), transitionTable(s.transitions));
      box.append(d);
      dash.append(box);
    }
  } catch (e) {
    $('dash-status').textContent = '';
    $('dash-error').textContent = e.message;
    $('dash-error').hidden = false;
  }
}

$('year').addEventListener('change', loadDashboard);
