#!/usr/bin/env node
// html_check.mjs SITE [N] — validates the HTML of a built site with the Nu Html Checker
// (vnu.jar from the vnu-jar package, the W3C validator; runs on Java >= 11).
// Checks every .html file, or an evenly spaced sample of N (index.html always included). vnu
// reads the files themselves (the bytes a server would send), in one JVM.
// Env: CSS=1 also validates CSS; MAX_LIST=40 message lines printed; JSON=path keeps vnu's report.
// Output: "ERROR|WARN page:line:col message" lines, counts by message, and the final line
//   html: E errors, W warnings in P pages (B pages with errors, Ts)
// Exit: 0 no errors, 1 errors, 2 usage or tool failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteArg, listHtml, requireWeb, die } from './lib.mjs';

const site = siteArg(process.argv[2]);
const pages = listHtml(site, Number(process.argv[3] || 0));
if (!pages.length) die(`no .html files under ${site}`);
let jar;
try { jar = requireWeb.resolve('vnu-jar/build/dist/vnu.jar'); }
catch { die('vnu-jar missing: run tests/web/install.sh'); }
const maxList = Number(process.env.MAX_LIST || 40);
const t0 = Date.now();

const args = ['-Xss8m', '-Xmx1g', '-jar', jar, '--format', 'json', '--exit-zero-always', '--stdout'];
if (process.env.CSS === '1') args.push('--also-check-css');
// paths relative to the site keep the command line short, so one JVM takes them all
const run = spawnSync('java', [...args, ...pages], { cwd: site, encoding: 'utf8', maxBuffer: 1 << 30 });
if (run.error) die(`java did not run: ${run.error.message}`);
let report;
try { report = JSON.parse(run.stdout); }
catch { die(`vnu gave no JSON report (exit ${run.status}): ${(run.stderr || run.stdout).slice(0, 500)}`); }
if (process.env.JSON) fs.writeFileSync(process.env.JSON, run.stdout);

const msgs = report.messages || [];
const errors = msgs.filter(m => m.type === 'error' || m.type === 'non-document-error');
const warnings = msgs.filter(m => m.type === 'info' && m.subType === 'warning');
const where = m => {
  let file = m.url || '?';
  if (file.startsWith('file:')) file = path.relative(site, fileURLToPath(file));
  return `${file}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
};
let shown = 0;
for (const [kind, list] of [['ERROR', errors], ['WARN', warnings]]) {
  for (const m of list) {
    if (shown >= maxList) break;
    console.log(`${kind} ${where(m)} ${String(m.message || '').trim()}`);
    shown++;
  }
}
if (errors.length + warnings.length > shown) console.log(`... ${errors.length + warnings.length - shown} more (raise MAX_LIST or use JSON=path)`);
// counted by message, with quoted values that vary (ids, addresses) folded into “…”
const norm = s => String(s || '').trim().replace(/“([^”]*)”/g, (q, v) => (/^[\w:-]{1,20}$/.test(v) ? q : '“…”'));
for (const [kind, list] of [['errors', errors], ['warnings', warnings]]) {
  if (!list.length) continue;
  const counts = new Map();
  for (const m of list) counts.set(norm(m.message), (counts.get(norm(m.message)) || 0) + 1);
  console.log(`-- ${kind} by message (count  message):`);
  for (const [msg, c] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${String(c).padStart(6)}  ${msg.slice(0, 160)}`);
}
const badPages = new Set(errors.map(m => where(m).split(':')[0])).size;
const secs = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`html: ${errors.length} errors, ${warnings.length} warnings in ${pages.length} pages (${badPages} pages with errors, ${secs}s)`);
process.exitCode = errors.length ? 1 : 0;
