#!/usr/bin/env bash
# Full builds of generated briefing sites, briefgen and Hugo side by side, alternating run by
# run so that machine noise hits both alike; and the floor: `cp -r` of briefgen's output. Then
# what briefgen wrote, in files and bytes per briefing for each part of the output.
#
#   bench/build.sh [COUNT ...]        (default: 1000 10000)
#
# Env: STORIES (a number: the same corpus with that many stories, bench/add_stories.py, timed
# in the same alternation as "stories", first in every other round), BEFORE (another briefgen binary — an older commit's — timed in the same alternation, as
# "before"), RUNS (default 5), WORK (corpora and outputs; default a temporary folder — a tmpfs gives
# the steadiest figures), HUGO (default: hugo; installed from Debian's packages when missing
# and this runs as root), HUGO2 (another Hugo — Debian's 0.111 beside 0.168 from pip — timed in
# the same alternation, as "hugo2"). Needs python3 and GNU time (installed likewise).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
gen=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
runs=${RUNS:-5}
work=${WORK:-$(mktemp -d)}
hugo=${HUGO:-hugo}
counts=("$@"); [ ${#counts[@]} -eq 0 ] && counts=(1000 10000)

need() { # command, Debian package
    command -v "$1" >/dev/null && return
    [ "$(id -u)" = 0 ] || { echo "missing $1 (apt-get install $2)" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}
need "$hugo" hugo
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release --quiet
briefgen=$repo/target/release/briefgen
results=$work/results
mkdir -p "$results"
: > "$results/runs.tsv"

# One timed run: tool, count, run number, command...
timed() {
    local tool=$1 count=$2 run=$3; shift 3
    /usr/bin/time -f "%e %U %S %M" -o "$results/time.txt" "$@" >/dev/null 2>&1
    printf '%s\t%s\t%s\t%s\n' "$tool" "$count" "$run" "$(tr ' ' '\t' < "$results/time.txt")" >> "$results/runs.tsv"
}

for count in "${counts[@]}"; do
    plain=$work/$count/briefgen
    hugo_site=$work/$count/hugo
    [ -d "$plain/content" ] || python3 "$gen" --count "$count" --out "$plain" >/dev/null
    [ -d "$hugo_site/content" ] || python3 "$gen" --count "$count" --out "$hugo_site" --flavor hugo >/dev/null
    out_b=$work/$count/out-briefgen
    out_h=$work/$count/out-hugo
    # Warm-up, and the outputs to count.
    rm -rf "$out_b" "$out_h"
    "$briefgen" build --root "$plain" -o "$out_b" --sizes 2>&1 >/dev/null | grep '^|' > "$results/sizes-$count.md"
    "$hugo" --quiet --source "$hugo_site" --destination "$out_h" >/dev/null
    echo "files	$count	briefgen	$(find "$out_b" -type f | wc -l)" >> "$results/runs.tsv"
    echo "files	$count	hugo	$(find "$out_h" -type f | wc -l)" >> "$results/runs.tsv"
    if [ -n "${HUGO2:-}" ]; then
        rm -rf "$out_h.2"
        "$HUGO2" --quiet --source "$hugo_site" --destination "$out_h.2" >/dev/null
        echo "files	$count	hugo2	$(find "$out_h.2" -type f | wc -l)" >> "$results/runs.tsv"
    fi
    if [ -n "${BEFORE:-}" ]; then
        rm -rf "$out_b.before"
        "$BEFORE" build --root "$plain" -o "$out_b.before" >/dev/null
        echo "files	$count	before	$(find "$out_b.before" -type f | wc -l)" >> "$results/runs.tsv"
    fi
    storied=$work/$count/stories-${STORIES:-0}
    if [ -n "${STORIES:-}" ]; then
        if [ ! -d "$storied/content" ]; then
            rm -rf "$storied"
            cp -r "$plain" "$storied"
            python3 bench/add_stories.py --stories "$STORIES" "$storied" >/dev/null
        fi
        rm -rf "$out_b.stories"
        "$briefgen" build --root "$storied" -o "$out_b.stories" >/dev/null
        echo "files	$count	stories	$(find "$out_b.stories" -type f | wc -l)" >> "$results/runs.tsv"
    fi
    stories_run() {
        rm -rf "$out_b.stories"
        timed stories "$count" "$run" "$briefgen" build --root "$storied" -o "$out_b.stories"
    }
    for run in $(seq "$runs"); do
        rm -rf "$out_b" "$out_h" "$work/$count/copy"
        # The stories build goes first on even runs, after the plain one on odd runs: the
        # first build of a run follows the removal of the last run's outputs and `cp -r`'s copy.
        if [ -n "${STORIES:-}" ] && [ $((run % 2)) = 0 ]; then stories_run; fi
        timed briefgen "$count" "$run" "$briefgen" build --root "$plain" -o "$out_b"
        if [ -n "${BEFORE:-}" ]; then
            rm -rf "$out_b.before"
            timed before "$count" "$run" "$BEFORE" build --root "$plain" -o "$out_b.before"
        fi
        if [ -n "${STORIES:-}" ] && [ $((run % 2)) = 1 ]; then stories_run; fi
        timed hugo "$count" "$run" "$hugo" --quiet --source "$hugo_site" --destination "$out_h"
        if [ -n "${HUGO2:-}" ]; then
            rm -rf "$out_h.2"
            timed hugo2 "$count" "$run" "$HUGO2" --quiet --source "$hugo_site" --destination "$out_h.2"
        fi
        timed cp "$count" "$run" cp -r "$out_b" "$work/$count/copy"
    done
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(df -h "$work" | awk 'NR==2 {print $1" on "$6}')"
hugo_version() { "$1" version 2>/dev/null | grep -o 'hugo v[^ ]*' | head -n 1; }
export HUGO_VERSION HUGO2_VERSION
HUGO_VERSION=$(hugo_version "$hugo")
HUGO2_VERSION=$([ -z "${HUGO2:-}" ] || hugo_version "$HUGO2")
echo "briefgen $("$briefgen" --version | cut -d' ' -f2), $HUGO_VERSION${HUGO2:+, $HUGO2_VERSION}"
python3 bench/summarize.py "$results/runs.tsv"
for count in "${counts[@]}"; do
    echo
    echo "### What briefgen writes for $count briefings (\`briefgen build --sizes\`)"
    echo
    cat "$results/sizes-$count.md"
done
