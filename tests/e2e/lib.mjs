// The harness every browser test shares: headless Debian Chromium driven by
// playwright-core, steps that stop at the first failure (later ones print "skip")
// and screenshot every open page, sign-in, axe-core, and the phone-width check.
// Each test keeps only its story; a test is run by its .sh (see lib.sh).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const PHONE = { width: 390, height: 844 }, DESKTOP = { width: 1280, height: 900 };
export const env = process.env;

// A 1x1 PNG and a minimal PDF: evidence files that pass the server's magic-byte check.
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
                               '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// Starts the browser. prefix names the screenshots ($ARTIFACTS/prefix-NAME.png).
export async function harness(prefix) {
  const artifacts = env.ARTIFACTS || '.';
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const pages = [];
  let passed = 0, failed = 0, stop = false;
  const shot = (page, name) => page.screenshot({ path: artifacts + '/' + prefix + '-' + name + '.png', fullPage: true });
  return {
    shot,
    // A page in its own context (own cookies): name for screenshots, the viewport,
    // options for the context (e.g. acceptDownloads). Dialogs are accepted.
    async newPage(name, viewport, options = {}) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', ...options });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      page.on('dialog', (d) => d.accept());
      page.on('pageerror', (e) => console.log('page error (' + name + '): ' + e.message));
      pages.push([name, page]);
      return page;
    },
    async step(name, fn) {
      if (stop) { console.log('skip ' + name); return; }
      try {
        await fn();
        passed++;
        console.log('ok   ' + name);
      } catch (e) {
        failed++;
        stop = true;
        console.log('FAIL ' + name + ': ' + e.message.split('\n')[0]);
        for (const [n, p] of pages) await shot(p, 'failed-' + n).catch(() => {});
      }
    },
    // The page opened earlier under name.
    pageNamed(name) { const p = pages.find(([n]) => n === name); assert.ok(p, 'no page ' + name); return p[1]; },
    // Closes the browser and exits with the verdict.
    async finish() {
      await browser.close();
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}

// Signs a staff account in on the console (the password is $STAFF_PASSWORD unless given).
export async function staffLogin(page, base, username, password = env.STAFF_PASSWORD) {
  await page.goto(base + '/console.html');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login button[type=submit]');
  await page.locator('#app:not([hidden])').waitFor();
}

// axe-core on the page as it is: no violation (all rules, or the tags of runOnly).
// Injected through the DevTools protocol: the page's CSP allows no inline script.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export async function noViolations(page, what, runOnly) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (only) => {
    const r = await window.axe.run(document, only ? { runOnly: only } : { resultTypes: ['violations'] });
    return r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
  }, runOnly || null);
  assert.deepEqual(violations, [], 'axe-core violations on ' + what + ': ' + violations.join(' | '));
}

// The page does not scroll sideways (on a phone: nothing wider than the screen).
export async function fitsWidth(page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth,
                                                      document.documentElement.clientWidth]);
  assert.ok(scroll <= client + 1, 'wider than the screen: ' + scroll + ' > ' + client);
}

// Every visible control has a label (the console's accessibility floor).
export async function labelled(page) {
  const bare = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((e) => e.offsetParent !== null && !e.labels.length && !e.getAttribute('aria-label'))
    .map((e) => e.id || e.outerHTML.slice(0, 60)));
  assert.deepEqual(bare, [], 'controls without a label');
}
