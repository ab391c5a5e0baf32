"""`mkdocs serve` as `make serve` runs it, then one claim file saved: how long until the served page shows it.

    python -m benchmarks.serve DIR [--plain]

DIR is a corpus with its site files (as `make bench` prepares it). The claim's
statement is edited (its first words; restored afterwards), so its page's content
and its entry in the search index change, and so do the listings that name it;
timed from the save until MkDocs has rebuilt (the search index included: the
plugin's post-build step), reloaded the browsers and serves the edited page.
Then, untimed, a search in Chromium on the served site must find the edited words
on the claim's page: the served index carries the change. Reported too: the
rebuild time MkDocs prints, the project's own stages' time from the plugin's log
line, and how many pages the search index's overlay holds (none: indexed whole).

As `make serve`: `--dirty`, so that the plugin renders only the pages whose
content changed. `--plain`: a plain `mkdocs serve`, every page rendered on
every save.
"""
from __future__ import annotations

import concurrent.futures
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

TIMEOUT = 900  # seconds for the first build, and again for the rebuild
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
_STAGES = re.compile(r"briefing: .* generated in ([\d.]+) s")
_OVERLAY = re.compile(r"briefing: search index: ([\d,]+) pages changed")
_SERVING = re.compile(r"Serving on (http://\S+)")
EDIT = b"Zqbenchedit said this "  # words only: a colon or a quote mark would reach the HTML escaped
SEARCHED = "zqbenchedit"  # a word of it that no claim uses
# A statement, folded, quoted or plain, that opens with as many letters, spaces and commas as the edit has:
# the edit replaces them, so its length stays within bounds and the YAML stays what it was.
_STATEMENT = re.compile(rb"(?m)(^claim: (?:>-\n +|[\"']?))[A-Za-z][A-Za-z ,]{%d}" % (len(EDIT) - 1))


def measure(root: Path, plain: bool = False) -> dict:
    claim = next(path for path in sorted((root / "claims").glob("*/*.yaml")) if _STATEMENT.search(path.read_bytes()))
    original = claim.read_bytes()
    how = [] if plain else ["--dirty"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *how],
                              cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), line)) for line in server.stdout],
                     daemon=True).start()

    def wait_for(text: str) -> tuple[float, list[str]]:
        seen, deadline = [], time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            try:
                at, line = lines.get(timeout=1)
            except queue.Empty:
                if server.poll() is not None:
                    break
                continue
            seen.append(line)
            if text in line:
                return at, seen
        raise RuntimeError(f"mkdocs serve never printed {text!r}; its output ended with:\n{''.join(seen[-20:])}")

    try:
        _, first = wait_for("Serving on")
        page = f"{_SERVING.search(first[-1])[1].rstrip('/')}/claims/{claim.stem}/"
        saved = time.perf_counter()
        claim.write_bytes(_STATEMENT.sub(lambda m: m[1] + EDIT, original, count=1))
        _, output = wait_for("Reloading browsers")
        with urllib.request.urlopen(page, timeout=60) as response:
            if EDIT.decode("utf-8") not in response.read().decode("utf-8"):
                raise RuntimeError(f"{page} does not show the edit after the rebuild")
        reloaded = time.perf_counter()
        # In a thread of its own: Playwright's sync API refuses a thread where an event loop runs (as in a
        # test session whose browser fixture has started Playwright).
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
            found = thread.submit(searched, page, SEARCHED).result()
        if page not in found:
            raise RuntimeError(f"a search for {SEARCHED!r} on the served site does not find {page}: {found}")
    finally:
        claim.write_bytes(original)
        server.terminate()
        server.wait(timeout=60)
    built = [float(m[1]) for line in output if (m := _BUILT.search(line))]
    stages = [float(m[1]) for line in output if (m := _STAGES.search(line))]
    overlay = [int(m[1].replace(",", "")) for line in output if (m := _OVERLAY.search(line))]
    return {"file": claim.relative_to(root).as_posix(), "seconds": reloaded - saved,
            "mkdocs_seconds": built[-1] if built else None, "stages_seconds": stages[-1] if stages else None,
            "overlay_pages": overlay[-1] if overlay else None}


def searched(page: str, query: str) -> list[str]:
    """The addresses of the results a reader gets for `query` in the search box of `page` (theme/search.js)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.goto(page, wait_until="load")
            tab.keyboard.press("/")
            tab.keyboard.type(query, delay=20)
            tab.wait_for_function("() => /\\d|No matching/.test(document.querySelector('.md-search-result__meta').textContent)")
            return [href.split("#")[0] for href in
                    tab.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")]
        finally:
            browser.close()


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), plain="--plain" in sys.argv[2:]), indent=2))
