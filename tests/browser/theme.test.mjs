// The default theme's script and its no-JavaScript fallbacks: print button,
// browsing with JavaScript off, phone width (长者模式, read-aloud and the phone
// menu: elder.test.mjs).
export default async function ({ test, assert, newPage, server }) {
  await test('print button is offered on document pages and calls print', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(server.base + '/xxgk/2024/gf-2024-03/');
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
    const button = page.locator('.print-button');
    assert(await button.isVisible(), 'print button hidden');
    await button.click();
    assert(await page.evaluate(() => window.__printed) === 1, 'print() not called');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('without JavaScript the catalog is browsable and no dead controls show', async () => {
    const { context, page, problems } = await newPage({ javaScriptEnabled: false });
    await page.goto(server.base + '/');
    assert(!(await page.locator('#elder-toggle').isVisible()), 'toggle visible although it cannot work');
    await page.goto(server.base + '/catalog/');
    const firstCategory = page.locator('main a[href*="/catalog/category/"]').first();
    await firstCategory.click();
    await page.waitForLoadState();
    const items = await page.locator('main .doc-list li').count();
    assert(items > 0, 'category page lists no documents');
    await page.locator('main .doc-list li a').first().click();
    await page.waitForLoadState();
    assert(await page.locator('main h1').count() === 1, 'document page has no h1');
    assert(!(await page.locator('.print-button').isVisible()), 'print button visible without JS');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('phone width: no horizontal overflow on a document with a wide table', async () => {
    const { context, page, problems } = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(server.base + '/xxgk/2024/nb-2023/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `page overflows by ${overflow}px`);
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });
}
