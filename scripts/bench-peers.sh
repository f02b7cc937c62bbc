#!/usr/bin/env bash
# calque next to other prose linters on the same generated corpus: wall
# time, MB/s, peak RSS, and the ratio of each to calque. Not for CI: it
# installs the peers into a scratch directory (network needed).
#
#   scripts/bench-peers.sh                       # 1 MB corpus
#   PEER_MB=5 BENCH_DIR=/tmp/peers scripts/bench-peers.sh
#   HARPER_CLI=1 scripts/bench-peers.sh          # also `cargo install harper-cli` (~10 min)
#   PEER_TIMEOUT=900                             # seconds allowed per tool
#
# Peers: proselint (PyPI), write-good (npm), Harper through harper.js (npm,
# its WebAssembly build) and, with HARPER_CLI=1, harper-cli (crates.io).
# A baseline: `grep -c -i -F -f PHRASES`, the literal triggers of calque's
# phrase rules, one pass of a fixed-string matcher over the same file.
# A peer that cannot be installed is skipped with a note.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/calque-peers}
MB=${PEER_MB:-1}
mkdir -p "$DIR"
if [[ -z "${CALQUE:-}" ]]; then
    (cd "$ROOT" && cargo build --release --quiet) || exit 2
    CALQUE="${CARGO_TARGET_DIR:-$ROOT/target}/release/calque"
fi
CORPUS="$DIR/corpus-${MB}mb.txt"
[[ -s "$CORPUS" ]] || python3 "$ROOT/scripts/gen_corpus.py" --megabytes "$MB" --seed 11 -o "$CORPUS"
SIZE=$(stat -c %s "$CORPUS")

# The phrase rules' literal triggers.
python3 "$ROOT/scripts/phrases.py" "$ROOT/rules" > "$DIR/PHRASES"

# --- install what can be installed --------------------------------------
if [[ ! -x "$DIR/venv/bin/proselint" ]]; then
    python3 -m venv "$DIR/venv" && "$DIR/venv/bin/pip" install -q proselint \
        || echo "note: proselint not installed" >&2
fi
if [[ ! -d "$DIR/node/node_modules/write-good" || ! -d "$DIR/node/node_modules/harper.js" ]]; then
    mkdir -p "$DIR/node" && (cd "$DIR/node" && npm init -y >/dev/null && npm install -s write-good harper.js >/dev/null) \
        || echo "note: npm peers not installed" >&2
fi
cat > "$DIR/node/harper.mjs" <<'EOF'
import { readFileSync } from "node:fs";
import { LocalLinter } from "harper.js";
import { binaryInlined } from "harper.js/binaryInlined";
const text = readFileSync(process.argv[2], "utf8");
const linter = new LocalLinter({ binary: binaryInlined });
await linter.setup();
const lints = await linter.lint(text);
console.log(lints.length);
EOF
if [[ "${HARPER_CLI:-0}" == 1 && ! -x "$DIR/cargo/bin/harper-cli" ]]; then
    cargo install --quiet --root "$DIR/cargo" harper-cli || echo "note: harper-cli not installed" >&2
fi

# --- run ------------------------------------------------------------------
measure() { # name, command... → "seconds rss_kb findings_or_output_lines"
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$DIR/$name.time" timeout "${PEER_TIMEOUT:-900}" "$@" \
        > "$DIR/$name.out" 2>"$DIR/$name.err"
    local rc=$?
    if [[ $rc == 124 ]]; then
        echo "note: $name timed out after ${PEER_TIMEOUT:-900} s" >&2
    elif [[ $rc -gt 1 && "$name" != grep && "$name" != writegood ]]; then
        echo "note: $name exited with $rc: $(tail -c 300 "$DIR/$name.err")" >&2
    fi
    echo "$(tail -1 "$DIR/$name.time") $(wc -l < "$DIR/$name.out")"
}

declare -A RES
RES[calque]=$(measure calque "$CALQUE" check --format jsonl "$CORPUS")
RES[calque-1-thread]=$(RAYON_NUM_THREADS=1 measure calque1 "$CALQUE" check --format jsonl "$CORPUS")
RES[grep]=$(measure grep grep -c -i -F -f "$DIR/PHRASES" "$CORPUS")
[[ -x "$DIR/venv/bin/proselint" ]] && RES[proselint]=$(measure proselint "$DIR/venv/bin/proselint" check "$CORPUS")
[[ -d "$DIR/node/node_modules/write-good" ]] && RES[write-good]=$(measure writegood node "$DIR/node/node_modules/write-good/bin/write-good.js" "$CORPUS")
[[ -d "$DIR/node/node_modules/harper.js" ]] && RES[harper.js]=$(measure harperjs node "$DIR/node/harper.mjs" "$CORPUS")
[[ -x "$DIR/cargo/bin/harper-cli" ]] && RES[harper-cli]=$(measure harpercli "$DIR/cargo/bin/harper-cli" lint "$CORPUS")

read -r cs _ _ <<<"${RES[calque]}"
echo "Corpus: $((SIZE / 1000)) KB (scripts/gen_corpus.py --megabytes $MB --seed 11); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
echo
echo "| tool | time | MB/s | peak RSS | time ÷ calque | output lines |"
echo "|---|---|---|---|---|---|"
for name in calque calque-1-thread grep proselint write-good harper.js harper-cli; do
    [[ -n "${RES[$name]:-}" ]] || continue
    read -r s rss lines <<<"${RES[$name]}"
    python3 -c "
s, rss, cs = $s, $rss, $cs
mbs = $SIZE / 1e6 / s if s > 0 else float('inf')
print(f'| $name | {s:.2f} s | {mbs:.1f} | {rss / 1024:.0f} MB | {s / cs if cs else 0:.2f} | $lines |')"
done
