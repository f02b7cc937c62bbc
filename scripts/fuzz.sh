#!/bin/sh
# Run every fuzz target for a bounded time (not part of CI).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain it
# runs with RUSTC_BOOTSTRAP=1 (cargo-fuzz needs nightly flags). Crashes are
# written to fuzz/artifacts/TARGET/; the corpus grows in fuzz/corpus/TARGET/
# (only the seeds are committed). Exits 1 when a target found a crash.
set -u
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"text sources check fix rules_config lsp"}
cd "$(dirname "$0")/../fuzz" || exit 2
export RUSTC_BOOTSTRAP=1
status=0
for t in $targets; do
    dict=""
    case $t in
        lsp) dict="-dict=lsp.dict" ;;
        rules_config) dict="-dict=toml.dict" ;;
    esac
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t: ${secs}s"
    # shellcheck disable=SC2086
    if ! nice -n 10 cargo fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 $dict; then
        echo "== $t: crash, see fuzz/artifacts/$t/"
        status=1
    fi
done
exit $status
