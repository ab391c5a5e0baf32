"""What Pagefind indexed of a built site: each page's indexed text, read from the index's own fragments.

Each fragment (pagefind/fragment/*.pf_fragment) is gzip-compressed JSON after a `pagefind_dcd` signature,
holding a page's URL, title (meta) and the whole text Pagefind indexed for it; the search runs on these words.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def indexed_pages(site: Path) -> dict[str, dict]:
    """By URL path under the site ("claims/x/"): {"title": ..., "content": ...} as Pagefind holds them."""
    pages = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), fragment
        page = json.loads(data[len(SIGNATURE):])
        pages[page["url"].lstrip("/")] = {"title": page["meta"].get("title", ""), "content": page["content"]}
    return pages
