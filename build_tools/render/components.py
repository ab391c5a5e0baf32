"""Fragments several pages share: verdict badges, source cards, dates, figures.

Every function returns HTML (or Markdown) with all data passed through
text.text(); the pages only arrange these fragments.
"""
from __future__ import annotations

import datetime
import json
from functools import lru_cache

from .. import model
from ..compare import bounds, overlaps
from . import paths
from .text import text

# Material's admonition types give each verdict a colour and an icon without
# custom CSS; a verdict added to claims/verdicts.yaml later falls back to "note".
VERDICT_STYLE = {
    "corroborated": "success",
    "single-source": "info",
    "disputed": "warning",
    "outdated": "note",
    "unproven": "question",
}


def verdict_style(verdict_id: str) -> str:
    return VERDICT_STYLE.get(verdict_id, "note")


# Dates, verdicts and names recur on thousands of pages; formatting each
# once (bounded, for the long-running `mkdocs serve`) saves a tenth of the render.
@lru_cache(maxsize=4096)
def human_date(iso: str | None) -> str:
    """ISO dates, partial or not, the English way: "27 March 2025", "July 2025", "2025"."""
    if not iso:
        return ""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        day = datetime.date(*parts)
        return f"{day.day} {day:%B %Y}"
    if len(parts) == 2:
        return f"{datetime.date(parts[0], parts[1], 1):%B %Y}"
    return str(parts[0])


@lru_cache(maxsize=4096)
def date_html(iso: str | None, note: str | None = None) -> str:
    """A <time> element; the note saying how the date was inferred as its tooltip."""
    if not iso:
        return "undated"
    title = f' title="{text(note)}"' if note else ""
    return f'<time datetime="{text(iso)}"{title}>{text(human_date(iso))}</time>'


@lru_cache(maxsize=256)
def verdict_badge(verdict: model.Verdict) -> str:
    return (f'<span class="verdict-badge verdict-badge--{verdict_style(verdict.id)}" '
            f'title="{text(verdict.meaning)}">{text(verdict.label)}</span>')


def article_label(article: model.Article) -> str:
    """How an article is named in a sentence: its outlet, else what it is."""
    if article.outlet:
        return text(article.outlet)
    if article.translates:
        return f"Unnamed site, translating {text(article.translates)}"
    return f"Unnamed {text(article.kind)}"


def article_title(article: model.Article) -> str:
    return text(article.headline) if article.headline else article_label(article)


def period_text(period: model.Period) -> str:
    if period.as_of:
        when = f"as of {human_date(period.as_of)}"
    elif period.start == period.end:
        when = f"in {human_date(period.start)}"
    else:
        when = f"from {human_date(period.start)} to {human_date(period.end)}"
    return f"{when} ({period.note})" if period.note else when


def figure_text(figure: model.Figure) -> str:
    return text(f"{figure.describe(with_unit=True)}, {period_text(figure.period)}")


def range_text(low: float | None, high: float | None, unit: str) -> str:
    """The range of stated numbers across sources: "4,000–6,000 soldiers"."""
    if low is None:
        return "no number stated"
    numbers = model.english_number(low) if low == high else f"{model.english_number(low)}–{model.english_number(high)}"
    return text(f"{numbers} {unit}")


def originator_text(corpus: model.Corpus, originator_id: str, via: tuple[str, ...] = ()) -> str:
    name = text(corpus.originators[originator_id].name)
    return f"{name}, via {text(', '.join(via))}" if via else name


def evidence_sentence(corpus: model.Corpus, claim: model.Claim, comparison) -> str:
    """Who said what and when, plainly.

    "4,000 soldiers per A (27 March 2025) and per B (July 2025), against
    6,000 soldiers per C (July 2025)." Entries giving the same figure are
    named together; figures that overlap are listed together, figures that do
    not are set against each other, and denials come last.
    """
    said: dict[str, list[tuple[str, str]]] = {}   # figure text -> [(date, who)]
    bounds_of: dict[str, tuple[float, float]] = {}
    for group in comparison.groups:
        for estimate in group.estimates:
            if estimate.weighed:
                what = estimate.figure.describe(with_unit=True)
                said.setdefault(what, []).append(
                    (estimate.date, originator_text(corpus, estimate.originator, estimate.via)))
                bounds_of[what] = bounds(estimate.figure)
    clusters: list[list[str]] = []
    for what in sorted(said, key=lambda w: min(said[w])):
        home = next((c for c in clusters if any(overlaps(bounds_of[what], bounds_of[o]) for o in c)), None)
        if home is None:
            clusters.append([what])
        else:
            home.append(what)
    parts = [", against ".join(
        "; ".join(f"{text(what)} " + " and ".join(f"per {who} ({text(human_date(date))})"
                                                 for date, who in sorted(set(said[what])))
                  for what in cluster)
        for cluster in clusters)]
    for index in comparison.denials:
        entry = claim.sources[index]
        date = model.statement_date(entry, corpus.articles)
        parts.append(f"contradicted by {originator_text(corpus, entry.originator, entry.via)} "
                     f"({text(human_date(date))})")
    sentence = "; ".join(part for part in parts if part)
    return sentence + "." if sentence else ""


def attribution_chain(corpus: model.Corpus, entry: model.SourceEntry) -> str:
    """Originator, the outlets between, and the article: who the statement passed through."""
    article = corpus.articles[entry.article]
    links = [text(corpus.originators[entry.originator].name), *(text(outlet) for outlet in entry.via),
             article_label(article)]
    return " → ".join(links)


# What the search index leaves out. It has to stay small at thousands of
# claims (a browser downloads it whole: under 10 MB at 10,000 claims), so a
# claim is indexed once, on its own page, by its title, statement, verdict and
# the English translations of its quotes; the Indonesian passages are indexed
# once, on their source pages. Analyses, figure tables, card details and the
# topic pages' summaries are left out.
NOT_INDEXED = "data-search-exclude"


def source_cards(corpus: model.Corpus, claim: model.Claim, page: str, own_page: bool = True,
                 originator: str | None = None) -> str:
    """The claim's source entries side by side: one Material grid card each.

    On the claim's `own_page` the cards carry the anchors the figure tables
    link to and their translations go into the search index; elsewhere (a
    topic or originator listing, which repeats what claim pages index) neither,
    so a listing has no duplicate ids. With `originator`, only the entries
    citing it are shown.
    """
    cards = "\n".join(_source_card(corpus, index, entry, page, own_page) for index, entry in enumerate(claim.sources)
                      if originator is None or entry.originator == originator)
    return (f'<div class="grid cards source-cards"{"" if own_page else " " + NOT_INDEXED}>\n'
            f'<ul>\n{cards}\n</ul>\n</div>')


def _source_card(corpus: model.Corpus, index: int, entry: model.SourceEntry, page: str, own_page: bool) -> str:
    article = corpus.articles[entry.article]
    date = model.statement_date(entry, corpus.articles)
    note = entry.date_note if entry.date else article.date_note
    in_context = paths.href(page, paths.source(article.id),
                            paths.passage_anchor(entry.passage.start, entry.passage.end))
    lines = [
        f'<li class="source-card source-card--{entry.stance}"'
        + (f' id="{paths.source_entry_anchor(index)}">' if own_page else ">"),
        f'<p class="source-card__outlet" {NOT_INDEXED}><strong><a href="{paths.href(page, paths.source(article.id))}">'
        f'{article_label(article)}</a></strong> · {date_html(date, note)}</p>',
        f'<p class="source-card__originator" {NOT_INDEXED}>Attribution: {attribution_chain(corpus, entry)}</p>',
        *([f'<p class="source-card__inferred" {NOT_INDEXED}><strong>'
           f'{"Attribution" if entry.originator_inferred else "Channel"} inferred by the editors</strong>: '
           f'{text(entry.attribution.reason)}</p>'] if entry.inferred else []),
        f'<blockquote class="source-card__quote" lang="id" {NOT_INDEXED}><p>{text(entry.quote)}</p></blockquote>',
        f'<p class="source-card__translation" lang="en">{text(entry.translation)}</p>',
    ]
    if entry.figure is not None:
        note = (f' <span class="source-card__qualifier-note">(How the qualifier was read: '
                f'{text(entry.figure.qualifier_note)})</span>' if entry.figure.qualifier_note else "")
        lines.append(f'<p class="source-card__figure" {NOT_INDEXED}>Figure: {figure_text(entry.figure)}{note}</p>')
    stance = corpus.stances.get(entry.stance)
    lines.append(f'<p class="source-card__footer" {NOT_INDEXED}>{text(stance.label if stance else entry.stance)} · '
                 f'<a href="{in_context}">Read in context</a></p>')
    lines.append("</li>")
    return "\n".join(lines)


def pages_of(items: list, size: int) -> list[list]:
    """Items split into pages of `size`; always at least one page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


def paged_table(items: list, size: int, path_of, title: str, introduction: str, css_class: str,
                headings: tuple[str, ...], row) -> dict[str, str]:
    """An index table, `size` rows a page (path_of(1), path_of(2), ...), a pager above and below.

    Left out of search: what each row names is indexed on its own page.
    `row(page, item)` gives an item's <tr> as seen from `page`.
    """
    chunks = pages_of(items, size)
    head = "".join(f"<th>{heading}</th>" for heading in headings)
    pages = {}
    for number, chunk in enumerate(chunks, start=1):
        page = path_of(number)
        heading = title if number == 1 else f"{title}, page {number}"
        rows = "\n".join(row(page, item) for item in chunk)
        navigation = pager(page, number, len(chunks), path_of)
        pages[page] = (front_matter(heading, searchable=False) + f"# {heading}\n\n" + introduction + navigation +
                       f'<table class="{css_class}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n'
                       + navigation)
    return pages


def pager(page: str, number: int, count: int, path_of) -> str:
    """Links to every page of a listing; `path_of(n)` is page n's path."""
    if count == 1:
        return ""
    links = " ".join(
        f'<strong aria-current="page">{n}</strong>' if n == number else f'<a href="{paths.href(page, path_of(n))}">{n}</a>'
        for n in range(1, count + 1))
    return f'<nav class="pager" aria-label="Pages">Page {number} of {count}: {links}</nav>\n'


def front_matter(title: str, description: str | None = None,
                 claimreview: str | None = None, searchable: bool = True) -> str:
    """YAML front matter; values are already escaped text, written as JSON strings (valid YAML).

    `claimreview` is JSON-LD already escaped for a script element; the
    template writes it into the page's head.
    """
    lines = ["---", f"title: {json.dumps(title)}"]
    if description:
        lines.append(f"description: {json.dumps(description)}")
    if claimreview:
        lines.append(f"claimreview: {json.dumps(claimreview, ensure_ascii=False)}")
    if not searchable:
        lines.append("search:\n  exclude: true")
    lines.append("---")
    return "\n".join(lines) + "\n\n"
