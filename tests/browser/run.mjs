#!/usr/bin/env node
// Browser tests for a generated portpages site (see docs/SITE-CONTRACT.md).
//
//   node tests/browser/run.mjs SITE_DIR ARTIFACT_DIR [--feedback]
//
// Runs every check twice: from file:// and from a throw-away static HTTP
// server on 127.0.0.1. Drives Debian's /usr/bin/chromium through
// playwright-core; nothing leaves the machine (any request that is not to
// the site itself is aborted and reported). No request may fail or get a
// 404 (from file:// or HTTP), and no page may send the browser to
// /favicon.ico (the server's log says). With --feedback (a site built with
// feedback_url) only what that setting can change runs: the answer is sent,
// and the pages load without errors, failed or foreign requests; the rest
// does not depend on it and runs on the default site. Prints "ok - NAME" /
// "not ok - NAME: reason" per check and "N passed, M failed" at the end.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const argv = process.argv.slice(2);
const FEEDBACK = argv.includes('--feedback');
const pos = argv.filter(a => !a.startsWith('--'));
if (pos.length !== 2) {
  console.error('usage: node tests/browser/run.mjs SITE_DIR ARTIFACT_DIR [--feedback]');
  process.exit(2);
}
const SITE = path.resolve(pos[0]);
const ART = path.resolve(pos[1]);
if (!fs.existsSync(path.join(SITE, 'index.html'))) {
  console.error(`run.mjs: ${SITE}/index.html not found`);
  process.exit(2);
}
fs.mkdirSync(ART, { recursive: true });

const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const TIMEOUT = 10000;

// ---------------------------------------------------------------- reporting
let passed = 0, failed = 0;
function report(name, err) {
  if (err) {
    failed++;
    const msg = String(err && err.message ? err.message : err).split('\n').filter(Boolean).slice(0, 3).join(' | ');
    console.log(`not ok - ${name}: ${msg}`);
  } else {
    passed++;
    console.log(`ok - ${name}`);
  }
}
async function check(name, fn) {
  try { await fn(); report(name); } catch (e) { report(name, e); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

// ------------------------------------------------------------ static server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};
// Every request the server answered, "STATUS PATH", browser-initiated ones
// (the favicon) included.
const served = [];
function startServer(root) {
  const server = http.createServer((req, res) => {
    res.on('finish', () => served.push(`${res.statusCode} ${req.url}`));
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { rel = '/'; }
    let file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root)) file = '';
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (file && fs.existsSync(file) && fs.statSync(file).isFile() && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      return req.method === 'HEAD' ? res.end() : fs.createReadStream(file).pipe(res);
    }
    const nf = path.join(root, '404.html');
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(fs.existsSync(nf) ? fs.readFileSync(nf) : 'not found');
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ------------------------------------------------------------------ helpers
// The feedback URL the site was built with (empty when unset).
const indexHtml = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
const fbMatch = indexHtml.match(/<body[^>]*\sdata-feedback-url="([^"]*)"/);
const FEEDBACK_URL = fbMatch ? fbMatch[1].replace(/&amp;/g, '&') : '';

// Spy on sendBeacon inside the page so the test sees calls even where the
// network layer would hide them.
const BEACON_SPY = `(() => {
  window.__beacons = [];
  const orig = navigator.sendBeacon ? navigator.sendBeacon.bind(navigator) : null;
  if (orig) navigator.sendBeacon = (url, data) => { window.__beacons.push({ url: String(url), data: String(data) }); return orig(url, data); };
})();`;

async function runMode(browser, mode, base, isAllowed) {
  const tag = `[${mode}]`;
  const consoleErrors = [];
  const foreign = [];
  const beaconRequests = [];
  const missing = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(BEACON_SPY);
  // Nothing may leave the machine: the feedback URL is answered locally,
  // anything else foreign is aborted (and reported by check g).
  await context.route('**/*', route => {
    const u = route.request().url();
    if (isAllowed(u)) return route.continue();
    if (FEEDBACK_URL && u === new URL(FEEDBACK_URL, base).href) {
      beaconRequests.push(route.request());
      return route.fulfill({ status: 204, body: '' });
    }
    foreign.push(u);
    return route.abort();
  });
  context.on('page', page => {
    page.on('console', m => { if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', e => consoleErrors.push(`${page.url()}: ${e.message}`));
    // A navigation that replaces a loading one aborts it: that is no failure.
    page.on('requestfailed', r => {
      const why = r.failure() ? r.failure().errorText : '';
      if (isAllowed(r.url()) && why !== 'net::ERR_ABORTED') missing.push(`${r.url()} (${why})`);
    });
    page.on('response', r => {
      if (r.status() >= 400 && isAllowed(r.url())) missing.push(`${r.url()} (${r.status()})`);
    });
    page.on('request', r => {
      const u = r.url();
      if (!isAllowed(u) && !(FEEDBACK_URL && u === new URL(FEEDBACK_URL, base).href)) foreign.push(u);
    });
  });
  const page = await context.newPage();
  const open = async rel => { await page.goto(base + rel, { waitUntil: 'load' }); };
  const atPath = rel => decodeURIComponent(new URL(page.url()).pathname).endsWith('/' + rel);
  const waitAt = rel => page.waitForURL(u => decodeURIComponent(u.pathname).endsWith('/' + rel));
  const h1 = () => page.locator('h1').first().innerText();

  // Navigation and search read the same pages whatever feedback_url is.
  if (!FEEDBACK) {
    await check(`search by number: 22 + Enter lands on port/22.html ${tag}`, async () => {
      await open('index.html');
      await page.locator('#search-q').click();
      await page.locator('#search-q').pressSequentially('22');
      await page.keyboard.press('Enter');
      await waitAt('port/22.html');
      assert((await h1()).includes('22'), `h1 is "${await h1()}"`);
    });

    for (const [q, port] of [['ssh', 22], ['http', 80], ['adb', 5555], ['airplay', 7000], ['grafana', 3000]]) {
      await check(`search by name: "${q}" lists port ${port}, click lands there ${tag}`, async () => {
        await open('index.html');
        await page.locator('#search-q').click();
        await page.locator('#search-q').pressSequentially(q);
        const link = page.locator(`#search-results a[href$="port/${port}.html"]`).first();
        await link.waitFor({ state: 'visible' });
        await link.click();
        await waitAt(`port/${port}.html`);
        assert((await h1()).includes(String(port)), `h1 is "${await h1()}"`);
      });
    }

    await check(`search keyboard: ArrowDown/Up move, Escape closes, Enter opens ${tag}`, async () => {
      await open('index.html');
      const input = page.locator('#search-q');
      await input.click();
      await input.pressSequentially('ssh');
      const list = page.locator('#search-results');
      await list.locator('a').first().waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await list.waitFor({ state: 'hidden' });
      await page.keyboard.press('ArrowDown'); // reopens
      await list.locator('a').first().waitFor({ state: 'visible' });
      await page.keyboard.press('ArrowDown');
      const sel = list.locator('a[aria-selected="true"]');
      assert(await sel.count() === 1, 'ArrowDown selected no result');
      const n = await list.locator('a').count();
      if (n > 1) {
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowUp');
      }
      const href = await sel.getAttribute('href');
      assert(href === await list.locator('a').first().getAttribute('href'), `selected ${href} is not the first result`);
      const target = new URL(href, page.url()).href;
      await page.keyboard.press('Enter');
      await page.waitForURL(u => u.href === target);
    });

    await check(`"Can I use this port?": a verdict with reasons, nearest good ports that are good ${tag}`, async () => {
      await open('port/5555.html');
      const v = page.locator('section.verdict');
      assert(await v.count() === 1, 'no single verdict section');
      assert(await v.getAttribute('data-verdict') === 'avoid', 'port 5555 is not avoid');
      assert(await v.locator('.verdict-reasons li').count() >= 2, 'fewer than two reasons');
      const good = v.locator('.verdict-suggest a[href$=".html"]').first();
      await good.click();
      await page.waitForURL(u => /\/port\/\d+\.html$/.test(u.pathname));
      const g = await page.locator('section.verdict').getAttribute('data-verdict');
      assert(g === 'good', `the suggested port's verdict is ${g}`);
    });

    await check(`free ports and most common ports are linked from the home page ${tag}`, async () => {
      await open('index.html');
      await page.locator('a[href="free-ports.html"]').first().click();
      await waitAt('free-ports.html');
      assert(await page.locator('.free-list li').count() > 10, 'few free runs listed');
      await open('index.html');
      await page.locator('a[href="common-ports.html"]').first().click();
      await waitAt('common-ports.html');
      assert(await page.locator('h1').innerText() === 'The most common ports', 'common ports heading');
    });

    await check(`search.html?q=ssh lists port 22 in #search-page-results ${tag}`, async () => {
      await open('search.html?q=ssh');
      await page.locator('#search-page-results a[href$="port/22.html"]').first().waitFor({ state: 'visible' });
      const v = await page.locator('#search-q').inputValue();
      assert(v === 'ssh', `search input value is "${v}"`);
    });

    await check(`breadcrumbs on port/443.html navigate to home, range, block ${tag}`, async () => {
      const want = ['index.html', 'range/system.html', 'block/256.html'];
      for (let i = 0; i < want.length; i++) {
        await open('port/443.html');
        const links = page.locator('nav.breadcrumbs a');
        assert(await links.count() === 3, `expected 3 breadcrumb links, found ${await links.count()}`);
        await links.nth(i).click();
        await waitAt(want[i]);
      }
      await open('port/443.html');
      const cur = await page.locator('nav.breadcrumbs [aria-current="page"]').innerText();
      assert(cur.includes('443'), `aria-current item is "${cur}"`);
    });

    await check(`pager: port 443 prev/next go to 442/444 ${tag}`, async () => {
      await open('port/443.html');
      await page.locator('.pager a[rel="prev"]').click();
      await waitAt('port/442.html');
      await open('port/443.html');
      await page.locator('.pager a[rel="next"]').click();
      await waitAt('port/444.html');
    });

    await check(`pager: port 0 has no prev, port 65535 has no next ${tag}`, async () => {
      await open('port/0.html');
      assert(await page.locator('.pager a[rel="prev"]').count() === 0, 'port 0 has a prev link');
      assert(await page.locator('.pager a[rel="next"]').count() === 1, 'port 0 has no next link');
      await open('port/65535.html');
      assert(await page.locator('.pager a[rel="next"]').count() === 0, 'port 65535 has a next link');
      assert(await page.locator('.pager a[rel="prev"]').count() === 1, 'port 65535 has no prev link');
    });
  }

  if (!FEEDBACK) {
    await check(`helpful: Yes shows thanks, stores answer, sends nothing ${tag}`, async () => {
      await open('port/22.html');
      await page.evaluate(() => localStorage.removeItem('portpages:helpful:22'));
      await open('port/22.html');
      assert(FEEDBACK_URL === '', `site was built with a feedback URL (${FEEDBACK_URL}); use --feedback`);
      await page.locator('#helpful').waitFor({ state: 'visible' });
      assert(await page.locator('.helpful-thanks').isHidden(), 'thanks visible before answering');
      const after = [];
      // Chromium fetches the page's icon on its own schedule, at times
      // after the click; that is the browser, not an answer being sent.
      const onReq = r => {
        if (!/\/assets\/favicon\.[a-z]+$/.test(new URL(r.url()).pathname))
          after.push(`${r.resourceType()} ${r.url()}`);
      };
      page.on('request', onReq);
      await page.locator('#helpful button[data-answer="yes"]').click();
      await page.locator('.helpful-thanks').waitFor({ state: 'visible' });
      assert(await page.locator('.helpful-buttons').isHidden(), 'buttons still visible');
      const stored = await page.evaluate(() => localStorage.getItem('portpages:helpful:22'));
      assert(stored === 'yes', `localStorage holds ${JSON.stringify(stored)}`);
      await page.waitForTimeout(500);
      page.off('request', onReq);
      const beacons = await page.evaluate(() => window.__beacons);
      assert(after.length === 0, `requests after click: ${after.join(', ')}`);
      assert(beacons.length === 0, `sendBeacon called: ${JSON.stringify(beacons)}`);
      await open('port/22.html');
      await page.locator('.helpful-thanks').waitFor({ state: 'visible' });
      assert(await page.locator('.helpful-buttons').isHidden(), 'stored answer: buttons shown again');
    });
  } else {
    await check(`helpful --feedback: No offers a comment, then sends exactly one JSON POST ${tag}`, async () => {
      assert(FEEDBACK_URL !== '', 'site has an empty data-feedback-url; build it with feedback_url set');
      await open('port/22.html');
      await page.evaluate(() => localStorage.removeItem('portpages:helpful:22'));
      await open('port/22.html');
      beaconRequests.length = 0;
      await page.locator('#helpful').waitFor({ state: 'visible' });
      await page.locator('#helpful button[data-answer="no"]').click();
      await page.locator('.helpful-comment').waitFor({ state: 'visible' });
      assert(await page.locator('.helpful-buttons').isHidden(), 'buttons still visible after No');
      assert(beaconRequests.length === 0, 'sent before the comment form was submitted');
      await page.locator('#helpful-text').fill('Needs the <b>firewall</b> rule');
      await page.locator('.helpful-comment button[type="submit"]').click();
      await page.locator('.helpful-thanks').waitFor({ state: 'visible' });
      const stored = await page.evaluate(() => localStorage.getItem('portpages:helpful:22'));
      assert(stored === 'no', `localStorage holds ${JSON.stringify(stored)}`);
      const deadline = Date.now() + 3000;
      while (beaconRequests.length === 0 && Date.now() < deadline) await page.waitForTimeout(100);
      await page.waitForTimeout(300);
      assert(beaconRequests.length === 1, `${beaconRequests.length} requests reached ${FEEDBACK_URL}`);
      const req = beaconRequests[0];
      assert(req.method() === 'POST', `method ${req.method()}`);
      assert(/^application\/json/.test(req.headers()['content-type'] || ''), `content type ${req.headers()['content-type']}`);
      const p = JSON.parse(req.postData() || '{}');
      assert(p.port === 22 && p.answer === 'no' && p.comment === 'Needs the <b>firewall</b> rule', `body ${req.postData()}`);
    });
  }

  if (!FEEDBACK) {
    await check(`copy button on port page code blocks ${tag}`, async () => {
      await open('port/22.html');
      const blocks = await page.locator('pre > code').count();
      assert(blocks > 0, 'port/22.html has no pre > code block');
      const buttons = page.locator('.copy-button');
      assert(await buttons.count() === blocks, `${blocks} code blocks but ${await buttons.count()} copy buttons`);
      const b = buttons.first();
      assert((await b.innerText()).trim() === 'Copy', `button says "${await b.innerText()}"`);
      await b.click();
      await page.waitForFunction(el => el.textContent !== 'Copy', await b.elementHandle());
    });
  }

  await check(`no console errors or page errors ${tag}`, async () => {
    assert(consoleErrors.length === 0, consoleErrors.join(' ; '));
  });
  await check(`no request fails or gets a 404 ${tag}`, async () => {
    assert(missing.length === 0, [...new Set(missing)].join(', '));
  });
  await check(`all requests stay on ${mode === 'http' ? 'the same origin' : 'file://'} ${tag}`, async () => {
    assert(foreign.length === 0, [...new Set(foreign)].join(', '));
  });
  await context.close();
}

async function screenshots(browser, base) {
  const shots = [
    ['home-phone-light.png', 'index.html', 390, 844, 'light'],
    ['home-desktop-light.png', 'index.html', 1280, 900, 'light'],
    ['home-phone-dark.png', 'index.html', 390, 844, 'dark'],
    ['home-desktop-dark.png', 'index.html', 1280, 900, 'dark'],
    ['port22-phone-light.png', 'port/22.html', 390, 844, 'light'],
    ['port22-phone-dark.png', 'port/22.html', 390, 844, 'dark'],
    ['port22-desktop-light.png', 'port/22.html', 1280, 900, 'light'],
    ['port22-desktop-dark.png', 'port/22.html', 1280, 900, 'dark'],
  ];
  await check(`screenshots saved to ${ART}`, async () => {
    for (const [file, rel, width, height, scheme] of shots) {
      const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, isMobile: width < 600, hasTouch: width < 600 });
      const p = await ctx.newPage();
      await p.goto(base + rel, { waitUntil: 'load' });
      await p.screenshot({ path: path.join(ART, file), fullPage: true });
      if (file === 'home-phone-dark.png' || file === 'home-desktop-light.png') {
        await p.locator('#search-q').click();
        await p.locator('#search-q').pressSequentially('http');
        await p.locator('#search-results a').first().waitFor({ state: 'visible' });
        await p.keyboard.press('ArrowDown');
        await p.screenshot({ path: path.join(ART, file.replace('home', 'search')) });
      }
      await ctx.close();
    }
  });
  await check('no horizontal scrolling at 360px', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const p = await ctx.newPage();
    const bad = [];
    for (const rel of ['index.html', 'port/22.html', 'port/65535.html', 'block/256.html', 'range/user.html', 'services/s.html', 'search.html?q=http', '404.html']) {
      await p.goto(base + rel, { waitUntil: 'load' });
      const w = await p.evaluate(() => document.documentElement.scrollWidth);
      if (w > 360) bad.push(`${rel} is ${w}px wide`);
    }
    await ctx.close();
    assert(bad.length === 0, bad.join(', '));
  });
}

// The Copy button sits over a command block: no line of the command may
// show under it, scrolled to the start or to the end, on a phone or a desktop.
async function copyClear(browser, base) {
  for (const [width, height] of [[390, 844], [1280, 900]]) {
    await check(`copy buttons keep clear of the commands on port/443.html at ${width}px`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height }, isMobile: width < 600, hasTouch: width < 600 });
      const p = await ctx.newPage();
      await p.goto(base + 'port/443.html', { waitUntil: 'load' });
      const res = await p.evaluate(() => {
        const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const bad = [];
        let scrolled = 0;
        for (const wrap of document.querySelectorAll('.code-block')) {
          const pre = wrap.querySelector('pre');
          const btn = wrap.querySelector('.copy-button').getBoundingClientRect();
          if (pre.scrollWidth > pre.clientWidth) scrolled++;
          for (const x of [0, pre.scrollWidth]) {
            pre.scrollLeft = x;
            const box = pre.getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(pre.querySelector('code'));
            for (const r of range.getClientRects()) {
              const shown = { left: Math.max(r.left, box.left), right: Math.min(r.right, box.right),
                top: Math.max(r.top, box.top), bottom: Math.min(r.bottom, box.bottom) };
              if (shown.left < shown.right && shown.top < shown.bottom && hit(shown, btn)) {
                bad.push(`"${pre.textContent.slice(0, 30)}..." scrolled to ${pre.scrollLeft}px`);
                break;
              }
            }
          }
        }
        return { bad, blocks: document.querySelectorAll('.code-block').length, scrolled };
      });
      await ctx.close();
      assert(res.blocks >= 4, `only ${res.blocks} code blocks on port/443.html`);
      assert(res.bad.length === 0, `${res.bad.length} of ${res.blocks} blocks (${res.scrolled} scroll): ${res.bad.join(' ; ')}`);
    });
  }
}

async function main() {
  const server = await startServer(SITE);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS });
  try {
    const fileBase = pathToFileURL(SITE).href + '/';
    await runMode(browser, 'file', fileBase, u => u.startsWith('file://'));
    await runMode(browser, 'http', origin + '/', u => u.startsWith(origin + '/'));

    await check('http: missing page is served as 404.html with status 404', async () => {
      const res = await fetch(origin + '/no-such-page.html');
      assert(res.status === 404, `status ${res.status}`);
      const body = await res.text();
      assert(body === fs.readFileSync(path.join(SITE, '404.html'), 'utf8'), 'body is not 404.html');
    });

    await check('helpful widget stays hidden without JavaScript', async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const p = await ctx.newPage();
      await p.goto(origin + '/port/22.html');
      assert(await p.locator('#helpful').isHidden(), '#helpful visible without JS');
      await ctx.close();
    });

    if (!FEEDBACK) {
      await screenshots(browser, origin + '/');
      await copyClear(browser, origin + '/');
    }

    // What the server saw, browser-initiated requests included.
    await check('http: the favicon is fetched, and no page makes the browser ask for /favicon.ico', async () => {
      assert(served.some(l => l.startsWith('200 /assets/favicon.')), 'no favicon was fetched at all');
      const ico = served.filter(l => l.endsWith(' /favicon.ico'));
      assert(ico.length === 0, `${ico.length} requests for /favicon.ico`);
    });
    await check('http: the server answered no request of the browser with 404', async () => {
      const nf = served.filter(l => l.startsWith('404 ') && l !== '404 /no-such-page.html');
      assert(nf.length === 0, [...new Set(nf)].join(', '));
    });
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch(e => {
  console.log(`not ok - harness: ${e && e.stack ? e.stack.split('\n')[0] : e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
