"""Stage 3: compare the figures of each claim, per measure and period.

The status of a comparison is what the evidence shows, computed, so that a
curated verdict can be held to it:

  agree       every range overlaps, allowing for each figure's qualifier
  disagree    ranges for the same measure and period do not overlap, or a
              source entry contradicts the claim (a denial)
  superseded  a later figure replaced an earlier one and nothing as late
              repeats the earlier; or every denial came after the last report
              that supports the claim
  single      one originator, however many articles repeat it (and at most
              one that names a source)

Independence is counted by originator, never by article: two articles
repeating one CNN report are one originator. An originator of kind
`unattributed` (text that names no source) is shown but never counts as an
independent source.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import model

AGREE, DISAGREE, SUPERSEDED, SINGLE = "agree", "disagree", "superseded", "single"
CONTEXT = "context"  # a group of context figures only: shown, never weighed
# Which verdicts each status carries.
VERDICT_NEEDS = {
    "corroborated": AGREE,
    "disputed": DISAGREE,
    "outdated": SUPERSEDED,
    "single-source": SINGLE,
    "unproven": SINGLE,
}
INFINITY = float("inf")


@dataclass(frozen=True)
class Estimate:
    """One figure, as one source entry gives it."""

    source_index: int
    article: str
    originator: str
    via: tuple[str, ...]
    date: str  # the statement's date, else the article's
    stance: str
    figure: model.Figure

    @property
    def bounds(self) -> tuple[float, float]:
        return bounds(self.figure)


@dataclass
class FigureGroup:
    """The figures of one measure for one period, in date order."""

    measure: str
    period: str  # "cumulative" or "FROM/TO" for a span
    estimates: list[Estimate]
    status: str
    low: float | None = None   # range across the estimates' stated numbers
    high: float | None = None
    replaced: list[Estimate] = field(default_factory=list)  # overtaken estimates

    @property
    def originators(self) -> list[str]:
        return _distinct(e.originator for e in self.estimates)


@dataclass
class ClaimComparison:
    claim_id: str
    status: str
    originators: list[str]          # distinct originators of supporting/contradicting entries
    independent: list[str]          # those of them that name a source
    groups: list[FigureGroup]
    denials: list[int]              # indexes of contradicting entries without a figure
    relations: list[str]            # how figures of different periods relate, in words

    def summary(self) -> str:
        """What the evidence shows, in one sentence fragment, for messages."""
        who = f"{len(self.originators)} distinct originator{'s' if len(self.originators) != 1 else ''}"
        if self.status == DISAGREE:
            if self.denials and not any(g.status == DISAGREE for g in self.groups):
                return f"a source entry contradicts the claim ({who})"
            split = next(g for g in self.groups if g.status == DISAGREE)
            said = "; ".join(f"{e.figure.describe()} per {e.originator} ({e.date})"
                             for e in split.estimates if e.stance != "context")
            return f"the figures disagree: {said}"
        if self.status == SUPERSEDED:
            if self.denials:
                return "later reports overtake it and nothing as late repeats it"
            return "a later figure replaced an earlier one"
        if self.status == SINGLE:
            if len(self.independent) < len(self.originators):
                named = ", ".join(self.independent) or "none"
                return f"only one originator names a source ({named}); the rest name none"
            return f"every entry traces back to one originator ({', '.join(self.originators) or 'none'})"
        return f"the accounts agree, from {who}"

    def fits(self, verdict: str) -> bool:
        needed = VERDICT_NEEDS.get(verdict)
        if needed is None:
            return True
        if verdict == "corroborated":
            return self.status == AGREE and len(self.independent) >= 2
        return self.status == needed


def bounds(figure: model.Amount) -> tuple[float, float]:
    """The interval a figure allows, its qualifier taken into account."""
    if figure.value is None and figure.low is None:
        return {
            "tens of": (10, 100), "hundreds of": (100, 1_000),
            "thousands of": (1_000, 1_000_000), "millions of": (1_000_000, 1_000_000_000),
        }[figure.qualifier]
    low = figure.value if figure.value is not None else figure.low
    high = figure.value if figure.value is not None else figure.high
    return {
        None: (low, high),
        "about": (low * 0.9, high * 1.1),
        "at least": (low, INFINITY),
        "more than": (low, INFINITY),
        "nearly": (low * 0.9, high),
        "less than": (0, high),
        "up to": (0, high),
    }.get(figure.qualifier, (low, high))


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def same_time(a: str, b: str) -> bool:
    """Two partial dates are the same time when one contains the other."""
    return a.startswith(b) or b.startswith(a)


def compare_claim(claim: model.Claim, articles: dict[str, model.Article],
                  originators_known: dict[str, model.Originator]) -> ClaimComparison:
    weighed = [(i, s) for i, s in enumerate(claim.sources) if s.stance != "context"]
    originators = _distinct(s.originator for _, s in weighed)
    independent = [o for o in originators
                   if o not in originators_known or originators_known[o].kind != "unattributed"]
    estimates: dict[tuple[str, str], list[Estimate]] = {}
    # Context figures are grouped too, so that the page can say how they
    # relate to the claim's own figures, but they never weigh in a status.
    for index, source in enumerate(claim.sources):
        if source.figure is None:
            continue
        figure = source.figure
        period = "cumulative" if not figure.period.is_span else f"{figure.period.start}/{figure.period.end}"
        date = model.statement_date(source, articles)
        estimates.setdefault((figure.measure, period), []).append(
            Estimate(index, source.article, source.originator, source.via, date, source.stance, figure))
    groups = [_compare_group(measure, period, items) for (measure, period), items in sorted(estimates.items())]
    denials = [i for i, s in weighed if s.stance == "contradicts" and s.figure is None]
    statuses = {g.status for g in groups} - {CONTEXT}
    if denials:
        # A denial made after every supporting report, and not answered by a
        # report as late, overtakes the claim; otherwise the claim is disputed.
        dated = [(model.statement_date(s, articles), s.stance) for _, s in weighed]
        supports = [d for d, stance in dated if stance == "supports"]
        overtaken = bool(supports) and all(
            d > earlier and not same_time(d, earlier)
            for d, stance in dated if stance == "contradicts" for earlier in supports)
        statuses.add(SUPERSEDED if overtaken else DISAGREE)
    if DISAGREE in statuses:
        status = DISAGREE
    elif SUPERSEDED in statuses:
        status = SUPERSEDED
    elif len(independent) <= 1:
        status = SINGLE
    else:
        status = AGREE
    return ClaimComparison(claim.id, status, originators, independent, groups, denials, _relations(groups))


def _compare_group(measure: str, period: str, estimates: list[Estimate]) -> FigureGroup:
    # ISO dates, partial or not, sort as strings: "2025-07" before "2025-07-13".
    estimates = sorted(estimates, key=lambda e: (e.date, e.source_index))
    numbers = [n for e in estimates for n in (e.figure.value, e.figure.low, e.figure.high) if n is not None]
    low, high = (min(numbers), max(numbers)) if numbers else (None, None)
    group = FigureGroup(measure, period, estimates, AGREE, low, high)
    items = [e for e in estimates if e.stance != "context"]
    if not items:
        group.status = CONTEXT
        return group
    if all(overlaps(a.bounds, b.bounds) for a in items for b in items):
        group.status = SINGLE if len(_distinct(e.originator for e in items)) == 1 else AGREE
        return group
    latest = items[-1].date
    current = [e for e in items if same_time(e.date, latest)]
    if not all(overlaps(a.bounds, b.bounds) for a in current for b in current):
        group.status = DISAGREE
        return group
    replaced = [e for e in items if not any(overlaps(e.bounds, c.bounds) for c in current)]
    # Everything that disagrees with the latest figures must be strictly older
    # than them; an estimate as recent that repeats the old figure keeps the
    # disagreement open.
    if all(not same_time(e.date, latest) for e in replaced):
        group.status, group.replaced = SUPERSEDED, replaced
    else:
        group.status = DISAGREE
    return group


def _relations(groups: list[FigureGroup]) -> list[str]:
    """Say how figures for different periods of one measure relate."""
    notes = []
    by_measure: dict[str, list[FigureGroup]] = {}
    for group in groups:
        by_measure.setdefault(group.measure, []).append(group)
    for measure, same in by_measure.items():
        spans = [g for g in same if g.period != "cumulative"]
        totals = [g for g in same if g.period == "cumulative"]
        for span in spans:
            start, end = span.period.split("/")
            when = start if start == end else f"{start} to {end}"
            for total in totals:
                as_of = total.estimates[-1].figure.period.as_of or total.estimates[-1].date
                if end <= as_of and (span.high or 0) <= (total.high or 0):
                    notes.append(f"{_describe(span)} for {when} and {_describe(total)} in total as of {as_of} "
                                 f"cover different periods: a total to a later date includes the earlier span, "
                                 f"so they do not contradict each other.")
                else:
                    notes.append(f"{_describe(span)} for {when} and {_describe(total)} in total as of {as_of} "
                                 f"cover different periods and are not compared.")
    return notes


def _describe(group: FigureGroup) -> str:
    figures = _distinct(e.figure.describe(with_unit=True) for e in group.estimates)
    return " / ".join(figures)


def _distinct(items) -> list:
    return list(dict.fromkeys(items))


def compare_all(corpus: model.Corpus) -> dict[str, ClaimComparison]:
    return {claim_id: compare_claim(claim, corpus.articles, corpus.originators)
            for claim_id, claim in corpus.claims.items()}
