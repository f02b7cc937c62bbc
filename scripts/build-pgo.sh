#!/usr/bin/env bash
# Build calque with profile-guided optimisation (PGO): the release binary
# for publishing, and the one the published throughput figures are for.
#
#   scripts/build-pgo.sh            # writes target/pgo/release/calque
#   PGO_DIR=/tmp/x scripts/build-pgo.sh
#
# Why: calque's time goes into many small branchy loops (tokenizer, trigger
# index, grammar checks), one after another for each paragraph. Told which
# branches are taken and which functions are hot, the compiler lays the hot
# paths out together and inlines where it pays. On the benchmark corpus the
# PGO build runs 1.10-1.12x as fast as `cargo build --release`
# (docs/performance.md), with the same output.
#
# Steps: an instrumented build; a training run over text the benchmarks do
# not use (a generated corpus with its own seed, the bundled examples, the
# Markdown and HTML test fixtures; in the human, JSON lines and concise
# formats, and through `fix --diff`); the profiles merged with the
# toolchain's `llvm-profdata` (installed with `rustup component add
# llvm-tools` if missing); a build that uses them. About twice a release
# build's time.
#
# Needs: rustup, python3.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${PGO_DIR:-$ROOT/target/pgo}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [[ ! -x "$profdata" ]]; then
    rustup component add llvm-tools >&2
fi

rm -rf "$DIR/raw" "$DIR/train"
mkdir -p "$DIR/raw" "$DIR/train"

echo "pgo: instrumented build" >&2
(cd "$ROOT" && RUSTFLAGS="-Cprofile-generate=$DIR/raw" \
    cargo build --release --quiet --target-dir "$DIR/gen")
trainee="$DIR/gen/release/calque"

echo "pgo: training run" >&2
python3 "$ROOT/scripts/gen_corpus.py" --megabytes 3 --seed 101 -o "$DIR/train/corpus.txt"
# Small files go through the whole-file path, big ones are streamed: both
# are trained.
head -c 200000 "$DIR/train/corpus.txt" > "$DIR/train/story.txt"
cp "$ROOT"/examples/*.txt "$DIR/train/"
find "$ROOT/tests/fixtures" -type f \( -name '*.md' -o -name '*.html' -o -name '*.txt' \) \
    -exec cp --backup=numbered {} "$DIR/train/" \;
for format in jsonl concise human; do
    "$trainee" check --format "$format" "$DIR/train" >/dev/null 2>&1 || true
done
RAYON_NUM_THREADS=1 "$trainee" check --format jsonl "$DIR/train/corpus.txt" >/dev/null 2>&1 || true
"$trainee" fix --diff "$DIR/train/story.txt" >/dev/null 2>&1 || true

"$profdata" merge -o "$DIR/merged.profdata" "$DIR/raw"

echo "pgo: optimised build" >&2
# Dependencies and build scripts the training never ran warn that they have
# no profile: the log keeps those out of sight unless the build fails.
if ! (cd "$ROOT" && RUSTFLAGS="-Cprofile-use=$DIR/merged.profdata" \
    cargo build --release --target-dir "$DIR" >"$DIR/build.log" 2>&1); then
    cat "$DIR/build.log" >&2
    exit 1
fi
echo "$DIR/release/calque"
