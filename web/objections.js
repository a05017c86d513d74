'use strict';
// 异议申诉 (issue 10 §4; RULES.md A1.2.3, S3(三)): on the owner's own business page a
// form "对分型结果有异议？" and the status and reply of its objections; for staff a
// queue (status, overdue, paged) with the clerk's decisions; for a department the
// objections it was asked to verify and its answer. Uses console.js's $, el, api, me.
const OBJ_STATUS = { filed: '已受理', verifying: '部门核实中', upheld: '异议成立，已更正', rejected: '异议不成立' };
const OBJ_FIELDS = [['revenue', '年报营业收入（元，需年度）'], ['filed_on', '年报报送日期（需年度）'],
  ['tax_paid', '实缴税款（元，需年度）'], ['insured_employees', '单位参保人数（需年度）'], ['tax_registered', '税务登记（填 是 或 否）'],
  ['general_taxpayer', '一般纳税人（填 是 或 否）'], ['established', '成立日期'], ['status', '登记状态'], ['seasonal', '季节性经营（填 是 或 否）'],
  ['list_end', '名单移出日期（对应项填 名单/列入日期）'], ['trademark_in_use', '商标实际使用（对应项填 商标注册号）'],
  ['patent', '专利（对应项填 专利号）']];
const objQ = { offset: 0, limit: 20 };
// The condition a reason code stands for, in words (RULES.md A1.3): users never see the codes themselves.
const OBJ_STD = { GROWTH: '成长型标准', DEVELOPMENT: '发展型标准' };
const OBJ_CRIT = { A: '营业收入', B: '实缴税款', C: '单位参保人数', D: '商标实际使用', E: '专利' };
const OBJ_COND = { 'SURVIVAL.DEFAULT': '生存型（符合基础标准）', 'SURVIVAL.NEW': '当年新设', 'MISSED.AGE': '成立满 2 年',
  'MISSED.TAX_REGISTRATION': '税务登记', 'INELIGIBLE.STATUS': '登记状态', 'INELIGIBLE.NO_ANNUAL_REPORT': '年度报告报送',
  'INELIGIBLE.ABNORMAL_LIST': '经营异常名录', 'INELIGIBLE.SERIOUS_ILLEGAL': '严重违法失信名单',
  'INELIGIBLE.TAX_ABNORMAL': '税务非正常户', 'INELIGIBLE.SUSPENDED': '歇业' };
function objCondition(code) {
  if (OBJ_COND[code]) return OBJ_COND[code];
  const m = /^(?:MISSED\.)?(GROWTH|DEVELOPMENT)\.([A-E])$/.exec(code || '');
  if (!m) return code;
  return OBJ_STD[m[1]] + '：' + (m[1] === 'DEVELOPMENT' && m[2] === 'B' ? '一般纳税人且' : '') + OBJ_CRIT[m[2]];
}

function objPost(path, body) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
}

// Uploads each chosen file to objection id, one request per file (the body is the file).
async function objUpload(id, files) {
  for (const f of files) {
    await api('/api/objections/' + id + '/files?name=' + encodeURIComponent(f.name),
              { method: 'POST', headers: { 'Content-Type': f.type || 'application/octet-stream' }, body: f });
  }
}

// A result {type_label, reasons} as a heading and its reasons.
function objResult(title, r) {
  const box = el('div', 'card');
  box.append(el('h4', null, title + '：' + r.type_label));
  const t = el('table', 'grid reasons');
  for (const x of r.reasons || []) {
    const row = el('tr');
    const art = el('td', 'reason-code', x.article || '');
    art.title = x.code;
    row.append(art, el('td', null, x.text || ''));
    t.append(row);
  }
  box.append(t);
  return box;
}

// One objection as a card: what was contested, status, age, verification, reply, results.
function objCard(o) {
  const box = el('div', 'card objection');
  const head = el('div', 'year');
  head.append(el('h3', 'card-title', o.year + ' 年度 · 异议 #' + o.id), el('span', 'badge st-' + o.status, OBJ_STATUS[o.status] || o.status));
  if (o.overdue) head.append(el('span', 'badge bad', '已超期'));
  if (o.verify_overdue) head.append(el('span', 'badge bad', '部门核实已超期'));
  box.append(head);
  if (o.name || o.uscc) box.append(el('div', 'meta', (o.name || '') + ' ' + (o.uscc || '')));
  box.append(el('p', null, '有异议的条件：' + objCondition(o.code) + '。理由：' + o.statement));
  box.append(el('div', 'meta', '提出于 ' + o.filed_on + '（已 ' + o.age_days + ' 天），答复期限 ' + o.reply_due +
    (o.department ? '；核实部门 ' + o.department + '，核实期限 ' + o.verify_due : '') +
    (o.files && o.files.length ? '；材料 ' + o.files.length + ' 份' : '')));
  if (o.files && o.files.length) {
    const files = el('div', 'meta', '证明材料：');
    for (const f of o.files) {
      const a = el('a', 'download', f.name);
      a.href = '/api/objections/files/' + f.id;
      a.download = f.name;
      files.append(a);
    }
    box.append(files);
  }
  if (o.answer) box.append(el('p', null, '部门核实：' + (o.answer === 'correct' ? '数据无误' : '数据有误，正确值 ' + o.answer_value) + (o.answer_note ? '（' + o.answer_note + '）' : '')));
  if (o.reply) {
    const r = el('div', 'reply');
    r.append(el('h4', null, '答复'), el('p', null, o.reply));
    box.append(r);
  }
  if (o.old_result && o.new_result) box.append(objResult('原分型结果', o.old_result), objResult('更正后的分型结果', o.new_result));
  for (const c of o.corrections || []) box.append(el('p', 'meta', '已更正：' + c.field + (c.year ? '（' + c.year + ' 年度）' : '') + ' 由 “' + (c.old_value || '无') + '” 改为 “' + c.new_value + '”'));
  return box;
}

// The owner's part, under its own business page.
async function objOwner(detail) {
  const sec = el('section', 'objections');
  sec.id = 'obj-owner';
  sec.append(el('h3', null, '对分型结果有异议？'));
  sec.append(el('p', 'meta', '如您认为分型所依据的数据有误，可在此提出异议并上传证明材料。区市场监管局会请数据所属部门核实，并书面答复您（依据：分型分类标准 A1.2.3）。'));
  const list = el('div');
  list.id = 'obj-mine';
  let results = [], open = false;
  const isOpen = (o) => o.status === 'filed' || o.status === 'verifying';
  try {
    const b = await api('/api/businesses/' + encodeURIComponent(me.uscc));
    results = (b.results || []).filter((r) => r.published);
    const mine = await api('/api/objections');
    for (const o of mine.items) list.append(objCard(o));
    open = mine.items.some(isOpen);
  } catch (e) { { const p = el('p'); list.append(p); showError(p, e); } }
  const form = el('form', 'form');
  form.id = 'obj-form';
  const latest = results[0];
  if (!latest) { sec.append(el('p', 'meta', '本户尚无已公布的分型结果。'), list); detail.append(sec); return; }
  const lc = el('label', null, '有异议的分型条件（' + latest.year + ' 年度，' + latest.type_label + '）');
  lc.htmlFor = 'obj-code';
  const sel = el('select');
  sel.id = 'obj-code';
  for (const x of latest.reasons || []) { const o = el('option', null, objCondition(x.code) + '：' + (x.text || '')); o.value = x.code; sel.append(o); }
  const ls = el('label', null, '异议理由（请写明哪项数据有误、正确的情况）');
  ls.htmlFor = 'obj-statement';
  const st = el('textarea');
  st.id = 'obj-statement';
  st.rows = 4;
  st.maxLength = 2000;
  st.required = true;
  const lf = el('label', null, '证明材料（PDF、JPG、PNG，每个不超过 10 MB，可多选）');
  lf.htmlFor = 'obj-files';
  const files = el('input');
  files.id = 'obj-files';
  files.type = 'file';
  files.multiple = true;
  files.accept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
  const submit = el('button', null, '提交异议');
  submit.type = 'submit';
  const status = el('p', 'status');
  status.id = 'obj-status';
  status.setAttribute('aria-live', 'polite');
  form.append(lc, sel, ls, st, lf, files, submit, status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    say(status, '提交中…');
    try {
      const r = await objPost('/api/objections', { year: latest.year, code: sel.value, statement: st.value });
      await objUpload(r.id, files.files);
      say(status, '已提交，我们将在答复期限内书面答复您。');
      st.value = '';
      files.value = '';
      const mine = await api('/api/objections');
      list.replaceChildren(...mine.items.map(objCard));
      if (mine.items.some(isOpen)) form.replaceChildren(status); // one open objection at a time (decision 104)
    } catch (e) { showError(status, e); }
  });
  if (open) form.replaceChildren(el('p', 'meta', '您的异议正在办理中，办结后如仍有异议可再次提出。'));
  sec.append(list, form);
  detail.append(sec);
}

// A small labelled control for the decision forms.
function objInput(id, label, tag = 'input') {
  const l = el('label', null, label);
  l.htmlFor = id;
  const i = el(tag);
  i.id = id;
  return [l, i];
}

// The actions a staff member or department may take on objection o.
function objActions(o) {
  const box = el('div', 'actions');
  const status = el('p', 'status');
  status.setAttribute('aria-live', 'polite');
  const done = () => { say(status, '已办理'); objLoad(); };
  const open = o.status === 'filed' || o.status === 'verifying';
  const decide = ['admin', 'clerk'].includes(me.role);
  if (decide && o.status === 'filed') {
    const b = el('button', 'secondary', '请' + '数据所属部门核实');
    b.addEventListener('click', () => objPost('/api/objections/' + o.id + '/verify').then(done, (e) => { showError(status, e); }));
    box.append(b);
  }
  const mayAnswer = o.status === 'verifying' && !o.answer && (me.role === 'department' || (decide && o.department === '区市场监管局'));
  if (mayAnswer) {
    const f = el('form', 'form inline');
    const [lv, v] = objInput('obj-answer-value-' + o.id, '正确的值（数据有误时填写）');
    const [ln, n] = objInput('obj-answer-note-' + o.id, '说明', 'textarea');
    const ok = el('button', 'secondary', '数据无误');
    ok.type = 'button';
    const wrong = el('button', null, '数据有误');
    wrong.type = 'submit';
    ok.addEventListener('click', () => objPost('/api/objections/' + o.id + '/answer', { correct: true, note: n.value }).then(done, (e) => { showError(status, e); }));
    f.addEventListener('submit', (ev) => { ev.preventDefault(); objPost('/api/objections/' + o.id + '/answer', { correct: false, value: v.value, note: n.value }).then(done, (e) => { showError(status, e); }); });
    f.append(el('h4', null, '核实答复'), lv, v, ln, n, ok, wrong);
    box.append(f);
  }
  if (decide && open) {
    const up = el('form', 'form inline');
    const lf = el('label', null, '更正的数据项');
    lf.htmlFor = 'obj-field-' + o.id;
    const field = el('select');
    field.id = 'obj-field-' + o.id;
    for (const [k, t] of OBJ_FIELDS) { const op = el('option', null, t); op.value = k; field.append(op); }
    const [ly, y] = objInput('obj-year-' + o.id, '年度（如 ' + (o.year - 1) + '）');
    y.inputMode = 'numeric';
    const [lk, k] = objInput('obj-key-' + o.id, '对应项（更正名单、商标、专利时填写）');
    const [lv, v] = objInput('obj-value-' + o.id, '更正后的值');
    if (o.answer_value) v.value = o.answer_value;
    const [lr, r] = objInput('obj-reply-' + o.id, '书面答复', 'textarea');
    const b = el('button', null, '异议成立：更正并重新分型');
    b.type = 'submit';
    up.addEventListener('submit', (ev) => {
      ev.preventDefault();
      objPost('/api/objections/' + o.id + '/uphold', { field: field.value, year: y.value ? Number(y.value) : undefined,
        key: k.value || undefined, value: v.value, evidence: o.department ? o.department + '核实答复' : '登记窗口核实', reply: r.value || undefined })
        .then(done, (e) => { showError(status, e); });
    });
    up.append(el('h4', null, '支持异议'), lf, field, ly, y, lk, k, lv, v, lr, r, b);
    const rj = el('form', 'form inline');
    const [lj, j] = objInput('obj-reject-' + o.id, '不支持的理由（将书面答复经营者，并注明依据条款）', 'textarea');
    const rb = el('button', 'danger', '异议不成立：驳回');
    rb.type = 'submit';
    rj.addEventListener('submit', (ev) => { ev.preventDefault(); objPost('/api/objections/' + o.id + '/reject', { reply: j.value }).then(done, (e) => { showError(status, e); }); });
    rj.append(el('h4', null, '驳回异议'), lj, j, rb);
    box.append(up, rj);
  }
  box.append(status);
  return box;
}

// The staff queue (or a department's list).
async function objLoad() {
  const st = $('obj-queue-status');
  const params = new URLSearchParams({ limit: objQ.limit, offset: objQ.offset });
  if ($('obj-filter-status').value) params.set('status', $('obj-filter-status').value);
  if ($('obj-filter-overdue').checked) params.set('overdue', '1');
  say(st, '读取中…');
  try {
    const r = await api('/api/objections?' + params);
    say(st, r.total ? '共 ' + r.total.toLocaleString('zh-CN') + ' 件，第 ' + (objQ.offset + 1) + '–' + Math.min(objQ.offset + objQ.limit, r.total) + ' 件'
      : (params.has('status') || params.has('overdue') ? '没有符合条件的异议' : '目前没有需要办理的异议'));
    $('obj-queue').replaceChildren(...r.items.map((o) => { const c = objCard(o); c.append(objActions(o)); return c; }));
    $('obj-prev').disabled = objQ.offset === 0;
    $('obj-next').disabled = objQ.offset + objQ.limit >= r.total;
  } catch (e) { showError(st, e); }
}

// Hooks into the console: the tab's visibility, its loading, the owner's page.
const objConsoleShowApp = showApp;
showApp = function () { // eslint-disable-line no-global-assign
  objConsoleShowApp();
  $('tab-objections-button').hidden = !['admin', 'clerk', 'reviewer', 'department', 'inspector'].includes(me.role);
};
const objConsoleOpenTab = openTab;
openTab = function (name) { // eslint-disable-line no-global-assign
  objConsoleOpenTab(name);
  if (name === 'objections') { objQ.offset = 0; objLoad(); }
};
const objConsoleShowBusiness = showBusiness;
showBusiness = async function (uscc) { // eslint-disable-line no-global-assign
  await objConsoleShowBusiness(uscc);
  if (me && me.role === 'business' && uscc === me.uscc && $('detail').querySelector('.card')) await objOwner($('detail'));
};
$('obj-filter').addEventListener('submit', (ev) => { ev.preventDefault(); objQ.offset = 0; objLoad(); });
$('obj-prev').addEventListener('click', () => { objQ.offset = Math.max(0, objQ.offset - objQ.limit); objLoad(); });
$('obj-next').addEventListener('click', () => { objQ.offset += objQ.limit; objLoad(); });
