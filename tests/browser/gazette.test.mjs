// The gazette room on the demo site: home → year → issue → document and back,
// previous/next through the issues, and the print edition's print layout
// (each document on a new page, running header with the gazette and issue).
export default async function ({ test, assert, newPage, server }) {
  await test('gazette: home → year → issue → document → back to the issue', async () => {
    const { context, page, problems } = await newPage({ javaScriptEnabled: false });
    await page.goto(server.base + '/');
    await page.locator('.main-nav a', { hasText: '政府公报' }).click();
    await page.waitForLoadState();
    assert(new URL(page.url()).pathname === '/gazette/', `nav led to ${page.url()}`);
    assert(await page.locator('.gz-latest .gz-flag').innerText() === '最新一期', 'latest issue not highlighted');
    await page.locator('.gz-year h3 a', { hasText: '2024年' }).click();
    await page.waitForLoadState();
    const rows = await page.locator('table.gz-issues tbody tr').count();
    assert(rows === 3, `2024 lists ${rows} issues, expected 3`);
    await page.locator('table.gz-issues a', { hasText: '第4期' }).first().click();
    await page.waitForLoadState();
    assert((await page.locator('main h1').innerText()).includes('2024年第4期（总第220期）'), 'issue heading');
    const sections = await page.locator('.gz-section').allInnerTexts();
    assert(sections.join('|') === '市政府规章|市政府文件', `sections ${sections}`);
    await page.locator('.gz-toc a').first().click();
    await page.waitForLoadState();
    const back = page.locator('.gazette-line a');
    assert((await back.innerText()).includes('《清河市人民政府公报》2024年第4期'), 'document does not name its issue');
    await back.click();
    await page.waitForLoadState();
    assert(new URL(page.url()).pathname === '/gazette/2024/04/', `back link led to ${page.url()}`);
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('gazette: previous / next walk every issue in order', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(server.base + '/gazette/2023/05/');
    const seen = ['/gazette/2023/05/'];
    while (await page.locator('a[rel="next"]').count()) {
      await page.locator('a[rel="next"]').click();
      await page.waitForLoadState();
      seen.push(new URL(page.url()).pathname);
    }
    assert(seen.join(' ') === '/gazette/2023/05/ /gazette/2023/09/ /gazette/2024/04/ /gazette/2024/07/ /gazette/2024/09/', seen.join(' '));
    assert(await page.locator('a[rel="prev"]').count() === 1, 'latest issue has no previous link');
    // the latest issue carries the whole-issue PDF with size and hash
    const pdf = page.locator('.gz-download a[download]');
    const res = await page.request.get(new URL(await pdf.getAttribute('href'), page.url()).href);
    assert(res.ok() && (await res.body()).subarray(0, 5).toString() === '%PDF-', 'PDF not served');
    assert(/[0-9a-f]{64}/.test(await page.locator('.gz-download .sha code').innerText()), 'no sha256');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('gazette: print edition starts each document on a new page under a running header', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(server.base + '/gazette/2024/07/print/');
    await page.emulateMedia({ media: 'print' });
    const docs = page.locator('article.gz-print-doc');
    assert(await docs.count() === 2, 'print edition should hold both documents');
    const breaks = await docs.evaluateAll(els => els.map(e => getComputedStyle(e).breakBefore));
    assert(breaks.every(b => b === 'page'), `break-before: ${breaks}`);
    assert(!(await page.locator('.site-header').isVisible()), 'site chrome printed');
    const header = await page.evaluate(() => [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; } catch { return []; } })
      .map(r => r.cssText).find(t => t.includes('@top-center') && t.includes('公报')) || '');
    assert(header.includes('《清河市人民政府公报》2024年第7期（总第223期）'), `running header: ${header}`);
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert(pages >= 3, `cover + 2 documents on their own pages, got ${pages} pages`);
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });
}
