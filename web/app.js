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
    for (const y of r.years) {
      const row = el('div', 'year');
      row.append(el('span', null, y.year + ' 年度'));
      row.append(el('span', 'badge t-' + y.type, y.type_label));
      row.append(el('span', 'meta', y.source_label || '区级分型'));
      row.append(el('span', 'codes', y.reasons.map(x => x.article).join(' ')));
      card.append(row);
    }
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
  const q = input.value.trim();
  if (q) lookup(q);
});
// A certificate's QR code opens /?q=USCC: the public record at once.
const asked = new URLSearchParams(location.search).get('q');
if (asked) { input.value = asked.slice(0, 40); lookup(input.value.trim()); }
