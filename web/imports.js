'use strict';
// 导入数据: the import form, its column list and the check-then-commit report (console.js holds api/el/$).
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

$('upload').addEventListener('submit', upload);
$('kind').addEventListener('change', showKindColumns);
$('commit').addEventListener('click', () => decide(true, false));
$('commit-skip').addEventListener('click', () => decide(true, true));
$('cancel').addEventListener('click', () => decide(false, false));
