"""Source pages read as a page about the article: the text, each quoted passage with its English translations and
the claims quoting it (each once) beside it, then the file and its checksum; the pager of a long listing shows
the first, the last and the current page's neighbours; a claim page names who said it as a label."""
from __future__ import annotations

import dataclasses
import html
import re

import pytest

from build_tools import compare, pipeline
from build_tools.render import Publisher, claims as claim_pages, components, paths, render_site, sources
from conftest import REPO


@pytest.fixture(scope="module")
def checked():
    return pipeline.check(REPO)


@pytest.fixture(scope="module")
def site(checked):
    return render_site(checked.corpus, checked.comparisons, Publisher("Test", "https://example.org/"))


def notes_of(page: str) -> dict[str, tuple[list[str], list[str]]]:
    """Each passage note on a source page: its anchor -> (translations, links of the claims quoting it)."""
    notes = {}
    for anchor, body in re.findall(r'<div class="passage-note" data-passage="([^"]+)">(.*?)</div>', page, re.S):
        translations = re.findall(r'<p class="passage-note__translation">(.*?)</p>', body)
        links = re.findall(r'<a href="([^"]+)">', re.search(r'<p class="quoted-in">(.*?)</p>', body).group(1))
        notes[html.unescape(anchor)] = ([html.unescape(t) for t in translations], links)
    return notes


def test_every_quoted_passage_has_its_translation_and_the_claims_quoting_it_beside_it(checked, site):
    passages = sources.quoted_passages(checked.corpus)
    for article in checked.corpus.articles:
        page = site.pages[paths.source(article)]
        notes = notes_of(page)
        assert sorted(notes) == sorted(p.anchor for p in passages.get(article, []))
        for passage in passages.get(article, []):
            translations, links = notes[passage.anchor]
            expected = {q.claim.sources[q.source_index].translation for q in passage.quotations}
            assert set(translations) == expected and len(translations) == len(expected)
            quoting = [link.split("/claims/")[1].split("/")[0] for link in links]
            assert sorted(quoting) == sorted({q.claim.id for q in passage.quotations})
        # Each note comes after its passage's line and before the next line, so it sits beside its line.
        line_of, current = {}, None
        for match in re.finditer(r'<p class="archive-line" id="(L\d+)"|class="passage-anchor" id="([^"]+)"'
                                 r'|data-passage="([^"]+)"', page):
            line, anchor, note = match.groups()
            current = line or current
            if anchor:
                line_of[html.unescape(anchor)] = current
            if note:
                assert line_of[html.unescape(note)] == current


def test_a_claim_quoting_one_passage_twice_is_listed_once_under_it(checked):
    claim = next(c for c in checked.corpus.current_claims() if c.sources[0].passage is not None)
    twice = dataclasses.replace(claim, sources=[claim.sources[0], *claim.sources])
    corpus = dataclasses.replace(checked.corpus, claims={**checked.corpus.claims, claim.id: twice})
    article = corpus.articles[claim.sources[0].article]
    page = sources.source_page(corpus, article, sources.quoted_passages(corpus)[article.id])
    anchor = paths.passage_anchor(claim.sources[0].passage.start, claim.sources[0].passage.end)
    _, links = notes_of(page)[anchor]
    assert [link for link in links if f"/claims/{claim.id}/" in link] == [
        f"../../claims/{claim.id}/#{paths.source_entry_anchor(0)}"]


def test_every_source_page_has_the_same_headings_with_the_metadata_after_the_text(checked, site):
    for article in checked.corpus.articles.values():
        page = site.pages[paths.source(article.id)]
        headings = re.findall(r"^(#+) (.*?)(?: \{.*\})?$", page, re.M)
        assert [level for level, _ in headings] == ["#", "##", "##"]
        assert [text for _, text in headings[1:]] == ["Text", "About this copy"]
        assert page.index("## About this copy") < page.index('<dl class="source-metadata"')
        assert page.index("## Text") < page.index("## About this copy")
        assert article.sha256 in page.split("## About this copy")[1]


def test_a_source_page_links_its_original_or_says_its_address_is_not_known(checked, site):
    for article in checked.corpus.articles.values():
        byline = re.search(r'<p class="source-byline".*?</p>', site.pages[paths.source(article.id)]).group(0)
        if article.url:
            assert 'rel="nofollow noopener">Read the original</a>' in byline
            assert "not known" not in byline
        else:
            assert "Original address not known" in byline and "<a " not in byline
    assert any(not a.url for a in checked.corpus.articles.values())  # the real archive has such an article


@pytest.mark.parametrize("number, count, shown", [
    (1, 1, [1]),
    (3, 5, [1, 2, 3, 4, 5]),
    (1, 400, [1, 2, 3, None, 400]),
    (200, 400, [1, None, 198, 199, 200, 201, 202, None, 400]),
    (400, 400, [1, None, 398, 399, 400]),
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),  # a gap of one page shows that page, not "…"
])
def test_a_pager_shows_the_first_the_last_and_the_current_pages_neighbours(number, count, shown):
    assert components.pager_numbers(number, count) == shown


def test_a_long_index_pages_pager_links_a_few_pages_and_the_previous_and_next(checked):
    pages = claim_pages.claims_indexes(checked.corpus, 1)
    count = len(pages)
    assert count > 20  # one claim a page: long enough to need gaps
    middle = pages[paths.claims_index(count // 2)]
    pager = re.search(r'<nav class="pager".*?</nav>', middle).group(0)
    assert f"Page {count // 2} of {count}" in pager
    assert pager.count("<a ") == 2 * components.PAGER_NEIGHBOURS + 2 + 2  # neighbours, first, last, previous, next
    assert pager.count('class="pager__gap"') == 2
    assert 'rel="prev">Previous</a>' in pager and 'rel="next">Next</a>' in pager
    first = re.search(r'<nav class="pager".*?</nav>', pages[paths.claims_index(1)]).group(0)
    assert "Previous" not in first and 'rel="next"' in first


def test_a_claim_page_names_who_said_it_as_a_label_that_reads_with_a_capital(checked, site):
    claim = next(c for c in checked.corpus.current_claims() if c.claimant == "unattributed")
    page = site.pages[paths.claim(claim.id)]
    name = checked.corpus.originators["unattributed"].reader_name
    assert name.startswith("The ")  # the registry's name opens a line
    assert f'<p class="claim-claimant" data-search-exclude><strong>Said by:</strong> {name}</p>' in html.unescape(page)
    assert "Said by The" not in html.unescape(page)
