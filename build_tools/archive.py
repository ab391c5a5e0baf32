"""Search an archived article for a quote.

The only normalisation allowed is folding runs of white space: quotation
marks, dashes and digits must match exactly, because a fact-check that
quietly "fixes" a quote is no longer quoting. A quote also begins and ends on
word boundaries of the article: "1.000 tentara" cut out of "11.000 tentara"
is in the text, but it is not what the text says.
"""
from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from operator import add

from .excerpts import WordIndex
from .problems import excerpt

# Typographic look-alikes, used only to explain a near miss, never to match.
_LOOKALIKES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'",
                             "–": "-", "—": "-", "\u00a0": " "})


_HINT_LENGTH = 200
_NEWLINE = re.compile("\n")
_WORD = re.compile(r"\S+")
_WORD_CHARACTER = re.compile(r"\w")


def _in_word(text: str, index: int) -> bool:
    """A letter, digit or underscore, or a full stop or comma between digits ("11.000", "1,5")."""
    char = text[index]
    if char in ".,":
        return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
    return bool(_WORD_CHARACTER.match(char))


def fold_space(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Passage:
    """Where a quote stands in its article: character offsets and 1-based lines."""

    start: int
    end: int
    first_line: int
    last_line: int


class ArchivedText:
    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        self._line_starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
        # The text's words joined by single spaces, and where each word starts
        # in the folded text and in the original, to map a match back.
        words = text.split()
        self.folded = " ".join(words)
        self._starts = [match.start() for match in _WORD.finditer(text)]
        self._ends = list(map(add, self._starts, map(len, words)))
        self._folded_starts = list(accumulate((len(word) + 1 for word in words), initial=0))

    @cached_property
    def words(self) -> WordIndex:
        """Where each word starts and ends, for counting how much of the text a page shows."""
        return WordIndex(tuple(self._starts), tuple(self._ends), tuple(self._line_starts), len(self.text))

    def line_at(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def _original(self, folded_index: int) -> int:
        """The offset in the text of a character of the folded text (not a folded space)."""
        word = bisect.bisect_right(self._folded_starts, folded_index) - 1
        return self._starts[word] + folded_index - self._folded_starts[word]

    def find(self, quote: str) -> Passage | None:
        """The first place the quote stands in the text on word boundaries, white space folded."""
        return next(self.find_all(quote), None)

    def find_all(self, quote: str):
        """Every place the quote stands in the text on word boundaries, white space folded, in order."""
        needle = fold_space(quote)
        for at in self._occurrences(needle):
            if self._on_boundaries(at, at + len(needle)):
                start, end = self._original(at), self._original(at + len(needle) - 1) + 1
                yield Passage(start, end, self.line_at(start), self.line_at(end - 1))

    def _occurrences(self, needle: str):
        at = self.folded.find(needle) if needle else -1
        while at >= 0:
            yield at
            at = self.folded.find(needle, at + 1)

    def _on_boundaries(self, start: int, end: int) -> bool:
        """No word of the folded text runs on past either end (folding changes only white space)."""
        folded = self.folded
        return not (start > 0 and _in_word(folded, start - 1) and _in_word(folded, start)) \
            and not (end < len(folded) and _in_word(folded, end - 1) and _in_word(folded, end))

    def folded_offset(self, passage: Passage) -> int:
        """Where a passage found by `find` starts in the folded text."""
        word = bisect.bisect_right(self._starts, passage.start) - 1
        return self._folded_starts[word] + passage.start - self._starts[word]

    def explain_miss(self, quote: str) -> str:
        """Why a quote was not found: a look-alike character, or the closest passage."""
        needle = fold_space(quote)
        cut = next(self._occurrences(needle), None)
        if cut is not None:
            return self._explain_cut(cut, cut + len(needle))
        # The look-alike table maps one character to one, so offsets carry over.
        near = ArchivedText(self.text.translate(_LOOKALIKES)).find(quote.translate(_LOOKALIKES))
        if near is not None:
            return (f"quote differs from the article only in quotation marks, dashes or spaces; "
                    f"copy them exactly from line {near.first_line}: "
                    f"\u201c{excerpt(fold_space(self.text[near.start:near.end]), 100)}\u201d")
        # The closest passage to the quote's opening is hint enough; comparing a whole
        # 5,000-character quote with every line took seconds per quote.
        needle = needle[:_HINT_LENGTH]
        best_line, best_size, best_text = 0, 0, ""
        for number, line in enumerate(self.lines, start=1):
            candidate = fold_space(line)
            if not candidate:
                continue
            matcher = difflib.SequenceMatcher(None, needle, candidate, autojunk=False)
            match = matcher.find_longest_match(0, len(needle), 0, len(candidate))
            if match.size > best_size:
                begin = max(0, match.b - match.a)
                best_line, best_size = number, match.size
                best_text = candidate[begin:begin + max(len(needle), 20)]
        if best_size >= max(8, len(needle) // 4):
            return f"closest passage, line {best_line}: \u201c{excerpt(best_text, 100)}\u201d"
        return "no similar passage in the article"

    def _explain_cut(self, start: int, end: int) -> str:
        """A quote that stands in the text only inside words: which word it cuts, and where."""
        folded = self.folded
        if start > 0 and _in_word(folded, start - 1) and _in_word(folded, start):
            edge, verb = start, "begins"
        else:
            edge, verb = end, "ends"
        first = edge
        while first > 0 and _in_word(folded, first - 1):
            first -= 1
        last = edge
        while last < len(folded) and _in_word(folded, last):
            last += 1
        line = self.line_at(self._original(min(first, len(folded) - 1)))
        return (f"the article has it only cut out of other words: it {verb} inside "
                f"\u201c{excerpt(folded[first:last], 40)}\u201d (line {line}); a quote begins and ends on whole words")
