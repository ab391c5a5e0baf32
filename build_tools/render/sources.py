"""Source pages: each archived article with its quoted passages marked."""
from __future__ import annotations

from dataclasses import dataclass

from .. import excerpts, model
from . import paths
from .components import ENVIRONMENT, paged_table
from .templating import Html, href, ident, ident_list, template
from .text import outbound_url

LANGUAGES = {"id": "Indonesian", "en": "English"}
REPUBLISH_TEXT = {
    "excerpts": "Excerpts: only the passages this briefing quotes are shown, each with a few words around it; "
                "the text remains the publisher's.",
    "full": "Full text: the article's licence allows republishing it whole.",
}


@dataclass(frozen=True)
class Quotation:
    """One source entry quoting a passage of the article."""

    claim: model.Claim
    source_index: int


@dataclass
class QuotedPassage:
    start: int
    end: int
    quotations: list[Quotation]

    @property
    def anchor(self) -> str:
        return paths.passage_anchor(self.start, self.end)


def quoted_passages(corpus: model.Corpus) -> dict[str, list[QuotedPassage]]:
    """For each article, every distinct passage some claim quotes, in text order.

    One pass over all source entries, shared by every source page: asking
    per article would scan all claims once per article.
    """
    by_article: dict[str, dict[tuple[int, int], QuotedPassage]] = {}
    for claim in corpus.claims.values():
        if claim.replaced_by:  # its page only redirects; the claim that replaced it quotes on
            continue
        for index, entry in enumerate(claim.sources):
            if entry.passage is not None:
                key = (entry.passage.start, entry.passage.end)
                passages = by_article.setdefault(entry.article, {})
                passages.setdefault(key, QuotedPassage(*key, [])).quotations.append(Quotation(claim, index))
    return {article: [passages[key] for key in sorted(passages)] for article, passages in by_article.items()}


def sources_indexes(corpus: model.Corpus, passages: dict[str, list[QuotedPassage]], page_size: int) -> dict[str, str]:
    """Every archived article, `page_size` rows to a page (/sources/, /sources/page/2/, ...)."""
    quoting = {article: len({q.claim.id for p in found for q in p.quotations}) for article, found in passages.items()}
    return paged_table(list(corpus.articles.values()), page_size, paths.sources_index, "sources.md.j2",
                       quoting={article: quoting.get(article, 0) for article in corpus.articles})


@dataclass(frozen=True)
class ArchiveLine:
    """A line of the archive as its source page shows it (source.md.j2)."""
    kind: str                  # "gap" ([…] where lines are left out), "furniture" or "line"
    number: int = 0
    text: str = ""
    furniture: str = ""        # what the page furniture is
    pieces: tuple = ()         # (anchors starting here, passages covering it, text): see _pieces
    notes: tuple = ()          # a PassageNote for each passage starting on this line, beside it


@dataclass(frozen=True)
class PassageNote:
    """What a source page shows beside a quoted passage: its English translation(s) and the claims quoting it."""
    anchor: str
    translations: tuple[str, ...]   # as the quoting claims give it; claims translating it alike share one
    quoted_in: tuple[tuple[str, str], ...]  # (link, claim title), each claim once


_GAP = ArchiveLine("gap")


def source_page(corpus: model.Corpus, article: model.Article, passages: list[QuotedPassage]) -> str:
    page = paths.source(article.id)
    visible = share = None
    if article.republish == "full":
        shown = range(1, len(article.archive.lines) + 1)
    else:
        shown = sorted({line for p in passages for line in _lines_of(article, p)})
        # Only the passages and a few words around each (build_tools/excerpts.py), never whole paragraphs.
        spans = [(p.start, p.end) for p in passages]
        visible = excerpts.shown_spans(article.archive.words, spans)
        words_shown, words, limit = excerpts.shown_share(article, spans)
        share = ShownShare(round(excerpts.percent(words_shown, words)), words_shown, words, limit)
    link, archived = outbound_url(article.url), outbound_url(article.archived_url)
    # A headline is in the article's language; without one the title is our English label.
    return template("source.md.j2").render(page=page, article=article,
                                           original=Html(link) if link else None,
                                           archived=Html(archived) if archived else None, share=share,
                                           shown=bool(shown), lines=_archive_lines(article, passages, shown, page, visible))


@dataclass(frozen=True)
class ShownShare:
    """How much of an excerpts article its page shows: printed in its metadata."""
    percent: int
    words_shown: int
    words: int
    limit: int


def _lines_of(article: model.Article, passage: QuotedPassage) -> range:
    archive = article.archive
    return range(archive.line_at(passage.start), archive.line_at(passage.end - 1) + 1)


def _archive_lines(article: model.Article, passages: list[QuotedPassage], shown, page: str,
                   visible: list[tuple[int, int]] | None = None) -> list[ArchiveLine]:
    """Each shown line of the archive; a gap where lines are left out."""
    line_starts = [0]
    for line in article.archive.lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    out, previous = [], 0
    for number in shown:
        if number != previous + 1:
            out.append(_GAP)
        previous = number
        line = article.archive.lines[number - 1]
        start, end = line_starts[number - 1], line_starts[number - 1] + len(line)
        if not line.strip():
            continue
        here = [p for p in passages if p.start < end and p.end > start]
        furniture = article.furniture_at(number)
        if furniture:
            out.append(ArchiveLine("furniture", number, line, furniture.what))
            continue
        out.append(ArchiveLine("line", number, pieces=_pieces(article.archive.text, start, end, here, visible),
                               notes=tuple(_note(p, page) for p in here if p.start >= start)))
    if shown and previous != len(article.archive.lines):
        out.append(_GAP)
    return out


def _pieces(source: str, start: int, end: int, passages: list[QuotedPassage],
            visible: list[tuple[int, int]] | None = None) -> tuple:
    """One line's text cut at every passage boundary: (anchors of the passages starting there, anchors of
    those covering it, the text). With `visible` (an excerpts article), what lies outside it is one
    piece with the text None, shown as "[…]".

    Passages may overlap (one claim quotes a sentence, another a clause of
    it), so each piece is marked with every passage that covers it. Only the
    marked pieces go into the search index: a source page is found by what the
    briefing quotes.
    """
    edges = [edge for p in passages for edge in (p.start, p.end)]
    if visible is not None:
        edges += [edge for span in visible for edge in span]
    cuts = sorted({start, end} | {max(start, min(end, edge)) for edge in edges})
    pieces = []
    for left, right in zip(cuts, cuts[1:]):
        if visible is not None and not any(a <= left and right <= b for a, b in visible):
            if not (pieces and pieces[-1][2] is None):  # left out: one "[…]" for the whole stretch
                pieces.append(([], ident_list(()), None))
            continue
        pieces.append(([ident(p.anchor) for p in passages if p.start == left],
                       ident_list(p.anchor for p in passages if p.start <= left and p.end >= right),
                       source[left:right]))
    return tuple(pieces)


def _note(passage: QuotedPassage, page: str) -> PassageNote:
    """A claim quoting the passage in several of its source entries is listed once, linking to the first."""
    first_entry = {}
    for quotation in passage.quotations:
        first_entry.setdefault(quotation.claim.id, quotation)
    return PassageNote(
        passage.anchor,
        tuple(dict.fromkeys(q.claim.sources[q.source_index].translation for q in passage.quotations)),
        tuple((href(page, paths.claim(q.claim.id), paths.source_entry_anchor(q.source_index)), q.claim.title)
              for q in first_entry.values()))


ENVIRONMENT.globals.update(source_path=paths.source, topic_path=paths.topic,
                           language_name=lambda code: LANGUAGES.get(code, code),
                           republish_text=lambda kind: REPUBLISH_TEXT.get(kind, kind))
