#!/usr/bin/env bash
# Build release and print the quality figures: gold dev/native (score.py),
# native news density (score_spans.py), MQM zh-en confirmation and CWEB
# determiner recall.
#
# Usage: scripts/eval.sh [RULES_DIR]   (default: the built-in rules;
#        a RULES_DIR is loaded with --rules over them)
# Env: SHARED (default ../shared), CALQUE (skip the build, use this binary),
#      SELECT (pass --select to calque, e.g. SELECT=grammar).
set -euo pipefail
cd "$(dirname "$0")/.."
RULES=${1:-}
SHARED=${SHARED:-../shared}
if [[ -z "${CALQUE:-}" ]]; then
    cargo build --release --quiet
    CALQUE="${CARGO_TARGET_DIR:-target}/release/calque"
fi
ARGS=""
[[ -n "$RULES" ]] && ARGS="--rules $RULES"
[[ -n "${SELECT:-}" ]] && ARGS="$ARGS --select $SELECT"
CMD="$CALQUE check $ARGS --format jsonl {file}"

echo "== gold dev + native (score.py)"
python3 "$SHARED/tools/score.py" -v --cmd "$CMD" "$SHARED/gold/dev" "$SHARED/gold/native" \
    | sed -n '/recall by category/,$p'
for f in gum_wikinews_docs.jsonl wmt23_ende_source_news.jsonl mqm-zhen-news-dev.jsonl; do
    echo "== $f (score_spans.py)"
    python3 "$SHARED/tools/score_spans.py" --cmd "$CMD" "$SHARED/eval/$f" | tail -1
done
echo "== cweb-dev.jsonl.gz --recall-cats DET (score_spans.py)"
python3 "$SHARED/tools/score_spans.py" --recall-cats DET --cmd "$CMD" "$SHARED/eval/cweb-dev.jsonl.gz" | tail -1
