// Pagefind's own client (pagefind.js from the bundle) in headless Chromium,
// on a bundle written by `pagefind-bench CORPUS OUT tests/it/search.rs`.
//   node benches/pagefind/query.mjs OUT recall  → recall per query vs. plain substring truth
//   node benches/pagefind/query.mjs OUT bytes   → gzip bytes a cold query fetches
// Truth (as tests/it/search.rs): every space-separated term occurs in the
// document's title + 文号 + summary + body text, as written or as fast2s
// simplifies it; a term starting/ending with an ASCII letter or digit must not
// be glued to another one there (7号 is not in 17号).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// the project's own web-QA helpers (tests/web; `bash tests/web/install.sh` installs what they need)
const { serve, launch, siteArg } = await import('../../tests/web/lib.mjs');

const dir = siteArg(process.argv[2]);
const mode = process.argv[3] || 'recall';
fs.writeFileSync(path.join(dir, 'index.html'),
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>pf</title></head><body>pf</body></html>');

const alnum = c => c !== undefined && /[0-9a-z]/i.test(c);
function occurs(text, term) {
  const first = term[0], last = term[term.length - 1];
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    const before = text[i - 1], after = text[i + term.length];
    if (!((alnum(first) && alnum(before)) || (alnum(last) && alnum(after)))) return true;
  }
  return false;
}
const slug = u => (u.match(/doc-\d+/) || [u])[0];

const server = await serve(dir);
const { browser, close } = await launch();

async function freshPage() {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const fetched = [];
  page.on('requestfinished', r => fetched.push(new URL(r.url()).pathname));
  page.on('pageerror', e => console.error('js error:', e.message));
  await page.goto(server.base + '/index.html');
  await page.evaluate(async () => {
    window.pf = await import('/pagefind/pagefind.js');
    await window.pf.init();
  });
  return { context, page, fetched };
}
// All result URLs in Pagefind's order (limit: only the first N loaded).
const search = (page, q, limit) => page.evaluate(async ([q, limit]) => {
  const r = await window.pf.search(q);
  const shown = r.results.slice(0, limit ?? r.results.length);
  const data = await Promise.all(shown.map(x => x.data()));
  return { count: r.results.length, urls: data.map(d => d.url) };
}, [q, limit]);

if (mode === 'recall') {
  const docs = JSON.parse(fs.readFileSync(path.join(dir, 'docs.json'), 'utf8'));
  const queries = JSON.parse(fs.readFileSync(path.join(dir, 'queries.json'), 'utf8'));
  // asWritten: only the text as written (no simplified ↔ traditional folding,
  // which Pagefind does not claim), to separate the two causes of a miss.
  const truth = ({ q, simplified }, asWritten = false) => {
    const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    const simple = simplified.toLowerCase().split(/\s+/).filter(Boolean);
    return new Set(docs.filter(d => terms.every((t, i) =>
      occurs(d.text, t) || (!asWritten && occurs(d.simplified, simple[i])))).map(d => slug(d.url)));
  };
  const { page } = await freshPage();
  let sum = 0, n = 0, relevant = 0, extra = 0, sumW = 0, nW = 0;
  const below = [], belowW = [];
  const numbers = [];
  for (const query of queries) {
    const got = await search(page, query.q);
    const found = new Set(got.urls.map(slug));
    if (query.target) {
      const rank = got.urls.map(slug).indexOf(slug(query.target));
      numbers.push(`${query.q} → ${rank < 0 ? 'not found' : 'rank ' + (rank + 1)} (${got.count} results)`);
      continue;
    }
    const t = truth(query);
    if (t.size === 0) { console.log(`skip ${query.q}: no document holds it`); continue; }
    const hit = [...t].filter(s => found.has(s)).length;
    const r = hit / t.size;
    sum += r; n++; relevant += t.size; extra += [...found].filter(s => !t.has(s)).length;
    if (r < 1) below.push(`${query.q} ${r.toFixed(2)} (${hit}/${t.size})`);
    const w = truth(query, true);
    if (w.size) {
      const hitW = [...w].filter(s => found.has(s)).length;
      sumW += hitW / w.size; nW++;
      if (hitW < w.size) belowW.push(`${query.q} ${(hitW / w.size).toFixed(2)} (${hitW}/${w.size})` +
        (process.env.SHOW_MISSED ? ' e.g. ' + [...w].filter(s => !found.has(s)).slice(0, 2).join(',') : ''));
    }
  }
  console.log(`documents ${docs.length}; queries ${n}; relevant ${relevant}; mean recall ${(sum / n).toFixed(3)}; ` +
    `results not in the truth ${extra}`);
  console.log(`below 1.0 (${below.length}): ${below.join('; ')}`);
  console.log(`as written (no fast2s folding in the truth): queries ${nW}; mean recall ${(sumW / nW).toFixed(3)}; ` +
    `below 1.0 (${belowW.length}): ${belowW.join('; ')}`);
  console.log(`文号 variants (${numbers.length}):\n  ${numbers.join('\n  ')}`);
  // Quoted phrases: the same truth (the phrase occurs as a substring).
  const phrases = ['政务公开', '信息公开', '行政复议', '年度报告', '依申请公开', '政府信息公开条例',
    '主动公开政府信息情况', '全面推进政务公开工作', '政务公开工作要点', '主要问题和改进措施'];
  const out = [];
  for (const q of phrases) {
    const t = truth({ q, simplified: q }), w = truth({ q, simplified: q }, true);
    const got = await search(page, `"${q}"`);
    const found = new Set(got.urls.map(slug));
    const hit = [...t].filter(s => found.has(s)).length, hitW = [...w].filter(s => found.has(s)).length;
    out.push(`"${q}" ${(hit / t.size).toFixed(2)} (${hit}/${t.size}; as written ${(hitW / w.size).toFixed(2)} ` +
      `${hitW}/${w.size}; ${got.count} results)`);
  }
  console.log(`quoted phrases:\n  ${out.join('\n  ')}`);
} else {
  const queries = ['苏州', '政务公开', '行政复议', '政府信息公开条例', '年度报告 依申请公开', '政務公開', '2017', '公开', '市'];
  const rows = [];
  for (const q of queries) {
    const { context, page, fetched } = await freshPage();
    const got = await search(page, q, 10); // the first page: 10 result fragments
    await page.waitForLoadState('networkidle');
    // Each file as a static host sends it: gzip -6, or as stored when that is
    // smaller (Pagefind's .pf_* files are stored gzip-compressed already).
    let raw = 0, files = 0;
    const part = { fixed: 0, index: 0, fragment: 0 };
    for (const p of new Set(fetched)) {
      if (!p.startsWith('/pagefind/')) continue;
      const b = fs.readFileSync(path.join(dir, decodeURIComponent(p)));
      const sent = Math.min(b.length, zlib.gzipSync(b, { level: 6 }).length);
      raw += b.length; files++;
      part[p.startsWith('/pagefind/index/') ? 'index' : p.startsWith('/pagefind/fragment/') ? 'fragment' : 'fixed'] += sent;
    }
    if (process.env.SHOW_FILES) console.log(q, [...new Set(fetched)].join(' '));
    const kb = x => +(x / 1024).toFixed(1); // KB = 1,024 B, as benches/search_query.mjs
    // Warm: the same query again in the same page (chunks and fragments cached),
    // search + the first 10 results' data, median of 7, timed inside the page.
    const warm = await page.evaluate(async q => {
      const times = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        const r = await window.pf.search(q);
        await Promise.all(r.results.slice(0, 10).map(x => x.data()));
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[3];
    }, q);
    rows.push({ q, results: got.count, files, raw_kb: kb(raw), sent_kb: kb(part.fixed + part.index + part.fragment),
      fixed_kb: kb(part.fixed), index_kb: kb(part.index), fragments_kb: kb(part.fragment), warm_ms: +warm.toFixed(1) });
    await context.close();
  }
  console.table(rows);
  console.log(`max KB sent per query: ${Math.max(...rows.map(r => r.sent_kb))}`);
}
await close();
server.stop();
