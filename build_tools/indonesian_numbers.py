"""Find the numbers in Indonesian text, as Indonesian writes them.

Handles the forms the archive uses: digit groups with a full stop as the
thousands separator ("11.000") and a comma for decimals ("1,5"), a scale word
after digits ("12 juta"), numbers in words ("sembilan", "dua puluh lima",
"seribu"), ranges ("25.000 hingga 30.000", "antara 1.000 hingga 3.000"),
qualifiers before a number ("sekitar", "setidaknya", "lebih dari", "hampir")
and vague plurals ("ribuan", "ratusan").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

SCALES = {"ribu": 1_000, "juta": 1_000_000, "miliar": 1_000_000_000, "triliun": 1_000_000_000_000}
UNITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
         "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9}
SE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1_000,
            "sejuta": 1_000_000, "semiliar": 1_000_000_000}
MULTIPLIERS = {"belas": None, "puluh": 10, "ratus": 100}
VAGUE = {"puluhan": "tens of", "ratusan": "hundreds of", "ribuan": "thousands of", "jutaan": "millions of"}
# Longest phrases first, so "lebih dari" wins over nothing and "paling sedikit" over nothing.
QUALIFIERS = {
    "sekitar": "about", "kira-kira": "about", "sekira": "about", "kurang lebih": "about",
    "setidaknya": "at least", "sedikitnya": "at least", "paling sedikit": "at least", "minimal": "at least",
    "lebih dari": "more than", "lebih dari sekitar": "more than",
    "hampir": "nearly", "nyaris": "nearly",
    "kurang dari": "less than",
    "hingga": "up to", "sampai": "up to", "maksimal": "up to", "paling banyak": "up to",
}
RANGE_WORDS = ("hingga", "sampai dengan", "sampai", "s/d", "-", "–", "—")

# ASCII digits only: `\d` also matches Bengali, Arabic-Indic or full-width digits,
# which would let a figure rest on a glyph that looks like another number.
_DIGITS = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"
_WORD = "|".join(sorted([*UNITS, *SE_WORDS, *MULTIPLIERS, *SCALES], key=len, reverse=True))
_NUMBER = (
    rf"(?:(?<![\w.,])(?:{_DIGITS})(?:\s+(?:{'|'.join(SCALES)})\b)?"
    rf"|\b(?:{_WORD})(?:\s+(?:{_WORD}))*\b)"
)
_QUALIFIER = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_RANGE = "|".join(re.escape(r) for r in RANGE_WORDS)
_MENTION = re.compile(
    rf"(?:\b(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?:\b(?P<between>antara)\s+)?"
    rf"(?P<first>{_NUMBER})"
    rf"(?:\s*(?P<range>{_RANGE}|dan)\s*(?P<second>{_NUMBER}))?"
    rf"|\b(?P<vague>{'|'.join(VAGUE)})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    """A number as it stands in the text: a value, a range, or a vague plural."""

    text: str
    start: int
    low: float | None
    high: float | None
    qualifier: str | None = None


def parse_digits(text: str) -> float:
    """"11.000" -> 11000, "1,5" -> 1.5."""
    return float(text.replace(".", "").replace(",", "."))


def parse_number(text: str) -> float | None:
    """One number in digits or words, with an optional scale word; None if it is not one."""
    words = text.lower().split()
    if not words:
        return None
    if re.fullmatch(_DIGITS, words[0]):
        value = parse_digits(words[0])
        for word in words[1:]:
            if word not in SCALES:
                return None
            value *= SCALES[word]
        return value
    return _parse_words(words)


def _parse_words(words: list[str]) -> float | None:
    total = group = last = 0
    seen_digit = False
    for word in words:
        if word in UNITS:
            if seen_digit:  # "dua tiga" is two numbers, not one
                return None
            last, seen_digit = UNITS[word], True
        elif word in SE_WORDS:
            value = SE_WORDS[word]
            if value >= 1_000:  # "seribu", "sejuta": one of the scale
                total += value
            else:
                group += value
            seen_digit = False
        elif word == "belas":
            if not seen_digit:
                return None
            group, last, seen_digit = group + last + 10, 0, False
        elif word in MULTIPLIERS:
            if not seen_digit:
                return None
            group, last, seen_digit = group + last * MULTIPLIERS[word], 0, False
        elif word in SCALES:
            if not (group or last):
                return None
            total, group, last, seen_digit = total + (group + last) * SCALES[word], 0, 0, False
        else:
            return None
    return float(total + group + last)


# Remembered by text: a quote is searched once per figure it gives, and quotes recur across claims.
@lru_cache(maxsize=65_536)
def find_numbers(text: str) -> tuple[NumberMention, ...]:
    """Every number mentioned in `text`, in order."""
    mentions = []
    for match in _MENTION.finditer(text):
        if match.group("vague"):
            mentions.append(NumberMention(match.group(0), match.start(), None, None,
                                          VAGUE[match.group("vague").lower()]))
            continue
        first = match.group("first")
        second = match.group("second")
        connector = (match.group("range") or "").lower()
        if second and connector == "dan" and not match.group("between"):
            second = None  # "3 dan 4" outside "antara ... dan ..." is two numbers
        low = parse_number(first)
        if low is None:
            continue
        high = low
        if second:
            high = parse_number(second)
            if high is None:
                second = None
                high = low
            elif not _has_scale(first) and _has_scale(second):
                low *= _scale_of(second)  # "25 hingga 30 ribu"
        qualifier = match.group("qualifier")
        qualifier = QUALIFIERS[qualifier.lower()] if qualifier else None
        if second and qualifier == "up to":
            qualifier = None
        end = match.end("second") if second else match.end("first")
        start = match.start("qualifier") if qualifier else match.start("first")
        mentions.append(NumberMention(text[start:end], start, low, high, qualifier))
        if not second and match.group("second"):
            # The unused second number is a mention of its own, at its place in `text`.
            offset = match.start("second")
            mentions.extend(replace(m, start=m.start + offset) for m in find_numbers(text[offset:match.end()])
                            if m.low is not None)
    return tuple(mentions)


def _has_scale(text: str) -> bool:
    return text.lower().split()[-1] in SCALES


def _scale_of(text: str) -> int:
    return SCALES[text.lower().split()[-1]]
