"""The built site's markup, checked by the W3C's Nu Html Checker (vnu.jar, npm `vnu-jar`, run on Java).

Every HTML page of this checkout's site is checked, so every page type is:
home, topics, claims, sources, originators, verdicts, their indexes,
methodology, about and 404. No error may come from the site's own markup.
The theme (Material for MkDocs) makes two errors that are not ours to fix;
they are named and filtered below, nothing else.

Without Java or vnu.jar the test skips with a notice, as the axe-core tests
do; under CI=true it fails.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .support import REPO, in_ci

pytestmark = pytest.mark.browser

VNU = REPO / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One path per page type; the check covers every page, these make sure each type is among them.
PAGE_TYPES = {
    "home": "index.html",
    "topic": "topics/casualties/index.html",
    "claim": "claims/nk-killed-wounded/index.html",
    "source": "sources/kompastv-mar2025/index.html",
    "originator": "originators/sk-jcs/index.html",
    "verdict": "verdicts/disputed/index.html",
    "claim index": "claims/index.html",
    "topic index": "topics/index.html",
    "source index": "sources/index.html",
    "originator index": "originators/index.html",
    "verdict index": "verdicts/index.html",
    "methodology": "methodology/index.html",
    "about": "about/index.html",
    "404": "404.html",
}
# The theme's own errors:
# - its drawer and search toggles are checkboxes with autocomplete="off"
#   (kept so browsers do not restore a toggled state; not valid on a checkbox);
# - the table of contents' title is a label for the hidden __toc toggle.
THEME_ERRORS = {
    "autocomplete on the theme's toggles": lambda m: (
        m["message"].startswith("Attribute \u201cautocomplete\u201d is only allowed when the input type is")
        and 'class="md-toggle"' in m.get("extract", "")),
    "label for the hidden table-of-contents toggle": lambda m: (
        m["message"].startswith("The value of the \u201cfor\u201d attribute of the \u201clabel\u201d element "
                                "must be the ID of a non-hidden form control")
        and 'for="__toc"' in m.get("extract", "")),
}


@pytest.fixture(scope="session")
def vnu():
    """The command that runs the checker; skipped with a notice (failed under CI) without Java or vnu.jar."""
    java = shutil.which("java")
    problem = None
    if java is None:
        problem = "Java is not installed (the Nu Html Checker needs Java 11 or later: `apt-get install default-jre-headless`)"
    elif not VNU.is_file():
        problem = "vnu.jar is not installed: run `make axe` (npm ci --prefix tests/browser)"
    if problem:
        if in_ci():
            pytest.fail(problem + " (CI=true)", pytrace=False)
        pytest.skip(f"markup check skipped: {problem}")
    return [java, "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always"]


def check(vnu: list[str], files: list[Path]) -> list[dict]:
    """The checker's errors for `files`, each with the file it is in."""
    result = subprocess.run([*vnu, *map(str, files)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    messages = json.loads(result.stderr)["messages"]  # vnu writes its report to stderr
    return [m for m in messages if m["type"] in ("error", "non-document-error")]


def test_the_checker_finds_an_error_in_markup(vnu, tmp_path):
    """The check can fail: a duplicate id and a stray end tag are reported, with their lines."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html>\n<html lang="en"><title>t</title>\n<p id="a">x</p>\n<p id="a">y</div>\n',
                    encoding="utf-8")
    errors = check(vnu, [page])
    assert any("Duplicate ID" in e["message"] and e.get("lastLine") == 4 for e in errors), errors
    assert any("Stray end tag \u201cdiv\u201d" in e["message"] for e in errors), errors


def test_the_sites_own_markup_has_no_error(real_site, vnu):
    site = real_site.directory
    pages = sorted(site.rglob("*.html"))
    missing = [kind for kind, path in PAGE_TYPES.items() if site / path not in pages]
    assert not missing, f"page types not in the built site: {missing}"
    errors = check(vnu, pages)
    ours = [e for e in errors if not any(is_theirs(e) for is_theirs in THEME_ERRORS.values())]
    assert not ours, "\n".join(
        f"{Path(e['url'].removeprefix('file:')).resolve().relative_to(site)}:{e.get('lastLine')}: {e['message']}"
        f" [{e.get('extract', '').strip()[:120]}]" for e in ours[:30])
    # Every page was checked: each carries the theme's toggles, and so their error.
    # Should a theme upgrade fix it, this says so: drop it from THEME_ERRORS.
    toggles = THEME_ERRORS["autocomplete on the theme's toggles"]
    flagged = {Path(e["url"].removeprefix("file:")).resolve() for e in errors if toggles(e)}
    assert flagged == {p.resolve() for p in pages}, "the theme's toggle error is not reported on every page"
