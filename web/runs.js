'use strict';
// 分型批次: start a typing run, list runs, compare with the published one, publish.
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

$('start-run').addEventListener('submit', startRun);
