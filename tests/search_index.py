"""What a built site's search finds: each page's indexed text, read from Pagefind's own fragments.

Under `mkdocs serve` the index is the whole site's as last built, less the entries that pagefind/overlay.json
names as replaced, plus the overlay's (build_tools/search.py): what theme/search.js searches.
"""
from __future__ import annotations

import json
from pathlib import Path

from build_tools.search import read_entries


def indexed_pages(site: Path) -> dict[str, dict]:
    """By URL path under the site ("claims/x/"): {"title": ..., "content": ...} as the search finds them."""
    overlay = json.loads((site / "pagefind" / "overlay.json").read_text(encoding="utf-8"))
    entries = {entry_id: entry for entry_id, entry in read_entries(site / "pagefind").items()
               if entry_id not in overlay["replaced"]}
    if overlay["bundle"]:
        entries |= read_entries(site / overlay["bundle"])
    pages = {}
    for entry in entries.values():
        url = entry["url"].lstrip("/")
        assert url not in pages, f"two entries in the search index for {url}"
        pages[url] = {"title": entry["meta"].get("title", ""), "content": entry["content"]}
    return pages
