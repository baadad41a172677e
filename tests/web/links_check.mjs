#!/usr/bin/env node
// links_check.mjs SITE — broken links and #anchors in a built site, offline, as a static host
// would answer them. Every page is parsed with parse5 (the HTML parser browsers follow) and
// every address in it is checked: href (a, area, link), src (img, script, iframe, source,
// track, audio, video, embed, input), srcset, poster, object data, form action, meta refresh,
// url(...) / @import in .css files and style attributes, and <loc> / <link> in .xml files
// (sitemap, feeds).
//   - a root-relative (/docs/a.html) or relative address resolves against the page (and its
//     <base href>); the file must exist in SITE; a folder needs an index.html (as on a real
//     static host, which also redirects a folder named without its trailing slash);
//   - a #fragment must be an id (or <a name>) in the target page ("#" and "#top" are always fine);
//   - absolute addresses (https:, mailto:, ...) are not fetched: counted as external. With
//     SITE_URL=https://host/path/ set, absolute addresses under it are checked as internal.
// Also lists pages that no chain of <a href> from index.html reaches (orphans; info only).
// Links that scripts create (search results) are not seen here: tests/browser covers those.
// Env: MAX_LIST=50 broken lines printed; SITE_URL as above.
// Output: "BROKEN page:line:col -> address | reason" lines, counts by reason, orphans, final line
//   links: B broken (M missing files, F missing anchors) of T links (U unique, X external) in P pages, O orphan pages (Ts)
// Exit: 0 none broken, 1 broken links found, 2 usage or tool failure.
import fs from 'node:fs';
import path from 'node:path';
import { siteArg, listHtml, requireWeb, die } from './lib.mjs';

let parse5;
try { parse5 = requireWeb('parse5'); }
catch { die('parse5 missing: run tests/web/install.sh'); }

const site = siteArg(process.argv[2]);
const pages = listHtml(site);
if (!pages.length) die(`no .html files under ${site}`);
const maxList = Number(process.env.MAX_LIST || 50);
const siteUrl = process.env.SITE_URL ? new URL(process.env.SITE_URL.replace(/\/?$/, '/')) : null;
const t0 = Date.now();

// which attributes of which elements hold an address
const URL_ATTRS = {
  a: ['href'], area: ['href'], link: ['href'], img: ['src', 'srcset'], script: ['src'],
  iframe: ['src'], source: ['src', 'srcset'], track: ['src'], audio: ['src'], video: ['src', 'poster'],
  embed: ['src'], input: ['src'], object: ['data'], form: ['action'], blockquote: ['cite'],
  q: ['cite'], ins: ['cite'], del: ['cite'],
};
const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g;

// A fake origin stands for the site root, so URL() resolves relative and root-relative addresses.
const ORIGIN = 'http://site.invalid';
const pageUrl = rel => `${ORIGIN}/${rel.split('/').map(encodeURIComponent).join('/')}`;

const anchorsOf = new Map();   // page -> Set of ids and names
const links = [];              // {page, line, col, raw, url}
let external = 0;

function walk(node, fn) {
  fn(node);
  for (const c of node.childNodes || []) walk(c, fn);
  if (node.content) walk(node.content, fn);   // <template>
}
const attr = (node, name) => (node.attrs || []).find(a => a.name === name)?.value;

function addLink(page, base, raw, loc) {
  const value = raw.trim();
  if (!value) return;
  let url;
  try { url = new URL(value, base); }
  catch { links.push({ page, ...loc, raw: value, bad: 'not a valid address' }); return; }
  if (siteUrl && url.href.startsWith(siteUrl.href)) {
    url = new URL(url.href.slice(siteUrl.href.length), ORIGIN + '/');
  }
  if (url.origin !== ORIGIN) { external++; return; }
  links.push({ page, ...loc, raw: value, url });
}

for (const page of pages) {
  const html = fs.readFileSync(path.join(site, page), 'utf8');
  const doc = parse5.parse(html, { sourceCodeLocationInfo: true });
  const ids = new Set();
  let base = pageUrl(page);
  walk(doc, n => { if (n.tagName === 'base' && attr(n, 'href')) base = new URL(attr(n, 'href'), pageUrl(page)).href; });
  walk(doc, n => {
    if (!n.tagName) return;
    const id = attr(n, 'id');
    if (id) ids.add(id);
    if (n.tagName === 'a' && attr(n, 'name')) ids.add(attr(n, 'name'));
    const at = name => {
      const l = n.sourceCodeLocation?.attrs?.[name] || n.sourceCodeLocation || {};
      return { line: l.startLine ?? '?', col: l.startCol ?? '?', tag: n.tagName };
    };
    for (const name of URL_ATTRS[n.tagName] || []) {
      const v = attr(n, name);
      if (v === undefined) continue;
      if (name === 'srcset') {
        for (const cand of v.split(',')) { const u = cand.trim().split(/\s+/)[0]; if (u) addLink(page, base, u, at(name)); }
      } else if (!(n.tagName === 'form' && name === 'action' && !v.trim())) {
        addLink(page, base, v, at(name));
      }
    }
    if (n.tagName === 'meta' && /^refresh$/i.test(attr(n, 'http-equiv') || '')) {
      const m = (attr(n, 'content') || '').match(/url\s*=\s*['"]?([^'"]+)/i);
      if (m) addLink(page, base, m[1], at('content'));
    }
    const style = attr(n, 'style');
    if (style) for (const m of style.matchAll(CSS_URL)) addLink(page, base, m[2] || m[4], at('style'));
    if (n.tagName === 'style') {
      const text = (n.childNodes || []).map(c => c.value || '').join('');
      for (const m of text.matchAll(CSS_URL)) addLink(page, base, m[2] || m[4], at('style'));
    }
  });
  anchorsOf.set(page, ids);
}

// stylesheets: their url(...) resolve against the stylesheet itself
function listFiles(re) {
  const out = [];
  (function find(rel) {
    for (const e of fs.readdirSync(path.join(site, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) find(r); else if (re.test(e.name)) out.push(r);
    }
  })('');
  return out.sort();
}
for (const css of listFiles(/\.css$/)) {
  const text = fs.readFileSync(path.join(site, css), 'utf8');
  for (const m of text.matchAll(CSS_URL)) {
    const line = text.slice(0, m.index).split('\n').length;
    addLink(css, pageUrl(css), m[2] || m[4], { line, col: '?' });
  }
}

// feeds and the sitemap name pages by absolute address: checked when SITE_URL says which are ours
for (const xml of listFiles(/\.xml$/)) {
  const text = fs.readFileSync(path.join(site, xml), 'utf8');
  for (const m of text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>|<link>\s*([^<\s]+)\s*<\/link>|<link\b[^>]*\bhref="([^"]+)"/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    addLink(xml, pageUrl(xml), (m[1] || m[2] || m[3]).replace(/&amp;/g, '&'), { line, col: '?' });
  }
}

// address on the site -> the file a static host serves for it (or null)
function target(url) {
  let p;
  try { p = decodeURIComponent(url.pathname); } catch { return null; }
  const file = path.join(site, p);
  if (file !== site && !file.startsWith(site + path.sep)) return null;
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (st?.isFile()) return path.relative(site, file).split(path.sep).join('/');
  if (st?.isDirectory()) {
    const index = path.join(file, 'index.html');
    if (fs.existsSync(index)) return path.relative(site, index).split(path.sep).join('/');
  }
  return null;
}

const broken = [];
const reached = new Map();   // page -> pages its <a href> reach (for orphans)
const unique = new Set();
for (const l of links) {
  if (l.bad) { broken.push({ ...l, kind: 'other', reason: l.bad }); continue; }
  unique.add(l.url.pathname + l.url.hash);
  const t = target(l.url);
  if (!t) { broken.push({ ...l, kind: 'missing', reason: 'no such file in the site' }); continue; }
  if (l.url.hash && /\.html?$/i.test(t)) {
    let frag;
    try { frag = decodeURIComponent(l.url.hash.slice(1)); } catch { frag = l.url.hash.slice(1); }
    const ids = anchorsOf.get(t);
    if (frag && frag.toLowerCase() !== 'top' && ids && !ids.has(frag)) {
      broken.push({ ...l, kind: 'anchor', reason: `no id="${frag}" in ${t}` });
    }
  }
  if ((l.tag === 'a' || l.tag === 'area') && /\.html?$/i.test(t)) {
    if (!reached.has(l.page)) reached.set(l.page, new Set());
    reached.get(l.page).add(t);
  }
}

broken.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : (a.line - b.line) || 0));
for (const b of broken.slice(0, maxList)) console.log(`BROKEN ${b.page}:${b.line}:${b.col} -> ${b.raw} | ${b.reason}`);
if (broken.length > maxList) console.log(`... ${broken.length - maxList} more (raise MAX_LIST)`);
if (broken.length) {
  const byReason = new Map();
  for (const b of broken) { const r = b.kind === 'anchor' ? 'missing anchor' : b.reason; byReason.set(r, (byReason.get(r) || 0) + 1); }
  console.log('-- broken by reason (count  reason):');
  for (const [r, c] of [...byReason].sort((a, b) => b[1] - a[1])) console.log(`${String(c).padStart(6)}  ${r}`);
}
let orphanNote = '';
if (anchorsOf.has('index.html')) {
  const seen = new Set(['index.html']), stack = ['index.html'];
  while (stack.length) for (const t of reached.get(stack.pop()) || []) if (!seen.has(t)) { seen.add(t); stack.push(t); }
  const orphans = pages.filter(p => !seen.has(p));
  if (orphans.length) console.log(`-- ${orphans.length} pages not reachable by links from index.html (first 10): ${orphans.slice(0, 10).join(', ')}`);
  orphanNote = `, ${orphans.length} orphan pages`;
}
const count = k => broken.filter(b => b.kind === k).length;
const secs = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`links: ${broken.length} broken (${count('missing')} missing files, ${count('anchor')} missing anchors, ` +
  `${count('other')} other) of ${links.length} links (${unique.size} unique, ${external} external) in ${pages.length} pages` +
  `${orphanNote} (${secs}s)`);
process.exitCode = broken.length ? 1 : 0;
