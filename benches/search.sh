#!/usr/bin/env bash
# Search benchmark: for each N, generate an N-document site with
# the project's generator (benches/corpus.sh), build it (release binary),
# report the output's file count, the search index size (files and bytes
# per pack kind, as stored: packs are read by Range, and ranged responses
# are sent as stored) and run benches/search_query.mjs (bytes a cold query
# fetches on the wire, requests; warm query time in Node). Browser latency (typing → results): benches/search_latency.mjs. Usage: benches/search.sh [N ...]  (default 1000 10000)
# OUT_ROOT=/dev/shm/x puts the built sites on tmpfs; run under nice.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
cargo build --release --quiet
work=${BENCH_DIR:-/tmp/search-bench}
out_root=${OUT_ROOT:-$work}
mkdir -p "$work" "$out_root"
for n in "${sizes[@]}"; do
  site="$work/gongkai-$n"
  benches/corpus.sh gongkai "$n" "$site" 2>/dev/null
  public="$out_root/public-$n"
  rm -rf "$public"
  /usr/bin/time -f '%e %M' -o "$work/time" ./target/release/gongkai --root "$site" --as-of 2024-06-30 -q build --output "$public"
  read -r wall rss <"$work/time"
  echo "== $n documents: build ${wall}s, peak RSS $((rss / 1024)) MB"
  all=$(find "$public" -type f | wc -l)
  search=$(find "$public/search" -type f | wc -l)
  echo "output: $all files ($(awk "BEGIN {printf \"%.2f\", $all / $n}") per document), search/ $search of them"
  for part in s d f; do
    files=$(find "$public/search/$part" -type f | wc -l)
    raw=$(du -sb --apparent-size "$public/search/$part" | cut -f1)
    echo "search/$part: $files packs, $((raw / 1024)) KB as stored"
  done
  for f in index.json fold.json; do
    echo "search/$f: $(stat -c %s "$public/search/$f") B raw, $(gzip -6 -c "$public/search/$f" | wc -c) B gzip"
  done
  node benches/search_query.mjs "$public"
done
