"""Makes the copied-text version of an import suite: for each `<page>/source.html`, the text
headless Chromium gives as `document.body.innerText` (what select-all and copy gives), saved
as `<page>/source.txt` beside links to the page's expected files, so `bench/import_eval.py
--text` scores `import` on what a curator pastes, against the same expected title, date and
body as the HTML.

The page is loaded as a saved page is opened offline with scripts off: its `<script>`s are
taken out (and `<noscript>` shown, as a browser without scripts shows it), and no address
resolves, so stylesheets and images from elsewhere are missing and menus they would hide
show as text.

    python3 bench/clip_text.py PAGES_DIR OUT_DIR

Needs Debian's `chromium` and `chromium-driver`.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCRIPT = re.compile(rb"<script\b.*?</script\s*>", re.S | re.I)
NOSCRIPT = re.compile(rb"<(/?)noscript\b", re.I)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["value"]


def without_scripts(html):
    return NOSCRIPT.sub(rb"<\1div", SCRIPT.sub(b"", html))


def main():
    pages, out = sys.argv[1], sys.argv[2]
    port = free_port()
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    profile = tempfile.mkdtemp()
    scratch = tempfile.mkdtemp()
    try:
        for _ in range(100):
            try:
                call(base, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}"]
        session = call(base, "POST", "/session", {"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
            "timeouts": {"pageLoad": 20000, "script": 20000},
        }}})["sessionId"]
        names = sorted(n for n in os.listdir(pages)
                       if os.path.isfile(os.path.join(pages, n, "source.html")))
        empty = 0
        for name in names:
            folder = os.path.join(pages, name)
            target = os.path.join(out, name)
            os.makedirs(target, exist_ok=True)
            page = os.path.join(scratch, name + ".html")
            with open(os.path.join(folder, "source.html"), "rb") as f:
                html = without_scripts(f.read())
            with open(page, "wb") as f:
                f.write(html)
            try:
                call(base, "POST", f"/session/{session}/url", {"url": "file://" + page})
            except urllib.error.HTTPError:
                pass  # a page that did not finish loading still has its text
            text = call(base, "POST", f"/session/{session}/execute/sync",
                        {"script": "return document.body ? document.body.innerText : ''",
                         "args": []}) or ""
            empty += not text.strip()
            with open(os.path.join(target, "source.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            for kept in ("expected.html", "expected.txt", "expected-metadata.json"):
                source = os.path.join(folder, kept)
                if os.path.exists(source):
                    shutil.copyfile(source, os.path.join(target, kept))
        call(base, "DELETE", f"/session/{session}")
        print(f"{len(names)} pages, {empty} without text, in {out}")
    finally:
        driver.terminate()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
