'use strict';
// 审计记录: the audit trail for the administrator, in Chinese (decision 166): every audited action named, roles in
// Chinese, Beijing time, before/after as 「字段：值」 lines, filters and paging by cursor on the server.
/* global $, el, api, clock, verbatim */
// Every action string the code audits (grep '.action = "' and roundActionCode in src/).
const AUDIT_ACTIONS = {
  'login': '登录', 'login.failed': '登录失败', 'logout': '退出登录',
  'user.add': '新增账户', 'user.passwd': '重设密码', 'user.disable': '停用账户', 'user.enable': '启用账户',
  'user.code': '发放经营者访问码',
  'import': '导入数据', 'import.cancel': '取消上传', 'run': '年度分型', 'publish': '公布分型结果', 'export': '导出分型结果',
  'business.read': '查看个体工商户详情', 'city_run': '采用市级分型结果', 'city_check': '核实市级分型差异',
  'measure.work': '登记帮扶措施', 'measure.export': '导出帮扶工作清单',
  'objection.file': '提出异议', 'objection.evidence': '补充异议材料', 'objection.file.read': '查看异议材料',
  'objection.verify': '核实异议', 'objection.answer': '部门答复异议', 'objection.uphold': '异议成立',
  'objection.reject': '异议不成立',
  'bank.consent.grant': '授权银行查询', 'bank.consent.withdraw': '撤回银行授权',
  'bank.list': '银行查看授权名单', 'bank.lookup': '银行查询一户', 'bank.download': '银行下载授权名单',
  'import.dry_run': '试导入（未写入）', 'import.rejected': '导入未通过（未写入）', 'run.note': '修改分型批次名称或说明',
  'round.create': '名特优新：新建申报', 'round.edit': '名特优新：修改申报', 'round.submit': '名特优新：提交申报',
  'round.recommend': '名特优新：部门推荐', 'round.consent': '名特优新：经营者同意', 'round.accept': '名特优新：受理初审',
  'round.pass_review': '名特优新：初审通过', 'round.record_visit': '名特优新：记录走访核实',
  'round.propose': '名特优新：列入拟认定名单', 'round.publicise': '名特优新：公示', 'round.recognise': '名特优新：认定',
  'round.report': '名特优新：年度报告', 'round.spot_request': '名特优新：抽查要求补充材料',
  'round.supplement': '名特优新：补充材料', 'round.spot_refuse': '名特优新：抽查不予认定', 'round.withdraw': '名特优新：撤回',
  'round.reject': '名特优新：不予通过', 'round.cancel': '名特优新：取消认定', 'round.revoke': '名特优新：撤销认定',
  'round.evidence': '名特优新：上传证明材料', 'round.evidence.read': '名特优新：查看证明材料',
  'round.opinion': '名特优新：部门意见', 'round.objection': '名特优新：公示异议', 'round.objection.answer': '名特优新：答复公示异议',
  'round.report.check': '名特优新：审查年度报告', 'round.keep': '名特优新：保留认定', 'round.extend': '名特优新：延续认定',
  'round.extension_consent': '名特优新：同意延续', 'round.commend': '名特优新：表彰', 'round.override.grant': '名特优新：授权例外办理',
  'round.export': '名特优新：导出名单',
};
const AUDIT_ROLES = { admin: '管理员', clerk: '区市场监管局经办', reviewer: '审核/领导', department: '部门用户',
  inspector: '市局抽查', bank: '银行', business: '经营者', town: '镇街用户', cli: '命令行', public: '公众', '-': '未登录' };
const AUDIT_KEYS = { role: '角色', department: '所属单位', uscc: '统一社会信用代码', disabled: '已停用', rule: '依据',
  days: '有效天数', expires_at: '有效至', revoked: '作废的旧访问码', state: '状态', on: '日期', reason: '理由',
  override_reason: '例外理由', year: '年度', run: '分型批次', status: '状态', note: '说明', kind: '数据种类', file: '文件',
  rows: '行数', bank: '银行', from: '起', to: '止', scopes: '范围', measure: '措施', type: '分型', params: '参数',
  published: '已公布', count: '数量', sha256: '文件摘要', snapshot: '导入方式', population: '户数',
  survival: '生存型', growth: '成长型', development: '发展型', ineligible: '不符合分型条件', rows_read: '读取行数',
  rows_ok: '有效行数', rows_bad: '错误行数', rows_changed: '变更行数', source: '来源', name: '名称', path: '路径',
  category: '类别', criteria: '标准', code: '依据代码', publication: '公布批次', measure_changes: '措施变动户数',
  trademarks: '商标', patents: '专利', insurance: '参保', tax: '税务', registration: '登记信息', statement: '说明', scope: '范围', consent: '授权', until: '至', id: '编号',
  businesses: '户数' };
// Status words the audited documents carry, in Chinese.
const AUDIT_VALUES = { filed: '已提出', verifying: '核实中', answered: '已答复', upheld: '成立', rejected: '不成立',
  report: '报告', granted: '已授权', withdrawn: '已撤回', committed: '已写入', cancelled: '已取消', run: '区级分型',
  city: '市级分型', anonymous: '公众（未登录）' };
const AUDIT = { before: 0, stack: [] };

// One value as text: yes/no in Chinese, UTC moments in Beijing time, roles by name, lists joined.
function auditValue(k, v) {
  if (v === true) return '是';
  if (v === false) return '否';
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => auditValue(k, x)).join('、');
  if (typeof v === 'object') return Object.entries(v).map(([a, b]) => (AUDIT_KEYS[a] || a) + ' ' + auditValue(a, b)).join('，');
  if (k === 'role') return AUDIT_ROLES[v] || v;
  if (k === 'rule') return String(v).replace(/^decision (\d+)$/, '本系统决定第 $1 条');
  if (typeof v === 'string' && Object.hasOwn(AUDIT_VALUES, v)) return AUDIT_VALUES[v];
  return typeof v === 'string' ? clock(v) : String(v);
}

// Text still in Latin letters after translation is a code or a name from the data (a reason code, a file name):
// shown as stored.
function latinAsStored(text) {
  return /[A-Za-z]{3,}/.test(text) ? verbatim(text) : document.createTextNode(text);
}

// A before/after text as 「字段：值」 lines; text that is not a JSON object is shown as it is.
function auditFields(label, text) {
  const box = el('div', 'audit-change');
  box.append(el('span', 'audit-side', label));
  let obj = null;
  try { obj = JSON.parse(text); } catch (e) { obj = null; }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) { box.append(latinAsStored(text)); return box; }
  const dl = el('dl');
  for (const [k, v] of Object.entries(obj)) {
    const text = auditValue(k, v);
    const dd = el('dd');
    // what is still in Latin letters is a code from the data (a reason code, a file name): shown as stored
    dd.append(latinAsStored(text));
    const dt = el('dt');
    dt.append(AUDIT_KEYS[k] || verbatim(k));
    dl.append(dt, dd);
  }
  box.append(dl);
  return box;
}

// The object in words: "account x" → 账户 x, "access code for U" → 访问码 U, "business U" → 个体工商户 U.
function auditObject(o) {
  return (o || '').replace(/^account /, '账户 ').replace(/^access code for /, '访问码 · ').replace(/^business /, '个体工商户 ')
    .replace(/^application /, '申报 ').replace(/^run /, '分型批次 ').replace(/^import /, '导入 ')
    .replace(/^objection /, '异议 ').replace(/^consent /, '授权 ')
    .replace(/^bank /, '银行 ').replace(/^publication (\d+)$/, '$1 年度公布结果');
}

function auditCard(e) {
  const li = el('li', 'card audit-entry');
  const head = el('div', 'ac-head');
  head.append(el('strong', null, AUDIT_ACTIONS[e.action] || e.action), el('span', 'meta', clock(e.at)));
  li.append(head);
  const who = el('div', 'meta', '操作人 ');
  // the anonymous public has no role of its own to add (not 「公众（未登录）（未登录）」)
  const anonymous = e.actor === 'anonymous' || e.role === '-';
  who.append(anonymous ? AUDIT_VALUES.anonymous : verbatim(e.actor),
             (anonymous ? '' : '（' + (AUDIT_ROLES[e.role] || e.role) + '）') + (e.client ? ' · 地址 ' + e.client : '') +
             ' · 第 ' + e.id + ' 条');
  li.append(who);
  if (e.object) { const o = el('div'); o.append(latinAsStored(auditObject(e.object))); li.append(o); }
  if (e.before) li.append(auditFields('变更前', e.before));
  if (e.after) li.append(auditFields(e.before ? '变更后' : '内容', e.after));
  return li;
}

async function loadAudit(before = 0) {
  const q = new URLSearchParams({ limit: '50' });
  for (const [k, id] of [['action', 'audit-action'], ['actor', 'audit-actor'], ['from', 'audit-from'], ['to', 'audit-to']])
    if ($(id).value.trim()) q.set(k, $(id).value.trim());
  if (before) q.set('before', String(before));
  $('audit-status').textContent = '读取中…';
  try {
    const data = await api('/api/audit?' + q.toString());
    $('audit').replaceChildren(...data.entries.map(auditCard));
    AUDIT.before = data.next_before || 0;
    $('audit-more').disabled = !data.next_before;
    $('audit-newest').disabled = !before;
    $('audit-status').textContent = data.entries.length
      ? '显示 ' + data.entries.length.toLocaleString('zh-CN') + ' 条（时间为北京时间，最新的在前）' : '没有符合条件的记录';
  } catch (e) {
    $('audit-status').textContent = '';
    const p = el('li', 'error', e.message);
    p.setAttribute('role', 'alert');
    $('audit').replaceChildren(p);
  }
}

$('audit-action').append(...Object.entries(AUDIT_ACTIONS).map(([k, v]) => { const o = el('option', null, v); o.value = k; return o; }));
$('audit-filter').addEventListener('submit', (ev) => { ev.preventDefault(); loadAudit(); });
$('audit-action').addEventListener('change', () => loadAudit());
$('audit-more').addEventListener('click', () => loadAudit(AUDIT.before));
$('audit-newest').addEventListener('click', () => loadAudit());
