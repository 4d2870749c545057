#!/usr/bin/env node
// Accessibility check of a generated portpages site with axe-core.
//
//   node tests/browser/a11y.mjs SITE_DIR
//
// Loads a fixed set of pages from file:// in light and dark colour scheme,
// injects axe-core and fails on any violation of impact "serious" or
// "critical" (colour contrast included). Also checks the search dropdown
// while it is open. Prints "ok - NAME" / "not ok - NAME: reason" per page and
// "N passed, M failed" at the end.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const args = process.argv.slice(2).filter(a => !a.startsWith('--'));
if (args.length !== 1) {
  console.error('usage: node tests/browser/a11y.mjs SITE_DIR');
  process.exit(2);
}
const SITE = path.resolve(args[0]);
if (!fs.existsSync(path.join(SITE, 'index.html'))) { console.error(`a11y.mjs: ${SITE}/index.html not found`); process.exit(2); }
if (!fs.existsSync(AXE)) { console.error(`a11y.mjs: ${AXE} missing; run npm install in tests/browser`); process.exit(2); }

const PAGES = ['index.html', 'range/user.html', 'block/256.html', 'services/s.html', 'search.html?q=ssh', '404.html',
  'free-ports.html', 'common-ports.html',
  ...[0, 22, 80, 443, 1024, 5555, 40000, 65535].map(n => `port/${n}.html`)];
const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const BAD = new Set(['serious', 'critical']);

let passed = 0, failed = 0;
function report(name, err) {
  if (err) { failed++; console.log(`not ok - ${name}: ${err}`); } else { passed++; console.log(`ok - ${name}`); }
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => `${n.target.join(' ')}${n.failureSummary ? ' (' + n.failureSummary.replace(/\s+/g, ' ').trim() + ')' : ''}`),
    }));
  });
}

function verdict(violations) {
  const bad = violations.filter(v => BAD.has(v.impact));
  for (const v of violations.filter(v => !BAD.has(v.impact))) console.log(`# note: ${v.impact} ${v.id}: ${v.help} [${v.nodes.slice(0, 3).join('; ')}]`);
  return bad.length ? bad.map(v => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 5).join('; ')}`).join(' || ') : null;
}

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS });
  const base = pathToFileURL(SITE).href + '/';
  try {
    for (const scheme of ['light', 'dark']) {
      const ctx = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      ctx.setDefaultTimeout(15000);
      const page = await ctx.newPage();
      for (const rel of PAGES) {
        const name = `axe ${rel} [${scheme}]`;
        if (!fs.existsSync(path.join(SITE, rel.split('?')[0]))) { report(name, 'page missing'); continue; }
        try {
          await page.goto(base + rel, { waitUntil: 'load' });
          if (rel.startsWith('search.html')) await page.locator('#search-page-results li').first().waitFor({ state: 'attached' }).catch(() => {});
          report(name, verdict(await axe(page)));
        } catch (e) { report(name, String(e.message || e).split('\n')[0]); }
      }
      // The search dropdown while open, with a result selected.
      const name = `axe index.html with search dropdown open [${scheme}]`;
      try {
        await page.goto(base + 'index.html', { waitUntil: 'load' });
        await page.locator('#search-q').click();
        await page.locator('#search-q').pressSequentially('ssh');
        await page.locator('#search-results a').first().waitFor({ state: 'visible' });
        await page.keyboard.press('ArrowDown');
        report(name, verdict(await axe(page)));
      } catch (e) { report(name, String(e.message || e).split('\n')[0]); }
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch(e => {
  console.log(`not ok - harness: ${e && e.message ? e.message.split('\n')[0] : e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
