#!/usr/bin/env bash
# The search index at several sizes: how long the index takes inside a build (the "search"
# stage of --timings, on its own thread beside the rendering), how many files and bytes it
# writes, and — in headless Chromium — what each query of bench/search-queries.txt fetches
# and finds. With PAGEFIND=1, Pagefind (npm's `pagefind`, installed into WORK) indexes the same
# built briefing pages, timed, and the same queries are put to it for comparison.
#
#   bench/search.sh [COUNT ...]        (default: 1000 10000 100000)
#
# Env: RUNS (builds per size, default 3; the median is reported), WORK (corpora and outputs;
# default a temporary folder), PAGEFIND=1, KOREAN=1 (a third of each corpus made Korean by
# bench/add_korean.py, and the queries of bench/search-queries-ko.txt put to it). Needs python3, GNU time, chromium and chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
gen=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
runs=${RUNS:-3}
work=${WORK:-$(mktemp -d)}
counts=("$@"); [ ${#counts[@]} -eq 0 ] && counts=(1000 10000 100000)

cargo build --release --quiet
briefgen=$repo/target/release/briefgen
if [ "${PAGEFIND:-}" = 1 ] && [ ! -x "$work/pagefind/node_modules/.bin/pagefind" ]; then
    npm install --silent --no-audit --no-fund --prefix "$work/pagefind" pagefind >/dev/null
fi

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for count in "${counts[@]}"; do
    site=$work/$count/briefgen
    queries=$repo/bench/search-queries.txt
    if [ "${KOREAN:-}" = 1 ]; then
        site=$work/$count/briefgen-ko
        queries=$repo/bench/search-queries-ko.txt
        [ -d "$site/content" ] || { python3 "$gen" --count "$count" --out "$site" >/dev/null
                                    python3 "$repo/bench/add_korean.py" "$site" >/dev/null; }
    fi
    [ -d "$site/content" ] || python3 "$gen" --count "$count" --out "$site" >/dev/null
    out=$work/$count/out-search
    : > "$work/search-ms.txt"
    : > "$work/build-s.txt"
    for _ in $(seq "$runs"); do
        rm -rf "$out"
        /usr/bin/time -f "%e" -o "$work/time.txt" "$briefgen" build --root "$site" -o "$out" --base-url http://127.0.0.1:18080/ --timings 2>"$work/timings.txt" >/dev/null
        sed -n 's/.*search \([0-9.]*\) ms.*/\1/p' "$work/timings.txt" >> "$work/search-ms.txt"
        cat "$work/time.txt" >> "$work/build-s.txt"
    done
    data=$out/search/data
    echo "## $count briefings${KOREAN:+, a third in Korean}"
    echo
    echo "| build (median of $runs) | search stage | index files | index bytes | word files | fragments | meta.json | facets.json |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '| %s s | %s ms | %s | %s MB | %s (%s MB) | %s (%s MB) | %s KB | %s KB |\n' \
        "$(median < "$work/build-s.txt")" "$(median < "$work/search-ms.txt")" \
        "$(find "$data" -type f | wc -l)" \
        "$(du -sb "$data" | awk '{ printf "%.1f", $1 / 1e6 }')" \
        "$(find "$data/w" -type f | wc -l)" "$(du -sb "$data/w" | awk '{ printf "%.1f", $1 / 1e6 }')" \
        "$(find "$data/f" -type f | wc -l)" "$(du -sb "$data/f" | awk '{ printf "%.1f", $1 / 1e6 }')" \
        "$(du -b "$data/meta.json" | awk '{ printf "%.1f", $1 / 1e3 }')" \
        "$(du -b "$data/facets.json" | awk '{ printf "%.1f", $1 / 1e3 }')"
    if [ "${PAGEFIND:-}" = 1 ]; then
        /usr/bin/time -f "%e s, %M KB peak RSS" -o "$work/pagefind-time.txt" \
            "$work/pagefind/node_modules/.bin/pagefind" --site "$out" --glob "briefings/**/*.html" --root-selector article.briefing >/dev/null
        echo
        echo "Pagefind over the same briefing pages (their article element): $(cat "$work/pagefind-time.txt"), $(find "$out/pagefind" -type f | wc -l) files, $(du -sb "$out/pagefind" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
    fi
    echo
    BRIEFGEN_SEARCH_SITE=$out BRIEFGEN_SEARCH_QUERIES=$queries cargo test --release --quiet --test search_bench -- --ignored --nocapture 2>/dev/null \
        | grep -P '\t' | awk -F'\t' '{ line = "|"; for (i = 1; i <= NF; i++) line = line " " $i " |"; print line
            if (NR == 1) { sep = "|---|"; for (i = 2; i <= NF; i++) sep = sep "---:|"; print sep } }'
    echo
done
