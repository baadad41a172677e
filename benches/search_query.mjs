// Runs the real search client (themes/default/static/assets/search.js) in
// Node against a built site's search/ folder: per query, the bytes a cold
// browser fetches (search + first page of 10 results) counted as on the
// wire — whole files (index.json, fold.json) gzip'd as a static host sends
// them, ranged reads of packs (headers, shards, fragments, facet sets) raw,
// as servers send 206 responses — the number of requests, and the warm time
// (same engine, query again).
// Usage: node benches/search_query.mjs PUBLIC_DIR [query ...]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { Engine } = require(path.join(here, '../themes/default/static/assets/search.js'));
const site = process.argv[2];
const queries = process.argv.slice(3).length ? process.argv.slice(3)
  : ['苏州', '政务公开', '行政复议', '政府信息公开条例', '年度报告 依申请公开', '政務公開', '2017', '公开', '市', '2017年1月1日', '主动公开政府信息情况'];
const gz = new Map();
const gzSize = p => { if (!gz.has(p)) gz.set(p, zlib.gzipSync(fs.readFileSync(path.join(site, p)), { level: 6 }).length); return gz.get(p); };

const files = new Map();
const file = p => { if (!files.has(p)) files.set(p, fs.readFileSync(path.join(site, p))); return files.get(p); };
// Each request: [path, bytes on the wire, bytes as stored].
function engine(log) {
  return Engine('/', async (p, range) => {
    const whole = file(p);
    if (!range) { log.push([p, gzSize(p), whole.length]); return new Uint8Array(whole); }
    const b = whole.subarray(range[0], Math.min(range[1], whole.length));
    log.push([p, b.length, b.length]);
    return new Uint8Array(b);
  });
}
const kb = b => (b / 1024).toFixed(1);
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('query', 22)} ${pad('results', 8)} ${pad('reqs', 6)} ${pad('KB wire', 8)} ${pad('KB raw', 8)} warm_ms`);
const rows = [];
for (const q of queries) {
  const log = [];
  const e = engine(log);
  const r = await e.search(q);
  await e.page(r, 0, 10);
  const bytes = log.reduce((s, [, wire]) => s + wire, 0);
  const raw = log.reduce((s, [, , r]) => s + r, 0);
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r2 = await e.search(q);
    await e.page(r2, 0, 10);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  rows.push([bytes, log.length]);
  console.log(`${pad(q, 22)} ${pad(r.hits.length, 8)} ${pad(log.length, 6)} ${pad(kb(bytes), 8)} ${pad(kb(raw), 8)} ${times[3].toFixed(1)}`);
}
console.log(`max ${kb(Math.max(...rows.map(r => r[0])))} KB on the wire per query, max ${Math.max(...rows.map(r => r[1]))} requests (cold: index.json + fold.json gzip'd; pack headers, shards, facet sets and 10 fragments ranged, as stored)`);
