#!/usr/bin/env node
// Browser tests for portpages serve: answers given in the page reach the
// database, and a template edit reloads an open page.
//
//   node tests/browser/serve.mjs PORTPAGES REPO_ROOT REGISTRY SCRATCH_DIR
//
// Starts `portpages serve` on a free port of 127.0.0.1 (stopped by its pid
// at the end), drives Debian's /usr/bin/chromium with playwright-core, and
// prints "ok - NAME" / "not ok - NAME: reason" and "N passed, M failed".
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [PP, ROOT, REG, SCRATCH] = process.argv.slice(2);
if (!SCRATCH) {
  console.error('usage: node tests/browser/serve.mjs PORTPAGES REPO_ROOT REGISTRY SCRATCH_DIR');
  process.exit(2);
}
const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${String(e && e.message ? e.message : e).split('\n')[0]}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

// A scratch copy of the templates, so that the test can edit one.
const TPL = path.join(SCRATCH, 'tpl');
const DB = path.join(SCRATCH, 'fb.sqlite');
fs.mkdirSync(SCRATCH, { recursive: true });
fs.cpSync(path.join(ROOT, 'templates'), TPL, { recursive: true });

function startServer() {
  const args = ['serve', '--listen', '127.0.0.1:0', '-t', TPL, '-c', path.join(ROOT, 'content'), '-r', REG,
    '-o', path.join(SCRATCH, 'site'), '--range', '0-99', '--db', DB, '--rate-limit', '0', '-q'];
  const child = spawn(PP, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no address printed: ${out}`)), 5000);
    child.stdout.on('data', d => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolve({ child, origin: m[1] }); }
    });
    child.on('exit', code => reject(new Error(`portpages serve exited with ${code}`)));
  });
}

function stopServer(child) {
  return new Promise(resolve => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.on('exit', code => { clearTimeout(timer); resolve(code); });
    child.kill('SIGTERM');
  });
}

async function answer(page, origin, port, yes, comment) {
  await page.goto(`${origin}port/${port}.html`);
  await page.locator('#helpful').waitFor({ state: 'visible' });
  await page.locator(`#helpful button[data-answer="${yes ? 'yes' : 'no'}"]`).click();
  if (!yes) {
    await page.locator('#helpful-text').fill(comment);
    await page.locator('.helpful-comment button[type="submit"]').click();
  }
  await page.locator('.helpful-thanks').waitFor({ state: 'visible' });
}

async function main() {
  const { child, origin } = await startServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS });
  try {
    const context = await browser.newContext();
    context.setDefaultTimeout(10000);
    // Only the server itself may be reached.
    await context.route('**/*', r => (r.request().url().startsWith(origin) ? r.continue() : r.abort()));
    const page = await context.newPage();
    const comment = 'Nothing about "HTTP/3" <script>alert(1)</script>';

    await check('serve: Yes and No with a comment, clicked in pages served by portpages serve, reach portpages feedback', async () => {
      await answer(page, origin, 22, true);
      await answer(page, origin, 80, false, comment);
      let report = null;
      for (let i = 0; i < 30; i++) {
        report = JSON.parse(execFileSync(PP, ['feedback', '--db', DB, '--json'], { encoding: 'utf8' }));
        if (report.total.yes + report.total.no >= 2) break;
        await page.waitForTimeout(100);
      }
      const by = Object.fromEntries(report.ports.map(p => [p.port, p]));
      assert(by[22] && by[22].yes === 1 && by[22].no === 0, `port 22: ${JSON.stringify(by[22])}`);
      assert(by[80] && by[80].no === 1 && by[80].comments[0] === comment, `port 80: ${JSON.stringify(by[80])}`);
      assert(report.ports[0].port === 80, 'the least helpful page is not first');
      const text = execFileSync(PP, ['feedback', '--db', DB], { encoding: 'utf8' });
      assert(text.includes(comment), 'the text report lacks the comment');
    });

    // The goal is 1 s (tests/e2e/serve.sh holds the reload event to it);
    // Chromium's own reload on a busy 2-core machine gets 2 s here.
    await check('serve: a template edit reloads an open page with the new text within 2 s', async () => {
      await page.goto(`${origin}port/22.html`);
      const title = page.locator('#helpful-title');
      assert((await title.innerText()) === 'Was this page helpful?', `title ${await title.innerText()}`);
      await page.waitForTimeout(300); // the event stream is open
      const file = path.join(TPL, 'layouts', 'port.html');
      const t0 = Date.now();
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Was this page helpful?</h2>', 'Did this page help?</h2>'));
      await page.waitForFunction(() => {
        const h = document.getElementById('helpful-title');
        return h && h.textContent === 'Did this page help?';
      }, null, { timeout: 5000 });
      const ms = Date.now() - t0;
      console.log(`# the open page showed the edit ${ms} ms after it was saved`);
      assert(ms < 2000, `${ms} ms`);
    });
  } finally {
    await browser.close();
    const code = await stopServer(child);
    await check('serve: stops cleanly on SIGTERM', async () => assert(code === 0, `exit status ${code}`));
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch(e => {
  console.log(`not ok - harness: ${e && e.stack ? e.stack.split('\n')[0] : e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
