#!/usr/bin/env bash
# gongkai against Hugo (and Zola when installed) on the same generated corpus.
#
#   benches/compare.sh [N ...]          default sizes: 1000 10000 (add 100000 on request)
#
# For each size N: generates (and caches) the corpus with the project's generator
# (benches/corpus.sh → examples/gen_corpus) in the gongkai format and with --format hugo
# (and --format zola when a `zola` binary is on PATH), then RUNS times, interleaved so machine load hits every tool alike:
#   gongkai fresh build (output removed first) -> gongkai no-change rebuild over that
#   output (nothing edited; files rewritten counted by inode + mtime + size) -> Hugo fresh
#   build (benches/hugo layout) -> Zola fresh build (benches/zola layout).
# Prints the median wall time, CPU time (user + sys) and peak RSS (/usr/bin/time), the
# file counts, hugo_wall / gongkai_wall, a markdown row for BENCHMARKS.md's history
# table, and PASS/FAIL for the issue-20 targets (files per document and the Hugo ratio at
# 10k, peak RSS and the no-change rebuild at 100k; "not run" for a size the run left out)
# and the older issue-7 ones. Exits 0 whatever the targets say; exits
# 1 if a build fails or a tool leaves out a document page.
#
# Env: RUNS (5)  BIN or GONGKAI_BIN (default: target/release/gongkai, built first)
#      BENCH_DIR (/tmp/gongkai-bench: corpus cache)  OUT_ROOT (/dev/shm/gongkai-compare:
#      outputs of every tool, one filesystem)  HUGO (hugo; HUGO= skips)  ZOLA (zola;
#      ZOLA= skips)  DATE (history row date; default today)  KEEP=1 keeps the outputs.
# Long runs: `nice -n 10 benches/compare.sh ...` on a shared machine.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
repo=$PWD
RUNS=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: benches/compare.sh [N ...]  (N: a document count)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

BIN=${BIN:-${GONGKAI_BIN:-$repo/target/release/gongkai}}
[ "$BIN" != "$repo/target/release/gongkai" ] || cargo build --release --quiet
HUGO=${HUGO-hugo}
ZOLA=${ZOLA-zola}
[ -z "$HUGO" ] || command -v "$HUGO" >/dev/null || { echo "note: no '$HUGO' on PATH (apt-get install hugo): Hugo skipped" >&2; HUGO=; }
[ -z "$ZOLA" ] || command -v "$ZOLA" >/dev/null || { echo "note: no '$ZOLA' on PATH (no Debian package; see getzola.org): Zola skipped" >&2; ZOLA=; }
AS_OF=2024-06-30
DATE=${DATE:-$(date +%F)}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ "$commit" = unknown ] || git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock || commit="$commit+dirty"
work=${BENCH_DIR:-/tmp/gongkai-bench}
default_out=/dev/shm/gongkai-compare
[ -d /dev/shm ] && [ -w /dev/shm ] || default_out=$work/out
out_root=${OUT_ROOT:-$default_out}
mkdir -p "$work" "$out_root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The corpus cache is keyed by the generator's sources (benches/corpus.sh): a changed
# generator regenerates.
corpus() { # format N -> prints the site folder (content in <site>/content/docs)
  local dir=$work/$1-$2
  benches/corpus.sh "$1" "$2" "$dir" >&2
  echo "$dir"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { cut -d' ' -f"$2" "$1" | median; } # file column -> median
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }

# timed LABEL LOG CMD... -> appends "wall cpu rss_mb" to $tmp/LABEL; a failed build stops here.
timed() {
  local label=$1 log=$2
  shift 2
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$log" 2>&1; then
    echo "error: $label build failed: $*" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  tail -n 1 "$tmp/time" | awk '{printf "%s %.2f %d\n", $1, $2 + $3, $4 / 1024}' >>"$tmp/$label"
}
# Every regular file with inode, mtime (ns) and size: a file counts as rewritten when any
# of them differs or it is new (an atomic swap of the whole tree rewrites every file).
snapshot() { find "$1" -type f -printf '%P\t%i %T@ %s\n' | LC_ALL=C sort >"$2"; }
rewritten() { # before after -> "rewritten total deleted"
  awk -F'\t' 'NR == FNR {a[$1] = $2; next}
    {n++; if (!($1 in a) || a[$1] != $2) w++; seen[$1] = 1}
    END {for (k in a) if (!(k in seen)) d++; print w + 0, n + 0, d + 0}' "$1" "$2"
}
nfiles() { find "$1" -type f | wc -l; }
doc_pages() { find "$1/docs" -mindepth 2 -maxdepth 2 -name index.html | wc -l; }
# List pages, page 2.. included; Hugo's page/1/ alias redirects left out.
list_pages() { find "$1" -mindepth 2 -name index.html -not -path '*/page/1/index.html' 2>/dev/null | wc -l; }

gk_version=$("$BIN" --version 2>/dev/null || echo gongkai)
hugo_version=; [ -z "$HUGO" ] || hugo_version=$("$HUGO" version | grep -o 'v[0-9][0-9.]*' | head -n 1)
zola_version=; [ -z "$ZOLA" ] || zola_version=$("$ZOLA" --version | head -n 1)
fs=$(stat -f -c %T "$out_root")
echo "gongkai vs ${HUGO:+Hugo $hugo_version}${ZOLA:+, $zola_version}: median of $RUNS runs, interleaved;" \
  "output under $out_root ($fs); $gk_version at $commit; as-of $AS_OF"

declare -A R # results for the targets: R[n.key]
rows=()
for n in "${sizes[@]}"; do
  load0=$(load)
  gk_site=$(corpus gongkai "$n") # with the generator's site.yaml, gazette issues and attachments
  if [ -n "$HUGO" ]; then
    hugo_site=$(corpus hugo "$n")
    rm -rf "$hugo_site/layouts" "$hugo_site/hugo.toml" "$hugo_site/resources" "$hugo_site/.hugo_build.lock"
    cp -r benches/hugo/. "$hugo_site/"
  fi
  if [ -n "$ZOLA" ]; then
    zola_site=$(corpus zola "$n")
    rm -rf "$zola_site/templates" "$zola_site/config.toml"
    cp -r benches/zola/. "$zola_site/"
  fi
  gk_out=$out_root/gongkai-$n hugo_out=$out_root/hugo-$n zola_out=$out_root/zola-$n
  rm -f "$tmp"/gk "$tmp"/gk_re "$tmp"/rw "$tmp"/hugo "$tmp"/zola
  for _ in $(seq "$RUNS"); do
    rm -rf "$gk_out"
    timed gk "$tmp/gk.log" "$BIN" --root "$gk_site" --as-of $AS_OF -q build --output "$gk_out"
    snapshot "$gk_out" "$tmp/before"
    timed gk_re "$tmp/gk.log" "$BIN" --root "$gk_site" --as-of $AS_OF -q build --output "$gk_out"
    snapshot "$gk_out" "$tmp/after"
    rewritten "$tmp/before" "$tmp/after" >>"$tmp/rw"
    if [ -n "$HUGO" ]; then
      rm -rf "$hugo_out"
      timed hugo "$tmp/hugo.log" "$HUGO" --source "$hugo_site" --destination "$hugo_out" --quiet
    fi
    if [ -n "$ZOLA" ]; then
      rm -rf "$zola_out"
      timed zola "$tmp/zola.log" "$ZOLA" --root "$zola_site" build --output-dir "$zola_out"
    fi
  done
  load1=$(load)

  gk_wall=$(col "$tmp/gk" 1) gk_cpu=$(col "$tmp/gk" 2) gk_rss=$(col "$tmp/gk" 3) gk_files=$(nfiles "$gk_out")
  re_wall=$(col "$tmp/gk_re" 1) re_cpu=$(col "$tmp/gk_re" 2) re_rss=$(col "$tmp/gk_re" 3)
  re_rw=$(col "$tmp/rw" 1) re_del=$(col "$tmp/rw" 3)
  echo
  echo "== $(commas "$n") documents (load average $load0 before, $load1 after)"
  printf '%-22s %8s %8s %9s %8s\n' tool wall_s cpu_s peak_MB files
  printf '%-22s %8s %8s %9s %8s\n' "gongkai" "$gk_wall" "$gk_cpu" "$gk_rss" "$gk_files"
  printf '%-22s %8s %8s %9s %8s\n' "gongkai no-change" "$re_wall" "$re_cpu" "$re_rss" "$re_rw rewritten, $re_del deleted"
  missing=()
  [ "$(doc_pages "$gk_out")" -eq "$n" ] || missing+=("gongkai: $(doc_pages "$gk_out") document pages")
  hugo_cols="– | – | – | – | –"
  ratio=
  if [ -n "$HUGO" ]; then
    h_wall=$(col "$tmp/hugo" 1) h_cpu=$(col "$tmp/hugo" 2) h_rss=$(col "$tmp/hugo" 3) h_files=$(nfiles "$hugo_out")
    ratio=$(awk -v h="$h_wall" -v g="$gk_wall" 'BEGIN {printf "%.2f", (g > 0 ? h / g : 0)}')
    printf '%-22s %8s %8s %9s %8s\n' "hugo $hugo_version" "$h_wall" "$h_cpu" "$h_rss" "$h_files"
    [ "$(doc_pages "$hugo_out")" -eq "$n" ] || missing+=("hugo: $(doc_pages "$hugo_out") document pages")
    hugo_cols="$h_wall | $h_cpu | $(commas "$h_rss") | $(commas "$h_files") | $ratio"
  fi
  if [ -n "$ZOLA" ]; then
    printf '%-22s %8s %8s %9s %8s\n' "$zola_version" "$(col "$tmp/zola" 1)" "$(col "$tmp/zola" 2)" "$(col "$tmp/zola" 3)" "$(nfiles "$zola_out")"
    [ "$(doc_pages "$zola_out")" -eq "$n" ] || missing+=("zola: $(doc_pages "$zola_out") document pages")
  fi
  [ -z "$ratio" ] || echo "hugo_wall / gongkai_wall: $ratio (≥ 1 means gongkai is faster)"
  [ -z "$ZOLA" ] || echo "zola_wall / gongkai_wall: $(awk -v z="$(col "$tmp/zola" 1)" -v g="$gk_wall" 'BEGIN {printf "%.2f", (g > 0 ? z / g : 0)}')"
  # Like for like: both must render every document, one list per agency and per category.
  gk_cat1=$(find "$gk_out/catalog/category" -regextype posix-extended -regex '.*/category/[^/]+(/page/[0-9]+)?/index\.html' | wc -l)
  gk_cat=$(list_pages "$gk_out/catalog/category")
  echo "list pages (20 per page): gongkai agency $(list_pages "$gk_out/catalog/agency"), category $gk_cat1 (+ $((gk_cat - gk_cat1)) for 二级 categories)${HUGO:+; hugo agency $(list_pages "$hugo_out/agencies"), category $(list_pages "$hugo_out/categories")}"
  if [ ${#missing[@]} -gt 0 ]; then
    echo "error: a document page is missing (expected $n): ${missing[*]}" >&2
    exit 1
  fi
  R[$n.wall]=$gk_wall R[$n.rss]=$gk_rss R[$n.ratio]=$ratio R[$n.re_wall]=$re_wall R[$n.re_rw]=$re_rw
  R[$n.files_per_doc]=$(awk -v f="$gk_files" -v n="$n" 'BEGIN {printf "%.2f", f / n}')
  echo "files per document: ${R[$n.files_per_doc]} ($(commas "$gk_files") files for $(commas "$n") documents)"
  row="| $DATE | $commit | $(commas "$n") | $gk_wall | $gk_cpu | $(commas "$gk_rss") | $(commas "$gk_files") | $hugo_cols | $re_wall / $(commas "$re_rw") | median of $RUNS, $fs, load $load0–$load1 |"
  rows+=("$row")
  echo "history row: $row"
  [ "${KEEP:-}" = 1 ] || rm -rf "$gk_out" "$hugo_out" "$zola_out"
done

echo
echo "== history rows (BENCHMARKS.md, ## History)"
echo "| date | commit | docs | gongkai wall s | CPU s | RSS MB | files | hugo wall s | CPU s | RSS MB | files | hugo/gongkai wall | no-change rebuild s / files rewritten | conditions |"
printf '%s\n' "${rows[@]}"

verdict() { # label value condition(awk, on v) ; empty value = not measured (its size was not run)
  if [ -z "$2" ]; then
    printf '%-58s %10s  %s\n' "$1" "–" "not run"
  elif awk -v v="$2" "BEGIN {exit !($3)}"; then
    printf '%-58s %10s  %s\n' "$1" "$2" PASS
  else
    printf '%-58s %10s  %s\n' "$1" "$2" FAIL
  fi
}

echo
echo "== targets (issue 20; output on $out_root, $fs)"
verdict "10k: output files per document ≤ 1.6" "${R[10000.files_per_doc]:-}" 'v <= 1.6'
verdict "10k: ≥ 3× faster than Hugo on $fs (hugo/gongkai wall)" "${R[10000.ratio]:-}" 'v >= 3'
verdict "100k: peak RSS ≤ 1 GB (MB)" "${R[100000.rss]:-}" 'v <= 1000'
verdict "100k: no-change rebuild ≤ 2 s" "${R[100000.re_wall]:-}" 'v <= 2'
echo "(watch latency, 10k < 100 ms and 100k < 250 ms on ext4: benches/watch_latency.py --out /tmp/…)"

echo
echo "== targets (issue 7)"
verdict "10k: ≥ 3× faster than Hugo (hugo/gongkai wall)" "${R[10000.ratio]:-}" 'v >= 3'
verdict "10k: peak RSS < 300 MB" "${R[10000.rss]:-}" 'v < 300'
verdict "10k: no-change rebuild < 1 s" "${R[10000.re_wall]:-}" 'v < 1'
verdict "10k: no-change rebuild rewrites 0 files" "${R[10000.re_rw]:-}" 'v == 0'
verdict "100k: full build < 60 s" "${R[100000.wall]:-}" 'v < 60'
verdict "100k: peak RSS < 2,000 MB" "${R[100000.rss]:-}" 'v < 2000'
