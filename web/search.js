'use strict';
// 查询: staff search and the business detail (an owner sees only its own business).
async function showBusiness(uscc) {
  $('detail').replaceChildren(el('p', 'status', '读取中…'));
  try {
    const b = await api('/api/businesses/' + encodeURIComponent(uscc));
    const box = el('div', 'card');
    box.append(el('h3', null, b.name || '（无字号）'));
    box.append(el('div', 'meta', '统一社会信用代码 ' + b.uscc + ' · ' + [b.town, b.industry, b.status, '经营者 ' + b.operator].join(' · ')));
    if (b.listings) { // a bank's view has no dossier; a department's holds only the facts of its own kinds
    const facts = [];
    if ('established' in b) facts.push(['成立日期', b.established], ['季节性经营', b.seasonal ? '是' : '否'], ['注册号', b.legacy_reg_no || '—']);
    if ('tax_registered' in b) facts.push(['税务登记', b.tax_registered ? '是' : '否'], ['一般纳税人', b.general_taxpayer ? '是' : '否']);
    const counts = [['商标', b.trademarks], ['专利', b.patents], ['行政处罚', b.penalties]].filter(([, n]) => n !== undefined);
    if (counts.length) facts.push([counts.map(([k]) => k).join(' / '), counts.map(([, n]) => n).join(' / ')]);
    const dl = el('table', 'grid');
    for (const [k, v] of facts) { const row = el('tr'); row.append(el('th', null, k), el('td', null, v)); dl.append(row); }
    for (const a of b.annual_reports || []) {
      const row = el('tr');
      row.append(el('th', null, a.year + ' 年度年报'), el('td', null, (a.filed_on ? '报送 ' + a.filed_on : '未报送') + (a.revenue ? '，营业收入 ' + a.revenue + ' 元' : '')));
      dl.append(row);
    }
    for (const t of b.tax_paid || []) { const row = el('tr'); row.append(el('th', null, t.year + ' 年度实缴税款'), el('td', null, t.amount + ' 元')); dl.append(row); }
    for (const t of b.insured || []) { const row = el('tr'); row.append(el('th', null, t.year + ' 年度单位参保'), el('td', null, t.count + ' 人')); dl.append(row); }
    for (const l of b.listings) { const row = el('tr'); row.append(el('th', null, l.list), el('td', null, l.from + ' 至 ' + (l.to || '今'))); dl.append(row); }
    box.append(dl);
    }
    if (!b.results.length) box.append(el('p', 'meta', '尚无分型结果'));
    for (const r of b.results) box.append(...resultBlock(r, b)); // results.js
    if (b.imports.length) {
      box.append(el('h4', null, '改动过它的导入'));
      const t = el('table', 'grid');
      for (const i of b.imports) { const row = el('tr'); const kind = (me.upload_kinds || []).find(k => k.kind === i.kind);
        row.append(el('td', null, '#' + i.id), el('td', null, clock(i.at)), el('td', null, kind ? kind.label : i.kind), el('td', null, i.file), el('td', null, i.actor)); t.append(row); }
      box.append(t);
    }
    if (b.measures && typeof measuresCard === 'function') box.append(measuresCard(b)); // measures.js
    if (typeof accessCodeButton === 'function' && ['admin', 'clerk'].includes(me.role)) box.append(accessCodeButton(b.uscc)); // accounts.js
    $('detail').replaceChildren(box);
  } catch (e) {
    $('detail').replaceChildren(el('p', 'status', e.message));
  }
}

async function search(q) {
  $('hits').replaceChildren();
  $('detail').replaceChildren();
  if (me.role === 'bank') return showBusiness(q.toUpperCase()); // by USCC only, as the public
  try {
    const data = await api('/api/businesses?q=' + encodeURIComponent(q));
    if (!data.results.length) $('hits').append(el('li', 'status', '没有找到'));
    for (const h of data.results) {
      const li = el('li', 'card hit');
      li.append(el('strong', null, h.name || '（无字号）'));
      li.append(el('div', 'meta', h.uscc + ' · ' + h.town + ' · ' + h.status + ' · 经营者 ' + h.operator));
      li.addEventListener('click', () => showBusiness(h.uscc));
      $('hits').append(li);
    }
    if (data.results.length === 1) showBusiness(data.results[0].uscc);
  } catch (e) {
    $('hits').append(el('li', 'status', e.message));
  }
}

$('staff-search').addEventListener('submit', (ev) => { ev.preventDefault(); search($('sq').value.trim()); });
