"""Topic, originator, verdict and claim pages, and their indexes."""
from __future__ import annotations

import json

from .. import model
from ..compare import DISAGREE, ClaimComparison, FigureGroup
from . import paths
from .claimreview import Publisher, claim_review, script_payload
from .components import (NOT_INDEXED, date_html, evidence_sentence, human_date, pager, pages_of, figure_text, front_matter, originator_text, paged_table, range_text,
                         source_cards, verdict_badge, verdict_style)
from .text import markdown_subset, text

# Beyond this many claims a listing (topic, originator, verdict) shows summaries, each linking to its claim page,
# a page of LISTING_PAGE_SIZE at a time; the claim index shows CLAIMS_PAGE_SIZE rows a page.
LISTING_CARDS_LIMIT = 25
LISTING_PAGE_SIZE = 100
CLAIMS_PAGE_SIZE = 250

STATUS_TEXT = {
    "agree": "The figures agree",
    "disagree": "The sources disagree",
    "superseded": "A later figure replaced an earlier one",
    "single": "Only one originator",
    "context": "Context only, not weighed",
}


def claims_by_topic(corpus: model.Corpus) -> dict[str, list[model.Claim]]:
    """Each topic's claims, withdrawn ones included, replaced ones not (they redirect)."""
    return _grouped(corpus, corpus.topics, lambda claim: (claim.topic,))


def claims_by_originator(corpus: model.Corpus) -> dict[str, list[model.Claim]]:
    """For each originator, the claims with a source that names it."""
    return _grouped(corpus, corpus.originators, lambda claim: dict.fromkeys(entry.originator for entry in claim.sources))


def claims_by_verdict(corpus: model.Corpus) -> dict[str, list[model.Claim]]:
    return _grouped(corpus, corpus.verdicts, lambda claim: (claim.verdict,))


def _grouped(corpus: model.Corpus, keys: dict, keys_of) -> dict[str, list[model.Claim]]:
    # One pass over the claims, however many topics or originators there are.
    groups: dict[str, list[model.Claim]] = {key: [] for key in keys}
    for claim in corpus.claims.values():
        if claim.replaced_by is None:
            for key in keys_of(claim):
                groups[key].append(claim)
    return groups


def claim_tags(corpus: model.Corpus, claim: model.Claim, page: str) -> str:
    """The claim's tags as links: its topic, then every originator its sources name."""
    originators = dict.fromkeys(entry.originator for entry in claim.sources)
    targets = [(paths.topic(claim.topic), corpus.topics[claim.topic].title)]
    targets += [(paths.originator(o), corpus.originators[o].name) for o in originators]
    links = " ".join(f'<a class="md-tag" href="{paths.href(page, target)}">{text(name)}</a>' for target, name in targets)
    return f'<nav class="md-tags claim-tags" aria-label="Tags" {NOT_INDEXED}>{links}</nav>\n'


def _count(claims: list[model.Claim]) -> str:
    current = sum(1 for claim in claims if claim.is_current)
    return f'{current} claim{"" if current == 1 else "s"}'


def _index_list(page: str, css_class: str, entries) -> str:
    """A list of (target page, name, claims, description HTML): each a link, its standing claims, what it is."""
    items = "\n".join(f'<li><a href="{paths.href(page, target)}">{text(name)}</a> ({_count(claims)}): {description}</li>'
                      for target, name, claims, description in entries)
    return f'<ul class="{css_class}">\n{items}\n</ul>'


def topics_index(corpus: model.Corpus, by_topic: dict[str, list[model.Claim]]) -> str:
    page = paths.TOPICS
    topics = _index_list(page, "topic-list", ((paths.topic(t.id), t.title, by_topic[t.id], text(t.description))
                                               for t in corpus.topics.values()))
    return (front_matter("Topics") + f"# Topics\n\n{topics}\n\n"
            f'<p>Every claim, whatever its topic, is also listed in the <a href="{paths.href(page, paths.CLAIMS)}">'
            'claim index</a>, and by who its sources cite in the '
            f'<a href="{paths.href(page, paths.ORIGINATORS)}">originator index</a>.</p>\n')


def originators_index(corpus: model.Corpus, by_originator: dict[str, list[model.Claim]]) -> str:
    page = paths.ORIGINATORS
    originators = sorted(corpus.originators.values(), key=lambda o: o.name.casefold())
    listing = _index_list(page, "originator-list", ((paths.originator(o.id), o.name, by_originator[o.id],
                                                     _originator_description(o)) for o in originators))
    return (front_matter("Originators") + "# Originators\n\n"
            "<p>Who the articles say a statement comes from, exactly as they name it. "
            f"Each page lists the claims with a source that cites the originator.</p>\n\n{listing}\n")


def verdicts_index(corpus: model.Corpus, by_verdict: dict[str, list[model.Claim]]) -> str:
    page = paths.VERDICTS
    rows = "\n".join(
        f'<tr><td><a href="{paths.href(page, paths.verdict(v.id))}">{text(v.label)}</a></td>'
        f"<td>{_count(by_verdict[v.id])}</td><td>{text(v.meaning)}</td></tr>"
        for v in corpus.verdicts.values())
    return (front_matter("Verdicts") + "# Verdicts\n\n"
            f'<p>Every claim by its verdict. How verdicts are reached is set out in the '
            f'<a href="{paths.href(page, paths.METHODOLOGY)}">methodology</a>.</p>\n\n'
            '<table class="verdict-index">\n<thead><tr><th>Verdict</th><th>Claims</th><th>Meaning</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>\n")


def verdict_pages(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], verdict: model.Verdict,
                  claims: list[model.Claim]) -> dict[str, str]:
    """Every claim with the verdict (`claims`, from claims_by_verdict)."""
    return _listing_pages(corpus, comparisons, claims, None, lambda n: paths.verdict(verdict.id, n),
                          f"Verdict: {text(verdict.label)}",
                          f'<p class="verdict-description">{verdict_badge(verdict)} {text(verdict.meaning)}</p>\n',
                          "No claim has this verdict.")


def _originator_description(originator: model.Originator) -> str:
    where = f", {text(originator.country)}" if originator.country else ""
    kind = originator.kind[:1].upper() + originator.kind[1:]  # it opens the sentence
    return f"{text(kind)}{where}. {text(originator.description)}"


def topic_pages(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], topic: model.Topic,
                claims: list[model.Claim]) -> dict[str, str]:
    """Every claim of the topic (`claims`, from claims_by_topic), as _listing_pages lays them out."""
    return _listing_pages(corpus, comparisons, claims, None, lambda n: paths.topic(topic.id, n), text(topic.title),
                          f'<p class="topic-description">{text(topic.description)}</p>\n',
                          "No claim on this topic has been checked yet.")


def originator_pages(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], originator: model.Originator,
                     claims: list[model.Claim]) -> dict[str, str]:
    """Every claim with a source citing the originator (`claims`, from claims_by_originator), with those sources."""
    return _listing_pages(corpus, comparisons, claims, originator.id, lambda n: paths.originator(originator.id, n),
                          text(originator.name),
                          f'<p class="originator-description">{_originator_description(originator)}</p>\n',
                          "No checked claim cites this originator yet.")


def _listing_pages(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], claims: list[model.Claim],
                   originator: str | None, path_of, title: str, introduction: str, empty: str) -> dict[str, str]:
    """Standing claims with their source cards (those citing `originator`, when given) while the
    page stays readable, then withdrawn ones.

    Past LISTING_CARDS_LIMIT claims the listing shows summaries only,
    LISTING_PAGE_SIZE to a page (path_of(1), path_of(2), ...); each claim has
    its own page at /claims/<id>/ either way.
    """
    current = [claim for claim in claims if claim.is_current]
    withdrawn = [claim for claim in claims if claim.withdrawn]
    with_cards = len(current) <= LISTING_CARDS_LIMIT
    chunks = [current] if with_cards else pages_of(current, LISTING_PAGE_SIZE)
    pages = {}
    for number, chunk in enumerate(chunks, start=1):
        page = path_of(number)
        heading = title if number == 1 else f"{title}, page {number}"
        navigation = pager(page, number, len(chunks), path_of)
        # Page 2 onwards repeats page 1's title and introduction: left out of search, which
        # would otherwise answer "Munitions" with every page of the listing.
        parts = [front_matter(heading, searchable=number == 1), f"# {heading}\n", introduction, navigation]
        if not current:
            parts.append(f"{empty}\n")
        for claim in chunk:
            parts.append(_listing_entry(corpus, comparisons[claim.id], claim, page, with_cards, originator))
        parts.append(navigation)
        if withdrawn and number == len(chunks):
            parts.append("## Withdrawn claims\n")
            items = "\n".join(f'<li><a href="{paths.href(page, paths.claim(c.id))}">{text(c.title)}</a>, '
                               f"withdrawn {date_html(c.withdrawn.date)}</li>" for c in withdrawn)
            parts.append(f'<ul class="withdrawn-claims">\n{items}\n</ul>\n')
        pages[page] = "\n".join(parts)
    return pages


def _listing_entry(corpus: model.Corpus, comparison: ClaimComparison, claim: model.Claim, page: str,
                   with_cards: bool, originator: str | None) -> str:
    verdict = corpus.verdicts[claim.verdict]
    # Each claim is indexed on its own page; its summary here is not indexed again.
    parts = [f"## {text(claim.title)} {{#{claim.id} {NOT_INDEXED}}}\n",
             f'<p class="claim-summary">{verdict_badge(verdict)} <strong>Claim:</strong> {text(claim.claim)} '
             f'· <a href="{paths.href(page, paths.claim(claim.id))}">Full fact-check</a></p>\n']
    if comparison.status == DISAGREE:
        parts.append(f'<p class="disagreement-note"><strong>Sources disagree:</strong> '
                     f'{evidence_sentence(corpus, claim, comparison)}</p>\n')
    if with_cards:
        parts.append(source_cards(corpus, claim, page, own_page=False, originator=originator) + "\n")
    return "\n".join(parts)


def claims_indexes(corpus: model.Corpus) -> dict[str, str]:
    """Every claim with its verdict, CLAIMS_PAGE_SIZE to a page."""
    def row(page: str, claim: model.Claim) -> str:
        return (f'<tr><td><a href="{paths.href(page, paths.claim(claim.id))}">{text(claim.title)}</a></td>'
                f'<td>{"Withdrawn" if claim.withdrawn else verdict_badge(corpus.verdicts[claim.verdict])}</td>'
                f'<td><a href="{paths.href(page, paths.topic(claim.topic))}">{text(corpus.topics[claim.topic].title)}</a></td>'
                f'<td>{date_html(claim.last_reviewed)}</td></tr>')

    listed = [claim for claim in corpus.claims.values() if claim.replaced_by is None]
    return paged_table(listed, CLAIMS_PAGE_SIZE, paths.claims_index, "All claims", "", "claim-index",
                       ("Claim", "Verdict", "Topic", "Last reviewed"), row)


def claim_page(corpus: model.Corpus, claim: model.Claim, comparison: ClaimComparison, publisher: Publisher) -> str:
    page = paths.claim(claim.id)
    verdict = corpus.verdicts[claim.verdict]
    topic = corpus.topics[claim.topic]
    # A withdrawn verdict is no review to syndicate: no ClaimReview for it.
    review = None if claim.withdrawn else script_payload(claim_review(corpus, claim, publisher))
    parts = [
        front_matter(text(claim.title), description=text(claim.claim), claimreview=review),
        f"# {text(claim.title)}\n",
        claim_tags(corpus, claim, page),
        f'<p class="claim-statement"><strong>Claim:</strong> {text(claim.claim)} '
        f'<span {NOT_INDEXED}>— made by {originator_text(corpus, claim.claimant)}. '
        f'Topic: <a href="{paths.href(page, paths.topic(topic.id))}">{text(topic.title)}</a>.</span></p>\n',
    ]
    if claim.withdrawn:
        parts.append(f'<div class="admonition danger withdrawn">\n<p class="admonition-title">'
                     f'Withdrawn on {text(human_date(claim.withdrawn.date))}: this verdict no longer stands</p>\n'
                     f'{markdown_subset(claim.withdrawn.reason, paths.depth(page))}\n</div>\n')
    parts.append(f'<div class="admonition {verdict_style(verdict.id)} verdict">\n'
                 f'<p class="admonition-title">Verdict{" (withdrawn)" if claim.withdrawn else ""}: '
                 f'{text(verdict.label)}</p>\n<p {NOT_INDEXED}>{text(verdict.meaning)}</p>\n</div>\n')
    if comparison.status == DISAGREE:
        parts.append(f'<div class="admonition warning disagreement">\n<p class="admonition-title">'
                     f'Sources disagree</p>\n<p>{evidence_sentence(corpus, claim, comparison)}</p>\n</div>\n')
    parts += [
        "## Sources\n",
        source_cards(corpus, claim, page) + "\n",
    ]
    if comparison.not_counted:
        parts.append(not_counted_html(corpus, comparison) + "\n")
    if comparison.groups or comparison.relations:
        parts.append(f"## How the figures compare {{ {NOT_INDEXED} }}\n")
        parts.append(figure_comparison(corpus, comparison, page) + "\n")
    parts.append(f"## Analysis {{ {NOT_INDEXED} }}\n")
    parts.append(f'<div class="claim-analysis">\n{markdown_subset(claim.analysis, paths.depth(page))}\n</div>\n')
    parts.append(f"## Corrections {{ {NOT_INDEXED} }}\n")
    parts.append(corrections_html(corpus, claim, page) + "\n")
    parts.append(f'<p class="claim-credits">Published {date_html(claim.published)} · '
                 f'last reviewed {date_html(claim.last_reviewed)} · '
                 f'translations by {text(claim.translator)}.</p>\n')
    return "\n".join(parts)


def redirect_page(corpus: model.Corpus, claim: model.Claim) -> str:
    """What stays at a replaced claim's address: a redirect to the claim that replaced it.

    The template (overrides/main.html) turns `redirect` into a meta refresh and
    a canonical link; the visible link serves readers whose browser does not
    follow it. Ids are checked as ^[a-z0-9-]+$, so the target is safe as a URL.
    """
    page = paths.claim(claim.id)
    target = corpus.claims[claim.replaced_by]
    href = paths.href(page, paths.claim(target.id))
    return (f"---\ntitle: {json.dumps(text(claim.title))}\nredirect: {json.dumps(href)}\n"
            "search:\n  exclude: true\n---\n\n"
            f"# {text(claim.title)}\n\n"
            f'<p class="replaced">This claim has been replaced by '
            f'<a href="{href}">{text(target.title)}</a>.</p>\n')


def figure_comparison(corpus: model.Corpus, comparison: ClaimComparison, page: str) -> str:
    """Each group of comparable figures in date order, then how the periods relate."""
    independent = len(comparison.independent)
    uncounted = len(comparison.originators) - independent
    status = ("No originator that counts" if comparison.status == "single" and not independent
              else STATUS_TEXT.get(comparison.status, comparison.status))
    blocks = [f'<p>{text(status)} '
              f'({independent} independent originator{"" if independent == 1 else "s"}'
              + (f", and {uncounted} not counted as independent evidence" if uncounted else "") + ').</p>']
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


def not_counted_html(corpus: model.Corpus, comparison: ClaimComparison) -> str:
    """The originators shown but not counted as independent evidence, each with the reason."""
    items = "\n".join(f"<li>{text(corpus.originators[o].name if o in corpus.originators else o)}: {text(why)}</li>"
                      for o, why in comparison.not_counted.items())
    return (f'<div class="not-counted" {NOT_INDEXED}>\n<p>Shown, but not counted as independent evidence '
            f'(see the <a href="{paths.href(paths.claim(comparison.claim_id), paths.METHODOLOGY)}">methodology</a>):</p>\n'
            f'<ul>\n{items}\n</ul>\n</div>')


def corrections_html(corpus: model.Corpus, claim: model.Claim, page: str) -> str:
    """Each correction with its date, what changed, why, and for a re-rating the verdict before."""
    if not claim.corrections:
        return "<p>No corrections since publication.</p>"
    depth = paths.depth(page)
    items = []
    for c in claim.corrections:
        before = corpus.verdicts.get(c.verdict_before) if c.verdict_before else None
        rerating = (f'<p class="correction__verdict">Verdict before: {verdict_badge(before)}</p>'
                    if before is not None else "")
        reason = (f'<div class="correction__reason"><p><strong>Why:</strong></p>{markdown_subset(c.reason, depth)}</div>'
                  if c.reason else "")
        items.append(f'<li>{date_html(c.date)}: <div class="correction">{markdown_subset(c.change, depth)}'
                     f'{reason}{rerating}</div></li>')
    return '<ul class="corrections">\n' + "\n".join(items) + '\n</ul>'
