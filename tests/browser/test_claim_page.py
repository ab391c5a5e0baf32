"""Every claim page reads like a fact-check, on a laptop and on a phone, light and dark.

The first screen holds the question, the claim, who made it, a large verdict
in its own colour and icon, and the bottom line; the evidence follows, the
analysis after it. Source cards put the English first and the Indonesian
beside it, are numbered as the figure tables cite them, say in words when a
source contradicts the claim, and leave no hole in the grid. Shared links get
a preview (Open Graph, Twitter Card), and print carries the site, the address
and the date. Screenshots of a disputed, a corroborated and an unproven claim
at both widths go to test-artifacts/.
"""
from __future__ import annotations

import re

import pytest
import yaml

from .support import REPO

pytestmark = pytest.mark.browser

SCREENS = {"wide": (1280, 800), "phone": (390, 844)}
SCHEMES = ("light", "dark")
INTERNAL_TERMS = ("context only, not weighed", "in its own words", "made by no originator named", "attribution:")


def verdicts() -> dict[str, dict]:
    return {v["id"]: v for v in yaml.safe_load((REPO / "claims" / "verdicts.yaml").read_text(encoding="utf-8"))}


def standing_claims() -> dict[str, dict]:
    claims = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "claims").glob("*/*.yaml"))}
    return {k: v for k, v in claims.items() if "replaced_by" not in v}


def rgb(colour: str) -> str:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "rgb({}, {}, {})".format(*(int(digits[i:i + 2], 16) for i in (0, 2, 4)))


def pixels(value: str) -> float:
    return float(value.removesuffix("px"))


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_claim_page_reads_like_a_fact_check(real_site, open_page, screen, scheme):
    width, height = SCREENS[screen]
    registry = verdicts()
    for claim_id, claim in standing_claims().items():
        watched = open_page(width=width, height=height, color_scheme=scheme)
        watched.goto(real_site.url(f"claims/{claim_id}/"), idle=False)
        page = watched.page
        where = f"{claim_id} at {width}x{height}, {scheme}"

        # The first screen: question, claim, who made it, verdict and bottom line, all in view.
        for selector in ("h1", ".claim-statement", ".claim-claimant", ".verdict__label", ".verdict__bottom-line"):
            box = page.locator(selector).first.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, f"{selector} not on the first screen: {where}"
        assert page.locator(".claim-claimant").inner_text().startswith("Said by ")
        assert page.locator(".verdict__bottom-line").inner_text().strip() == " ".join(claim["bottom_line"].split())
        verdict = registry[claim["verdict"]]
        label = page.locator(".verdict__label")
        assert verdict["label"] in label.inner_text()
        body = pixels(page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontSize"))
        assert pixels(label.evaluate("e => getComputedStyle(e).fontSize")) >= body, f"verdict smaller than body text: {where}"
        colours = verdict["colour"] if isinstance(verdict["colour"], dict) else {"light": verdict["colour"], "dark": verdict["colour"]}
        assert label.evaluate("e => getComputedStyle(e).color") == rgb(colours[scheme]), where
        icon = label.evaluate("e => getComputedStyle(e, '::before').webkitMaskImage || getComputedStyle(e, '::before').maskImage")
        assert icon.startswith("url(\"data:image/svg+xml"), f"verdict has no icon: {where}"

        # Evidence before the analysis.
        sources, analysis = page.locator("h2#sources").bounding_box(), page.locator("h2#analysis").bounding_box()
        assert sources["y"] < analysis["y"], where

        # Cards: English first and upright, the Indonesian with lang="id", numbered, contradictions said in words.
        cards = page.locator(".source-cards li.source-card")
        numbers = []
        for index in range(cards.count()):
            card = cards.nth(index)
            translation, original = card.locator(".source-card__translation"), card.locator(".source-card__quote")
            assert translation.evaluate("e => getComputedStyle(e).fontStyle") == "normal", where
            assert original.get_attribute("lang") == "id"
            assert translation.bounding_box()["y"] < original.bounding_box()["y"] or \
                translation.bounding_box()["x"] < original.bounding_box()["x"], f"the original comes first: {where}"
            heading = card.locator(".source-card__number").inner_text()
            found = [int(n) for n in re.findall(r"\d+", heading)]
            assert found and re.match(r"Sources? \d", heading), heading
            numbers.extend(range(found[0], found[-1] + 1) if "–" in heading else found)
            if "source-card--contradicts" in (card.get_attribute("class") or ""):
                top = card.locator(".source-card__stance").first
                assert "Contradicts the claim" in top.inner_text(), where
                assert top.evaluate("e => getComputedStyle(e, '::before').webkitMaskImage || "
                                    "getComputedStyle(e, '::before').maskImage").startswith("url("), where
        assert sorted(numbers) == list(range(1, len(claim["sources"]) + 1)), f"cards do not number every source: {where}"
        for cited in page.locator(".figure-group a").all():  # "source 3" leads to card 3
            target = cited.get_attribute("href").split("#")[1]
            assert page.locator(f"[id='{target}']").count() == 1, where

        # No hole in the grid: every row of cards reaches the grid's right edge (an odd last card spans its row).
        holes = page.evaluate("""() => {
            const grid = document.querySelector('.source-cards > ul').getBoundingClientRect();
            const rows = {};
            for (const card of document.querySelectorAll('.source-cards li.source-card')) {
                const box = card.getBoundingClientRect();
                const top = Math.round(box.top);
                rows[top] = Math.max(rows[top] || 0, box.right);
            }
            return Object.values(rows).filter(right => grid.right - right > 2);
        }""")
        assert not holes, f"a hole in the card grid: {where}"

        # Plain words: no data-model terms; date notes shown, not only on hover.
        text = page.locator("article").inner_text().lower()
        for term in INTERNAL_TERMS:
            assert term not in text, f"{term!r} on {where}"
        for note in page.locator(".source-card .date-note").all():
            assert note.is_visible(), where

        # A mention of another claim in the analysis is a link that leads to it.
        for url in page.eval_on_selector_all(".claim-analysis a", "els => els.map(e => e.href)"):
            if url.startswith(real_site.url("claims/")):
                assert page.request.get(url).ok, f"{url} from {where}"

        # Where sources disagree, a table of who said what, when.
        if page.locator(".disagreement").count():
            headers = page.locator(".disagreement table th").all_inner_texts()
            assert headers == ["Who", "Figure", "Date", "Stance"], where

        # Shared links show a preview, with nothing from another host.
        meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
            'meta[property^="og:"], meta[name^="twitter:"]')].map(m => [m.getAttribute('property') || m.name, m.content]))""")
        assert meta["og:title"] and meta["twitter:card"] == "summary", where
        assert meta["og:description"].startswith(verdict["label"]), where
        assert meta["og:url"].endswith(f"/claims/{claim_id}/"), where
        assert "og:image" not in meta and "twitter:image" not in meta
        watched.assert_clean()
        watched.page.context.close()


def test_screenshots_of_a_disputed_a_corroborated_and_an_unproven_claim(real_site, open_page):
    claims = standing_claims()
    for verdict in ("disputed", "corroborated", "unproven"):
        claim_id = next(k for k, v in claims.items() if v["verdict"] == verdict and "withdrawn" not in v)
        for screen, (width, height) in SCREENS.items():
            watched = open_page(width=width, height=height)
            watched.goto(real_site.url(f"claims/{claim_id}/"))
            path = watched.screenshot(f"claim-{verdict}-{width}")
            watched.page.screenshot(path=str(path.with_name(f"claim-{verdict}-{width}-first-screen.png")))
            watched.assert_clean()


def test_a_printed_claim_carries_the_site_its_address_and_the_date(real_site, open_page):
    claim_id = max(standing_claims(), key=lambda k: len(standing_claims()[k]["sources"]))
    watched = open_page()
    watched.goto(real_site.url(f"claims/{claim_id}/"))
    page = watched.page
    assert not page.locator(".print-header").is_visible()
    page.emulate_media(media="print")
    header = page.locator(".print-header")
    assert header.is_visible()
    printed = header.inner_text()
    assert "North Korea–Russia fact-check briefing" in printed
    assert f"/claims/{claim_id}/" in printed and re.search(r"\d{1,2} \w+ \d{4}", printed)
    link = page.locator(".source-card a.source-card__context").first
    after = link.evaluate("e => getComputedStyle(e, '::after').content")
    assert "/sources/" in after and after.strip('"').lstrip(" (").startswith("http"), after
    for card in page.locator(".source-cards li.source-card").all():
        assert card.evaluate("e => getComputedStyle(e).breakInside") != "avoid", "a long card would leave half a page empty"
        assert card.locator(".source-card__quote").evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    watched.screenshot("claim-print")
    watched.assert_clean()
