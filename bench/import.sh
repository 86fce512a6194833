#!/usr/bin/env bash
# Import quality on Mozilla Readability's test pages (../shared/import-eval/), side by side with
# trafilatura 2.3.1 in the same run: body F1, titles, sources, dates, time per page.
#
#   bench/import.sh [PAGES_DIR]      (default: the shared pages, unpacked into a temporary folder)
#
# PAGES_DIR is any folder of <name>/{source.html,expected.html,expected-metadata.json}, so a
# held-out set is scored the same way. Set NO_TRAFILATURA=1 to score briefgen alone; otherwise
# trafilatura is installed with pip if missing. PER_PAGE=file.tsv writes each page's scores.
# Then times the import of a generated 10 MB page.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-}
if [ -z "$pages" ]; then
    work=$(mktemp -d)
    tar -xJf ../shared/import-eval/readability-test-pages.tar.xz -C "$work"
    pages="$work/readability"
fi
cargo build --release --quiet
extra=()
if [ -n "${NO_TRAFILATURA:-}" ]; then
    extra+=(--no-trafilatura)
    python3 -c "import lxml" 2>/dev/null || pip install --quiet lxml
elif ! python3 -c "import trafilatura" 2>/dev/null; then
    pip install --quiet "trafilatura==2.3.1" lxml_html_clean
fi
[ -n "${PER_PAGE:-}" ] && extra+=(--per-page "$PER_PAGE")
echo "== machine: $(nproc) cores; briefgen $(git rev-parse --short HEAD)"
python3 bench/import_eval.py "$pages" target/release/briefgen "${extra[@]}"

echo
echo "== a 10 MB page (bench/large_page.py): briefgen import, 5 runs"
large=$(mktemp -d)/large.html
python3 bench/large_page.py "$large" 10
for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" target/release/briefgen import "$large" --stdout 2>&1 >/dev/null | tail -n 1
done | sort -n | awk '{t[NR]=$1; m[NR]=$2} END {printf "median %.2f s (%.2f-%.2f s), peak RSS %d MB\n", t[3], t[1], t[5], m[3]/1024}'
