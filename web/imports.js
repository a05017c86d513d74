'use strict';
// 导入数据 (issue 11 §5): the checklist of the year's sources, the upload with its template and column list, the
// check-then-commit report in plain Chinese, and the history of past imports (console.js holds api/el/$/clock).

// ---- the kind's columns and its templates ----
function chosenKind() { return (me && me.upload_kinds || []).find(k => k.kind === $('kind').value); }

// The expected columns of the chosen kind (from /api/me's upload_kinds), under the form, with its templates.
function showKindColumns() {
  const box = $('kind-columns');
  box.replaceChildren();
  const kind = chosenKind();
  // A list may be uploaded as the whole list (entries it no longer gives are removed).
  $('snapshot').hidden = $('snapshot-label').hidden = !(kind && kind.snapshot);
  if (!kind || !kind.snapshot) $('snapshot').value = '';
  const table = kind && kind.columns.length > 0;
  for (const [id, format] of [['tpl-xlsx', 'xlsx'], ['tpl-csv', 'csv']]) {
    $(id).hidden = !table;
    $(id).href = table ? '/api/imports/template?kind=' + encodeURIComponent(kind.kind) + '&format=' + format : '#';
  }
  $('tpl-xlsx').parentElement.hidden = !table;
  if (!kind) return;
  if (!table) { box.append(el('p', null, '完整档案为 JSONL 文件（每行一户），格式见数据说明。')); return; }
  box.append(el('p', null, '文件第一行为列名，用下列中文列名（或其他写法）；标“必填”的列不能缺，其他列可省略：'));
  const grid = el('table', 'grid');
  const head = el('tr');
  for (const h of ['列名', '说明', '示例', '也可写作']) head.append(el('th', null, h));
  grid.append(head);
  for (const c of kind.columns) {
    const row = el('tr');
    const title = el('td', null, c.title);
    if (c.required) title.replaceChildren(el('strong', null, c.title + '（必填）'));
    const also = el('td');
    // the field names as files spell them (Latin ones shown verbatim), then the other Chinese spellings
    const names = [c.name].concat(c.aliases.filter(a => a !== c.title && a !== c.name));
    names.forEach((a, k) => also.append(k ? '、' : '', /^[\x20-\x7e]+$/.test(a) ? verbatim(a) : a));
    row.append(title, el('td', null, c.description), el('td', null, c.example || '—'), also);
    grid.append(row);
  }
  box.append(grid);
}

// ---- the report of one upload ----
let pendingUpload = null;

// Clears what the previous upload left on screen: its report, its error, its actions.
function clearImportReport() {
  $('import-status').textContent = '';
  $('import-error').textContent = '';
  $('import-error').hidden = true;
  $('import-warning').hidden = true;
  $('import-actions').hidden = true;
  $('import-bad').replaceChildren();
}

// The server words its refusals "中文 (English)": a clerk reads the Chinese (decision 190).
function plainMessage(message) { return String(message).replace(/\s*\([\x20-\x7e]*[A-Za-z][\x20-\x7e]*\)/g, ''); }

function importError(message) {
  $('import-status').textContent = '';
  $('import-error').textContent = plainMessage(message);
  $('import-error').hidden = false;
}

function showImportReport(r, decided) {
  const what = r.committed ? '已导入' : r.status === 'dry_run' ? '检查完毕（尚未写入）' : '未写入';
  const n = (x) => Number(x).toLocaleString('zh-CN');
  $('import-status').textContent = r.name + '：' + what + '。读取 ' + n(r.rows_read) + ' 行，有效 ' + n(r.rows_ok) +
    ' 行，错误 ' + n(r.rows_bad) + ' 行，' + (r.committed ? '变更 ' : '将变更 ') + n(r.rows_changed) + ' 条' +
    (r.snapshot ? '，其中删除文件中已没有的条目 ' + n(r.rows_removed) + ' 条' : '') +
    (r.sheet ? '（Excel 文件，工作表 ' + r.sheet + '）' : '') + '。';
  $('import-warning').textContent = r.warning || '';
  $('import-warning').hidden = !r.warning;
  $('import-actions').hidden = decided;
  const blocked = r.rows_bad > 0;
  $('commit').disabled = blocked;
  $('commit-reason').textContent = blocked
    ? '有 ' + n(r.rows_bad) + ' 行错误：请修正后重新上传，或选择「跳过错误行导入」' : '';
  $('commit-skip').hidden = !blocked || r.rows_ok === 0;
  const table = $('import-bad');
  table.replaceChildren();
  if (!r.bad.length) return;
  const caption = el('caption', null, r.bad.length < r.rows_bad ? '错误行（列出前 ' + r.bad.length + ' 行）' : '错误行');
  const head = el('tr');
  for (const h of ['行', '列', '问题']) head.append(el('th', null, h));
  table.append(caption, head);
  for (const b of r.bad) {
    const row = el('tr');
    const text = (b.text || b.message).replace(/^第 \d+ 行(「[^」]*」)?：/, '');
    row.append(el('td', null, sheetWhere(r, b.line)), el('td', null, b.column || '整行'), el('td', null, text));
    table.append(row);
  }
}

// POST the file; a refused file answers {error, plain}: the plain sentence is what a clerk reads.
async function upload(ev) {
  ev.preventDefault();
  const file = $('file').files[0];
  if (!file) return;
  clearImportReport();
  // A new file replaces a checked one not yet decided: cancel it (it would hold one of the account's two slots).
  if (pendingUpload) await api('/api/imports/' + pendingUpload, { method: 'DELETE' }).catch(() => {});
  pendingUpload = null;
  $('import-status').textContent = '上传并检查中…';
  const snapshot = $('snapshot').value ? '&snapshot=' + $('snapshot').value : '';
  try {
    const res = await fetch('/api/imports?kind=' + encodeURIComponent($('kind').value) + '&name=' +
                            encodeURIComponent(file.name) + snapshot + sheetQuery(),
                            { method: 'POST', body: file, credentials: 'same-origin',
                              headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': me.csrf } });
    const r = await res.json().catch(() => ({}));
    if (res.status === 401) { showLogin('登录已过期，请重新登录'); return; }
    if (!res.ok) { importError(r.plain || r.error || ('上传失败（' + res.status + '）')); return; }
    pendingUpload = r.upload;
    showImportReport(r, false);
    historyOffset = 0;
    loadHistory(); // the check is listed until it is decided
  } catch (e) {
    importError('上传失败：网络中断或服务器无响应，请重试。');
  }
}

async function decide(commit, skipBad) {
  if (!pendingUpload) return;
  $('import-error').hidden = true;
  try {
    const r = commit
      ? await api('/api/imports/' + pendingUpload + '/commit', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                              body: JSON.stringify({ skip_bad: skipBad }) })
      : await api('/api/imports/' + pendingUpload, { method: 'DELETE' });
    pendingUpload = null;
    if (commit) showImportReport(r, true);
    else { clearImportReport(); $('import-status').textContent = '已取消，未写入。'; }
    $('file').value = '';
    loadImportLists();
  } catch (e) {
    importError(e.message);
  }
}

// ---- the checklist of the year's sources ----
function importYears() {
  const now = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear(); // Beijing
  const sel = $('imp-year');
  if (sel.options.length) return;
  for (let y = now + 1; y >= now - 2; y--) {
    const o = el('option', null, y + ' 年度');
    o.value = y;
    sel.append(o);
  }
  sel.value = String(now);
}

const STATE_CLASS = { missing: 'imp-state-missing', stale: 'imp-state-stale', imported: 'imp-state-ok' };

// A file as the clerk knows it: its name without the folder it was read from (the whole path as a tooltip).
function importFile(name) {
  const e = verbatim(String(name || '').replace(/^.*[\\/]/, ''));
  e.title = name || '';
  return e;
}

// The last import of a source, as a paragraph: when, who, which file, how many rows.
function lastImportText(i) {
  const n = (x) => Number(x).toLocaleString('zh-CN');
  const p = el('p', null, '最近导入：' + clock(i.finished_at || i.started_at) + '，' + i.actor + ' 导入“');
  p.append(importFile(i.file_name), '”：读取 ' + n(i.rows_read) + ' 行，有效 ' + n(i.rows_ok) + '，错误 ' + n(i.rows_bad) +
           '，变更 ' + n(i.rows_changed) + ' 条');
  return p;
}

async function loadChecklist() {
  importYears();
  $('imp-check-status').textContent = '读取中…';
  try {
    const r = await api('/api/imports/checklist?year=' + $('imp-year').value);
    $('imp-check-note').textContent = r.year + ' 年度分型以 ' + r.reference_date + ' 为基准日；在基准日之前导入的数据标为“较旧”，' +
      '请在分型前重新导入。';
    const list = $('imp-checklist');
    list.replaceChildren();
    for (const s of r.sources) {
      const li = el('li', 'imp-card');
      const title = el('h3', null, s.label);
      title.append(' ', el('span', 'imp-state ' + (STATE_CLASS[s.state] || ''), s.state_label));
      li.append(title, el('p', 'meta', '提供单位：' + s.departments.join('、')),
                s.last ? lastImportText(s.last) : el('p', null, '尚未导入'));
      list.append(li);
    }
    const done = r.sources.filter(s => s.state === 'imported').length;
    $('imp-check-status').textContent = '共 ' + r.sources.length + ' 类数据，已导入 ' + done + ' 类。';
  } catch (e) {
    $('imp-check-status').textContent = '';
    importError(e.message);
  }
}

// ---- the history, a page at a time ----
const HISTORY_PAGE = 20;
let historyOffset = 0;

async function loadHistory() {
  $('imp-history-status').textContent = '读取中…';
  try {
    const r = await api('/api/imports/history?limit=' + HISTORY_PAGE + '&offset=' + historyOffset);
    const n = (x) => Number(x).toLocaleString('zh-CN');
    const table = $('imp-history');
    table.replaceChildren();
    const heads = ['时间', '数据', '文件', '导入人', '结果', '读取', '有效', '错误', '变更'];
    const head = el('tr');
    for (const h of heads) head.append(el('th', null, h));
    if (r.imports.length) table.append(head);
    for (const i of r.imports) {
      const row = el('tr');
      const cells = [clock(i.finished_at || i.started_at), i.label, i.file_name, i.actor, i.outcome_label, n(i.rows_read),
                     n(i.rows_ok), n(i.rows_bad), n(i.rows_changed)];
      // data-label: on a phone each row is a card and the cells say what they are (console.css)
      cells.forEach((c, k) => {
        const td = k === 2 ? el('td') : el('td', null, c);
        if (k === 2) td.append(importFile(c));
        td.dataset.label = heads[k];
        row.append(td);
      });
      table.append(row);
    }
    const last = Math.min(r.total, historyOffset + r.imports.length);
    $('imp-history').closest('.imp-scroll').hidden = !r.imports.length;
    $('imp-prev').parentElement.hidden = r.total <= HISTORY_PAGE;
    $('imp-history-status').textContent = r.total ? '' : '还没有导入记录。';
    $('imp-page').textContent = r.total ? '第 ' + n(historyOffset + 1) + '–' + n(last) + ' 条，共 ' + n(r.total) + ' 条' : '';
    $('imp-prev').disabled = historyOffset === 0;
    $('imp-next').disabled = last >= r.total;
  } catch (e) {
    $('imp-history-status').textContent = '';
    importError(e.message);
  }
}

function loadImportLists() {
  loadChecklist();
  loadHistory();
}

$('upload').addEventListener('submit', upload);
$('file').addEventListener('change', clearImportReport);
$('kind').addEventListener('change', () => { showKindColumns(); clearImportReport(); });
$('commit').addEventListener('click', () => decide(true, false));
$('commit-skip').addEventListener('click', () => decide(true, true));
$('cancel').addEventListener('click', () => decide(false, false));
$('imp-year').addEventListener('change', loadChecklist);
$('imp-prev').addEventListener('click', () => { historyOffset = Math.max(0, historyOffset - HISTORY_PAGE); loadHistory(); });
$('imp-next').addEventListener('click', () => { historyOffset += HISTORY_PAGE; loadHistory(); });
$('tab-imports-button').addEventListener('click', () => { historyOffset = 0; loadImportLists(); });
