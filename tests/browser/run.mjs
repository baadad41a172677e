// Browser test runner in headless Debian Chromium, driven by playwright-core
// from tests/web (installed by tests/web/install.sh). Every
// `tests/browser/*.test.mjs` file exports `default async function (t)`,
// where `t` gives `test`, `assert`, `newPage`, `server` (the built site
// served on 127.0.0.1) and `site` (its folder).
// Usage: node tests/browser/run.mjs SITE_DIR   (a build of the demo site)
//        node tests/browser/run.mjs SITE_DIR search   (only files matching)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, launch, siteArg } from '../web/lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const site = siteArg(process.argv[2]);
const only = process.argv[3] || '';
const server = await serve(site);
const { browser, close } = await launch();
let passed = 0, failed = 0;

async function test(name, fn) {
  try { await fn(); passed++; console.log(`ok ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

// A fresh context that records script errors, failed requests and HTTP errors.
async function newPage(opts = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...opts });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', e => problems.push(`js error: ${e.message}`));
  page.on('requestfailed', r => problems.push(`failed: ${r.url()}`));
  page.on('response', r => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  return { context, page, problems };
}

const files = fs.readdirSync(here).filter(f => f.endsWith('.test.mjs') && f.includes(only)).sort();
for (const file of files) {
  console.log(`# ${file}`);
  const mod = await import(pathToFileURL(path.join(here, file)).href);
  await mod.default({ test, assert, newPage, server, site, browser });
}

await close();
server.stop();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);
