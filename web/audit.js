'use strict';
// 审计记录: the audit chain for the administrator.
async function loadAudit() {
  const table = $('audit');
  table.replaceChildren();
  try {
    const data = await api('/api/audit' + ($('audit-action').value ? '?action=' + encodeURIComponent($('audit-action').value) : ''));
    const head = el('tr');
    for (const h of ['#', '时间', '操作人', '角色', '地址', '操作', '对象', '变更']) head.append(el('th', null, h));
    table.append(head);
    for (const e of data.entries) {
      const row = el('tr');
      for (const v of [e.id, e.at, e.actor, e.role, e.client || '', e.action, e.object || '',
                       (e.before ? '前 ' + e.before + ' ' : '') + (e.after ? '后 ' + e.after : '')]) row.append(el('td', null, v));
      table.append(row);
    }
  } catch (e) {
    table.append(el('tr', null, e.message));
  }
}

$('audit-action').addEventListener('change', loadAudit);
