"""The home page and the verdict scale the methodology page includes."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import model
from ..compare import (CONTEXT, DISAGREE, ClaimComparison, relation_in_words, relations, rule_in_words,
                       supporting_originators)
from . import paths
from .claims import disagreement_rows
from .components import ENVIRONMENT, human_date, parts_sum_view, range_text
from .feeds import CHANGE_WORDS, latest_changes
from .templating import Html, template
from .timeline import timeline_section

# The home page stays one screenful however large the briefing grows: at most
# this many claims per key figure and this many open disagreements, the most
# recently reviewed first, each list ending with a link to all of them.
KEY_FIGURE_CLAIMS = 3
HOME_DISAGREEMENTS = 10
HOME_CHANGES = 5  # the latest, each claim once; the feed has more


def _disagreement(corpus: model.Corpus, claim: model.Claim, comparison: ClaimComparison):
    """A claim's open disagreement: who said which figure when, where its own sources disagree, and the
    parts that do not add up to their totals, where those do."""
    own = comparison.denials or any(group.status == DISAGREE for group in comparison.groups)
    return (claim, disagreement_rows(corpus, claim, comparison, paths.HOME) if own else [],
            [parts_sum_view(corpus, s) for s in comparison.sums if s.status == DISAGREE])


def home_page(corpus: model.Corpus, comparisons: dict[str, ClaimComparison]) -> str:
    disputed = _most_recent([claim for claim in corpus.current_claims() if comparisons[claim.id].status == DISAGREE])
    current = corpus.current_claims()
    return template("home.md.j2").render(
        page=paths.HOME, corpus=corpus, articles=len(corpus.articles),
        key_figures=_key_figures(corpus, comparisons),
        disputed=[_disagreement(corpus, claim, comparisons[claim.id]) for claim in disputed[:HOME_DISAGREEMENTS]],
        more_disputed=max(0, len(disputed) - HOME_DISAGREEMENTS),
        changes=latest_changes(corpus, HOME_CHANGES), change_words=CHANGE_WORDS,
        feed=paths.file_href(paths.HOME, paths.FEED),
        # The verdict whose rule allows only sources that disagree, when the registry has one.
        disputed_verdict=next((v for v in corpus.verdicts.values() if v.rule and v.rule.statuses == (DISAGREE,)), None),
        counts=Counter(claim.verdict for claim in current),
        # The measures claims/measures.yaml marks `timeline: true`, in its order.
        timelines=[section for measure in corpus.measures.values() if measure.timeline
                   if (section := timeline_section(corpus, comparisons, measure.id, paths.HOME))],
        last_review=max(claim.last_reviewed for claim in current) if corpus.claims else None,
        current=len(current))


@dataclass(frozen=True)
class KeyFigureRow:
    """A row of the key figures table: a claim on a key measure ("claim"), a measure no claim is on
    yet ("unchecked"), or how many more claims there are on it ("more")."""
    kind: str
    measure: model.Measure
    claim: model.Claim | None = None
    figures: str = ""        # the range of the claim's own figures across sources
    period: str = ""         # the period they share, if one
    sources: int = 0         # counted independent originators that support the figure
    more: int = 0
    topic: model.Topic | None = None


def _key_figures(corpus: model.Corpus, comparisons: dict[str, ClaimComparison]) -> list[KeyFigureRow]:
    """A row per claim on a key measure (`key_figure: true` in claims/measures.yaml, in its order): the range of
    its own figures across sources, and its verdict."""
    rows = []
    for measure_id, measure in corpus.measures.items():
        if not measure.key_figure:
            continue
        claims = _most_recent([claim for claim in corpus.current_claims() if claim.measure == measure_id])
        if not claims:
            rows.append(KeyFigureRow("unchecked", measure))
        for claim in claims[:KEY_FIGURE_CLAIMS]:
            comparison = comparisons[claim.id]
            groups = [g for g in comparison.groups if g.measure == measure_id and g.status != CONTEXT]
            figures = _figures_text([e.figure for g in groups for e in g.estimates if e.weighed], measure.unit)
            # Only sources that support the figure are credited with it: one with no
            # information, or one that contradicts it, is not.
            rows.append(KeyFigureRow("claim", measure, claim, figures, _period_note(groups),
                                     len(supporting_originators(comparison, measure_id))))
        if len(claims) > KEY_FIGURE_CLAIMS:
            rows.append(KeyFigureRow("more", measure, more=len(claims) - KEY_FIGURE_CLAIMS,
                                     topic=corpus.topics[claims[0].topic]))
    return rows


def _figures_text(figures: list, unit: str) -> str:
    """The range of the figures, each qualifier kept: "4,000–6,000 soldiers", "at least 100 missiles".

    When the figures carry different qualifiers no single range says what each
    source says, so each distinct figure is listed, lowest first.
    """
    numbers = [n for f in figures for n in (f.value, f.low, f.high) if n is not None]
    if not numbers:
        return "no number stated"
    qualifiers = {f.qualifier for f in figures}
    if len(qualifiers) == 1:
        qualifier = qualifiers.pop()
        return (f"{qualifier} " if qualifier else "") + range_text(min(numbers), max(numbers), unit)
    ordered = sorted(figures, key=lambda f: (min(n for n in (f.value, f.low) if n is not None), f.qualifier or ""))
    return "; ".join(dict.fromkeys(f.describe(with_unit=True) for f in ordered))


def _period_note(groups: list) -> str:
    """"total as of July 2025" or "in 2024" when the figures share one kind of period."""
    if groups and all(g.span is None for g in groups):
        latest = max(e.figure.period.as_of or e.date for g in groups for e in g.estimates)
        return f"total as of {human_date(latest)}"
    if len(groups) == 1:
        span = groups[0].span
        return human_date(span.start) if span.start == span.end else f"{human_date(span.start)} to {human_date(span.end)}"
    return ""


def _most_recent(claims: list[model.Claim]) -> list[model.Claim]:
    return sorted(claims, key=lambda claim: (claim.last_reviewed, claim.id), reverse=True)


def verdict_scale(corpus: model.Corpus) -> Html:
    """The verdict scale from claims/verdicts.yaml, for the methodology page."""
    return Html(template("verdict_scale.html.j2").render(page=paths.METHODOLOGY, corpus=corpus).removesuffix("\n"))


def measure_relations(corpus: model.Corpus) -> Html:
    """Each measure's parts, as claims/measures.yaml declares them, for the methodology page."""
    return Html(template("measure_relations.html.j2").render(
        relations=[relation_in_words(r, corpus.measures) for r in relations(corpus.measures)]).removesuffix("\n"))


def independence_table(corpus: model.Corpus) -> Html:
    """Each originator, whether it counts as independent evidence, and why, for the methodology page."""
    return Html(template("independence.html.j2").render(corpus=corpus).removesuffix("\n"))


ENVIRONMENT.globals.update(verdict_path=paths.verdict, rule_in_words=rule_in_words)
