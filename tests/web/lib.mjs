// Helpers shared by the web QA scripts and tests/browser: a static file server, Chromium
// through playwright-core, and the list of pages of a built site.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';

// Resolves packages from tests/web/node_modules whoever imports this file (tests/browser too).
export const requireWeb = createRequire(import.meta.url);
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function die(msg) { console.error(msg); process.exit(2); }

export function siteArg(arg) {
  if (!arg) die(`usage: ${path.basename(process.argv[1])} SITE_DIR ...`);
  if (!fs.existsSync(arg) || !fs.statSync(arg).isDirectory()) die(`not a directory: ${arg}`);
  return fs.realpathSync(arg);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon', '.pdf': 'application/pdf',
  '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
};

// A `Range: bytes=…` header against a file of `size` bytes: [first, last] (inclusive), 'bad'
// when it cannot be satisfied, null when absent or not a single byte range (then the whole
// file is sent, as servers do).
export function byteRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header || '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let first, last;
  if (m[1] === '') { first = Math.max(0, size - Number(m[2])); last = size - 1; }
  else { first = Number(m[1]); last = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1); }
  return first > last || first >= size ? 'bad' : [first, last];
}

// Serves dir on 127.0.0.1 at a port the kernel picks, as a static host does: a folder is its
// index.html (a folder without one is 404: no listings), a folder without its trailing slash
// is redirected to it, nothing outside dir is served, a single `Range: bytes=a-b` is answered
// 206 with Content-Range (the search index's packs are read so). With { ranges: false } it
// ignores Range and sends the whole file, as Python's http.server does.
export async function serve(dir, { ranges = true } = {}) {
  const root = fs.realpathSync(dir);
  const server = http.createServer((req, res) => {
    const send = (status, headers, body) => { res.writeHead(status, headers); res.end(req.method === 'HEAD' ? undefined : body); };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { allow: 'GET, HEAD' }, '');
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); }
    catch { return send(400, {}, 'bad request'); }
    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, {}, 'forbidden');
    let st = fs.statSync(file, { throwIfNoEntry: false });
    if (st && st.isDirectory()) {
      if (!rel.endsWith('/')) {
        const q = req.url.indexOf('?');
        return send(301, { location: new URL(req.url, 'http://x').pathname + '/' + (q >= 0 ? req.url.slice(q) : '') }, '');
      }
      file = path.join(file, 'index.html');
      st = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!st || !st.isFile()) return send(404, { 'content-type': 'text/plain; charset=utf-8' }, 'not found');
    const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    const range = ranges ? byteRange(req.headers.range, st.size) : null;
    if (range === 'bad') return send(416, { 'content-range': `bytes */${st.size}` }, '');
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    if (ranges) headers['accept-ranges'] = 'bytes';
    if (!range) return send(200, { ...headers, 'content-length': st.size }, fs.readFileSync(file));
    const [first, last] = range;
    const body = fs.readFileSync(file).subarray(first, last + 1);
    send(206, { ...headers, 'content-length': body.length, 'content-range': `bytes ${first}-${last}/${st.size}` }, body);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  const base = `http://127.0.0.1:${server.address().port}`;
  const stop = () => { server.closeAllConnections?.(); server.close(); };
  return { base, stop };
}

// Debian's Chromium through playwright-core (Playwright's own browser download is not used).
// Without the background-networking flags Chromium keeps calling home, which this machine's
// closed network refuses. Playwright starts every launch with a fresh temporary
// --user-data-dir of its own (it refuses one in args), so each run begins with an empty profile.
export async function launch() {
  const { chromium } = requireWeb('playwright-core');
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  const close = () => browser.close().catch(() => {});
  return { browser, close };
}

// Relative paths of the .html files: index.html first, the rest sorted; with n > 0, an evenly
// spaced (deterministic) sample of n that always holds index.html.
export function listHtml(dir, n) {
  const out = [];
  const walk = rel => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (/\.html?$/i.test(e.name)) out.push(r);
    }
  };
  walk('');
  out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const i = out.indexOf('index.html');
  if (i > 0) { out.splice(i, 1); out.unshift('index.html'); }
  if (!n || n <= 0 || n >= out.length) return out;
  return Array.from({ length: n }, (_, k) => out[Math.floor(k * out.length / n)]);
}

// site-relative file path (with an optional ?query or #fragment) -> URL on the local server
export const urlFor = (base, rel) => {
  const [, p, rest] = rel.replace(/^\/+/, '').match(/^([^?#]*)(.*)$/s);
  return base + '/' + p.split('/').map(encodeURIComponent).join('/') + rest;
};
