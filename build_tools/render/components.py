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
from ..compare import PartsSum, Reported, relation_in_words
from . import paths
from .templating import ENVIRONMENT, Html, href, ident, template

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


@dataclass(frozen=True)
class SumFigure:
    """A part or a total in a sum's table: what it counts, the figure, the date it counts to, who said it, where."""
    measure: model.Measure
    figure: model.Figure
    counted_to: str
    who: tuple[str, tuple]
    date: str                            # when it was said
    places: tuple[tuple[str, int], ...]  # (claim id, source index), the claims quoting it
    status: str | None = None            # for a total: AGREE or DISAGREE
    why: str = ""                        # for a total: how the sum stands to it ("exceeds", "fits")


@dataclass(frozen=True)
class PartsSumView:
    """Parts added up and set against their totals, for the `parts_sum_sentence` macro and the claim page's table."""
    relation: str                 # the relation, as the methodology states it
    unit: str
    parts: tuple[SumFigure, ...]
    sum: str                      # "14,000 troops"
    counted_to: str
    totals: tuple[SumFigure, ...]
    status: str


def _sum_figure(corpus: model.Corpus, reported: Reported, check=None) -> SumFigure:
    estimate = reported.estimate
    return SumFigure(corpus.measures[estimate.figure.measure], estimate.figure, estimate.figure.period.counted_to,
                     who(corpus, estimate.originator, estimate.via), estimate.date, reported.places,
                     check.status if check else None, check.why if check else "")


def parts_sum_view(corpus: model.Corpus, parts_sum: PartsSum) -> PartsSumView:
    return PartsSumView(relation_in_words(parts_sum.relation, corpus.measures),
                        corpus.measures[parts_sum.relation.total].unit,
                        tuple(_sum_figure(corpus, r) for r in parts_sum.parts),
                        parts_sum.sum.describe(with_unit=True), parts_sum.counted_to,
                        tuple(_sum_figure(corpus, t.total, t) for t in parts_sum.totals), parts_sum.status)


# What the search index (Pagefind, build_tools/search.py) leaves out. A browser
# fetches only the chunks of the words searched, but each indexed word still
# costs space, so a claim is indexed once, on its own page, by its title,
# statement, verdict, its quotes (Indonesian) and their English translations,
# and its search terms (topic, synonyms, figures). Analyses, figure tables,
# card details and the listings' summaries are left out.
NOT_INDEXED = "data-search-exclude"  # Pagefind skips it (build_tools/search.py)


@dataclass(frozen=True)
class CardEntry:
    """One source entry on a card: who said it, through whom, when, and the figure it gives."""
    number: int              # as readers count, and as the figure tables cite it ("source 3")
    attribution: Html        # the attribution sentence
    date: Html               # when the statement was made
    date_note: str | None    # how that date was inferred, shown beside it
    figure: str | None       # the figure, in words
    stance: str              # in words
    inferred: str | None = None        # what the editors inferred ("Attribution" or "Channel"), if anything
    inferred_reason: str | None = None  # and why
    qualifier_note: str | None = None   # how a qualifier read from an earlier number was read


@dataclass(frozen=True)
class SourceCard:
    """A quoted passage as the `source_cards` macro shows it, with every source entry quoting it."""
    anchors: list[Html]      # the entries' ids ("source-1"), the first the card's own
    numbers: str             # "Source 3", "Sources 1–2", "Sources 1 and 4"
    stance: str              # "Contradicts the claim", in words; several stances are named together
    stance_class: str        # the stance id of the first entry that contradicts, else of the first entry
    translation: str
    quote: str
    entries: list[CardEntry]
    article_label: Html      # how the article is named (article_label)
    article_href: Html
    in_context_href: Html    # the passage on its source page
    in_context_url: str | None  # the same, as an address for print
    article_url: str | None     # the source page's address, for print


def _numbers(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"Source {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"Sources {numbers[0]}–{numbers[-1]}"
    return f"Sources {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def source_cards(corpus: model.Corpus, claim: model.Claim, page: str, site_url: str | None = None) -> list[SourceCard]:
    """The claim's sources as cards, one per quoted passage (entries quoting the same one share it);
    with `site_url`, addresses for print."""
    passages: dict[tuple, list[tuple[int, model.SourceEntry]]] = {}
    for index, entry in enumerate(claim.sources):
        passages.setdefault((entry.article, entry.passage.start, entry.passage.end), []).append((index, entry))
    cards = []
    for (article_id, start, end), entries in passages.items():
        article = corpus.articles[article_id]
        source = paths.source(article.id)
        stances = list(dict.fromkeys(entry.stance for _, entry in entries))
        cards.append(SourceCard(
            [ident(paths.source_entry_anchor(index)) for index, _ in entries], _numbers([i + 1 for i, _ in entries]),
            "; ".join(stance_label(corpus, stance) for stance in stances),
            # A card quoting a passage some entries cite against the claim is marked as contradicting it.
            next((s for s in stances if corpus.stances[s].effect == model.CONTRADICTS), stances[0]),
            entries[0][1].translation, entries[0][1].quote,
            [CardEntry(index + 1,
                       attribution(corpus.originators[entry.originator].reader_name,
                                   # the article's own outlet, or the report it translates, is named after
                                   tuple(v for v in entry.via if v not in (article.outlet, article.translates)),
                                   article.outlet, article.translates, article.kind),
                       date(model.statement_date(entry, corpus.articles)),
                       entry.date_note if entry.date else article.date_note,
                       figure_text(entry.figure) if entry.figure is not None else None,
                       stance_label(corpus, entry.stance),
                       ("Attribution" if entry.originator_inferred else "Channel") if entry.inferred else None,
                       entry.attribution.reason if entry.inferred else None,
                       entry.figure.qualifier_note if entry.figure is not None else None)
             for index, entry in entries],
            article_label(article), href(page, source), href(page, source, paths.passage_anchor(start, end)),
            site_url + paths.url(source) + "#" + paths.passage_anchor(start, end) if site_url else None,
            site_url + paths.url(source) if site_url else None))
    return cards


def pages_of(items: list, size: int) -> list[list]:
    """Items split into pages of `size`; always at least one page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


# Pages a pager links to either side of the current one; with the first and
# the last, at most nine links however long the listing (a topic of 10,000
# claims has hundreds of pages), so the pager wraps to two lines on a phone at most.
PAGER_NEIGHBOURS = 2


def pager_numbers(number: int, count: int) -> list[int | None]:
    """The page numbers a pager shows, None where it leaves some out: the first, the last and the current
    page's neighbours, as 1 … 4 5 6 7 8 … 400. A gap of one page is that page, never "…" for it."""
    shown = sorted({1, count} | set(range(max(1, number - PAGER_NEIGHBOURS), min(count, number + PAGER_NEIGHBOURS) + 1)))
    out: list[int | None] = []
    for n in shown:
        if out and n - out[-1] == 2:
            out.append(n - 1)
        elif out and n - out[-1] > 2:
            out.append(None)
        out.append(n)
    return out


ENVIRONMENT.globals.update(pager_numbers=pager_numbers)


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
ENVIRONMENT.globals.update(stance_label=stance_label, figure_text=figure_text,
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
def attribution(name: str, via: tuple[str, ...], outlet: str | None, translates: str | None, kind: str) -> Html:
    """Who a statement comes from, through whom, in which article, as one sentence."""
    return COMPONENTS.attribution(name, via, outlet, translates, kind)


@lru_cache(maxsize=4096)
def originator(name: str, via: tuple[str, ...] = ()) -> Html:
    """An originator's name, and the outlets its statement came through: "A, via B, C"."""
    return COMPONENTS.originator_markup(name, via)


ENVIRONMENT.globals.update(date=date, verdict_badge=verdict_badge, article_label=article_label, originator=originator)
# The shared fragments, for every template as `c` (an {% import %} in each would cost a tenth of the
# render). Made once the helpers they call are registered: a module copies the globals it sees.
COMPONENTS = template("components.j2").module
ENVIRONMENT.globals.update(c=COMPONENTS)
