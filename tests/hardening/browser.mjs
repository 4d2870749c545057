// tests/hardening/browser.mjs - hostile pages in Chromium: no dialog, no script error
//
// usage: node tests/hardening/browser.mjs SITE_DIR PAGE...
// Opens each PAGE (relative to SITE_DIR) from file://, types hostile
// queries into the search box of the first two, and opens search.html
// with them. Fails if
// a dialog (alert, confirm, prompt) opens, a script throws, the console
// reports an error, or a page asks for anything that is not a local file.
// Uses playwright-core from tests/browser/node_modules and Debian's
// Chromium; prints "ok - ..." or "not ok - ..." per page.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../browser/package.json'));
const { chromium } = require('playwright-core');

const [site, ...pages] = process.argv.slice(2);
if (!site || pages.length === 0) {
  console.error('usage: node browser.mjs SITE_DIR PAGE...');
  process.exit(2);
}
const QUERIES = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  'javascript:alert(1)', 'svc-', 'CANARY', '{{PORT}}', '"><svg onload=alert(1)>',
  '\u202e', 'alert', '1000'];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
let failed = 0;

async function visit(ctx, url, label, search) {
  const page = await ctx.newPage();
  const bad = [];
  page.on('dialog', async d => { bad.push(`dialog ${d.type()}: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', e => bad.push(`script error: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error') bad.push(`console error: ${m.text()}`); });
  page.on('request', r => { if (!r.url().startsWith('file:')) bad.push(`request: ${r.url()}`); });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    if (search && await page.$('#search-q')) {
      for (const q of QUERIES) {
        await page.fill('#search-q', q);
        await page.waitForTimeout(60);
      }
      await page.press('#search-q', 'ArrowDown');
    }
    await page.waitForTimeout(200);
  } catch (e) {
    bad.push(`load: ${e.message.split('\n')[0]}`);
  }
  await page.close();
  if (bad.length) {
    failed++;
    console.log(`not ok - ${label}: ${[...new Set(bad)].slice(0, 5).join('; ')}`);
  } else {
    console.log(`ok - ${label}`);
  }
}

const ctx = await browser.newContext();
// Nothing but local files: a hostile page must not reach the network.
await ctx.route(/^(?!file:)/, r => r.abort());
// Queries typed on the first two pages (they search the same data
// everywhere); the others are opened and left to run their scripts.
// Four tabs at a time.
const jobs = pages.map((p, i) => () => visit(ctx, pathToFileURL(path.join(site, p)).href, p, i < 2));
for (const q of QUERIES) {
  const url = pathToFileURL(path.join(site, 'search.html')).href + '?q=' + encodeURIComponent(q);
  jobs.push(() => visit(ctx, url, `search.html?q=${JSON.stringify(q)}`, false));
}
await Promise.all([0, 1, 2, 3].map(async () => {
  while (jobs.length) await jobs.shift()();
}));
await browser.close();
console.log(`${pages.length + QUERIES.length - failed} of ${pages.length + QUERIES.length} pages passed`);
process.exit(failed ? 1 : 0);
