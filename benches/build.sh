#!/usr/bin/env bash
# Build benchmark: generates N-document corpora with the project's generator
# (benches/corpus.sh → examples/gen_corpus), builds each RUNS times with the
# release binary, prints the median wall time, CPU time and peak RSS. Usage: benches/build.sh [N ...]   (default: 1000 10000)
# MODE=fresh (default) removes the output before each run; MODE=rebuild builds
# over the previous output (the atomic swap then deletes a whole tree and
# creates a new one, which on ext4 costs more than the rendering itself).
# OUT_ROOT=/dev/shm/x writes the output to tmpfs, to time the generator
# without the disk. BIN=path (or GONGKAI_BIN=path) times another binary (e.g. an older build);
# The site is the generator's own (site.yaml with offices and taxonomy, gazette
# issue files, attachments); binaries older than those features may reject it.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
BIN=${BIN:-${GONGKAI_BIN:-./target/release/gongkai}}
[ "$BIN" != ./target/release/gongkai ] || cargo build --release --quiet
work=${BENCH_DIR:-/tmp/gongkai-bench}
mkdir -p "$work"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "mode: ${MODE:-fresh}, output under ${OUT_ROOT:-the site folder}, median of $RUNS runs"
printf '%-8s %10s %10s %12s %8s\n' docs wall_s cpu_s peak_rss_mb files
for n in "${sizes[@]}"; do
  site="$work/gongkai-$n"
  benches/corpus.sh gongkai "$n" "$site" 2>/dev/null
  : >"$work/runs-$n"
  for _ in $(seq "$RUNS"); do
    out="${OUT_ROOT:-$site}/public"
    [ "${MODE:-fresh}" = rebuild ] || rm -rf "$out"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$BIN" --root "$site" --as-of 2024-06-30 -q build --output "$out"
    read -r wall user sys rss <"$work/time"
    echo "$wall $(awk "BEGIN{print $user + $sys}") $rss" >>"$work/runs-$n"
  done
  wall=$(cut -d' ' -f1 "$work/runs-$n" | median)
  cpu=$(cut -d' ' -f2 "$work/runs-$n" | median)
  rss=$(cut -d' ' -f3 "$work/runs-$n" | median)
  files=$(find "${OUT_ROOT:-$site}/public" -type f | wc -l)
  printf '%-8s %10s %10s %12s %8s\n' "$n" "$wall" "$cpu" "$((rss / 1024))" "$files"
done
