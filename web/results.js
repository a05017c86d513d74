'use strict';
// One typing result as a clerk reads it (issue 11 §1): the summary sentence first, then the reasons as full
// sentences with their article small beside, the criteria met and those missed in separate lists. The code
// (GROWTH.A) is only a tooltip. b is the whole business for views that explain more than the result.
/* global el */

// The reasons of r split by kind; a department's view has codes and articles only (no sentence, no kind).
function resultReasonGroups(r) {
  const groups = { met: [], missed: [], note: [] };
  for (const x of r.reasons || []) {
    const kind = x.kind || (/^MISSED\./.test(x.code) ? 'missed' : /^NOTE\./.test(x.code) ? 'note' : 'met');
    (groups[kind] || groups.note).push(x);
  }
  return groups;
}

// A list of reasons as sentences, each with its article ("依据条款 A1.3.2(2)A") small beside it.
function resultReasonList(items) {
  const ul = el('ul', 'plain-reasons');
  for (const x of items) {
    const li = el('li');
    li.append(el('span', null, x.sentence || x.text || ''));
    const art = el('span', 'reason-article', '依据条款 ' + x.article);
    art.title = x.code;
    li.append(' ', art);
    ul.append(li);
  }
  return ul;
}

function resultBlock(r, b) { // eslint-disable-line no-unused-vars
  const out = [];
  const head = el('div', 'year');
  head.append(el('span', null, r.year + ' 年度'));
  head.append(el('span', 'badge t-' + r.type, r.type_label));
  head.append(el('span', 'codes', '第 ' + r.run + ' 次分型（' + (r.source_label || '区级分型') + '）' + (r.published ? '，已公布' : '，未公布')));
  if (r.corrected) head.append(el('span', 'badge', '经异议更正')); // decision 101
  out.push(head);
  if (r.summary) out.push(el('p', 'summary', r.summary));
  const g = resultReasonGroups(r);
  const section = (title, items, cls) => {
    if (!items.length) return;
    const box = el('div', 'reason-group ' + cls);
    box.append(el('h4', null, title), resultReasonList(items));
    out.push(box);
  };
  section(r.type === 'ineligible' ? '不符合的基础标准' : '已满足', g.met, 'met');
  section('未满足（更高类型的条件）', g.missed, 'missed');
  section('说明', g.note, 'note');
  return out;
}
