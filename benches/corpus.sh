#!/usr/bin/env bash
# The benchmark corpora: generates N documents in FORMAT into the site folder DIR with the
# project's generator (examples/gen_corpus, release build; seed 42, as of 2024-06-30), once:
# DIR/.generated holds a hash of the generator's sources and the options, and a matching
# folder is reused as it is.
#
#   benches/corpus.sh FORMAT N DIR        FORMAT: gongkai | hugo | zola
#
# Env: SEED (42), AS_OF (2024-06-30). The generator's progress line goes to stderr.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: benches/corpus.sh gongkai|hugo|zola N DIR" >&2; exit 2; }
format=$1 n=$2 dir=$3
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "benches/corpus.sh: N must be a document count, not '$n'" >&2; exit 2; }
case $format in gongkai | hugo | zola) ;; *) echo "benches/corpus.sh: FORMAT is gongkai, hugo or zola" >&2; exit 2 ;; esac
seed=${SEED:-42} as_of=${AS_OF:-2024-06-30}
repo=$(cd "$(dirname "$0")/.." && pwd)
stamp=$({
  find "$repo/examples/gen_corpus" -type f -name '*.rs' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | cut -d' ' -f1
  echo "$format $n $seed $as_of"
} | sha256sum | cut -c1-16)
if [ "$(cat "$dir/.generated" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$dir"
  (cd "$repo" && cargo run --release --quiet --example gen_corpus -- \
    --docs "$n" --seed "$seed" --as-of "$as_of" --format "$format" --out "$dir")
  echo "$stamp" >"$dir/.generated"
fi
