'use strict';
// 名特优新 (RULES.md A3, issue 9): the owner's application page and the staff's
// worklists, case view, comparison, quota and dynamic management, inside the
// console. Uses console.js's $, el, api and me. Text goes through textContent only;
// every route is named once in R (docs/openapi.yaml).
const R = {
  apps: '/api/round/applications',
  app: (id) => '/api/round/applications/' + encodeURIComponent(id),
  act: (id) => '/api/round/applications/' + encodeURIComponent(id) + '/actions',
  evidenceUp: (id, name) => '/api/round/applications/' + encodeURIComponent(id) + '/evidence?name=' + encodeURIComponent(name),
  evidence: (eid) => '/api/round/evidence/' + eid,
  opinion: (id) => '/api/round/applications/' + encodeURIComponent(id) + '/opinions',
  answer: (id, oid) => '/api/round/applications/' + encodeURIComponent(id) + '/objections/' + oid + '/answer',
  report: (id) => '/api/round/applications/' + encodeURIComponent(id) + '/reports',
  form: (uscc, route) => '/api/round/form?uscc=' + encodeURIComponent(uscc) + (route ? '&route=' + route : ''),
  compare: (cat, fmt) => '/api/round/candidates?category=' + cat + (fmt ? '&format=' + fmt : ''),
  quota: '/api/round/quota',
  recheck: '/api/round/recheck',
  evaluations: '/api/round/evaluations',
  reports: '/api/round/reports-due?open=1',
  filed: '/api/round/reports',
  joint: '/api/round/opinions',
  grant: (id) => '/api/round/applications/' + encodeURIComponent(id) + '/overrides',
  check: (rid) => '/api/round/reports/' + rid + '/check',
  stats: '/api/round/stats',
  recognitions: '/api/round/recognitions',
  keep: (id) => '/api/round/applications/' + encodeURIComponent(id) + '/keep',
  extend: (id) => '/api/round/applications/' + encodeURIComponent(id) + '/extend',
  commend: '/api/round/commendations',
  cityReport: (fmt) => '/api/round/recognitions?format=' + fmt,
  certificate: (uscc) => '/certificate.html?uscc=' + encodeURIComponent(uscc),
};

const CATEGORIES = [['famous', '知名'], ['characteristic', '特色'], ['quality', '优质'], ['emerging', '新兴']];
// A3.3.2 in plain words, one line per criterion (the owner reads these, not the letters).
const CRITERIA = {
  famous: ['质量和诚信经营好，有一定品牌影响力', '在区级以上有较高的市场占有率或知名度', '拥有一定知名度的商标',
           '近3年在区级以上小个专党建工作中受到表彰', '由部门推荐'],
  characteristic: ['具有地域文化、旅游特色', '获得绿色食品、有机农产品或名特优新农产品等证书',
                   '是与经营相关的地理标志的授权使用人', '被评为星级农家乐、民宿或特色餐厅等', '由部门推荐'],
  quality: ['在本地诚信经营20年以上', '老字号、非物质文化遗产工坊或传承人、乡村工匠',
            '经营者持有二级（技师）以上职业资格或技能荣誉', '经营者具有中级以上专业技术职称', '获得管理体系或产品认证',
            '由部门推荐'],
  emerging: ['新技术、新产业、新业态、新模式的先行者', '拥有与经营范围相关的知识产权',
             '从事网络创作、自媒体或直播，口碑好、受众多', '由部门推荐'],
};
const STATES = [['draft', '草稿'], ['consent', '待经营者同意'], ['submitted', '已提交'], ['review', '初审'],
                ['visit', '走访核实'], ['joint', '部门联审'], ['proposed', '拟认定'], ['publicity', '公示'],
                ['recognised', '已认定'], ['reported', '已报市局'], ['supplement', '市局要求补充材料'],
                ['city_refused', '市局不予认定'], ['withdrawn', '已撤回'], ['rejected', '不予通过'],
                ['cancelled', '已取消认定'], ['revoked', '已撤销认定']];
const TYPE_LABELS = { survival: '生存型', growth: '成长型', development: '发展型', ineligible: '不符合分型条件' };
const ACTIONS = { submit: '提交申报', recommend: '部门推荐', consent: '经营者同意', accept: '受理初审', pass_review: '初审通过',
                  record_visit: '记录走访核实', propose: '列入拟认定名单', publicise: '公示', recognise: '认定', report: '报市局',
                  spot_request: '抽查要求补充材料', supplement: '补充材料', spot_refuse: '抽查不予认定', withdraw: '撤回',
                  reject: '不予通过', cancel: '取消认定', revoke: '撤销认定' };
const ROLES = { business: '经营者', department: '部门', clerk: '经办', reviewer: '审核', admin: '管理员', inspector: '市局' };
// "2026-11-28T09:54:25Z" as people read it (UTC as stored).
const when = (t) => t ? clock(String(t)) : ''; // Beijing time (console.js clock), a date stays a date
const STATUS_WORDS = { met: '数据已证明符合', not_met: '数据显示不符合', review: '需审核人员根据材料判断' };
// Actions that need a written reason (S3(二)), and the weighty ones that ask first.
const NEEDS_REASON = ['reject', 'withdraw', 'cancel', 'revoke', 'spot_refuse', 'spot_request', 'supplement'];
const CONFIRM = { recognise: '确认认定该户为名特优新个体工商户？认定后将公开并开始计算有效期。',
                  revoke: '确认撤销该户的认定？撤销后5年内不得再申报。', cancel: '确认取消该户的认定？',
                  reject: '确认不予通过？' };
const catLabel = (c) => (CATEGORIES.find(x => x[0] === c) || [c, c])[1];
const stateLabel = (s) => (STATES.find(x => x[0] === s) || [s, s])[1];
const letter = (i) => String.fromCharCode(65 + i);
const isStaff = () => me && ['admin', 'clerk', 'reviewer', 'inspector', 'department'].includes(me.role);

function roundStatus(text) { say('round-status', text || ''); }

function options(select, rows, blank) {
  select.replaceChildren();
  if (blank) { const o = el('option', null, blank); o.value = ''; select.append(o); }
  for (const [v, t] of rows) { const o = el('option', null, t); o.value = v; select.append(o); }
}

// A refusal's reasons, as the server gives them (error, reasons[{code, article, text}]).
function refusal(box, e) {
  showError(box, e);
  for (const r of e.reasons || []) { // the sentence first, the article for those who want it; no internal code
    const line = el('div', 'meta');
    line.append(el('span', null, (r.text || r.message || '') + ' '), el('span', 'reason-code', r.article || ''));
    box.append(line);
  }
}

// api() with the refusal's reasons kept on the error.
async function roundApi(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (options.method && options.method !== 'GET') headers['X-CSRF-Token'] = me.csrf;
  const res = await fetch(path, Object.assign({}, options, { headers, credentials: 'same-origin' }));
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = new Error(plain(data.error) || ('请求失败（' + res.status + '）'));
    e.reasons = data.reasons;
    e.status = res.status;
    throw e;
  }
  return data;
}
// One case: {case, check} (check: the eligibility re-run today, staff only).
async function caseOf(id) {
  const d = await roundApi(R.app(id));
  return Object.assign({}, d.case || d, { check: d.check || null });
}
const put = (path, body) => roundApi(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' },
                                              body: JSON.stringify(body || {}) });
const post = (path, body) => roundApi(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                               body: JSON.stringify(body || {}) });

// The criteria of a category as labelled checkboxes, with what the data says of each.
function criteriaBoxes(fieldset, category, checked, prefill) {
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(legend);
  const known = prefill && (prefill.categories || []).find(c => c.category === category);
  (CRITERIA[category] || []).forEach((text, i) => {
    const id = category + '.' + letter(i);
    const row = el('div', 'check');
    const box = el('input');
    box.type = 'checkbox';
    box.value = id;
    box.id = fieldset.id + '-' + id.replace('.', '-');
    box.checked = (checked || []).includes(id);
    const label = el('label', null, letter(i) + '. ' + text);
    label.htmlFor = box.id;
    row.append(box, label);
    const c = known && (known.criteria || []).find(x => x.id === id);
    if (c) {
      row.append(el('span', 'crit crit-' + c.status, STATUS_WORDS[c.status] || c.status));
      const why = c.message || c.text || '';
      if (why && why !== STATUS_WORDS[c.status]) row.append(el('span', 'meta', why));
    }
    fieldset.append(row);
  });
}
const checkedCriteria = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map(b => b.value);

// ---- the owner ----

let ownerForm = null;   // the pre-filled form (GET form)
let ownerDraft = null;  // the draft being edited, if any

async function ownerLoad() {
  $('round-owner').hidden = false;
  $('round-staff').hidden = true;
  const box = $('owner-apps');
  box.replaceChildren(el('p', 'status', '读取中…'));
  let apps = [];
  try {
    apps = (await roundApi(R.apps)).applications || [];
  } catch (e) {
    box.replaceChildren(errorEl(e));
  }
  box.replaceChildren();
  const cases = [];
  for (const a of apps) {
    try { cases.push(await caseOf(a.id)); } catch (e) { box.append(errorEl(e)); }
  }
  for (const c of cases) box.append(ownerCase(c));
  const open = cases.find(c => !['withdrawn', 'rejected', 'city_refused', 'cancelled', 'revoked'].includes(c.state));
  ownerDraft = cases.find(c => c.state === 'draft' && c.route === 'self') || null;
  $('apply').hidden = !!open && !ownerDraft;
  if (!cases.length) box.append(el('p', 'meta', '本户尚未申报名特优新。'));
  if (!$('apply').hidden) await ownerPrefill();
}

async function ownerPrefill() {
  try {
    ownerForm = await roundApi(R.form(me.uscc));
  } catch (e) {
    ownerForm = null;
    $('apply-prefill').replaceChildren(errorEl(e));
  }
  if (ownerForm) {
    const f = ownerForm;
    const p = $('apply-prefill');
    p.replaceChildren(el('h4', null, '本户信息（来自登记和各部门数据，无需填写）'));
    const t = el('table', 'grid');
    for (const [k, v] of [['名称', f.name], ['统一社会信用代码', f.uscc], ['镇街', f.town], ['行业', f.industry],
                          ['成立日期', f.established], ['分型结果', f.type_label || f.type || '尚无'],
                          ['商标 / 专利', (f.trademarks ?? '—') + ' / ' + (f.patents ?? '—')]]) {
      const r = el('tr');
      r.append(el('th', null, k), el('td', null, v ?? '—'));
      t.append(r);
    }
    p.append(t);
    const meets = (f.categories || []).filter(c => c.meets);
    if (f.categories) p.append(el('p', 'meta', meets.length ? '按现有数据，本户满足基础标准，可申报：' +
      meets.map(c => catLabel(c.category)).join('、') : '按现有数据，本户暂不满足名特优新基础标准：' +
      ((f.categories[0] || {}).reasons || []).map(r => r.message || r.text).join('；')));
  }
  options($('apply-category'), CATEGORIES);
  if (ownerDraft) {
    $('apply-category').value = ownerDraft.category;
    $('apply-statement').value = ownerDraft.statement || '';
  }
  criteriaBoxes($('apply-criteria'), $('apply-category').value, ownerDraft ? ownerDraft.claimed : [], ownerForm);
}

// One application as the owner sees it: state, history, reasons, replies, actions.
function ownerCase(c) {
  const box = el('div', 'card case');
  box.dataset.id = c.id;
  box.append(el('h3', null, catLabel(c.category) + '类 · ' + (c.route === 'recommended' ? '部门推荐（' + (c.recommended_by || '') + '）' : '自主申报')));
  const head = el('div', 'year');
  head.append(el('span', 'badge st-' + c.state, c.state_label || stateLabel(c.state)), el('span', 'meta', '编号 ' + c.id));
  box.append(head);
  if (c.state === 'consent') {
    box.append(el('p', null, (c.recommended_by || '有关部门') + '推荐本户申报“' + catLabel(c.category) +
      '”个体工商户。是否同意由您决定；同意后进入审核，不同意则推荐撤回。'));
  }
  if (c.claimed && c.claimed.length) {
    const ul = el('ul', 'claims');
    for (const id of c.claimed) {
      const [cat, l] = id.split('.');
      ul.append(el('li', null, l + '. ' + ((CRITERIA[cat] || [])[l.charCodeAt(0) - 65] || id)));
    }
    box.append(el('div', 'meta', '申报的具体标准：'), ul);
  }
  if (c.publicity_from) box.append(el('p', 'meta', '公示期：' + c.publicity_from + ' 至 ' + c.publicity_until));
  if (c.recognition) box.append(recognitionBlock(c));
  if (c.evidence && c.evidence.length) box.append(evidenceList(c.evidence));
  box.append(historyTable(c.history || []));
  for (const o of c.objections || []) if (o.answered) box.append(el('p', 'meta', '公示异议答复：' + o.reply));
  const status = el('p', 'status');
  status.setAttribute('aria-live', 'polite');
  const actions = el('div', 'actions');
  for (const n of c.next || []) {
    if (n.action === 'consent') {
      const yes = el('button', null, '同意推荐');
      yes.addEventListener('click', () => doAct(c, 'consent', {}, status, ownerLoad));
      const no = el('button', 'secondary', '不同意');
      no.addEventListener('click', () => reasonForm(actions, c, 'withdraw', '不同意的原因（可简单说明）', status, ownerLoad));
      actions.append(yes, no);
    } else if (n.action === 'submit' || (n.action === 'withdraw' && c.state !== 'consent') || n.action === 'supplement') {
      const b = el('button', n.action === 'withdraw' ? 'secondary' : null, n.label);
      b.addEventListener('click', () => NEEDS_REASON.includes(n.action)
        ? reasonForm(actions, c, n.action, n.action === 'withdraw' ? '撤回原因' : '补充材料说明', status, ownerLoad)
        : doAct(c, n.action, {}, status, ownerLoad));
      actions.append(b);
    }
  }
  if (c.recognition && c.recognition.ended === 'held') actions.append(reportButton(c, status));
  // more evidence while the case is open, and what the city asks for (市局抽查)
  if (['submitted', 'review', 'visit', 'joint', 'supplement'].includes(c.state)) actions.append(evidenceForm(c, status, ownerLoad));
  if (c.state === 'supplement' && c.supplement_by) box.append(el('p', 'bad', '市局抽查要求在 ' + c.supplement_by + ' 前补充材料：' +
    ((c.spot_checks || []).filter(x => x.kind === 'request').map(x => x.note).pop() || '')));
  box.append(actions, status);
  return box;
}

function recognitionBlock(c) {
  const r = c.recognition;
  const d = el('div', 'recognition');
  const ended = { held: '', cancelled: '（已取消）', revoked: '（已撤销）', city_refused: '（市局不予认定）' }[r.ended] || '';
  d.append(el('p', null, '认定日期 ' + r.recognised_on + '，有效期至 ' + (r.valid_until || dayBefore(r.expires)) + ended));
  if (r.end_reason) d.append(el('p', 'meta', '原因：' + r.end_reason));
  if (r.ended === 'held') {
    const a = el('a', null, '查看和打印认定证书');
    a.href = R.certificate(c.uscc);
    d.append(a);
  }
  return d;
}

// "expires" is the first day no longer valid; people read the last valid day.
function dayBefore(iso) {
  if (!iso) return '—';
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function reportButton(c, status) {
  const b = el('button', 'secondary', '报送年度信息报告');
  b.addEventListener('click', () => {
    const f = el('form', 'form inline');
    const id = 'report-' + c.id;
    const label = el('label', null, '本年度的变化（经营者、经营场所、经营范围的变更，获得的荣誉等；没有变化请写“无变化”）');
    label.htmlFor = id;
    const t = el('textarea');
    t.id = id; t.rows = 3; t.required = true; t.maxLength = 2000;
    const ok = el('button', null, '报送');
    ok.type = 'submit';
    f.append(label, t, ok);
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await post(R.report(c.id), { changes: t.value });
        say(status, '信息报告已报送');
        f.remove();
      } catch (e) { refusal(status, e); }
    });
    b.after(f);
    t.focus();
  }, { once: true });
  return b;
}

function evidenceList(list) {
  const ul = el('ul', 'evidence');
  for (const e of list) {
    const li = el('li');
    const a = el('a', null, e.name);
    a.href = R.evidence(e.id);
    li.append(a, el('span', 'meta', ' ' + Math.ceil(e.size / 1024) + ' KB · ' + (e.added_by || '') + ' ' + when(e.added_at)));
    ul.append(li);
  }
  const d = el('div');
  d.append(el('h4', null, '证明材料'), ul);
  return d;
}

function historyTable(history) {
  const t = el('table', 'grid history');
  const cap = el('caption', null, '办理记录');
  t.append(cap);
  const head = el('tr');
  for (const h of ['时间', '办理', '状态', '办理人', '理由或记录']) head.append(el('th', null, h));
  t.append(head);
  for (const h of history) {
    const r = el('tr');
    r.append(el('td', null, when(h.at) || h.on), el('td', null, ACTIONS[h.action] || h.action), el('td', null, stateLabel(h.to)),
             el('td', null, (h.actor || '') + (h.role ? '（' + (ROLES[h.role] || h.role) + '）' : '')),
             el('td', null, (h.reason || '') + (h.override ? '（管理员 ' + (h.override_by || '') + ' 越过时间安排：' + (h.override_reason || '') + '）' : '')));
    t.append(r);
  }
  return t;
}

// An administrator may lift the calendar for one action, with a reason (A3.2.1, audited).
let caseOverride = () => ({});
function overrideBox(c) {
  const d = el('div', 'form inline override');
  const row = el('div', 'check');
  const box = el('input');
  box.type = 'checkbox'; box.id = 'override-' + c.id;
  const l = el('label', null, '越过时间安排办理（管理员批准，记入审计）');
  l.htmlFor = box.id;
  row.append(box, l);
  const rl = el('label', null, '越过的理由');
  const reason = el('input');
  reason.id = 'override-reason-' + c.id; reason.maxLength = 500;
  rl.htmlFor = reason.id;
  d.append(row, rl, reason);
  caseOverride = () => box.checked ? { override_reason: reason.value.trim() } : {};
  return d;
}

// Sends one transition and reloads; a refusal shows the law's reasons.
async function doAct(c, action, extra, status, reload) {
  if (CONFIRM[action] && !confirm(CONFIRM[action])) return;
  say(status, '办理中…');
  try {
    await post(R.act(c.id), Object.assign({ action }, extra, caseOverride()));
    say(status, '已办理');
    await reload(c.id);
  } catch (e) { refusal(status, e); }
}

// A small form asking a written reason before an action (rejections, withdrawals …).
function reasonForm(after, c, action, labelText, status, reload, more) {
  const f = el('form', 'form inline reason');
  f.dataset.action = action;
  const id = 'reason-' + action + '-' + c.id;
  const label = el('label', null, labelText);
  label.htmlFor = id;
  const t = el('textarea');
  t.id = id; t.rows = 2; t.required = true; t.maxLength = 1000;
  f.append(label, t);
  const extra = more ? more(f) : () => ({});
  const ok = el('button', null, '确定');
  ok.type = 'submit';
  const cancel = el('button', 'secondary', '取消');
  cancel.type = 'button';
  cancel.addEventListener('click', () => f.remove());
  f.append(ok, cancel);
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    doAct(c, action, Object.assign({ reason: t.value.trim() }, extra()), status, reload);
  });
  after.after(f);
  t.focus();
}

// Uploads files as evidence of case id; returns their ids.
async function uploadEvidence(id, files, status) {
  const ids = [];
  for (const f of files) {
    say(status, '上传 ' + f.name + '…');
    const type = f.type || (/\.pdf$/i.test(f.name) ? 'application/pdf' : /\.png$/i.test(f.name) ? 'image/png' : 'image/jpeg');
    const r = await roundApi(R.evidenceUp(id, f.name), { method: 'POST', body: f, headers: { 'Content-Type': type } });
    ids.push(r.id ?? r.evidence);
  }
  return ids;
}

async function ownerApply(ev, submit) {
  if (ev) ev.preventDefault();
  const status = $('apply-status');
  const claimed = checkedCriteria($('apply-criteria'));
  if (submit && !claimed.length) { say(status, '请至少选择一项符合的具体标准'); return; }
  const body = { uscc: me.uscc, category: $('apply-category').value, route: 'self', claimed,
                 statement: $('apply-statement').value.trim() };
  say(status, '保存中…');
  try {
    let id;
    if (ownerDraft) { await put(R.app(ownerDraft.id), body); id = ownerDraft.id; }
    else id = (await post(R.apps, body)).id;
    await uploadEvidence(id, $('apply-files').files, status);
    $('apply-files').value = '';
    if (submit) await post(R.act(id), { action: 'submit' });
    status.textContent = submit ? '已提交申报，请留意办理进度' : '草稿已保存';
    await ownerLoad();
    $('apply-status').textContent = status.textContent;
  } catch (e) { refusal(status, e); }
}

// ---- staff ----

const wl = { page: 1, size: 20, total: 0 };

function staffInit() {
  $('round-owner').hidden = true;
  $('round-staff').hidden = false;
  options($('wl-state'), STATES, '全部');
  options($('wl-category'), CATEGORIES, '全部');
  options($('cmp-category'), CATEGORIES);
  options($('rec-category'), CATEGORIES);
  criteriaBoxes($('rec-criteria'), $('rec-category').value, []);
  const dept = me.role === 'department';
  $('sub-recommend-button').hidden = !dept;
  const district = ['clerk', 'reviewer', 'admin'].includes(me.role); // 比选 and dynamic management are the district's
  for (const b of document.querySelectorAll('.subtabs button[data-sub=compare], #sub-manage-button')) b.hidden = !district;
  document.querySelector('.subtabs button[data-sub=quota]').hidden = dept;
  openSub('list');
}

function openSub(name) {
  for (const b of document.querySelectorAll('.subtabs button')) { // the shown part is said, not only coloured
    b.classList.toggle('active', b.dataset.sub === name);
    b.setAttribute('aria-current', b.dataset.sub === name ? 'true' : 'false');
  }
  for (const s of document.querySelectorAll('#round-staff .sub')) s.hidden = s.id !== 'sub-' + name;
  if (name === 'list') loadWorklist();
  if (name === 'compare') loadCompare();
  if (name === 'quota') loadQuota();
  if (name === 'manage') loadManage();
  if (name === 'recommend') loadJoint();
}

// 部门联审: the cases asking this department's opinion, each with its form (pending)
// or the opinion given.
function loadJoint() {
  const OP = { pending: '待出具', agree: '同意', disagree: '不同意' };
  return fillList(R.joint, 'op-status', 'op-cases', 'cases', ['申报件', '名称', '类型', '申报理由', '本部门意见', '出具意见'],
           c => [c.id, c.name, c.category_label, c.statement, OP[c.opinion] + (c.reason ? '：' + c.reason : '') + (c.by ? '（' + c.by + ' ' + when(c.at) + '）' : ''),
                 c.opinion === 'pending' ? opinionForm(c, $('op-status'), async () => { await loadJoint(); say($('op-status'), '意见已提交'); }) : '已出具'],
           '没有征求本部门意见的申报件');
}

async function loadWorklist() {
  const q = new URLSearchParams();
  for (const [k, id] of [['state', 'wl-state'], ['category', 'wl-category'], ['town', 'wl-town']])
    if ($(id).value.trim()) q.set(k, $(id).value.trim());
  const sort = $('wl-sort').value;
  q.set('sort', sort.replace(/^-/, ''));
  q.set('order', sort.startsWith('-') ? 'desc' : 'asc');
  q.set('page', wl.page);
  q.set('per_page', wl.size);
  const t = $('worklist');
  say($('wl-status'), '读取中…');
  try {
    const d = await roundApi(R.apps + '?' + q);
    const rows = d.applications || [];
    wl.total = d.total ?? rows.length;
    say($('wl-status'), '共 ' + wl.total + ' 件');
    t.replaceChildren();
    const head = el('tr');
    for (const h of ['编号', '名称', '镇街', '类型', '方式', '状态', '申报日期']) head.append(el('th', null, h));
    t.append(head);
    for (const a of rows) {
      const r = el('tr', 'hit');
      const open = el('button', 'link', a.id);
      open.addEventListener('click', () => loadCase(a.id));
      const c0 = el('td');
      c0.append(open);
      r.append(c0, el('td', null, a.name), el('td', null, a.town), el('td', null, catLabel(a.category)),
               el('td', null, a.route === 'recommended' ? '部门推荐' : '自主申报'),
               el('td', null, a.state_label || stateLabel(a.state)), el('td', null, a.applied_on || '—'));
      t.append(r);
    }
    const pages = Math.max(1, Math.ceil(wl.total / wl.size));
    $('wl-page').textContent = '第 ' + wl.page + ' / ' + pages + ' 页';
    $('wl-prev').disabled = wl.page <= 1;
    $('wl-next').disabled = wl.page >= pages;
  } catch (e) { showError('wl-status', e); }
}

// The case view: everything recorded, the re-check, and the role's actions.
async function loadCase(id) {
  const box = $('case');
  box.replaceChildren(el('p', 'status', '读取中…'));
  let c;
  try { c = await caseOf(id); } catch (e) { box.replaceChildren(errorEl(e)); return; }
  box.replaceChildren();
  const card = el('div', 'card case');
  card.dataset.id = c.id;
  card.append(el('h3', null, c.name + ' · ' + catLabel(c.category) + '类'));
  const head = el('div', 'year');
  head.append(el('span', 'badge st-' + c.state, c.state_label || stateLabel(c.state)),
              el('span', 'meta', '编号 ' + c.id + ' · ' + c.uscc + ' · ' + (c.town || '') + ' · ' +
                 (c.route === 'recommended' ? '部门推荐（' + (c.recommended_by || '') + '）' : '自主申报')));
  card.append(head);
  if (c.check) { // the dossier's summary, as the data shows it today
    const f = c.check;
    const t = el('table', 'grid');
    for (const [k, v] of [['行业', f.industry], ['成立日期', f.established], ['分型结果', f.type_label || '尚无'],
                          ['商标 / 专利', f.trademarks + ' / ' + f.patents]]) {
      const r = el('tr');
      r.append(el('th', null, k), el('td', null, v ?? '—'));
      t.append(r);
    }
    card.append(el('h4', null, '档案摘要'), t);
  }
  if (c.statement) card.append(el('h4', null, '情况说明'), el('p', null, c.statement));
  card.append(checkBlock(c));
  if (c.recognition) card.append(recognitionBlock(c));
  if (c.publicity_from) card.append(el('p', 'meta', '公示期：' + c.publicity_from + ' 至 ' + c.publicity_until));
  if (c.evidence && c.evidence.length) card.append(evidenceList(c.evidence));
  card.append(listTable('走访核实', ['日期', '走访人员', '记录', '照片'], c.visits || [],
                        v => [v.on, v.staff, v.notes, (v.photos || []).length + ' 张']));
  card.append(listTable('部门联审意见', ['部门', '意见', '理由', '填写人', '时间'], c.opinions || [],
                        o => [o.department, { pending: '待出具', agree: '同意', disagree: '不同意' }[o.opinion] || o.opinion,
                              o.reason, o.by, when(o.at)]));
  card.append(objectionsBlock(c));
  if ((c.spot_checks || []).length) card.append(listTable('市局抽查', ['办理', '日期', '期限', '说明', '办理人'], c.spot_checks,
    s => [{ request: '要求补充材料', supplied: '已补充', refuse: '不予认定' }[s.kind] || s.kind, s.on, s.due_on, s.note, s.by]));
  card.append(historyTable(c.history || []));
  const status = el('p', 'status');
  status.setAttribute('aria-live', 'polite');
  const actions = el('div', 'actions');
  actions.setAttribute('aria-label', '可办理的事项');
  caseOverride = () => ({});
  for (const n of c.next || []) actions.append(actionButton(c, n, actions, status));
  if (me.role === 'admin' && (c.next || []).length) actions.append(overrideBox(c));
  if (me.role === 'admin' && !['rejected', 'withdrawn', 'cancelled', 'revoked', 'city_refused'].includes(c.state))
    actions.append(grantForm(c, status));
  if (me.role === 'department' && c.state === 'joint' && (c.opinions || []).some(o => o.department === me.department && o.opinion === 'pending'))
    actions.append(opinionForm(c, status));
  if (['clerk', 'reviewer', 'admin'].includes(me.role) && c.state === 'joint') actions.append(askOpinionForm(c, status));
  // evidence may be added while the case is open or the city asks for material (app/round.h)
  if (['clerk', 'reviewer', 'admin', 'department'].includes(me.role) &&
      ['draft', 'consent', 'submitted', 'review', 'visit', 'joint', 'proposed', 'publicity', 'supplement'].includes(c.state))
    actions.append(evidenceForm(c, status));
  card.append(el('h4', null, '办理'), actions, status);
  box.append(card);
  card.scrollIntoView({ block: 'start' });
}

// The eligibility check re-run today (the pre-filled form's check of every
// category): the case's category in full, and which others the data meets.
function checkBlock(c) {
  const d = el('div', 'check-block');
  d.append(el('h4', null, '资格复核（按今日数据重新核查）'));
  const all = (c.check && c.check.categories) || [];
  const ch = all.find(x => x.category === c.category);
  if (!ch) { d.append(el('p', 'meta', c.check ? '该户不在当年分型范围内，无法核查' : '—')); return d; }
  // The server re-runs the check with what the case records (consent, revocations).
  const reasons = ch.reasons || [];
  const eligible = ch.eligible;
  d.append(el('p', eligible ? 'ok' : 'bad', eligible ? '满足基础标准' : '不满足基础标准'));
  if (c.consent) d.append(el('p', 'meta', '经营者已于 ' + c.consent.on + ' 同意推荐（' + (c.consent.how === 'scan' ? '签字同意书扫描件' : '经营者在线确认') + '）'));
  for (const r of reasons) {
    const line = el('div', 'meta');
    line.append(el('span', 'reason-code', r.code + ' ' + r.article), el('span', null, ' ' + (r.message || r.text)));
    d.append(line);
  }
  const claimed = c.claimed || [];
  const t = el('table', 'grid');
  for (const x of (ch.criteria || []).filter(x => claimed.includes(x.id))) {
    const [cat, l] = x.id.split('.');
    const r = el('tr');
    r.append(el('td', 'reason-code', x.id), el('td', null, (CRITERIA[cat] || [])[l.charCodeAt(0) - 65] || ''),
             el('td', 'crit crit-' + x.status, STATUS_WORDS[x.status] || x.status),
             el('td', null, (x.message || x.text || '') === STATUS_WORDS[x.status] ? '' : x.message || x.text || ''));
    t.append(r);
  }
  d.append(t);
  const others = all.filter(x => x.category !== c.category && x.meets);
  d.append(el('p', 'meta', '按数据还满足的其他类型：' + (others.length ? others.map(o => catLabel(o.category)).join('、') : '无')));
  return d;
}

function listTable(title, heads, rows, cells, level = 'h4') {
  const d = el('div');
  d.append(el(level, null, title)); // h4 in a case (under its h3), h3 on the dashboard (under an h2)
  if (!rows.length) { d.append(el('p', 'meta', '暂无')); return d; }
  const t = el('table', 'grid');
  const h = el('tr');
  for (const x of heads) h.append(el('th', null, x));
  t.append(h);
  for (const r of rows) {
    const tr = el('tr');
    for (const v of cells(r)) tr.append(el('td', null, v ?? ''));
    t.append(tr);
  }
  d.append(t);
  return d;
}

function objectionsBlock(c) {
  const d = el('div', 'objections');
  d.append(el('h4', null, '公示异议'));
  if (!(c.objections || []).length) { d.append(el('p', 'meta', '暂无')); return d; }
  for (const o of c.objections) {
    const item = el('div', 'objection');
    item.append(el('p', null, '异议（' + when(o.filed_at) + '）：' + o.reason));
    if (o.contact) item.append(el('p', 'meta', '联系方式：' + o.contact));
    if (o.answered) item.append(el('p', 'meta', '答复（' + (o.replied_by || '') + '，' + when(o.replied_at) + '）：' + o.reply));
    else if (['clerk', 'reviewer', 'admin'].includes(me.role)) {
      const f = el('form', 'form inline answer');
      const id = 'answer-' + o.id;
      const label = el('label', null, '书面答复');
      label.htmlFor = id;
      const t = el('textarea');
      t.id = id; t.rows = 2; t.required = true; t.maxLength = 2000;
      const ok = el('button', null, '答复异议');
      ok.type = 'submit';
      const st = el('p', 'status');
      f.append(label, t, ok, st);
      f.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        try { await post(R.answer(c.id, o.id), { reply: t.value.trim() }); await loadCase(c.id); } catch (e) { refusal(st, e); }
      });
      item.append(f);
    }
    d.append(item);
  }
  return d;
}

// One button per action the role may take; some open a form first.
function actionButton(c, n, actions, status) {
  const reload = (id) => { loadCase(id); loadWorklist(); };
  const b = el('button', ['reject', 'withdraw', 'cancel', 'revoke', 'spot_refuse'].includes(n.action) ? 'danger' : null, n.label);
  b.dataset.action = n.action;
  b.addEventListener('click', () => {
    if (n.action === 'record_visit') return visitForm(actions, c, status, reload);
    if (n.action === 'consent') return reasonlessDateForm(actions, c, status, reload);
    if (n.action === 'spot_request') return reasonForm(actions, c, n.action, '需补充的材料', status, reload, dateField('补充材料期限'));
    if (n.action === 'revoke') return reasonForm(actions, c, n.action, '撤销理由', status, reload, revokeKind);
    if (NEEDS_REASON.includes(n.action))
      return reasonForm(actions, c, n.action, { reject: '不予通过的理由（申请人可见）', withdraw: '撤回原因', cancel: '取消认定的理由',
                                                 spot_refuse: '不予认定的理由' }[n.action] || '理由', status, reload);
    doAct(c, n.action, {}, status, reload);
  });
  return b;
}

function dateField(text) {
  return (f) => {
    const id = 'date-' + Math.random().toString(36).slice(2);
    const label = el('label', null, text);
    label.htmlFor = id;
    const d = el('input');
    d.type = 'date'; d.id = id; d.required = true;
    f.append(label, d);
    return () => ({ date: d.value });
  };
}

function revokeKind(f) {
  const id = 'revoke-kind';
  const label = el('label', null, '撤销原因类别');
  label.htmlFor = id;
  const s = el('select');
  s.id = id;
  options(s, [['fraud', '以欺诈手段取得认定'], ['bribery', '以贿赂手段取得认定']]);
  f.append(label, s);
  return () => ({ revocation: s.value });
}

// A clerk records a signed consent form: its date and its scan.
function reasonlessDateForm(after, c, status, reload) {
  const f = el('form', 'form inline');
  const getDate = dateField('经营者签字同意的日期')(f);
  const fid = 'consent-scan-' + c.id;
  const label = el('label', null, '签字同意书扫描件（PDF、JPG、PNG）');
  label.htmlFor = fid;
  const file = el('input');
  file.type = 'file'; file.id = fid; file.accept = '.pdf,.jpg,.jpeg,.png';
  const ok = el('button', null, '记录同意');
  ok.type = 'submit';
  f.append(label, file, ok);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const ids = me.role === 'business' ? [] : await uploadEvidence(c.id, file.files, status);
      await doAct(c, 'consent', Object.assign(getDate(), ids.length ? { consent_scan: ids[0] } : {}), status, reload);
    } catch (e) { refusal(status, e); }
  });
  after.after(f);
}

// 走访核实: date, staff, notes, photos.
function visitForm(after, c, status, reload) {
  const f = el('form', 'form inline visit');
  const getDate = dateField('走访日期')(f);
  const sid = 'visit-staff-' + c.id, nid = 'visit-notes-' + c.id, pid = 'visit-photos-' + c.id;
  const l1 = el('label', null, '走访人员');
  l1.htmlFor = sid;
  const staff = el('input');
  staff.id = sid; staff.required = true; staff.value = me.username; staff.maxLength = 100;
  const l2 = el('label', null, '核实情况记录');
  l2.htmlFor = nid;
  const notes = el('textarea');
  notes.id = nid; notes.rows = 3; notes.required = true; notes.maxLength = 2000;
  const l3 = el('label', null, '现场照片（JPG、PNG、PDF，可多选）');
  l3.htmlFor = pid;
  const photos = el('input');
  photos.type = 'file'; photos.id = pid; photos.multiple = true; photos.accept = '.jpg,.jpeg,.png,.pdf';
  const ok = el('button', null, '保存走访记录');
  ok.type = 'submit';
  f.append(l1, staff, l2, notes, l3, photos, ok);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const ids = await uploadEvidence(c.id, photos.files, status);
      await doAct(c, 'record_visit', Object.assign(getDate(), { visit_staff: staff.value.trim(), reason: notes.value.trim(), photos: ids }),
                  status, reload);
    } catch (e) { refusal(status, e); }
  });
  after.after(f);
  staff.focus();
}

// 部门联审: a department agrees, or disagrees with a reason.
function opinionForm(c, status, after = () => loadCase(c.id)) {
  const f = el('form', 'form inline opinion');
  f.append(el('h4', null, '本部门联审意见（' + me.department + '）'));
  const sid = 'opinion-' + c.id, rid = 'opinion-reason-' + c.id;
  const l1 = el('label', null, '意见');
  l1.htmlFor = sid;
  const s = el('select');
  s.id = sid;
  options(s, [['agree', '同意'], ['disagree', '不同意']]);
  const l2 = el('label', null, '理由（不同意时必填）');
  l2.htmlFor = rid;
  const t = el('textarea');
  t.id = rid; t.rows = 2; t.maxLength = 1000;
  const ok = el('button', null, '提交意见');
  ok.type = 'submit';
  f.append(l1, s, l2, t, ok);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try { await post(R.opinion(c.id), { opinion: s.value, reason: t.value.trim() }); await after(); } catch (e) { refusal(status, e); }
  });
  return f;
}

// An administrator lifts the calendar ahead for another role's late step (decision 84):
// the next such action, by whoever takes it, uses and spends the grant.
function grantForm(c, status) {
  const f = el('form', 'form inline grant');
  f.append(el('h4', null, '为他人逾期的一步放行日程（记入审计，用一次即失效）'));
  const sid = 'grant-action-' + c.id, rid = 'grant-reason-' + c.id;
  const l1 = el('label', null, '放行的事项');
  l1.htmlFor = sid;
  const s = el('select');
  s.id = sid;
  options(s, Object.entries(ACTIONS));
  const l2 = el('label', null, '放行的理由');
  l2.htmlFor = rid;
  const r = el('textarea');
  r.id = rid; r.rows = 2; r.maxLength = 500; r.required = true;
  const ok = el('button', 'secondary', '放行');
  ok.type = 'submit';
  f.append(l1, s, l2, r, ok);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post(R.grant(c.id), { action: s.value, reason: r.value.trim() });
      say(status, '已放行：' + ACTIONS[s.value] + '（下一次办理时使用）');
      r.value = '';
    } catch (e) { refusal(status, e); }
  });
  return f;
}

// Staff ask a department for its joint-review opinion.
function askOpinionForm(c, status) {
  const f = el('form', 'form inline ask');
  const id = 'ask-dept-' + c.id;
  const l = el('label', null, '征求部门意见（部门名称）');
  l.htmlFor = id;
  const i = el('input');
  i.id = id; i.required = true; i.maxLength = 60;
  const ok = el('button', 'secondary', '征求意见');
  ok.type = 'submit';
  f.append(l, i, ok);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try { await post(R.opinion(c.id), { department: i.value.trim(), opinion: 'pending' }); await loadCase(c.id); } catch (e) { refusal(status, e); }
  });
  return f;
}

function evidenceForm(c, status, reload = loadCase) {
  const f = el('form', 'form inline');
  const id = 'ev-' + c.id;
  const l = el('label', null, '补充证明材料（PDF、JPG、PNG）');
  l.htmlFor = id;
  const i = el('input');
  i.type = 'file'; i.id = id; i.multiple = true; i.accept = '.pdf,.jpg,.jpeg,.png';
  const ok = el('button', 'secondary', '上传');
  ok.type = 'submit';
  f.append(l, i, ok);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try { await uploadEvidence(c.id, i.files, status); await reload(c.id); } catch (e) { refusal(status, e); }
  });
  return f;
}

// 比选: the server ranks; the table may be re-sorted here by any figure.
let cmpRows = [];
const yearsSince = (iso) => iso ? Math.floor((Date.now() - Date.parse(iso + 'T00:00:00Z')) / (365.25 * 864e5)) : null;
async function loadCompare() {
  const cat = $('cmp-category').value;
  $('cmp-xlsx').href = R.compare(cat, 'xlsx');
  say($('cmp-status'), '读取中…');
  try {
    cmpRows = (await roundApi(R.compare(cat))).candidates || [];
    $('cmp-status').textContent = catLabel(cat) + '类候选 ' + cmpRows.length + ' 户（排序仅供比选参考，由领导在名额内确定）';
    showCompare();
  } catch (e) { showError('cmp-status', e); }
}

function showCompare() {
  const key = $('cmp-sort').value;
  const num = (v) => v === null || v === undefined ? -1 : Number(v);
  const rows = [...cmpRows].sort((a, b) => key === 'rank' ? a.rank - b.rank
    : key === 'years' ? String(a.established).localeCompare(String(b.established)) : num(b[key]) - num(a[key]));
  const t = $('cmp');
  t.replaceChildren();
  const h = el('tr');
  for (const x of ['排序', '名称', '镇街', '分型', '经营年限', '营业收入（元）', '纳税（元）', '参保人数', '标准：已证明 / 待审核', '行政处罚', '情况说明', '审核意见', '状态'])
    h.append(el('th', null, x));
  t.append(h);
  for (const r of rows) {
    const tr = el('tr');
    const td = el('td');
    td.append(caseLink(r.id, r.name));
    tr.append(el('td', null, r.rank), td, el('td', null, r.town), el('td', null, TYPE_LABELS[r.type] || r.type),
              el('td', null, yearsSince(r.established) ?? '—'), el('td', null, yuan(r.revenue ?? '—')), el('td', null, yuan(r.tax ?? '—')),
              el('td', null, r.insured ?? '—'), el('td', null, r.criteria_met + ' / ' + r.criteria_review),
              el('td', null, r.penalties ?? 0), el('td', null, r.statement || ''),
              el('td', null, r.notes || ''), el('td', null, stateLabel(r.state)));
    t.append(tr);
  }
}

async function loadQuota() {
  const t = $('quota');
  say($('quota-status'), '读取中…');
  try {
    const q = await roundApi(R.quota);
    $('quota-status').textContent = q.year + ' 年度名额';
    t.replaceChildren();
    for (const [k, v] of [['成长型户数', q.growth], ['发展型户数', q.development], ['名额比例', q.percent + '%'], ['名额', q.quota],
                          ['有效认定', q.recognised], ['剩余名额', q.remaining]]) {
      const r = el('tr');
      r.append(el('th', null, k), el('td', null, v ?? '—'));
      t.append(r);
    }
  } catch (e) { showError('quota-status', e); }
}

async function fillList(path, statusId, tableId, key, heads, cells, empty) {
  const t = $(tableId);
  t.replaceChildren();
  say($(statusId), '读取中…');
  try {
    const d = await roundApi(path);
    const rows = d[key] || [];
    $(statusId).textContent = rows.length ? '共 ' + rows.length + ' 户' : empty;
    if (!rows.length) return;
    const h = el('tr');
    for (const x of heads) h.append(el('th', null, x));
    t.append(h);
    for (const r of rows) {
      const tr = el('tr');
      for (const v of cells(r)) {
        const td = el('td');
        if (v instanceof Node) td.append(v); else td.textContent = v ?? '';
        tr.append(td);
      }
      t.append(tr);
    }
  } catch (e) { showError(statusId, e); }
}

function caseLink(id, text) {
  const b = el('button', 'link', text || id);
  b.addEventListener('click', () => { openSub('list'); loadCase(id); });
  return b;
}

function loadManage() {
  const codes = (r) => (r.reasons || []).map(x => x.code + '（' + x.article + '）').join('、');
  const leader = ['reviewer', 'admin'].includes(me.role);
  fillList(R.recheck, 'recheck-status', 'recheck', 'recognitions', ['申报件', '统一社会信用代码', '类型', '认定日期', '新分型', '不再符合', '处理'],
           r => [caseLink(r.id), r.uscc, catLabel(r.category), r.recognised_on, TYPE_LABELS[r.new_type] || r.new_type, codes(r),
                 r.kept ? '已决定保留' : leader ? manageButton('保留认定', '保留的理由', (reason) => post(R.keep(r.id), { reason }), 'recheck-status')
                   : '待审核人员决定（取消在申报件中办理）'],
           '没有需要核查的认定');
  fillList(R.evaluations, 'eval-status', 'evals', 'recognitions', ['申报件', '统一社会信用代码', '类型', '有效期至', 'A 明显增长', 'B 区级以上表彰', 'C 类型提升', 'D 推荐部门同意', '评估结果'],
           r => [caseLink(r.id), r.uscc, catLabel(r.category), r.valid_until, ...['A', 'B', 'C', 'D'].map(k => yesNo(r, k)),
                 r.extend ? (leader ? manageButton('延长有效期至 ' + r.new_valid_until, null, () => post(R.extend(r.id), {}), 'eval-status')
                                    : '可延长至 ' + r.new_valid_until) : '到期不再有效'],
           '没有进入有效期最后一年的认定');
  fillList(R.reports, 'reports-status', 'reports', 'recognitions', ['申报件', '统一社会信用代码', '类型', '报告状态'],
           r => [caseLink(r.id), r.uscc, catLabel(r.category), { not_due: '未到期', open: '待报送', filed: '已报送', late: '逾期报送', missing: '未报送' }[r.report] || r.report],
           '没有未报送的信息报告');
  fillList(R.filed, 'filed-status', 'filed-reports', 'reports', ['申报件', '名称', '报送日期', '变化情况', '核查状态', '核查'],
           r => [caseLink(r.application), r.name, r.filed_on, r.changes || '无变化', reportState(r), reportCheck(r)],
           '本年度尚无已报送的信息报告');
  const box = $('city-report');
  box.replaceChildren(el('span', null, '本年度认定名单（报市局）：'));
  for (const [fmt, label] of [['xlsx', 'Excel'], ['csv', 'CSV']]) {
    const a = el('a', 'download', label);
    a.href = R.cityReport(fmt);
    a.setAttribute('download', '');
    box.append(a, el('span', null, ' '));
  }
}

// A filed report's check: who confirmed or queried it (and the question), else 待核查.
function reportState(r) {
  if (r.status === 'confirmed') return '已确认（' + (r.checked_by || '') + '）';
  if (r.status === 'queried') return '已质询（' + (r.checked_by || '') + '）：' + (r.note || '');
  return '待核查';
}

// 确认 / 质询 (with its question) of a report not confirmed yet.
function reportCheck(r) {
  if (r.status === 'confirmed') return '';
  const box = el('span');
  box.append(manageButton('确认', null, () => post(R.check(r.id), { confirmed: true }), 'filed-status'), el('span', null, ' '),
             manageButton('质询', '质询的问题', (note) => post(R.check(r.id), { confirmed: false, note }), 'filed-status'));
  return box;
}

// A button of a worklist row: asks a reason first when reasonLabel is given, then
// sends, then reloads the lists; the outcome goes to the list's status line.
function manageButton(text, reasonLabel, send, statusId) {
  const b = el('button', 'secondary', text);
  b.addEventListener('click', async () => {
    const run = async (reason) => {
      try { await send(reason); say($(statusId), '已办理：' + text); loadManage(); } catch (e) { refusal($(statusId), e); }
    };
    if (!reasonLabel) { if (confirm(text + '？')) run(); return; }
    const f = el('form', 'form inline');
    const id = 'mr-' + Math.random().toString(36).slice(2);
    const l = el('label', null, reasonLabel);
    l.htmlFor = id;
    const t = el('textarea');
    t.id = id; t.rows = 2; t.required = true; t.maxLength = 1000;
    const ok = el('button', null, '确定');
    ok.type = 'submit';
    f.append(l, t, ok);
    f.addEventListener('submit', (ev) => { ev.preventDefault(); run(t.value.trim()); });
    b.replaceWith(f);
    t.focus();
  });
  return b;
}

function yesNo(r, k) {
  const x = (r.criteria || {})[k];
  return x === undefined ? '—' : x ? '是' : '否';
}

async function recommend(ev) {
  ev.preventDefault();
  const st = $('rec-status');
  const claimed = checkedCriteria($('rec-criteria'));
  try {
    const r = await post(R.apps, { uscc: $('rec-uscc').value.trim().toUpperCase(), category: $('rec-category').value, route: 'recommended',
                                   recommended_by: me.department, claimed, statement: $('rec-statement').value.trim() });
    await post(R.act(r.id), { action: 'recommend' });
    say(st, '已推荐，等待经营者同意（编号 ' + r.id + '）');
    loadWorklist();
  } catch (e) { refusal(st, e); }
}

// ---- 概览: the round's figures ----

async function roundDashboard() {
  if (!isStaff() || me.role === 'department') return;
  const year = $('year').value;
  try {
    const s = await roundApi(R.stats + '?year=' + year);
    const box = el('div', 'round-dash');
    box.append(el('h2', null, year + ' 年度名特优新'));
    const q = s.quota;
    box.append(el('p', 'meta', '申报件 ' + (s.applications ?? 0) + ' 件；' + (q ? '名额 ' + q.quota + ' 户（成长型、发展型 ' +
      (q.growth + q.development) + ' 户的 ' + q.percent + '%），有效认定 ' + q.recognised + ' 户，剩余 ' + q.remaining + ' 户'
      : '该年度尚无已公布的分型，名额未定')));
    const byState = STATES.map(([k, label]) => [label, (s.by_state || {})[k] || 0, '#b3261e']).filter(r => r[1] > 0);
    const byCat = CATEGORIES.map(([k, label]) => [label, (s.by_category || {})[k] || 0, '#b3261e']);
    const byTown = (s.by_town || []).map(t => [t.town || '（未填写）', t.count, '#b3261e']);
    if (s.other_towns) byTown.push(['其他镇街', s.other_towns, '#86909c']);
    if (byState.length) box.append(barChart('名特优新申报件（按状态）', byState));
    if (s.applications) box.append(barChart('名特优新申报件（按类型）', byCat));
    if (byTown.length) box.append(barChart('名特优新申报件（按镇街）', byTown));
    try {
      const list = (await roundApi(R.recognitions + '?year=' + year)).recognitions || [];
      box.append(listTable('认定名单', ['名称', '统一社会信用代码', '镇街', '类型', '认定日期', '有效期至'], list,
                           r => [r.name, r.uscc, r.town, catLabel(r.category), r.recognised_on, r.valid_until], 'h3'));
    } catch (e) { box.append(errorEl(e, '认定名单：')); }
    $('dash').append(box);
  } catch (e) {
    if (e.status !== 404) $('dash').append(errorEl(e, '名特优新：'));
  }
}

// ---- wiring ----

function roundShow() {
  roundStatus('');
  if (me.role === 'business') ownerLoad();
  else staffInit();
}

// The console calls these hooks: showApp (tab visibility), openTab, loadDashboard.
const consoleShowApp = showApp;
showApp = function () { // eslint-disable-line no-global-assign
  consoleShowApp();
  $('tab-round-button').hidden = !['admin', 'clerk', 'reviewer', 'department', 'inspector', 'business'].includes(me.role);
  $('tab-round-button').textContent = me.role === 'business' ? '名特优新申报' : '名特优新';
  $('tab-own-button').hidden = me.role !== 'business'; // an owner's way back to its typing result
};
const consoleOpenTab = openTab;
openTab = function (name) { // eslint-disable-line no-global-assign
  consoleOpenTab(name);
  if (name === 'round') roundShow();
  $('tab-own-button').classList.toggle('active', name === 'search' && me && me.role === 'business');
};
const consoleDashboard = loadDashboard;
loadDashboard = async function () { // eslint-disable-line no-global-assign
  await consoleDashboard();
  await roundDashboard();
};
for (const b of document.querySelectorAll('.subtabs button')) b.addEventListener('click', () => openSub(b.dataset.sub));
$('wl-filter').addEventListener('submit', (ev) => { ev.preventDefault(); wl.page = 1; loadWorklist(); });
$('wl-prev').addEventListener('click', () => { wl.page--; loadWorklist(); });
$('wl-next').addEventListener('click', () => { wl.page++; loadWorklist(); });
$('cmp-form').addEventListener('submit', (ev) => { ev.preventDefault(); loadCompare(); });
$('cmp-sort').addEventListener('change', showCompare);
$('apply').addEventListener('submit', (ev) => ownerApply(ev, true));
$('apply-save').addEventListener('click', () => ownerApply(null, false));
$('apply-category').addEventListener('change', () => criteriaBoxes($('apply-criteria'), $('apply-category').value, [], ownerForm));
$('rec-category').addEventListener('change', () => criteriaBoxes($('rec-criteria'), $('rec-category').value, []));
$('rec-form').addEventListener('submit', recommend);
$('commend-form').addEventListener('submit', async (ev) => { // evaluation B: a commendation on record
  ev.preventDefault();
  const st = $('commend-status');
  try {
    await post(R.commend, { uscc: $('commend-uscc').value.trim().toUpperCase(), date: $('commend-date').value,
                            title: $('commend-title').value.trim(), level: $('commend-level').value });
    say(st, '已登记表彰');
    loadManage();
  } catch (e) { refusal(st, e); }
});
