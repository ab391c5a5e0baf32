"""The site's search index: Pagefind, run on the built HTML after every build (and every `mkdocs serve` rebuild).

Pagefind splits the index into chunks that a browser fetches only for the words it searches, so what a
reader downloads stays small however many claims the briefing holds (BENCHMARKS.md). It indexes what a page
marks with `data-pagefind-body` (overrides/main.html: the content of every page that is not left out of
search) and skips what carries `data-search-exclude` (render/components.NOT_INDEXED), the marker the
templates have always used for what stays out of the index. The search box is Material's own markup,
driven by theme/search.js.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .render.components import NOT_INDEXED

OUTPUT_FOLDER = "pagefind"  # under the site's folder; theme/search.js loads pagefind.js from here


class IndexingFailed(Exception):
    """Pagefind could not index the site; the message is what it said."""


def index_site(site_dir: Path) -> None:
    """Write the search index for the HTML under `site_dir` into `site_dir/pagefind/`.

    Runs the binary of the pinned `pagefind-bin` through the `pagefind` package, with this Python, so it
    needs nothing installed beyond requirements.txt."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT_FOLDER,
               "--exclude-selectors", f"[{NOT_INDEXED}], .headerlink", "--silent"]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as err:
        raise IndexingFailed(f"could not run Pagefind ({err})") from None
    if finished.returncode != 0:
        said = (finished.stderr or finished.stdout).strip() or f"exit status {finished.returncode}"
        raise IndexingFailed(f"Pagefind could not index {site_dir}: {said}")
