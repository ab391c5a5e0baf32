"""`python -m build_tools quote find "TEXT"`: where a passage stands in the archive.

Finds the text as the validator will (white space folded, on word
boundaries) in every archived article, or in one, and prints each match as a
source entry to paste into a claim: the article's id and the passage exactly
as the article has it. When nothing matches, each article's nearest passage
is given, as the validator's hint would give it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from . import model
from .archive import fold_space


@dataclass(frozen=True)
class Match:
    article: str
    file: str
    first_line: int
    last_line: int
    text: str  # the passage as the article has it, runs of white space folded

    def as_source_entry(self) -> str:
        """YAML to paste under a claim's `sources:`; JSON's quoted strings are valid YAML and escape everything."""
        lines = "line" if self.first_line == self.last_line else "lines"
        where = str(self.first_line) if self.first_line == self.last_line else f"{self.first_line}-{self.last_line}"
        return (f"# seeds/{self.file}, {lines} {where}\n"
                f"- article: {self.article}\n"
                f"  quote: {json.dumps(self.text, ensure_ascii=False)}\n")


def find(articles: dict[str, model.Article], text: str) -> list[Match]:
    """Every match of `text` in the given articles, in archive order, then text order."""
    return [Match(article.id, article.file, passage.first_line, passage.last_line,
                  fold_space(article.archive.text[passage.start:passage.end]))
            for article in articles.values() for passage in article.archive.find_all(text)]


def nearest(articles: dict[str, model.Article], text: str) -> list[str]:
    """For each article, why the text is not there: the nearest passage, or that none is similar."""
    return [f"{article.id}: {article.archive.explain_miss(text)}" for article in articles.values()]
