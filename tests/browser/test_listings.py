"""Listings, the home page, tables and charts as a reader sees them, at 1280 and 390 px, light and dark.

A topic of 20 claims (a fixture: the 20 standing claims with the longest
bottom lines, copied into a topic of their own) is at most 8 screens tall at
390x844, and so is every real topic's first page; entries carry no source
cards. Tables have row lines and left-aligned headers and never make the page
wider than the phone. No word is broken inside itself on any page type. Chart
text renders at 11 px or more and no two labels, or a label and a marker,
overlap. axe-core finds nothing serious or critical; screenshots go to
test-artifacts/.
"""
from __future__ import annotations

import pytest
import yaml

from scratch import scratch_repository

from .support import REPO, SCREENS, build_site, open_at, skip_unless_site_is_buildable, site_prefix

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
FIXTURE_TOPIC = "twenty-claims"
MOST_SCREENS = 8
TOPICS = [t["id"] for t in yaml.safe_load((REPO / "claims" / "topics.yaml").read_text(encoding="utf-8"))]


def page_types(site) -> dict[str, str]:
    """A page of each type this file checks, from the real data."""
    article = yaml.safe_load((REPO / "seeds" / "articles.yaml").read_text(encoding="utf-8"))[0]["id"]
    claims = sorted((REPO / "claims").glob("*/*.yaml"), key=lambda p: -len(p.read_text(encoding="utf-8")))
    return {"home": site.url(), "topic": site.url(f"topics/{TOPICS[0]}/"), "originator": site.url("originators/sk-jcs/"),
            "verdict": site.url("verdicts/disputed/"), "claim": site.url(f"claims/{claims[0].stem}/"),
            "source": site.url(f"sources/{article}/"), "methodology": site.url("methodology/")}


@pytest.fixture(scope="module")
def twenty_claim_site(tmp_path_factory, serve_site):
    """The real data plus a topic holding copies of the 20 standing claims with the longest bottom lines."""
    skip_unless_site_is_buildable()
    root = scratch_repository(tmp_path_factory.mktemp("twenty") / "repo", claims="all", site=True)
    claims = {}
    for path in sorted((root / "claims").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "withdrawn" not in data and "replaced_by" not in data:
            claims[path] = data
    longest = sorted(claims, key=lambda p: (-len(claims[p]["bottom_line"]), p.stem))[:20]
    (root / "claims" / FIXTURE_TOPIC).mkdir()
    copies = [f"copy-{path.stem}"[:60] for path in longest]
    for path, copy in zip(longest, copies):
        (root / "claims" / FIXTURE_TOPIC / f"{copy}.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    published = root / "claims" / "published-ids.txt"
    lines = published.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    ids = sorted({line for line in lines if line and not line.startswith("#")} | set(copies))
    published.write_text("\n".join(comments + ids) + "\n", encoding="utf-8")
    with (root / "claims" / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write(f"- id: {FIXTURE_TOPIC}\n  title: Twenty claims\n"
                     "  description: The twenty claims with the longest bottom lines, copied for a test.\n")
    out = root.parent / "site"
    result = build_site(root, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return serve_site(out, site_prefix(root))


def screens_tall(page) -> float:
    return page.evaluate("document.documentElement.scrollHeight") / PHONE["height"]


def test_a_twenty_claim_topic_is_at_most_eight_screens_on_a_phone(twenty_claim_site, open_page, axe_script):
    url = twenty_claim_site.url(f"topics/{FIXTURE_TOPIC}/")
    for width, scheme in SCREENS:
        watched = open_at(open_page, url, width, scheme)
        page = watched.page
        assert page.locator("article h2 a[href*='claims/']").count() == 20
        assert page.locator(".claim-entry .verdict-badge").count() == 20
        assert page.locator(".source-card").count() == 0
        if width == 390:
            assert screens_tall(page) <= MOST_SCREENS, f"{screens_tall(page):.1f} screens at {scheme}"
        watched.screenshot(f"listing-twenty-{width}-{scheme}")
        watched.assert_accessible(axe_script, f"twenty-claim topic at {width}, {scheme}")
        watched.assert_clean()


@pytest.mark.parametrize("topic", TOPICS)
def test_every_real_topic_page_is_at_most_eight_screens_on_a_phone(real_site, open_page, topic):
    watched = open_at(open_page, real_site.url(f"topics/{topic}/"), 390)
    assert screens_tall(watched.page) <= MOST_SCREENS
    assert watched.page.locator(".source-card").count() == 0
    watched.assert_clean()


def test_listings_put_the_best_supported_claims_first(real_site, open_page):
    """On the verdict-mixed topic pages, the verdicts come in the registry's order (no editor `order` set)."""
    registry = [v["label"] for v in yaml.safe_load((REPO / "claims" / "verdicts.yaml").read_text(encoding="utf-8"))]
    topics = {t["id"]: t for t in yaml.safe_load((REPO / "claims" / "topics.yaml").read_text(encoding="utf-8"))}
    for topic in TOPICS:
        if topics[topic].get("order"):
            continue
        watched = open_at(open_page, real_site.url(f"topics/{topic}/"), 1280)
        labels = watched.page.locator(".claim-entry .verdict-badge").all_inner_texts()
        assert labels == sorted(labels, key=registry.index), topic


# A word broken inside itself: two letters or digits of one word on different lines. A checksum (40 or more
# hexadecimal digits, on source pages) is no word: wider than a phone, it may wrap.
BROKEN_WORDS = """() => {
    const broken = [];
    const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement.closest('svg, script, style, [hidden]')) continue;
        for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}]{2,}/gu)) {
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (tops.size > 1 && !/^[0-9a-f]{40,}$/.test(match[0])) broken.push(match[0]);
        }
    }
    return broken;
}"""


@pytest.mark.parametrize("kind", ["home", "topic", "originator", "verdict", "claim", "source", "methodology"])
def test_no_word_is_broken_inside_itself(real_site, open_page, kind):
    for width in (390, 1280):
        watched = open_at(open_page, page_types(real_site)[kind], width)
        assert watched.page.evaluate(BROKEN_WORDS) == [], f"{kind} at {width} px"


TABLES = """() => [...document.querySelectorAll('article table')].filter(t => t.offsetParent !== null).map(t => {
    const cell = t.querySelector('tbody tr + tr td') || t.querySelector('tbody td');
    const head = t.querySelector('th');
    return {name: t.className || 'plain', right: t.getBoundingClientRect().right,
            line: cell ? parseFloat(getComputedStyle(cell).borderTopWidth) : 1,
            align: head ? getComputedStyle(head).textAlign : 'left'};
})"""


@pytest.mark.parametrize("kind", ["home", "claim", "verdict", "methodology"])
def test_tables_have_row_lines_and_left_headers_and_fit_a_phone(real_site, open_page, kind):
    for width in (390, 1280):
        watched = open_at(open_page, page_types(real_site)[kind], width)
        page = watched.page
        tables = page.evaluate(TABLES)
        for table in tables:
            assert table["line"] > 0, f"{table['name']} on {kind} at {width} px has no row lines"
            assert table["align"] in ("left", "start"), table
            assert table["right"] <= width, f"{table['name']} on {kind} sticks out at {width} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{kind} scrolls sideways at {width}"


def test_home_key_figures_link_to_their_claims_and_disagreements_are_tables(real_site, open_page, axe_script):
    for width, scheme in SCREENS:
        watched = open_at(open_page, real_site.url(), width, scheme)
        page = watched.page
        figures = page.locator("table.key-figures tbody a[href*='claims/']")
        assert figures.count() > 0
        for text in figures.all_inner_texts():
            assert any(ch.isdigit() for ch in text), text  # the figure itself is the link
        # Each disagreeing claim shows who said what when, or the sum its parts fail to make.
        shown = page.evaluate(DISAGREEMENT_EVIDENCE)
        assert shown and all(evidence for evidence in shown), shown
        assert "table" in sum(shown, [])
        tables = page.locator(".disagreements table")
        assert tables.first.locator("th").all_inner_texts() == ["Who", "Figure", "Date"]
        watched.screenshot(f"home-{width}-{scheme}")
        watched.assert_accessible(axe_script, f"home at {width}, {scheme}")
        watched.assert_clean()


# For each disagreeing claim on the home page, what follows it before the next one: tables and sum sentences.
DISAGREEMENT_EVIDENCE = """() => [...document.querySelectorAll('.disagreements__claim')].map(claim => {
    const evidence = [];
    for (let e = claim.nextElementSibling; e && !e.matches('.disagreements__claim'); e = e.nextElementSibling) {
        if (e.matches('table, .parts-sum')) evidence.push(e.matches('table') ? 'table' : 'sum');
    }
    return evidence;
})"""


CHART_TEXT = """() => {
    const shown = [...document.querySelectorAll('svg.timeline-chart')].filter(s => s.getBoundingClientRect().width > 0);
    return shown.map(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
        return {
            id: svg.id || svg.getAttribute('aria-labelledby'),
            sizes: [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale),
            labels: [...svg.querySelectorAll('text.timeline-label')].map(box),
            markers: [...svg.querySelectorAll('.timeline-marker')].map(box),
            width: svg.getBoundingClientRect().right,
        };
    });
}"""


def overlap(a, b, slack=0.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_text_is_readable_and_nothing_collides(real_site, open_page, width):
    watched = open_at(open_page, real_site.url(), width)
    charts = watched.page.evaluate(CHART_TEXT)
    assert charts and len(charts) == watched.page.locator("table.timeline-table").count()  # one chart each shown
    for chart in charts:
        assert min(chart["sizes"]) >= 11, f"{chart['id']} at {width} px: text at {min(chart['sizes']):.1f} px"
        labels = chart["labels"]
        for i, label in enumerate(labels):
            assert not any(overlap(label, other) for other in labels[i + 1:]), f"{chart['id']}: labels overlap"
            assert not any(overlap(label, marker) for marker in chart["markers"]), f"{chart['id']}: label on a marker"
        assert chart["width"] <= width
    watched.screenshot(f"charts-{width}")
