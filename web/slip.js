'use strict';
// 访问码告知单: the owner's slip. The console opens it with the code in the URL fragment (#n=&u=&c=&i=&e=), which the
// browser never sends to the server (decision 165); the page reads it, fills the slip and forgets the address.
(function () {
  const $ = (id) => document.getElementById(id);
  const f = new URLSearchParams(location.hash.slice(1));
  // Beijing time (UTC+8, the district's clock) of a unix moment in seconds.
  const beijing = (sec) => {
    const d = new Date(Number(sec) * 1000 + 8 * 3600 * 1000);
    const p = (n) => String(n).padStart(2, '0');
    return d.getUTCFullYear() + '年' + (d.getUTCMonth() + 1) + '月' + d.getUTCDate() + '日 ' + p(d.getUTCHours()) + ':' +
      p(d.getUTCMinutes()) + '（北京时间）';
  };
  const code = f.get('c') || '';
  if (!/^[A-Z0-9]{8,32}$/.test(code) || !f.get('u') || !/^\d+$/.test(f.get('i') || '') || !/^\d+$/.test(f.get('e') || '')) {
    $('slip-status').textContent = '告知单的内容不完整：请回到工作台重新发放访问码后再打印。';
    $('slip-print').hidden = true;
    return;
  }
  $('slip-name').textContent = f.get('n') || '（无字号）';
  $('slip-uscc').textContent = f.get('u');
  $('slip-code').textContent = code.replace(/(.{4})(?=.)/g, '$1 '); // groups of four, easier to copy by hand
  $('slip-code').setAttribute('aria-label', code.split('').join(' '));
  $('slip-issued').textContent = beijing(f.get('i'));
  $('slip-expires').textContent = beijing(f.get('e'));
  $('slip-address').textContent = location.origin + '/console.html';
  $('slip').hidden = false;
  $('slip-status').textContent = '';
  // the code stays on this page only: not in the history's address or a bookmark
  history.replaceState(null, '', location.pathname);
  $('slip-print').addEventListener('click', () => window.print());
}());
