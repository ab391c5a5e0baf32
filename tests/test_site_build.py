"""The built site: cards, marked quotes, links, no other hosts, failure modes.

The site is built once per session from a copy of the repository's code,
registries and archive in a temporary folder, with the claim files of
tests/scratch.py (SITE_CLAIMS), so the tests do not depend on claims being
edited in claims/.
"""
from __future__ import annotations

import html
import json
import os
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools import pipeline
from build_tools.archive import fold_space
from build_tools.render import paths
from conftest import run_cli
from scratch import SITE_CLAIMS, THREE_SOURCES, scratch_repository
from search_index import indexed_pages

REPO = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/nk-russia-briefing/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

def mkdocs_build(repo: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=repo, env=ENV, capture_output=True, text=True, timeout=300)


def tree_state(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    repo = scratch_repository(tmp_path_factory.mktemp("repo"), claims=SITE_CLAIMS, site=True)
    docs_before = tree_state(repo / "docs")
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    return {"repo": repo, "site": site, "docs_before": docs_before, "corpus": pipeline.check(repo).corpus}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <mark> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.marks: list[tuple[str, str]] = []  # (data-passages, text)
        self._mark: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "mark":
            self._mark = [attributes.get("data-passages", "")]

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark:
            self.marks.append((self._mark[0], "".join(self._mark[1:])))
            self._mark = None

    def handle_data(self, data):
        if self._mark is not None:
            self._mark.append(data)

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_html(site: Path, page: str) -> Path:
    return site / paths.url(page) / "index.html"


def _cards(site: Path, page: str) -> list[dict[str, str]]:
    return [a for t, a in parse(page_html(site, page)).tags if t == "li" and "source-card" in a.get("class", "").split()]


def test_each_source_entry_is_one_card(built):
    corpus, site = built["corpus"], built["site"]
    assert len(corpus.claims["three-sources"].sources) == 3
    for claim in corpus.claims.values():
        if claim.replaced_by:
            continue  # its page redirects; see test_replaced_claim_redirects_to_its_replacement
        cards = _cards(site, paths.claim(claim.id))
        assert [a.get("id") for a in cards] == [f"source-{n}" for n in range(1, len(claim.sources) + 1)], claim.id
    for topic in corpus.topics:  # listings link to the claim pages, which alone show the sources
        assert _cards(site, paths.topic(topic)) == [], topic


def test_an_originator_page_lists_each_claim_citing_it(built):
    corpus, site = built["corpus"], built["site"]
    for originator in corpus.originators:
        citing = [c.id for c in corpus.current_claims() if any(e.originator == originator for e in c.sources)]
        page = parse(page_html(site, paths.originator(originator)))
        listed = [a["id"] for t, a in page.tags if t == "h2" and a.get("id") in corpus.claims]
        assert sorted(listed) == sorted(citing), originator
        assert _cards(site, paths.originator(originator)) == [], originator


def test_a_claims_tags_lead_to_its_topic_and_originator_pages(built):
    corpus, site = built["corpus"], built["site"]
    claim = corpus.claims["three-sources"]
    page = paths.claim(claim.id)
    chips = [a["href"] for t, a in parse(page_html(site, page)).tags if t == "a" and a.get("class") == "md-tag"]
    originators = list(dict.fromkeys(e.originator for e in claim.sources))
    assert chips == [paths.href(page, paths.topic(claim.topic))] + [paths.href(page, paths.originator(o)) for o in originators]


def test_no_page_repeats_an_id(built):
    for file in built["site"].rglob("*.html"):
        ids = [a["id"] for _, a in parse(file).tags if "id" in a]
        assert len(ids) == len(set(ids)), (file, sorted({i for i in ids if ids.count(i) > 1}))


def test_every_quote_is_marked_and_anchored_on_its_source_page(built):
    corpus = built["corpus"]
    for claim in corpus.claims.values():
        for entry in claim.sources:
            page = parse(page_html(built["site"], paths.source(entry.article)))
            anchor = paths.passage_anchor(entry.passage.start, entry.passage.end)
            assert anchor in page.ids(), (claim.id, anchor)
            marked = "".join(text for passages, text in page.marks if anchor in passages.split())
            assert fold_space(marked) == fold_space(entry.quote)


def test_quotes_carry_their_language(built):
    source = page_html(built["site"], paths.claim("three-sources")).read_text(encoding="utf-8")
    assert source.count('<blockquote class="source-card__quote" lang="id">') == 3


def _links(site: Path):
    for file in sorted(site.rglob("*.html")):
        for tag, attributes in parse(file).tags:
            for name in ("href", "src"):
                if name in attributes:
                    yield file, tag, name, html.unescape(attributes[name])


def test_every_internal_link_resolves(built):
    site = built["site"]
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for file, tag, _, target in _links(site):
        parts = urlsplit(target)
        if parts.scheme or target.startswith("//") or file.name == "404.html":
            continue  # 404.html uses site_url, since it is served at any depth
        base = posixpath.dirname("/" + file.relative_to(site).as_posix())
        resolved = site / posixpath.normpath(posixpath.join(base, parts.path)).lstrip("/") if parts.path else file
        if resolved.is_dir():
            resolved = resolved / "index.html"
        if not resolved.is_file():
            broken.append((str(file.relative_to(site)), target))
        elif parts.fragment and resolved.suffix == ".html":
            ids = ids_cache.setdefault(resolved, parse(resolved).ids())
            if parts.fragment not in ids and parts.fragment != "__skip":
                broken.append((str(file.relative_to(site)), target))
    assert not broken


def test_no_page_loads_anything_from_another_host(built):
    site = built["site"]
    for file, tag, name, target in _links(site):
        host = urlsplit(target).netloc or (target[2:].split("/")[0] if target.startswith("//") else "")
        if not host or target.startswith(SITE_URL):
            continue
        # Outbound links a reader follows are fine; nothing may be fetched.
        assert tag == "a" and name == "href", (file, tag, target)
    for css in site.rglob("*.css"):
        content = css.read_text(encoding="utf-8")
        assert "url(http" not in content.replace('url("http', "url(http") and "@import" not in content, css


def test_hostile_text_stays_text(built):
    page = page_html(built["site"], paths.claim("hostile")).read_text(encoding="utf-8")
    elements = parse(page_html(built["site"], paths.claim("hostile")))
    for tag, attributes in elements.tags:
        assert tag != "iframe" and (tag != "img" or "tracker.example" not in attributes.get("src", ""))
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert not attributes.get("href", "").strip().lower().startswith("javascript"), attributes
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page or "&lt;script&gt;alert&#40;2&#41;" in page
    assert '<a href="https://example.com/" rel="nofollow noopener">fine</a>' in page
    assert '<a href="../../claims/three-sources/">home</a>' in page


def test_verdict_scale_comes_from_the_registry(built):
    page = page_html(built["site"], paths.METHODOLOGY).read_text(encoding="utf-8")
    for verdict in built["corpus"].verdicts.values():
        assert html.escape(verdict.meaning, quote=True) in page or verdict.meaning in html.unescape(page)


def test_home_page_shows_figures_disagreements_and_last_review(built):
    page = html.unescape(re.sub(r"<[^>]+>", "", page_html(built["site"], paths.HOME).read_text(encoding="utf-8")))
    assert "4,000–6,000 soldiers" in page
    assert "Open disagreements" in page and "How many North Korean soldiers have been killed or wounded?" in page
    assert "Last review: 21 November 2026" in page


def test_the_hook_writes_nothing_into_docs(built):
    assert tree_state(built["repo"] / "docs") == built["docs_before"]


def test_generate_writes_the_pages(built, tmp_path):
    out = tmp_path / "out"
    result = run_cli("generate", "--root", built["repo"], "--out", out)
    assert result.returncode == 0, result.stderr
    for page in (paths.HOME, paths.TOPICS, paths.SOURCES, paths.claim("three-sources"), paths.source("bi-jul2025")):
        assert (out / page).is_file(), page
    data = json.loads((out / "data" / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in data["claims"]} == {"three-sources", "hostile", "withdrawn-toll", "old-toll"}


@pytest.mark.slow  # two make builds
def test_broken_claim_fails_make_build_and_keeps_the_last_site(site_repo):
    repo, tmp_path = site_repo, site_repo.parent
    venv = Path(sys.executable).parent.parent
    stamp = tmp_path / ".setup-done"  # the test's own venv is set up already
    stamp.touch()
    make = ["make", "--no-print-directory", "build", f"VENV={venv}", f"STAMP={stamp}"]
    first = subprocess.run(make, cwd=repo, env=ENV, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    home = (repo / "site" / "index.html").read_bytes()

    claim = repo / "claims" / "casualties" / "three-sources.yaml"
    claim.write_text(THREE_SOURCES.replace("Perkiraan Barat menyebutkan", "Perkiraan Barat mengatakan"),
                     encoding="utf-8")
    second = subprocess.run(make, cwd=repo, env=ENV, capture_output=True, text=True, timeout=300)
    assert second.returncode != 0
    assert "claims/casualties/three-sources.yaml:" in second.stderr
    assert "Traceback" not in second.stderr
    assert (repo / "site" / "index.html").read_bytes() == home


def json_ld(site: Path, page: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>',
                       page_html(site, page).read_text(encoding="utf-8"), re.S)
    return [json.loads(block) for block in found]


def test_each_standing_claim_page_has_exactly_one_claim_review(built):
    corpus = built["corpus"]
    for claim in corpus.current_claims():
        (review,) = json_ld(built["site"], paths.claim(claim.id))
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.claim
        assert review["url"] == SITE_URL + paths.url(paths.claim(claim.id))
        assert review["author"]["name"] == "North Korea–Russia Fact-Check Briefing"
    hostile = json_ld(built["site"], paths.claim("hostile"))[0]
    assert hostile["claimReviewed"].startswith("[x](javascript:alert(1)) <script>")  # data, as text
    index = json.dumps(indexed_pages(built["site"]))
    assert "claimReviewed" not in index  # the JSON-LD is in the head, out of the search index


def _row_texts(table: str) -> list[str]:
    """Each row of an HTML table as its text, tags removed."""
    return [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<tr>(.*?)</tr>", table)]


def test_a_disagreement_is_a_table_on_the_claim_page_and_on_the_home_page(built):
    home = html.unescape(page_html(built["site"], paths.HOME).read_text(encoding="utf-8"))
    table = home.split('<div class="disagreements">', 1)[1].split("</table>", 1)[0]
    assert _row_texts(table) == ["WhoFigureDate",
                    "South Korea's Joint Chiefs of Staff, via The Japan Times4,000 soldiers27 March 2025",
                    "Western officials (not named)4,000 soldiersJuly 2025",
                    "Western estimates (no source named), via Business Insider6,000 soldiersJuly 2025"]
    assert 'href="claims/three-sources/#source-3"' in table  # each figure leads to its source card
    claim_page = html.unescape(page_html(built["site"], paths.claim("three-sources")).read_text(encoding="utf-8"))
    table = claim_page.split('<div class="admonition warning disagreement"', 1)[1].split("</table>", 1)[0]
    assert _row_texts(table) == ["WhoFigureDateStance",
                    "South Korea's Joint Chiefs of Staff, via The Japan Times4,000 soldiers27 March 2025Supports the claim (source 1)",
                    "Western officials (not named)4,000 soldiersJuly 2025Supports the claim (source 2)",
                    "Western estimates (no source named), via Business Insider6,000 soldiersJuly 2025Contradicts the claim (source 3)"]


def test_each_source_card_says_in_a_sentence_who_said_it_and_through_whom(built):
    page = page_html(built["site"], paths.claim("three-sources")).read_text(encoding="utf-8")
    # Business Insider is the report the unnamed site translates: named once, as that.
    assert "Western estimates (no source named), in a report by Business Insider translated by an unnamed site" \
        in html.unescape(page)


def test_home_page_has_the_estimates_timeline_as_inline_svg(built):
    page = page_html(built["site"], paths.HOME).read_text(encoding="utf-8")
    # only the killed-or-wounded measure has estimates here, drawn wide and narrow
    assert page.count('<svg class="timeline-chart timeline-chart--') == 2
    assert 'id="timeline-chart-nk-killed-wounded-wide-title"' in page


def test_exports_are_published_and_linked_from_the_methodology(built):
    site = built["site"]
    data = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in data["claims"]} == set(built["corpus"].claims)
    rows = (site / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + sum(len(c.sources) for c in built["corpus"].claims.values())
    assert (site / "data" / "claim.schema.json").read_bytes() == \
        (REPO / "build_tools" / "schema" / "claim.schema.json").read_bytes()
    methodology = page_html(site, paths.METHODOLOGY).read_text(encoding="utf-8")
    for name in ("claims.json", "claims.csv", "claim.schema.json"):
        assert f'href="../data/{name}"' in methodology


def test_withdrawn_claim_keeps_its_page_with_a_notice_and_leaves_the_lists(built):
    site = built["site"]
    page = page_html(site, paths.claim("withdrawn-toll")).read_text(encoding="utf-8")
    assert "Withdrawn on 21 November 2026: this verdict no longer stands" in page
    assert "<em>three-sources</em>" in html.unescape(page)
    assert json_ld(site, paths.claim("withdrawn-toll")) == []
    topic = page_html(site, paths.topic("casualties")).read_text(encoding="utf-8")
    assert 'id="withdrawn-toll"' not in topic and "Withdrawn claims" in topic
    home = page_html(site, paths.HOME).read_text(encoding="utf-8")
    before, changes = home.split('id="what-changed"', 1)
    changes, after = changes.split("</ul>", 1)
    assert "withdrawn-toll" not in before + after, "a withdrawn claim leaves every list but the news of its withdrawal"
    withdrawal = next(line for line in changes.splitlines() if "withdrawn-toll" in line)
    assert "Withdrawn" in withdrawal and "verdict-badge" not in withdrawal


def test_replaced_claim_redirects_to_its_replacement(built):
    site = built["site"]
    page = page_html(site, paths.claim("old-toll")).read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../three-sources/">' in page
    assert '<link rel="canonical" href="../three-sources/">' in page
    assert 'href="../three-sources/">How many North Korean soldiers' in page
    assert not any(url.startswith("claims/old-toll/") for url in indexed_pages(site))
    assert "old-toll" not in page_html(site, paths.CLAIMS).read_text(encoding="utf-8")


def test_search_indexes_claims_by_quote_translation_topic_and_figures_and_sources_by_quoted_passages(built):
    by_page = {url: page["title"] + " " + page["content"] for url, page in indexed_pages(built["site"]).items()}
    claim = by_page["claims/three-sources/"]
    assert "Western estimates say 6,000 of those North Korean soldiers" in claim    # a translation
    assert "Perkiraan Barat menyebutkan 6.000" in claim                            # its quote, in Indonesian
    assert "Casualties" in claim and "6000" in claim                               # its topic, its figures as digits
    assert "The two July figures do not overlap" not in claim                      # analyses are not indexed
    assert "Who Figure Date" not in claim and "How the figures compare" not in claim  # nor tables and charts
    source = by_page["sources/bi-jul2025/"]
    assert "Perkiraan Barat menyebutkan 6.000" in source                            # the quoted passage
    assert "Penambahan pasukan baru" not in source                                  # its paragraph's other text
    assert not any(page.startswith("claims/") and "three-sources" not in page and "hostile" not in page
                   and "toll" not in page for page in by_page)                      # claim indexes left out
