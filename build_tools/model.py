"""The checked data, as plain data classes passed between pipeline stages.

Nothing here reads files or knows about YAML or MkDocs: `validate` builds
these objects only from data that passed every check.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .archive import ArchivedText, Passage


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str
    # Claim ids the topic's page lists first, in this order (claims/topics.yaml `order`); the rest follow
    # by verdict and by number of independent originators (render/claims.listing_order).
    order: tuple[str, ...] = ()
    # Words readers search for that the title does not use ("killed", "losses" for Casualties): each claim
    # of the topic is found by them (claims/topics.yaml `synonyms`; render/claims.search_terms).
    synonyms: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "order", tuple(self.order))
        object.__setattr__(self, "synonyms", tuple(self.synonyms))


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    unit: str
    description: str
    # How it relates to other measures (claims/measures.yaml): the measure it is a part of,
    # or the named parts it is the sum of.
    part_of: str | None = None
    parts: tuple[str, ...] = ()
    key_figure: bool = False  # shown among the home page's key figures, in the registry's order
    timeline: bool = False    # its estimates charted over time on the home page


@dataclass(frozen=True)
class Originator:
    id: str
    name: str         # the editors' name, as the articles give it
    reader_name: str  # the same, as readers see it on the site
    kind: str
    country: str | None
    description: str
    # Whether the originator's statements can count as independent evidence,
    # and the editors' reason, both declared in claims/originators.yaml.
    independent: bool = False
    independence: str = ""


# What a stance does to the evidence (claims/stances.yaml `effect`).
SUPPORTS, CONTRADICTS, NEITHER = "supports", "contradicts", "neither"


@dataclass(frozen=True)
class Stance:
    """How a quoted passage bears on its claim, declared in claims/stances.yaml."""

    id: str
    label: str
    meaning: str
    effect: str  # SUPPORTS, CONTRADICTS or NEITHER

    @property
    def weighed(self) -> bool:
        """Supporting and contradicting passages are evidence; the others are shown only."""
        return self.effect != NEITHER


# A rule's condition on a fact of the evidence (a denial, a later report).
REQUIRED, EXCLUDED = "required", "excluded"


@dataclass(frozen=True)
class VerdictRule:
    """What the evidence must show for a verdict, declared under `rule:` in claims/verdicts.yaml."""

    statuses: tuple[str, ...]
    min_independent: int = 0
    max_independent: int | None = None  # None: no upper limit
    denial: str | None = None           # REQUIRED, EXCLUDED, or None: either
    overtaken: str | None = None        # a later report overtaking the claim: likewise
    wins_over: tuple[str, ...] = ()     # verdicts this one is given over where both rules fit


@dataclass(frozen=True)
class Verdict:
    id: str
    label: str
    meaning: str
    icon: str          # a theme icon, "material/check-decagram"
    colour_light: str  # "#rrggbb", readable on the light scheme's background
    colour_dark: str   # and on the dark scheme's
    rule: VerdictRule | None = None  # None only when the registry entry declares none (an error)


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
    archived_url: str | None = None  # an archived copy's address (Internet Archive, archive.today, Perma.cc)
    shown_limit: int | None = None          # percent of its words a source page may show (excerpts)
    shown_limit_reason: str | None = None

    def furniture_at(self, line: int) -> Furniture | None:
        return next((f for f in self.furniture if f.covers(line)), None)


def same_time(a: str, b: str) -> bool:
    """Two partial ISO dates are the same time when one contains the other ("2025-07" and "2025-07-13")."""
    return a.startswith(b) or b.startswith(a)


def not_after(a: str, b: str) -> bool:
    """`a` is on or before `b`, partial dates allowed: ISO dates sort as strings."""
    return a <= b or same_time(a, b)


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of time, from `start` to `end` inclusive (ISO dates, partial or not)."""

    start: str
    end: str

    def contains(self, other: "Span") -> bool:
        return not_after(self.start, other.start) and not_after(other.end, self.end)

    def iso(self) -> str:
        """ISO 8601's interval notation, "2025-01/2025-02", for the data feeds."""
        return f"{self.start}/{self.end}"


@dataclass(frozen=True)
class Period:
    """What a figure counts: everything up to a date (`as_of`), or what happened within a span."""

    as_of: str | None = None
    start: str | None = None  # `from` in the YAML
    end: str | None = None    # `to` in the YAML
    note: str | None = None

    @property
    def is_span(self) -> bool:
        return self.as_of is None

    @property
    def span(self) -> Span | None:
        """The span it covers; None for a total as of a date."""
        return Span(self.start, self.end) if self.is_span else None

    @property
    def counted_to(self) -> str:
        """The date up to which it counts: its `as_of`, or the end of its span."""
        return self.end if self.is_span else self.as_of


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
    qualifier_note: str | None = None  # why a qualifier read from an earlier number governs this one


@dataclass(frozen=True)
class Attribution:
    """How the editors came by a source entry's originator when the article does not state it there."""

    inferred: bool
    reason: str
    what: str = "originator"  # or "via": only the chain of outlets is inferred, the originator is stated

    @property
    def originator_inferred(self) -> bool:
        return self.inferred and self.what == "originator"


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
    attribution: Attribution | None = None

    @property
    def inferred(self) -> bool:
        """The originator, or the chain of outlets, is the editors' reading, not the article's words here."""
        return self.attribution is not None and self.attribution.inferred

    @property
    def originator_inferred(self) -> bool:
        """The originator itself is the editors' reading: such an entry never counts as independent evidence."""
        return self.attribution is not None and self.attribution.originator_inferred


def statement_date(entry: SourceEntry, articles: dict[str, Article]) -> str:
    """When a statement was made: the date its article gives it, else the article's own date."""
    return entry.date or articles[entry.article].date


@dataclass(frozen=True)
class Correction:
    date: str
    change: str
    reason: str | None = None
    verdict_before: str | None = None  # for a re-rating: the verdict the claim had until this date


@dataclass(frozen=True)
class Withdrawal:
    """Why and when a published claim was retired; its page stays, with a notice."""

    date: str
    reason: str


PUBLISHED, CORRECTED, RERATED, WITHDRAWN, REPLACED = "published", "corrected", "re-rated", "withdrawn", "replaced"
CHANGE_ORDER = (PUBLISHED, CORRECTED, RERATED, WITHDRAWN, REPLACED)  # the order they can happen in


@dataclass(frozen=True)
class Change:
    """A dated event in a claim's life: the feed's and the home page's news."""

    date: str
    kind: str          # PUBLISHED, CORRECTED, RERATED, WITHDRAWN or REPLACED
    note: str | None = None  # the correction's text, the withdrawal's reason, or the replacing claim's id


@dataclass
class Claim:
    id: str
    topic: str
    path: str
    claim: str
    title: str
    bottom_line: str  # the one-line reason for the verdict, plain text
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
    withdrawn: Withdrawal | None = None
    replaced_by: str | None = None  # id of the claim whose page this one's redirects to
    replaced_on: str | None = None  # when it was replaced (with replaced_by)

    def changes(self) -> list["Change"]:
        """What readers following the briefing are told of, newest first: publication, each
        correction (a re-rating when it changed the verdict), a withdrawal or a replacement. A review that changed nothing is not a change."""
        events = [Change(self.published, PUBLISHED)]
        events += [Change(c.date, RERATED if c.verdict_before else CORRECTED, c.change) for c in self.corrections]
        if self.withdrawn is not None:
            events.append(Change(self.withdrawn.date, WITHDRAWN, self.withdrawn.reason))
        if self.replaced_by is not None:
            events.append(Change(self.replaced_on, REPLACED, self.replaced_by))
        # ISO dates, partial or not, sort as strings; on one day, the later kind of event first.
        return sorted(events, key=lambda e: (e.date, CHANGE_ORDER.index(e.kind)), reverse=True)

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
    stances: dict[str, Stance] = field(default_factory=dict)

    def current_claims(self) -> list[Claim]:
        """The claims that stand; retired ones keep their pages but leave every list and count."""
        return [claim for claim in self.claims.values() if claim.is_current]
