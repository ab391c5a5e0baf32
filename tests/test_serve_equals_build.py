"""Under `mkdocs serve --dirty` (`make serve`), the plugin renders again only the pages whose content
changed; after every kind of save the folder serve holds equals, file for file, a cold `mkdocs build
--strict` of the same tree at serve's address.

Serve runs in-process as MkDocs' serve runs each rebuild (tests/served.py); the cold build is the CLI.
The sitemap's dates aside; the search index (under serve, the whole site's as first indexed and an overlay
of the pages changed since: build_tools/search.py) compared as the pages it holds and their indexed text.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from browser.support import build_site
from build_tools.search import read_entries
from scratch import SITE_CLAIMS, THREE_SOURCES, scratch_repository
from search_index import indexed_pages
from served import SERVE_URL, Serve, edit

pytestmark = pytest.mark.slow  # site builds

_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def tree(site: Path) -> dict[str, bytes]:
    """Every file but the search index, which is compared as the set of pages Pagefind holds."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
             if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}
    for sitemap in ("sitemap.xml",):
        files[sitemap] = _LASTMOD.sub(b"", files[sitemap])
    files.pop("sitemap.xml.gz")  # the same sitemap, compressed with its dates
    return files


def assert_serve_equals_cold_build(serve: Serve, tmp_path: Path, after: str) -> None:
    cold = tmp_path / f"cold-{after}"
    done = build_site(serve.root, cold, extra_env={"SITE_URL": SERVE_URL})
    assert done.returncode == 0, done.stderr[-3000:]
    served, built = tree(serve.site_dir), tree(cold)
    assert sorted(served) == sorted(built), f"after {after}: files differ"
    assert [path for path in built if served[path] != built[path]] == [], f"after {after}"
    assert indexed_pages(serve.site_dir) == indexed_pages(cold), f"after {after}: the search index differs"


def _rendered_pages(caplog) -> list[int]:
    return [int(m[1].replace(",", "")) for m in re.finditer(r"briefing: ([\d,]+) of [\d,]+ pages to render", caplog.text)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scratch_repository(tmp_path / "repo", claims=SITE_CLAIMS, site=True)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def test_serve_holds_what_a_cold_build_writes_after_each_kind_of_save(repo, tmp_path, caplog):
    claims = repo / "claims"
    three_sources = claims / "casualties" / "three-sources.yaml"
    added = claims / "casualties" / "added-toll.yaml"
    serve = Serve(repo, tmp_path / "served")
    assert_serve_equals_cold_build(serve, tmp_path, "the first build")

    saves = {
        "editing a claim": lambda: edit(three_sources, "bottom_line: South Korea's military said",
                                        "bottom_line: As edited, South Korea's military said"),
        "adding a claim": lambda: (
            added.write_text(THREE_SOURCES.replace("4,000 North Korean soldiers have been killed",
                                                   "Four thousand North Korean soldiers were killed"),
                             encoding="utf-8"),
            edit(claims / "published-ids.txt", "hostile\n", "added-toll\nhostile\n")),
        "deleting the unpublished claim with its id line": lambda: (
            added.unlink(), edit(claims / "published-ids.txt", "added-toll\n", "")),
        "withdrawing a claim": lambda: append(
            claims / "casualties" / "hostile.yaml", 'withdrawn:\n  date: "2026-11-30"\n  reason: Withdrawn by a test.\n'),
        "editing an article's metadata": lambda: edit(
            repo / "seeds" / "articles.yaml", "  headline: Kim Jong Un Berjanji", "  headline: Kim Jong Un Sungguh Berjanji"),
        "editing a registry": lambda: edit(claims / "topics.yaml", "title: Casualties", "title: Casualties of war"),
    }
    for what, save in saves.items():
        save()
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
            serve.rebuild()
        assert_serve_equals_cold_build(serve, tmp_path, what)

    # A file broken half-way: serve keeps the last good pages; fixed, it holds the cold build again.
    good = three_sources.read_text(encoding="utf-8")
    three_sources.write_text(good.replace("sources:", "sources: [", 1), encoding="utf-8")
    serve.rebuild()
    three_sources.write_text(good, encoding="utf-8")
    serve.rebuild()
    assert_serve_equals_cold_build(serve, tmp_path, "breaking a file and fixing it")


def test_a_save_renders_again_only_the_pages_whose_content_changed(repo, tmp_path, caplog):
    serve = Serve(repo, tmp_path / "served")
    page = tmp_path / "served" / "claims" / "three-sources" / "index.html"
    listing = tmp_path / "served" / "topics" / "casualties" / "index.html"
    untouched = tmp_path / "served" / "claims" / "hostile" / "index.html"
    written = {path: path.stat().st_mtime_ns for path in (page, listing, untouched)}

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        serve.rebuild()  # nothing saved
    nothing_saved = _rendered_pages(caplog)[-1]

    edit(repo / "claims" / "casualties" / "three-sources.yaml", "title: How many North Korean soldiers",
         "title: How many soldiers of North Korea")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        serve.rebuild()
    after_edit = _rendered_pages(caplog)[-1]

    assert "How many soldiers of North Korea" in page.read_text(encoding="utf-8")
    assert "How many soldiers of North Korea" in listing.read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == written[untouched]
    # The pages in the navigation and the hand-written ones, every time; the edited claim's page and
    # the listings naming it on top of them.
    assert nothing_saved < after_edit < len(list((tmp_path / "served").rglob("index.html"))) / 2


def test_a_save_indexes_for_search_only_the_pages_whose_indexed_text_changed(repo, tmp_path):
    served = tmp_path / "served"
    serve = Serve(repo, served)
    whole = {path: path.read_bytes() for path in (served / "pagefind").rglob("*") if path.is_file()}
    entry = {entry["url"]: entry_id for entry_id, entry in read_entries(served / "pagefind").items()}

    edit(repo / "claims" / "casualties" / "three-sources.yaml", "title: How many North Korean soldiers",
         "title: How many soldiers of North Korea")
    serve.rebuild()

    overlay = json.loads((served / "pagefind" / "overlay.json").read_text(encoding="utf-8"))
    assert overlay["bundle"] == "pagefind/overlay/"
    in_overlay = {entry["url"] for entry in read_entries(served / overlay["bundle"]).values()}
    # The claim's page and the listings naming it, not the claim that was not edited.
    assert {"/claims/three-sources/", "/topics/casualties/"} <= in_overlay
    assert "/claims/hostile/" not in in_overlay and len(in_overlay) < len(entry) / 2
    assert {entry["/claims/three-sources/"], entry["/topics/casualties/"]} <= set(overlay["replaced"])
    # The whole site's index is left as it was, but for the file that names the overlay.
    assert {path: path.read_bytes() for path in whole if path.name != "overlay.json"} == \
        {path: data for path, data in whole.items() if path.name != "overlay.json"}


def test_a_plain_serve_which_empties_its_folder_indexes_the_whole_site_again(repo, tmp_path):
    serve = Serve(repo, tmp_path / "served", dirty=False)
    edit(repo / "claims" / "casualties" / "three-sources.yaml", "title: How many North Korean soldiers",
         "title: How many soldiers of North Korea")
    serve.rebuild()  # MkDocs empties the folder first, the whole index with it
    assert_serve_equals_cold_build(serve, tmp_path, "a save under a plain serve")
