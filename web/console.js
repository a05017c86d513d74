'use strict';
// 工作台: the staff console. Talks to the JSON API (docs/openapi.yaml) with the
// session cookie; every state change carries the CSRF token. Text goes through
// textContent only.
const $ = (id) => document.getElementById(id);
// Chinese names of the roles: the header and every list of accounts show these, never the code.
const ROLE_NAMES = { admin: '管理员', clerk: '区市场监管局经办', reviewer: '审核', department: '部门', inspector: '市局抽查',
                     bank: '银行', business: '经营者', town: '镇街' };
const TYPES = [['survival', '生存型', '#165dff'], ['growth', '成长型', '#00a046'], ['development', '发展型', '#d25f00'],
               ['ineligible', '不符合分型条件', '#86909c']];
let me = null;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

// Text shown exactly as the data has it — a file name, a field name, a code from a file — marked translate="no"
// so that a browser's translator leaves it alone and the sweep (tests/e2e/sweep.test.mjs) does not count it as
// untranslated interface text.
function verbatim(text, cls) {
  const e = el('span', cls || 'verbatim', text);
  e.setAttribute('translate', 'no');
  return e;
}

// A server refusal in the words a user reads: the server writes "中文 (english)" so developers and API
// clients keep the English; the console shows the Chinese only (decision 200).
function plain(message) {
  const m = String(message || '');
  const cut = m.replace(/\s*\([\x20-\x7e]*\)\s*$/, '').replace(/^[a-z_]+(?:\[\d+\])?: (?=[^\x00-\x7f])/, '');
  return cut || m; // the field name before a Chinese message ("code: 请选择…") is for developers too
}

// Progress or a neutral outcome on node (an element or its id): class status, announced politely.
function say(node, text) {
  const n = typeof node === 'string' ? $(node) : node;
  if (!n) return;
  n.classList.remove('error');
  n.classList.add('status');
  n.removeAttribute('role');
  n.setAttribute('aria-live', 'polite');
  n.textContent = text || '';
}

// A failure on node: class error (red, role=alert, announced at once) and the prefix 错误：, so that an error
// never looks like progress (decision 201). text may be an Error.
function showError(node, text) {
  const n = typeof node === 'string' ? $(node) : node;
  if (!n) return;
  n.classList.remove('status');
  n.classList.add('error');
  n.removeAttribute('aria-live');
  n.setAttribute('role', 'alert');
  n.textContent = '错误：' + plain(text && text.message !== undefined ? text.message : text);
}

// A new paragraph that shows e as an error (for lists and boxes that have no status line of their own).
function errorEl(e, what) {
  const p = el('p');
  showError(p, (what || '') + plain(e && e.message !== undefined ? e.message : e));
  return p;
}

// An amount in 元 as written by the server ("1234567.5", "-80", 1234) with thousands separators, exactly:
// the digits are grouped as text, never through a float (decision 202). Anything not a number is returned.
function yuan(text) {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(String(text === undefined || text === null ? '' : text).trim());
  if (!m) return text;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] || '');
}

// An integer amount in fen (int64 on the server, a JSON number or string) as 元 with separators: 123456 -> 1,234.56.
function fenYuan(fen) {
  const m = /^(-?)(\d+)$/.exec(String(fen === undefined || fen === null ? '' : fen).trim());
  if (!m) return fen;
  const d = m[2].padStart(3, '0');
  const cents = d.slice(-2);
  return yuan(m[1] + d.slice(0, -2) + (cents === '00' ? '' : '.' + cents));
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (options.method && options.method !== 'GET' && me) headers['X-CSRF-Token'] = me.csrf;
  const res = await fetch(path, Object.assign({}, options, { headers, credentials: 'same-origin' }));
  const data = await res.json().catch(() => ({}));
  if (res.status === 401 && path !== '/api/session') showLogin('登录已过期，请重新登录');
  if (!res.ok) throw new Error(plain(data.error) || ('请求失败（' + res.status + '）'));
  return data;
}

function showLogin(message) {
  me = null;
  const inApp = $('app').contains(document.activeElement); // a session that ended under the user's hands
  $('app').hidden = true;
  $('login-view').hidden = false;
  $('who').textContent = '北京市大兴区市场监督管理局 · 工作人员和经营者登录';
  say('login-status', message || '');
  say('owner-status', '');
  if (inApp) $('username').focus();
}

function showApp() {
  $('login-view').hidden = true;
  $('app').hidden = false;
  const roleName = ROLE_NAMES[me.role] || '工作人员'; // never the internal code
  const unit = me.department || me.town || me.bank || '';
  $('who').textContent = '已登录：' + me.username + '（' + roleName + (unit ? '，' + unit : '') + '）';
  const staff = ['admin', 'clerk', 'reviewer', 'department', 'inspector'].includes(me.role);
  $('tab-audit-button').hidden = me.role !== 'admin';
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

// Shows the tab name: its button selected (aria-selected, the tablist's one keyboard stop), its panel the only
// one shown, its data loaded. Page scripts wrap this to load their own tabs. Focus is the caller's (focusPanel).
function openTab(name) {
  for (const b of document.querySelectorAll('.tabs button[data-tab]')) {
    const on = b.dataset.tab === name;
    b.classList.toggle('active', on);
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
  }
  for (const t of document.querySelectorAll('.tab')) t.hidden = t.id !== 'tab-' + name;
  if (name === 'dashboard') loadDashboard();
  if (name === 'runs') loadRuns();
  if (name === 'audit') loadAudit();
}

// The tabs as the WAI-ARIA tablist pattern (decision 203): the nav's tab buttons move into one
// role=tablist (the sign-out button stays outside it), each tab controls its panel, each panel is a
// role=tabpanel that starts with an <h2>. A panel without one gets the tab's name as its heading; a panel
// whose script writes its own first <h2> keeps it. Done once, before any script shows a tab.
function tabsInit() {
  const nav = document.querySelector('nav.tabs');
  nav.setAttribute('aria-label', '功能');
  const list = el('div', 'tablist');
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', '功能');
  nav.prepend(list);
  for (const b of nav.querySelectorAll('button[data-tab]')) {
    list.append(b);
    b.type = 'button';
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-controls', 'tab-' + b.dataset.tab);
    b.setAttribute('aria-selected', 'false');
    b.tabIndex = -1;
  }
  for (const p of document.querySelectorAll('.tab')) {
    p.setAttribute('role', 'tabpanel');
    let h = p.firstElementChild;
    if (!h || h.tagName !== 'H2') {
      h = el('h2', 'panel-title');
      p.prepend(h);
    }
    h.tabIndex = -1;
  }
  list.addEventListener('keydown', tabsKey);
}

// The panel now shown, labelled by the tab that opened it, its heading named after that tab when the
// heading is the shell's own (the owner's 本户分型结果 and the staff's 查询 share one panel).
function tabPanel() {
  const p = [...document.querySelectorAll('.tab')].find((t) => !t.hidden);
  if (!p) return null;
  const tab = [...document.querySelectorAll('[role=tab]')].find((b) => !b.hidden && b.getAttribute('aria-controls') === p.id);
  if (tab) {
    p.setAttribute('aria-labelledby', tab.id);
    const h = p.querySelector('h2.panel-title');
    if (h) h.textContent = tab.textContent;
  }
  return p;
}

// Moves focus to the shown panel's heading: after sign-in and after a tab is chosen, so a screen reader
// and a keyboard continue where the new content starts.
function focusPanel() {
  const p = tabPanel();
  const h = p && p.querySelector('h2');
  if (h) { if (h.tabIndex !== 0) h.tabIndex = -1; h.focus(); }
}

// Arrow keys, Home and End move along the visible tabs and open the one reached (automatic activation).
function tabsKey(ev) {
  const tabs = [...document.querySelectorAll('[role=tablist] [role=tab]')].filter((b) => !b.hidden);
  const i = tabs.indexOf(document.activeElement);
  if (i < 0) return;
  const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
  if (next === undefined) return;
  ev.preventDefault();
  const t = tabs[(next + tabs.length) % tabs.length];
  openTab(t.dataset.tab);
  tabPanel();
  t.focus();
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

// A table wider than its box on a phone scrolls inside it (decision 206); a box that scrolls must be reachable
// by keyboard (axe: scrollable-region-focusable), so each one that scrolls now gets tabindex 0, and loses it
// when it no longer scrolls. Run after every change of the app's content and of the window's size.
let scrollersPending = false;
function scrollersFocusable() {
  scrollersPending = false;
  for (const t of document.querySelectorAll('#app .grid, #app .scroll')) {
    const scrolls = t.scrollWidth > t.clientWidth + 1 && getComputedStyle(t).overflowX !== 'visible';
    if (scrolls && !t.hasAttribute('tabindex')) { t.tabIndex = 0; t.dataset.scroller = '1'; }
    else if (!scrolls && t.dataset.scroller) { t.removeAttribute('tabindex'); delete t.dataset.scroller; }
  }
}
function scrollersLater() {
  if (!scrollersPending) { scrollersPending = true; requestAnimationFrame(scrollersFocusable); }
}
new MutationObserver(scrollersLater).observe($('app'), { childList: true, subtree: true });
window.addEventListener('resize', scrollersLater);

// Signed in (by password, code or a live session): the app shown, focus on its first heading.
function signedIn(session) {
  me = session;
  showApp();
  focusPanel();
}

$('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  say('login-status', '登录中…');
  try {
    const m = await api('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
    $('password').value = '';
    say('login-status', '');
    signedIn(m);
  } catch (e) {
    showError('login-status', e);
  }
});
$('owner-login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  say('owner-status', '核验中…');
  try {
    const m = await api('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ uscc: $('owner-uscc').value.trim().toUpperCase(), code: $('owner-code').value.trim().toUpperCase() }) });
    $('owner-code').value = '';
    say('owner-status', '');
    signedIn(m);
  } catch (e) {
    showError('owner-status', e);
  }
});
$('logout').addEventListener('click', async () => {
  try { await api('/api/session', { method: 'DELETE' }); } catch (e) { /* signed out either way */ }
  showLogin('已退出');
  $('username').focus();
});
tabsInit();
for (const b of document.querySelectorAll('.tabs button[data-tab]')) {
  b.addEventListener('click', () => { openTab(b.dataset.tab); focusPanel(); });
}
// Every page script has loaded by DOMContentLoaded; only then may showApp call into them.
document.addEventListener('DOMContentLoaded', () => api('/api/me').then(signedIn).catch(() => showLogin()));
