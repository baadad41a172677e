// Validity banners stay true between builds. The demo is built as of
// 2025-12-31 (when every demo document is published); the browser's clock is moved past a document's expiry (or its
// first day in force) and the page must say so without a rebuild. Without
// JavaScript the built status shows; a built 失效 never flips back.
export default async function ({ test, assert, newPage, server }) {
  // 清环规〔2022〕2号: valid at the build date, expires 2027-06-30
  const EXPIRING = '/xxgk/2022/gf-2022-01/';
  // 清教规〔2025〕2号: not yet effective at the build date, effective 2027-09-01
  const PENDING = '/xxgk/2025/gf-2025-01/';
  // 清财规〔2019〕3号: declared 失效 (its 有效期 ran out in 2022) before the build date
  const EXPIRED = '/xxgk/2019/gf-2019-01/';

  async function at(time, url, opts = {}) {
    const t = await newPage(opts);
    await t.context.clock.setFixedTime(new Date(time));
    await t.page.goto(server.base + url);
    return t;
  }
  const visibleBanners = page => page.locator('.status-banner:visible');
  const badge = page => page.locator('td[headers="m-validity"] .badge').innerText();

  await test('clock after expires: the 失效 banner shows on a page built before it', async () => {
    const { context, page, problems } = await at('2027-07-15T10:00:00+08:00', EXPIRING);
    const banner = page.locator('.status-banner[data-flip="expired"]');
    assert(await banner.isVisible(), 'expired banner not shown');
    const text = await banner.innerText();
    assert(text.includes('本文件已不再有效') && text.includes('到期失效') && text.includes('2027-07-01'), `banner text: ${text}`);
    assert(await visibleBanners(page).count() === 1, 'more than one banner visible');
    assert(await badge(page) === '到期失效', `badge says ${await badge(page)}`);
    assert(await page.locator('article').getAttribute('data-status') === 'expired', 'data-status not updated');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('clock before or on the expiry day: no banner, still 有效', async () => {
    for (const time of ['2025-06-01T10:00:00+08:00', '2027-06-30T23:30:00+08:00']) {
      const { context, page, problems } = await at(time, EXPIRING);
      assert(await visibleBanners(page).count() === 0, `a banner shows at ${time}`);
      assert(await badge(page) === '有效', `badge at ${time}: ${await badge(page)}`);
      assert(problems.length === 0, problems.join('; '));
      await context.close();
    }
  });

  await test('the day is judged in China time (UTC+8)', async () => {
    // 2027-06-30T17:00Z is already 2027-07-01 in China
    const { context, page } = await at('2027-06-30T17:00:00Z', EXPIRING);
    assert(await page.locator('.status-banner[data-flip="expired"]').isVisible(), 'not flipped at 01:00 China time on the first expired day');
    await context.close();
  });

  await test('尚未生效 until its first day, then the pending banner goes', async () => {
    let { context, page } = await at('2026-01-01T10:00:00+08:00', PENDING);
    const pending = page.locator('.status-banner.status-not-yet-effective');
    assert(await pending.isVisible(), 'pending banner hidden before the effective day');
    assert((await pending.innerText()).includes('2027-09-01'), 'pending banner does not say from when');
    await context.close();
    ({ context, page } = await at('2027-09-02T10:00:00+08:00', PENDING));
    assert(!(await page.locator('.status-banner.status-not-yet-effective').isVisible()), 'pending banner still shown');
    assert(await page.locator('.status-banner[data-flip="effective"]').isVisible(), 'no note that it is now in force');
    assert(await badge(page) === '有效', `badge: ${await badge(page)}`);
    await context.close();
    // past both its first and its last day: 到期失效 wins
    ({ context, page } = await at('2032-09-01T10:00:00+08:00', PENDING));
    assert(await page.locator('.status-banner[data-flip="expired"]').isVisible(), 'expired banner not shown after expiry');
    assert(await visibleBanners(page).count() === 1, 'more than one banner visible');
    await context.close();
  });

  await test('without JavaScript the built status shows', async () => {
    const { context, page } = await at('2030-01-01T10:00:00+08:00', EXPIRING, { javaScriptEnabled: false });
    assert(await visibleBanners(page).count() === 0, 'a prepared banner shows without JS');
    assert(await badge(page) === '有效', 'badge changed without JS');
    await context.close();
  });

  await test('a page built as no longer valid never flips back, whatever the clock', async () => {
    const { context, page } = await at('2020-01-01T10:00:00+08:00', EXPIRED);
    const built = page.locator('.status-banner.status-lapsed');
    assert(await built.isVisible(), 'built banner hidden');
    assert((await built.innerText()).includes('失效'), 'built banner text');
    assert(await badge(page) === '失效', 'badge changed');
    await context.close();
  });

  await test('失效文件清单 filters are plain links that work without JavaScript', async () => {
    const { context, page, problems } = await newPage({ javaScriptEnabled: false });
    await page.goto(server.base + '/');
    await page.locator('nav.main-nav a', { hasText: '失效文件清单' }).click();
    await page.waitForLoadState();
    const all = await page.locator('main .vl-table tbody tr').count();
    assert(all >= 4, `only ${all} rows in the list`);
    await page.locator('.vl-filters a', { hasText: '废止' }).click();
    await page.waitForLoadState();
    assert(page.url().endsWith('/validity/expired/status/repealed/'), page.url());
    const rows = await page.locator('main .vl-table tbody tr').count();
    assert(rows >= 1 && rows < all, `${rows} repealed rows of ${all}`);
    const states = await page.locator('main .vl-table tbody .badge').allInnerTexts();
    assert(states.every(s => s === '废止'), `other states on the 废止 page: ${states}`);
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });
}
