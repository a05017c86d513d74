'use strict';
// The certificate of a recognised business (A3.3.5): its data from the server and the
// QR code (an SVG made by the server) that opens its public record. Printable.
const $ = (id) => document.getElementById(id);
const LABELS = { famous: '知名', characteristic: '特色', quality: '优质', emerging: '新兴' };
const uscc = new URLSearchParams(location.search).get('uscc') || '';

function dayBefore(iso) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function load() {
  if (!/^[0-9A-Z]{18}$/i.test(uscc)) { $('status').textContent = '链接不完整：缺少统一社会信用代码。'; return; }
  try {
    const res = await fetch('/api/public/certificates/' + encodeURIComponent(uscc.toUpperCase()));
    const c = await res.json().catch(() => ({}));
    if (!res.ok) { $('status').textContent = c.error || (res.status === 404 ? '该户没有有效的名特优新认定。' : '读取失败（' + res.status + '）'); return; }
    const label = c.category_label || LABELS[c.category] || c.category;
    $('cert-title').textContent = '“' + label + '”个体工商户';
    $('cert-name').textContent = c.name || '（无字号）';
    $('cert-category').textContent = label + '个体工商户';
    $('cert-uscc').textContent = c.uscc;
    $('cert-town').textContent = c.town || '—';
    $('cert-on').textContent = c.recognised_on;
    $('cert-until').textContent = c.valid_until || (c.expires ? dayBefore(c.expires) : '—');
    $('cert-link').textContent = c.url || '';
    $('cert-qr').src = c.qr_url || ('/api/public/certificates/' + encodeURIComponent(c.uscc) + '/qr.svg');
    document.title = (c.name || '') + ' · ' + label + '个体工商户认定证书';
    $('status').textContent = '';
    $('cert').hidden = false;
  } catch (e) {
    $('status').textContent = '网络错误，请稍后再试。';
  }
}
$('print').addEventListener('click', () => window.print());
load();
