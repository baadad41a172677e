#!/usr/bin/env node
// Typing → results on screen, in headless Chromium, for the figures in BENCHMARKS.md (Search).
//
//   node benches/search_latency.mjs SITE QUERY [QUERY ...]
//
// Serves the built site SITE on 127.0.0.1 (tests/web/lib.mjs), and for each QUERY opens PAGE
// (default the home page) in a fresh browser context (1280×800, zh-CN, empty cache), types the
// query into the search box key by key, and waits until the page has been quiet for QUIET ms.
// Times are taken inside the page, from the last keystroke's input/keydown event to the first DOM
// change after it ("first update") and to the frame painted after the last DOM change before
// the page went quiet (results on screen). Run 1 is cold (the index files are fetched on first
// use); runs 2..REPEAT clear the box and type the query again (warm; the median is printed).
//
// Needs the web QA toolchain: `bash tests/web/install.sh` (Debian's Chromium, playwright-core).
// Env (defaults): REPEAT=4 (1 cold + 3 warm)  PAGE='' (site path of the page with the box)
//   BOX='#header-q' (the header box; '#q' on search/)  RESULTS='.search-results li'
//   DELAY=60 (ms between keys)  QUIET=800 ms  TIMEOUT=15000 ms
// Output, one line per query:
//   QUERY: R results, C ms cold (first update F ms), W ms warm; J js errors
// Exit: 0 every query found results without a script error, 1 otherwise, 2 usage or tool failure.
import { siteArg, serve, launch, urlFor, die } from '../tests/web/lib.mjs';

const site = siteArg(process.argv[2]);
const queries = process.argv.slice(3);
if (!queries.length) die('usage: node benches/search_latency.mjs SITE QUERY [QUERY ...]');
const E = process.env;
const REPEAT = Math.max(1, Number(E.REPEAT || 4));
const BOX = E.BOX || '#header-q', RESULTS = E.RESULTS || '.search-results li';
const DELAY = Number(E.DELAY ?? 60), QUIET = Number(E.QUIET || 800), TIMEOUT = Number(E.TIMEOUT || 15000);

const srv = await serve(site);
const { browser, close } = await launch();
let exit = 0;
const ms = v => (v == null ? 'n/a' : String(Math.round(v)));
try {
  for (const query of queries) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    const resp = await page.goto(urlFor(srv.base, E.PAGE || ''), { waitUntil: 'load' });
    if (!resp || resp.status() >= 400) throw new Error(`${E.PAGE || '/'}: HTTP ${resp && resp.status()}`);
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    const box = page.locator(BOX).first();
    if (!(await box.count())) throw new Error(`no search box matches ${BOX} (set BOX)`);
    // in-page probes: the last key's time and the DOM changes after it
    await page.evaluate(() => {
      const p = window.__latency = { key: 0, muts: [], painted: 0 };
      for (const ev of ['input', 'keydown'])
        document.addEventListener(ev, () => { p.key = performance.now(); p.muts = []; p.painted = 0; }, true);
      // a mutation, then the next frame (rAF and a task after it: the frame has been painted)
      new MutationObserver(() => {
        p.muts.push(performance.now());
        requestAnimationFrame(() => setTimeout(() => { p.painted = performance.now(); }, 0));
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const settled = async () => {
      const start = Date.now();
      for (;;) {
        await page.waitForTimeout(50);
        const s = await page.evaluate(() => ({ now: performance.now(), ...window.__latency, muts: window.__latency.muts.slice() }));
        const last = s.muts.length ? s.muts[s.muts.length - 1] : s.key;
        if ((s.muts.length && s.now - last >= QUIET) || Date.now() - start > TIMEOUT) return s;
      }
    };
    const runs = [];
    let found = 0;
    for (let i = 0; i < REPEAT; i++) {
      if (i > 0) { await box.fill(''); await page.waitForTimeout(QUIET); }
      await box.click();
      await page.keyboard.type(query, { delay: DELAY });
      const s = await settled();
      runs.push(s.muts.length
        ? { first: s.muts[0] - s.key, shown: Math.max(s.painted, s.muts[s.muts.length - 1]) - s.key }
        : { first: null, shown: null });
      if (i === 0) found = await page.evaluate(sel => [...document.querySelectorAll(sel)]
        .filter(el => el.getClientRects().length).length, RESULTS);
    }
    const warm = runs.slice(1).map(r => r.shown).filter(v => v != null).sort((a, b) => a - b);
    const warmTxt = warm.length ? `, ${ms(warm[Math.floor((warm.length - 1) / 2)])} ms warm` : '';
    console.log(`${query}: ${found} results, ${ms(runs[0].shown)} ms cold (first update ${ms(runs[0].first)} ms)${warmTxt}; ${errors.length} js errors`);
    for (const e of errors.slice(0, 3)) console.log(`  js error: ${e.split('\n')[0]}`);
    if (!found || errors.length) exit = 1;
    await ctx.close();
  }
} catch (e) {
  console.log(`search_latency: FAILED ${String(e.message || e).split('\n')[0]}`);
  exit = 2;
} finally {
  await close();
  srv.stop();
}
process.exitCode = exit;
