'use strict';
// 公示 (A3.2): the businesses under publicity and an objection form for each.
// Public, no sign-in. Text goes through textContent only.
const list = document.getElementById('list');
const statusLine = document.getElementById('status');
const LABELS = { famous: '知名', characteristic: '特色', quality: '优质', emerging: '新兴' };

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

// The objection form of one listed business: a reason, an optional contact.
function objectionForm(b) {
  const f = el('form', 'objection-form');
  const rid = 'reason-' + b.id, cid = 'contact-' + b.id;
  const l1 = el('label', null, '异议理由（必填）');
  l1.htmlFor = rid;
  const reason = el('textarea');
  reason.id = rid; reason.rows = 3; reason.required = true; reason.maxLength = 1000;
  const l2 = el('label', null, '联系方式（可不填，仅用于答复）');
  l2.htmlFor = cid;
  const contact = el('input');
  contact.id = cid; contact.maxLength = 100; contact.autocomplete = 'tel';
  const ok = el('button', null, '提交异议');
  ok.type = 'submit';
  const st = el('p', 'status');
  st.setAttribute('aria-live', 'polite');
  f.append(l1, reason, l2, contact, ok, st);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    st.textContent = '提交中…';
    try {
      const res = await fetch('/api/public/objections', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ application: b.id, reason: reason.value.trim(), contact: contact.value.trim() }) });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) { pubSay(st, data.error || ('提交失败（' + res.status + '）'), true); return; }
      pubSay(st, '异议已收到，区市场监管局将书面答复。');
      reason.value = ''; contact.value = '';
      ok.disabled = true;
    } catch (e) { pubSay(st, '网络错误，请稍后再试。', true); }
  });
  return f;
}

// A status line as progress (grey, polite) or as an error (red, role=alert, 错误：; decision 201). A server
// message loses its English gloss (decision 200).
function pubSay(node, text, isError) {
  node.className = isError ? 'error' : 'status';
  if (isError) { node.removeAttribute('aria-live'); node.setAttribute('role', 'alert'); } else { node.removeAttribute('role'); node.setAttribute('aria-live', 'polite'); }
  node.textContent = isError ? '错误：' + String(text).replace(/\s*\([\x20-\x7e]*\)\s*$/, '') : text;
}

async function load() {
  try {
    const res = await fetch('/api/public/publicity');
    const data = await res.json();
    if (!res.ok) { pubSay(statusLine, data.error || ('读取失败（' + res.status + '）'), true); return; }
    const rows = data.businesses || [];
    statusLine.textContent = rows.length ? data.year + ' 年度公示中 ' + rows.length.toLocaleString('zh-CN') + ' 户' : '目前没有正在公示的名单。';
    for (const b of rows) {
      const card = el('li', 'card');
      card.append(el('h2', 'card-name', b.name || '（无字号）')); // h2: the page's h1 is the list's title
      const row = el('div', 'year');
      row.append(el('span', 'badge cat', (b.category_label || LABELS[b.category] || b.category) + '个体工商户'),
                 el('span', 'meta', b.town || ''));
      card.append(row, el('div', 'meta', '统一社会信用代码 ' + b.uscc),
                  el('div', 'meta', '公示期：' + b.publicity_from + ' 至 ' + b.publicity_until));
      const open = el('button', 'secondary', '对该户提出异议');
      open.addEventListener('click', () => { const f = objectionForm(b); open.replaceWith(f); f.querySelector('textarea').focus(); });
      card.append(open);
      list.append(card);
    }
  } catch (e) {
    pubSay(statusLine, '网络错误，请稍后再试。', true);
  }
}
load();
