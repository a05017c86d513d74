'use strict';
// 工作台: the staff console. Talks to the JSON API (docs/openapi.yaml) with the
// session cookie; every state change carries the CSRF token. Text goes through
// textContent only.
const $ = (id) => document.getElementById(id);
const TYPES = [['survival', '生存型', '#165dff'], ['growth', '成长型', '#00a046'], ['development', '发展型', '#d25f00'],
               ['ineligible', '不符合分型条件', '#86909c']];
let me = null;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (options.method && options.method !== 'GET' && me) headers['X-CSRF-Token'] = me.csrf;
  const res = await fetch(path, Object.assign({}, options, { headers, credentials: 'same-origin' }));
  const data = await res.json().catch(() => ({}));
  if (res.status === 401 && path !== '/api/session') showLogin('登录已过期，请重新登录');
  if (!res.ok) throw new Error(data.error || ('请求失败（' + res.status + '）'));
  return data;
}

function showLogin(message) {
  me = null;
  $('app').hidden = true;
  $('login-view').hidden = false;
  $('who').textContent = '北京市大兴区市场监督管理局 · 工作人员和经营者登录';
  $('login-status').textContent = message || '';
  $('owner-status').textContent = '';
}

function showApp() {
  $('login-view').hidden = true;
  $('app').hidden = false;
  const roleName = { admin: '管理员', clerk: '区市场监管局经办', reviewer: '审核', department: '部门', inspector: '市局抽查',
                     bank: '银行', business: '经营者', town: '镇街' }[me.role] || me.role;
  const unit = me.department || me.town || me.bank || '';
  $('who').textContent = '已登录：' + me.username + '（' + roleName + (unit ? '，' + unit : '') + '）';
  const staff = ['admin', 'clerk', 'reviewer', 'department', 'inspector'].includes(me.role);
  $('tab-audit').hidden = me.role !== 'admin';
  $('tab-dashboard-button').hidden = !staff;
  $('tab-runs-button').hidden = !['admin', 'clerk', 'reviewer', 'inspector'].includes(me.role);
  $('tab-search-button').hidden = me.role === 'business';
  $('sq').placeholder = me.role === 'bank' ? '统一社会信用代码' : '名称、统一社会信用代码或注册号';
  $('tab-imports-button').hidden = !(me.upload_kinds || []).length;
  $('kind').replaceChildren(...(me.upload_kinds || []).map(k => { const o = el('option', null, k.label); o.value = k.kind; return o; }));
  showKindColumns();
  if (me.role === 'business') { // an owner sees its own business, nothing else
    $('staff-search').hidden = true;
    openTab('search');
    showBusiness(me.uscc);
  } else {
    $('staff-search').hidden = false;
    openTab(staff ? 'dashboard' : 'search');
  }
}

// The expected columns of the chosen kind (from /api/me's upload_kinds), under the form.
function showKindColumns() {
  const box = $('kind-columns');
  box.replaceChildren();
  const kind = (me && me.upload_kinds || []).find(k => k.kind === $('kind').value);
  // A list may be uploaded as the whole list (entries it no longer gives are removed).
  $('snapshot').hidden = $('snapshot-label').hidden = !(kind && kind.snapshot);
  if (!kind || !kind.snapshot) $('snapshot').value = '';
  if (!kind) return;
  box.append(el('p', null, '文件（CSV，或 Excel .xlsx/.xls 的一个工作表，第一行为表头）须带表头；列名用下列中文列名或英文字段名，加粗的为必填列，其他列可省略：'));
  const table = el('table', 'grid');
  const head = el('tr');
  for (const h of ['列名', '英文字段名', '也可写作', '说明']) head.append(el('th', null, h));
  table.append(head);
  for (const c of kind.columns) {
    const row = el('tr');
    const title = el('td', null, c.title);
    if (c.required) title.replaceChildren(el('strong', null, c.title + '（必填）'));
    row.append(title, el('td', null, c.name), el('td', null, c.aliases.filter(a => a !== c.title).join('、')),
               el('td', null, c.description));
    table.append(row);
  }
  box.append(table);
}

let pendingUpload = null;

function showImportReport(r, decided) {
  const what = r.committed ? '已导入' : r.status === 'dry_run' ? '检查完毕（尚未写入）' : '未写入';
  $('import-status').textContent = r.name + '：' + what + '，读取 ' + r.rows_read + ' 行，有效 ' + r.rows_ok + '，错误 ' +
    r.rows_bad + (r.committed ? '，变更 ' : '，将变更 ') + r.rows_changed + ' 行' +
    (r.snapshot ? '，其中删除文件中已没有的条目 ' + r.rows_removed + ' 条' : '') +
    (r.sheet ? '（Excel 文件，工作表 ' + r.sheet + '）' : '（编码 ' + r.encoding + '）');
  $('import-actions').hidden = decided;
  $('commit').disabled = r.rows_bad > 0;
  $('commit-skip').hidden = r.rows_bad === 0;
  const table = $('import-bad');
  table.replaceChildren();
  if (r.bad.length) {
    const head = el('tr');
    for (const h of ['行', '列', '问题']) head.append(el('th', null, h));
    table.append(head);
    for (const b of r.bad) {
      const row = el('tr');
      row.append(el('td', null, sheetWhere(r, b.line)), el('td', null, b.field), el('td', null, b.message));
      table.append(row);
    }
  }
}

async function upload(ev) {
  ev.preventDefault();
  const file = $('file').files[0];
  if (!file) return;
  $('import-status').textContent = '上传并检查中…';
  try {
    const snapshot = $('snapshot').value ? '&snapshot=' + $('snapshot').value : '';
    const r = await api('/api/imports?kind=' + $('kind').value + '&name=' + encodeURIComponent(file.name) + snapshot +
                        sheetQuery(), { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
    pendingUpload = r.upload;
    showImportReport(r, false);
  } catch (e) {
    $('import-status').textContent = e.message;
  }
}

async function decide(commit, skipBad) {
  if (!pendingUpload) return;
  try {
    const r = commit
      ? await api('/api/imports/' + pendingUpload + '/commit', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                              body: JSON.stringify({ skip_bad: skipBad }) })
      : await api('/api/imports/' + pendingUpload, { method: 'DELETE' });
    pendingUpload = null;
    if (commit) showImportReport(r, true);
    else { $('import-status').textContent = '已取消，未写入'; $('import-actions').hidden = true; $('import-bad').replaceChildren(); }
  } catch (e) {
    $('import-status').textContent = e.message;
  }
}

function openTab(name) {
  for (const b of document.querySelectorAll('.tabs button[data-tab]')) b.classList.toggle('active', b.dataset.tab === name);
  for (const t of document.querySelectorAll('.tab')) t.hidden = t.id !== 'tab-' + name;
  if (name === 'dashboard') loadDashboard();
  if (name === 'runs') loadRuns();
  if (name === 'audit') loadAudit();
}

// A moment the server stores in UTC ("2026-03-01T02:03:04Z") as Beijing time "2026-03-01 10:03", the clock a
// clerk reads (decision 145); anything else is returned unchanged.
function clock(iso) {
  const t = Date.parse(iso);
  if (!/T/.test(iso || '') || Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return d.getUTCFullYear() + '-' + p(d.getUTCMonth() + 1) + '-' + p(d.getUTCDate()) + ' ' + p(d.getUTCHours()) + ':' + p(d.getUTCMinutes());
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

// Year-over-year transitions as stacked bars: one bar per previous-year type, split by
// this year's type in proportion; the exact counts stay in the table below it.
function transitionChart(title, tr, labels) {
  const box = el('div', 'chart');
  box.append(el('h3', null, title));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const colours = Object.fromEntries(TYPES.map(t => [t[0], t[2]]));
  colours.none = '#c9cdd4';
  const from = Object.keys(labels).filter(f => tr.counts.some(x => x.from === f && x.count > 0));
  const h = 26;
  svg.setAttribute('viewBox', '0 0 640 ' + (from.length * h + 30));
  svg.setAttribute('width', '100%');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  const text = (x, y, t, size) => {
    const e = document.createElementNS(ns, 'text');
    e.setAttribute('x', String(x)); e.setAttribute('y', String(y)); e.setAttribute('font-size', size || '13');
    e.textContent = t;
    return e;
  };
  from.forEach((f, i) => {
    const y = i * h + 2;
    const row = tr.counts.filter(x => x.from === f);
    const total = row.reduce((a, x) => a + x.count, 0);
    svg.append(text(0, y + 17, labels[f]));
    let x = 130;
    for (const t of Object.keys(labels)) {
      const c = row.find(r => r.to === t);
      if (!c || !c.count) continue;
      const w = 460 * c.count / total;
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', String(x)); rect.setAttribute('y', String(y + 4));
      rect.setAttribute('width', String(Math.max(0.5, w))); rect.setAttribute('height', '16');
      rect.setAttribute('fill', colours[t]);
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = labels[f] + ' → ' + labels[t] + '：' + c.count.toLocaleString('zh-CN') + ' 户（' + (100 * c.count / total).toFixed(1) + '%）';
      rect.append(tip);
      svg.append(rect);
      x += w;
    }
    svg.append(text(596, y + 17, total.toLocaleString('zh-CN'), '12'));
  });
  let lx = 130;
  const ly = from.length * h + 14;
  for (const t of Object.keys(labels)) {
    const sw = document.createElementNS(ns, 'rect');
    sw.setAttribute('x', String(lx)); sw.setAttribute('y', String(ly - 9));
    sw.setAttribute('width', '10'); sw.setAttribute('height', '10'); sw.setAttribute('fill', colours[t]);
    svg.append(sw, text(lx + 14, ly, '本年度' + labels[t], '11'));
    lx += 20 + 12 * (labels[t].length + 3);
  }
  box.append(svg);
  return box;
}

async function loadDashboard() {
  const year = $('year').value;
  $('dash').replaceChildren();
  $('dash-status').textContent = '读取中…';
  try {
    const s = await api('/api/stats?year=' + year);
    const totals = TYPES.map(t => [t[1], s.types[t[0]] || 0, t[2]]);
    const all = totals.reduce((a, r) => a + r[1], 0);
    $('dash-status').textContent = year + ' 年度（第 ' + s.run + ' 次分型，已公布）共 ' + all.toLocaleString('zh-CN') + ' 户';
    const downloads = el('p', 'meta');
    downloads.append(el('span', null, '导出本年度公布结果（不含个人信息）：'));
    for (const [fmt, label] of [['xlsx', 'Excel'], ['csv', 'CSV'], ['jsonl', 'JSON Lines']]) {
      if (!['admin', 'clerk', 'reviewer', 'inspector'].includes(me.role)) break;
      const a = el('a', 'download', label);
      a.href = '/api/exports?year=' + year + '&format=' + fmt;
      a.setAttribute('download', '');
      downloads.append(a, el('span', null, ' '));
    }
    $('dash').append(downloads);
    $('dash').append(barChart('分型分布', totals));
    const growthShare = s.by_town.map(t => {
      const total = TYPES.reduce((a, ty) => a + t[ty[0]], 0);
      return [t.key || '（未填写）', t.growth + t.development, '#00a046', total];
    }).sort((a, b) => b[1] - a[1]);
    $('dash').append(barChart('各镇街成长型、发展型户数', growthShare));
    if (s.transitions) {
      const labels = { none: '无结果', survival: '生存型', growth: '成长型', development: '发展型', ineligible: '不符合分型条件' };
      $('dash').append(transitionChart('与 ' + s.transitions.from_year + ' 年度相比的类型变化（按上一年度类型）',
                                       s.transitions, labels));
      const box = el('div', 'chart transitions');
      box.append(el('h3', null, '类型变化户数'));
      const table = el('table', 'grid');
      const keys = Object.keys(labels);
      const head = el('tr');
      head.append(el('th', null, '上一年度 \\ 本年度'));
      for (const k of keys) head.append(el('th', null, labels[k]));
      table.append(head);
      for (const f of keys) {
        const row = el('tr');
        row.append(el('th', null, labels[f]));
        for (const t of keys) {
          const c = s.transitions.counts.find(x => x.from === f && x.to === t);
          row.append(el('td', null, c ? c.count.toLocaleString('zh-CN') : '0'));
        }
        table.append(row);
      }
      box.append(table);
      $('dash').append(box);
    }
  } catch (e) {
    $('dash-status').textContent = e.message;
  }
}

async function showBusiness(uscc) {
  $('detail').replaceChildren(el('p', 'status', '读取中…'));
  try {
    const b = await api('/api/businesses/' + encodeURIComponent(uscc));
    const box = el('div', 'card');
    box.append(el('h3', null, b.name || '（无字号）'));
    box.append(el('div', 'meta', '统一社会信用代码 ' + b.uscc + ' · ' + [b.town, b.industry, b.status, '经营者 ' + b.operator].join(' · ')));
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
      row.append(el('th', null, a.year + ' 年度年报'), el('td', null, (a.filed_on ? '报送 ' + a.filed_on : '未报送') + (a.revenue ? '，营业收入 ' + a.revenue + ' 元' : '')));
      dl.append(row);
    }
    for (const t of b.tax_paid || []) { const row = el('tr'); row.append(el('th', null, t.year + ' 年度实缴税款'), el('td', null, t.amount + ' 元')); dl.append(row); }
    for (const t of b.insured || []) { const row = el('tr'); row.append(el('th', null, t.year + ' 年度单位参保'), el('td', null, t.count + ' 人')); dl.append(row); }
    for (const l of b.listings) { const row = el('tr'); row.append(el('th', null, l.list), el('td', null, l.from + ' 至 ' + (l.to || '今'))); dl.append(row); }
    box.append(dl);
    }
    if (!b.results.length) box.append(el('p', 'meta', '尚无分型结果'));
    for (const r of b.results) {
      const head = el('div', 'year');
      head.append(el('span', null, r.year + ' 年度'));
      head.append(el('span', 'badge t-' + r.type, r.type_label));
      head.append(el('span', 'codes', '第 ' + r.run + ' 次分型（' + (r.source_label || '区级分型') + '）' + (r.published ? '，已公布' : '，未公布')));
      if (r.corrected) head.append(el('span', 'badge', '经异议更正')); // decision 101
      box.append(head);
      const table = el('table', 'grid reasons');
      for (const x of r.reasons) {
        const row = el('tr');
        const art = el('td', 'reason-code', x.article); // the article a clerk can look up; the code only as a tooltip
        art.title = x.code;
        row.append(art, el('td', null, x.text || ''));
        table.append(row);
      }
      box.append(table);
    }
    if (b.imports.length) {
      box.append(el('h4', null, '改动过它的导入'));
      const t = el('table', 'grid');
      for (const i of b.imports) { const row = el('tr'); const kind = (me.upload_kinds || []).find(k => k.kind === i.kind);
        row.append(el('td', null, '#' + i.id), el('td', null, clock(i.at)), el('td', null, kind ? kind.label : i.kind), el('td', null, i.file), el('td', null, i.actor)); t.append(row); }
      box.append(t);
    }
    if (b.measures && typeof measuresCard === 'function') box.append(measuresCard(b)); // measures.js
    $('detail').replaceChildren(box);
  } catch (e) {
    $('detail').replaceChildren(el('p', 'status', e.message));
  }
}

async function search(q) {
  $('hits').replaceChildren();
  $('detail').replaceChildren();
  if (me.role === 'bank') return showBusiness(q.toUpperCase()); // by USCC only, as the public
  try {
    const data = await api('/api/businesses?q=' + encodeURIComponent(q));
    if (!data.results.length) $('hits').append(el('li', 'status', '没有找到'));
    for (const h of data.results) {
      const li = el('li', 'card hit');
      li.append(el('strong', null, h.name || '（无字号）'));
      li.append(el('div', 'meta', h.uscc + ' · ' + h.town + ' · ' + h.status + ' · 经营者 ' + h.operator));
      li.addEventListener('click', () => showBusiness(h.uscc));
      $('hits').append(li);
    }
    if (data.results.length === 1) showBusiness(data.results[0].uscc);
  } catch (e) {
    $('hits').append(el('li', 'status', e.message));
  }
}

async function startRun(ev) {
  ev.preventDefault();
  const body = { year: Number($('run-year').value) };
  const file = $('run-params').files[0];
  try {
    if (file) body.params = JSON.parse(await file.text());
  } catch (e) {
    $('runs-status').textContent = '参数文件不是有效的 JSON：' + e.message;
    return;
  }
  try {
    const job = await api('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const bar = $('run-progress');
    bar.hidden = false;
    for (;;) {
      const j = await api('/api/jobs/' + job.job);
      bar.value = j.total ? Math.min(100, 100 * j.done / j.total) : 0;
      $('runs-status').textContent = '分型中：已分型 ' + j.done.toLocaleString('zh-CN') + ' 户（共 ' + j.total.toLocaleString('zh-CN') + ' 户）';
      if (j.status !== 'running') {
        bar.hidden = true;
        $('runs-status').textContent = j.status === 'done' ? '分型完成：第 ' + j.run + ' 次分型，' + j.done.toLocaleString('zh-CN') + ' 户。请审核后公布。'
                                                           : '分型失败，未保存：' + (j.error || '');
        loadRuns();
        return;
      }
      await new Promise(r => setTimeout(r, 500));
    }
  } catch (e) {
    $('runs-status').textContent = e.message;
  }
}

async function loadRuns() {
  $('start-run').hidden = !(me.role === 'admin' || me.role === 'clerk');
  const table = $('runs');
  table.replaceChildren();
  try {
    const data = await api('/api/runs');
    const head = el('tr');
    for (const h of ['批次', '年度', '来源', '户数', '生存型', '成长型', '发展型', '不符合', '参数', '开始时间', '操作人', '状态']) head.append(el('th', null, h));
    table.append(head);
    for (const r of data.runs.slice().reverse()) {
      const row = el('tr');
      for (const v of ['#' + r.id, r.year, r.source_label || '区级分型', r.population, r.survival, r.growth, r.development, r.ineligible,
                       r.params_sha256.slice(0, 12) + (r.provisional ? '（暂定）' : ''), clock(r.started_at), r.actor]) row.append(el('td', null, v));
      const cell = el('td');
      if (r.published) cell.append(el('span', 'badge t-growth', '已公布'));
      else if (me.role === 'reviewer' || me.role === 'admin') {
        const b = el('button', null, '公布');
        b.addEventListener('click', async () => {
          if (!confirm('公布第 ' + r.id + ' 次分型为 ' + r.year + ' 年度的公示结果？')) return;
          try {
            await api('/api/runs/' + r.id + '/publish', { method: 'POST' });
            $('runs-status').textContent = '已公布第 ' + r.id + ' 次分型';
            loadRuns();
          } catch (e) { $('runs-status').textContent = e.message; }
        });
        cell.append(b);
      } else cell.append(el('span', 'codes', '未公布'));
      if (!r.published) {
        const c = el('button', 'secondary', '对比');
        c.addEventListener('click', () => compareRun(r.id));
        cell.append(c);
      }
      row.append(cell);
      table.append(row);
    }
  } catch (e) {
    $('runs-status').textContent = e.message;
  }
}

async function compareRun(id) {
  try {
    const c = await api('/api/runs/' + id + '/compare');
    const labels = { none: '无结果', survival: '生存型', growth: '成长型', development: '发展型', ineligible: '不符合分型条件' };
    const changed = c.counts.filter(x => x.from !== x.to);
    const total = changed.reduce((a, x) => a + x.count, 0);
    $('runs-status').textContent = '第 ' + id + ' 次分型与已公布的第 ' + c.published + ' 次相比：' + (total ? total + ' 户类型不同：' +
      changed.map(x => labels[x.from] + '→' + labels[x.to] + ' ' + x.count + ' 户').join('，') : '结果完全相同');
  } catch (e) {
    $('runs-status').textContent = e.message;
  }
}

async function loadAudit() {
  const table = $('audit');
  table.replaceChildren();
  try {
    const data = await api('/api/audit' + ($('audit-action').value ? '?action=' + encodeURIComponent($('audit-action').value) : ''));
    const head = el('tr');
    for (const h of ['#', '时间', '操作人', '角色', '地址', '操作', '对象', '变更']) head.append(el('th', null, h));
    table.append(head);
    for (const e of data.entries) {
      const row = el('tr');
      for (const v of [e.id, e.at, e.actor, e.role, e.client || '', e.action, e.object || '',
                       (e.before ? '前 ' + e.before + ' ' : '') + (e.after ? '后 ' + e.after : '')]) row.append(el('td', null, v));
      table.append(row);
    }
  } catch (e) {
    table.append(el('tr', null, e.message));
  }
}

$('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('login-status').textContent = '登录中…';
  try {
    me = await api('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
    $('password').value = '';
    showApp();
  } catch (e) {
    $('login-status').textContent = e.message;
  }
});
$('owner-login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('owner-status').textContent = '核验中…';
  try {
    me = await api('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ uscc: $('owner-uscc').value.trim().toUpperCase(), code: $('owner-code').value.trim().toUpperCase() }) });
    $('owner-code').value = '';
    showApp();
  } catch (e) {
    $('owner-status').textContent = e.message;
  }
});
$('logout').addEventListener('click', async () => {
  try { await api('/api/session', { method: 'DELETE' }); } catch (e) { /* signed out either way */ }
  showLogin('已退出');
});
for (const b of document.querySelectorAll('.tabs button[data-tab]')) b.addEventListener('click', () => openTab(b.dataset.tab));
$('year').addEventListener('change', loadDashboard);
$('audit-action').addEventListener('change', loadAudit);
$('start-run').addEventListener('submit', startRun);
$('upload').addEventListener('submit', upload);
$('kind').addEventListener('change', showKindColumns);
$('commit').addEventListener('click', () => decide(true, false));
$('commit-skip').addEventListener('click', () => decide(true, true));
$('cancel').addEventListener('click', () => decide(false, false));
$('staff-search').addEventListener('submit', (ev) => { ev.preventDefault(); search($('sq').value.trim()); });
api('/api/me').then((m) => { me = m; showApp(); }).catch(() => showLogin());
