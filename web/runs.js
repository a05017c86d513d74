'use strict';
// 分型批次: start a typing run (year from the data, with a name and note), list runs, compare with the published
// one (runs_compare.js), publish after a dialog that names what it replaces.
const RUN_TYPE_LABEL = { none: '上一年度无结果（新登记或上年未分型）', survival: '生存型', growth: '成长型', development: '发展型',
                     ineligible: '不符合分型条件' };

function runsError(message) {
  $('runs-error').textContent = message || '';
  $('runs-error').hidden = !message;
}

// A run as a clerk names it: 第 5 次分型「按新门槛试算」.
function runTitle(r) { return '第 ' + r.id + ' 次分型' + (r.name ? '「' + r.name + '」' : ''); }

async function startRun(ev) {
  ev.preventDefault();
  runsError('');
  const body = { year: Number($('run-year').value) };
  const name = $('run-name').value.trim(), note = $('run-note').value.trim();
  if (name) body.name = name;
  if (note) body.note = note;
  const file = $('run-params').files[0];
  const opt = $('run-year').selectedOptions[0];
  if (!file && opt && !opt.dataset.params) {
    runsError(body.year + ' 年度还没有内置参数：请在“参数文件”中选择该年度的参数文件后再开始分型。');
    $('run-params').focus();
    return;
  }
  try {
    if (file) body.params = JSON.parse(await file.text());
  } catch (e) {
    runsError('参数文件不是有效的 JSON：' + e.message);
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
        if (j.status === 'done') {
          $('runs-status').textContent = '分型完成：第 ' + j.run + ' 次分型（' + body.year + ' 年度），' + j.done.toLocaleString('zh-CN') +
            ' 户。请点“对比”查看与公示结果的差异，审核后公布。';
          $('run-name').value = '';
          $('run-note').value = '';
        } else {
          $('runs-status').textContent = '';
          runsError('分型失败，未保存：' + (j.error || ''));
        }
        loadRuns();
        return;
      }
      await new Promise(r => setTimeout(r, 500));
    }
  } catch (e) {
    runsError(e.message);
  }
}

// Fills the new run's year select: the years with parameters (and those with runs), newest with parameters first.
// The year after the newest known one is offered too, marked as needing a parameters file, so that next year's run
// can be started from the console as soon as the city's figures arrive as a file (decision 215).
function fillRunYears(y) {
  const sel = $('run-year');
  const keep = sel.value;
  const years = y.years.slice();
  if (years.length) years.unshift({ year: years[0].year + 1, params: false });
  sel.replaceChildren(...years.map(x => {
    const o = el('option', null, x.year + ' 年度' + (x.params ? '' : '（需上传参数文件）'));
    o.value = x.year;
    o.dataset.params = x.params ? '1' : '';
    return o;
  }));
  sel.value = keep || String(y.newest_params || (y.years[0] && y.years[0].year) || '');
}

function runCell(r) {
  const cell = el('td');
  cell.append(el('strong', null, '#' + r.id + (r.name ? ' ' + r.name : '')));
  if (r.note) cell.append(el('div', 'meta', r.note));
  return cell;
}

function hashCell(r) {
  const cell = el('td', 'codes');
  const h = el('span', null, r.params_sha256.slice(0, 8) + (r.provisional ? '（暂定）' : ''));
  h.title = '参数 SHA-256：' + r.params_sha256;
  cell.append(h);
  return cell;
}

async function loadRuns() {
  const clerk = me.role === 'admin' || me.role === 'clerk';
  const reviewer = me.role === 'reviewer' || me.role === 'admin';
  $('start-run').hidden = !clerk;
  runsError('');
  const table = $('runs');
  table.classList.add('cards');
  table.replaceChildren();
  try {
    const [data, years] = await Promise.all([api('/api/runs'), api('/api/years')]);
    fillRunYears(years);
    const publishedAt = Object.fromEntries(years.years.map(y => [y.year, y.published_at]));
    const heads = ['批次', '年度', '来源', '户数', '生存型', '成长型', '发展型', '不符合', '参数', '开始时间', '操作人', '状态和操作'];
    const head = el('tr');
    for (const h of heads) head.append(el('th', null, h));
    table.append(head);
    const runs = data.runs.slice().reverse();
    for (const r of runs) {
      const row = el('tr');
      row.append(runCell(r));
      row.append(el('td', null, r.year), el('td', null, r.source_label || '区级分型'));
      for (const v of [r.population, r.survival, r.growth, r.development, r.ineligible]) row.append(el('td', 'num', v.toLocaleString('zh-CN')));
      row.append(hashCell(r), el('td', null, clock(r.started_at)), el('td', null, r.actor));
      const td = el('td'), cell = el('div', 'run-actions'); // a flex box inside the cell: the cell stays a cell
      td.append(cell);
      if (r.published) cell.append(el('span', 'badge t-growth', '已公布'));
      else cell.append(el('span', 'codes', r.status === 'done' ? '未公布' : '未完成'));
      if (!r.published) {
        const c = el('button', 'secondary', '对比');
        c.setAttribute('aria-label', '对比' + runTitle(r) + '与公示结果');
        c.addEventListener('click', () => compareRun(r));
        cell.append(c);
      }
      if (!r.published && reviewer && r.status === 'done') {
        const b = el('button', 'publish', '公布');
        b.setAttribute('aria-label', '公布' + runTitle(r));
        b.addEventListener('click', () => askPublish(r, runs.find(x => x.year === r.year && x.published), publishedAt[r.year]));
        cell.append(b);
      }
      if (!r.published && clerk) {
        const n = el('button', 'link', '改名称');
        n.setAttribute('aria-label', '改名称：' + runTitle(r));
        n.addEventListener('click', () => editLabel(r));
        cell.append(n);
      }
      row.append(td);
      [...row.children].forEach((td, i) => { td.dataset.label = heads[i]; }); // the phone's card layout shows them
      table.append(row);
    }
  } catch (e) {
    runsError(e.message);
  }
}

// The publish dialog: names the year, the run, the published run it replaces (with its date), and the counts.
async function askPublish(r, current, currentAt) {
  runsError('');
  const body = $('publish-body');
  body.replaceChildren(el('p', null, '将' + runTitle(r) + '公布为 ' + r.year + ' 年度的公示结果。'));
  body.append(el('p', 'replaces', current
    ? '将替换当前公示的' + runTitle(current) + '（' + (currentAt ? clock(currentAt) : '') + ' 公布）。'
    : r.year + ' 年度尚无公示结果，这是第一次公布。'));
  body.append(el('p', null, '共 ' + r.population.toLocaleString('zh-CN') + ' 户：' +
    TYPES.map(t => t[1] + ' ' + (r[t[0]] || 0).toLocaleString('zh-CN') + ' 户').join('，') + '。'));
  if (current) {
    try {
      const c = await api('/api/runs/' + r.id + '/compare?limit=1');
      body.append(el('p', null, c.movers.total ? '与当前公示结果相比，' + c.movers.total.toLocaleString('zh-CN') + ' 户类型不同。'
                                               : '与当前公示结果相比，各户类型完全相同。'));
    } catch (e) { /* the counts above still say what is published */ }
  }
  body.append(el('p', 'meta', '公布后经营者和公众即可查询到新结果，此操作记入审计记录。'));
  const dialog = $('publish-dialog');
  dialog.returnValue = '';
  dialog.onclose = async () => {
    if (dialog.returnValue !== 'confirm') return;
    try {
      const p = await api('/api/runs/' + r.id + '/publish', { method: 'POST' });
      dashYears = null; // the dashboard's years change with a publication
      $('runs-status').textContent = '已公布' + runTitle(r) + '为 ' + p.year + ' 年度公示结果' +
        (p.replaced ? '，替换了第 ' + p.replaced + ' 次分型。' : '。');
      loadRuns();
    } catch (e) { runsError('公布失败：' + e.message); }
  };
  dialog.showModal();
  $('publish-cancel').focus(); // the safe choice has the focus: Enter does not publish by accident
}

function editLabel(r) {
  const dialog = $('label-dialog');
  $('label-name').value = r.name || '';
  $('label-note').value = r.note || '';
  dialog.returnValue = '';
  dialog.onclose = async () => {
    if (dialog.returnValue !== 'save') return;
    try {
      await api('/api/runs/' + r.id, { method: 'PUT', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: $('label-name').value.trim(), note: $('label-note').value.trim() }) });
      $('runs-status').textContent = '已保存第 ' + r.id + ' 次分型的名称和备注。';
      loadRuns();
    } catch (e) { runsError(e.message); }
  };
  dialog.showModal();
}

$('start-run').addEventListener('submit', startRun);
