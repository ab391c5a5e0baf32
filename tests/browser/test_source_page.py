"""Source pages and the pager as a reader sees them, at 1280 and 390 px, light and dark.

Every real source page, arrived at through a quoted passage's link: each
passage's English translation beside its line at 1280 px and under it at
390 px; the arrived-at passage (:target) outlined and barred while the other
marks are not; each claim once under "quoted in"; the original's link or
"Original address not known" at the top and the metadata (file, checksum)
after the text; the same headings on every page; nothing, the checksum
included, wider than a phone. The pager of a 40-odd page claim index (one
claim a page) stays a few lines inside a phone's width. axe-core finds
nothing serious or critical; screenshots go to test-artifacts/.
"""
from __future__ import annotations

import pytest
import yaml

from scratch import scratch_repository

from .support import REPO, SCREENS, build_site, open_at, skip_unless_site_is_buildable, site_prefix

pytestmark = pytest.mark.browser

ARTICLES = [a["id"] for a in yaml.safe_load((REPO / "seeds" / "articles.yaml").read_text(encoding="utf-8"))]

# One evaluate reads what the assertions need: boxes, computed styles, texts.
READ_SOURCE_PAGE = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const content = document.querySelector('article.md-content__inner');
    const target = document.querySelector(':target');
    const line = target.closest('.archive-line');
    const pieces = [...line.childNodes];
    const targetMark = pieces.slice(pieces.indexOf(target)).find(e => e.tagName === 'MARK');
    const lines = [...document.querySelectorAll('.archive-line')];
    return {
        width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
        headings: [...content.querySelectorAll('h1, h2')].map(h => h.tagName + ' ' + h.textContent.replace('¶', '').trim()),
        byline: content.querySelector('.source-byline').innerText,
        bylineLinks: [...content.querySelectorAll('.source-byline a')].map(a => a.textContent),
        metadataTop: box(content.querySelector('.source-metadata')).top,
        lastLineBottom: box(lines[lines.length - 1]).bottom,
        checksum: box(content.querySelector('.source-metadata__checksum')),
        rows: [...document.querySelectorAll('.passage-notes')].map(notes => ({
            line: box(notes.previousElementSibling), notes: box(notes),
            lineIsLine: notes.previousElementSibling.classList.contains('archive-line'),
            translations: [...notes.querySelectorAll('.passage-note__translation')].map(p => p.innerText.trim()),
            quotedIn: [...notes.querySelectorAll('.passage-note')].map(
                note => [...note.querySelectorAll('.quoted-in a')].map(a => a.pathname)),
        })),
        targetOutline: getComputedStyle(targetMark).outlineStyle,
        otherOutlines: [...document.querySelectorAll('mark')]
            .filter(m => !m.dataset.passages.split(' ').includes(target.id))
            .map(m => getComputedStyle(m).outlineStyle),
        targetBar: parseFloat(getComputedStyle(line).borderLeftWidth),
        otherBars: lines.filter(l => l !== line).map(l => parseFloat(getComputedStyle(l).borderLeftWidth)),
    };
}"""


def last_passage(real_site, open_page, article: str) -> str:
    """The page's last quoted passage: arriving at it scrolls, as a claim's "Read in context" link does."""
    watched = open_at(open_page, real_site.url(f"sources/{article}/"), 1280)
    return watched.page.locator(".passage-anchor").last.get_attribute("id")


@pytest.mark.parametrize("article", ARTICLES)
def test_a_source_page_shows_each_passage_with_its_translation_and_the_arrived_at_one_stands_out(
        real_site, open_page, axe_script, article):
    anchor = last_passage(real_site, open_page, article)
    for width, scheme in SCREENS:
        where = f"{article} at {width} px, {scheme}"
        watched = open_at(open_page, real_site.url(f"sources/{article}/#{anchor}"), width, scheme)
        seen = watched.page.evaluate(READ_SOURCE_PAGE)
        assert seen["headings"][1:] == ["H2 Text", "H2 About this copy"], where
        assert seen["scrollWidth"] <= seen["width"], f"{where}: the page is wider than the screen"
        assert seen["checksum"]["right"] <= seen["width"], f"{where}: the checksum overflows"
        assert seen["metadataTop"] > seen["lastLineBottom"], f"{where}: the metadata comes before the text"
        assert seen["bylineLinks"] == ["Read the original"] or "Original address not known" in seen["byline"], where
        assert seen["rows"], where
        for row in seen["rows"]:
            assert row["lineIsLine"] and all(row["translations"]), where
            if width >= 1280:  # beside the line, starting level with it
                assert row["notes"]["left"] >= row["line"]["right"] and abs(row["notes"]["top"] - row["line"]["top"]) < 24, where
            else:  # under it
                assert row["notes"]["top"] >= row["line"]["bottom"] - 1, where
            for claims in row["quotedIn"]:
                assert claims and len(claims) == len(set(claims)), f"{where}: a claim listed twice: {claims}"
        assert seen["targetOutline"] != "none" and set(seen["otherOutlines"]) <= {"none"}, where
        assert seen["targetBar"] > 0 and set(seen["otherBars"]) == {0}, where
        watched.screenshot(f"source-{article}-target-{width}-{scheme}")
        watched.assert_accessible(axe_script, where)
        watched.assert_clean()


@pytest.fixture(scope="module")
def one_claim_a_page_site(tmp_path_factory, serve_site):
    """The real site with one claim to each page of the claim index: a pager of 40-odd pages."""
    skip_unless_site_is_buildable()
    root = scratch_repository(tmp_path_factory.mktemp("pager") / "repo", claims="all", site=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - briefing:\n" in config
    (root / "mkdocs.yml").write_text(config.replace("  - briefing:\n", "  - briefing:\n      claims_page_size: 1\n"),
                                     encoding="utf-8")
    out = root.parent / "site"
    result = build_site(root, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return serve_site(out, site_prefix(root))


def test_a_long_listings_pager_shows_a_few_pages_and_wraps_inside_a_phone(one_claim_a_page_site, open_page, axe_script):
    site = one_claim_a_page_site
    count = len(list((site.directory / "claims" / "page").iterdir())) + 1
    assert count > 20
    middle = count // 2
    for width, scheme in SCREENS:
        where = f"page {middle} of {count} at {width} px, {scheme}"
        watched = open_at(open_page, site.url(f"claims/page/{middle}/"), width, scheme)
        seen = watched.page.evaluate("""() => {
            const pager = document.querySelector('nav.pager');
            const r = pager.getBoundingClientRect();
            const items = [...pager.querySelectorAll('a, strong, .pager__gap')];
            return {width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
                    pager: {left: r.left, right: r.right, height: r.height},
                    lineHeight: parseFloat(getComputedStyle(items[0]).lineHeight) || 20,
                    texts: items.map(e => e.textContent),
                    rights: items.map(e => e.getBoundingClientRect().right),
                    smallest: Math.min(...[...pager.querySelectorAll('a')].map(a => a.getBoundingClientRect().height))};
        }""")
        assert seen["texts"] == ["Previous", "1", "…", *map(str, range(middle - 2, middle + 3)), "…", str(count), "Next"], where
        assert seen["scrollWidth"] <= seen["width"] and max(seen["rights"]) <= seen["pager"]["right"] <= seen["width"], where
        assert seen["pager"]["height"] <= 4 * seen["smallest"] + 3 * 8, f"{where}: the pager is more than three lines"
        assert seen["smallest"] >= 24, f"{where}: a page link is smaller than a finger's target"
        watched.screenshot(f"pager-{width}-{scheme}")
        watched.assert_accessible(axe_script, where)
        watched.assert_clean()
