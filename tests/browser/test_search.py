"""The site's search (Pagefind behind Material's search box) as a reader uses it, on this checkout's site.

A claim is found by a figure written any way, by its topic's title and synonyms, and by an Indonesian word
of its quotes; its analysis stays out of the index. The search box opens with `/` and with a click on the
magnifier, closes with Escape, looks like the theme in light and dark at 1280 and 390 px, and passes
axe-core; screenshots go to test-artifacts/. Under `make serve`, a save is found at once, and what it
replaced is not.
"""
from __future__ import annotations

import re

import pytest
import yaml

from scratch import SITE_CLAIMS, scratch_repository
from served import SERVE_URL, Serve, edit

from .support import REPO, skip_unless_site_is_buildable

pytestmark = pytest.mark.browser

WIDE, NARROW = 1280, 390
TOPICS = yaml.safe_load((REPO / "claims" / "topics.yaml").read_text(encoding="utf-8"))


def claims_by_topic() -> dict[str, dict[str, dict]]:
    return {topic["id"]: {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                          for p in sorted((REPO / "claims" / topic["id"]).glob("*.yaml"))} for topic in TOPICS}


def all_claims() -> dict[str, dict]:
    return {claim_id: claim for claims in claims_by_topic().values() for claim_id, claim in claims.items()}


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{6,}", text.lower()))


def searched(watched, query: str) -> list[str]:
    """The hrefs of the results for `query` once the search has answered (with results or none)."""
    page = watched.page
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(query, delay=20)
    page.wait_for_function("""() => /\\d|No matching/.test(document.querySelector('.md-search-result__meta').textContent)""")
    page.wait_for_load_state("networkidle")
    return watched.result_hrefs()


def claim_href(site, claim_id: str) -> str:
    return site.url(f"claims/{claim_id}/")


def test_a_figure_is_found_however_it_is_written(real_site, open_page):
    watched = open_page()
    watched.goto(real_site.url())
    found = {spelling: searched(watched, spelling) for spelling in ("11000", "11,000", "11.000", "11 ribu")}
    assert found["11000"], "the digits find claims"
    assert all(hrefs == found["11000"] for hrefs in found.values()), found
    with_the_figure = [claim_id for claim_id, claim in all_claims().items()
                       if any((s.get("figure") or {}).get("value") == 11000 for s in claim["sources"])]
    assert with_the_figure and any(claim_href(real_site, c) in found["11000"] for c in with_the_figure)
    watched.assert_clean()


@pytest.mark.parametrize("topic", [t for t in TOPICS if t.get("synonyms")], ids=lambda t: t["id"])
def test_a_claim_is_found_by_its_topic_and_the_topics_synonyms(real_site, open_page, topic):
    topic_claims = {claim_href(real_site, claim_id) for claim_id in claims_by_topic()[topic["id"]]}
    others = {claim_href(real_site, claim_id) for claim_id in all_claims()} - topic_claims
    watched = open_page()
    watched.goto(real_site.url())
    # a synonym no claim of another topic uses in its own text, so that only the registry can find it
    texts = {claim_id: str(claim).lower() for claim_id, claim in all_claims().items()}
    synonym = next((s for s in topic["synonyms"] if not any(s.lower() in texts[c] for c in texts
                                                             if claim_href(real_site, c) in others)), None)
    for query in (topic["title"], synonym):
        if query is None:
            continue
        hrefs = searched(watched, query)
        assert topic_claims & set(hrefs), (query, hrefs)
    watched.assert_clean()


def test_a_claim_is_found_by_an_indonesian_word_of_its_quote(real_site, open_page):
    claims = all_claims()
    english = set().union(*(words(str({k: v for k, v in c.items() if k != "sources"})) |
                            words(" ".join(s.get("translation", "") for s in c["sources"])) for c in claims.values()))
    quote_words = {claim_id: words(" ".join(s["quote"] for s in c["sources"])) - english for claim_id, c in claims.items()}
    word, claim_id = next((w, c) for c in sorted(quote_words) for w in sorted(quote_words[c])
                          if sum(w in ws for ws in quote_words.values()) == 1 and "replaced_by" not in claims[c])
    watched = open_page()
    watched.goto(real_site.url())
    assert claim_href(real_site, claim_id) in searched(watched, word), (word, claim_id)
    watched.assert_clean()


def test_a_claims_analysis_is_not_in_the_index(real_site, open_page):
    claims = all_claims()
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "seeds").glob("*.txt")).lower()
    elsewhere = {claim_id: words(str({k: v for k, v in c.items() if k != "analysis"})) for claim_id, c in claims.items()}
    only_in_analysis = [(w, claim_id) for claim_id, c in sorted(claims.items()) if "replaced_by" not in c
                        for w in sorted(words(c.get("analysis", "")))
                        if w not in seeds and not any(w in ws for ws in elsewhere.values())
                        and sum(w in words(o.get("analysis", "")) for o in claims.values()) == 1]
    assert only_in_analysis, "some analysis has a word of its own"
    word, claim_id = only_in_analysis[0]
    watched = open_page()
    watched.goto(real_site.url())
    assert claim_href(real_site, claim_id) not in searched(watched, word), (word, claim_id)
    watched.assert_clean()


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_opens_with_slash_and_a_click_closes_with_escape_in_the_themes_look(real_site, open_page, axe_script,
                                                                                 width, scheme):
    watched = open_page(width=width, color_scheme=scheme)
    watched.goto(real_site.url("claims/nk-heavy-losses/"))
    page = watched.page
    toggle = "document.getElementById('__search').checked"
    focused = "document.activeElement === document.querySelector('.md-search__input')"

    page.keyboard.press("/")
    assert page.evaluate(toggle) and page.evaluate(focused), "/ opens the search and puts the cursor in it"
    page.keyboard.press("Escape")
    assert not page.evaluate(toggle), "Escape closes it"

    if width == NARROW:
        page.click("label.md-header__button[for='__search']")
    else:
        page.click("input.md-search__input")
    assert page.evaluate(toggle) and page.evaluate(focused), "a click opens it"
    page.keyboard.type("troops", delay=20)
    page.wait_for_selector(".md-search-result__item")
    assert page.is_visible(".md-search-result__item")
    # the theme's own colours: the result list is drawn on the scheme's background
    background = page.evaluate("""() => {
        for (let e = document.querySelector('.md-search-result__item'); e; e = e.parentElement) {
            const colour = getComputedStyle(e).backgroundColor;
            if (colour !== 'rgba(0, 0, 0, 0)') return colour;
        }
    }""")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == body, (background, body)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
        {"light": "default", "dark": "slate"}[scheme]
    watched.assert_accessible(axe_script, f"search results at {width}, {scheme}")
    watched.screenshot(f"search-{width}-{scheme}")
    page.keyboard.press("Escape")
    assert not page.evaluate(toggle)
    watched.assert_clean()


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_404_page_offers_search_and_each_topic_at_any_depth(real_site, open_page, axe_script, width, scheme):
    watched = open_page(width=width, color_scheme=scheme, expect_404=True)
    response = watched.goto(real_site.url("claims/no-such-claim/deeper/still/"))
    assert response.status == 404
    page = watched.page
    links = page.eval_on_selector_all(".not-found-topics a", "els => els.map(e => [e.textContent, e.href])")
    assert [title for title, _ in links] == [t["title"] for t in TOPICS]
    assert [href for _, href in links] == [real_site.url(f"topics/{t['id']}/") for t in TOPICS]
    watched.assert_accessible(axe_script, f"404 at {width}, {scheme}")
    watched.screenshot(f"404-{width}-{scheme}")
    page.click("label.md-button[for='__search']")
    page.keyboard.type("troops", delay=20)
    page.wait_for_selector(".md-search-result__item")
    assert all(h.startswith(real_site.url()) for h in watched.result_hrefs())
    for _, href in links:
        assert watched.goto(href).status == 200, href
    watched.assert_clean()


def test_under_serve_a_search_finds_what_a_save_wrote_and_not_what_it_replaced(tmp_path, serve_site, open_page):
    skip_unless_site_is_buildable()
    repo = scratch_repository(tmp_path / "repo", claims=SITE_CLAIMS, site=True)
    claim = repo / "claims" / "casualties" / "three-sources.yaml"
    edit(claim, "title: How many North Korean soldiers", "title: How many Quokkaword soldiers")
    serve = Serve(repo, tmp_path / "served")
    edit(claim, "Quokkaword", "Zyzzyvaword")
    serve.rebuild()  # indexed for search as an overlay on the first build's index (build_tools/search.py)

    site = serve_site(tmp_path / "served", SERVE_URL.removeprefix("http://127.0.0.1:8000"))
    watched = open_page()
    watched.goto(site.url())
    assert searched(watched, "Quokkaword") == [], "the pages as first indexed are no longer found by the old title"
    found = searched(watched, "Zyzzyvaword")
    assert site.url("claims/three-sources/") in found and site.url() in found, found  # its page and the home page
    assert len(found) == len(set(found)), f"a page found twice: {found}"
    watched.assert_clean()
