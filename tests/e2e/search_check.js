// tests/e2e/search_check.js - runs site.js's search() on a built site's search data, as the pages do
// usage: node search_check.js SEARCH-INDEX.js SITE.js top10|first 'query=port,port;query=port'
//   top10: every listed port is among the first ten results of its query;
//   first: the first listed port is the first result of its query.
const fs = require('fs');
const [index, sitejs, mode, spec] = process.argv.slice(2);
global.window = {};
eval(fs.readFileSync(index, 'utf8'));
const src = fs.readFileSync(sitejs, 'utf8');
const asPort = eval(src.match(/const asPort = ([^;]*);/)[1]);
const search = eval('(' + src.slice(src.indexOf('function search('), src.indexOf('\nfunction link')) + ')');
let bad = 0, n = 0;
for (const item of spec.split(';')) {
  const [q, list] = item.split('=');
  const ports = list.split(',').map(Number);
  const got = search(window.PORTPAGES_SEARCH, q, 10).map(h => h.port);
  const ok = mode === 'first' ? got[0] === ports[0] : ports.every(p => got.includes(p));
  n++;
  if (!ok) bad++;
  if (!ok || mode !== 'first') console.log(`  ${q}: ${got.join(' ')}${ok ? '' : ', want ' + ports.join(' ')}`);
}
if (mode === 'first') console.log(`  ${n - bad} of ${n} searches put the expected port first`);
process.exit(bad ? 1 : 0);
