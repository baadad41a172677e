// Search on the demo site: the browser tokenizer against the shared vectors,
// typing queries, filters, sorting, 文号 typed loosely, traditional
// characters, annual reports, the empty state, the header box, keyboard
// use, the page without JavaScript, and the packed index read by Range
// (206) and from a server that ignores Range (200, whole packs). Every test
// also fails on any failed request.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../web/lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(fs.readFileSync(path.join(here, '../search_vectors.json'), 'utf8'));

export default async function ({ test, assert, newPage, server, site }) {
  async function searchPage(query = '', params = '', base = server.base) {
    const t = await newPage();
    // status of each search pack response: 206 ranged, 200 whole
    t.packs = [];
    t.page.on('response', r => { if (/\/search\/[sdf]\/\d+\.bin$/.test(r.url())) t.packs.push(r.status()); });
    await t.page.goto(`${base}/search/${params}`);
    await t.page.waitForFunction(() => window.gkSearch && window.gkSearch.engine && window.gkSearch.engine.meta);
    if (query) await typeQuery(t.page, query);
    return t;
  }
  async function typeQuery(page, query) {
    const box = page.locator('#q');
    await box.fill('');
    await box.type(query, { delay: 20 });
    await settle(page);
  }
  async function settle(page) {
    await page.waitForTimeout(150);
    await page.waitForLoadState('networkidle');
  }
  const results = page => page.$$eval('#search-results > li', lis => lis.map(li => ({
    title: li.querySelector('.doc-title').textContent,
    href: li.querySelector('.doc-title').getAttribute('href'),
    number: (li.querySelector('.doc-number') || {}).textContent || '',
    agency: li.querySelector('.doc-agency').textContent,
    date: li.querySelector('.doc-date').textContent,
    status: li.querySelector('.badge').className,
    marks: li.querySelectorAll('.doc-title mark, .snippet mark').length,
  })));
  const statusText = page => page.locator('#search-status').textContent();
  const done = async t => { assert(t.problems.length === 0, t.problems.join('; ')); await t.context.close(); };

  await test('browser tokenizer matches the shared vectors', async () => {
    const t = await searchPage();
    const out = await t.page.evaluate(v => ({
      doc: v.doc.map(c => window.gkSearch.docTokens(c.text)),
      grams: v.doc.map(c => window.gkSearch.grams(c.text)),
      query: v.query.map(c => window.gkSearch.parseQuery(c.text)),
    }), vectors);
    vectors.doc.forEach((c, i) => assert(JSON.stringify(out.doc[i]) === JSON.stringify(c.tokens), `doc ${c.text}: ${JSON.stringify(out.doc[i])}`));
    vectors.doc.forEach((c, i) => assert(JSON.stringify(out.grams[i]) === JSON.stringify(c.grams), `grams ${c.text}: ${JSON.stringify(out.grams[i])}`));
    vectors.query.forEach((c, i) => assert(JSON.stringify(out.query[i]) === JSON.stringify(c.terms), `query ${c.text}: ${JSON.stringify(out.query[i])}`));
    await done(t);
  });

  await test('typing a phrase lists matching documents, highlighted, and announces the count', async () => {
    const t = await searchPage('政务公开');
    const r = await results(t.page);
    assert(r.length >= 2, `only ${r.length} results`);
    assert(r.every(x => x.marks > 0), 'a result has no highlighted match');
    assert(r.some(x => x.title.includes('政务公开工作要点')), 'the 2019 work plan is missing');
    assert(/找到 \d+ 个结果/.test(await statusText(t.page)), 'status region does not announce the count');
    assert(await t.page.locator('#search-status').getAttribute('aria-live') === 'polite', 'status is not a live region');
    for (const x of r) {
      const resp = await t.page.request.get(server.base + x.href);
      assert(resp.status() === 200, `${x.href} → ${resp.status()}`);
    }
    await done(t);
  });

  await test('the packed index is read by Range: every pack response is 206', async () => {
    const t = await searchPage('政务公开');
    const r = await results(t.page);
    assert(r.length >= 2, `only ${r.length} results`);
    assert(t.packs.length > 0 && t.packs.every(s => s === 206), `pack responses: ${t.packs}`);
    await done(t);
  });

  await test('a server that ignores Range (200, whole file) still finds the same results', async () => {
    const ranged = await searchPage('政务公开');
    const want = await results(ranged.page);
    await done(ranged);
    const plain = await serve(site, { ranges: false });
    try {
      const t = await searchPage('政务公开', '', plain.base);
      const got = await results(t.page);
      assert(got.length >= 2 && JSON.stringify(got) === JSON.stringify(want), `${got.length} results, ${want.length} by Range`);
      assert(t.packs.length > 0 && t.packs.every(s => s === 200), `pack responses: ${t.packs}`);
      // one whole download per pack, however many of its items are read
      const urls = await t.page.evaluate(() => performance.getEntriesByType('resource').map(e => e.name).filter(u => /\/search\/[sdf]\/\d+\.bin$/.test(u)));
      assert(urls.length === new Set(urls).size, `a pack was fetched twice: ${urls.join(' ')}`);
      await done(t);
    } finally { plain.stop(); }
  });

  await test('文号 typed loosely finds the document first', async () => {
    const t = await searchPage();
    for (const q of ['清政发[2024]10号', '清政发〔2024〕10号', '清政发2024 10', '清政發（2024）10號']) {
      await typeQuery(t.page, q);
      const r = await results(t.page);
      assert(r.length > 0 && r[0].number === '清政发〔2024〕10号', `${q}: first result ${r[0] && r[0].number}`);
    }
    await done(t);
  });

  await test('traditional characters find the simplified text', async () => {
    const t = await searchPage('政務公開');
    const trad = await results(t.page);
    await typeQuery(t.page, '政务公开');
    const simp = await results(t.page);
    assert(trad.length > 0 && trad.length === simp.length, `${trad.length} vs ${simp.length}`);
    await done(t);
  });

  await test('exact phrase matches rank above scattered ones on every page, not only the first', async () => {
    // On the demo site 区人民政府 has 14 candidates; one only holds the
    // pieces (区人民 … 人民政府). Ranked by the index alone it is newer than
    // four phrase matches, so a per-page check put it on page 1, above them.
    const t = await searchPage('区人民政府');
    for (let i = 0; i < 10 && await t.page.locator('#search-more').isVisible(); i++) {
      await t.page.click('#search-more');
      await settle(t.page);
    }
    const flags = await t.page.$$eval('#search-results > li', lis => lis.map(li => !!li.querySelector('.search-scattered')));
    const shape = flags.map(f => f ? 'S' : 'E').join('');
    assert(flags.length > 10, `only ${flags.length} results: the case needs a second page`);
    assert(flags.includes(true), `no scattered match left to rank (${shape})`);
    assert(flags.slice(flags.indexOf(true)).every(f => f), `a scattered match ranks above a phrase match: ${shape}`);
    await done(t);
  });

  await test('filters narrow the results and sorting by date orders them', async () => {
    const t = await searchPage('清河市');
    const all = await results(t.page);
    const total = Number((await statusText(t.page)).match(/\d+/)[0]);
    assert(total > 10, `only ${total} results for 清河市`);
    await t.page.selectOption('#f-agency', '清河市财政局');
    await settle(t.page);
    let r = await results(t.page);
    assert(r.length > 0 && r.every(x => x.agency === '清河市财政局'), 'agency filter');
    await t.page.selectOption('#f-agency', '');
    await t.page.selectOption('#f-status', 'repealed');
    await settle(t.page);
    r = await results(t.page);
    assert(r.length > 0 && r.every(x => x.status.includes('status-repealed')), 'validity filter');
    await t.page.selectOption('#f-status', '');
    await t.page.selectOption('#f-year', '2023');
    await settle(t.page);
    r = await results(t.page);
    assert(r.length > 0 && r.every(x => x.date.startsWith('2023')), 'year filter');
    await t.page.selectOption('#f-year', '');
    await t.page.fill('#f-from', '2024-01-01');
    await t.page.fill('#f-to', '2024-06-30');
    await settle(t.page);
    r = await results(t.page);
    assert(r.length > 0 && r.every(x => x.date >= '2024-01-01' && x.date <= '2024-06-30'), 'date range filter');
    await t.page.fill('#f-from', '');
    await t.page.fill('#f-to', '');
    await t.page.check('#f-gazette');
    await settle(t.page);
    const gazette = Number((await statusText(t.page)).match(/\d+/)[0]);
    assert(gazette > 0 && gazette < total, `gazette only: ${gazette} of ${total}`);
    await t.page.uncheck('#f-gazette');
    await t.page.selectOption('#f-sort', 'date');
    await settle(t.page);
    r = await results(t.page);
    const dates = r.map(x => x.date);
    assert(dates.join() === [...dates].sort().reverse().join(), `not newest first: ${dates}`);
    assert(all.length > 0, 'no results before filtering');
    assert(t.page.url().includes('sort=date'), 'the URL does not keep the choices');
    await done(t);
  });

  await test('an annual report is found by its prose and its title, as 年度报告, and opens its page', async () => {
    // The phrase stands only in the 教育局's reports (content/reports/*/jyj.md).
    const t = await searchPage('学校信息公开季度检查制度');
    const r = await results(t.page);
    assert(r.length >= 1, `no report found: ${await statusText(t.page)}`);
    assert(r.every(x => x.href.includes('/annual-reports/') && x.agency === '清河市教育局'), JSON.stringify(r));
    assert(r.every(x => x.marks > 0), 'a report result has no highlighted match');
    await t.page.selectOption('#f-class', '年度报告');
    await settle(t.page);
    assert((await results(t.page)).length === r.length, 'the 年度报告 filter drops a report');
    await t.page.selectOption('#f-class', '规范性文件');
    await settle(t.page);
    assert((await results(t.page)).length === 0, 'a report is not a 规范性文件');
    await t.page.selectOption('#f-class', '');
    await settle(t.page);
    await typeQuery(t.page, r[0].title);
    const byTitle = await results(t.page);
    assert(byTitle[0] && byTitle[0].href === r[0].href, `title query: ${JSON.stringify(byTitle[0])}`);
    await Promise.all([t.page.waitForLoadState('load'), t.page.click('#search-results > li:first-child .doc-title')]);
    assert(new URL(t.page.url()).pathname === new URL(r[0].href, t.page.url()).pathname, t.page.url());
    const h1 = await t.page.locator('h1').first().textContent();
    assert(h1.includes(r[0].title), `report page heading: ${h1}`);
    await done(t);
  });

  await test('nothing found says so and suggests removing filters', async () => {
    const t = await searchPage('宇宙飞船停车场');
    assert((await results(t.page)).length === 0, 'results for nonsense');
    assert((await statusText(t.page)).includes('删除筛选条件'), 'no hint to remove filters');
    await done(t);
  });

  await test('a link with ?q= and filters opens with them applied', async () => {
    const t = await searchPage('', '?q=' + encodeURIComponent('政务公开') + '&year=2019');
    await settle(t.page);
    const r = await results(t.page);
    assert(await t.page.inputValue('#q') === '政务公开', 'query not filled in');
    assert(r.length > 0 && r.every(x => x.date.startsWith('2019')), 'year from the URL not applied');
    await done(t);
  });

  await test('header box: live results, keyboard only, Escape closes, Enter opens the search page', async () => {
    const t = await newPage();
    await t.page.goto(server.base + '/');
    await t.page.keyboard.press('Tab'); // skip link
    let focused = '';
    for (let i = 0; i < 6 && focused !== 'header-q'; i++) {
      await t.page.keyboard.press('Tab');
      focused = await t.page.evaluate(() => document.activeElement.id);
    }
    assert(focused === 'header-q', 'the header search box is not reachable with Tab');
    await t.page.keyboard.type('行政复议', { delay: 20 });
    await settle(t.page);
    assert(await t.page.locator('.search-panel').isVisible(), 'no results panel');
    const n = await t.page.locator('.search-panel .search-results li').count();
    assert(n > 0, 'panel lists no results');
    assert(/找到/.test(await t.page.locator('#header-q-status').textContent()), 'count not announced');
    await t.page.keyboard.press('Tab');
    assert(await t.page.evaluate(() => document.activeElement.closest('.search-panel') !== null || document.activeElement.type === 'submit'), 'Tab does not move towards the results');
    await t.page.keyboard.press('Escape');
    assert(!(await t.page.locator('.search-panel').isVisible()), 'Escape does not close the panel');
    await t.page.focus('#header-q');
    await t.page.keyboard.press('Enter');
    await t.page.waitForURL(/\/search\/\?q=/);
    await t.page.waitForSelector('#search-results > li');
    await done(t);
  });

  await test('without JavaScript: the header form leads to a page that explains and links the catalog', async () => {
    const t = await newPage({ javaScriptEnabled: false });
    await t.page.goto(server.base + '/');
    await t.page.fill('#header-q', '政务公开');
    await t.page.press('#header-q', 'Enter');
    await t.page.waitForURL(/\/search\/\?q=/);
    const note = t.page.locator('.search-nojs');
    assert(await note.isVisible(), 'no explanation without JavaScript');
    assert(await note.locator('a[href$="/catalog/"]').count() === 1, 'no link to the catalog');
    assert(!(await t.page.locator('#search-filters').isVisible()), 'dead filters shown without JavaScript');
    await done(t);
  });
}
