"""The site's search index: Pagefind, run on the built HTML after every build (and every `mkdocs serve` rebuild).

Pagefind splits the index into chunks that a browser fetches only for the words it searches, so what a
reader downloads stays small however many claims the briefing holds (BENCHMARKS.md). It indexes what a page
marks with `data-pagefind-body` (overrides/main.html: the content of every page that is not left out of
search) and skips what carries `data-search-exclude` (render/components.NOT_INDEXED), the marker the
templates have always used for what stays out of the index. The search box is Material's own markup,
driven by theme/search.js.

Under `mkdocs serve` a save changes a few pages, and indexing the whole site again would cost more than
rendering them (a second a thousand pages): `ServedIndex` indexes only the pages changed since the whole
site was last indexed, into an overlay (`pagefind/overlay/`), and names in `pagefind/overlay.json` the
entries of the whole index that the overlay replaces. theme/search.js searches both and drops those entries,
so the search finds what a cold build's index finds.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .render.components import NOT_INDEXED

OUTPUT_FOLDER = "pagefind"  # under the site's folder; theme/search.js loads pagefind.js from here
OVERLAY_FOLDER = "overlay"  # under OUTPUT_FOLDER: the pages changed since the whole site was indexed
OVERLAY_FILE = "overlay.json"  # under OUTPUT_FOLDER: {"bundle": OVERLAY_FOLDER or null, "replaced": [entry ids]}
_FRAGMENT_SIGNATURE = b"pagefind_dcd"  # each pagefind/fragment/*.pf_fragment: gzip of this, then JSON
# What a page's output path may hold to be named in Pagefind's --glob without being read as a pattern.
_PLAIN_PATH = re.compile(r"[\w./-]+")
_BODY = re.compile(r"<\w+\s[^>]*\bdata-pagefind-body\b")  # overrides/main.html marks what is indexed


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
        _write_overlay_file(written, bundle=None, replaced=[])
        _put_in_place(written, site_dir / OUTPUT_FOLDER)
    finally:
        shutil.rmtree(written, ignore_errors=True)


class ServedIndex:
    """Under `mkdocs serve`: the whole site's index as last built, and an overlay of the pages changed since.

    A save re-indexes every page changed since the whole index was built (not only this save's), so the
    overlay is one bundle; when that is more than half the pages, indexing the whole site costs about as
    much, and it is indexed whole again."""

    def __init__(self):
        self.indexed: dict[str, bytes] | None = None  # each page's output path -> its HTML's digest, when indexed whole
        self.entries: dict[str, str] | None = None  # each page's URL -> its entry in the whole index, once needed

    def forget(self) -> None:
        """The next update indexes the whole site."""
        self.indexed = self.entries = None

    def update(self, site_dir: Path, pages: dict[str, bytes]) -> int | None:
        """Bring the index of `site_dir` up to date with `pages`: every indexed page's output file (as MkDocs
        names it, under `site_dir`) and the digest of its HTML as written there. How many pages the overlay
        holds; None when the whole site was indexed."""
        # The overlay needs the whole index it overlays on disk (a plain `mkdocs serve` empties the folder).
        if self.indexed is not None and (site_dir / OUTPUT_FOLDER / "pagefind-entry.json").is_file():
            # Only the changed pages' paths are made relative: a save changes a few of thousands.
            changed = sorted(_under(site_dir, output) for output, digest in pages.items()
                             if self.indexed.get(output) != digest)
            gone = [_under(site_dir, output) for output in self.indexed.keys() - pages.keys()]
            if len(changed) + len(gone) <= len(pages) // 2 and all(map(_PLAIN_PATH.fullmatch, changed)):
                if self.entries is None:
                    self.entries = _entries(site_dir / OUTPUT_FOLDER)
                _index_overlay(site_dir, changed, [self.entries[url] for url in map(page_url, changed + gone)
                                                   if url in self.entries])
                return len(changed)
        index_site(site_dir)
        self.indexed, self.entries = pages, None
        return None


def _under(site_dir: Path, output: str) -> str:
    return Path(output).relative_to(site_dir).as_posix()


def indexed_digest(html: str) -> bytes | None:
    """What a page's HTML is to the index: its digest, or None for a page Pagefind leaves out (nothing in it
    is marked `data-pagefind-body`; indexed with other pages, a page without it would be indexed whole)."""
    return hashlib.blake2b(html.encode("utf-8"), digest_size=16).digest() if _BODY.search(html) else None


def page_url(path: str) -> str:
    """The URL Pagefind gives the page written at `path` under the site: "claims/x/index.html" -> "/claims/x/"."""
    return "/" + path.removesuffix("index.html")


def read_entries(bundle: Path) -> dict[str, dict]:
    """By entry id: what Pagefind holds of each page in `bundle` (its "url", "meta" and indexed "content")."""
    entries = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        if not data.startswith(_FRAGMENT_SIGNATURE):
            raise IndexingFailed(f"{fragment} is not a Pagefind fragment")
        entries[fragment.name.removesuffix(".pf_fragment")] = json.loads(data[len(_FRAGMENT_SIGNATURE):])
    return entries


def _entries(bundle: Path) -> dict[str, str]:
    return {entry["url"]: entry_id for entry_id, entry in read_entries(bundle).items()}


def _index_overlay(site_dir: Path, changed: list[str], replaced: list[str]) -> None:
    """Index the pages at `changed` into the overlay and name the whole index's `replaced` entries; an entry
    the overlay holds unchanged is not replaced (theme/search.js shows an entry once)."""
    output = site_dir / OUTPUT_FOLDER
    held = set()
    if changed:
        written = Path(tempfile.mkdtemp(prefix=".pagefind-overlay-", dir=site_dir.parent))
        try:
            _run_pagefind(site_dir, written, glob="{" + ",".join(changed) + "}")
            held = read_entries(written).keys()
            _put_in_place(written, output / OVERLAY_FOLDER)
        finally:
            shutil.rmtree(written, ignore_errors=True)
    else:
        shutil.rmtree(output / OVERLAY_FOLDER, ignore_errors=True)
    _write_overlay_file(output, bundle=f"{OUTPUT_FOLDER}/{OVERLAY_FOLDER}/" if changed else None,
                        replaced=sorted(set(replaced) - held))


def _write_overlay_file(output: Path, bundle: str | None, replaced: list[str]) -> None:
    text = json.dumps({"bundle": bundle, "replaced": replaced})
    partial = output / f".{OVERLAY_FILE}.partial"
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, output / OVERLAY_FILE)


def _put_in_place(written: Path, folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    written.rename(folder)


def _run_pagefind(site_dir: Path, output: Path, glob: str | None = None) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
               "--exclude-selectors", f"[{NOT_INDEXED}], .headerlink", "--silent"]
    if glob is not None:
        command += ["--glob", glob]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as err:
        raise IndexingFailed(f"could not run Pagefind ({err})") from None
    if finished.returncode != 0:
        said = (finished.stderr or finished.stdout).strip() or f"exit status {finished.returncode}"
        raise IndexingFailed(f"Pagefind could not index {site_dir}: {said}")
