"""Comparison cases built in code: source entries, fixture registries of originators,
stances and verdicts, and the comparison of a claim made of given entries.

Not a test module: test_compare.py and test_verdict_rules.py share it.
"""
from __future__ import annotations

from build_tools import compare, model


def entry(originator, value=None, *, low=None, high=None, qualifier=None, date="2025-07",
          stance="supports", article="bi-jul2025", as_of=None, span=None, measure="nk-troops-sent"):
    figure = None
    if value is not None or low is not None or qualifier is not None:
        period = model.Period(start=span[0], end=span[1]) if span else model.Period(as_of=as_of or date)
        figure = model.Figure(unit="troops", value=value, low=low, high=high, qualifier=qualifier,
                              measure=measure, period=period)
    return model.SourceEntry(article=article, quote="", translation="", originator=originator,
                             stance=stance, date=date, figure=figure)


# A fixture registry: what the comparison needs of originators, stances and verdicts.
NOT_INDEPENDENT = {"unattributed": "Text that names no source.",
                   "the-japan-times": "An outlet's unsourced assertion, in its own words."}
ORIGINATORS = {o: model.Originator(o, o, o, "kind", None, "", independent=False, independence=why)
               for o, why in NOT_INDEPENDENT.items()}
STANCES = {"supports": model.Stance("supports", "Supports", "", model.SUPPORTS),
           "contradicts": model.Stance("contradicts", "Contradicts", "", model.CONTRADICTS),
           "neutral": model.Stance("neutral", "Neither confirms nor denies", "", model.NEITHER),
           "context": model.Stance("context", "Context", "", model.NEITHER)}


def verdict(verdict_id: str, rule: model.VerdictRule) -> model.Verdict:
    return model.Verdict(verdict_id, "", "", icon="", colour_light="", colour_dark="", rule=rule)


VERDICTS = {
    "corroborated": verdict("corroborated", model.VerdictRule(
        (compare.AGREE,), min_independent=2, denial=model.EXCLUDED, overtaken=model.EXCLUDED)),
    "single-source": verdict("single-source", model.VerdictRule((compare.SINGLE,), 1, 1)),
    "disputed": verdict("disputed", model.VerdictRule((compare.DISAGREE,))),
    "outdated": verdict("outdated", model.VerdictRule((compare.SUPERSEDED,), overtaken=model.REQUIRED)),
    "unproven": verdict("unproven", model.VerdictRule((compare.SINGLE,), max_independent=0)),
}


def compared(*sources):
    claim = model.Claim(id="c", topic="t", path="p", claim="", title="", bottom_line="", verdict="", claimant="",
                        published="2025", last_reviewed="2025", translator="", sources=list(sources),
                        analysis="", corrections=[], measure="nk-troops-sent")
    return compare.compare_claim(claim, articles={}, originators_known=ORIGINATORS, stances=STANCES)


def fits(result, verdict: str) -> bool:
    return result.fits(VERDICTS[verdict].rule)


def carried(result) -> list[str]:
    return compare.fitting_verdicts(result, VERDICTS)
