"""What several pages share: the views the templates are fed, and the helpers they call.

The layout is in build_tools/templates/ (components.j2 holds the shared
fragments: front matter, dates, verdict badges, source cards, pagers); this
module gives the templates their data as small view objects and plain text,
which the templates print through text.text() (render/templating.py).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from .. import model
from ..compare import bounds, overlaps
from . import paths
from .templating import ENVIRONMENT, Html, href, ident, template
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


def stance_label(corpus: model.Corpus, stance: str) -> str:
    """The stance in words, as claims/stances.yaml labels it."""
    known = corpus.stances.get(stance)
    return known.label if known else stance


def period_text(period: model.Period) -> str:
    if period.as_of:
        when = f"as of {human_date(period.as_of)}"
    elif period.start == period.end:
        when = f"in {human_date(period.start)}"
    else:
        when = f"from {human_date(period.start)} to {human_date(period.end)}"
    return f"{when} ({period.note})" if period.note else when


def figure_text(figure: model.Figure) -> str:
    """A figure with its unit and period, as plain text: "about 11,000 soldiers, as of July 2025"."""
    return f"{figure.describe(with_unit=True)}, {period_text(figure.period)}"


def range_text(low: float | None, high: float | None, unit: str) -> str:
    """The range of stated numbers across sources, as plain text: "4,000–6,000 soldiers"."""
    if low is None:
        return "no number stated"
    numbers = model.english_number(low) if low == high else f"{model.english_number(low)}–{model.english_number(high)}"
    return f"{numbers} {unit}"


def who(corpus: model.Corpus, originator_id: str, via: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """An originator's name and the outlets between, for the `originator` macro."""
    return corpus.originators[originator_id].reader_name, via


def _as_written(said: tuple[str, tuple]) -> tuple[str, str]:
    """(date, who) in the order the page writes them: by date, then by the name as it reads."""
    date, (name, via) = said
    return date, text(name) + (", via " + text(", ".join(via)) if via else "")


@dataclass(frozen=True)
class Evidence:
    """Who said what and when, for the `evidence_sentence` macro.

    "4,000 soldiers per A (27 March 2025) and per B (July 2025), against
    6,000 soldiers per C (July 2025)." Entries giving the same figure are
    named together; figures that overlap are listed together (a cluster),
    figures that do not are set against each other, and denials come last.
    """
    clusters: list[list[tuple[str, list[tuple[str, tuple]]]]]  # [[(figure, [(date, who)])]]
    denials: list[tuple[str, tuple]]                            # [(date, who)]


def evidence(corpus: model.Corpus, claim: model.Claim, comparison) -> Evidence:
    said: dict[str, list[tuple[str, tuple]]] = {}   # figure text -> [(date, who)]
    bounds_of: dict[str, tuple[float, float]] = {}
    for group in comparison.groups:
        for estimate in group.estimates:
            if estimate.weighed:
                what = estimate.figure.describe(with_unit=True)
                said.setdefault(what, []).append((estimate.date, who(corpus, estimate.originator, estimate.via)))
                bounds_of[what] = bounds(estimate.figure)
    clusters: list[list[str]] = []
    for what in sorted(said, key=lambda w: min(map(_as_written, said[w]))):
        home = next((c for c in clusters if any(overlaps(bounds_of[what], bounds_of[o]) for o in c)), None)
        if home is None:
            clusters.append([what])
        else:
            home.append(what)
    denials = []
    for index in comparison.denials:
        entry = claim.sources[index]
        denials.append((model.statement_date(entry, corpus.articles), who(corpus, entry.originator, entry.via)))
    return Evidence([[(what, sorted({_as_written(s): s for s in said[what]}.values(), key=_as_written))
                      for what in cluster] for cluster in clusters], denials)


# What the search index leaves out. It has to stay small at thousands of
# claims (a browser downloads it whole: under 10 MB at 10,000 claims), so a
# claim is indexed once, on its own page, by its title, statement, verdict and
# the English translations of its quotes; the Indonesian passages are indexed
# once, on their source pages. Analyses, figure tables, card details and the
# topic pages' summaries are left out.
NOT_INDEXED = "data-search-exclude"


@dataclass(frozen=True)
class SourceCard:
    """One source entry as the `source_cards` macro shows it."""
    entry: model.SourceEntry
    anchor: Html             # the card's id on its claim's own page
    originator: str          # the originator's name
    article_label: Html      # how the article is named (article_label)
    date: Html               # when the statement was made, with how that date was inferred
    stance: str              # the stance in words
    figure: str | None       # the figure the entry gives, in words
    article_href: Html
    in_context_href: Html    # the passage on its source page
    inferred: str | None = None  # what the editors inferred ("Attribution" or "Channel"), if anything


def source_cards(corpus: model.Corpus, claim: model.Claim, page: str,
                 originator: str | None = None) -> list[SourceCard]:
    """The claim's source entries as cards; with `originator`, only those citing it."""
    cards = []
    for index, entry in enumerate(claim.sources):
        if originator is not None and entry.originator != originator:
            continue
        article = corpus.articles[entry.article]
        source = paths.source(article.id)
        cards.append(SourceCard(
            entry, ident(paths.source_entry_anchor(index)), corpus.originators[entry.originator].reader_name,
            article_label(article),
            date(model.statement_date(entry, corpus.articles), entry.date_note if entry.date else article.date_note),
            stance_label(corpus, entry.stance), figure_text(entry.figure) if entry.figure is not None else None,
            href(page, source), href(page, source, paths.passage_anchor(entry.passage.start, entry.passage.end)),
            ("Attribution" if entry.originator_inferred else "Channel") if entry.inferred else None))
    return cards


def pages_of(items: list, size: int) -> list[list]:
    """Items split into pages of `size`; always at least one page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


def paged_table(items: list, size: int, path_of, template_name: str, **context) -> dict[str, str]:
    """An index table, `size` rows a page (path_of(1), path_of(2), ...), a pager above and below.

    `template_name` extends paged_index.md.j2 with the page's title,
    introduction, headings and a row per item.
    """
    chunks = pages_of(items, size)
    layout = template(template_name)
    return {path_of(number): layout.render(page=path_of(number), number=number, count=len(chunks), path_of=path_of,
                                           items=chunk, **context)
            for number, chunk in enumerate(chunks, start=1)}


# Dates recur on thousands of pages; formatting each once (bounded, for the
# long-running `mkdocs serve`) saves a tenth of the render.
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


ENVIRONMENT.filters.update(human_date=human_date)
ENVIRONMENT.globals.update(verdict_style=verdict_style, figure_text=figure_text,
                           range_text=range_text)


def sentence_opening(words: str) -> str:
    """Words that open a sentence, with a capital."""
    return words[:1].upper() + words[1:]


ENVIRONMENT.globals.update(sentence_opening=sentence_opening)
# Dates and verdicts recur on thousands of pages: each is rendered once (bounded, for `mkdocs serve`).
@lru_cache(maxsize=4096)
def date(iso: str | None, note: str | None = None) -> Html:
    """A <time> element, the note saying how the date was inferred as its tooltip ("undated" without one)."""
    return COMPONENTS.date_markup(iso, note)


@lru_cache(maxsize=256)
def verdict_badge(verdict: model.Verdict) -> Html:
    return COMPONENTS.verdict_badge_markup(verdict)


def article_label(article: model.Article) -> Html:
    """How an article is named in a sentence: its outlet, else what it is."""
    return _article_label(article.outlet, article.translates, article.kind)


@lru_cache(maxsize=4096)
def _article_label(outlet: str | None, translates: str | None, kind: str) -> Html:
    return COMPONENTS.article_label_markup(outlet, translates, kind)


@lru_cache(maxsize=4096)
def originator(name: str, via: tuple[str, ...] = ()) -> Html:
    """An originator's name, and the outlets its statement came through: "A, via B, C"."""
    return COMPONENTS.originator_markup(name, via)


ENVIRONMENT.globals.update(date=date, verdict_badge=verdict_badge, article_label=article_label, originator=originator)
# The shared fragments, for every template as `c` (an {% import %} in each would cost a tenth of the
# render). Made once the helpers they call are registered: a module copies the globals it sees.
COMPONENTS = template("components.j2").module
ENVIRONMENT.globals.update(c=COMPONENTS)
