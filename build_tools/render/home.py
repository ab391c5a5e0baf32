"""The home page and the verdict scale the methodology page includes."""
from __future__ import annotations

from collections import Counter

from .. import model
from ..compare import CONTEXT, DISAGREE, ClaimComparison, rule_in_words, supporting_originators
from . import paths
from .components import date_html, evidence_sentence, front_matter, human_date, range_text, verdict_badge
from .text import text
from .timeline import MAIN_MEASURES, timeline_section

# The home page stays one screenful however large the briefing grows: at most
# this many claims per key figure and this many open disagreements, the most
# recently reviewed first, each list ending with a link to all of them.
KEY_FIGURE_CLAIMS = 3
HOME_DISAGREEMENTS = 10
# The figures readers ask about first, in the order the home page shows them.
KEY_MEASURES = (
    "nk-troops-sent",
    "nk-troops-reinforcements",
    "nk-troops-planned",
    "nk-killed-wounded",
    "artillery-shells-supplied",
    "ballistic-missiles-supplied",
)


def home_page(corpus: model.Corpus, comparisons: dict[str, ClaimComparison]) -> str:
    page = paths.HOME
    parts = [
        front_matter("North Korea and Russia: a fact-check briefing"),
        "# North Korea and Russia: a fact-check briefing\n",
        f"<p>This briefing checks what {len(corpus.articles)} archived Indonesian news articles report about "
        "North Korea's support for Russia's war against Ukraine: troops sent and killed, munitions supplied, and "
        "the diplomacy around them. Every claim quotes the articles verbatim, with an English translation, and "
        "its verdict judges the reporting in these articles, not the events themselves "
        f'(see the <a href="{paths.href(page, paths.METHODOLOGY)}">methodology</a>).</p>\n',
        "## Topics\n",
        _topic_links(corpus, page) + "\n",
        "## Key figures at a glance\n",
        _key_figures(corpus, comparisons, page) + "\n",
        "## Open disagreements\n",
        _disagreements(corpus, comparisons, page) + "\n",
        "## Claims by verdict\n",
        _verdict_counts(corpus, page) + "\n",
        "## Estimates over time\n",
        "<p>Each estimate of the main figures at the date it was made, with who made it. "
        "A figure for a span, such as one year, is marked with its period.</p>\n",
        _timelines(corpus, comparisons, page) + "\n",
    ]
    if corpus.claims:
        last = max(claim.last_reviewed for claim in corpus.current_claims())
        parts.append(f'<p class="last-review">Last review: {date_html(last)}. '
                     f'{len(corpus.current_claims())} claims from {len(corpus.articles)} archived articles.</p>\n')
    return "\n".join(parts)


def _topic_links(corpus: model.Corpus, page: str) -> str:
    """A link to every topic, so that readers reach each one from the home page."""
    items = "\n".join(f'<li><a href="{paths.href(page, paths.topic(topic.id))}">{text(topic.title)}</a>: '
                      f'{text(topic.description)}</li>' for topic in corpus.topics.values())
    return f'<ul class="topic-list">\n{items}\n</ul>'


def _key_figures(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], page: str) -> str:
    """A row per claim on a key measure: the range of its own figures across sources, and its verdict."""
    rows = []
    for measure_id in KEY_MEASURES:
        measure = corpus.measures.get(measure_id)
        if measure is None:
            continue
        claims = _most_recent([claim for claim in corpus.current_claims() if claim.measure == measure_id])
        if not claims:
            rows.append(f"<tr><td>{text(measure.title)}</td><td colspan=\"3\">Not checked yet</td></tr>")
        for claim in claims[:KEY_FIGURE_CLAIMS]:
            comparison = comparisons[claim.id]
            groups = [g for g in comparison.groups if g.measure == measure_id and g.status != CONTEXT]
            figures = _figures_text([e.figure for g in groups for e in g.estimates if e.weighed], measure.unit)
            # Only sources that support the figure are credited with it: one with no
            # information, or one that contradicts it, is not.
            sources = len(supporting_originators(comparison, measure_id))
            rows.append(
                f"<tr><td>{text(measure.title)}</td>"
                f"<td><strong>{figures}</strong>{_period_note(groups)}</td>"
                f"<td>{sources} supporting independent originator{'' if sources == 1 else 's'}</td>"
                f'<td><a href="{paths.href(page, paths.claim(claim.id))}">{text(claim.claim)}</a> '
                f"{verdict_badge(corpus.verdicts[claim.verdict])}</td></tr>")
        if len(claims) > KEY_FIGURE_CLAIMS:
            topic, more = claims[0].topic, len(claims) - KEY_FIGURE_CLAIMS
            rows.append(f'<tr><td>{text(measure.title)}</td><td colspan="3">{more} more '
                        f'claim{"" if more == 1 else "s"} on this figure, under <a href="{paths.href(page, paths.topic(topic))}">'
                        f"{text(corpus.topics[topic].title)}</a> and the other topics</td></tr>")
    return ('<table class="key-figures">\n<thead><tr><th>Figure</th><th>Range across sources</th>'
            "<th>Sources</th><th>Claim</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


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
        return (f"{text(qualifier)} " if qualifier else "") + range_text(min(numbers), max(numbers), unit)
    ordered = sorted(figures, key=lambda f: (min(n for n in (f.value, f.low) if n is not None), f.qualifier or ""))
    return "; ".join(dict.fromkeys(text(f.describe(with_unit=True)) for f in ordered))


def _period_note(groups: list) -> str:
    """" (total as of July 2025)" or " (in 2024)" when the figures share one kind of period."""
    if groups and all(g.period == "cumulative" for g in groups):
        latest = max(e.figure.period.as_of or e.date for g in groups for e in g.estimates)
        return f" (total as of {text(human_date(latest))})"
    if len(groups) == 1:
        start, end = groups[0].period.split("/")
        return f" ({text(human_date(start) if start == end else f'{human_date(start)} to {human_date(end)}')})"
    return ""


def _timelines(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], page: str) -> str:
    sections = [timeline_section(corpus, comparisons, measure, page) for measure in MAIN_MEASURES]
    return "\n\n".join(section for section in sections if section)


def _disagreements(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], page: str) -> str:
    """The claims whose sources disagree, with who said what and when; the most recently reviewed first."""
    disputed = _most_recent([claim for claim in corpus.current_claims() if comparisons[claim.id].status == DISAGREE])
    if not disputed:
        return "<p>No open disagreements.</p>"
    items = "\n".join(
        f'<li><a href="{paths.href(page, paths.claim(claim.id))}"><strong>{text(claim.title)}</strong></a> '
        f"{verdict_badge(corpus.verdicts[claim.verdict])}<br>{evidence_sentence(corpus, claim, comparisons[claim.id])}</li>"
        for claim in disputed[:HOME_DISAGREEMENTS])
    more = ""
    if len(disputed) > HOME_DISAGREEMENTS:
        more = f'\n<p class="more">{len(disputed) - HOME_DISAGREEMENTS} more'
        # The verdict whose rule allows only sources that disagree, when the registry has one.
        disputed = next((v for v in corpus.verdicts.values() if v.rule and v.rule.statuses == (DISAGREE,)), None)
        if disputed is not None:
            more += (f': every <a href="{paths.href(page, paths.verdict(disputed.id))}">'
                     f'{text(disputed.label.lower())} claim</a>')
        more += ".</p>"
    return f'<ul class="disagreements">\n{items}\n</ul>{more}'


def _most_recent(claims: list[model.Claim]) -> list[model.Claim]:
    return sorted(claims, key=lambda claim: (claim.last_reviewed, claim.id), reverse=True)


def _verdict_counts(corpus: model.Corpus, page: str) -> str:
    counts = Counter(claim.verdict for claim in corpus.current_claims())
    rows = "\n".join(f'<tr><td>{verdict_badge(verdict)}</td><td><a href="{paths.href(page, paths.verdict(verdict.id))}">'
                      f'{counts[verdict.id]} claim{"" if counts[verdict.id] == 1 else "s"}</a></td></tr>'
                      for verdict in corpus.verdicts.values())
    return f'<table class="verdict-counts">\n<thead><tr><th>Verdict</th><th>Claims</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>'


def verdict_scale(corpus: model.Corpus) -> str:
    """The verdict scale from claims/verdicts.yaml, for the methodology page."""
    page = paths.METHODOLOGY
    rows = "\n".join(f"<tr><td>{verdict_badge(verdict)}</td><td>{text(verdict.meaning)} "
                     f'<a href="{paths.href(page, paths.verdict(verdict.id))}">The claims with this verdict</a>.</td>'
                     f"<td>{text(rule_in_words(verdict.rule)) if verdict.rule else 'No rule declared.'}</td></tr>"
                     for verdict in corpus.verdicts.values())
    return ('<table class="verdict-scale">\n<thead><tr><th>Verdict</th><th>Meaning</th>'
            f'<th>What the evidence must show</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>')


def independence_table(corpus: model.Corpus) -> str:
    """Each originator, whether it counts as independent evidence, and why, for the methodology page."""
    rows = "\n".join(f"<tr><td>{text(o.name)}</td><td>{'Yes' if o.independent else 'No'}</td>"
                     f"<td>{text(o.independence)}</td></tr>" for o in corpus.originators.values())
    return ('<table class="independence">\n<thead><tr><th>Originator</th><th>Counts as independent evidence</th>'
            f'<th>Why</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>')
