'use strict';
// The public query page (A1.2.2): calls /api/public/search and renders cards.
// Text goes through textContent only, never innerHTML.
const form = document.getElementById('search');
const input = document.getElementById('q');
const statusLine = document.getElementById('status');
const list = document.getElementById('results');

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// One published year in plain words (issue 11 §1): the summary first, the type's own reasons as sentences without
// figures (decision 33), the articles small and last. Missed criteria never come here (the server leaves them out).
function yearBlock(y) {
  const box = el('div', 'public-year');
  const row = el('div', 'year');
  row.append(el('span', null, y.year + ' 年度'));
  row.append(el('span', 'badge t-' + y.type, y.type_label));
  row.append(el('span', 'meta', y.source_label || '区级分型'));
  if (y.corrected) row.append(el('span', 'meta', y.note || '经异议更正'));
  box.append(row);
  if (y.summary) box.append(el('p', 'summary', y.summary));
  const own = y.reasons.filter(x => x.sentence);
  if (own.length > 1) {
    const ul = el('ul', 'plain-reasons');
    for (const x of own) ul.append(el('li', null, x.sentence));
    box.append(ul);
  }
  const articles = [...new Set(y.reasons.map(x => x.article))];
  if (articles.length) box.append(el('p', 'codes', '依据条款：' + articles.join('、')));
  return box;
}

// A code typed on a phone (lower case, spaces) as the directory holds it; a name stays as typed (decision 153).
function normaliseQuery(q) {
  const compact = q.replace(/\s+/g, '');
  return /^[0-9A-Za-z]{15}$|^[0-9A-Za-z]{18}$/.test(compact) ? compact.toUpperCase() : q;
}

function render(data) {
  list.replaceChildren();
  if (!data.results.length) {
    statusLine.textContent = '没有找到“' + data.query + '”，请检查名称或统一社会信用代码。';
    return;
  }
  statusLine.textContent = '找到 ' + data.count + ' 户' + (data.truncated ? '（只显示前 ' + data.count + ' 户，请输入更完整的名称）' : '');
  for (const r of data.results) {
    const card = el('li', 'card');
    card.append(el('h3', null, r.name || '（无字号）'));
    card.append(el('div', 'meta', '统一社会信用代码 ' + r.uscc));
    card.append(el('div', 'meta', [r.town, r.status, r.operator ? '经营者 ' + r.operator : ''].filter(Boolean).join(' · ')));
    const cat = r.category; // a valid 名特优新 recognition (A3.3.5), if any
    if (cat) {
      const row = el('div', 'year');
      const label = (cat.category_label || cat.label || cat.category) + '个体工商户';
      row.append(el('span', 'badge cat', label),
                 el('span', 'meta', '认定 ' + cat.recognised_on + '，有效期至 ' + (cat.valid_until || cat.expires)));
      const a = el('a', null, '认定证书');
      a.href = '/certificate.html?uscc=' + encodeURIComponent(r.uscc);
      row.append(a);
      card.append(row);
    }
    if (!r.years.length) card.append(el('div', 'meta', '尚无已公布的分型结果'));
    for (const y of r.years) card.append(yearBlock(y));
    list.append(card);
  }
}

async function lookup(q) {
  statusLine.textContent = '查询中…';
  try {
    const res = await fetch('/api/public/search?q=' + encodeURIComponent(q));
    const data = await res.json();
    if (!res.ok) {
      list.replaceChildren();
      statusLine.textContent = data.error || ('查询失败（' + res.status + '）');
      return;
    }
    render(data);
  } catch (e) {
    statusLine.textContent = '网络错误，请稍后再试。';
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = normaliseQuery(input.value.trim());
  if (q) lookup(q);
});
// A certificate's QR code opens /?q=USCC: the public record at once.
const asked = new URLSearchParams(location.search).get('q');
if (asked) { input.value = asked.slice(0, 40); lookup(normaliseQuery(input.value.trim())); }
