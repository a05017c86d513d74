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
// Every page script has loaded by DOMContentLoaded; only then may showApp call into them.
document.addEventListener('DOMContentLoaded', () => api('/api/me').then((m) => { me = m; showApp(); }).catch(() => showLogin()));
