"""Long topic and originator listings and the claim index are split into pages with stable addresses."""
from __future__ import annotations

import posixpath
import re

import pytest

from build_tools import pipeline
from build_tools.render import claims as claim_pages, paths
from conftest import REPO


@pytest.fixture(scope="module")
def checked():
    return pipeline.check(REPO)


def in_listing_order(checked, claims) -> list[str]:
    return [c.id for c in sorted(claims, key=claim_pages.listing_order(checked.corpus, checked.comparisons))]


def test_a_long_topic_lists_summaries_a_page_at_a_time(checked):
    topic = checked.corpus.topics["diplomacy"]
    expected = in_listing_order(checked, [c for c in checked.corpus.current_claims() if c.topic == "diplomacy"])
    pages = claim_pages.topic_pages(checked.corpus, checked.comparisons, topic,
                                    claim_pages.claims_by_topic(checked.corpus)["diplomacy"], 3)
    assert list(pages) == [paths.topic("diplomacy", n) for n in range(1, len(pages) + 1)]
    assert len(pages) == -(-len(expected) // 3)
    listed = [anchor for page in pages.values() for anchor in re.findall(r"\{#([a-z0-9-]+) data-search-exclude\}", page)]
    assert listed == expected  # every claim once, in order
    assert not any("source-card" in page for page in pages.values())  # summaries, not cards
    second = pages[paths.topic("diplomacy", 2)]
    assert 'href="../">1</a>' in second and '<strong aria-current="page">2</strong>' in second
    # Only the first page is searchable: the others repeat its title and introduction.
    assert [("search:\n  exclude: true" in page) for page in pages.values()] == [False] + [True] * (len(pages) - 1)


def test_a_short_topic_is_one_page_without_source_cards(checked):
    topic = checked.corpus.topics["casualties"]
    pages = claim_pages.topic_pages(checked.corpus, checked.comparisons, topic,
                                    claim_pages.claims_by_topic(checked.corpus)["casualties"], 25)
    assert list(pages) == [paths.topic("casualties")]
    assert "source-card" not in pages[paths.topic("casualties")] and "pager" not in pages[paths.topic("casualties")]


def test_the_claim_index_is_paged_and_left_out_of_search(checked):
    pages = claim_pages.claims_indexes(checked.corpus, 10)
    assert list(pages)[:2] == [paths.CLAIMS, "claims/page/2.md"]
    rows = sum(page.count("<tr><td>") for page in pages.values())
    assert rows == len(checked.corpus.claims)
    assert all("search:\n  exclude: true" in page for page in pages.values())


def test_a_long_originator_listing_is_paged_like_a_topic(checked):
    originator = checked.corpus.originators["unattributed"]
    citing = claim_pages.claims_by_originator(checked.corpus)["unattributed"]
    expected = in_listing_order(checked, [c for c in citing if c.is_current])
    assert len(expected) > 5  # the real corpus has enough to need a second page
    pages = claim_pages.originator_pages(checked.corpus, checked.comparisons, originator, citing, 5)
    assert list(pages) == [paths.originator("unattributed", n) for n in range(1, len(pages) + 1)]
    listed = [anchor for page in pages.values() for anchor in re.findall(r"\{#([a-z0-9-]+) data-search-exclude\}", page)]
    assert listed == expected
    assert '<strong aria-current="page">2</strong>' in pages[paths.originator("unattributed", 2)]


def test_the_originator_index_counts_standing_claims(checked):
    by_originator = claim_pages.claims_by_originator(checked.corpus)
    index = claim_pages.originators_index(checked.corpus, by_originator)
    for originator_id, claims in by_originator.items():
        count = sum(1 for c in claims if c.is_current)
        assert f'href="{originator_id}/">' in index
        assert re.search(rf'href="{originator_id}/">[^<]*</a> \({count} claims?\)', index), originator_id


def test_the_source_index_is_paged_and_left_out_of_search(checked):
    from build_tools.render import sources as source_pages
    pages = source_pages.sources_indexes(checked.corpus, source_pages.quoted_passages(checked.corpus), 2)
    assert list(pages) == [paths.sources_index(n) for n in range(1, len(pages) + 1)]
    assert list(pages)[1] == "sources/page/2.md" and len(pages) == -(-len(checked.corpus.articles) // 2)
    listed = [posixpath.normpath(posixpath.join("/" + paths.url(path), re.search(r'href="([^"]+)"', row)[1]))
              for path, page in pages.items() for row in page.split("<tr>")[2:]]
    assert listed == ["/" + paths.url(paths.source(article)).rstrip("/") for article in checked.corpus.articles]
    assert all("search:\n  exclude: true" in page for page in pages.values())
    assert '<strong aria-current="page">2</strong>' in pages["sources/page/2.md"]


def test_each_verdict_lists_its_claims_and_the_index_counts_them(checked):
    by_verdict = claim_pages.claims_by_verdict(checked.corpus)
    for verdict in checked.corpus.verdicts.values():
        pages = claim_pages.verdict_pages(checked.corpus, checked.comparisons, verdict, by_verdict[verdict.id], 100)
        listed = [anchor for page in pages.values() for anchor in re.findall(r"\{#([a-z0-9-]+) data-search-exclude\}", page)]
        assert listed == in_listing_order(checked, [c for c in checked.corpus.current_claims()
                                                    if c.verdict == verdict.id]), verdict.id
    index = claim_pages.verdicts_index(checked.corpus, by_verdict)
    disputed = sum(1 for c in checked.corpus.current_claims() if c.verdict == "disputed")
    assert f'<a href="disputed/">Disputed</a></td><td>{disputed} claim' in index


def test_the_home_page_shows_the_latest_disagreements_and_links_to_the_rest(checked, monkeypatch):
    from build_tools.compare import DISAGREE
    from build_tools.render import home
    disagreeing = [c for c in checked.corpus.current_claims() if checked.comparisons[c.id].status == DISAGREE]
    assert disagreeing
    # One fewer than there are, so that the list is cut whatever the curated claims say.
    monkeypatch.setattr(home, "HOME_DISAGREEMENTS", len(disagreeing) - 1)
    page = home.home_page(checked.corpus, checked.comparisons)
    section = page.split("## Open disagreements", 1)[1].split("## ", 1)[0]
    earliest = min(disagreeing, key=lambda c: (c.last_reviewed, c.id))
    # Each claim is named once, with its own table of figures or the sum its parts fail to make.
    assert section.count('class="disagreements__claim"') == len(disagreeing) - 1
    assert f"claims/{earliest.id}/" not in section
    assert '1 more: every <a href="verdicts/disputed/">disputed claim</a>' in section


def test_the_home_page_lists_a_few_claims_per_key_figure(checked, monkeypatch):
    from build_tools.render import home
    monkeypatch.setattr(home, "KEY_FIGURE_CLAIMS", 0)
    page = home.home_page(checked.corpus, checked.comparisons)
    table = page.split('<table class="key-figures">', 1)[1].split("</table>", 1)[0]
    assert "claims/" not in table  # no claim rows, only the pointers to the rest
    for measure in (m.id for m in checked.corpus.measures.values() if m.key_figure):
        count = sum(1 for c in checked.corpus.current_claims() if c.measure == measure)
        if count:
            assert f'{count} more claim{"" if count == 1 else "s"} on this figure, under <a href="topics/' in table, measure
