'use strict';
// 概览: the leader's dashboard for a published year (charts with their tables).
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

$('year').addEventListener('change', loadDashboard);
