'use strict';
// 账户与访问码 (issue 11 §2): a clerk or administrator issues a business owner's one-time access code (here or from
// the business page: accessCodeButton) and prints its slip; the administrator lists, adds, disables, enables and
// resets accounts. The server applies the command line's rules and audits each change.
/* global $, el, api, me, clock, showApp, openTab */
const AC_ROLES = [['clerk', '区市场监管局经办'], ['reviewer', '审核/领导'], ['admin', '管理员'],
  ['department', '部门用户'], ['town', '镇街用户'], ['inspector', '市局抽查'], ['bank', '银行（只读）'],
  ['business', '个体工商户经营者']];
const AC_ROLE_NAME = Object.fromEntries(AC_ROLES.map(([k, v]) => [k, v.replace('（只读）', '')]));
let acUnits = { departments: [], towns: [], banks: [], min_password: 10 };

// Beijing time of a unix moment (seconds).
function acTime(sec) { return clock(new Date(sec * 1000).toISOString()); }

// The slip's address: the code rides in the fragment, which the browser never sends to the server (decision 165).
function acSlipHref(k) {
  const f = new URLSearchParams({ n: k.name || '', u: k.uscc, c: k.code, i: String(k.issued_at), e: String(k.expires_at) });
  return '/slip.html#' + f.toString();
}

// Issues a code for uscc and shows it once in box, with the slip to print.
async function acIssue(uscc, days, box) {
  box.replaceChildren(el('p', 'status', '正在生成访问码…'));
  box.firstChild.setAttribute('aria-live', 'polite');
  try {
    const k = await api('/api/access-codes', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ uscc, days }) });
    const card = el('div', 'card ac-code-card');
    card.append(el('h3', null, '访问码已生成：' + (k.name || '（无字号）')));
    const code = el('p', 'ac-code', k.code);
    code.setAttribute('aria-label', '访问码 ' + k.code.split('').join(' '));
    card.append(code);
    card.append(el('p', 'meta', '统一社会信用代码 ' + k.uscc + ' · 有效至 ' + acTime(k.expires_at) + '（北京时间）· 只能登录一次' +
      (k.account_created ? ' · 已为该户开通经营者账户' : '') + (k.revoked ? ' · 之前未用的 ' + k.revoked + ' 个访问码已作废' : '')));
    card.append(el('p', 'meta', '访问码只显示这一次，关闭或刷新页面后无法再查看。请打印告知单交给经营者本人。'));
    const slip = el('a', 'download', '打印告知单');
    slip.href = acSlipHref(k);
    slip.target = '_blank';
    slip.rel = 'noopener';
    card.append(slip);
    box.replaceChildren(card);
  } catch (e) {
    const p = el('p', 'error', e.message);
    p.setAttribute('role', 'alert');
    box.replaceChildren(p);
  }
}

// The 「发放访问码」 button of the staff business page (search.js appends it for clerk and admin).
function accessCodeButton(uscc) {
  const box = el('div', 'ac-issue');
  const button = el('button', 'secondary', '发放访问码');
  button.type = 'button';
  const out = el('div');
  button.addEventListener('click', () => {
    if (!window.confirm('为该户生成新的一次性访问码？之前未用的访问码将作废。')) return;
    acIssue(uscc, 7, out);
  });
  box.append(button, out);
  return box;
}

$('ac-code-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  acIssue($('ac-code-uscc').value.trim().toUpperCase(), Number($('ac-code-days').value), $('ac-code-result'));
});

// ---- the administrator's accounts ----

function acError(message) {
  $('ac-error').hidden = !message;
  $('ac-error').textContent = message || '';
}

// The unit field follows the role: a list of departments or towns, a bank's name (known ones offered), a USCC.
function acRoleChanged() {
  const role = $('ac-role').value;
  const list = role === 'department' ? acUnits.departments : role === 'town' ? acUnits.towns : null;
  $('ac-unit-box').hidden = !list && role !== 'bank';
  $('ac-unit').hidden = !list;
  $('ac-bank').hidden = role !== 'bank';
  $('ac-unit-label').textContent = role === 'department' ? '所属部门' : role === 'town' ? '所属镇街' : '所属银行（支行全称）';
  $('ac-unit-label').htmlFor = role === 'bank' ? 'ac-bank' : 'ac-unit';
  if (list) $('ac-unit').replaceChildren(...list.map((n) => { const o = el('option', null, n); o.value = n; return o; }));
  $('ac-uscc-box').hidden = role !== 'business';
  $('ac-password-box').hidden = role === 'business';
}

async function acAction(path, body, done) {
  acError('');
  $('ac-status').textContent = '处理中…';
  try {
    const r = await api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
    $('ac-status').textContent = done(r);
    await acLoad(false);
  } catch (e) {
    $('ac-status').textContent = '';
    acError(e.message);
  }
}

// The reset form under an account: a new password, or a generated one shown once.
function acResetForm(a, li) {
  const old = li.querySelector('form');
  if (old) { old.remove(); return; }
  const f = el('form', 'row ac-reset');
  const id = 'ac-pw-' + a.id;
  const label = el('label', null, '新密码');
  label.htmlFor = id;
  const input = el('input');
  input.id = id;
  input.type = 'password';
  input.autocomplete = 'new-password';
  const set = el('button', null, '设置');
  set.type = 'submit';
  const gen = el('button', 'secondary', '自动生成');
  gen.type = 'button';
  const show = (r) => r.password ? a.username + ' 的新密码：' + r.password + '（只显示这一次，请当面告知本人）' : '已为 ' + a.username + ' 设置新密码';
  f.addEventListener('submit', (ev) => { ev.preventDefault(); acAction('/api/accounts/' + a.id + '/password', { password: input.value }, show); });
  gen.addEventListener('click', () => acAction('/api/accounts/' + a.id + '/password', { generate: true }, show));
  f.append(label, input, set, gen);
  li.append(f);
  input.focus();
}

function acCard(a) {
  const li = el('li', 'card ac-account' + (a.disabled ? ' ac-disabled' : ''));
  const head = el('div', 'ac-head');
  head.append(el('strong', null, a.username), el('span', 'ac-role', AC_ROLE_NAME[a.role] || a.role),
    el('span', a.disabled ? 'ac-state off' : 'ac-state on', a.disabled ? '停用' : '启用'));
  li.append(head);
  const unit = a.unit || (a.uscc ? '统一社会信用代码 ' + a.uscc : '');
  li.append(el('div', 'meta', [unit, '创建 ' + (a.created_at ? clock(a.created_at) : '—'),
    '最近登录 ' + (a.last_login_at ? clock(a.last_login_at) : (a.role === 'business' ? '见审计记录' : '尚未登录'))]
    .filter(Boolean).join(' · ')));
  const actions = el('div', 'actions');
  const self = a.username === me.username;
  const toggle = el('button', 'secondary', a.disabled ? '启用' : '停用');
  toggle.type = 'button';
  toggle.disabled = self && !a.disabled;
  if (toggle.disabled) toggle.title = '不能停用自己正在使用的账户';
  toggle.setAttribute('aria-label', (a.disabled ? '启用 ' : '停用 ') + a.username);
  toggle.addEventListener('click', () => {
    if (!a.disabled && !window.confirm('停用 ' + a.username + '？其登录会立即失效，之后不能登录，直到重新启用。')) return;
    acAction('/api/accounts/' + a.id + (a.disabled ? '/enable' : '/disable'), null,
      () => (a.disabled ? '已启用 ' : '已停用 ') + a.username);
  });
  actions.append(toggle);
  if (a.role !== 'business') {
    const reset = el('button', 'secondary', '重设密码');
    reset.type = 'button';
    reset.setAttribute('aria-label', '重设密码 ' + a.username);
    reset.addEventListener('click', () => acResetForm(a, li));
    actions.append(reset);
  }
  li.append(actions);
  return li;
}

async function acLoad(clear = true) {
  if (clear) { acError(''); $('ac-status').textContent = '读取中…'; }
  try {
    const data = await api('/api/accounts');
    acUnits = data;
    $('ac-bank-list').replaceChildren(...data.banks.map((n) => { const o = el('option'); o.value = n; return o; }));
    if (clear) $('ac-status').textContent = '共 ' + data.accounts.length.toLocaleString('zh-CN') + ' 个账户';
    $('ac-list').replaceChildren(...data.accounts.map(acCard));
    acRoleChanged();
  } catch (e) {
    $('ac-status').textContent = '';
    acError(e.message);
  }
}

$('ac-role').replaceChildren(...AC_ROLES.map(([k, v]) => { const o = el('option', null, v); o.value = k; return o; }));
$('ac-role').addEventListener('change', acRoleChanged);
$('ac-generate').addEventListener('change', () => { $('ac-password').disabled = $('ac-generate').checked; });
$('ac-add').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const role = $('ac-role').value;
  const body = { username: $('ac-username').value.trim(), role };
  if (role === 'department' || role === 'town') body.unit = $('ac-unit').value;
  if (role === 'bank') body.unit = $('ac-bank').value.trim();
  if (role === 'business') body.uscc = $('ac-uscc').value.trim().toUpperCase();
  else if ($('ac-generate').checked) body.generate = true;
  else body.password = $('ac-password').value;
  acAction('/api/accounts', body, (r) => {
    $('ac-password').value = '';
    $('ac-username').value = '';
    return '已新增账户 ' + r.username + (r.password ? '，初始密码：' + r.password + '（只显示这一次，请当面告知本人）' : '');
  });
});

// The console's hooks: who sees the tab, and what opening it loads.
const acShowApp = showApp;
showApp = function () { // eslint-disable-line no-global-assign
  acShowApp();
  $('tab-accounts-button').hidden = !['admin', 'clerk'].includes(me.role);
  $('tab-accounts-button').textContent = me.role === 'admin' ? '账户与访问码' : '发放访问码';
  $('tab-audit-button').hidden = me.role !== 'admin';
  $('ac-admin').hidden = me.role !== 'admin';
};
const acOpenTab = openTab;
openTab = function (name) { // eslint-disable-line no-global-assign
  acOpenTab(name);
  if (name === 'accounts' && me && me.role === 'admin') acLoad();
};
