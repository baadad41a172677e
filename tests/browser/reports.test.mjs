// Annual reports (年度报告) on a phone and in print: the national tables stay
// whole (scrolling sideways inside their frame, headers kept) without the page
// itself scrolling sideways, and the print layout fits an A4 page with no
// table wider than the paper. Screenshots go to $OUT when it is set.
import path from 'node:path';

export default async function ({ test, assert, newPage, server }) {
  const url = server.base + '/annual-reports/2024/szf/';
  const shot = (page, name) => process.env.OUT
    ? page.screenshot({ path: path.join(process.env.OUT, name), fullPage: true })
    : null;

  await test('report page on a phone: tables scroll inside their frame, page does not', async () => {
    const { context, page, problems } = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `page overflows by ${overflow}px`);
    const frame = page.locator('.rpt-wrap:has(.rpt-applications)');
    const { scroll, client } = await frame.evaluate(el => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert(scroll > client, `table 三 should scroll in its frame (${scroll} <= ${client})`);
    assert(await frame.getAttribute('tabindex') === '0', 'the scroll frame is not keyboard focusable');
    // the header row and the first row label are on screen
    assert(await page.locator('.rpt-applications thead th', { hasText: '申请人情况' }).isVisible(), 'header hidden');
    assert(await page.locator('.rpt-applications tbody th', { hasText: '一、本年新收政府信息公开申请数量' }).isVisible(), 'row header hidden');
    const cells = await page.locator('.rpt-applications tbody tr').count();
    // 一、二; （一）（二）; 8 + 3 + 5 + 3 numbered rows; （七）; 四 (groups span their rows)
    assert(cells === 25, `table 三 has ${cells} rows, the format has 25`);
    await shot(page, 'report-phone.png');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('report page in print: A4 width, no table wider than the paper, no frame borders', async () => {
    const { context, page, problems } = await newPage({ viewport: { width: 794, height: 1123 } });
    await page.goto(url);
    await page.emulateMedia({ media: 'print' });
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.rpt-table')].map(t => t.getBoundingClientRect().right)));
    const paper = await page.evaluate(() => document.documentElement.clientWidth);
    assert(widest <= paper + 1, `a table reaches ${widest}px on a ${paper}px page`);
    const hidden = await page.locator('.rpt-sources').isVisible();
    assert(!hidden, 'the list of counted documents is printed');
    const overflowX = await page.locator('.rpt-wrap').first().evaluate(el => getComputedStyle(el).overflowX);
    assert(overflowX === 'visible', `print keeps overflow-x: ${overflowX}`);
    await shot(page, 'report-print.png');
    const pdf = await page.pdf({ format: 'A4' });
    assert(pdf.length > 1000, 'no PDF produced');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });

  await test('comparison page: charts are inline SVG, readable without JavaScript', async () => {
    const { context, page, problems } = await newPage({ javaScriptEnabled: false });
    await page.goto(server.base + '/annual-reports/compare/');
    const charts = await page.locator('main svg.chart[role="img"]').count();
    assert(charts >= 3, `only ${charts} charts`);
    assert(await page.locator('main svg.chart title').first().textContent() !== '', 'chart without a title');
    await shot(page, 'report-compare.png');
    assert(problems.length === 0, problems.join('; '));
    await context.close();
  });
}
