"""The briefing's own data: the first wave and the reinforcements added up disagree with the total over the
past year, and the site says so on both claims and on the home page."""
from __future__ import annotations

from build_tools import compare, pipeline
from build_tools.render import Publisher, render_site
from conftest import REPO

SUM = ("11,000 North Korean troops sent in the first wave (South Korea&#39;s Joint Chiefs of Staff, via The Japan "
       "Times, 27 March 2025) + 3,000 North Korean reinforcements sent (South Korea&#39;s Joint Chiefs of Staff, "
       "via The Japan Times, 27 March 2025) = 14,000 troops by 27 March 2025, which exceeds about 11,000 troops "
       "in all from July 2024 to July 2025")


def test_eleven_thousand_and_three_thousand_against_about_eleven_thousand_is_an_open_disagreement():
    result = pipeline.check(REPO)
    assert result.ok, [p.format() for p in result.problems.errors]
    for claim_id in ("nk-troops-sent", "nk-reinforcements"):
        assert result.comparisons[claim_id].status == compare.DISAGREE
        assert any(s.status == compare.DISAGREE for s in result.comparisons[claim_id].sums)
    site = render_site(result.corpus, result.comparisons, Publisher("Test desk", "https://example.org/"))
    for page in ("claims/nk-troops-sent.md", "claims/nk-reinforcements.md"):
        text = site.pages[page]
        assert f"The parts do not add up: {SUM}" in text  # in the disagreement box
        assert f"<p class=\"parts-sum\">{SUM} (Western officials &#40;not named&#41;): these figures cannot all be right.</p>" in text
        assert "<tr class=\"parts-sum-total\"><td><strong>Added up</strong></td><td><strong>14,000 troops</strong>" in text
    home = site.pages["index.md"]
    disagreements = home.split("## Open disagreements", 1)[1].split("## ", 1)[0]
    assert disagreements.count(f"The parts do not add up: {SUM}") == 2
    assert ("North Korean troops sent to Russia is the sum of North Korean troops sent in the first wave and North "
            "Korean reinforcements sent") in site.fragments["measure-relations"]
