#!/usr/bin/env node
// lighthouse_check.mjs SITE [PATH ...] — Lighthouse's four categories (performance,
// accessibility, best practices, SEO) on pages of a built site, each at least MIN (default 95).
// Serves SITE on 127.0.0.1 and runs Lighthouse (its default: a phone, simulated slow 4G) in
// Debian's Chromium, one browser for every page. Default pages: the home page, a document and a
// list of the demo site (those the site has). About 10 s a page.
// Env: MIN=95; JSON=dir keeps each page's full report.
// Output: one line per page, "<path> performance=P accessibility=A best-practices=B seo=S",
// the audits that cost points on a failing page, then the final line
//   lighthouse: N pages, F scores below MIN (Ts)
// Exit: 0 all at MIN or more, 1 a score below it, 2 usage/tool failure.
import fs from 'node:fs';
import path from 'node:path';
import { siteArg, serve, urlFor, CHROMIUM, die } from './lib.mjs';

const site = siteArg(process.argv[2]);
// the demo's pages by default; those a smaller site lacks are left out (the home page never is)
const DEMO = ['', 'xxgk/2024/gf-2024-03/', 'catalog/year/2024/'];
const paths = process.argv.length > 3 ? process.argv.slice(3)
  : DEMO.filter(p => p === '' || fs.existsSync(path.join(site, p, 'index.html')));
const MIN = Number(process.env.MIN || 95);
let lighthouse, chromeLauncher;
try {
  lighthouse = (await import('lighthouse')).default;
  chromeLauncher = await import('chrome-launcher');
} catch { die('lighthouse missing: run tests/web/install.sh'); }

const t0 = Date.now();
const srv = await serve(site);
// the same closed-network flags as lib.mjs's launch
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
let low = 0;
try {
  for (const rel of paths) {
    const result = await lighthouse(urlFor(srv.base, rel), { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    const lhr = result?.lhr;
    if (!lhr || lhr.runtimeError) die(`lighthouse failed on /${rel}: ${lhr?.runtimeError?.message || 'no report'}`);
    if (process.env.JSON) {
      fs.mkdirSync(process.env.JSON, { recursive: true });
      fs.writeFileSync(path.join(process.env.JSON, `${rel.replace(/[/.]+/g, '_') || 'home'}.json`), result.report);
    }
    const scores = CATEGORIES.map(c => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]);
    console.log(`/${rel} ${scores.map(([c, s]) => `${c}=${s}`).join(' ')}`);
    for (const [c, s] of scores) {
      if (s >= MIN) continue;
      low++;
      for (const ref of lhr.categories[c].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`  ${c}: ${a.id} (${a.score}) ${a.title}${a.displayValue ? ' — ' + a.displayValue : ''}`);
      }
    }
  }
} finally {
  await chrome.kill();
  srv.stop();
}
console.log(`lighthouse: ${paths.length} pages, ${low} scores below ${MIN} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
process.exit(low ? 1 : 0);
