'use strict';
// The certificate of a recognised business (A3.3.5): its data from the server and the
// QR code (an SVG made by the server) that opens its public record. Printable.
const $ = (id) => document.getElementById(id);
const LABELS = { famous: '知名', characteristic: '特色', quality: '优质', emerging: '新兴' };
const uscc = new URLSearchParams(location.search).get('uscc') || '';

// A failure in the page's status line, looking like one (class error, role alert; decision 201).
function certError(text) {
  const s = $('status');
  s.className = 'error no-print';
  s.removeAttribute('aria-live');
  s.setAttribute('role', 'alert');
  s.textContent = '错误：' + String(text).replace(/\s*\([\x20-\x7e]*\)\s*$/, '');
}

function dayBefore(iso) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

// The server's QR SVG rebuilt element by element: only svg, rect and path, only
// their drawing attributes (no markup of the reply reaches the page as such).
function qrFrom(text) {
  const ns = 'http://www.w3.org/2000/svg';
  const src = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  const keep = { svg: ['viewBox', 'shape-rendering'], rect: ['x', 'y', 'width', 'height', 'fill'], path: ['d', 'fill'] };
  const copy = (node) => {
    const name = node.localName;
    if (node.namespaceURI !== ns || !keep[name]) return null;
    const out = document.createElementNS(ns, name);
    for (const a of keep[name]) if (node.hasAttribute(a)) out.setAttribute(a, node.getAttribute(a));
    for (const child of node.children) { const c = copy(child); if (c) out.append(c); }
    return out;
  };
  const svg = copy(src) || document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '160');
  svg.setAttribute('height', '160');
  svg.setAttribute('aria-hidden', 'true');
  return svg;
}

async function load() {
  if (!/^[0-9A-Z]{18}$/i.test(uscc)) { certError('链接不完整：缺少统一社会信用代码。'); return; }
  try {
    const res = await fetch('/api/public/certificates/' + encodeURIComponent(uscc.toUpperCase()));
    const c = await res.json().catch(() => ({}));
    if (!res.ok) { certError(c.error || (res.status === 404 ? '该户没有有效的名特优新认定。' : '读取失败（' + res.status + '）')); return; }
    const label = c.category_label || LABELS[c.category] || c.category;
    $('cert-title').textContent = '“' + label + '”个体工商户';
    $('cert-name').textContent = c.name || '（无字号）';
    $('cert-category').textContent = label + '个体工商户';
    $('cert-uscc').textContent = c.uscc;
    $('cert-town').textContent = c.town || '—';
    $('cert-on').textContent = c.recognised_on;
    $('cert-until').textContent = c.valid_until || (c.expires ? dayBefore(c.expires) : '—');
    $('cert-link').textContent = c.url || '';
    if (c.qr_svg) $('cert-qr').replaceChildren(qrFrom(c.qr_svg));
    document.title = (c.name || '') + ' · ' + label + '个体工商户认定证书';
    $('status').textContent = '';
    $('page-title').hidden = true; // the certificate's own <h1> takes over
    $('cert').hidden = false;
  } catch (e) {
    certError('网络错误，请稍后再试。');
  }
}
$('print').addEventListener('click', () => window.print());
load();
