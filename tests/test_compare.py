"""Figure comparison and the rule that verdicts must fit the evidence."""
from __future__ import annotations

import shutil

from build_tools import compare, pipeline
from comparisons import VERDICTS, carried, compared, entry, fits
from conftest import FIXTURES, REPO, run_cli


def test_overlapping_ranges_agree_allowing_for_qualifiers():
    result = compared(entry("western-officials", 11_000, qualifier="about"),
                      entry("us-sk-ua-intelligence-officials", low=10_000, high=12_000, qualifier="about"))
    assert result.status == compare.AGREE
    assert fits(result, "corroborated")
    assert (result.groups[0].low, result.groups[0].high) == (10_000, 12_000)


def test_two_articles_repeating_one_originator_are_one_originator():
    result = compared(entry("ua-intelligence", low=25_000, high=30_000, article="bi-jul2025"),
                      entry("ua-intelligence", low=25_000, high=30_000, article="wonsan-jul2025"))
    assert result.status == compare.SINGLE
    assert result.originators == ["ua-intelligence"]
    assert not fits(result, "corroborated")
    assert fits(result, "single-source")


def test_figures_that_do_not_overlap_at_the_same_time_disagree():
    result = compared(entry("sk-jcs", 4_000, date="2025-03-27"),
                      entry("western-officials", 4_000, date="2025-07"),
                      entry("western-estimates", 6_000, date="2025-07", stance="contradicts"))
    assert result.status == compare.DISAGREE
    assert fits(result, "disputed") and not fits(result, "corroborated")
    assert "4,000 per sk-jcs (2025-03-27)" in result.summary()
    assert "6,000 per western-estimates (2025-07)" in result.summary()


def test_a_later_figure_that_nothing_as_late_repeats_supersedes():
    result = compared(entry("sk-nis", low=1_000, high=3_000, date="2025-02-27", article="5blogger-mar2025"),
                      entry("sk-jcs", 5_000, date="2025-03-27", article="kompastv-mar2025"))
    assert result.status == compare.SUPERSEDED
    assert [e.originator for e in result.groups[0].replaced] == ["sk-nis"]
    assert fits(result, "outdated")


def test_an_old_figure_repeated_as_late_as_the_new_one_keeps_the_dispute_open():
    result = compared(entry("sk-nis", 2_000, date="2025-02"),
                      entry("sk-jcs", 5_000, date="2025-03"),
                      entry("western-officials", 2_000, date="2025-03"))
    assert result.status == compare.DISAGREE


def test_figures_for_different_periods_are_not_a_disagreement():
    result = compared(entry("seoul-intelligence", 12_000_000, date="2025-07", measure="artillery-shells-supplied"),
                      entry("un-member-states", 9_000_000, date="2025-06", span=("2024", "2024"),
                            measure="artillery-shells-supplied"))
    assert result.status == compare.AGREE
    assert len(result.groups) == 2
    assert "do not contradict each other" in result.relations[0]
    assert "9,000,000 troops for 2024" in result.relations[0]


def test_a_denial_without_a_figure_is_a_disagreement():
    result = compared(entry("ua-intelligence", low=25_000, high=30_000, date="2025-07-02"),
                      entry("ua-gur", stance="contradicts", date="2025-07-13"),
                      entry("ua-intelligence", low=25_000, high=30_000, date="2025-07"))
    assert result.status == compare.DISAGREE
    assert result.denials == [1]


def test_a_statement_contradicted_only_by_later_reports_is_overtaken():
    result = compared(entry("the-japan-times", date="2025-03-27"),
                      entry("unattributed", stance="contradicts", date="2025-04"),
                      entry("sergey-lavrov", stance="contradicts", date="2025-07"))
    assert result.status == compare.SUPERSEDED
    assert fits(result, "outdated")


def test_a_denial_as_old_as_the_claim_disputes_it():
    result = compared(entry("sk-jcs", date="2025-03"), entry("kcna", stance="contradicts", date="2025-03-20"))
    assert result.status == compare.DISAGREE


def test_text_that_names_no_source_does_not_corroborate():
    result = compared(entry("sk-jcs"), entry("unattributed"))
    assert result.status == compare.SINGLE
    assert result.independent == ["sk-jcs"]
    assert not fits(result, "corroborated") and fits(result, "single-source")
    assert "only sk-jcs counted; unattributed is not counted (text that names no source)" in result.summary()


def test_context_entries_do_not_count_as_evidence():
    result = compared(entry("kcna"), entry("sk-jcs", stance="context"))
    assert result.originators == ["kcna"]
    assert result.status == compare.SINGLE


def test_a_context_figure_for_another_period_is_related_but_not_weighed():
    result = compared(entry("seoul-intelligence", 12_000_000, date="2025-07-13", measure="artillery-shells-supplied"),
                      entry("un-member-states", 9_000_000, date="2025-06", span=("2024", "2024"), stance="context",
                            measure="artillery-shells-supplied"))
    assert result.status == compare.SINGLE
    assert [g.status for g in result.groups] == [compare.CONTEXT, compare.SINGLE]
    assert "do not contradict each other" in result.relations[0]


def test_real_casualty_claim_is_disputed_by_the_computed_evidence():
    result = pipeline.check(REPO)
    comparison = result.comparisons["nk-killed-wounded"]
    assert comparison.status == compare.DISAGREE
    assert result.corpus.claims["nk-killed-wounded"].verdict == "disputed"


def test_validation_fails_when_the_verdict_does_not_fit(scratch_repo):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    text = (FIXTURES / "claims" / "valid.yaml").read_text().replace("verdict: single-source", "verdict: corroborated")
    (scratch_repo / "claims" / "diplomacy" / "kim-pledge.yaml").write_text(text)
    result = run_cli("validate", "--root", str(scratch_repo))
    assert result.returncode == 1
    assert ("kim-pledge.yaml:5:1: verdict `corroborated` does not fit the evidence (its rule needs: the accounts "
            "agree): every entry traces back to one originator (kcna); the evidence carries `single-source`") in result.stderr
