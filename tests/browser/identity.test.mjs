// What an inspector checks in the browser: the 网页元数据 in <head>, the
// identity footer on every kind of page, the 找错 entry, the 网站地图, and
// links a crawler can follow once the scripts have run (no <a> without a
// real href: Lighthouse's "links are not crawlable").
export default async function ({ test, assert, newPage, server }) {
  const pages = ['/', '/xxgk/2024/gf-2024-03/', '/catalog/category/', '/xxgk/2024/', '/wzdt/'];
  const meta = (page, name) => page.evaluate(n => document.querySelector(`meta[name="${n}"]`)?.content ?? null, name);

  await test('every kind of page carries the metadata and the identity footer', async () => {
    const { context, page, problems } = await newPage();
    for (const path of pages) {
      await page.goto(server.base + path);
      assert(await meta(page, 'SiteName') === '清河市人民政府信息公开', `${path}: SiteName`);
      assert(await meta(page, 'SiteIDCode') === '3208000001', `${path}: SiteIDCode`);
      const footer = page.locator('footer.site-footer');
      const text = await footer.innerText();
      for (const item of ['网站标识码：3208000001', '主办单位', '苏ICP备12345678号-1', '苏公网安备 32080202000001号', '网站地图', '我为政府网站找错']) {
        assert(text.includes(item), `${path}: footer lacks ${item}`);
      }
      const mark = footer.locator('.conac-mark img');
      assert(await mark.evaluate(img => img.complete && img.naturalWidth > 0), `${path}: 党政机关网站标识 image not shown`);
      const report = await footer.locator('a.error-report-link').getAttribute('href');
      assert(report.includes('url=' + encodeURIComponent(new URL(path, 'https://www.qinghe.gov.cn/').href)), `${path}: 找错 link lacks the page: ${report}`);
      const bare = await page.evaluate(() => [...document.querySelectorAll('a')].filter(a => !a.getAttribute('href') || a.getAttribute('href') === '#' || a.getAttribute('href').startsWith('javascript:')).map(a => a.outerHTML));
      assert(bare.length === 0, `${path}: links a crawler cannot follow: ${bare.join(' ')}`);
    }
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('a document page has the content-level metadata', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(server.base + '/xxgk/2024/gf-2024-03/');
    assert(await meta(page, 'ArticleTitle') === await page.locator('main h1').innerText(), 'ArticleTitle is not the title');
    assert(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(await meta(page, 'PubDate')), 'PubDate not YYYY-MM-DD HH:MM');
    assert(await meta(page, 'Url') === 'https://www.qinghe.gov.cn/xxgk/2024/gf-2024-03/', 'Url not canonical');
    assert((await meta(page, 'ContentSource')).startsWith('清河市'), 'ContentSource not the agency');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('the home page offers 找错 and the 网站地图 reaches every column', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(server.base + '/');
    assert(await page.locator('main .error-report a').isVisible(), 'no visible 找错 entry on the home page');
    const nav = await page.locator('.main-nav a').evaluateAll(as => as.map(a => a.getAttribute('href')));
    await page.locator('footer a', { hasText: '网站地图' }).first().click();
    await page.waitForLoadState();
    assert(await page.locator('main h1').innerText() === '网站地图', 'the 网站地图 link leads elsewhere');
    const listed = await page.locator('main a').evaluateAll(as => as.map(a => a.getAttribute('href')));
    for (const href of nav) assert(listed.includes(href), `网站地图 lacks the column ${href}`);
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });
}
