"""The same input builds the same bytes.

Two `mkdocs build --strict` runs of one checkout, and a build of a second
copy whose files were created in reverse order (so directory listings come
back in another order), give identical files. Only the sitemap's <lastmod>
dates may differ. ProperDocs, the maintained fork of MkDocs 1.6, builds the
same files too, but for the generator it names in each page's head.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from browser.support import MKDOCS, PROPERDOCS, build_site
from scratch import SITE_CLAIMS, scratch_repository

pytestmark = pytest.mark.slow  # MkDocs builds, several of each tree

LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def comparable(path: Path, across_engines: bool = False) -> bytes:
    raw = path.read_bytes()
    if path.name == "sitemap.xml.gz":
        raw = gzip.decompress(raw)
    if path.name.startswith("sitemap.xml"):
        raw = LASTMOD.sub(b"<lastmod/>", raw)
    if across_engines and path.suffix == ".html":
        raw = GENERATOR.sub(b'<meta name="generator">', raw)
    return raw


def differences(a: Path, b: Path, across_engines: bool = False) -> list[str]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    found = [f"only in one build: {name}" for name in sorted(files_a ^ files_b)]
    found += [f"differs: {name}" for name in sorted(files_a & files_b)
              if comparable(a / name, across_engines) != comparable(b / name, across_engines)]
    return found


@pytest.fixture(scope="module")
def builds(tmp_path_factory, real_site_build):
    """The session's build of a checkout copy (PYTHONHASHSEED=1) is the first; the others are built here."""
    forward, first = real_site_build
    base = tmp_path_factory.mktemp("reproducible")
    backward = scratch_repository(base / "backward" / "repo", claims="all", site=True, reverse=True)
    sites = {"first": first}
    for name, root, out, engine in (("again", forward, base / "again", MKDOCS),
                                    ("reversed", backward, base / "reversed", MKDOCS),
                                    ("properdocs", forward, base / "properdocs", PROPERDOCS)):
        result = build_site(root, out, extra_env={"PYTHONHASHSEED": str(len(sites) * 7 + 1)}, engine=engine)
        assert result.returncode == 0, f"{name} build failed:\n{result.stderr[-3000:]}"
        sites[name] = out
    return sites


def test_two_builds_of_one_checkout_are_identical(builds):
    assert len(list(builds["first"].rglob("*.html"))) > 20
    assert differences(builds["first"], builds["again"]) == []


def test_a_copy_made_in_reverse_file_order_builds_the_same_bytes(builds):
    assert differences(builds["first"], builds["reversed"]) == []


def test_properdocs_builds_the_same_site_but_for_the_generator_it_names(builds):
    generators = {GENERATOR.search((builds[name] / "index.html").read_bytes()).group(0)
                  for name in ("first", "properdocs")}
    assert len(generators) == 2, "each build names its own engine"
    assert differences(builds["first"], builds["properdocs"], across_engines=True) == []


def test_the_comparison_sees_a_difference(builds, tmp_path):
    """The check itself can fail: one changed byte, or one extra file, is reported."""
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(builds["first"], copy)
    page = next(copy.rglob("claims/*/index.html"))
    page.write_bytes(page.read_bytes().replace(b"</body>", b" </body>"))
    (copy / "extra.txt").write_text("x")
    found = differences(builds["first"], copy)
    assert f"differs: {page.relative_to(copy).as_posix()}" in found and "only in one build: extra.txt" in found


@pytest.mark.parametrize("data", ["real", "fixtures"])
def test_setting_html_blocks_aside_changes_no_byte_of_the_site(data, tmp_path, monkeypatch):
    """The hook hands MkDocs each generated page with its HTML blocks set aside
    and puts them back after conversion (build_tools/render/html_blocks.py);
    the site must be what MkDocs makes of the whole page. The fixtures hold the
    hostile claim and every Markdown subset case the build tests use."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from build_tools.render import html_blocks

    repo = scratch_repository(tmp_path / "repo", claims="all" if data == "real" else SITE_CLAIMS, site=True)
    set_aside = html_blocks.set_aside
    counted = []

    def counting(markdown):
        skeleton, blocks = set_aside(markdown)
        counted.append(len(blocks))
        return skeleton, blocks

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(html_blocks, "set_aside", counting)
    build(load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(tmp_path / "aside"), strict=True))
    monkeypatch.setattr(html_blocks, "set_aside", lambda markdown: (markdown, []))
    build(load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(tmp_path / "whole"), strict=True))
    assert counted and min(counted) >= 1  # every generated page had blocks set aside
    assert differences(tmp_path / "aside", tmp_path / "whole") == []
