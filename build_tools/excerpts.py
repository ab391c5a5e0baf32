"""How much of an `excerpts` article the site shows, worked out once for validation and the source page.

An article marked `republish: excerpts` is shown only where the briefing
quotes it: each quoted passage with at most CONTEXT_WORDS words on either
side, inside its own paragraph (an archive line), and "[…]" for the rest.
The share of the article's words on the page is held to a limit: the
article's `shown_limit` in seeds/articles.yaml (a percentage, with the reason
for it), else DEFAULT_SHOWN_PERCENT. One claim's own quotes may cover at most
CLAIM_QUOTE_PERCENT of an article, whatever the article's limit.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

CONTEXT_WORDS = 6
DEFAULT_SHOWN_PERCENT = 50
CLAIM_QUOTE_PERCENT = 50


@dataclass(frozen=True)
class WordIndex:
    """Where each word of a text starts and ends, and where each line starts (archive.ArchivedText.words)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    line_starts: tuple[int, ...]
    length: int

    def words_in(self, spans: list[tuple[int, int]]) -> int:
        """How many words overlap any of the spans (sorted, not overlapping)."""
        counted = 0
        for start, end in spans:
            first = bisect.bisect_right(self.ends, start)   # first word ending after start
            last = bisect.bisect_left(self.starts, end)     # words starting before end
            counted += max(0, last - first)
        return counted


def merge(spans) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def shown_spans(index: WordIndex, passages) -> list[tuple[int, int]]:
    """The stretches of text a source page shows: each passage (start, end) and its bounded context."""
    spans = []
    for start, end in passages:
        line_start = index.line_starts[bisect.bisect_right(index.line_starts, start) - 1]
        following = bisect.bisect_right(index.line_starts, max(start, end - 1))
        line_end = index.line_starts[following] - 1 if following < len(index.line_starts) else index.length
        first = bisect.bisect_right(index.ends, start)   # the word the passage starts in
        last = bisect.bisect_left(index.starts, end)     # one past the word it ends in
        before = max(first - CONTEXT_WORDS, 0)
        after = min(last + CONTEXT_WORDS, len(index.starts)) - 1
        context_start = max(index.starts[before], line_start) if index.starts else start
        context_end = min(index.ends[after], line_end) if index.starts and after >= 0 else end
        spans.append((min(start, context_start), max(end, context_end)))
    return merge(spans)


def percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def shown_share(article, passages) -> tuple[int, int, int]:
    """(words shown, words in the article, the limit in percent) for an excerpts article's page."""
    words = article.archive.words
    shown = words.words_in(shown_spans(words, passages))
    limit = article.shown_limit if article.shown_limit is not None else DEFAULT_SHOWN_PERCENT
    return shown, len(words.starts), limit
