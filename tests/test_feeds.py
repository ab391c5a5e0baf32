"""The Atom feed and the ClaimReview data feed: what changed, from the data alone."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest

from build_tools import compare, model, pipeline
from build_tools.render import Publisher, feeds, home, render_site
from build_tools.render.claimreview import claim_review
from conftest import FIXTURES

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
PUBLISHER = Publisher("Test desk", "https://example.org/briefing/", "https://creativecommons.org/licenses/by/4.0/")
CORRECTION = ('corrections:\n  - date: "2026-11-25"\n    change: The translation now reads "pledged", as the article says.\n'
              '    reason: A reader pointed out the word.\n')


def add(root, claim_id, source, replace=None):
    target = root / "claims" / "diplomacy" / f"{claim_id}.yaml"
    target.parent.mkdir(exist_ok=True)
    text = source.read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")


@pytest.fixture
def corpus(scratch_repo):
    """A corrected claim, a claim that replaced another, and a withdrawn one."""
    add(scratch_repo, "kim-pledge", FIXTURES / "claims" / "valid.yaml", {"corrections: []\n": CORRECTION})
    add(scratch_repo, "kim-old-pledge", FIXTURES / "published" / "replaced.yaml")
    add(scratch_repo, "kim-withdrawn", FIXTURES / "published" / "withdrawn.yaml")
    (scratch_repo / "claims" / "published-ids.txt").write_text("kim-old-pledge\nkim-pledge\nkim-withdrawn\n")
    result = pipeline.check(scratch_repo)
    assert result.ok, [p.format() for p in result.problems.errors]
    return result.corpus


def entries(feed: bytes) -> tuple[ElementTree.Element, list[ElementTree.Element]]:
    root = ElementTree.fromstring(feed)
    return root, root.findall(f"{ATOM}entry")


def text(element, tag):
    return element.find(f"{ATOM}{tag}").text


def test_the_feed_has_every_element_rfc_4287_requires(corpus):
    root, items = entries(feeds.atom_feed(corpus, PUBLISHER))
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, tag
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Test desk"  # entries inherit the feed's author
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/briefing/feed.xml"
    assert RFC3339.match(text(root, "updated"))
    assert len(items) == 3
    for entry in items:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, tag
        assert text(entry, "id").startswith("https://example.org/briefing/claims/")
        assert RFC3339.match(text(entry, "updated")) and RFC3339.match(text(entry, "published"))
        alternate = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert alternate == text(entry, "id"), "the entry's id is its page's address, which never changes"


def test_entries_come_newest_change_first_and_the_feed_is_as_new_as_its_newest(corpus):
    root, items = entries(feeds.atom_feed(corpus, PUBLISHER))
    assert [text(e, "id").rsplit("/", 2)[1] for e in items] == ["kim-withdrawn", "kim-pledge", "kim-old-pledge"]
    assert [text(e, "updated") for e in items] == ["2026-12-01T00:00:00Z", "2026-11-25T00:00:00Z",
                                                   "2026-11-22T00:00:00Z"]
    assert text(root, "updated") == "2026-12-01T00:00:00Z", "the newest entry's date, not the build's"


def test_an_entry_says_what_changed_with_the_verdict_and_bottom_line(corpus):
    _, items = entries(feeds.atom_feed(corpus, PUBLISHER))
    by_id = {text(e, "id").rsplit("/", 2)[1]: e for e in items}
    pledge = corpus.claims["kim-pledge"]
    assert text(by_id["kim-pledge"], "summary") == f"{corpus.verdicts[pledge.verdict].label}. {pledge.bottom_line}"
    assert text(by_id["kim-pledge"], "content").splitlines() == [
        'Corrected 2026-11-25: The translation now reads "pledged", as the article says.', "Published 2026-11-21"]
    assert text(by_id["kim-old-pledge"], "content").splitlines()[0] == \
        f"Replaced 2026-11-22, by \u201c{pledge.title}\u201d"
    assert text(by_id["kim-withdrawn"], "content").startswith("Withdrawn ")


def test_a_correction_that_changed_the_verdict_is_a_re_rating(corpus):
    claim = corpus.claims["kim-pledge"]
    claim.corrections[0] = model.Correction(claim.corrections[0].date, "Re-rated.", "A reason.", verdict_before="unproven")
    _, items = entries(feeds.atom_feed(corpus, PUBLISHER))
    assert text(items[1], "content").splitlines()[0] == "Re-rated 2026-11-25: Re-rated."


def test_two_renders_give_the_same_bytes(corpus):
    assert feeds.atom_feed(corpus, PUBLISHER) == feeds.atom_feed(corpus, PUBLISHER)
    assert feeds.claimreview_feed(corpus, PUBLISHER) == feeds.claimreview_feed(corpus, PUBLISHER)


def test_markup_in_the_data_stays_text_in_the_feed(corpus):
    claim = corpus.claims["kim-pledge"]
    claim.title = "<script>alert(1)</script> ]]> &amp; \x0b\ufffe"
    raw = feeds.atom_feed(corpus, PUBLISHER)
    assert b"<script>" not in raw and b"]]>" not in raw
    _, items = entries(raw)
    titles = [text(entry, "title") for entry in items]
    assert "<script>alert(1)</script> ]]> &amp; " in titles, "escaped by the library, read back whole"


def test_the_data_feed_holds_each_standing_claims_claimreview(corpus):
    feed = json.loads(feeds.claimreview_feed(corpus, PUBLISHER))
    assert feed["@type"] == "DataFeed" and feed["license"] == PUBLISHER.licence
    assert feed["publisher"] == {"@type": "Organization", "name": "Test desk", "url": PUBLISHER.url}
    (item,) = feed["dataFeedElement"]  # the withdrawn and the replaced claims no longer stand
    review = claim_review(corpus, corpus.claims["kim-pledge"], PUBLISHER)
    del review["@context"]
    assert item == {"@type": "DataFeedItem", "dateCreated": "2026-11-21", "dateModified": "2026-11-25",
                    "item": review}
    assert feed["dateModified"] == "2026-11-25"


def test_the_home_page_lists_the_latest_changes_with_a_link_to_the_corrections(corpus):
    site = render_site(corpus, compare.compare_all(corpus), PUBLISHER)
    page = site.pages["index.md"]
    changes = page.split("## What changed", 1)[1].split("##", 1)[0]
    assert changes.index("kim-withdrawn/") < changes.index("kim-pledge/#corrections") < changes.index("kim-old-pledge/")
    assert "Corrected" in changes and "Withdrawn" in changes and "Replaced" in changes
    assert len(re.findall("<li>", changes)) == min(3, home.HOME_CHANGES)
    assert site.files["feed.xml"] == feeds.atom_feed(corpus, PUBLISHER)


def test_every_page_of_the_built_site_announces_the_feed(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert pages
    for page in pages:
        assert 'rel="alternate feed" type="application/atom+xml"' in page.read_text(encoding="utf-8"), page
    ElementTree.fromstring((hostile_site / "feed.xml").read_bytes())  # well-formed, payloads and all
