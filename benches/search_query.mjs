// Runs the real search client (themes/default/static/assets/search.js) in
// Node against a built site's search/ folder: per query, the bytes a cold
// browser fetches (each file gzip'd as a static host sends it: search +
// first page of 10 results) and the warm time (same engine, query again).
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

function engine(log) {
  return Engine('/', async p => { log.push(p); return new Uint8Array(fs.readFileSync(path.join(site, p))); });
}
const kb = b => (b / 1024).toFixed(1);
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('query', 22)} ${pad('results', 8)} ${pad('files', 6)} ${pad('KB gz', 8)} ${pad('KB raw', 8)} warm_ms`);
const rows = [];
for (const q of queries) {
  const log = [];
  const e = engine(log);
  const r = await e.search(q);
  await e.page(r, 0, 10);
  const files = [...new Set(log)];
  const bytes = files.reduce((s, p) => s + gzSize(p), 0);
  const raw = files.reduce((s, p) => s + fs.statSync(path.join(site, p)).size, 0);
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r2 = await e.search(q);
    await e.page(r2, 0, 10);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  rows.push(bytes);
  console.log(`${pad(q, 22)} ${pad(r.hits.length, 8)} ${pad(files.length, 6)} ${pad(kb(bytes), 8)} ${pad(kb(raw), 8)} ${times[3].toFixed(1)}`);
}
console.log(`max ${kb(Math.max(...rows))} KB gz per query (cold: index.json + fold.json + shards + facets + 10 fragments)`);
