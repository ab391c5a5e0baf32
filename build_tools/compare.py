"""Stage 3: compare the figures of each claim, per measure and period.

The status of a comparison is what the evidence shows, computed, so that a
curated verdict can be held to the rule its registry entry declares
(claims/verdicts.yaml, `rule:`):

  agree       every range overlaps, allowing for each figure's qualifier, and
              at least two counted independent originators report the claim
  disagree    ranges for the same measure and period do not overlap, or a
              source entry contradicts the claim (a denial)
  superseded  a later figure replaced an earlier one and nothing as late
              repeats the earlier; or every denial came after the last report
              that supports the claim
  single      at most one counted independent originator, however many
              articles repeat it

Independence is counted by originator, never by article: two articles
repeating one CNN report are one originator. Whether an originator counts is
declared in claims/originators.yaml (`independent`); what a stance does is
declared in claims/stances.yaml (`effect`). An attribution the editors
inferred rather than read is shown but never counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import model
from .model import same_time

AGREE, DISAGREE, SUPERSEDED, SINGLE = "agree", "disagree", "superseded", "single"
CONTEXT = "context"  # a group of figures none of which is weighed: shown, never weighed
STATUSES = (AGREE, DISAGREE, SUPERSEDED, SINGLE)
# The statuses in words, for rules and messages.
STATUS_WORDS = {
    AGREE: "the accounts agree",
    DISAGREE: "the sources disagree, with figures that do not overlap or a denial",
    SUPERSEDED: "later figures or denials replace the claim's",
    SINGLE: "nothing disagrees with the claim or overtakes it",
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
    effect: str = model.SUPPORTS  # what its stance does (claims/stances.yaml)
    counted: bool = True          # its originator counts as independent evidence here

    @property
    def weighed(self) -> bool:
        return self.effect != model.NEITHER

    @property
    def bounds(self) -> tuple[float, float]:
        return bounds(self.figure)


@dataclass
class FigureGroup:
    """The figures of one measure for one period, in date order."""

    measure: str
    span: model.Span | None  # None: totals as of a date, whatever the date
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
    independent: list[str]          # those of them that count as independent evidence
    groups: list[FigureGroup]
    denials: list[int]              # indexes of contradicting entries without a figure
    relations: list[str]            # how figures of different periods relate, in words
    overtaken: bool = False         # a later report overtakes the claim (a figure or a denial)
    not_counted: dict[str, str] = field(default_factory=dict)  # originator -> why it is not counted
    sums: list["PartsSum"] = field(default_factory=list)  # parts added up that the claim's figures take part in

    @property
    def denial(self) -> bool:
        return bool(self.denials)

    def summary(self) -> str:
        """What the evidence shows, in one sentence fragment, for messages."""
        who = f"{len(self.originators)} distinct originator{'s' if len(self.originators) != 1 else ''}"
        if self.status == DISAGREE:
            split = next((g for g in self.groups if g.status == DISAGREE), None)
            if split is None and self.denials:
                return f"a source entry contradicts the claim ({who})"
            if split is None:
                return f"the parts do not add up: {next(s for s in self.sums if s.status == DISAGREE).in_words()}"
            said = "; ".join(f"{e.figure.describe()} per {e.originator} ({e.date})"
                             for e in split.estimates if e.weighed)
            return f"the figures disagree: {said}"
        if self.status == SUPERSEDED:
            if self.denials:
                return "later reports overtake it and nothing as late repeats it"
            return "a later figure replaced an earlier one"
        if self.status == SINGLE:
            if len(self.independent) < len(self.originators):
                counted = f"only {', '.join(self.independent)} counted" if self.independent else "no originator counted"
                return f"{counted}; {self._uncounted()}"
            return f"every entry traces back to one originator ({', '.join(self.originators) or 'none'})"
        return f"the accounts agree, from {who}"

    def _uncounted(self) -> str:
        return "; ".join(f"{who} is not counted ({why[:1].lower()}{why[1:].rstrip('.')})"
                         for who, why in self.not_counted.items())

    def unmet(self, rule: model.VerdictRule) -> str | None:
        """The first condition of `rule` the evidence does not meet, in words; None when it fits."""
        count = len(self.independent)
        if self.status not in rule.statuses:
            return f"its rule needs: {' or '.join(STATUS_WORDS[s] for s in rule.statuses)}"
        if count < rule.min_independent:
            return f"its rule needs at least {_originators(rule.min_independent)}, and there are {count}"
        if rule.max_independent is not None and count > rule.max_independent:
            return f"its rule allows at most {_originators(rule.max_independent)}, and there are {count}"
        for fact, present, words in (("denial", self.denial, "a denial"),
                                     ("overtaken", self.overtaken, "a later report overtaking the claim")):
            condition = getattr(rule, fact)
            if condition == model.REQUIRED and not present:
                return f"its rule needs {words}, and there is none"
            if condition == model.EXCLUDED and present:
                return f"its rule excludes {words}, and there is one"
        return None

    def fits(self, rule: model.VerdictRule | None) -> bool:
        return rule is not None and self.unmet(rule) is None


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


def effect_of(stance: str, stances: dict[str, model.Stance]) -> str:
    """What a stance does to the evidence (model.SUPPORTS, CONTRADICTS or NEITHER), as claims/stances.yaml declares."""
    return stances[stance].effect


def compare_claim(claim: model.Claim, articles: dict[str, model.Article],
                  originators_known: dict[str, model.Originator],
                  stances: dict[str, model.Stance]) -> ClaimComparison:
    effects = [effect_of(s.stance, stances) for s in claim.sources]
    weighed = [(i, s) for i, s in enumerate(claim.sources) if effects[i] != model.NEITHER]
    originators = _distinct(s.originator for _, s in weighed)
    not_counted = {}
    for _, source in weighed:
        known = originators_known.get(source.originator)
        if known is not None and not known.independent:
            not_counted.setdefault(source.originator, known.independence or "declared not independent")
    # An originator counts when at least one of its entries is read from the
    # article, not inferred by the editors.
    read = {s.originator for _, s in weighed if not s.originator_inferred}
    for originator in originators:
        if originator not in read and originator not in not_counted:
            not_counted[originator] = "its attribution is inferred by the editors, not stated by the article"
    independent = [o for o in originators if o not in not_counted]
    estimates: dict[tuple[str, str], list[Estimate]] = {}
    # Figures of passages that are not weighed are grouped too, so that the
    # page can say how they relate to the claim's own figures, but they never
    # weigh in a status.
    for index, source in enumerate(claim.sources):
        if source.figure is None:
            continue
        figure = source.figure
        date = model.statement_date(source, articles)
        estimates.setdefault((figure.measure, figure.period.span), []).append(
            Estimate(index, source.article, source.originator, source.via, date, source.stance, figure,
                     effects[index], source.originator in independent and not source.originator_inferred))
    # Per measure, the spans in date order, then the totals as of a date.
    groups = [_compare_group(measure, span, items) for (measure, span), items
              in sorted(estimates.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1] or ()))]
    denials = [i for i, s in weighed if effects[i] == model.CONTRADICTS and s.figure is None]
    statuses = {g.status for g in groups} - {CONTEXT}
    overtaken = SUPERSEDED in statuses
    if denials:
        # A denial made after every supporting report, and not answered by a
        # report as late, overtakes the claim; otherwise the claim is disputed.
        dated = [(model.statement_date(s, articles), effects[i]) for i, s in weighed]
        supports = [d for d, effect in dated if effect == model.SUPPORTS]
        denied_later = bool(supports) and all(
            d > earlier and not same_time(d, earlier)
            for d, effect in dated if effect == model.CONTRADICTS for earlier in supports)
        overtaken = overtaken or denied_later
        statuses.add(SUPERSEDED if denied_later else DISAGREE)
    if DISAGREE in statuses:
        status = DISAGREE
    elif SUPERSEDED in statuses:
        status = SUPERSEDED
    elif len(independent) <= 1:
        status = SINGLE
    else:
        status = AGREE
    return ClaimComparison(claim.id, status, originators, independent, groups, denials, _relations(groups),
                           overtaken, not_counted)


def _compare_group(measure: str, span: model.Span | None, estimates: list[Estimate]) -> FigureGroup:
    # ISO dates, partial or not, sort as strings: "2025-07" before "2025-07-13".
    estimates = sorted(estimates, key=lambda e: (e.date, e.source_index))
    numbers = [n for e in estimates for n in (e.figure.value, e.figure.low, e.figure.high) if n is not None]
    low, high = (min(numbers), max(numbers)) if numbers else (None, None)
    group = FigureGroup(measure, span, estimates, AGREE, low, high)
    items = [e for e in estimates if e.weighed]
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
        spans = [g for g in same if g.span is not None]
        totals = [g for g in same if g.span is None]
        for span in spans:
            start, end = span.span.start, span.span.end
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
    """Each claim's comparison, then the parts added up across claims and set against their totals.

    The second step spans claims: a claim's comparison depends on the figures
    of every claim that reports a part or a total of a measure it reports.
    """
    comparisons = {claim_id: compare_claim(claim, corpus.articles, corpus.originators, corpus.stances)
                   for claim_id, claim in corpus.claims.items()}
    standing = {claim_id: c for claim_id, c in comparisons.items() if corpus.claims[claim_id].is_current}
    for total in parts_sums(corpus.measures, standing):
        for claim_id in total.claims():
            comparison = comparisons[claim_id]
            comparison.sums.append(total)
            if total.status == DISAGREE:
                comparison.status = DISAGREE
    return comparisons


# --- parts and totals ----------------------------------------------------------

@dataclass(frozen=True)
class Relation:
    """A measure that its parts add up to: all of it when it names them (`parts`), else at least."""

    total: str
    parts: tuple[str, ...]
    complete: bool


def relations(measures: dict[str, model.Measure]) -> list[Relation]:
    """Each measure with parts, as claims/measures.yaml declares them (`parts`, or `part_of` on the parts)."""
    found = []
    for total in measures.values():
        parts = total.parts or tuple(m.id for m in measures.values() if m.part_of == total.id)
        parts = tuple(p for p in parts if p in measures and p != total.id)
        if parts:
            found.append(Relation(total.id, parts, bool(total.parts)))
    return found


def relation_in_words(relation: Relation, measures: dict[str, model.Measure]) -> str:
    """A relation as the methodology and the claim pages state it."""
    titles = [measures[p].title for p in relation.parts]
    listed = ", ".join(titles[:-1]) + f" and {titles[-1]}" if len(titles) > 1 else titles[0]
    if relation.complete:
        return (f"{measures[relation.total].title} is the sum of {listed}: added up, their latest figures must "
                f"not exceed a total for the same or a later date, nor fall short of a total for the same date.")
    return (f"{listed} {'are parts' if len(titles) > 1 else 'is a part'} of {measures[relation.total].title}: "
            f"added up, their latest figures must not exceed a total for the same or a later date.")


@dataclass(frozen=True)
class Reported:
    """A figure of a part or a total, once however many claims quote it: (claim id, source index) for each."""

    estimate: Estimate
    places: tuple[tuple[str, int], ...]

    @property
    def figure(self) -> model.Figure:
        return self.estimate.figure


@dataclass(frozen=True)
class TotalCheck:
    total: Reported
    status: str          # AGREE or DISAGREE
    why: str             # how the sum stands to it: "exceeds", "falls short of", "fits"


@dataclass(frozen=True)
class PartsSum:
    """The latest figure of each part as reported by a date, added up, and the totals it is set against."""

    relation: Relation
    parts: tuple[Reported, ...]   # one per part, in the relation's order
    counted_to: str               # the latest date the parts count to
    low: float
    high: float
    totals: tuple[TotalCheck, ...]

    @property
    def status(self) -> str:
        return DISAGREE if any(t.status == DISAGREE for t in self.totals) else AGREE

    def claims(self) -> list[str]:
        return _distinct(claim for r in (*self.parts, *(t.total for t in self.totals)) for claim, _ in r.places)

    @property
    def sum(self) -> model.Amount:
        """The sum as a figure: exact, a range, or "at least" when a part has no upper bound."""
        unit = self.parts[0].figure.unit
        if self.high == INFINITY:
            return model.Amount(unit, value=self.low, qualifier="at least")
        if self.low == self.high:
            return model.Amount(unit, value=self.low)
        return model.Amount(unit, low=self.low, high=self.high)

    def in_words(self) -> str:
        """For messages: "11,000 + 3,000 = 14,000 troops to 2025-03-27, which exceeds about 11,000 troops (to 2025-07)"."""
        added = " + ".join(r.figure.describe() for r in self.parts)
        against = "; ".join(f"{t.why} {t.total.figure.describe(with_unit=True)} (to {t.total.figure.period.counted_to})"
                            for t in self.totals)
        return f"{added} = {self.sum.describe(with_unit=True)} to {self.counted_to}, which {against}"


def _sum_bounds(parts) -> tuple[float, float]:
    return sum(r.estimate.bounds[0] for r in parts), sum(r.estimate.bounds[1] for r in parts)


def parts_sums(measures: dict[str, model.Measure], comparisons: dict[str, ClaimComparison]) -> list[PartsSum]:
    """For each relation: at each date a part's figure was reported, the latest reported figure of every part
    counting to that date, added up (once for each different choice of figures) and set against every total
    counting to the same or a later date.

    A total for a span is set against the parts only when each part's figure
    is for a span inside it: a part counted as of a date may include what was
    sent before the span began. Parts that no figure reports yet leave no sum.
    """
    reported = _reported_figures(comparisons)
    sums = []
    for relation in relations(measures):
        of_part = {part: reported.get(part, []) for part in relation.parts}
        if not all(of_part.values()):
            continue
        chosen_before = None
        for when in sorted({r.estimate.date for figures in of_part.values() for r in figures}):
            chosen = []
            for part in relation.parts:
                known = [r for r in of_part[part] if model.not_after(r.estimate.date, when)]
                if not known:
                    break
                chosen.append(max(known, key=lambda r: (r.estimate.date, r.figure.period.counted_to)))
            if len(chosen) < len(relation.parts) or chosen == chosen_before:
                continue
            chosen_before = chosen
            counted_to = max(r.figure.period.counted_to for r in chosen)
            low, high = _sum_bounds(chosen)
            checks = tuple(check for total in reported.get(relation.total, [])
                           if (check := _against(relation, chosen, counted_to, low, high, total)) is not None)
            if checks:
                sums.append(PartsSum(relation, tuple(chosen), counted_to, low, high, checks))
    return sums


def _against(relation: Relation, parts: list[Reported], counted_to: str, low: float, high: float,
             total: Reported) -> TotalCheck | None:
    period = total.figure.period
    if not model.not_after(counted_to, period.counted_to):
        return None  # a total to an earlier date need not include the later parts
    if period.span is not None and not all(r.figure.period.span is not None and period.span.contains(r.figure.period.span)
                                          for r in parts):
        return None
    total_low, total_high = total.estimate.bounds
    if low > total_high:
        return TotalCheck(total, DISAGREE, "exceeds")
    if relation.complete and period.span is None and model.same_time(period.as_of, counted_to) and high < total_low:
        return TotalCheck(total, DISAGREE, "falls short of")
    return TotalCheck(total, AGREE, "fits")


def _reported_figures(comparisons: dict[str, ClaimComparison]) -> dict[str, list[Reported]]:
    """Every weighed figure by measure, each passage once: two claims quoting one passage report one figure."""
    places: dict[tuple, list[tuple[str, int]]] = {}
    first: dict[tuple, Estimate] = {}
    for claim_id, comparison in comparisons.items():
        for group in comparison.groups:
            for estimate in group.estimates:
                if not estimate.weighed:
                    continue
                figure = estimate.figure  # its notes aside: two claims may explain one passage differently
                key = (estimate.article, estimate.originator, estimate.date, figure.measure, figure.value, figure.low,
                       figure.high, figure.qualifier, figure.period.as_of, figure.period.span)
                first.setdefault(key, estimate)
                places.setdefault(key, []).append((claim_id, estimate.source_index))
    by_measure: dict[str, list[Reported]] = {}
    for key, estimate in first.items():
        by_measure.setdefault(estimate.figure.measure, []).append(Reported(estimate, tuple(places[key])))
    return by_measure


def supporting_originators(comparison: ClaimComparison, measure: str) -> list[str]:
    """The counted independent originators whose supporting entries give a figure for `measure`."""
    return _distinct(e.originator for g in comparison.groups if g.measure == measure
                     for e in g.estimates if e.effect == model.SUPPORTS and e.counted)


def fitting_verdicts(comparison: ClaimComparison, verdicts: dict[str, model.Verdict]) -> list[str]:
    """The verdicts whose rules the evidence meets, any a fitting rule wins over left out."""
    fitting = [v.id for v in verdicts.values() if comparison.fits(v.rule)]
    beaten = {loser for v in fitting for loser in verdicts[v].rule.wins_over}
    return [v for v in fitting if v not in beaten]


def rules_overlap(a: model.VerdictRule, b: model.VerdictRule) -> bool:
    """Whether some evidence could meet both rules."""
    if not set(a.statuses) & set(b.statuses):
        return False
    a_max = INFINITY if a.max_independent is None else a.max_independent
    b_max = INFINITY if b.max_independent is None else b.max_independent
    if max(a.min_independent, b.min_independent) > min(a_max, b_max):
        return False
    return all({getattr(a, fact), getattr(b, fact)} != {model.REQUIRED, model.EXCLUDED}
               for fact in ("denial", "overtaken"))


def rule_in_words(rule: model.VerdictRule) -> str:
    """A verdict's rule as the methodology states it: "The accounts agree; at least 2 …"."""
    parts = [" or ".join(STATUS_WORDS[s] for s in rule.statuses)]
    low, high = rule.min_independent, rule.max_independent
    if high == 0:
        parts.append("no counted independent originator")
    elif high is not None and low == high:
        parts.append(f"exactly {_originators(low)}")
    elif high is not None and low:
        parts.append(f"{low} to {high} counted independent originators")
    elif high is not None:
        parts.append(f"at most {_originators(high)}")
    elif low:
        parts.append(f"at least {_originators(low)}")
    for fact, words in (("denial", "a denial"), ("overtaken", "a later report that overtakes the claim")):
        condition = getattr(rule, fact)
        if condition == model.REQUIRED:
            parts.append(f"needs {words}")
        elif condition == model.EXCLUDED:
            parts.append(f"no {words[2:] if words.startswith('a ') else words}")
    text = "; ".join(parts)
    if rule.wins_over:
        text += f"; given over {', '.join(rule.wins_over)} where both fit"
    return text[0].upper() + text[1:] + "."


def _originators(n: int) -> str:
    return f"{n} counted independent originator{'' if n == 1 else 's'}"
