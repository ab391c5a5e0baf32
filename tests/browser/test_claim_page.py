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


# What the test reads of a claim page, gathered in the page in one call: one round trip to the
# browser per page instead of one per element (that was most of the time of this module).
# Boxes are null where Playwright's bounding_box() gives None (the element not rendered);
# counts let the test insist on exactly one element where a strict locator would.
MEASURE = """(firstScreen) => {
    const all = (selector, root = document) => [...root.querySelectorAll(selector)];
    const box = e => {
        if (!e || !e.getClientRects().length) return null;
        const r = e.getBoundingClientRect();
        return {x: r.x, y: r.y, width: r.width, height: r.height};
    };
    const visible = e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const icon = e => {
        const before = getComputedStyle(e, '::before');
        return before.webkitMaskImage || before.maskImage;
    };
    const only = selector => document.querySelector(selector);
    const counts = {};
    for (const selector of ['.claim-claimant', '.verdict__label', '.verdict__bottom-line', 'h2#sources',
                            'h2#analysis', 'article']) counts[selector] = all(selector).length;
    const label = only('.verdict__label');
    const grid = only('.source-cards > ul').getBoundingClientRect();
    const rows = {};
    for (const card of all('.source-cards li.source-card')) {
        const r = card.getBoundingClientRect();
        const top = Math.round(r.top);
        rows[top] = Math.max(rows[top] || 0, r.right);
    }
    return {
        counts,
        firstScreen: firstScreen.map(selector => [selector, box(only(selector))]),
        claimant: only('.claim-claimant').innerText,
        bottomLine: only('.verdict__bottom-line').innerText,
        label: {text: label.innerText, fontSize: getComputedStyle(label).fontSize,
                color: getComputedStyle(label).color, icon: icon(label)},
        bodyFontSize: getComputedStyle(only('.md-typeset')).fontSize,
        sources: box(only('h2#sources')), analysis: box(only('h2#analysis')),
        cards: all('.source-cards li.source-card').map(card => {
            const translations = all('.source-card__translation', card), originals = all('.source-card__quote', card);
            const numbers = all('.source-card__number', card), stance = card.querySelector('.source-card__stance');
            return {
                translations: translations.length, originals: originals.length, numbers: numbers.length,
                translationStyle: translations.length ? getComputedStyle(translations[0]).fontStyle : null,
                translation: box(translations[0]), original: box(originals[0]),
                lang: originals.length ? originals[0].getAttribute('lang') : null,
                heading: numbers.length ? numbers[0].innerText : '',
                classes: card.getAttribute('class') || '',
                stance: stance ? {text: stance.innerText, icon: icon(stance)} : null,
            };
        }),
        citedTargets: all('.figure-group a').map(a => {
            const target = a.getAttribute('href').split('#')[1];
            return [target, all(`[id='${target}']`).length];
        }),
        holes: Object.values(rows).filter(right => grid.right - right > 2),
        text: only('article').innerText,
        dateNotesVisible: all('.source-card .date-note').map(visible),
        analysisLinks: all('.claim-analysis a').map(e => e.href),
        disagreements: all('.disagreement').length,
        disagreementHeaders: all('.disagreement table th').map(e => e.innerText),
        meta: Object.fromEntries(all('meta[property^="og:"], meta[name^="twitter:"]').map(
            m => [m.getAttribute('property') || m.name, m.content])),
    };
}"""
FIRST_SCREEN = ["h1", ".claim-statement", ".claim-claimant", ".verdict__label", ".verdict__bottom-line"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_claim_page_reads_like_a_fact_check(real_site, open_page, screen, scheme):
    width, height = SCREENS[screen]
    registry = verdicts()
    # One browser context for every page (each a fresh navigation, its requests still routed and
    # checked): a context per page cost half a second each, to no end.
    watched = open_page(width=width, height=height, color_scheme=scheme)
    for claim_id, claim in standing_claims().items():
        watched.goto(real_site.url(f"claims/{claim_id}/"), idle=False)
        page = watched.page
        where = f"{claim_id} at {width}x{height}, {scheme}"
        seen = page.evaluate(MEASURE, FIRST_SCREEN)
        assert all(count == 1 for count in seen["counts"].values()), f"{seen['counts']}: {where}"

        # The first screen: question, claim, who made it, verdict and bottom line, all in view.
        for selector, box in seen["firstScreen"]:
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, f"{selector} not on the first screen: {where}"
        assert seen["claimant"].startswith("Said by: ")
        assert seen["bottomLine"].strip() == " ".join(claim["bottom_line"].split())
        verdict = registry[claim["verdict"]]
        label = seen["label"]
        assert verdict["label"] in label["text"]
        assert pixels(label["fontSize"]) >= pixels(seen["bodyFontSize"]), f"verdict smaller than body text: {where}"
        colours = verdict["colour"] if isinstance(verdict["colour"], dict) else {"light": verdict["colour"], "dark": verdict["colour"]}
        assert label["color"] == rgb(colours[scheme]), where
        assert label["icon"].startswith("url(\"data:image/svg+xml"), f"verdict has no icon: {where}"

        # Evidence before the analysis.
        assert seen["sources"]["y"] < seen["analysis"]["y"], where

        # Cards: English first and upright, the Indonesian with lang="id", numbered, contradictions said in words.
        numbers = []
        for card in seen["cards"]:
            assert (card["translations"], card["originals"], card["numbers"]) == (1, 1, 1), f"{card}: {where}"
            translation, original = card["translation"], card["original"]
            assert card["translationStyle"] == "normal", where
            assert card["lang"] == "id"
            assert translation["y"] < original["y"] or translation["x"] < original["x"], f"the original comes first: {where}"
            heading = card["heading"]
            found = [int(n) for n in re.findall(r"\d+", heading)]
            assert found and re.match(r"Sources? \d", heading), heading
            numbers.extend(range(found[0], found[-1] + 1) if "–" in heading else found)
            if "source-card--contradicts" in card["classes"]:
                assert card["stance"] and "Contradicts the claim" in card["stance"]["text"], where
                assert card["stance"]["icon"].startswith("url("), where
        assert sorted(numbers) == list(range(1, len(claim["sources"]) + 1)), f"cards do not number every source: {where}"
        for target, count in seen["citedTargets"]:  # "source 3" leads to card 3
            assert count == 1, (target, where)

        # No hole in the grid: every row of cards reaches the grid's right edge (an odd last card spans its row).
        assert not seen["holes"], f"a hole in the card grid: {where}"

        # Plain words: no data-model terms; date notes shown, not only on hover.
        text = seen["text"].lower()
        for term in INTERNAL_TERMS:
            assert term not in text, f"{term!r} on {where}"
        assert all(seen["dateNotesVisible"]), where

        # A mention of another claim in the analysis is a link that leads to it.
        for url in seen["analysisLinks"]:
            if url.startswith(real_site.url("claims/")):
                assert page.request.get(url).ok, f"{url} from {where}"

        # Where sources disagree, a table of who said what, when.
        if seen["disagreements"]:
            assert seen["disagreementHeaders"] == ["Who", "Figure", "Date", "Stance"], where

        # Shared links show a preview, with nothing from another host.
        meta = seen["meta"]
        assert meta["og:title"] and meta["twitter:card"] == "summary", where
        assert meta["og:description"].startswith(verdict["label"]), where
        assert meta["og:url"].endswith(f"/claims/{claim_id}/"), where
        assert "og:image" not in meta and "twitter:image" not in meta
        watched.assert_clean()


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
