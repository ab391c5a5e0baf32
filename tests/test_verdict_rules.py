"""Verdicts are defined by their registry entries; stances and independence likewise.

Each case puts fixture registries (tests/fixtures/integrity/registries/) and
fixture claims (tests/fixtures/integrity/claims/) into a scratch copy of the
repository, so that an editor's correction to a curated claim cannot break
them. The few tests on the curated claims say so in their names.
"""
from __future__ import annotations

import re
import shutil

import pytest

from build_tools import compare, model, pipeline
from comparisons import ORIGINATORS, STANCES, VERDICTS, carried, compared, entry
from conftest import FIXTURES, REPO, run_cli

INTEGRITY = FIXTURES / "integrity"


def with_verdicts(root, fixture: str):
    shutil.copy(INTEGRITY / "registries" / fixture, root / "claims" / "verdicts.yaml")


def with_claim(root, fixture: str, verdict: str | None = None, name: str = "planned.yaml"):
    (root / "claims" / "deployments").mkdir(exist_ok=True)
    text = (INTEGRITY / "claims" / fixture).read_text(encoding="utf-8")
    if verdict:
        text = re.sub(r"(?m)^verdict: .*$", f"verdict: {verdict}", text)
    (root / "claims" / "deployments" / name).write_text(text, encoding="utf-8")


def validate(root):
    return run_cli("validate", "--root", str(root))


def line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# --- rules declared in the registry are applied --------------------------------

def test_a_verdict_added_to_the_registry_is_held_to_its_rule(scratch_repo):
    with_verdicts(scratch_repo, "verdicts-denial.yaml")
    with_claim(scratch_repo, "denied.yaml", verdict="disputed")
    result = validate(scratch_repo)
    assert result.returncode == 1
    line = line_of(scratch_repo / "claims" / "deployments" / "planned.yaml", "verdict:")
    assert (f"planned.yaml:{line}:1: verdict `disputed` does not fit the evidence (its rule excludes a denial, "
            "and there is one): a source entry contradicts the claim") in result.stderr
    assert "the evidence carries `denied`" in result.stderr


def test_the_verdict_whose_declared_rule_fits_validates(scratch_repo):
    with_verdicts(scratch_repo, "verdicts-denial.yaml")
    with_claim(scratch_repo, "denied.yaml", verdict="denied")
    result = validate(scratch_repo)
    assert result.returncode == 0, result.stderr


def test_a_verdict_without_a_rule_is_an_error_at_its_registry_line(scratch_repo):
    with_verdicts(scratch_repo, "verdicts-no-rule.yaml")
    result = validate(scratch_repo)
    assert result.returncode == 1
    line = line_of(scratch_repo / "claims" / "verdicts.yaml", "id: hearsay")
    assert f"claims/verdicts.yaml:{line}:3: verdict `hearsay` declares no rule" in result.stderr


def test_a_claim_with_a_verdict_that_has_no_rule_is_not_reported_again(scratch_repo):
    with_verdicts(scratch_repo, "verdicts-no-rule.yaml")
    with_claim(scratch_repo, "no-information.yaml", verdict="hearsay")
    result = validate(scratch_repo)
    assert result.returncode == 1
    assert "planned.yaml" not in result.stderr


def test_rules_that_can_both_fit_one_claim_are_an_error(scratch_repo):
    with_verdicts(scratch_repo, "verdicts-overlap.yaml")
    result = validate(scratch_repo)
    assert result.returncode == 1
    line = line_of(scratch_repo / "claims" / "verdicts.yaml", "id: unproven") + 5  # its `rule:`, after label, colour, icon, meaning
    assert (f"claims/verdicts.yaml:{line}:3: the rules of `single-source` and `unproven` can both fit "
            "one claim's evidence") in result.stderr


def test_overlapping_rules_pass_when_the_registry_says_which_wins(scratch_repo):
    with_verdicts(scratch_repo, "verdicts-overlap-resolved.yaml")
    assert validate(scratch_repo).returncode == 0


def test_where_two_rules_fit_the_claim_must_take_the_one_that_wins(scratch_repo):
    with_verdicts(scratch_repo, "verdicts-overlap-resolved.yaml")
    text = (FIXTURES / "claims" / "valid.yaml").read_text(encoding="utf-8").replace("originator: kcna",
                                                                                      "originator: unattributed")
    (scratch_repo / "claims" / "diplomacy").mkdir()
    (scratch_repo / "claims" / "diplomacy" / "kim-pledge.yaml").write_text(text, encoding="utf-8")
    result = validate(scratch_repo)
    assert result.returncode == 1
    assert ("verdict `single-source` does not fit the evidence (`unproven` also fits and the registry gives it "
            "over `single-source`)") in result.stderr


def test_rules_overlap_only_where_every_condition_can_hold_at_once():
    agree_two = model.VerdictRule((compare.AGREE,), min_independent=2)
    assert not compare.rules_overlap(agree_two, model.VerdictRule((compare.AGREE,), max_independent=1))
    assert compare.rules_overlap(agree_two, model.VerdictRule((compare.AGREE, compare.SINGLE,), min_independent=3))
    assert not compare.rules_overlap(model.VerdictRule((compare.DISAGREE,), denial=model.REQUIRED),
                                     model.VerdictRule((compare.DISAGREE,), denial=model.EXCLUDED))
    assert compare.rules_overlap(model.VerdictRule((compare.DISAGREE,), denial=model.REQUIRED),
                                 model.VerdictRule((compare.DISAGREE,)))


def test_a_rule_is_stated_in_words():
    rule = model.VerdictRule((compare.AGREE,), min_independent=2, denial=model.EXCLUDED)
    assert compare.rule_in_words(rule) == ("The accounts agree; at least 2 counted independent originators; "
                                           "no denial.")
    assert compare.rule_in_words(model.VerdictRule((compare.SINGLE,), max_independent=0)).endswith(
        "; no counted independent originator.")


# --- stances --------------------------------------------------------------------

def test_a_source_with_no_information_neither_supports_nor_contradicts(scratch_repo):
    with_claim(scratch_repo, "no-information.yaml")
    result = pipeline.check(scratch_repo)
    assert result.ok, [p.format() for p in result.problems]
    comparison = result.comparisons["planned"]
    assert comparison.status == compare.SINGLE
    assert comparison.denials == [] and comparison.originators == ["ua-intelligence"]


def test_a_neutral_source_cannot_carry_disputed(scratch_repo):
    with_claim(scratch_repo, "no-information.yaml", verdict="disputed")
    result = validate(scratch_repo)
    assert result.returncode == 1
    assert "the evidence carries `single-source`" in result.stderr


def test_a_stance_not_in_the_registry_is_an_error(scratch_repo):
    with_claim(scratch_repo, "no-information.yaml")
    path = scratch_repo / "claims" / "deployments" / "planned.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    stance: neutral", "    stance: no-comment"),
                    encoding="utf-8")
    result = validate(scratch_repo)
    assert result.returncode == 1
    assert f"planned.yaml:{line_of(path, '    stance: no-comment')}:5: unknown stance `no-comment`" in result.stderr


def test_the_neutral_stance_is_declared_with_the_others_real_registry():
    stances = pipeline.check(REPO).corpus.stances
    assert stances["neutral"].effect == model.NEITHER
    assert {s.effect for s in stances.values()} == {model.SUPPORTS, model.CONTRADICTS, model.NEITHER}


# --- independence -----------------------------------------------------------------

@pytest.mark.parametrize("kind, independent, counted", [
    ("an outlet's unsourced assertion, in its own words", False, []),
    ("an outlet's own evidence, such as satellite images it obtained", True, ["outlet"]),
    ("text that names no source", False, []),
    ("a body speaking for itself", True, ["outlet"]),
])
def test_an_originator_counts_only_when_its_registry_entry_says_it_can(kind, independent, counted):
    originators = {"outlet": model.Originator("outlet", "Outlet", "Outlet", "media", None, "", independent, kind)}
    claim = model.Claim(id="c", topic="t", path="p", claim="", title="", bottom_line="", verdict="", claimant="",
                        published="2025", last_reviewed="2025", translator="", sources=[entry("outlet")],
                        analysis="", corrections=[])
    comparison = compare.compare_claim(claim, {}, originators, STANCES)
    assert comparison.independent == counted
    assert comparison.not_counted == ({} if independent else {"outlet": kind})


def test_two_outlets_in_their_own_words_do_not_corroborate():
    result = compared(entry("the-japan-times"), entry("unattributed"))
    assert result.independent == []
    assert carried(result) == ["unproven"]


def test_an_inferred_attribution_is_shown_but_not_counted():
    inferred = entry("ua-intelligence")
    inferred.attribution = model.Attribution(True, "read from the next paragraph")
    result = compared(entry("sk-jcs"), inferred)
    assert result.originators == ["sk-jcs", "ua-intelligence"]
    assert result.independent == ["sk-jcs"]
    assert carried(result) == ["single-source"]


def test_an_inferred_chain_of_outlets_leaves_a_stated_originator_counted():
    via_only = entry("ua-intelligence")
    via_only.attribution = model.Attribution(True, "the outlet is named two lines on", what="via")
    result = compared(entry("sk-jcs"), via_only)
    assert result.independent == ["sk-jcs", "ua-intelligence"]


def test_independence_is_declared_for_every_originator_real_registry():
    originators = pipeline.check(REPO).corpus.originators
    assert all(o.independence for o in originators.values())
    assert not originators["the-japan-times"].independent and originators["cnn"].independent


def test_real_claims_resting_on_outlets_own_words_have_no_counted_originator():
    result = pipeline.check(REPO)
    for claim_id in ("nk-troops-kursk", "full-scale-invasion-2022", "mutual-defence-agreement",
                     "ukraine-kursk-incursion"):
        assert result.comparisons[claim_id].independent == [], claim_id
        assert result.corpus.claims[claim_id].corrections[-1].verdict_before, claim_id


# --- key figures ------------------------------------------------------------------

def test_key_figures_count_only_supporting_originators():
    result = compared(entry("ua-intelligence", low=25_000, high=30_000, measure="nk-troops-planned"),
                      entry("ua-gur", 30_000, stance="neutral", measure="nk-troops-planned"),
                      entry("sk-jcs", 40_000, stance="contradicts", measure="nk-troops-planned"),
                      entry("unattributed", 30_000, measure="nk-troops-planned"))
    assert compare.supporting_originators(result, "nk-troops-planned") == ["ua-intelligence"]


# --- corrections and attributions in claim files --------------------------------------

@pytest.mark.parametrize("change, message", [
    (("    stance: neutral\n", "    stance: neutral\n    attribution:\n      inferred: false\n      reason: x\n"),
     "`attribution` is for an originator the editors inferred"),
    (("corrections: []\n", 'corrections:\n  - date: "2026-12-01"\n    change: Re-rated.\n'),
     "missing key `reason` in `corrections[0]`"),
    (("corrections: []\n", 'corrections:\n  - date: "2026-12-01"\n    change: Re-rated.\n    reason: R.\n'
                           "    verdict_before: probable\n"),
     "unknown verdict `probable`"),
])
def test_a_bad_attribution_or_correction_is_refused(scratch_repo, change, message):
    with_claim(scratch_repo, "no-information.yaml")
    path = scratch_repo / "claims" / "deployments" / "planned.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    result = validate(scratch_repo)
    assert result.returncode == 1
    assert message in result.stderr


def test_the_methodology_states_the_independence_rule_in_the_registry_schemas_words():
    import json
    schema = json.loads((REPO / "build_tools" / "schema" / "registries.schema.json").read_text(encoding="utf-8"))
    rule = schema["definitions"]["originators"]["items"]["properties"]["independent"]["description"]
    rule = rule.removeprefix("Whether this originator's statements can count as independent evidence. ")
    methodology = " ".join((REPO / "docs" / "methodology.md").read_text(encoding="utf-8").replace("**", "").split())
    assert rule in methodology
    assert methodology.count(rule) == 1


def key_figures(root) -> str:
    from build_tools.render import home
    result = pipeline.check(root)
    assert result.ok, [p.format() for p in result.problems]
    page = home.home_page(result.corpus, result.comparisons)
    return page.split('<table class="key-figures">', 1)[1].split("</table>", 1)[0]


def test_the_home_page_credits_a_figure_only_to_sources_that_support_it(scratch_repo):
    with_claim(scratch_repo, "no-information.yaml")
    row = next(r for r in key_figures(scratch_repo).split("<tr>") if "claims/planned/" in r)
    assert "1 supporting independent originator<" in row


def test_the_home_page_keeps_a_figures_qualifier(scratch_repo):
    with_claim(scratch_repo, "at-least.yaml", name="shells.yaml")
    row = next(r for r in key_figures(scratch_repo).split("<tr>") if "claims/shells/" in r)
    assert "<strong>at least 9,000,000 shells</strong>" in row


def test_a_qualifier_may_govern_a_later_number_only_with_a_note(scratch_repo):
    with_claim(scratch_repo, "at-least.yaml", name="shells.yaml")
    path = scratch_repo / "claims" / "deployments" / "shells.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(l for l in text.splitlines() if "qualifier_note" not in l) + "\n", encoding="utf-8")
    result = validate(scratch_repo)
    assert result.returncode == 1
    assert "`qualifier: at least` is not in the quote" in result.stderr


def test_the_claim_page_shows_how_a_qualifier_was_read(scratch_repo):
    from build_tools import render
    from build_tools.render.claimreview import Publisher
    with_claim(scratch_repo, "at-least.yaml", name="shells.yaml")
    result = pipeline.check(scratch_repo)
    site = render.render_site(result.corpus, result.comparisons, Publisher("Test", "https://example.org/"))
    page = next(text for path, text in site.pages.items() if path.startswith("claims/shells"))
    assert "How the qualifier was read: &quot;setidaknya&quot; governs both numbers of the list." in page
