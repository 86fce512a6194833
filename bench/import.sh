#!/usr/bin/env bash
# Import quality on every shared suite (../shared/import-eval/: Readability's pages, Zyte's
# benchmark, htmldate's news pages), each as saved HTML and as the text a browser copies from
# it (bench/clip_text.py), side by side with trafilatura 2.3.1 and htmldate 1.11 in the same run,
# printed as one table: body F1 (Zyte's own shingle scoring where the suite has it), titles,
# sources, dates, time per page (a `briefgen import` process per page, and inside one process
# page after page as the Python tools are timed: examples/import_time.rs). Then times the
# import of a generated 10 MB page.
#
#   bench/import.sh [PAGES_DIR ...]   (default: the shared suites, unpacked into a temporary folder)
#
# A PAGES_DIR is any folder of <name>/{source.html,expected.html,expected-metadata.json}, so a
# held-out set is scored the same way. NO_TRAFILATURA=1 scores briefgen alone; otherwise
# trafilatura and htmldate are installed with pip if missing. NO_TEXT=1 skips the copied text
# (which needs Debian's chromium and chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
    for tarball in ../shared/import-eval/*.tar.xz; do
        tar -xJf "$tarball" -C "$work"
    done
    suites=("$work"/readability "$work"/zyte-aeb "$work"/htmldate-news)
fi
cargo build --release --quiet
cargo build --release --quiet --example import_time
extra=(--in-process target/release/examples/import_time)
if [ -n "${NO_TRAFILATURA:-}" ]; then
    extra+=(--no-trafilatura)
    python3 -c "import lxml" 2>/dev/null || pip install --quiet lxml
elif ! python3 -c "import trafilatura, htmldate" 2>/dev/null; then
    pip install --quiet "trafilatura==2.3.1" "htmldate==1.11.0" lxml_html_clean
fi
echo "== machine: $(nproc) cores; briefgen $(git rev-parse --short HEAD)"
results=()
for suite in "${suites[@]}"; do
    name=$(basename "$suite")
    python3 bench/import_eval.py "$suite" target/release/briefgen "${extra[@]}" \
        --json "$work/$name.html.json" >"$work/$name.html.txt" || true
    results+=("$name|HTML|$work/$name.html.json")
    if [ -z "${NO_TEXT:-}" ]; then
        python3 bench/clip_text.py "$suite" "$work/text/$name" >/dev/null
        python3 bench/import_eval.py "$work/text/$name" target/release/briefgen --text "${extra[@]}" \
            --json "$work/$name.text.json" >"$work/$name.text.txt" || true
        results+=("$name|copied text|$work/$name.text.json")
    fi
done
python3 - "${results[@]}" <<'PY'
import json, sys
rows, measures = [], []
for run in sys.argv[1:]:
    suite, kind, path = run.split("|")
    data = json.load(open(path, encoding="utf-8"))
    for tool, figures in data["tools"].items():
        rows.append((f"{suite} ({data['pages']}), {kind}", tool, figures))
        measures += [m for m in figures if m not in measures]
print("\n| suite | tool | " + " | ".join(measures) + " |")
print("|---|---|" + "---|" * len(measures))
for suite, tool, figures in rows:
    print(f"| {suite} | {tool} | " + " | ".join(figures.get(m, "-") for m in measures) + " |")
PY
# Crashes and hangs, which each run lists after its table.
for run in "$work"/*.txt; do
    sed -n '/^failures:/,$p' "$run" | sed "s|^|$(basename "$run" .txt): |"
done

echo
echo "== a 10 MB page (bench/large_page.py): briefgen import, 5 runs"
large=$work/large.html
python3 bench/large_page.py "$large" 10
for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" target/release/briefgen import "$large" --stdout 2>&1 >/dev/null | tail -n 1
done | sort -n | awk '{t[NR]=$1; m[NR]=$2} END {printf "median %.2f s (%.2f-%.2f s), peak RSS %d MB\n", t[3], t[1], t[5], m[3]/1024}'
rm -rf "$work"
