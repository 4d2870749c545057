// tests/browser/favicon.mjs - renders templates/assets/favicon.svg to favicon.png (48x48, light scheme)
//
//   node tests/browser/favicon.mjs SVG PNG [SIZE]     (make favicon)
//
// The PNG is the fallback for browsers without SVG icons and the ZIM
// file's illustration; it is committed, so building needs no renderer.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const [svgPath, pngPath, sizeArg] = process.argv.slice(2);
if (!svgPath || !pngPath) {
  console.error('usage: node tests/browser/favicon.mjs SVG PNG [SIZE]');
  process.exit(2);
}
const size = Number(sizeArg || 48);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, colorScheme: 'light' });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>` +
    fs.readFileSync(svgPath, 'utf8'));
  await page.screenshot({ path: pngPath, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
} finally {
  await browser.close();
}
