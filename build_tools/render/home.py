"""The home page and the verdict scale the methodology page includes."""
from __future__ import annotations

from collections import Counter

from .. import model
from ..compare import DISAGREE, ClaimComparison
from . import paths
from .components import date_html, front_matter, originator_text, range_text, verdict_badge
from .text import text

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
        "## Key figures at a glance\n",
        _key_figures(corpus, comparisons, page) + "\n",
        "## Open disagreements\n",
        _disagreements(corpus, comparisons, page) + "\n",
        "## Claims by verdict\n",
        _verdict_counts(corpus) + "\n",
    ]
    if corpus.claims:
        last = max(claim.last_reviewed for claim in corpus.claims.values())
        parts.append(f'<p class="last-review">Last review: {date_html(last)}. '
                     f'{len(corpus.claims)} claims from {len(corpus.articles)} archived articles.</p>\n')
    return "\n".join(parts)


def _key_figures(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], page: str) -> str:
    rows = []
    for measure_id in KEY_MEASURES:
        measure = corpus.measures.get(measure_id)
        if measure is None:
            continue
        found = [(claim, group) for claim in corpus.claims.values() if claim.measure == measure_id
                 for group in comparisons[claim.id].groups if group.measure == measure_id]
        if not found:
            rows.append(f"<tr><td>{text(measure.title)}</td><td colspan=\"3\">Not checked yet</td></tr>")
        for claim, group in found:
            period = "total" if group.period == "cumulative" else group.period.replace("/", " to ")
            rows.append(
                f"<tr><td>{text(measure.title)}</td>"
                f"<td><strong>{range_text(group.low, group.high, measure.unit)}</strong> ({text(period)})</td>"
                f"<td>{len(group.originators)} originator{'' if len(group.originators) == 1 else 's'}</td>"
                f'<td><a href="{paths.href(page, paths.claim(claim.id))}">{text(claim.title)}</a> '
                f"{verdict_badge(corpus.verdicts[claim.verdict])}</td></tr>")
    return ('<table class="key-figures">\n<thead><tr><th>Figure</th><th>Range across sources</th>'
            "<th>Sources</th><th>Claim</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


def _disagreements(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], page: str) -> str:
    disputed = [claim for claim in corpus.claims.values() if comparisons[claim.id].status == DISAGREE]
    if not disputed:
        return "<p>No open disagreements.</p>"
    blocks = []
    for claim in disputed:
        comparison = comparisons[claim.id]
        said = []
        for group in comparison.groups:
            for estimate in group.estimates:
                said.append((estimate.date, estimate.source_index,
                             f"{originator_text(corpus, estimate.originator, estimate.via)}: "
                             f"{text(estimate.figure.describe(with_unit=True))}"))
        for index in comparison.denials:
            entry = claim.sources[index]
            said.append((entry.date or corpus.articles[entry.article].date, index,
                         f"{originator_text(corpus, entry.originator, entry.via)}: contradicts the claim"))
        items = "\n".join(
            f'<li>{date_html(date)} — {what} '
            f'(<a href="{paths.href(page, paths.claim(claim.id), paths.source_entry_anchor(index))}">source</a>)</li>'
            for date, index, what in sorted(said))
        blocks.append(f'<p><a href="{paths.href(page, paths.claim(claim.id))}"><strong>{text(claim.title)}</strong></a> '
                      f"{verdict_badge(corpus.verdicts[claim.verdict])}</p>\n<ul>\n{items}\n</ul>")
    return '<div class="disagreements">\n' + "\n".join(blocks) + "\n</div>"


def _verdict_counts(corpus: model.Corpus) -> str:
    counts = Counter(claim.verdict for claim in corpus.claims.values())
    rows = "\n".join(f"<tr><td>{verdict_badge(verdict)}</td><td>{counts[verdict.id]}</td></tr>"
                     for verdict in corpus.verdicts.values())
    return f'<table class="verdict-counts">\n<thead><tr><th>Verdict</th><th>Claims</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>'


def verdict_scale(corpus: model.Corpus) -> str:
    """The verdict scale from claims/verdicts.yaml, for the methodology page."""
    rows = "\n".join(f"<tr><td>{verdict_badge(verdict)}</td><td>{text(verdict.meaning)}</td></tr>"
                     for verdict in corpus.verdicts.values())
    return f'<table class="verdict-scale">\n<thead><tr><th>Verdict</th><th>Meaning</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>'
