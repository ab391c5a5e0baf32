"""Parts added up across claims and set against their totals (compare.parts_sums), on fixture data; and the
relations in claims/measures.yaml checked as the registries load."""
from __future__ import annotations

from build_tools import compare, load, model, validate

STANCES = {"supports": model.Stance("supports", "Supports", "", model.SUPPORTS),
           "context": model.Stance("context", "Context", "", model.NEITHER)}


def measure(measure_id: str, *, parts=(), part_of=None) -> model.Measure:
    return model.Measure(measure_id, measure_id, "troops", "", part_of=part_of, parts=tuple(parts))


# Troops sent is the sum of two named parts; personnel has parts that only declare `part_of` (at least).
MEASURES = {m.id: m for m in (
    measure("sent", parts=("first-wave", "reinforcements")), measure("first-wave"), measure("reinforcements"),
    measure("personnel"), measure("deminers", part_of="personnel"), measure("builders", part_of="personnel"))}


def figure(measure_id, value=None, *, low=None, high=None, qualifier=None, as_of=None, span=None) -> model.Figure:
    period = model.Period(start=span[0], end=span[1]) if span else model.Period(as_of=as_of)
    return model.Figure(unit="troops", value=value, low=low, high=high, qualifier=qualifier, measure=measure_id,
                        period=period)


def claim(claim_id: str, *figures: tuple[str, str, model.Figure]) -> model.Claim:
    """A claim whose sources are (originator, date said, figure)."""
    sources = [model.SourceEntry(article=f"article-{claim_id}-{i}", quote="", translation="", originator=who,
                                 stance="supports", date=date, figure=f) for i, (who, date, f) in enumerate(figures)]
    return model.Claim(id=claim_id, topic="t", path=f"{claim_id}.yaml", claim="", title="", bottom_line="",
                       verdict="", claimant="", published="2025", last_reviewed="2025", translator="",
                       sources=sources, analysis="", corrections=[])


def compared(*claims: model.Claim) -> dict[str, compare.ClaimComparison]:
    corpus = model.Corpus(root="", topics={}, measures=MEASURES, originators={}, verdicts={}, articles={},
                          claims={c.id: c for c in claims}, stances=STANCES)
    return compare.compare_all(corpus)


def test_parts_that_add_up_to_a_total_of_the_same_date_agree_and_leave_each_claim_as_it_was():
    result = compared(claim("wave", ("a", "2025-03-27", figure("first-wave", 11_000, as_of="2025-03-27"))),
                      claim("more", ("b", "2025-03-27", figure("reinforcements", 3_000, as_of="2025-03-27"))),
                      claim("all", ("c", "2025-03-27", figure("sent", 14_000, as_of="2025-03-27"))))
    (total,) = result["all"].sums
    assert (total.low, total.high, total.counted_to, total.status) == (14_000, 14_000, "2025-03-27", compare.AGREE)
    assert [r.figure.measure for r in total.parts] == ["first-wave", "reinforcements"]
    assert all(result[c].sums == [total] and result[c].status == compare.SINGLE for c in ("wave", "more", "all"))


def test_parts_that_exceed_a_later_total_disagree_on_every_claim_whose_figures_take_part():
    result = compared(claim("wave", ("a", "2025-03-27", figure("first-wave", 11_000, span=("2024-10", "2024-12")))),
                      claim("more", ("a", "2025-03-27", figure("reinforcements", 3_000, span=("2025-01", "2025-03")))),
                      claim("all", ("c", "2025-07", figure("sent", 11_000, qualifier="about",
                                                           span=("2024-07", "2025-07")))),
                      claim("elsewhere", ("d", "2025-07", figure("personnel", 10))))
    assert {c: r.status for c, r in result.items()} == {"wave": compare.DISAGREE, "more": compare.DISAGREE,
                                                         "all": compare.DISAGREE, "elsewhere": compare.SINGLE}
    (total,) = result["all"].sums
    assert total.totals[0].why == "exceeds"
    assert result["more"].summary() == ("the parts do not add up: 11,000 + 3,000 = 14,000 troops to 2025-03, "
                                        "which exceeds about 11,000 troops (to 2025-07)")


def test_a_total_for_an_earlier_date_is_not_set_against_parts_counted_later():
    result = compared(claim("wave", ("a", "2025-03", figure("first-wave", 11_000, as_of="2025-03"))),
                      claim("more", ("a", "2025-03", figure("reinforcements", 3_000, as_of="2025-03"))),
                      claim("all", ("c", "2025-01", figure("sent", 11_000, as_of="2025-01"))))
    assert result["all"].sums == [] and result["all"].status == compare.SINGLE


def test_ranges_on_both_sides_are_added_as_intervals():
    parts = (claim("wave", ("a", "2025-03", figure("first-wave", low=10_000, high=12_000, as_of="2025-03"))),
             claim("more", ("b", "2025-03", figure("reinforcements", low=1_000, high=3_000, as_of="2025-03"))))
    overlapping = compared(*parts, claim("all", ("c", "2025-07", figure("sent", low=12_000, high=13_000,
                                                                        as_of="2025-07"))))
    (total,) = overlapping["all"].sums
    assert (total.low, total.high, total.status) == (11_000, 15_000, compare.AGREE)
    assert total.sum.describe(with_unit=True) == "11,000–15,000 troops"
    below = compared(*parts, claim("all", ("c", "2025-07", figure("sent", low=9_000, high=10_500, as_of="2025-07"))))
    assert below["all"].sums[0].status == compare.DISAGREE and below["wave"].status == compare.DISAGREE


def test_a_part_with_at_least_leaves_the_sum_open_above():
    deminers = claim("deminers", ("s", "2025-06", figure("deminers", 1_000, qualifier="at least", as_of="2025-06")))
    builders = claim("builders", ("s", "2025-06", figure("builders", 5_000, as_of="2025-06")))
    result = compared(deminers, builders, claim("all", ("s", "2025-06", figure("personnel", 6_000, as_of="2025-06"))))
    (total,) = result["all"].sums
    assert (total.low, total.high, total.status) == (6_000, compare.INFINITY, compare.AGREE)
    assert total.sum.describe() == "at least 6,000"
    # No upper end to the sum, but its lower end still counts: at least 6,000 is more than 5,500.
    short = compared(deminers, builders, claim("all", ("s", "2025-06", figure("personnel", 5_500, as_of="2025-06"))))
    assert short["all"].sums[0].status == compare.DISAGREE


def test_a_total_larger_than_all_its_named_parts_on_the_same_date_disagrees_but_not_a_total_of_some_parts():
    named = compared(claim("wave", ("a", "2025-03", figure("first-wave", 11_000, as_of="2025-03"))),
                     claim("more", ("b", "2025-03", figure("reinforcements", 3_000, as_of="2025-03"))),
                     claim("all", ("c", "2025-03", figure("sent", 20_000, as_of="2025-03"))))
    assert named["all"].sums[0].totals[0].why == "falls short of"
    assert named["all"].status == compare.DISAGREE
    # `part_of` alone does not say the parts are all of it: a larger total allows them.
    some = compared(claim("deminers", ("s", "2025-06", figure("deminers", 1_000, as_of="2025-06"))),
                    claim("builders", ("s", "2025-06", figure("builders", 5_000, as_of="2025-06"))),
                    claim("all", ("t", "2025-06", figure("personnel", 20_000, as_of="2025-06"))))
    assert some["all"].sums[0].status == compare.AGREE


def test_parts_reported_on_different_dates_add_up_the_latest_of_each_by_each_date():
    result = compared(
        claim("wave", ("a", "2025-01", figure("first-wave", 11_000, as_of="2025-01")),
              ("a", "2025-05", figure("first-wave", 12_000, as_of="2025-05"))),
        claim("more", ("b", "2025-03", figure("reinforcements", 3_000, as_of="2025-03"))),
        claim("all", ("c", "2025-04", figure("sent", 14_000, as_of="2025-04")),
              ("c", "2025-06", figure("sent", 14_500, as_of="2025-06"))))
    sums = result["all"].sums
    # Nothing adds up before both parts are reported (2025-03); the first wave's revision makes a second sum.
    assert [(s.counted_to, s.low) for s in sums] == [("2025-03", 14_000), ("2025-05", 15_000)]
    assert [[(t.total.figure.value, t.status) for t in s.totals] for s in sums] == [
        [(14_000, compare.AGREE), (14_500, compare.AGREE)], [(14_500, compare.DISAGREE)]]
    assert result["wave"].status == compare.DISAGREE


def test_a_total_for_a_span_is_set_against_parts_only_when_their_spans_lie_inside_it():
    result = compared(claim("wave", ("a", "2025-03", figure("first-wave", 11_000, as_of="2025-03"))),
                      claim("more", ("a", "2025-03", figure("reinforcements", 3_000, span=("2025-01", "2025-02")))),
                      claim("all", ("c", "2025-07", figure("sent", 11_000, span=("2024-07", "2025-07")))))
    assert result["all"].sums == []  # the first wave counted to March may include troops sent before July 2024


def test_one_passage_quoted_by_two_claims_is_one_figure():
    wave = ("a", "2025-03", figure("first-wave", 11_000, as_of="2025-03"))
    result = compared(claim("wave", wave), claim("more", ("b", "2025-03", figure("reinforcements", 3_000,
                                                                                as_of="2025-03"))),
                      claim("all", ("c", "2025-07", figure("sent", 11_000, as_of="2025-07"))))
    assert [r.places for r in result["all"].sums[0].parts] == [(("wave", 0),), (("more", 0),)]


# --- the relations, checked as the registries load ------------------------------------------

def load_measures(repo, text: str):
    (repo / "claims" / "measures.yaml").write_text(text, encoding="utf-8")
    corpus, problems = validate.validate(load.load_files(repo))
    return corpus, [p.format() for p in problems.errors]


ENTRY = "- id: {id}\n  title: {id}\n  unit: troops\n  description: A measure.\n"


def test_a_circle_of_relations_is_an_error_at_the_key_that_closes_it(scratch_repo):
    text = (ENTRY.format(id="sent") + "  parts: [wave, more]\n" + ENTRY.format(id="wave")
            + ENTRY.format(id="more") + "  part_of: wave\n" + ENTRY.format(id="other") + "  part_of: other\n")
    corpus, errors = load_measures(scratch_repo, text)
    path = scratch_repo / "claims" / "measures.yaml"
    # more is a part of wave and of sent, wave of sent: no circle there. `other` is a part of itself, at its
    # `part_of` (line 19); that `more` is part of `wave` while `sent` lists it is allowed.
    assert errors == [f"{path}:19:3: measure relations go round in a circle (`other` → `other`): a measure "
                      f"cannot be, through its relations, a part of itself"]
    assert corpus.measures["sent"].parts == ("wave", "more")


def test_a_circle_through_two_measures_is_reported_once(scratch_repo):
    text = ENTRY.format(id="sent") + "  part_of: wave\n" + ENTRY.format(id="wave") + "  part_of: sent\n"
    _, errors = load_measures(scratch_repo, text)
    path = scratch_repo / "claims" / "measures.yaml"
    assert errors == [f"{path}:10:3: measure relations go round in a circle (`sent` → `wave` → `sent`): a measure "
                      f"cannot be, through its relations, a part of itself"]


def test_a_relation_naming_an_unknown_measure_or_a_part_the_total_leaves_out_is_an_error(scratch_repo):
    text = (ENTRY.format(id="sent") + "  parts: [wave, mroe]\n" + ENTRY.format(id="wave")
            + ENTRY.format(id="more") + "  part_of: sent\n")
    _, errors = load_measures(scratch_repo, text)
    path = scratch_repo / "claims" / "measures.yaml"
    assert errors == [f"{path}:5:17: measure `mroe` is not in claims/measures.yaml; did you mean `more`?",
                      f"{path}:14:3: measure `more` is part of `sent`, whose `parts` leave it out: add it "
                      f"there, or remove `part_of`"]
