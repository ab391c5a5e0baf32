"""Search an archived article for a quote.

The only normalisation allowed is folding runs of white space: quotation
marks, dashes and digits must match exactly, because a fact-check that
quietly "fixes" a quote is no longer quoting.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .problems import excerpt

# Typographic look-alikes, used only to explain a near miss, never to match.
_LOOKALIKES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'",
                             "–": "-", "—": "-", "\u00a0": " "})


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
        # The folded text, and for each of its characters the offset it came from.
        folded, origin = [], []
        pending_space = False
        for index, char in enumerate(text):
            if char.isspace():
                pending_space = bool(folded)
                continue
            if pending_space:
                folded.append(" ")
                origin.append(index - 1)
                pending_space = False
            folded.append(char)
            origin.append(index)
        self.folded = "".join(folded)
        self._origin = origin
        self._line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self._line_starts.append(index + 1)

    def line_at(self, offset: int) -> int:
        """1-based line number of a character offset."""
        low, high = 0, len(self._line_starts)
        while low + 1 < high:
            middle = (low + high) // 2
            if self._line_starts[middle] <= offset:
                low = middle
            else:
                high = middle
        return low + 1

    def find(self, quote: str) -> Passage | None:
        """The first place the quote stands in the text, white space folded."""
        needle = fold_space(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        start = self._origin[at]
        end = self._origin[at + len(needle) - 1] + 1
        return Passage(start, end, self.line_at(start), self.line_at(end - 1))

    def explain_miss(self, quote: str) -> str:
        """Why a quote was not found: a look-alike character, or the closest passage."""
        needle = fold_space(quote)
        lookalike = fold_space(quote.translate(_LOOKALIKES))
        folded_plain = self.folded.translate(_LOOKALIKES)
        if lookalike and lookalike in folded_plain:
            at = folded_plain.find(lookalike)
            start = self._origin[at]
            return (f"quote differs from the article only in quotation marks, dashes or spaces; "
                    f"copy them exactly from line {self.line_at(start)}: "
                    f"\u201c{excerpt(self.folded[at:at + len(lookalike)], 100)}\u201d")
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
