// tests/browser/zim.mjs - the site's ZIM file as kiwix-serve serves it, in Chromium
//
//   node tests/browser/zim.mjs BOOK_URL      (http://127.0.0.1:PORT/BOOK/)
//
// Opens the home page, a port page and the search page: every link on
// them that stays in the book resolves, search by number and by name
// works, and no page logs a console error or has a request fail. Prints
// "ok - NAME" / "not ok - NAME: reason" and "N passed, M failed".
import { chromium } from 'playwright-core';

const BASE = process.argv[2];
if (!BASE || !BASE.endsWith('/')) {
  console.error('usage: node tests/browser/zim.mjs BOOK_URL (ending in /)');
  process.exit(2);
}
const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const origin = new URL(BASE).origin;

let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - zim: ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - zim: ${name}: ${String(e && e.message ? e.message : e).split('\n')[0]}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
ctx.setDefaultTimeout(15000);
const errors = [], broken = [], foreign = [];
// Nothing may leave the machine.
await ctx.route('**/*', route => {
  if (route.request().url().startsWith(origin + '/')) return route.continue();
  foreign.push(route.request().url());
  return route.abort();
});
const page = await ctx.newPage();
page.on('console', m => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
page.on('pageerror', e => errors.push(`${page.url()}: ${e.message}`));
page.on('requestfailed', r => {
  const why = r.failure() ? r.failure().errorText : '';
  if (why !== 'net::ERR_ABORTED' && r.url().startsWith(origin)) broken.push(`${r.url()} (${why})`);
});
page.on('response', r => { if (r.status() >= 400) broken.push(`${r.url()} (${r.status()})`); });

// Every distinct link of the page that stays in the book answers 200.
async function linksResolve(rel) {
  await page.goto(BASE + rel, { waitUntil: 'load' });
  const hrefs = await page.$$eval('a[href]', as => as.map(a => a.href.split('#')[0]));
  const mine = [...new Set(hrefs.filter(h => h.startsWith(BASE)))];
  const bad = [];
  for (const h of mine) {
    const res = await ctx.request.get(h);
    if (res.status() !== 200) bad.push(`${h} (${res.status()})`);
  }
  assert(mine.length > 0, `no links into the book on ${rel}`);
  assert(bad.length === 0, `${bad.length} of ${mine.length} links do not resolve: ${bad.slice(0, 5).join(', ')}`);
  return mine.length;
}

await check('the home page: its title, and every link into the book resolves', async () => {
  const n = await linksResolve('index.html');
  assert((await page.locator('h1').first().innerText()).length > 0, 'no h1');
  assert(n > 250, `only ${n} links`);
});
await check('port/22.html: the verdict, and every link into the book resolves', async () => {
  await linksResolve('port/22.html');
  assert((await page.locator('h1').first().innerText()).includes('22'), 'h1 does not name port 22');
  assert(await page.locator('section.verdict[data-verdict="avoid"]').count() === 1, 'no avoid verdict');
});
await check('search box: "ssh" lists port 22, and the result opens it', async () => {
  await page.goto(BASE + 'index.html', { waitUntil: 'load' });
  await page.locator('#search-q').click();
  await page.locator('#search-q').pressSequentially('ssh');
  const hit = page.locator('#search-results a[href$="port/22.html"]').first();
  await hit.waitFor({ state: 'visible' });
  await hit.click();
  await page.waitForURL(u => u.pathname.endsWith('/port/22.html'));
});
await check('search box: 8080 + Enter opens port/8080.html', async () => {
  await page.goto(BASE + 'index.html', { waitUntil: 'load' });
  await page.locator('#search-q').click();
  await page.locator('#search-q').pressSequentially('8080');
  await page.keyboard.press('Enter');
  await page.waitForURL(u => u.pathname.endsWith('/port/8080.html'));
});
await check('search.html?q=adb lists port 5555, and every link into the book resolves', async () => {
  await page.goto(BASE + 'search.html?q=adb', { waitUntil: 'load' });
  await page.locator('#search-page-results a[href$="port/5555.html"]').first().waitFor({ state: 'visible' });
  await linksResolve('search.html?q=adb');
});
await check('no console errors or page errors', async () => {
  assert(errors.length === 0, errors.slice(0, 5).join(' ; '));
});
await check('no request fails or gets a 4xx', async () => {
  assert(broken.length === 0, [...new Set(broken)].slice(0, 5).join(', '));
});
await check('no request leaves the server', async () => {
  assert(foreign.length === 0, [...new Set(foreign)].slice(0, 5).join(', '));
});
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
