"""The hostile-input cases (tests/fixtures/hostile/cases/): each folder one bad input, laid over a
copy of the briefing, and the one message, at its place, that validation must give for it."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

CASES = Path(__file__).resolve().parent / "fixtures" / "hostile" / "cases"

EXPECTED = [
    ('article-id-index',
     "seeds/articles.yaml:{edited}:3: article id `index` is reserved: /sources/index/ belongs to the site's own listing of sources; choose another id"),
    ('article-past-its-shown-limit',
     'seeds/articles.yaml:75:3: article `kompastv-mar2025`: its source page would show 27% of its words (83 of 309), more than 20%, the limit its `shown_limit` sets; quote less of it'),
    ('article-url-breaks-out-of-its-attribute',
     'seeds/articles.yaml:{edited}:9: `url` “https://example.org/news"><img src=x onerror=alert(1)>” is not a plain http(s) address: write ", < and > percent-encoded (%22, %3C, %3E)'),
    ('bell-character-in-an-originator',
     'claims/originators.yaml:{edited}:9: control character U+0007 BELL is not allowed: it can hide or reorder text or break the page it is published on; delete it'),
    ('bengali-digits-in-a-quote',
     'claims/diplomacy/bengali-digits.yaml:12:50: the quote has the digit “১” (U+09E7 BENGALI DIGIT ONE); numbers are read from the digits 0-9 only, so write the number as the article does'),
    ('bidi-escaped-in-a-headline',
     'seeds/articles.yaml:{edited}:3: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE is not allowed: it can hide or reorder text or break the page it is published on; delete it (character 22 of `[1].headline`)'),
    ('bidi-isolate-escaped-in-a-translation',
     'claims/diplomacy/bidi-translation.yaml:16:5: bidirectional control U+2066 LEFT-TO-RIGHT ISOLATE is not allowed: it can hide or reorder text or break the page it is published on; delete it (character 30 of `sources[0].translation`)'),
    ('bidi-override-in-a-title',
     'claims/diplomacy/bidi-title.yaml:3:18: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE is not allowed: it can hide or reorder text or break the page it is published on; delete it'),
    ('bidi-override-in-an-archived-article',
     'seeds/009_bidi.txt:3:21: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE is not allowed: it can hide or reorder text or break the page it is published on; archived articles are never edited, so this one cannot be published'),
    ('claim-id-index',
     "claims/diplomacy/index.yaml:1:1: claim id `index` is reserved: /claims/index/ belongs to the site's own listing of claims; choose another id (the file name)"),
    ('claim-id-page',
     "claims/diplomacy/page.yaml:1:1: claim id `page` is reserved: /claims/page/ belongs to the site's own listing of claims; choose another id (the file name)"),
    ('date-ending-in-a-newline',
     'claims/diplomacy/newline-date.yaml:7:1: `published` is \'2026-11-21\\n\'; dates are ISO strings: "2025-03-27", "2025-03" or "2025"'),
    ('encoded-scheme-in-an-analysis-link',
     "claims/diplomacy/encoded-link.yaml:28:70: link to “&#106;avascript:alert(1”: links may go only to http(s) addresses or the site's own pages"),
    ('escape-sequence-in-the-claim',
     'claims/diplomacy/escape-claim.yaml:2:1: control character U+001B ESC is not allowed: it can hide or reorder text or break the page it is published on; delete it (character 20 of `claim`)'),
    ('figure-is-part-of-a-number',
     'claims/diplomacy/cut-figure.yaml:21:5: figure 12 rests on part of a number: the article says “12 juta” (line 7); quote the whole number'),
    ('full-width-digits-in-a-quote',
     'claims/diplomacy/fullwidth-digits.yaml:12:50: the quote has the digit “１” (U+FF11 FULLWIDTH DIGIT ONE); numbers are read from the digits 0-9 only, so write the number as the article does'),
    ('invisible-tag-characters-in-a-title',
     'claims/diplomacy/tag-title.yaml:3:17: invisible character U+E0069 TAG LATIN SMALL LETTER I is not allowed: it can hide or reorder text or break the page it is published on; delete it'),
    ('nested-1000-levels',
     'claims/diplomacy/deep.yaml:1:71: nested more than 64 levels deep; claim data needs a handful'),
    ('next-line-character-in-the-analysis',
     'claims/diplomacy/c1-analysis.yaml:25:19: control character U+0085 NEXT LINE is not allowed: it can hide or reorder text or break the page it is published on; delete it'),
    ('nul-byte-in-a-title',
     'claims/diplomacy/nul-byte.yaml:3:17: control character U+0000 NUL is not allowed: it can hide or reorder text or break the page it is published on; delete it'),
    ('one-claim-quotes-most-of-an-article',
     "claims/diplomacy/most-of-it.yaml:11:3: this claim's quotes cover 59% of the words of article `kompastv-mar2025`; one claim may quote at most 50% of an article"),
    ('originator-id-index',
     "claims/originators.yaml:{edited}:3: originator id `index` is reserved: /originators/index/ belongs to the site's own listing of originators; choose another id"),
    ('quote-begins-inside-a-number',
     'claims/diplomacy/cut-number.yaml:12:5: quote not found in 000_73af88adfcc9b525.txt; the article has it only cut out of other words: it begins inside “11.000” (line 17); a quote begins and ends on whole words'),
    ('quote-begins-inside-a-word',
     'claims/diplomacy/cut-word.yaml:12:5: quote not found in 000_73af88adfcc9b525.txt; the article has it only cut out of other words: it begins inside “Perkiraan” (line 17); a quote begins and ends on whole words'),
    ('quote-ends-at-a-decimal-point',
     'claims/diplomacy/cut-at-point.yaml:12:5: quote not found in 000_73af88adfcc9b525.txt; the article has it only cut out of other words: it ends inside “11.000” (line 17); a quote begins and ends on whole words'),
    ('quote-ends-inside-a-number',
     'claims/diplomacy/cut-number-end.yaml:12:5: quote not found in 000_73af88adfcc9b525.txt; the article has it only cut out of other words: it ends inside “6.000” (line 17); a quote begins and ends on whole words'),
    ('quote-mark-in-an-analysis-link',
     'claims/diplomacy/quote-link.yaml:28:70: link to “https://example.org/x"onmouseover="alert(1”: links may go only to http(s) addresses or the site\'s own pages'),
    ('topic-id-index',
     "claims/topics.yaml:{edited}:3: topic id `index` is reserved: /topics/index/ belongs to the site's own listing of topics; choose another id"),
    ('verdict-id-page',
     "claims/verdicts.yaml:{edited}:3: verdict id `page` is reserved: /verdicts/page/ belongs to the site's own listing of verdicts; choose another id"),
]


def overlay(case: Path, root: Path) -> dict[str, int]:
    """Copy the case's files over the briefing; a `NAME.edit` file edits NAME instead of replacing it
    (the first `old` becomes `new`; with no `old`, `new` is appended), so that a case stays one change
    to a registry however the registry grows. Returns {"edited": the first line the edit wrote}."""
    places = {}
    for source in sorted(case.rglob("*")):
        if not source.is_file():
            continue
        target = root / source.relative_to(case)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix != ".edit":
            shutil.copyfile(source, target)
            continue
        target = target.with_suffix("")
        edit = yaml.safe_load(source.read_text(encoding="utf-8"))
        text = target.read_text(encoding="utf-8")
        at = len(text) if edit["old"] is None else text.index(edit["old"])
        places["edited"] = text.count("\n", 0, at) + 1
        target.write_text(text[:at] + edit["new"] + text[at + len(edit["old"] or ""):], encoding="utf-8")
    return places
