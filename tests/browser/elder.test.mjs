// 长者模式, read-aloud and the phone first screen, measured in Chromium against the 适老化
// figures (互联网网站适老化通用设计规范) the theme claims in site.css:
// - every visible text at 24px (18pt) or more, line-height at least 1.3 times the font size;
// - paragraph spacing (the margin between paragraphs) at least 1.3 times the line gap
//   (line-height minus font size), so paragraphs stand further apart than lines;
// - every link, button and form control at least 44×44 px, except a link inside running text
//   (computed display inline, with other text in the same block): WCAG 2.5.8's inline exception;
// - no element position:fixed or sticky, and the search suggestions in the page's flow;
// - axe (WCAG 2.0/2.1 A+AA, contrast included) finds nothing, in either mode.
// SHOT_DIR=dir keeps the desktop and phone screenshots of both modes (default: a temporary folder).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireWeb, listHtml, urlFor } from '../web/lib.mjs';

const HOME = '/';
const DOC = '/xxgk/2024/gf-2024-03/';
const LIST = '/catalog/year/2024/';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const axeSrc = fs.readFileSync(requireWeb.resolve('axe-core/axe.min.js'), 'utf8');

// Everything the figures above find wrong on the page as it is now, as readable lines.
function elderProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const visible = el => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && cs.visibility !== 'hidden' && !el.closest('.visually-hidden, [hidden]');
    };
    const name = el => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent || el.value || '').trim().slice(0, 16)}"`;
    // text: every element that holds text of its own
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('svg, script, style, noscript') || !visible(el)) continue;
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const cs = getComputedStyle(el);
      const fs = parseFloat(cs.fontSize);
      const lh = cs.lineHeight === 'normal' ? fs * 1.2 : parseFloat(cs.lineHeight);
      if (fs < 24) out.push(`text ${fs}px < 24px: ${name(el)}`);
      if (lh / fs < 1.3) out.push(`line-height ${(lh / fs).toFixed(2)} < 1.3: ${name(el)}`);
    }
    for (const p of document.querySelectorAll('main p')) {
      if (!visible(p) || !p.textContent.trim()) continue;
      const cs = getComputedStyle(p);
      const gap = parseFloat(cs.lineHeight) - parseFloat(cs.fontSize);
      const margin = Math.min(parseFloat(cs.marginTop), parseFloat(cs.marginBottom));
      if (!(margin >= 1.3 * gap)) out.push(`paragraph spacing ${margin}px < 1.3 × line gap ${gap.toFixed(1)}px: ${name(p)}`);
    }
    // targets
    const block = el => { let b = el.parentElement; while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement; return b; };
    for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary, textarea')) {
      if (el.classList.contains('skip-link') || !visible(el)) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'inline') {
        const b = block(el);
        if (b && b.textContent.replace(el.textContent, '').trim()) continue;  // in a sentence
      }
      const r = el.getBoundingClientRect();
      if (r.width < 44 || r.height < 44) out.push(`target ${Math.round(r.width)}×${Math.round(r.height)} < 44×44: ${name(el)}`);
    }
    for (const el of document.querySelectorAll('*')) {
      const pos = getComputedStyle(el).position;
      if (pos === 'fixed' || pos === 'sticky') out.push(`${pos}: ${name(el)}`);
    }
    return out;
  });
}

async function axeViolations(page) {
  await page.evaluate(axeSrc);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
  });
}

// the mode is on (by the script's class or the no-script :target); what it does is elderProblems' job
const isElder = page => page.evaluate(() => document.documentElement.classList.contains('elder') || !!document.querySelector('#elder:target'));
const summary = list => `${list.length} problems: ${list.slice(0, 8).join('; ')}`;

export default async function ({ test, assert, newPage, server, site }) {
  const shotDir = process.env.SHOT_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-elder-'));
  fs.mkdirSync(shotDir, { recursive: true });
  const shot = (page, name) => page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: false });

  await test('standard mode: axe finds nothing on home, a document and a list; screenshots', async () => {
    const { context, page, problems } = await newPage({ viewport: { width: 1280, height: 800 } });
    for (const [url, label] of [[HOME, 'home'], [DOC, 'doc'], [LIST, 'list']]) {
      await page.goto(server.base + url);
      assert(!(await isElder(page)), `${url} starts in 长者模式`);
      const v = await axeViolations(page);
      assert(v.length === 0, `${url}: axe ${v.join('; ')}`);
      await shot(page, `desktop-standard-${label}`);
    }
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('长者模式 (toggle): the 适老化 figures on home, a document and a list, axe clean, remembered', async () => {
    const { context, page, problems } = await newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.base + HOME);
    const toggle = page.locator('#elder-toggle');
    assert(await toggle.isVisible(), 'toggle not visible with JS on');
    assert(!(await page.locator('.elder-link').first().isVisible()), 'the no-script link shows beside the toggle');
    assert(await toggle.getAttribute('aria-pressed') === 'false', 'toggle should start unpressed');
    await toggle.click();
    assert(await toggle.getAttribute('aria-pressed') === 'true', 'aria-pressed not updated');
    // no flash on the next load: the head script sets the class before the body is parsed
    await page.addInitScript(() => {
      window.__elderAt = null;
      new MutationObserver(() => {
        if (window.__elderAt === null && document.documentElement?.classList.contains('elder')) window.__elderAt = document.body ? 'after <body>' : 'before <body>';
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    });
    await page.reload();
    assert(await isElder(page), 'the choice is lost on reload');
    assert(await page.locator('#elder-toggle').getAttribute('aria-pressed') === 'true', 'toggle unpressed after reload');
    const at = await page.evaluate(() => window.__elderAt);
    assert(at === 'before <body>', `长者模式 applied ${at}: the page would flash`);
    for (const [url, label] of [[HOME, 'home'], [DOC, 'doc'], [LIST, 'list']]) {
      await page.goto(server.base + url);
      assert(await isElder(page), `${url}: not in 长者模式`);
      const found = await elderProblems(page);
      assert(found.length === 0, `${url}: ${summary(found)}`);
      const v = await axeViolations(page);
      assert(v.length === 0, `${url}: axe ${v.join('; ')}`);
      await shot(page, `desktop-elder-${label}`);
    }
    // no pop-up: typing in the header's search box opens no suggestions over the page (in the
    // standard mode it does: the check would see it)
    await page.locator('#header-q').fill('政府');
    await page.waitForTimeout(800);
    assert(await page.locator('.search-panel').count() === 1, 'search.js made no suggestions panel');
    assert(!(await page.locator('.search-panel').isVisible()), 'search suggestions pop up in 长者模式');
    await page.locator('#header-q').fill('');
    await page.locator('#elder-toggle').click();
    assert(!(await isElder(page)), 'second click did not leave 长者模式');
    await page.reload();
    assert(!(await isElder(page)), 'leaving is not remembered');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('a reader who had turned on the earlier 大字模式 (gk-large) opens in 长者模式', async () => {
    const { context, page, problems } = await newPage();
    await page.addInitScript(() => { if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('gk-large', '1'); } });
    await page.goto(server.base + HOME);
    assert(await isElder(page), 'gk-large not carried over');
    const stored = await page.evaluate(() => [localStorage.getItem('gk-elder'), localStorage.getItem('gk-large')]);
    assert(stored[0] === '1' && stored[1] === null, `storage after the carry-over: ${stored}`);
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('长者模式 on every page of the site: the figures hold at desktop and phone width', async () => {
    const found = [];
    for (const opts of [{ viewport: { width: 1280, height: 800 } }, PHONE]) {
      const { context, page, problems } = await newPage(opts);
      await page.addInitScript(() => localStorage.setItem('gk-elder', '1'));
      const pages = listHtml(site).filter(rel => !rel.startsWith('old/'));  // old/: redirects away
      for (const rel of pages) {
        await page.goto(urlFor(server.base, rel));
        for (const p of await elderProblems(page)) found.push(`${opts.viewport.width}px ${rel}: ${p}`);
      }
      assert(problems.length === 0, problems.join('; '));
      await context.close();
    }
    assert(found.length === 0, summary(found));
  });

  await test('长者模式 without JavaScript: the header link turns it on for the page and off again', async () => {
    const { context, page, problems } = await newPage({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    await page.goto(server.base + DOC);
    assert(!(await page.locator('#elder-toggle').isVisible()), 'script toggle visible without JS');
    assert(!(await isElder(page)), 'starts in 长者模式');
    const enter = page.locator('.elder-enter');
    assert(await enter.isVisible(), 'no 长者模式 link without JS');
    await enter.click();
    assert(page.url().endsWith('#elder'), `link went to ${page.url()}`);
    assert(await isElder(page), 'the link did not turn 长者模式 on');
    const found = await elderProblems(page);
    assert(found.length === 0, `no-JS ${DOC}: ${summary(found)}`);
    const leave = page.locator('.elder-leave');
    assert(await leave.isVisible() && !(await enter.isVisible()), 'the leave link does not replace the enter link');
    await leave.click();
    assert(!(await isElder(page)), 'the leave link did not turn 长者模式 off');
    // an address with #elder opens in the mode, as a bookmark or a shared link would
    await page.goto(server.base + LIST + '#elder');
    assert(await isElder(page), '#elder in the address does not open in 长者模式');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('read-aloud is hidden where the browser cannot speak, and without JavaScript', async () => {
    const { context, page, problems } = await newPage();
    await page.addInitScript(() => { delete Window.prototype.speechSynthesis; delete window.speechSynthesis; delete window.SpeechSynthesisUtterance; });
    await page.goto(server.base + DOC);
    assert(await page.evaluate(() => !window.speechSynthesis), 'speechSynthesis still there');
    assert(await page.locator('.read-aloud').count() === 1, 'the page has no read-aloud controls');
    assert(!(await page.locator('.read-aloud').isVisible()), 'read-aloud visible although nothing can speak');
    await context.close();
    const noJs = await newPage({ javaScriptEnabled: false });
    await noJs.page.goto(server.base + DOC);
    assert(!(await noJs.page.locator('.read-aloud').isVisible()), 'read-aloud visible without JS');
    assert(problems.length === 0 && noJs.problems.length === 0, [...problems, ...noJs.problems].join('; '));
    await noJs.context.close();
  });

  await test('read-aloud reads the document in its language, pauses, resumes and stops, by keyboard', async () => {
    const { context, page, problems } = await newPage();
    await page.addInitScript(() => {
      const log = window.__speech = { spoken: [], calls: [] };
      let pending = [];
      window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } };
      const synth = {
        getVoices: () => [{ name: 'en', lang: 'en-US' }, { name: 'zh', lang: 'zh-CN' }],
        speak(u) { log.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }); pending.push(u); },
        pause() { log.calls.push('pause'); }, resume() { log.calls.push('resume'); },
        cancel() { log.calls.push('cancel'); pending = []; },
      };
      window.__finish = () => { const done = pending; pending = []; for (const u of done) u.onend && u.onend(); };
      window.__start = i => { const u = pending[i]; if (u && u.onstart) u.onstart(); };
      window.__fail = error => { const first = pending[0]; if (first && first.onerror) first.onerror({ error }); };
      Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    });
    await page.goto(server.base + DOC);
    const play = page.locator('.read-button');
    const stop = page.locator('.read-stop');
    const status = page.locator('.read-status');
    assert(await play.isVisible(), 'read-aloud button hidden although speech is there');
    assert(!(await stop.isVisible()), 'stop shown before reading');
    await play.focus();
    await page.keyboard.press('Enter');
    const spoken = await page.evaluate(() => window.__speech.spoken);
    const title = (await page.locator('main h1').textContent()).trim();
    assert(spoken.length > 2, `only ${spoken.length} pieces spoken`);
    assert(spoken[0].text === title, `first piece "${spoken[0].text}", expected the title "${title}"`);
    assert(spoken.every(s => s.lang === 'zh-CN' && s.voice === 'zh'), `not in zh-CN with the zh-CN voice: ${JSON.stringify(spoken[0])}`);
    assert(spoken.every(s => s.text.length <= 120), 'a piece longer than 120 characters');
    // the block being read is marked while its piece is spoken
    await page.evaluate(() => window.__start(1));
    assert(await page.evaluate(() => document.querySelectorAll('.reading-now').length === 1
      && document.querySelector('.reading-now').textContent.replace(/\s+/g, ' ').trim().startsWith(window.__speech.spoken[1].text)), 'the second piece\'s block is not marked');
    assert(await play.getAttribute('aria-pressed') === 'true', 'aria-pressed not true while reading');
    assert((await status.textContent()) === '正在朗读', `status "${await status.textContent()}"`);
    assert(await status.getAttribute('role') === 'status', 'status is not a live region');
    await page.keyboard.press('Space');
    assert(await play.getAttribute('aria-pressed') === 'false', 'pause did not unpress');
    assert((await status.textContent()).startsWith('朗读已暂停'), `status "${await status.textContent()}" after pause`);
    await page.keyboard.press('Enter');
    let calls = await page.evaluate(() => window.__speech.calls);
    assert(calls.includes('pause') && calls.includes('resume'), `calls ${calls}`);
    await stop.click();
    calls = await page.evaluate(() => window.__speech.calls);
    assert(calls[calls.length - 1] === 'cancel', 'stop did not cancel');
    assert(!(await stop.isVisible()), 'stop still shown');
    assert(await page.locator('.reading-now').count() === 0, 'a block stays marked after stop');
    assert(await page.evaluate(() => document.activeElement.classList.contains('read-button')), 'focus lost after stop');
    assert((await status.textContent()) === '朗读已停止', `status "${await status.textContent()}" after stop`);
    // a reading that runs to its end says so
    await play.click();
    await page.evaluate(() => window.__finish());
    assert((await status.textContent()) === '朗读结束', `status "${await status.textContent()}" at the end`);
    assert(await play.getAttribute('aria-pressed') === 'false', 'still pressed at the end');
    // a browser that has the API but no voice reports an error: the reader is told, not left waiting
    await play.click();
    await page.evaluate(() => window.__fail('synthesis-failed'));
    assert((await status.textContent()).startsWith('此浏览器暂时无法朗读'), `status "${await status.textContent()}" after a failure`);
    assert(await play.getAttribute('aria-pressed') === 'false' && !(await stop.isVisible()), 'a failed reading still looks active');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  for (const mode of ['standard', 'elder']) {
    await test(`phone (${mode}): menu folded behind a disclosure button, search and a document in the first screen`, async () => {
      const { context, page, problems } = await newPage(PHONE);
      if (mode === 'elder') await page.addInitScript(() => localStorage.setItem('gk-elder', '1'));
      await page.goto(server.base + HOME);
      assert(await isElder(page) === (mode === 'elder'), 'wrong mode');
      const button = page.locator('#menu-toggle');
      const nav = page.locator('#main-nav');
      assert(await button.isVisible(), 'no menu button on a phone');
      assert(!(await nav.isVisible()), 'menu not folded');
      assert(await button.getAttribute('aria-expanded') === 'false', 'aria-expanded not false');
      assert(await button.getAttribute('aria-controls') === 'main-nav', 'aria-controls does not name the nav');
      const box = async sel => page.locator(sel).first().boundingBox();
      const search = await box('#header-q');
      const doc = await box('main .doc-list a');
      assert(search && search.y + search.height <= 844, `search not in the first screen: ${JSON.stringify(search)}`);
      assert(doc && doc.y + doc.height <= 844, `first document link ends at ${doc && doc.y + doc.height}px, below the first 844px`);
      assert(search.y < doc.y, 'search is not above the documents');
      await shot(page, `phone-${mode}-home`);
      await button.focus();
      await page.keyboard.press('Enter');
      assert(await button.getAttribute('aria-expanded') === 'true', 'Enter did not expand');
      assert(await nav.isVisible(), 'menu did not open');
      await shot(page, `phone-${mode}-menu`);
      if (mode === 'elder') {
        const found = await elderProblems(page);
        assert(found.length === 0, `phone: ${summary(found)}`);
        const v = await axeViolations(page);
        assert(v.length === 0, `phone elder: axe ${v.join('; ')}`);
      }
      await page.locator('#main-nav a').first().focus();
      await page.keyboard.press('Escape');
      assert(await button.getAttribute('aria-expanded') === 'false', 'Escape did not close the menu');
      assert(await page.evaluate(() => document.activeElement.id) === 'menu-toggle', 'focus not back on the button');
      await button.click();
      assert(await button.getAttribute('aria-expanded') === 'true', 'click did not expand');
      await button.click();
      assert(!(await nav.isVisible()), 'second click did not fold the menu');
      await page.goto(server.base + DOC);
      await shot(page, `phone-${mode}-doc`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `document page overflows by ${overflow}px`);
      assert(problems.length === 0, problems.join('; '));
      await context.close();
    });
  }

  await test('phone without JavaScript: no dead menu button, the menu is open below the header', async () => {
    const { context, page, problems } = await newPage({ ...PHONE, javaScriptEnabled: false });
    await page.goto(server.base + HOME);
    assert(!(await page.locator('#menu-toggle').isVisible()), 'menu button shown although it cannot work');
    assert(await page.locator('#main-nav a').first().isVisible(), 'menu not reachable without JS');
    const doc = await page.locator('main .doc-list a').first().boundingBox();
    assert(doc && doc.y + doc.height <= 844, `first document link ends at ${doc && doc.y + doc.height}px`);
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });
  console.log(`# screenshots in ${shotDir}`);
}
