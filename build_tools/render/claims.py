"""Topic pages and claim pages, and their indexes."""
from __future__ import annotations

from .. import model
from ..compare import ClaimComparison, FigureGroup
from . import paths
from .components import (date_html, figure_text, front_matter, originator_text, range_text,
                         source_cards, verdict_badge, verdict_style)
from .text import markdown_subset, text

STATUS_TEXT = {
    "agree": "The figures agree",
    "disagree": "The sources disagree",
    "superseded": "A later figure replaced an earlier one",
    "single": "Only one originator",
}


def claim_tags(corpus: model.Corpus, claim: model.Claim) -> list[str]:
    """Tags: the topic, then every originator the claim's sources name."""
    originators = dict.fromkeys(entry.originator for entry in claim.sources)
    return [text(corpus.topics[claim.topic].title)] + [text(corpus.originators[o].name) for o in originators]


def topics_index(corpus: model.Corpus) -> str:
    page = paths.TOPICS
    counts = {topic_id: 0 for topic_id in corpus.topics}
    for claim in corpus.claims.values():
        counts[claim.topic] += 1
    items = "\n".join(
        f'<li><a href="{paths.href(page, paths.topic(topic.id))}">{text(topic.title)}</a> '
        f'({counts[topic.id]} claim{"" if counts[topic.id] == 1 else "s"}): {text(topic.description)}</li>'
        for topic in corpus.topics.values())
    return (front_matter("Topics") + "# Topics\n\n"
            f'<ul class="topic-list">\n{items}\n</ul>\n\n'
            f'<p>Every claim, whatever its topic, is also listed in the <a href="{paths.href(page, paths.CLAIMS)}">'
            'claim index</a>.</p>\n')


def topic_page(corpus: model.Corpus, topic: model.Topic) -> str:
    page = paths.topic(topic.id)
    claims = [claim for claim in corpus.claims.values() if claim.topic == topic.id]
    parts = [front_matter(text(topic.title), [text(topic.title)]), f"# {text(topic.title)}\n",
             f'<p class="topic-description">{text(topic.description)}</p>\n']
    if not claims:
        parts.append("No claim on this topic has been checked yet.\n")
    for claim in claims:
        verdict = corpus.verdicts[claim.verdict]
        parts.append(f"## {text(claim.title)} {{#{claim.id}}}\n")
        parts.append(f'<p class="claim-summary">{verdict_badge(verdict)} <strong>Claim:</strong> {text(claim.claim)} '
                     f'· <a href="{paths.href(page, paths.claim(claim.id))}">Full fact-check</a></p>\n')
        parts.append(source_cards(corpus, claim, page) + "\n")
    return "\n".join(parts)


def claims_index(corpus: model.Corpus) -> str:
    page = paths.CLAIMS
    rows = "\n".join(
        f'<tr><td><a href="{paths.href(page, paths.claim(claim.id))}">{text(claim.title)}</a></td>'
        f'<td>{verdict_badge(corpus.verdicts[claim.verdict])}</td>'
        f'<td><a href="{paths.href(page, paths.topic(claim.topic))}">{text(corpus.topics[claim.topic].title)}</a></td>'
        f'<td>{date_html(claim.last_reviewed)}</td></tr>'
        for claim in corpus.claims.values())
    return (front_matter("All claims") + "# All claims\n\n"
            '<table class="claim-index">\n<thead><tr><th>Claim</th><th>Verdict</th><th>Topic</th>'
            f'<th>Last reviewed</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n')


def claim_page(corpus: model.Corpus, claim: model.Claim, comparison: ClaimComparison) -> str:
    page = paths.claim(claim.id)
    verdict = corpus.verdicts[claim.verdict]
    topic = corpus.topics[claim.topic]
    parts = [
        front_matter(text(claim.title), claim_tags(corpus, claim), description=text(claim.claim)),
        f"# {text(claim.title)}\n",
        f'<p class="claim-statement"><strong>Claim:</strong> {text(claim.claim)} '
        f'— made by {originator_text(corpus, claim.claimant)}. '
        f'Topic: <a href="{paths.href(page, paths.topic(topic.id))}">{text(topic.title)}</a>.</p>\n',
        f'<div class="admonition {verdict_style(verdict.id)} verdict">\n'
        f'<p class="admonition-title">Verdict: {text(verdict.label)}</p>\n'
        f'<p>{text(verdict.meaning)}</p>\n</div>\n',
        "## Sources\n",
        source_cards(corpus, claim, page) + "\n",
    ]
    if comparison.groups or comparison.relations:
        parts.append("## How the figures compare\n")
        parts.append(figure_comparison(corpus, comparison, page) + "\n")
    parts.append("## Analysis\n")
    parts.append(f'<div class="claim-analysis">\n{markdown_subset(claim.analysis, paths.depth(page))}\n</div>\n')
    parts.append("## Corrections\n")
    parts.append(corrections_html(claim, page) + "\n")
    parts.append(f'<p class="claim-credits">Published {date_html(claim.published)} · '
                 f'last reviewed {date_html(claim.last_reviewed)} · '
                 f'translations by {text(claim.translator)}.</p>\n')
    return "\n".join(parts)


def figure_comparison(corpus: model.Corpus, comparison: ClaimComparison, page: str) -> str:
    """Each group of comparable figures in date order, then how the periods relate."""
    blocks = [f'<p>{text(STATUS_TEXT.get(comparison.status, comparison.status))} '
              f'({len(comparison.originators)} independent originator'
              f'{"" if len(comparison.originators) == 1 else "s"}).</p>']
    for group in comparison.groups:
        blocks.append(_figure_group(corpus, group, page))
    if comparison.relations:
        items = "\n".join(f"<li>{text(note)}</li>" for note in comparison.relations)
        blocks.append(f'<ul class="figure-relations">\n{items}\n</ul>')
    return "\n".join(blocks)


def _figure_group(corpus: model.Corpus, group: FigureGroup, page: str) -> str:
    measure = corpus.measures[group.measure]
    period = "cumulative totals" if group.period == "cumulative" else f"the period {group.period.replace('/', ' to ')}"
    replaced = {e.source_index for e in group.replaced}
    rows = "\n".join(
        f'<tr class="{"figure-replaced" if e.source_index in replaced else "figure-current"}">'
        f'<td>{date_html(e.date)}</td><td>{originator_text(corpus, e.originator, e.via)}</td>'
        f'<td>{figure_text(e.figure)}</td>'
        f'<td><a href="{paths.href(page, page, paths.source_entry_anchor(e.source_index))}">'
        f'source {e.source_index + 1}</a>{" (replaced)" if e.source_index in replaced else ""}</td></tr>'
        for e in group.estimates)
    return (f'<p><strong>{text(measure.title)}</strong>, {text(period)}: '
            f'{range_text(group.low, group.high, measure.unit)} across sources — '
            f'{text(STATUS_TEXT.get(group.status, group.status).lower())}.</p>\n'
            '<table class="figure-group">\n<thead><tr><th>Date</th><th>Originator</th><th>Figure</th>'
            f'<th>Entry</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>')


def corrections_html(claim: model.Claim, page: str) -> str:
    if not claim.corrections:
        return "<p>No corrections since publication.</p>"
    items = "\n".join(
        f'<li>{date_html(c.date)}: <div class="correction">{markdown_subset(c.change, paths.depth(page))}</div></li>'
        for c in claim.corrections)
    return f'<ul class="corrections">\n{items}\n</ul>'
