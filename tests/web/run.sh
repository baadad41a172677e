#!/usr/bin/env bash
# tests/web/run.sh SITE — the web QA of a built site, as users and careful web engineers judge it:
#   html   every page valid (Nu Html Checker)              html_check.mjs
#   links  no broken link or #anchor (offline)             links_check.mjs
#   a11y   WCAG 2.1 A+AA with axe-core in Chromium         a11y_check.mjs
#   shot   phone (390x844) and desktop screenshots: no sideways scrolling, no JS error  shot.mjs
#   lighthouse  performance, accessibility, best practices, SEO >= 95 on home, a document, a list  lighthouse_check.mjs
#   browser  tests/browser/*.test.mjs (search, themes, gazette, validity, serve)
# Needs tests/web/install.sh to have run. Every check runs even when one before it failed;
# each prints its final line, prefixed by its exit code and followed by its time; the log of
# a failing check is shown. Exit: 0 when every check is clean, 1 otherwise.
# Env: OUT=dir keeps logs and screenshots (default: a new temporary folder);
#      SHOTS="path ..." pages to screenshot (site-relative, "" or / is the home page; default /);
#      N_HTML, N_A11Y: check an evenly spaced sample of that many pages (default: all);
#      BROWSER_ONLY=name runs only the browser test files whose name holds it;
#      GONGKAI_BIN: the binary serve.test.mjs starts (default target/release/gongkai).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
[ -d "${1:-}" ] || { echo "usage: $0 SITE_DIR" >&2; exit 2; }
site="$(cd "$1" && pwd)"
[ -d "$here/node_modules/playwright-core" ] || { echo "tests/web/node_modules missing: run tests/web/install.sh" >&2; exit 2; }
out="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/gongkai-web-qa.XXXXXX")}"
mkdir -p "$out"
passed=0 failed=0

check() {   # check NAME COMMAND...: runs it with its log in $out/NAME.log
  local name=$1; shift
  local t0; t0=$(date +%s%N)
  "$@" >"$out/$name.log" 2>&1
  local rc=$? ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  printf '[%d] %s  [%s %d.%01ds]\n' "$rc" "$(tail -n 1 "$out/$name.log")" "$name" $((ms / 1000)) $((ms % 1000 / 100))
  if [ "$rc" -eq 0 ]; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    echo "---- $name failed (exit $rc); its log, $out/$name.log:"
    head -n -1 "$out/$name.log" | tail -n 60
    echo "----"
  fi
}

check html node "$here/html_check.mjs" "$site" ${N_HTML:-}
check links node "$here/links_check.mjs" "$site"
check a11y node "$here/a11y_check.mjs" "$site" ${N_A11Y:-}
i=0
for p in ${SHOTS:-/}; do
  i=$((i + 1))
  check "shot$i" node "$here/shot.mjs" "$site" "${p#/}" "$out/shot$i.png"
done
check lighthouse node "$here/lighthouse_check.mjs" "$site"
check browser node "$repo/tests/browser/run.mjs" "$site" "${BROWSER_ONLY:-}"
# the browser tests' own lines (each test's ok/FAIL) are worth seeing even when all pass
grep -E '^(# |ok |FAIL )' "$out/browser.log" | sed 's/^/    /'
echo "logs and screenshots in $out"
echo "web-qa: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
