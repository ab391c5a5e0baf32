"""The fact-check layer's output: ClaimReview JSON-LD, exports, the timeline chart."""
from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from build_tools import model, pipeline
from build_tools.render import claimreview, exports, timeline
from conftest import REPO

PUBLISHER = claimreview.Publisher("Test briefing", "https://example.org/briefing/")
PAYLOAD = '</script><script>window.__pwned=1</script><!--'


@pytest.fixture(scope="module")
def checked():
    result = pipeline.check(REPO)
    assert result.ok
    return result


def test_claim_review_carries_the_required_fields(checked):
    claim = checked.corpus.claims["nk-killed-wounded"]
    review = claimreview.claim_review(checked.corpus, claim, PUBLISHER)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.claim and len(review["claimReviewed"]) <= 75
    assert review["reviewRating"]["alternateName"] == "Disputed"
    assert review["url"] == "https://example.org/briefing/claims/nk-killed-wounded/"
    assert review["author"]["name"] == "Test briefing"
    assert review["datePublished"] == claim.published
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == "South Korea's Joint Chiefs of Staff"
    assert item["datePublished"] == "2025-03-27"
    assert len(item["appearance"]) == 3


def test_json_ld_cannot_be_closed_by_claim_text(checked):
    claim = checked.corpus.claims["nk-killed-wounded"]
    hostile = model.Claim(**{**claim.__dict__, "claim": PAYLOAD})
    inner = claimreview.script_payload(claimreview.claim_review(checked.corpus, hostile, PUBLISHER))
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner)["claimReviewed"] == PAYLOAD


def test_claims_json_has_every_claim_with_its_comparison(checked):
    data = json.loads(exports.claims_json(checked.corpus, checked.comparisons))
    assert [c["id"] for c in data["claims"]] == sorted(checked.corpus.claims)
    disputed = next(c for c in data["claims"] if c["id"] == "nk-killed-wounded")
    assert disputed["comparison"]["status"] == "disagree"
    assert {s["figure"]["value"] for s in disputed["sources"]} == {4000, 6000}
    assert disputed["sources"][0]["url"].startswith("sources/kompastv-mar2025/#q")


def test_claims_csv_has_a_row_per_claim_and_source_entry(checked):
    rows = list(csv.DictReader(io.StringIO(exports.claims_csv(checked.corpus, checked.comparisons))))
    assert len(rows) == sum(len(c.sources) for c in checked.corpus.claims.values())
    six_thousand = [r for r in rows if r["claim_id"] == "nk-killed-wounded" and r["figure_value"] == "6000"]
    assert six_thousand[0]["originator"] == "western-estimates"


def test_csv_cells_that_spreadsheets_would_run_are_neutralised(checked):
    claim = checked.corpus.claims["nk-killed-wounded"]
    hostile = model.Claim(**{**claim.__dict__, "claim": '=HYPERLINK("http://evil","x")', "id": "evil"})
    corpus = model.Corpus(**{**checked.corpus.__dict__, "claims": {"evil": hostile}})
    rows = list(csv.DictReader(io.StringIO(exports.claims_csv(corpus, {"evil": checked.comparisons[claim.id]}))))
    assert all(row["claim"] == "'=HYPERLINK(\"http://evil\",\"x\")" for row in rows)


def test_timeline_lists_each_estimate_once_in_date_order(checked):
    points = timeline.timeline_points(checked.corpus, checked.comparisons, "nk-killed-wounded")
    assert [(p.date, p.label, p.originator) for p in points] == [
        ("2025-03-27", "4,000", "sk-jcs"),
        ("2025-07", "4,000", "western-officials"),
        ("2025-07", "6,000", "western-estimates"),
    ]


def test_timeline_chart_is_static_accessible_and_the_same_every_time(checked):
    first = timeline.timeline_section(checked.corpus, checked.comparisons, "nk-killed-wounded", "index.md")
    again = timeline.timeline_section(checked.corpus, checked.comparisons, "nk-killed-wounded", "index.md")
    assert first == again
    svgs = re.findall(r"<svg.*?</svg>", first, re.S)
    assert len(svgs) == 2  # drawn wide and narrow; the stylesheet shows the one that fits
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
        assert "<script" not in svg and "href" not in svg
        assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]  # a namespace, not a request
        # Series are told apart by marker shape, not colour alone: three originators, three shapes.
        shapes = re.findall(r"<(circle|rect|polygon) class=\"timeline-marker timeline-series-(\d)\"", svg)
        assert {index: shape for shape, index in shapes} == {"0": "circle", "1": "rect", "2": "polygon"}
        assert ">6,000</text>" in svg  # figures are text, not paths
    assert "<table" in first and "Western estimates (no source named)" in html.unescape(first)
