'use strict';
// 分型对比: a run against the published run of its year: the counts table (each count a link to its list) and the
// businesses whose type moved, paged on the server, downloadable as Excel (issue 11 §4).
const CMP_PAGE = 50;
const cmp = { run: null, from: '', to: '', offset: 0 };

function cmpQuery(extra) {
  const q = new URLSearchParams();
  if (cmp.from) q.set('from', cmp.from);
  if (cmp.to) q.set('to', cmp.to);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return '/api/runs/' + cmp.run.id + '/compare?' + q.toString();
}

function cmpLabel(code) { return code === 'none' ? '无结果' : RUN_TYPE_LABEL[code] || code; }

// The transitions that differ, as a table whose counts open their list.
function cmpCounts(c) {
  const box = el('div', 'chart');
  const moved = c.counts.filter(x => x.from !== x.to).sort((a, b) => b.count - a.count);
  const table = el('table', 'grid cmp-counts');
  table.append(el('caption', null, '类型变化户数（左：当前公示结果，右：本次分型）'));
  const head = el('tr');
  for (const h of ['当前公示', '本次分型', '户数']) head.append(el('th', null, h));
  table.append(head);
  const link = (text, from, to, label) => {
    const b = el('button', 'link', text);
    b.setAttribute('aria-label', label);
    b.addEventListener('click', () => { cmp.from = from; cmp.to = to; cmp.offset = 0; cmpLoad(); });
    return b;
  };
  for (const x of moved) {
    const row = el('tr');
    const td = el('td');
    td.append(link(x.count.toLocaleString('zh-CN'), x.from, x.to,
                   '查看由' + cmpLabel(x.from) + '变为' + cmpLabel(x.to) + '的 ' + x.count + ' 户'));
    row.append(el('td', null, cmpLabel(x.from)), el('td', null, cmpLabel(x.to)), td);
    table.append(row);
  }
  const total = moved.reduce((a, x) => a + x.count, 0);
  const foot = el('tr');
  const td = el('td');
  td.append(link(total.toLocaleString('zh-CN'), '', '', '查看全部 ' + total + ' 户类型不同的个体工商户'));
  foot.append(el('th', null, '合计'), el('th', null, '类型不同'), td);
  table.append(foot);
  const same = c.counts.filter(x => x.from === x.to).reduce((a, x) => a + x.count, 0);
  box.append(table, el('p', 'meta', '类型相同 ' + same.toLocaleString('zh-CN') + ' 户。'));
  return box;
}

// A stored reason's amounts with thousands separators, as everywhere else (2481.00 元 -> 2,481.00 元).
function cmpText(t) { return String(t || '').replace(/(?<![\d.,])\d+(?:\.\d+)?(?= ?元)/g, (m) => yuan(m)); }

function cmpReasons(list) {
  const cell = el('td');
  for (const r of list || []) {
    const p = el('div');
    p.append(el('span', 'reason-code', (r.article || r.code) + ' '), el('span', null, cmpText(r.text)));
    cell.append(p);
  }
  return cell;
}

function cmpMovers(c) {
  const m = c.movers;
  const box = el('div', 'chart');
  const filter = m.from || m.to ? (m.from ? cmpLabel(m.from) : '任意') + ' → ' + (m.to ? cmpLabel(m.to) : '任意') : '全部类型变化';
  box.append(el('h3', null, '类型不同的个体工商户（' + filter + '，共 ' + m.total.toLocaleString('zh-CN') + ' 户）'));
  const a = el('a', 'download', '下载 Excel（不含个人信息）');
  a.href = cmpQuery({ format: 'xlsx' });
  a.setAttribute('download', '');
  box.append(a);
  const table = el('table', 'grid movers cards');
  const heads = ['统一社会信用代码', '名称', '镇街', '当前公示', '本次分型', '本次理由'];
  const head = el('tr');
  for (const h of heads) head.append(el('th', null, h));
  table.append(head);
  for (const x of m.items) {
    const row = el('tr');
    row.append(el('td', null, x.uscc), el('td', null, x.name || '（无字号）'), el('td', null, x.town),
               el('td', null, cmpLabel(x.from)), el('td', null, cmpLabel(x.to)), cmpReasons(x.reasons));
    [...row.children].forEach((td, i) => { td.dataset.label = heads[i]; });
    table.append(row);
  }
  box.append(table);
  const pager = el('div', 'pager');
  const first = m.total ? m.offset + 1 : 0, last = m.offset + m.items.length;
  const prev = el('button', 'secondary', '上一页'), next = el('button', 'secondary', '下一页');
  prev.disabled = m.offset === 0;
  next.disabled = last >= m.total;
  prev.addEventListener('click', () => { cmp.offset = Math.max(0, cmp.offset - CMP_PAGE); cmpLoad(); });
  next.addEventListener('click', () => { cmp.offset += CMP_PAGE; cmpLoad(); });
  pager.append(prev, el('span', null, '第 ' + first.toLocaleString('zh-CN') + '–' + last.toLocaleString('zh-CN') + ' 户，共 ' +
                                        m.total.toLocaleString('zh-CN') + ' 户'), next);
  box.append(pager);
  return box;
}

async function cmpLoad() {
  const out = $('run-compare');
  try {
    const c = await api(cmpQuery({ offset: cmp.offset, limit: CMP_PAGE }));
    const h = el('h2', null, runTitle(cmp.run) + '与当前公示的第 ' + c.published + ' 次分型对比（' + c.year + ' 年度）');
    h.tabIndex = -1;
    out.replaceChildren(h, cmpCounts(c), cmpMovers(c));
    out.hidden = false;
    h.focus();
  } catch (e) {
    out.hidden = true;
    runsError(e.message);
  }
}

// Called from the runs table's 对比 button.
function compareRun(r) {
  runsError('');
  Object.assign(cmp, { run: r, from: '', to: '', offset: 0 });
  cmpLoad();
}
