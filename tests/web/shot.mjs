#!/usr/bin/env node
// shot.mjs SITE PATH OUT.png — screenshots of one page at desktop and phone width.
// Serves SITE on 127.0.0.1, opens PATH (e.g. "docs/a.html", "" for the home page) in headless
// Chromium and writes OUT-desktop.png (1280x800) and OUT-mobile.png (390x844, isMobile, touch,
// mobile user agent). Also measures what a person would notice on the phone: horizontal
// scrolling (page wider than the screen) and text rendered smaller than 12px (after zoom-out).
// Env: FULL=1 full-page shots (default: the first screen only); DPR=1 device pixel ratio of
//      the mobile shot (a real phone is 3; 1 keeps the PNG small); WAIT=300 ms after load.
// Output: "desktop: OUT-desktop.png 1280x800 page 1280x2400 ..." and "mobile: ..." lines, then
//   shot: 2 screenshots of PATH (HTTP s, mobile overflow Xpx, T tiny-text elements, J js errors)
// Exit: 0 ok, 1 page error / mobile overflow, 2 usage/tool failure.
import path from 'node:path';
import { siteArg, serve, launch, urlFor, die } from './lib.mjs';

const site = siteArg(process.argv[2]);
const rel = process.argv[3] ?? '';
const out = process.argv[4];
if (!out) die('usage: shot.mjs SITE PATH OUT.png');
const stem = out.replace(/\.png$/i, '');
const E = process.env;
const views = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: 'mobile', viewport: { width: 390, height: 844 }, deviceScaleFactor: Number(E.DPR || 1), isMobile: true, hasTouch: true,
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36' },
];
const srv = await serve(site);
const { browser, close } = await launch();
let status = 0, overflow = 0, tiny = 0, jsErr = 0, exit = 0;
try {
  for (const v of views) {
    const { name, ...opts } = v;
    const ctx = await browser.newContext({ ...opts, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('pageerror', () => jsErr++);
    const resp = await page.goto(urlFor(srv.base, rel), { waitUntil: 'load' });
    status = resp ? resp.status() : 0;
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    await page.evaluate(() => document.fonts && document.fonts.ready);
    await page.waitForTimeout(Number(E.WAIT || 300));
    const file = `${stem}-${name}.png`;
    await page.screenshot({ path: file, fullPage: E.FULL === '1' });
    // compare with the device width: on a phone Chromium widens the layout viewport (and zooms
    // out) when content overflows or <meta name=viewport> is missing, so innerWidth grows too
    const m = await page.evaluate(devW => {
      const de = document.documentElement, vw = devW, scale = (window.visualViewport && window.visualViewport.scale) || 1;
      let widest = null, wmax = vw;
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > wmax + 1 && getComputedStyle(el).position !== 'fixed') {
          // only count it if no ancestor clips it (overflow: auto/hidden/scroll)
          let p = el.parentElement, clipped = false;
          while (p && p !== document.body) { if (/(auto|hidden|scroll|clip)/.test(getComputedStyle(p).overflowX)) { clipped = true; break; } p = p.parentElement; }
          if (!clipped) { wmax = r.right; widest = el.tagName.toLowerCase() + (el.id ? '#' + el.id : el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/)[0] : ''); }
        }
      }
      let tinyN = 0;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const seen = new Set();
      while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (!el || seen.has(el) || !walker.currentNode.textContent.trim()) continue;
        seen.add(el);
        if (el.getClientRects().length && parseFloat(getComputedStyle(el).fontSize) * scale < 12) tinyN++;
      }
      return { sw: de.scrollWidth, sh: de.scrollHeight, iw: window.innerWidth, overflow: Math.max(0, de.scrollWidth - vw), widest, tinyN, scale, title: document.title };
    }, v.viewport.width);
    if (name === 'mobile') { overflow = m.overflow; tiny = m.tinyN; }
    console.log(`${name}: ${file} ${v.viewport.width}x${v.viewport.height} page ${m.sw}x${m.sh} ` +
      `overflow ${m.overflow}px${m.widest ? ' (widest: ' + m.widest + ')' : ''}` +
      `${m.iw !== v.viewport.width ? `, layout viewport ${m.iw}px (wide content or no <meta name=viewport>), zoom ${m.scale.toFixed(2)}` : ''}` +
      `, tiny-text ${m.tinyN}, title "${m.title}"`);
    await ctx.close();
  }
  exit = status >= 400 || overflow > 0 || jsErr ? 1 : 0;
  console.log(`shot: 2 screenshots of /${rel.replace(/^\/+/, '')} (HTTP ${status}, mobile overflow ${overflow}px, ${tiny} tiny-text elements, ${jsErr} js errors)`);
} catch (e) {
  console.log(`shot: FAILED ${String(e.message || e).split('\n')[0]}`); exit = 2;
} finally {
  await close(); srv.stop();
}
process.exitCode = exit;
