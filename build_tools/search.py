"""The site's search index: Pagefind, run on the built HTML after every build (and every `mkdocs serve` rebuild).

Pagefind splits the index into chunks that a browser fetches only for the words it searches, so what a
reader downloads stays small however many claims the briefing holds (BENCHMARKS.md). It indexes what a page
marks with `data-pagefind-body` (overrides/main.html: the content of every page that is not left out of
search) and skips what carries `data-search-exclude` (render/components.NOT_INDEXED), the marker the
templates have always used for what stays out of the index. The search box is Material's own markup,
driven by theme/search.js.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .render.components import NOT_INDEXED

OUTPUT_FOLDER = "pagefind"  # under the site's folder; theme/search.js loads pagefind.js from here


class IndexingFailed(Exception):
    """Pagefind could not index the site; the message is what it said."""


def index_site(site_dir: Path) -> None:
    """Write the search index for the HTML under `site_dir` into `site_dir/pagefind/`, replacing the old one.

    Runs the binary of the pinned `pagefind-bin` through the `pagefind` package, with this Python, so it
    needs nothing installed beyond requirements.txt. The index is written beside the site and then put in
    place whole: Pagefind names its chunks by their content and never deletes any, so under `mkdocs serve`
    an index written over the old one would keep every page's old chunks too."""
    written = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir.parent))
    try:
        _run_pagefind(site_dir, written)
        shutil.rmtree(site_dir / OUTPUT_FOLDER, ignore_errors=True)
        written.rename(site_dir / OUTPUT_FOLDER)
    finally:
        shutil.rmtree(written, ignore_errors=True)


def _run_pagefind(site_dir: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
               "--exclude-selectors", f"[{NOT_INDEXED}], .headerlink", "--silent"]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as err:
        raise IndexingFailed(f"could not run Pagefind ({err})") from None
    if finished.returncode != 0:
        said = (finished.stderr or finished.stdout).strip() or f"exit status {finished.returncode}"
        raise IndexingFailed(f"Pagefind could not index {site_dir}: {said}")
