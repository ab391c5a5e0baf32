"""The site as a reader uses it: this checkout's site in Chromium, served on 127.0.0.1 under its sub-path.

Navigation from the home page, source cards side by side or stacked by
width, a quote's link landing on its highlighted passage, search by a word
of a translation, the colour-scheme toggle, accessibility (axe-core: no
serious or critical violation), verdicts and disagreements readable without
colour, printing. No page requests anything from another host or logs a
console error; screenshots of each page type (the indexes too) at both
widths, light and dark, go to test-artifacts/.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from .support import REPO

pytestmark = pytest.mark.browser

WIDE, NARROW = 1280, 390
TOPICS = [t["id"] for t in yaml.safe_load((REPO / "claims" / "topics.yaml").read_text(encoding="utf-8"))]


def claim_files() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "claims").glob("*/*.yaml"))}


def multi_source_claim() -> str:
    """A standing claim with the most source entries (at least two)."""
    claims = {k: v for k, v in claim_files().items() if "withdrawn" not in v and "replaced_by" not in v}
    best = max(sorted(claims), key=lambda k: len(claims[k]["sources"]))
    assert len(claims[best]["sources"]) >= 2
    return best


def page_types(site) -> dict[str, str]:
    article = yaml.safe_load((REPO / "seeds" / "articles.yaml").read_text(encoding="utf-8"))[0]["id"]
    return {
        "home": site.url(),
        "topic": site.url(f"topics/{TOPICS[0]}/"),
        "originator": site.url("originators/sk-jcs/"),
        "verdict": site.url("verdicts/disputed/"),
        "claim": site.url(f"claims/{multi_source_claim()}/"),
        "source": site.url(f"sources/{article}/"),
        "methodology": site.url("methodology/"),
        "404": site.url("no-such-page/"),
        "topic-index": site.url("topics/"),
        "claim-index": site.url("claims/"),
        "source-index": site.url("sources/"),
        "originator-index": site.url("originators/"),
        "verdict-index": site.url("verdicts/"),
    }


def test_home_page_links_to_every_topic(real_site, open_page):
    watched = open_page()
    assert watched.goto(real_site.url()).status == 200
    links = set(watched.page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)"))
    for topic in TOPICS:
        assert real_site.url(f"topics/{topic}/") in links, topic
    for topic in TOPICS:
        assert watched.goto(real_site.url(f"topics/{topic}/")).status == 200
    watched.assert_clean()


def card_boxes(page) -> list[dict]:
    boxes = page.eval_on_selector_all(".source-cards li.source-card", """els => els.map(e => {
        const r = e.getBoundingClientRect(); return {x: r.x, y: r.y + window.scrollY, w: r.width, h: r.height}; })""")
    assert len(boxes) >= 2
    return boxes


def test_source_cards_side_by_side_when_wide_one_a_row_when_narrow(real_site, open_page):
    url = real_site.url(f"claims/{multi_source_claim()}/")
    wide = open_page(width=WIDE)
    wide.goto(url)
    boxes = card_boxes(wide.page)
    rows = Counter(round(b["y"]) for b in boxes)
    assert max(rows.values()) >= 2, f"no two cards share a row at {WIDE} px: {boxes}"
    first_row = [b for b in boxes if round(b["y"]) == boxes[0]["y"].__round__()]
    assert len({round(b["x"]) for b in first_row}) == len(first_row), "cards in one row sit side by side"

    narrow = open_page(width=NARROW)
    narrow.goto(url)
    boxes = card_boxes(narrow.page)
    for above, below in zip(boxes, boxes[1:]):
        assert below["y"] >= above["y"] + above["h"] - 1, f"cards overlap or share a row at {NARROW} px: {boxes}"
        assert abs(below["x"] - above["x"]) < 2
    assert all(b["w"] <= NARROW for b in boxes), "no card is wider than the screen"
    wide.assert_clean()
    narrow.assert_clean()


def test_a_claims_originator_tag_leads_to_the_page_listing_what_it_said(real_site, open_page):
    claim = multi_source_claim()
    watched = open_page()
    watched.goto(real_site.url(f"claims/{claim}/"))
    chips = watched.page.locator("nav.claim-tags a.md-tag")
    assert chips.count() >= 2  # the topic, then at least one originator
    name = chips.nth(1).inner_text()
    chips.nth(1).click()
    watched.page.wait_for_load_state()
    assert "/originators/" in watched.page.url
    assert watched.page.locator("h1").inner_text().startswith(name)
    assert watched.page.locator(f"h2#{claim}").count() == 1  # the claim is listed there
    watched.assert_clean()


def test_quote_link_lands_on_the_highlighted_passage_in_view(real_site, open_page):
    watched = open_page(width=WIDE, height=800)
    watched.goto(real_site.url(f"claims/{multi_source_claim()}/"))
    link = watched.page.locator(".source-card a", has_text="Read in context").first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    link.click()
    watched.page.wait_for_url(re.compile(re.escape("#" + anchor) + "$"))
    watched.page.wait_for_load_state("networkidle")
    assert real_site.url("sources/") in watched.page.url
    marks = watched.page.locator(f'mark[data-passages~="{anchor}"]')
    assert marks.count() >= 1, f"no <mark> for passage {anchor}"
    box = marks.first.bounding_box()
    header = watched.page.locator("header.md-header").bounding_box()
    assert box is not None and header is not None
    assert header["y"] + header["height"] - 1 <= box["y"] < 800, f"passage not in view below the header: {box}"
    target = watched.page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id")
    assert target == anchor
    watched.assert_clean()


def translation_word() -> tuple[str, str]:
    """A word found in one claim's translations and in no other claim file: (word, claim id)."""
    files = {p.stem: p.read_text(encoding="utf-8").lower() for p in sorted((REPO / "claims").glob("*/*.yaml"))}
    for claim_id, data in claim_files().items():
        if "withdrawn" in data or "replaced_by" in data:
            continue
        for entry in data["sources"]:
            for word in sorted(set(re.findall(r"[a-z]{7,}", entry["translation"].lower()))):
                if sum(word in text for text in files.values()) == 1:
                    return word, claim_id
    pytest.fail("no translation word unique to one claim")


def test_search_finds_a_claim_by_a_word_of_its_translation(real_site, open_page):
    word, claim_id = translation_word()
    watched = open_page()
    watched.goto(real_site.url())
    watched.search(word)
    hrefs = watched.page.eval_on_selector_all(".md-search-result__item a, a.md-search-result__link",
                                             "els => els.map(e => e.href)")
    assert any(real_site.url(f"claims/{claim_id}/") in h for h in hrefs), (word, claim_id, hrefs)
    watched.assert_clean()


def test_dark_and_light_toggle(real_site, open_page):
    watched = open_page(color_scheme="light")
    watched.goto(real_site.url())
    page = watched.page

    def scheme():
        return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")

    def background():
        return page.evaluate("() => getComputedStyle(document.body).backgroundColor")

    assert scheme() == "default"
    light = background()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert background() != light
    page.reload()  # the choice is remembered
    assert scheme() == "slate"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert background() == light
    watched.assert_clean()


@pytest.mark.parametrize("kind", ["home", "topic", "originator", "verdict", "claim", "source", "methodology", "404",
                                  "topic-index", "claim-index", "source-index", "originator-index", "verdict-index"])
def test_no_serious_accessibility_violation_and_screenshots(real_site, open_page, axe_script, kind):
    url = page_types(real_site)[kind]
    for width, scheme in ((WIDE, "light"), (NARROW, "light"), (WIDE, "dark"), (NARROW, "dark")):
        watched = open_page(width=width, color_scheme=scheme, expect_404=(kind == "404"))
        response = watched.goto(url)
        assert response.status == (404 if kind == "404" else 200)
        watched.screenshot(f"{kind}-{width}" + ("-dark" if scheme == "dark" else ""))
        watched.assert_accessible(axe_script, f"{kind} at {width} px, {scheme}")
        watched.assert_clean()


def test_verdicts_and_disagreements_are_readable_without_colour(real_site, open_page):
    """Each verdict or disagreement mark carries words, not only a colour."""
    labels = {v["label"] for v in yaml.safe_load((REPO / "claims" / "verdicts.yaml").read_text(encoding="utf-8"))}
    watched = open_page()
    watched.goto(real_site.url(f"topics/{TOPICS[0]}/"))
    badges = watched.page.locator(".verdict-badge").all_inner_texts()
    assert badges and all(b.strip() in labels for b in badges), badges
    watched.goto(real_site.url(f"claims/{multi_source_claim()}/"))
    page = watched.page
    verdict = page.locator(".verdict__label").inner_text()
    assert verdict.startswith("Verdict: ") and verdict[len("Verdict: "):].strip() in labels, verdict
    stances = page.locator(".source-card__stance").all_inner_texts()
    assert stances and all(re.fullmatch(r"(Supports the claim|Contradicts the claim|Context)(; .*)?", s.strip())
                           for s in stances), stances
    # A disputed claim says so in words; its contradicting cards say so too.
    disputed = [k for k, v in claim_files().items() if v.get("verdict") == "disputed" and "withdrawn" not in v]
    assert disputed
    watched.goto(real_site.url(f"claims/{disputed[0]}/"))
    assert "disagree" in page.locator(".disagreement").inner_text().lower()
    for card in page.locator(".source-card--contradicts").all():
        assert "Contradicts the claim" in card.inner_text()
    # And in grey: the page still says every verdict, without any colour.
    page.add_style_tag(content="html { filter: grayscale(1) !important; }")
    assert page.locator(".verdict__label").inner_text().startswith("Verdict: ")
    watched.assert_clean()


def test_pages_print_cleanly(real_site, open_page):
    watched = open_page()
    watched.goto(real_site.url(f"claims/{multi_source_claim()}/"))
    page = watched.page
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer",
                     ".md-tabs"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} is shown in print"
    cards = page.locator(".source-cards li.source-card")
    assert cards.count() >= 2
    for index in range(cards.count()):  # a card may run on to the next page (test_claim_page.py), its quote not
        card = cards.nth(index)
        assert card.locator(".source-card__quote").count() == 1 and card.locator(".source-card__translation").count() == 1
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
    watched.assert_clean()
