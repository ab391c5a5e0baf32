"""What a reader downloads: one claim page viewed, then one search, on the real claims replicated to N.

    python -m benchmarks.page_weight [--claims 10000] [--tree .] [--out bench-data/replicated-10000]

The briefing's own claims (claims/, seeds/, mkdocs.yml, docs/) are copied to `--out` and each claim file
is repeated under new ids (`<id>-r<k>`, benchmarks/replicate.py) until there are N claims; `--tree` names the checkout whose
mkdocs.yml, docs/ and build tools build it (an older one: put it first on PYTHONPATH too), so that the
same corpus can be measured before and after a change. The site is built with `mkdocs build --strict`,
served on 127.0.0.1 and opened in Chromium (tests/browser/support.py's server and flags): the bytes are
the response bodies, uncompressed as served, of the claim page's first visit (with everything it loads
until the network is quiet), and then of one search typed into the header's search box.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks import replicate as replicated
from tests.browser.support import CHROMIUM, StaticSite

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CLAIM = "claims/nk-heavy-losses/"  # a real claim page with a quote, figures and a chart
QUERIES = ("troops", "11 ribu")


def replicate(out: Path, claims: int, tree: Path) -> None:
    """The real claims replicated to `claims` (benchmarks/replicate.py), with tree's site files."""
    shutil.rmtree(out, ignore_errors=True)
    replicated.write(claims, out)
    for name in ("mkdocs.yml", "docs"):
        (shutil.copytree if (tree / name).is_dir() else shutil.copy2)(tree / name, out / name)


def build(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", "site"],
                   cwd=root, env=env, check=True)
    return time.perf_counter() - started


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def weigh(site_dir: Path, query: str) -> dict:
    """Bytes of the claim page's first visit, then of one search for `query`, in a fresh browser context."""
    with StaticSite(site_dir, "/") as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        page = context.new_page()
        responses = []
        context.on("response", lambda response: responses.append(response))
        page.goto(site.url(CLAIM), wait_until="load")
        page.wait_for_load_state("networkidle")
        time.sleep(1)  # a search worker's index fetch starts after load
        page.wait_for_load_state("networkidle")
        view = sum(len(r.body()) for r in responses if r.ok)
        viewed = len(responses)
        page.keyboard.press("/")
        page.keyboard.type(query, delay=30)
        # done when the search has answered (Material's "N matching documents" or "No matching documents")
        page.wait_for_function("() => /\\d|No matching/.test(document.querySelector('.md-search-result__meta')"
                               ".textContent)", timeout=60_000)
        page.wait_for_load_state("networkidle")
        search = sum(len(r.body()) for r in responses[viewed:] if r.ok)
        results = page.locator(".md-search-result__item").count()
        browser.close()
    return {"query": query, "view_bytes": view, "search_bytes": search, "results_shown": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page_weight", description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--tree", type=Path, default=REPO_ROOT)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench-data" / "replicated-10000")
    parser.add_argument("--built", action="store_true", help="weigh the site already built in --out")
    args = parser.parse_args(argv)
    seconds = None
    if not args.built:
        replicate(args.out, args.claims, args.tree.resolve())
        seconds = build(args.out)
    site_dir = args.out / "site"
    result = {"claims": args.claims, "build_seconds": seconds and round(seconds, 1),
              "search_index_bytes": folder_bytes(site_dir / "pagefind") + folder_bytes(site_dir / "search"),
              "weights": [weigh(site_dir, query) for query in QUERIES]}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
