"""The checked data, as plain data classes passed between pipeline stages.

Nothing here reads files or knows about YAML or MkDocs: `validate` builds
these objects only from data that passed every check.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .archive import ArchivedText, Passage


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    unit: str
    description: str


@dataclass(frozen=True)
class Originator:
    id: str
    name: str
    kind: str
    country: str | None
    description: str


@dataclass(frozen=True)
class Verdict:
    id: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Furniture:
    first_line: int
    last_line: int
    what: str

    def covers(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


@dataclass
class Article:
    id: str
    file: str
    sha256: str
    headline: str | None
    outlet: str | None
    kind: str
    translates: str | None
    cites: tuple[str, ...]
    language: str
    date: str
    url: str | None
    republish: str
    furniture: tuple[Furniture, ...]
    archive: ArchivedText = field(repr=False)
    outlet_note: str | None = None
    kind_note: str | None = None
    date_note: str | None = None
    shown_limit: int | None = None          # percent of its words a source page may show (excerpts)
    shown_limit_reason: str | None = None
    # Where its entry is in seeds/articles.yaml, worked out only when a problem is reported.
    locate: Callable[[], tuple[int, int]] = field(default=lambda: (1, 1), repr=False, compare=False)

    def furniture_at(self, line: int) -> Furniture | None:
        return next((f for f in self.furniture if f.covers(line)), None)


@dataclass(frozen=True)
class Period:
    as_of: str | None = None
    start: str | None = None  # `from` in the YAML
    end: str | None = None    # `to` in the YAML
    note: str | None = None

    @property
    def is_span(self) -> bool:
        return self.as_of is None


def english_number(number: float) -> str:
    """11000 -> "11,000"; 1.5 -> "1.5"."""
    return f"{int(number):,}" if float(number).is_integer() else f"{number:,}"


@dataclass(frozen=True)
class Amount:
    """A number as a claim or a quote gives it: a value, a range, or vague."""

    unit: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None

    def describe(self, with_unit: bool = False) -> str:
        """In English: "about 11,000", "25,000–30,000", "thousands of"."""
        if self.value is not None:
            text = english_number(self.value)
        elif self.low is not None:
            text = f"{english_number(self.low)}–{english_number(self.high)}"
        else:
            text = ""
        text = " ".join(part for part in (self.qualifier, text) if part)
        return f"{text} {self.unit}" if with_unit else text


@dataclass(frozen=True)
class Figure(Amount):
    measure: str = ""
    period: Period = Period()


@dataclass
class SourceEntry:
    article: str
    quote: str
    translation: str
    originator: str
    stance: str
    via: tuple[str, ...] = ()
    date: str | None = None
    date_note: str | None = None
    figure: Figure | None = None
    passage: Passage | None = None


def statement_date(entry: SourceEntry, articles: dict[str, Article]) -> str:
    """When a statement was made: the date its article gives it, else the article's own date."""
    return entry.date or articles[entry.article].date


@dataclass(frozen=True)
class Correction:
    date: str
    change: str


@dataclass(frozen=True)
class Withdrawal:
    """Why and when a published claim was retired; its page stays, with a notice."""

    date: str
    reason: str


@dataclass
class Claim:
    id: str
    topic: str
    path: str
    claim: str
    title: str
    verdict: str
    claimant: str
    published: str
    last_reviewed: str
    translator: str
    sources: list[SourceEntry]
    analysis: str
    corrections: list[Correction]
    measure: str | None = None
    figure: Amount | None = None
    # Where a key stands in the claim's file, for messages: ("verdict",) -> (line, column).
    locate: Callable[[tuple], tuple[int, int]] = field(default=lambda key: (1, 1), repr=False, compare=False)
    withdrawn: Withdrawal | None = None
    replaced_by: str | None = None  # id of the claim whose page this one's redirects to

    @property
    def is_current(self) -> bool:
        """Neither withdrawn nor replaced: counted, listed and summarised on the site."""
        return self.withdrawn is None and self.replaced_by is None


@dataclass
class Corpus:
    """Everything the site is built from, checked."""

    root: str
    topics: dict[str, Topic]
    measures: dict[str, Measure]
    originators: dict[str, Originator]
    verdicts: dict[str, Verdict]
    articles: dict[str, Article]
    claims: dict[str, Claim]  # by id, in id order

    def current_claims(self) -> list[Claim]:
        """The claims that stand; retired ones keep their pages but leave every list and count."""
        return [claim for claim in self.claims.values() if claim.is_current]
