"""The archive is tamper-evident: an article whose bytes no longer match its sha256 stops the build."""
from __future__ import annotations

import pytest

from browser.support import build_site, skip_unless_site_is_buildable
from scratch import scratch_repository

pytestmark = pytest.mark.slow  # MkDocs builds


@pytest.fixture
def checkout(tmp_path):
    skip_unless_site_is_buildable()
    return scratch_repository(tmp_path / "repo", claims="all", site=True)


def test_untouched_archive_builds(real_site_build):
    # The same copy, untouched, is the session's build of the real site, which must succeed.
    checkout, site = real_site_build
    assert (site / "sources").is_dir() and (checkout / "seeds" / "002_6eb3d2f8a7884fb1.txt").is_file()


@pytest.mark.parametrize("change", ["one digit", "one appended byte", "line endings"])
def test_changed_article_stops_mkdocs_build_naming_the_file(checkout, tmp_path, change):
    article = checkout / "seeds" / "002_6eb3d2f8a7884fb1.txt"
    raw = article.read_bytes()
    tampered = {"one digit": raw.replace(b"4.000", b"4.001", 1),
                "one appended byte": raw + b" ",
                "line endings": raw.replace(b"\n", b"\r\n")}[change]
    assert tampered != raw
    article.write_bytes(tampered)
    result = build_site(checkout, tmp_path / "site")
    assert result.returncode != 0
    assert "seeds/002_6eb3d2f8a7884fb1.txt no longer matches its recorded sha256" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "sources").exists(), "no pages were written from a tampered archive"
