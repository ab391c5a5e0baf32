"""The hostile corpus, built into a site: no element, attribute, link or script from the data is live.

tests/fixtures/hostile/ (written by its make.py) fills every text field of
claims, registries and the archive index, and the archived article itself,
with HTML, Markdown and script, and still validates, so every payload reaches
the renderer. These checks read the built files; tests/browser/
test_hostile_browser.py loads the same pages in Chromium.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser.support import HOSTILE_DATA
from conftest import run_cli
from search_index import indexed_pages

# Elements and attributes the theme itself never uses in content; any from data is live markup.
FORBIDDEN_TAGS = {"pwn-tag", "iframe", "object", "embed", "base", "frame", "frameset", "applet"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "xlink:href", "background"}


def test_hostile_corpus_validates():
    """Every payload must pass validation, or the tests below would prove nothing."""
    result = run_cli("validate", "--root", str(HOSTILE_DATA))
    assert result.returncode == 0, result.stderr
    assert "ok: 3 claims, 2 articles" in result.stderr


class _Markup(HTMLParser):
    """Collect what could be live: elements, event attributes, link targets, scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._buffer = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta http-equiv={attributes['http-equiv']}>")
        if tag == "style":
            self.problems.append("<style> element in the page")
        if tag == "link" and re.match(r"(?i)\s*(https?:)?//", attributes.get("href") or "") \
                and attributes.get("rel") != "canonical":
            self.problems.append(f"<link> to another host: {attributes}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
                if cleaned.startswith(BAD_SCHEMES) or cleaned.startswith("//") or cleaned.startswith("/\\"):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "autofocus":
                self.problems.append(f"<{tag} autofocus>")
        if tag == "img" and not (attributes.get("src") or "").startswith(("../", "./", "assets/")):
            self.problems.append(f"<img src={attributes.get('src')!r}>")
        if tag == "script":
            self._script, self._buffer = attributes, ""

    def handle_data(self, data):
        if self._script is not None:
            self._buffer += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, self._buffer))
            self._script = None


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_payloads_reach_every_generated_page_as_text(hostile_site):
    claim = (hostile_site / "claims" / "pwn-single" / "index.html").read_text(encoding="utf-8")
    # The script tag from the data is there, escaped: shown, not run.
    assert "&lt;script&gt;window" in claim
    assert "<script>window.__pwned" not in claim
    for page in ("claims/pwn-disputed", "claims/pwn-withdrawn", "sources/hostile-full", "sources/hostile-excerpts",
                 "topics/pwn-topic", "topics/pwn-other", "claims", "sources", "topics", ""):
        html = (hostile_site / page / "index.html").read_text(encoding="utf-8")
        assert "&lt;img src" in html or "&lt;img src" in html.replace("&#61;", "="), page


def test_no_live_markup_from_the_data_on_any_page(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) >= 12
    problems = []
    for page in pages:
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(hostile_site)}: {p}" for p in parser.problems]
        for attributes, body in parser.scripts:
            kind = attributes.get("type", "")
            if "pwn" in body.lower() or "pwn" in json.dumps(attributes).lower():
                if kind == "application/ld+json" and "</script" not in body.lower():
                    continue  # data inside JSON-LD, checked below
                problems.append(f"{page.relative_to(hostile_site)}: script with data: {body[:120]!r}")
            if attributes.get("src") and re.match(r"(?i)\s*(https?:)?//", attributes["src"]):
                problems.append(f"{page.relative_to(hostile_site)}: script from another host {attributes['src']}")
    assert not problems, "\n".join(problems)


def test_json_ld_holds_the_data_as_data(hostile_site):
    claim_pages = [p for p in html_pages(hostile_site) if "/claims/pwn-" in p.as_posix()]
    with_json_ld = [p for p in claim_pages if 'type="application/ld+json"' in p.read_text(encoding="utf-8")]
    assert with_json_ld, "claim pages carry ClaimReview JSON-LD, with the data in it"
    for page in html_pages(hostile_site):
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        for attributes, body in parser.scripts:
            if attributes.get("type") == "application/ld+json":
                assert "</" not in body and "<!--" not in body, page
                json.loads(body)  # one whole JSON value: nothing closed the script early


def test_search_index_holds_the_data_as_escaped_text(hostile_site):
    pages = {url: page for url, page in indexed_pages(hostile_site).items()
             if url.startswith(("claims/pwn", "sources/hostile", "topics/pwn"))}
    assert pages, "the hostile pages are in the search index"
    # Pagefind holds a page's text, not its markup: the payloads are there as the characters written (the
    # results list puts them on the page as text: tests/browser/test_hostile_browser.py), and no element of
    # the page's own markup is
    assert any("<script>window.__pwned=1</script>" in page["content"] for page in pages.values()), "payloads indexed"
    for url, page in pages.items():
        assert 'class="' not in page["content"] and "<p>" not in page["content"], url


def test_exports_keep_the_data_exactly_and_parse(hostile_site):
    exports = sorted(p for p in (hostile_site / "data").rglob("*") if p.is_file())
    assert exports, "the site exports its data"
    data = json.loads((hostile_site / "data" / "claims.json").read_text(encoding="utf-8"))
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["pwn-single"]["claim"].startswith("<img src=x onerror=")  # the data itself, not mangled
    for path in exports:
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))


def test_csv_export_cannot_run_formulas(hostile_site):
    import csv
    rows = list(csv.reader((hostile_site / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()))
    assert len(rows) >= 3
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells), "the formula payload reaches the export"
    dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not dangerous, dangerous[:5]


# The characters validation refuses (control, bidi) must appear in no output;
# the allowed ones that end a line or a string somewhere (LS, PS, BOM, a
# character beyond U+FFFF) must reach every container whole.
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
CONTAINER = "\u2028\u2029\ufeff\U0001F600"


def test_no_control_or_bidi_character_reaches_any_output(hostile_site):
    outputs = [p for p in hostile_site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml")]
    assert len(outputs) > 12
    found = {str(p.relative_to(hostile_site)): REFUSED.search(p.read_text(encoding="utf-8")).group()
             for p in outputs if REFUSED.search(p.read_text(encoding="utf-8"))}
    assert not found, found


def test_line_separators_bom_and_astral_characters_keep_every_container_whole(hostile_site):
    page = (hostile_site / "claims" / "pwn-single" / "index.html").read_text(encoding="utf-8")
    # Front matter read back whole: the title is the data's (white space folded), the ClaimReview is there.
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "\ufeff\U0001F600" in title and "\\u" not in title, repr(title[:60])
    parser = _Markup()
    parser.feed(page)
    (review,) = [json.loads(body) for attributes, body in parser.scripts
                 if attributes.get("type") == "application/ld+json"]
    assert review["claimReviewed"].endswith(CONTAINER)
    assert review["itemReviewed"]["author"]["name"].startswith("JCS " + CONTAINER)
    scripts = "".join(body for _, body in parser.scripts)
    assert "\u2028" not in scripts and "\u2029" not in scripts  # escaped: they end a line in older JavaScript
    source = (hostile_site / "sources" / "hostile-full" / "index.html").read_text(encoding="utf-8")
    assert "Headline \ufeff\U0001F600" in source
    data = json.loads((hostile_site / "data" / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"]: c for c in data["claims"]}["pwn-single"]["claim"].endswith(CONTAINER)
