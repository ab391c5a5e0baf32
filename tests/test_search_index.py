"""build_tools/search.py: Pagefind indexes a folder of HTML, and says what went wrong when it cannot."""
from __future__ import annotations

import pytest

from build_tools import search
from search_index import indexed_pages

pytestmark = pytest.mark.slow  # runs the Pagefind binary


def test_pagefind_indexes_the_marked_body_and_skips_what_is_left_out(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<html lang="en"><body><nav>navigation words</nav><div data-pagefind-body><h1>A claim</h1>'
        '<p>kept words</p><p data-search-exclude>analysis words</p></div></body></html>', encoding="utf-8")
    search.index_site(tmp_path)
    (page,) = indexed_pages(tmp_path).values()
    assert "kept words" in page["content"]
    assert "analysis" not in page["content"] and "navigation" not in page["content"]


def test_a_folder_pagefind_cannot_index_is_an_error_saying_why(tmp_path):
    with pytest.raises(search.IndexingFailed, match="did not contain any html files"):
        search.index_site(tmp_path)
