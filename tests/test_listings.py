"""Topic, originator and verdict listings: compact entries, in the order that matters, a page size that is a
plugin option; the topic registry's `order` names only claims of its topic; charts place each estimate at the
date or over the span it is for."""
from __future__ import annotations

import dataclasses
import html
import shutil

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_tools import pipeline
from build_tools import plugin as plugin_module
from build_tools.render.components import human_date
from build_tools.render import PageSizes, Publisher, claims as claim_pages, paths, render_site, timeline
from conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def checked():
    return pipeline.check(REPO)


def test_listings_order_claims_by_verdict_then_by_independent_originators(checked):
    corpus, comparisons = checked.corpus, checked.comparisons
    corpus = dataclasses.replace(corpus, topics={k: dataclasses.replace(t, order=()) for k, t in corpus.topics.items()})
    verdicts = list(corpus.verdicts)
    ordered = sorted(corpus.current_claims(), key=claim_pages.listing_order(corpus, comparisons))
    keys = [(verdicts.index(c.verdict), -len(comparisons[c.id].independent)) for c in ordered]
    assert keys == sorted(keys)


def test_a_topics_order_comes_first_in_its_listing(checked):
    corpus, comparisons = checked.corpus, checked.comparisons
    claims = claim_pages.claims_by_topic(corpus)["munitions"]
    default = sorted((c for c in claims if c.is_current), key=claim_pages.listing_order(corpus, comparisons))
    chosen = [default[-1].id, default[-2].id]  # the two the default order puts last
    topics = {**corpus.topics, "munitions": dataclasses.replace(corpus.topics["munitions"], order=tuple(chosen))}
    corpus = dataclasses.replace(corpus, topics=topics)
    page = claim_pages.topic_pages(corpus, comparisons, topics["munitions"], claims, 100)[paths.topic("munitions")]
    positions = [page.index(f"{{#{claim.id} data-search-exclude}}") for claim in default]
    listed = [claim.id for _, claim in sorted(zip(positions, default))]
    assert listed[:2] == chosen and listed[2:] == [c.id for c in default[:-2]]


def test_a_listing_entry_is_the_question_verdict_figure_bottom_line_and_date_without_source_cards(checked):
    corpus, comparisons = checked.corpus, checked.comparisons
    for verdict in corpus.verdicts.values():
        claims = claim_pages.claims_by_verdict(corpus)[verdict.id]
        pages = claim_pages.verdict_pages(corpus, comparisons, verdict, claims, 100)
        page = "".join(pages.values())
        assert "source-card" not in page
        for claim in (c for c in claims if c.is_current):
            entry = page.split(f"{{#{claim.id} data-search-exclude}}", 1)[1].split("\n## ", 1)[0]
            heading = page.split(f"{{#{claim.id} data-search-exclude}}", 1)[0].rsplit("\n## ", 1)[1]
            assert f'<a href="../../claims/{claim.id}/">' in heading
            assert f"verdict-badge--{verdict.id}" in entry
            if claim.figure is not None:
                assert claim.figure.describe(with_unit=True) in entry
            assert f">reviewed <time datetime=" in entry and f">{human_date(claim.last_reviewed)}</time>" in entry
            assert "<p class" in entry and claim.bottom_line.split()[-1].rstrip(".") in html.unescape(entry)


def registries_with_order(root, topic: str, order: list[str]) -> None:
    topics = yaml.safe_load((root / "claims" / "topics.yaml").read_text(encoding="utf-8"))
    for entry in topics:
        if entry["id"] == topic:
            entry["order"] = order
    (root / "claims" / "topics.yaml").write_text(yaml.safe_dump(topics, sort_keys=False), encoding="utf-8")


def test_a_topics_order_naming_a_claim_of_another_topic_is_an_error_at_its_line(scratch_repo):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    shutil.copy(FIXTURES / "claims" / "valid.yaml", scratch_repo / "claims" / "diplomacy" / "kim-pledge.yaml")
    registries_with_order(scratch_repo, "deployments", ["kim-pledge", "no-such-claim"])
    result = pipeline.check(scratch_repo)
    text = (scratch_repo / "claims" / "topics.yaml").read_text(encoding="utf-8").splitlines()
    lines = [n for n, line in enumerate(text, start=1) if line.strip() in ("- kim-pledge", "- no-such-claim")]
    messages = [p.format() for p in result.problems.errors]
    assert any(f"topics.yaml:{lines[0]}:" in m and "`kim-pledge`, which is no claim of topic `deployments`; "
               "it is in claims/diplomacy/" in m for m in messages), messages
    assert any(f"topics.yaml:{lines[1]}:" in m and "`no-such-claim`, which is no claim of topic `deployments`" in m
               for m in messages), messages


def test_a_topics_order_naming_its_own_claims_is_valid(scratch_repo):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    shutil.copy(FIXTURES / "claims" / "valid.yaml", scratch_repo / "claims" / "diplomacy" / "kim-pledge.yaml")
    registries_with_order(scratch_repo, "diplomacy", ["kim-pledge"])
    result = pipeline.check(scratch_repo)
    assert result.ok, [p.format() for p in result.problems.errors]
    assert result.corpus.topics["diplomacy"].order == ("kim-pledge",)


def site_config(tmp_path, options: str):
    (tmp_path / "docs").mkdir()
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - briefing:\n", f"  - briefing:\n      data_dir: {REPO}\n{options}", 1)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def test_page_sizes_are_plugin_options_passed_into_render(tmp_path, checked):
    config_file = site_config(tmp_path, "      listing_page_size: 2\n      claims_page_size: 7\n"
                                        "      sources_page_size: 3\n")
    data_dir, publisher, sizes = plugin_module.read_settings(config_file)
    assert sizes == PageSizes(listing=2, claims=7, sources=3)
    site = render_site(checked.corpus, checked.comparisons, publisher, sizes=sizes)
    munitions = sum(1 for c in checked.corpus.current_claims() if c.topic == "munitions")
    assert paths.topic("munitions", -(-munitions // 2)) in site.pages
    assert paths.topic("munitions", -(-munitions // 2) + 1) not in site.pages
    assert paths.claims_index(2) in site.pages and paths.sources_index(2) in site.pages


def test_defaults_when_the_options_are_left_out(tmp_path):
    assert plugin_module.read_settings(site_config(tmp_path, ""))[2] == PageSizes()


@pytest.mark.parametrize("value", ["0", "-3", "many", "true"])
def test_a_page_size_must_be_a_whole_number_of_at_least_one(tmp_path, caplog, value):
    config_file = site_config(tmp_path, f"      listing_page_size: {value}\n")
    with pytest.raises(Abort):
        load_config(config_file=str(config_file))
    assert "Plugin 'briefing' option 'listing_page_size'" in caplog.text


def point(date, low, high, label, period, placed_from, placed_to, originator):
    return timeline.TimelinePoint(date, low, high, label, period, placed_from, placed_to, originator, "article", ())


@pytest.mark.parametrize("layout", timeline.LAYOUTS, ids=lambda layout: layout.name)
def test_an_estimate_for_a_span_is_drawn_over_that_span_and_a_total_at_its_date(checked, layout):
    originators = list(checked.corpus.originators)[:2]
    points = [point("2025-03-22", 10_000, 12_000, "about 10,000–12,000", "Sep–Nov 2024", "2024-09", "2024-11",
                    originators[0]),
              point("2025-07", 11_000, 11_000, "about 11,000", "", "2025-06-30", "2025-06-30", originators[1])]
    measure = checked.corpus.measures["nk-troops-sent"]
    chart = timeline.chart(checked.corpus, measure, points, layout)
    (span, upright, mark, _), (no_span, _, total, _) = chart.estimates
    x_of = {label: float(x) for x, label in chart.months}
    assert span is not None and no_span is None
    start, end = float(span[0]), float(span[1])
    assert start < float(mark.cx) < end  # the marker in the middle of its span, upright bar for its range
    assert upright is not None and float(upright[1]) > float(upright[2])
    # September to November 2024, not March 2025 when it was reported; the total at 30 June 2025.
    assert float(total.cx) > end
    if "Sep 2024" in x_of:
        assert abs(start - x_of["Sep 2024"]) < 1
    # The axis fits the data: its top is above the highest figure, and less than one and a half times it.
    top = max(float(value.replace(",", "")) for _, _, value in chart.grid)
    assert 12_000 < top < 18_000
