"""Source pages: each archived article with its quoted passages marked."""
from __future__ import annotations

from dataclasses import dataclass

from .. import model
from . import paths
from .components import NOT_INDEXED, article_label, article_title, date_html, front_matter, paged_table
from .text import outbound_url, text, text_run

# The source index shows this many articles a page (/sources/, /sources/page/2/, ...).
SOURCES_PAGE_SIZE = 250
LANGUAGES = {"id": "Indonesian", "en": "English"}
REPUBLISH_TEXT = {
    "excerpts": "Excerpts: only the paragraphs this briefing quotes are shown; the text remains the publisher's.",
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


def sources_indexes(corpus: model.Corpus, passages: dict[str, list[QuotedPassage]]) -> dict[str, str]:
    """Every archived article, SOURCES_PAGE_SIZE rows to a page."""
    def row(page: str, article: model.Article) -> str:
        quoted_by = {q.claim.id for p in passages.get(article.id, []) for q in p.quotations}
        return (f'<tr><td><a href="{paths.href(page, paths.source(article.id))}">{article_title(article)}</a></td>'
                f'<td>{article_label(article)}</td><td>{text(article.kind)}</td>'
                f'<td>{date_html(article.date, article.date_note)}</td><td>{len(quoted_by)}</td></tr>')

    return paged_table(list(corpus.articles.values()), SOURCES_PAGE_SIZE, paths.sources_index, "Sources",
                       "The archived articles every quote in this briefing comes from. Each source page shows the "
                       "quoted passages in their paragraphs.\n\n", "source-index",
                       ("Article", "Outlet", "Kind", "Date", "Claims quoting it"), row)


def source_page(corpus: model.Corpus, article: model.Article, passages: list[QuotedPassage]) -> str:
    page = paths.source(article.id)
    if article.republish == "full":
        shown = range(1, len(article.archive.lines) + 1)
        heading = "Full text"
    else:
        shown = sorted({line for p in passages for line in _lines_of(article, p)})
        heading = "Quoted passages"
    # A headline is in the article's language; without one the title is our English label.
    heading_lang = f' {{ lang="{text(article.language)}" }}' if article.headline else ""
    parts = [front_matter(article_title(article)), f"# {article_title(article)}{heading_lang}\n",
             _metadata(article) + "\n", f"## {heading}\n"]
    if not shown:
        parts.append("<p>No claim quotes this article yet.</p>\n")
    else:
        parts.append(f'<div class="archive-text" lang="{text(article.language)}">\n'
                     + _paragraphs(article, passages, shown, page) + "\n</div>\n")
    return "\n".join(parts)


def _metadata(article: model.Article) -> str:
    rows = [("Outlet", text(article.outlet) if article.outlet else "Not named", article.outlet_note),
            ("Kind", text(article.kind), article.kind_note)]
    if article.translates:
        rows.append(("Translates", text(article.translates), None))
    if article.cites:
        rows.append(("Cites", text(", ".join(article.cites)), None))
    rows.append(("Date", date_html(article.date), article.date_note))
    rows.append(("Language", text(LANGUAGES.get(article.language, article.language)), None))
    link = outbound_url(article.url)
    if link:
        rows.append(("Original", f'<a href="{link}" rel="nofollow noopener">{text(article.url)}</a>', None))
    rows.append(("Archived copy", f"<code>{text(article.file)}</code>, sha256 <code>{text(article.sha256)}</code>", None))
    rows.append(("Republishing", text(REPUBLISH_TEXT.get(article.republish, article.republish)), None))
    items = "\n".join(f"<dt>{name}</dt><dd>{value}" + (f'<br><small>{text(note)}</small>' if note else "") + "</dd>"
                      for name, value, note in rows)
    return f'<dl class="source-metadata" {NOT_INDEXED}>\n{items}\n</dl>'


def _lines_of(article: model.Article, passage: QuotedPassage) -> range:
    archive = article.archive
    return range(archive.line_at(passage.start), archive.line_at(passage.end - 1) + 1)


def _paragraphs(article: model.Article, passages: list[QuotedPassage], shown, page: str) -> str:
    """Each shown line of the archive as a paragraph; "[…]" where lines are left out."""
    line_starts = [0]
    for line in article.archive.lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    out, previous = [], 0
    for number in shown:
        if number != previous + 1:
            out.append(f'<p class="archive-gap" {NOT_INDEXED}>[…]</p>')
        previous = number
        start, end = line_starts[number - 1], line_starts[number - 1] + len(article.archive.lines[number - 1])
        if not article.archive.lines[number - 1].strip():
            continue
        here = [p for p in passages if p.start < end and p.end > start]
        furniture = article.furniture_at(number)
        if furniture:
            out.append(f'<p class="archive-furniture" id="L{number}" {NOT_INDEXED} '
                       f'title="Page furniture: {text(furniture.what)}">'
                       f'{text(article.archive.lines[number - 1])}</p>')
            continue
        out.append(f'<p class="archive-line" id="L{number}">{_marked(article.archive.text, start, end, here)}</p>')
        starting = [p for p in here if p.start >= start]
        if starting:
            out.append(_quoted_in(starting, page))
    if shown and previous != len(article.archive.lines):
        out.append(f'<p class="archive-gap" {NOT_INDEXED}>[…]</p>')
    return "\n".join(out)


def _marked(source: str, start: int, end: int, passages: list[QuotedPassage]) -> str:
    """One line's text with every quoted stretch in <mark>, an anchor where each passage begins.

    Passages may overlap (one claim quotes a sentence, another a clause of
    it), so the line is cut at every passage boundary and each piece is
    marked with the passages that cover it. Only the marked pieces go into
    the search index: a source page is found by what the briefing quotes.
    """
    cuts = sorted({start, end} | {max(start, min(end, edge)) for p in passages for edge in (p.start, p.end)})
    pieces = []
    for left, right in zip(cuts, cuts[1:]):
        pieces.extend(f'<span class="passage-anchor" id="{p.anchor}"></span>' for p in passages if p.start == left)
        covering = " ".join(p.anchor for p in passages if p.start <= left and p.end >= right)
        piece = text_run(source[left:right])
        pieces.append(f'<mark data-passages="{covering}">{piece}</mark>' if covering
                      else f"<span {NOT_INDEXED}>{piece}</span>")
    return "".join(pieces)


def _quoted_in(passages: list[QuotedPassage], page: str) -> str:
    links = []
    for passage in passages:
        for quotation in passage.quotations:
            target = paths.href(page, paths.claim(quotation.claim.id), paths.source_entry_anchor(quotation.source_index))
            links.append(f'<a href="{target}">{text(quotation.claim.title)}</a>')
    return f'<p class="quoted-in" lang="en" {NOT_INDEXED}>Quoted in: {" · ".join(dict.fromkeys(links))}</p>'
