#!/usr/bin/env bash
# Installs the web QA toolchain of tests/web: Debian's Chromium, CJK fonts and a Java runtime
# (for the HTML validator) with apt, then the pinned npm packages of package-lock.json with
# `npm ci` into tests/web/node_modules. Idempotent and quiet: a second run checks and returns.
# Works on a fresh machine as root (as CI runs); needs Node.js >= 20.19 with npm (on the machine).
# Playwright's own browser download is never used: playwright-core drives /usr/bin/chromium.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
log() { echo "[web-qa install] $*"; }

# ---------- apt: chromium, fonts (Chinese renders as empty boxes without them), java ----------
apt_pkgs=(chromium fonts-noto-cjk)
command -v java >/dev/null 2>&1 || apt_pkgs+=(default-jre-headless)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt: installing ${missing[*]}"
  # another process may hold the apt lock (a helper, unattended upgrades): wait for it
  # quiet, but on failure the whole apt output is shown
  apt_log="$(mktemp)"
  if ! { apt-get -o DPkg::Lock::Timeout=900 update -qq &&
         DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
           --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2; rm -f "$apt_log"; log "apt failed"; exit 2
  fi
  rm -f "$apt_log"
  fc-cache -f >/dev/null 2>&1 || true
fi

# ---------- npm: exactly what package-lock.json pins ----------
command -v npm >/dev/null 2>&1 || { log "npm not found: Node.js >= 20.19 with npm is needed"; exit 2; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' ||
  { log "Node.js $(node --version) is too old: >= 20.19 is needed (package.json engines)"; exit 2; }
stamp="$here/node_modules/.gongkai-lock.sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "npm ci (package-lock.json)"
  # --ignore-scripts: no package may run an install script (none of ours needs one; no downloads)
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund \
     --loglevel=error >/dev/null)
  echo "$want" >"$stamp"
fi

# ---------- every tool answers ----------
chromium_v="$(/usr/bin/chromium --version 2>/dev/null)" || { log "chromium does not start"; exit 2; }
java -version >/dev/null 2>&1 || { log "java does not start"; exit 2; }
[ -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ] || { log "vnu.jar missing after npm ci"; exit 2; }
fc-match 'sans-serif:lang=zh-cn' 2>/dev/null | grep -qi 'cjk' || log "warning: no CJK font found by fc-match"
log "ready: $chromium_v, $(java -version 2>&1 | head -1), node $(node --version)"
