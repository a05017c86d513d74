'use strict';
// The owner's own page (issue 11 §1, role business): the latest published result in plain words — the summary
// first, what the type means, the reasons with their figures, what is still missing for the next type — then the
// measures it brings (measures.js measuresCard) and how to object, in words (the form itself is objections.js's,
// appended under this card). No reason code is shown as text; the article stays as small "依据条款".
/* global el, measuresCard, resultReasonGroups */

// A list of sentences, each with its article small at the end.
function ownerSentences(items) {
  const ul = el('ul', 'plain-reasons');
  for (const x of items) {
    const li = el('li');
    li.append(el('span', null, x.sentence || x.text || ''), ' ', el('span', 'reason-article', '依据条款 ' + x.article));
    ul.append(li);
  }
  return ul;
}

// The latest result in full: summary, meaning, reasons, the gap to the next type.
function ownerLatest(r) {
  const box = el('section', 'owner-result');
  box.setAttribute('aria-labelledby', 'owner-result-title');
  const h = el('h4', null, r.year + ' 年度分型结果：');
  h.id = 'owner-result-title';
  h.append(el('span', 'badge t-' + r.type, r.type_label));
  box.append(h);
  if (r.summary) box.append(el('p', 'summary', r.summary));
  if (r.corrected) h.append(' ', el('span', 'badge', r.note || '经异议更正')); // decision 101
  if (r.meaning) box.append(el('p', 'meaning', r.meaning));
  const g = resultReasonGroups(r); // results.js
  if (g.met.length) {
    box.append(el('h5', null, r.type === 'ineligible' ? '不符合分型条件的原因（含具体数据）' : '划为' + r.type_label + '的依据（含具体数据）'));
    box.append(ownerSentences(g.met));
  }
  if (r.gap && g.missed.length) {
    const gap = el('div', 'owner-gap');
    gap.append(el('h5', null, r.gap.head.replace(/：$/, '')));
    if (r.gap.note) gap.append(el('p', 'meta', r.gap.note));
    gap.append(ownerSentences(g.missed));
    box.append(gap);
  }
  if (g.note.length) box.append(el('h5', null, '说明'), ownerSentences(g.note));
  return box;
}

// How to object, in words: where, how, by when (A1.2.3; the form is below this card).
function ownerObjectHow(latest) {
  const box = el('section', 'owner-object');
  box.append(el('h4', null, '对结果有异议怎么办'));
  const p = el('p', null, latest
    ? '如您认为上面所依据的数据有误（例如营业收入、纳税、参保人数或名录记录不对），请在本页下方“对分型结果有异议？”处，选择有异议的条件，写明哪项数据有误、正确的情况，并上传证明材料（PDF 或照片）后提交。'
    : '本户尚无已公布的分型结果，公布后可在本页提出异议。');
  box.append(p);
  if (latest) {
    box.append(el('p', null, '区市场监管局会请数据所属部门核实，在规定期限内书面答复您；异议成立的，更正数据并重新分型，结果和答复都会显示在本页。' +
      '同一年度同一时间只能有一件异议在办理，请在看到 ' + latest.year + ' 年度结果后尽早提出。'));
    const a = el('a', null, '前往填写异议');
    a.href = '#obj-owner';
    const line = el('p');
    line.append(a);
    box.append(line);
  }
  return box;
}

// 元 with thousands separators, from the API's "123456.00".
function ownerYuan(s) {
  const n = Number(s);
  return (Number.isFinite(n) ? n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : s) + ' 元';
}

// The business's own data the result rests on, folded: what an owner checks before objecting.
function ownerFacts(b) {
  const rows = [];
  if ('established' in b) rows.push(['成立日期', b.established]);
  if ('tax_registered' in b) rows.push(['税务登记', b.tax_registered ? '已登记' : '未登记'], ['一般纳税人', b.general_taxpayer ? '是' : '否']);
  for (const a of b.annual_reports || []) rows.push([a.year + ' 年度年报', (a.filed_on ? a.filed_on + ' 报送' : '未报送') + (a.revenue ? '，营业收入 ' + ownerYuan(a.revenue) : '')]);
  for (const t of b.tax_paid || []) rows.push([t.year + ' 年度实缴税款', ownerYuan(t.amount)]);
  for (const t of b.insured || []) rows.push([t.year + ' 年度单位参保人数', t.count.toLocaleString('zh-CN') + ' 人']);
  if ('trademarks' in b) rows.push(['商标 / 专利', b.trademarks + ' 件 / ' + b.patents + ' 件']);
  for (const l of b.listings || []) rows.push([l.list, l.from + ' 至 ' + (l.to || '今')]);
  if (!rows.length) return null;
  const box = el('details', 'owner-facts');
  box.append(el('summary', null, '本户的登记和经营数据（分型所依据的数据）'));
  const t = el('table', 'grid');
  for (const [k, v] of rows) { const tr = el('tr'); tr.append(el('th', null, k), el('td', null, v)); t.append(tr); }
  box.append(t);
  return box;
}

function ownerView(b) { // eslint-disable-line no-unused-vars
  const card = el('div', 'card owner-view');
  card.append(el('h3', null, b.name || '（无字号）'));
  card.append(el('div', 'meta', '统一社会信用代码 ' + b.uscc + ' · ' + [b.town, b.status, '经营者 ' + b.operator].filter(Boolean).join(' · ')));
  const results = (b.results || []).filter((r) => r.published);
  const latest = results[0];
  if (!latest) card.append(el('p', 'meta', '本户尚无已公布的分型结果。每年 7 月年报结束后分型，公布后在此显示。'));
  else card.append(ownerLatest(latest));
  if (results.length > 1) {
    const older = el('section', 'owner-history');
    older.append(el('h4', null, '往年结果'));
    const ul = el('ul', 'plain-reasons');
    for (const r of results.slice(1)) ul.append(el('li', null, r.summary || (r.year + ' 年度：' + r.type_label)));
    older.append(ul);
    card.append(older);
  }
  const facts = ownerFacts(b);
  if (facts) card.append(facts);
  if (b.measures && typeof measuresCard === 'function') card.append(measuresCard(b)); // measures.js
  card.append(ownerObjectHow(latest));
  const guide = el('p', 'meta');
  const a = el('a', null, '分型分类说明：各类型的含义、名特优新、免申即享的帮扶措施、怎样提出异议');
  a.href = '/guide.html';
  guide.append(a);
  card.append(guide);
  return card;
}
