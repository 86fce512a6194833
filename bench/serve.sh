#!/usr/bin/env bash
# Serve latency on a generated site: save one briefing → rebuilt page served, → open page told
# to update, → new title drawn in headless Chromium (patched in place, timed by the page); a
# template edit → first page and every page re-rendered; and the full build of the same site.
#
#   bench/serve.sh [COUNT] [EDITS]     (defaults: 10000 briefings, 30 edits)
#
# With BEFORE set to another briefgen binary (an older commit's), the same measurements run on it
# too, in the same run, before this checkout's.
#
# Uses ../shared/bench/gen_corpus.py. Set WORK to a folder for the corpus (a tmpfs gives the
# steadiest figures); it defaults to a temporary folder. Needs python3; hyperfine is used for
# the full build when installed; Chromium and chromedriver for the in-browser figure.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
edits=${2:-30}
gen=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
work=${WORK:-$(mktemp -d)}
site="$work/site-$count"

cargo build --release --quiet
cargo build --release --quiet --example serve_latency
if [ ! -d "$site/content" ]; then
    python3 "$gen" --count "$count" --out "$site"
fi

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(df -h "$work" | awk 'NR==2 {print $1" ("$6")"}')"
binaries=(target/release/briefgen)
[ -n "${BEFORE:-}" ] && binaries=("$BEFORE" target/release/briefgen)
echo "== full build of $count briefings"
if command -v hyperfine >/dev/null; then
    commands=()
    for b in "${binaries[@]}"; do commands+=("$b build --root $site -o $work/out-$(basename "$(dirname "$(dirname "$b")")")"); done
    hyperfine --warmup 1 --runs 5 -N "${commands[@]}" 2>&1 | grep -E "Benchmark|Time|Range"
else
    for b in "${binaries[@]}"; do
        for _ in 1 2 3 4 5; do "$b" build --root "$site" | tail -n 1; done
    done
fi
for b in "${binaries[@]}"; do
    echo "== serve ($b): $edits edits"
    BRIEFGEN=$b target/release/examples/serve_latency "$site" "$edits"
done
