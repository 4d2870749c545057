/* portpages site.js, see docs/SITE-CONTRACT.md. ES2017, no dependencies. */
(function () {
'use strict';
const doc = document;
const body = doc.body;
const root = body.getAttribute('data-root') || '';
const $ = id => doc.getElementById(id);
const make = tag => doc.createElement(tag);
const attr = (el, k, v) => el.setAttribute(k, v);
const on = (el, ev, f) => el.addEventListener(ev, f);
const portHref = n => root + 'port/' + n + '.html';
const go = h => { location.href = h; };
const asPort = q => (/^\d{1,5}$/.test(q) && +q <= 65535 ? +q : -1);

// Load the index by <script> tag: works from file://.
let waiting = [];
let loading = false;
function withIndex(cb) {
  const d = window.PORTPAGES_SEARCH;
  if (d) return cb(d);
  waiting.push(cb);
  if (loading) return;
  loading = true;
  const s = make('script');
  s.src = root + 'assets/search-index.js';
  s.onload = () => {
    const cbs = waiting;
    waiting = [];
    cbs.forEach(f => f(window.PORTPAGES_SEARCH || []));
  };
  s.onerror = () => { loading = false; };
  doc.head.append(s);
}

// Rank: -1 the port, -.05 a note's first search name that outranks a
// registration, 0 registry name, .5 curated name/title,
// 1 word/number prefix, 2 name substring, 3 other substring.
// A row: [port, names, description, note title, note tags, note search
// names, known uses, nmap rank] (docs/SITE-CONTRACT.md). What a page is
// about ranks first: a registered name, then the note's own search names
// (the first first), a known use's name, the note's title, a word of a
// registered name, then any word, word start or text.
function search(data, raw, limit) {
  const q = raw.trim().toLowerCase();
  if (!q) return [];
  const n = asPort(q);
  const hits = [];
  const words = s => (' ' + (s || '') + ' ').toLowerCase().replace(/[(),]/g, ' ');
  const list = s => (s || '').toLowerCase().split(', ');
  const w = ' ' + q;
  let own = null;
  let registeredAny = false, registeredFirst = false;
  for (const row of data) {
    const port = row[0];
    if (port === n) { own = row; continue; }
    const all = words(row[1] + ' ' + row[4] + ' ' + row[5] + ' ' + row[6]);
    let rank = n >= 0 && String(port).startsWith(q) ? 0.45 : 9;
    const title = words(row[3]);
    const named = list(row[5]).indexOf(q);
    const registered = list(row[1]).includes(q);
    registeredAny = registeredAny || registered;
    if (registered && named === 0) registeredFirst = true;
    if (registered) rank = 0;
    // A note's first search names say what its port is most about.
    else if (named >= 0) rank = 0.1 + Math.min(named, 9) / 100;
    else if (list(row[6]).some(u => u.split(' (')[0] === q)) rank = 0.2;
    else if (title.startsWith(w + ' ')) rank = 0.25;
    else if (title.includes(w + ' ')) rank = 0.3;
    else if (words(row[1]).includes(w + ' ')) rank = 0.35;
    else if (all.includes(w + ' ')) rank = 0.5;
    else if (all.includes(w)) rank = 1;
    else if (rank > 2 && all.includes(q)) rank = 2;
    else if (rank > 3 && (row[3] + ' ' + row[2]).toLowerCase().includes(q)) rank = 3;
    if (rank < 9) hits.push({ port, row, rank, first: named === 0 });
  }
  // A note whose first search name is the query names what its port is
  // about (oracle: 1521), and outranks a registration of that name on a
  // port whose own note, if any, does not put the name first (2005).
  if (registeredAny && !registeredFirst)
    hits.forEach(h => { if (h.first) h.rank = -0.05; });
  // Equal matches: the port nmap finds open more often first, then the
  // lower; a registered name over a range (x11) starts at its first port.
  const seen = h => (h.rank !== 0 && h.row[7] > 0 ? h.row[7] : Infinity);
  hits.sort((a, b) => a.rank - b.rank || seen(a) - seen(b) || a.port - b.port);
  if (n >= 0) hits.unshift({ port: n, row: own, rank: -1 });
  return hits.slice(0, limit);
}

function link(hit) {
  const r = hit.row || ['', '', '', ''];
  const name = r[1].split(' ')[0];
  // Curated title, or the description if the title only repeats the name.
  const tail = [name, r[3] && r[3].toLowerCase() !== name ? r[3] : r[2]].filter(Boolean).join(': ');
  const a = make('a');
  a.href = portHref(hit.port);
  a.textContent = 'Port ' + hit.port + (tail ? ' \u2014 ' + tail : '');
  return a;
}

// Search box: a combobox whose options are links.
const input = $('search-q');
const list = $('search-results');
const form = input && input.form;
let active = -1;
const opts = () => list.querySelectorAll('a');

function close() {
  list.hidden = true;
  active = -1;
  attr(input, 'aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function setActive(i) {
  const o = opts();
  if (!o.length) return;
  active = (i + o.length) % o.length;
  o.forEach((a, k) => attr(a, 'aria-selected', String(k === active)));
  attr(input, 'aria-activedescendant', o[active].id);
  o[active].scrollIntoView({ block: 'nearest' });
}

function render() {
  withIndex(data => {
    const hits = search(data, input.value, 20);
    close();
    list.textContent = '';
    hits.forEach((hit, i) => {
      const li = make('li');
      const a = link(hit);
      attr(li, 'role', 'none');
      attr(a, 'role', 'option');
      attr(a, 'aria-selected', 'false');
      a.id = 'search-opt-' + i;
      a.tabIndex = -1;
      li.append(a);
      list.append(li);
    });
    list.hidden = !hits.length;
    attr(input, 'aria-expanded', String(!!hits.length));
  });
}

function submit() {
  const q = input.value.trim();
  const n = asPort(q);
  const o = opts();
  if (!list.hidden && o[active]) return go(o[active].href);
  if (n >= 0) return go(portHref(n));
  if (!q) return;
  withIndex(data => {
    // Jump to a single best exact match, else list all.
    const h = search(data, q, 2);
    if (h[0] && h[0].rank <= 0.5 && !(h[1] && h[1].rank === h[0].rank)) go(portHref(h[0].port));
    else go(root + 'search.html?q=' + encodeURIComponent(q));
  });
}

if (input && form && list) {
  attr(input, 'role', 'combobox');
  attr(input, 'aria-autocomplete', 'list');
  attr(input, 'aria-expanded', 'false');
  on(input, 'focus', () => withIndex(() => {}));
  on(input, 'input', render);
  on(input, 'keydown', e => {
    const down = e.key === 'ArrowDown';
    if (down || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) render();
      else setActive(active < 0 ? (down ? 0 : -1) : active + (down ? 1 : -1));
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      close();
    }
  });
  on(form, 'submit', e => { e.preventDefault(); submit(); });
  on(doc, 'click', e => form.contains(e.target) || close());
  on(form, 'focusout', () => setTimeout(() => form.contains(doc.activeElement) || close(), 150));
}

// search.html: all matches (up to 200) for ?q= into a list or a box
const results = $('search-page-results');
if (results) {
  const q = (new URLSearchParams(location.search).get('q') || '').trim();
  const isList = /^[OU]L$/.test(results.tagName);
  const ol = isList ? results : make('ol');
  const status = make('p');
  if (input) input.value = q;
  status.className = 'search-summary';
  if (isList) {
    attr(status, 'role', 'status');
    results.before(status);
  } else {
    ol.className = 'search-list';
    results.textContent = '';
    results.append(status, ol);
  }
  if (!q) status.textContent = 'Type a port number or service name above.';
  else withIndex(data => {
    const hits = search(data, q, 200);
    ol.textContent = '';
    hits.forEach(hit => {
      const li = make('li');
      li.append(link(hit));
      ol.append(li);
    });
    const n = hits.length;
    status.textContent = (n ? n + (n > 1 ? ' results' : ' result') + ' for' : 'No ports match') + ' \u201c' + q + '\u201d.';
  });
}

// "Was this page helpful?": Yes is sent at once; No first offers a comment.
const helpful = $('helpful');
const port = body.getAttribute('data-port');
if (helpful && port) {
  const key = 'portpages:helpful:' + port;
  const buttons = helpful.querySelector('.helpful-buttons');
  const form = helpful.querySelector('.helpful-comment');
  const thanks = helpful.querySelector('.helpful-thanks');
  const url = () => body.getAttribute('data-feedback-url') || '';
  const done = () => {
    [buttons, form].forEach(el => { if (el) el.hidden = true; });
    if (thanks) thanks.hidden = false;
  };
  const send = (answer, comment) => {
    const msg = { port: +port, answer };
    if (comment) msg.comment = comment.slice(0, 500);
    try { localStorage.setItem(key, answer); } catch (err) {}
    try {
      if (url()) fetch(url(), { method: 'POST', keepalive: true, credentials: 'omit',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(msg) }).catch(() => {});
    } catch (err) {}
    done();
    if (thanks) { thanks.tabIndex = -1; thanks.focus(); }
  };
  try { if (localStorage.getItem(key)) done(); } catch (err) {}
  helpful.hidden = false;
  on(helpful, 'click', e => {
    const b = e.target.closest('button[data-answer]');
    if (!b) return;
    const answer = b.getAttribute('data-answer');
    if (answer !== 'no' || !form || !url()) return send(answer);
    buttons.hidden = true;
    form.hidden = false;
    form.querySelector('textarea').focus();
  });
  if (form) on(form, 'submit', e => {
    e.preventDefault();
    send('no', form.querySelector('textarea').value.trim());
  });
}

// Copy buttons; code blocks get focusable (they may scroll).
doc.querySelectorAll('pre > code').forEach(code => {
  const pre = code.parentNode;
  const wrap = make('div');
  const btn = make('button');
  wrap.className = 'code-block';
  pre.before(wrap);
  wrap.append(pre, btn);
  if (!pre.hasAttribute('tabindex')) pre.tabIndex = 0;
  btn.type = 'button';
  btn.className = 'copy-button';
  btn.textContent = 'Copy';
  attr(btn, 'aria-live', 'polite');
  let timer = 0;
  const say = text => {
    btn.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => { btn.textContent = 'Copy'; }, 2000);
  };
  on(btn, 'click', () => {
    const fallback = () => { // select it for a manual copy
      window.getSelection().selectAllChildren(code);
      say('Press Ctrl+C');
    };
    const cb = navigator.clipboard;
    if (cb) cb.writeText(code.textContent).then(() => say('Copied'), fallback);
    else fallback();
  });
});
})();
