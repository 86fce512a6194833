"""Writes a large saved page (default 10 MB) for timing `briefgen import` on it: a long
article of linked, emphasised paragraphs under headings, with a long menu, "related" boxes
between paragraphs, and a footer.

    python3 bench/large_page.py OUT.html [MEGABYTES]
"""
import random
import sys

out = sys.argv[1]
megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 10
random.seed(1)
words = ("the court ruled on tuesday that government officials must publish records of the "
         "talks between seoul and washington analysts said decision could shape negotiations").split()
menu = "".join(f'<a href="/s{i}">Section {i}</a>' for i in range(200))
parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>A very long page</title>'
         '<meta property="article:published_time" content="2025-06-12T10:00:00Z"></head>'
         f'<body><nav>{menu}</nav><article><h1>A very long page</h1>']
size = sum(map(len, parts))
i = 0
while size < megabytes * 1024 * 1024:
    para = " ".join(random.choice(words) for _ in range(80))
    chunk = ""
    if i % 10 == 0:
        chunk += f'<div class="related"><a href="/r{i}">Related {i}</a></div>'
    if i % 7 == 0:
        chunk += f"<h2>Part {i}</h2>"
    chunk += f'<p>{para}. <a href="/x{i}">link</a> <em>more</em> text.</p>'
    parts.append(chunk)
    size += len(chunk)
    i += 1
parts.append("</article><footer>Copyright</footer></body></html>")
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(parts))
