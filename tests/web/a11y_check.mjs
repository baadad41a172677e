#!/usr/bin/env node
// a11y_check.mjs SITE [N] — accessibility audit with axe-core in headless Chromium.
// Serves SITE on 127.0.0.1, loads all pages (or an evenly spaced sample of N, index.html
// always included) at 1280x800, injects axe-core and runs the WCAG 2.0/2.1 A+AA rules
// (tags wcag2a wcag2aa wcag21a wcag21aa; BEST=1 adds axe's best-practice rules).
// Also counts, per page, uncaught JS errors, console errors and failed/4xx-5xx requests.
// Env: CONC=2 pages in parallel; JSON=path writes every violation node; MAX_LIST=20 pages listed.
// Output: per-rule lines
//   RULE <id> [<impact>] nodes=<n> pages=<m> | <help> | e.g. <page> <css target>
// then "PAGE <path> violations=<rules> nodes=<n>" for the worst pages, then the final line
//   a11y: V violations (R rules, N nodes) in P pages; J js errors, F failed requests (Ts)
// Exit: 0 clean, 1 violations, pages that fail to load, JS errors or failed requests, 2 usage/tool failure.
import fs from 'node:fs';
import { siteArg, serve, launch, listHtml, urlFor, requireWeb, die } from './lib.mjs';

const site = siteArg(process.argv[2]);
const n = Number(process.argv[3] || 0);
const CONC = Number(process.env.CONC || 2);
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'].concat(process.env.BEST === '1' ? ['best-practice'] : []);
let axeSrc;
try { axeSrc = fs.readFileSync(requireWeb.resolve('axe-core/axe.min.js'), 'utf8'); }
catch { die('axe-core missing: run tests/web/install.sh'); }

const pages = listHtml(site, n);
if (!pages.length) die(`no .html files under ${site}`);
const t0 = Date.now();
const srv = await serve(site);
const { browser, close } = await launch();
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });

const rules = new Map();   // id -> {impact, help, helpUrl, nodes, pages:Set, example}
const perPage = [];
const all = [];
let jsErrors = 0, failedReq = 0, loadFail = 0;
const queue = pages.slice();
async function worker() {
  const page = await ctx.newPage();
  for (let rel; (rel = queue.shift()) !== undefined;) {
    const errs = [], fails = [], failedUrls = new Set();
    // one resource can be reported up to three times (response >= 400, request failed, console)
    const fail = (what, url) => { if (!failedUrls.has(url)) { failedUrls.add(url); fails.push(`${what} ${url}`); } };
    const onErr = e => errs.push(String(e).slice(0, 200));
    // "Failed to load resource" console lines are HTTP failures (e.g. a missing /favicon.ico,
    // which fires no response event), not script errors
    const onCon = m => {
      if (m.type() !== 'error') return;
      const u = m.location()?.url || '';
      if (/^Failed to load resource/.test(m.text())) fail(m.text().match(/status of (\d+)/)?.[1] || 'ERR', u);
      else errs.push(m.text().slice(0, 200));
    };
    // a page that sends the browser on (a redirect page: meta refresh, location.replace) aborts
    // its own navigation; that is the page working, not a failed request
    const onFail = r => {
      if (r.isNavigationRequest() && r.failure()?.errorText === 'net::ERR_ABORTED') return;
      fail('ERR', r.url());
    };
    const onResp = r => { if (r.status() >= 400) fail(r.status(), r.url()); };
    page.on('pageerror', onErr); page.on('console', onCon);
    page.on('requestfailed', onFail); page.on('response', onResp);
    try {
      const resp = await page.goto(urlFor(srv.base, rel), { waitUntil: 'load', timeout: 30000 });
      if (!resp || resp.status() >= 400) throw new Error(`HTTP ${resp && resp.status()}`);
      await page.evaluate(axeSrc);
      const res = await page.evaluate(async t => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: t }, resultTypes: ['violations'] });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
          nodes: v.nodes.map(x => ({ target: x.target.join(' '), html: x.html.slice(0, 160), summary: x.failureSummary })) }));
      }, tags);
      let nodes = 0;
      for (const v of res) {
        nodes += v.nodes.length;
        const r = rules.get(v.id) || { impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: 0, pages: new Set(), example: `${rel} ${v.nodes[0]?.target}` };
        r.nodes += v.nodes.length; r.pages.add(rel); rules.set(v.id, r);
        for (const x of v.nodes) all.push({ page: rel, rule: v.id, impact: v.impact, ...x });
      }
      perPage.push({ rel, rules: res.length, nodes, errs: errs.length, fails: fails.length });
      if (errs.length || fails.length) {
        console.log(`PAGEERR ${rel} js=${errs.length} failed=${fails.length} ${[...errs, ...fails].slice(0, 3).join(' ; ').replaceAll(srv.base, '')}`);
      }
    } catch (e) {
      loadFail++; console.log(`LOADFAIL ${rel} ${String(e.message || e).split('\n')[0]}`);
    }
    jsErrors += errs.length; failedReq += fails.length;
    page.off('pageerror', onErr); page.off('console', onCon);
    page.off('requestfailed', onFail); page.off('response', onResp);
  }
  await page.close();
}
try {
  await Promise.all(Array.from({ length: Math.min(CONC, pages.length) }, worker));
} finally {
  await close(); srv.stop();
}
const order = { critical: 0, serious: 1, moderate: 2, minor: 3 };
const sorted = [...rules.entries()].sort((a, b) => (order[a[1].impact] ?? 9) - (order[b[1].impact] ?? 9) || b[1].nodes - a[1].nodes);
for (const [id, r] of sorted) {
  console.log(`RULE ${id} [${r.impact}] nodes=${r.nodes} pages=${r.pages.size} | ${r.help} | e.g. ${r.example}`);
}
const worst = perPage.filter(p => p.rules).sort((a, b) => b.nodes - a.nodes).slice(0, Number(process.env.MAX_LIST || 20));
for (const p of worst) console.log(`PAGE ${p.rel} violations=${p.rules} nodes=${p.nodes}`);
if (process.env.JSON) fs.writeFileSync(process.env.JSON, JSON.stringify(all, null, 1));
const V = perPage.reduce((s, p) => s + p.rules, 0), N = perPage.reduce((s, p) => s + p.nodes, 0);
const secs = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`a11y: ${V} violations (${rules.size} rules, ${N} nodes) in ${perPage.length} pages` +
  `${loadFail ? `, ${loadFail} pages failed to load` : ''}; ${jsErrors} js errors, ${failedReq} failed requests (${secs}s)`);
// a script error or a missing resource is a problem for the reader as much as a WCAG failure
process.exitCode = V || loadFail || jsErrors || failedReq ? 1 : 0;
