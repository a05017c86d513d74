'use strict';
// One typing result as a clerk or an owner reads it: the year, the type, the run and its reasons.
// b is the whole business (its measures, its dossier) for views that explain more than the result.
function resultBlock(r, b) { // eslint-disable-line no-unused-vars
  const out = [];
  const head = el('div', 'year');
  head.append(el('span', null, r.year + ' 年度'));
  head.append(el('span', 'badge t-' + r.type, r.type_label));
  head.append(el('span', 'codes', '第 ' + r.run + ' 次分型（' + (r.source_label || '区级分型') + '）' + (r.published ? '，已公布' : '，未公布')));
  if (r.corrected) head.append(el('span', 'badge', '经异议更正')); // decision 101
  out.push(head);
  const table = el('table', 'grid reasons');
  for (const x of r.reasons) {
    const row = el('tr');
    const art = el('td', 'reason-code', x.article); // the article a clerk can look up; the code only as a tooltip
    art.title = x.code;
    row.append(art, el('td', null, x.text || ''));
    table.append(row);
  }
  out.push(table);
  return out;
}
