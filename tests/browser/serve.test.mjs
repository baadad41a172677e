// `gongkai serve` in a real browser: a save that breaks a document shows
// the errors over the open page, and the fix clears them and reloads the
// page with the new text. Runs the release binary on a copy of the demo.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const bin = process.env.GONGKAI_BIN || path.join(repo, 'target/release/gongkai');

// Starts `gongkai serve --port 0` and resolves with its preview URL once
// the first build is done.
function startServe(root) {
  const child = spawn(bin, ['--root', root, '--as-of', '2025-01-01', 'serve', '--port', '0',
    '--output', path.join(root, 'public')], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = readline.createInterface({ input: child.stdout });
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start')), 30000);
    // The address is printed before the first build; the site is there
    // once watching has begun.
    let address = null;
    lines.on('line', line => {
      const m = line.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) address = m[1];
      if (line.includes('正在监视') && address) { clearTimeout(timer); resolve(address); }
    });
    child.on('exit', code => reject(new Error(`serve exited ${code}`)));
  });
  return { child, url };
}

export default async function ({ test, assert, newPage }) {
  await test('serve: broken YAML shows an overlay naming file:line; the fix clears it and reloads', async () => {
    assert(fs.existsSync(bin), `no binary at ${bin} (cargo build --release first)`);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-serve-'));
    fs.cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
    fs.copyFileSync(path.join(repo, 'site.yaml'), path.join(root, 'site.yaml'));
    // the demo's own theme layer (its 党政机关网站标识 image)
    fs.cpSync(path.join(repo, 'themes/qinghe'), path.join(root, 'themes/qinghe'), { recursive: true });
    const { child, url } = startServe(root);
    try {
      const base = await url;
      const { context, page, problems } = await newPage();
      await page.goto(base + 'xxgk/2024/wj-2024-03/');
      const title = page.locator('main h1');
      assert((await title.textContent()).includes('第三批'), 'unexpected page');
      const doc = path.join(root, 'content/xxgk/2024/wj-2024-03.md');
      const good = fs.readFileSync(doc, 'utf8');
      fs.writeFileSync(doc, good.replace('published: 2024-09-13', 'published: 2024-02-30'));
      const overlay = page.locator('#gongkai-overlay');
      await overlay.waitFor({ state: 'visible', timeout: 15000 });
      const text = await overlay.textContent();
      assert(text.includes('content/xxgk/2024/wj-2024-03.md:5'), `overlay lacks file:line: ${text}`);
      assert(text.includes('published'), `overlay lacks the field: ${text}`);
      assert(await overlay.getAttribute('role') === 'alert', 'overlay is not announced');
      assert((await title.textContent()).includes('第三批'), 'the last good page must stay');
      fs.writeFileSync(doc, good.replace('第三批', '第六批'));
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent.includes('第六批'),
        null, { timeout: 15000 });
      assert(await overlay.count() === 0, 'overlay still shown after the fix');
      const live = problems.filter(p => !p.includes('/__gongkai/events'));
      assert(live.length === 0, live.join('; '));
      await context.close();
    } finally {
      child.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
}
