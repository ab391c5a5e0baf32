"""Topic, originator, verdict and claim pages, and their indexes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .. import model
from ..compare import DISAGREE, ClaimComparison, FigureGroup
from . import paths
from .claimreview import Publisher, claim_review, script_payload
from .components import (ENVIRONMENT, SumFigure, date, figure_text, originator, pages_of, paged_table,
                         parts_sum_view, source_cards, stance_label, who)
from .templating import Html, href, template
from .text import markdown_subset

STATUS_TEXT = {
    "agree": "The figures agree",
    "disagree": "The sources disagree",
    "superseded": "A later figure replaced an earlier one",
    "single": "Only one originator",
    "context": "Background only: these figures do not bear on the verdict",
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


def claim_tags(corpus: model.Corpus, claim: model.Claim) -> list[tuple[str, str]]:
    """The claim's tags as (page, name): its topic, then every originator its sources name."""
    originators = dict.fromkeys(entry.originator for entry in claim.sources)
    return [(paths.topic(claim.topic), corpus.topics[claim.topic].title),
            *((paths.originator(o), corpus.originators[o].reader_name) for o in originators)]


def _index_entries(by: dict[str, list[model.Claim]], entries) -> list[tuple]:
    """(target page, name, standing claims, the item) for the index_list macro."""
    return [(target, name, sum(1 for claim in by[key] if claim.is_current), item) for key, target, name, item in entries]


def topics_index(corpus: model.Corpus, by_topic: dict[str, list[model.Claim]]) -> str:
    return template("topics.md.j2").render(page=paths.TOPICS, topics=_index_entries(
        by_topic, ((t.id, paths.topic(t.id), t.title, t) for t in corpus.topics.values())))


def originators_index(corpus: model.Corpus, by_originator: dict[str, list[model.Claim]]) -> str:
    originators = sorted(corpus.originators.values(), key=lambda o: o.reader_name.casefold())
    return template("originators.md.j2").render(page=paths.ORIGINATORS, originators=_index_entries(
        by_originator, ((o.id, paths.originator(o.id), o.reader_name, o) for o in originators)))


def verdicts_index(corpus: model.Corpus, by_verdict: dict[str, list[model.Claim]]) -> str:
    return template("verdicts.md.j2").render(page=paths.VERDICTS, verdicts=_index_entries(
        by_verdict, ((v.id, paths.verdict(v.id), v.label, v) for v in corpus.verdicts.values())))


def verdict_pages(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], verdict: model.Verdict,
                  claims: list[model.Claim], page_size: int) -> dict[str, str]:
    """Every claim with the verdict (`claims`, from claims_by_verdict)."""
    return _listing_pages(corpus, comparisons, claims, page_size, partial(paths.verdict, verdict.id),
                          "verdict.md.j2", verdict=verdict)


def topic_pages(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], topic: model.Topic,
                claims: list[model.Claim], page_size: int) -> dict[str, str]:
    """Every claim of the topic (`claims`, from claims_by_topic), as _listing_pages lays them out."""
    return _listing_pages(corpus, comparisons, claims, page_size, partial(paths.topic, topic.id), "topic.md.j2",
                          topic=topic)


def originator_pages(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], originator: model.Originator,
                     claims: list[model.Claim], page_size: int) -> dict[str, str]:
    """Every claim with a source citing the originator (`claims`, from claims_by_originator)."""
    return _listing_pages(corpus, comparisons, claims, page_size, partial(paths.originator, originator.id),
                          "originator.md.j2", originator=originator)


@dataclass(frozen=True)
class ListingEntry:
    """A claim as a listing shows it, linking to its page."""
    claim: model.Claim
    href: Html              # its page
    verdict: model.Verdict
    figure: str             # the claim's own figure with its qualifier, "at least 100 missiles"; "" without one


def listing_order(corpus: model.Corpus, comparisons: dict[str, ClaimComparison]):
    """The sort key every listing uses: what matters first.

    First the claims an editor put in their topic's `order` (claims/topics.yaml),
    in that order; then by verdict, in the order of claims/verdicts.yaml (the
    best-supported first); then by how many independent originators the claim
    has, most first; then by id, so that the order never depends on chance.
    """
    chosen = {claim_id: rank for topic in corpus.topics.values() for rank, claim_id in enumerate(topic.order)}
    verdicts = {verdict_id: rank for rank, verdict_id in enumerate(corpus.verdicts)}

    def key(claim: model.Claim) -> tuple:
        rank = chosen.get(claim.id)
        return (rank is None, rank or 0, verdicts.get(claim.verdict, len(verdicts)),
                -len(comparisons[claim.id].independent), claim.id)
    return key


def _listing_pages(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], claims: list[model.Claim],
                   page_size: int, path_of, template_name: str, **context) -> dict[str, str]:
    """Standing claims in listing_order, `page_size` to a page (path_of(1), path_of(2), ...), then withdrawn ones.

    Each claim has its own page at /claims/<id>/, with its sources. Page 2
    onwards repeats page 1's title and introduction: left out of search, which
    would otherwise answer "Munitions" with every page of the listing.
    """
    current = sorted((claim for claim in claims if claim.is_current), key=listing_order(corpus, comparisons))
    withdrawn = [claim for claim in claims if claim.withdrawn]
    chunks = pages_of(current, page_size)
    layout = template(template_name)
    pages = {}
    for number, chunk in enumerate(chunks, start=1):
        page = path_of(number)
        entries = [ListingEntry(claim, href(page, paths.claim(claim.id)), corpus.verdicts[claim.verdict],
                                claim.figure.describe(with_unit=True) if claim.figure else "")
                   for claim in chunk]
        pages[page] = layout.render(page=page, number=number, count=len(chunks), path_of=path_of,
                                    any_current=bool(current), entries=entries, withdrawn=withdrawn, **context)
    return pages


def claims_indexes(corpus: model.Corpus, page_size: int) -> dict[str, str]:
    """Every claim with its verdict, `page_size` to a page."""
    listed = [claim for claim in corpus.claims.values() if claim.replaced_by is None]
    return paged_table(listed, page_size, paths.claims_index, "claims.md.j2", corpus=corpus)


def claim_page(corpus: model.Corpus, claim: model.Claim, comparison: ClaimComparison, publisher: Publisher) -> str:
    page = paths.claim(claim.id)
    depth = paths.depth(page)
    # A withdrawn verdict is no review to syndicate: no ClaimReview for it.
    review = None if claim.withdrawn else Html(script_payload(claim_review(corpus, claim, publisher)))
    figures = None
    sums = [parts_sum_view(corpus, s) for s in comparison.sums]
    if comparison.groups or comparison.relations or sums:
        figures = figure_comparison(corpus, comparison, page, sums, claim.id)
    return template("claim.md.j2").render(
        page=page, claim=claim, review=review, tags=claim_tags(corpus, claim),
        claimant=corpus.originators[claim.claimant].reader_name,
        topic=corpus.topics[claim.topic], topic_page=paths.topic(claim.topic), verdict=corpus.verdicts[claim.verdict],
        withdrawn_reason=markdown_subset(claim.withdrawn.reason, depth) if claim.withdrawn else None,
        disagreement=disagreement_rows(corpus, claim, comparison, page) if comparison.status == DISAGREE else None,
        sums_disagreeing=[view for view in sums if view.status == DISAGREE],
        cards=source_cards(corpus, claim, page, site_url=publisher.url), figures=figures,
        search_terms=search_terms(corpus, claim),
        analysis=markdown_subset(claim.analysis, depth),
        not_counted=[(corpus.originators[o].reader_name if o in corpus.originators else o, why)
                     for o, why in comparison.not_counted.items()],
        methodology=href(page, paths.METHODOLOGY),
        corrections=[CorrectionView(c.date, markdown_subset(c.change, depth),
                                    markdown_subset(c.reason, depth) if c.reason else None,
                                    corpus.verdicts.get(c.verdict_before) if c.verdict_before else None)
                     for c in claim.corrections])


def search_terms(corpus: model.Corpus, claim: model.Claim) -> list[str]:
    """What the claim is found by beyond its page's visible text: its topic's title and synonyms, and each
    figure of its sources as plain digits ("11000"), the form theme/search.js turns "11 ribu", "11.000" and
    "11,000" into. Indexed, never shown (claim.md.j2)."""
    topic = corpus.topics[claim.topic]
    numbers = [n for source in claim.sources if source.figure is not None
               for n in (source.figure.value, source.figure.low, source.figure.high) if n is not None]
    digits = dict.fromkeys(str(int(n)) if float(n).is_integer() else str(n) for n in numbers)
    return [topic.title, *topic.synonyms, *digits]


@dataclass(frozen=True)
class CorrectionView:
    """A corrections entry as the claim page shows it: when, what changed, why, and the verdict before a re-rating."""
    date: str
    change: Html
    reason: Html | None
    verdict_before: model.Verdict | None


@dataclass(frozen=True)
class DisagreementRow:
    """Who said what and when, a row of the table a page shows where sources disagree."""
    who: Html
    figure: str
    date: Html
    stance: str
    card_href: Html
    number: int


def disagreement_rows(corpus: model.Corpus, claim: model.Claim, comparison: ClaimComparison,
                      page: str) -> list[DisagreementRow]:
    """Every source weighed in the comparison (its figures and its denials), by date, each linking to its card
    on the claim's page (from `page`, the claim's own or the home page)."""
    weighed = {e.source_index: e.figure for group in comparison.groups for e in group.estimates if e.weighed}
    weighed.update({index: claim.sources[index].figure for index in comparison.denials if index not in weighed})
    rows = []
    for index, figure in weighed.items():
        entry = claim.sources[index]
        when = model.statement_date(entry, corpus.articles)
        rows.append((when, index, DisagreementRow(
            originator(*who(corpus, entry.originator, entry.via)),
            figure.describe(with_unit=True) if figure is not None else "no figure", date(when),
            stance_label(corpus, entry.stance), href(page, paths.claim(claim.id), paths.source_entry_anchor(index)),
            index + 1)))
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def redirect_page(corpus: model.Corpus, claim: model.Claim) -> str:
    """What stays at a replaced claim's address: a redirect to the claim that replaced it.

    The template (overrides/main.html) turns `redirect` into a meta refresh and
    a canonical link; the visible link serves readers whose browser does not
    follow it. Ids are checked as ^[a-z0-9-]+$, so the target is safe as a URL.
    """
    page = paths.claim(claim.id)
    return template("redirect.md.j2").render(page=page, claim=claim, target=corpus.claims[claim.replaced_by])


@dataclass(frozen=True)
class FigureRow:
    """An estimate in a figure group's table."""
    date: Html
    who: Html
    figure: str
    card_href: Html   # its source card, above
    number: int       # the card's number, as readers count
    replaced: bool    # by a later figure


@dataclass(frozen=True)
class FigureGroupView:
    group: FigureGroup
    measure: model.Measure
    period: str                 # "cumulative totals", "the period 2024 to 2025"
    rows: list[FigureRow]


@dataclass(frozen=True)
class SumRow:
    """A part, the sum or a total in a sum's table."""
    what: str             # the measure, or "Added up"
    figure: str
    counted_to: Html
    who: Html | None
    links: list[tuple[Html, str]]  # (where, "source 2" or "source 1 of another claim's title")
    verdict: str = ""     # for a total: how the sum stands to it


def _sum_rows(corpus: model.Corpus, view, page: str, claim_id: str) -> list[SumRow]:
    def row(item: SumFigure, verdict: str = "") -> SumRow:
        links = [(href(page, paths.claim(other), paths.source_entry_anchor(index)),
                  f"source {index + 1}" if other == claim_id else f"source {index + 1} of “{corpus.claims[other].claim}”")
                 for other, index in item.places]
        return SumRow(item.measure.title, item.figure.describe(with_unit=True), date(item.counted_to),
                      originator(*item.who), links, verdict)
    rows = [row(part) for part in view.parts]
    rows.append(SumRow("Added up", view.sum, date(view.counted_to), None, []))
    rows += [row(total, {"exceeds": "less than the parts added up", "falls short of": "more than the parts added up",
                         "fits": "allows the parts added up"}[total.why]) for total in view.totals]
    return rows


def figure_comparison(corpus: model.Corpus, comparison: ClaimComparison, page: str, sums=(),
                      claim_id: str = "") -> Html:
    """Each group of comparable figures in date order, then how the periods relate, then the parts added up."""
    independent = len(comparison.independent)
    groups = []
    for group in comparison.groups:
        replaced = {e.source_index for e in group.replaced}
        rows = [FigureRow(date(e.date), originator(*who(corpus, e.originator, e.via)), figure_text(e.figure),
                          href(page, page, paths.source_entry_anchor(e.source_index)), e.source_index + 1,
                          e.source_index in replaced)
                for e in group.estimates]
        groups.append(FigureGroupView(group, corpus.measures[group.measure],
                                      "cumulative totals" if group.span is None
                                      else f"the period {group.span.start} to {group.span.end}", rows))
    html = template("figure_comparison.html.j2").render(
        comparison=comparison, independent=independent, uncounted=len(comparison.originators) - independent,
        groups=groups, sums=[(view, _sum_rows(corpus, view, page, claim_id)) for view in sums])
    return Html(html.removesuffix("\n"))


def status_text(status: str) -> str:
    return STATUS_TEXT.get(status, status)


ENVIRONMENT.globals.update(claim_path=paths.claim, status_text=status_text)
