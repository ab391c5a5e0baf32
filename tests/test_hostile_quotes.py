"""Property: a quote that does not begin and end on word boundaries of its article is refused.

Hypothesis takes the real claims' quotes and cuts them at random offsets
(inside words and inside numbers: "1.000" out of "11.000", "6.00" out of
"6.000"), or swaps one digit for a look-alike from another script. Each
mutated claim is validated; unless the cut text happens to stand whole
somewhere else in the article (decided here by a search of the article's own
text, independent of build_tools.archive), validation must refuse that quote.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from build_tools import pipeline
from conftest import REPO
from scratch import scratch_repository

pytestmark = pytest.mark.slow  # hundreds of generated examples, each validated

SETTINGS = dict(deadline=None, derandomize=True, database=None, max_examples=150,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ARTICLES = {a["id"]: (REPO / "seeds" / a["file"]).read_text(encoding="utf-8")
            for a in yaml.safe_load((REPO / "seeds" / "articles.yaml").read_text(encoding="utf-8"))}
QUOTES = sorted((path, index, source["article"], source["quote"])
                for path in (REPO / "claims").glob("*/*.yaml")
                for index, source in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]))
# Digits of other scripts that look like, or stand for, 0-9.
LOOKALIKES = {str(d): [chr(0x0660 + d), chr(0x06F0 + d), chr(0x09E6 + d), chr(0x0966 + d), chr(0xFF10 + d),
                       chr(0x1D7CE + d)] for d in range(10)}


def in_word(text: str, index: int) -> bool:
    """A letter or digit, or a full stop or comma between two digits."""
    char = text[index]
    if char in ".,":
        return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
    return char.isalnum() or char == "_"


def stands_whole(article: str, quote: str) -> bool:
    """The quote is somewhere in the article, white space aside, with no word running on past either end."""
    words = quote.split()
    if not words:
        return False
    for match in re.finditer(r"\s+".join(map(re.escape, words)), article):
        start, end = match.start(), match.end()
        if start > 0 and in_word(article, start - 1) and in_word(article, start):
            continue
        if end < len(article) and in_word(article, end - 1) and in_word(article, end):
            continue
        return True
    return False


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    root = scratch_repository(tmp_path_factory.mktemp("quotes") / "repo")
    (root / "claims" / "diplomacy").mkdir()
    return root


def quote_problems(root: Path, claim_file: Path, index: int, quote: str) -> list[str]:
    data = yaml.safe_load(claim_file.read_text(encoding="utf-8"))
    data["sources"][index]["quote"] = quote
    data["sources"][index].pop("figure", None)  # the figure's own checks are not what is tested here
    data.pop("figure", None)
    path = root / "claims" / "diplomacy" / "mutated.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = pipeline.check(root, only=[path])
    line = yaml.compose(path.read_text(encoding="utf-8"))  # where the quote's key is, to pick its errors
    source = [v for k, v in line.value if k.value == "sources"][0].value[index]
    key = [k for k, _ in source.value if k.value == "quote"][0]
    return [p.message for p in result.problems.errors
            if (p.line, p.column) == (key.start_mark.line + 1, key.start_mark.column + 1)
            or p.message.startswith("the quote has the digit")]


@st.composite
def cut_quotes(draw):
    claim_file, index, article, quote = draw(st.sampled_from(QUOTES))
    inside = [i for i in range(1, len(quote)) if in_word(quote, i - 1) and in_word(quote, i)]
    assume(inside)
    cut = draw(st.sampled_from(inside))
    other = draw(st.integers(0, len(quote)))
    start, end = sorted((cut, other))
    mutated = quote[start:end].strip()
    assume(len(mutated.split()) >= 1 and mutated)
    return claim_file, index, article, mutated


@st.composite
def lookalike_quotes(draw):
    claim_file, index, article, quote = draw(st.sampled_from(QUOTES))
    digits = [i for i, char in enumerate(quote) if char in "0123456789"]
    assume(digits)
    at = draw(st.sampled_from(digits))
    return claim_file, index, article, quote[:at] + draw(st.sampled_from(LOOKALIKES[quote[at]])) + quote[at + 1:]


@settings(**SETTINGS)
@given(case=cut_quotes())
def test_a_quote_cut_inside_a_word_or_number_is_refused(scratch, case):
    claim_file, index, article, quote = case
    if stands_whole(ARTICLES[article], quote):
        event("the cut text stands whole elsewhere in the article")
        return
    event("cut inside a word or number")
    problems = quote_problems(scratch, claim_file, index, quote)
    assert any(p.startswith("quote not found in ") for p in problems), (quote, problems)


@settings(**SETTINGS)
@given(case=lookalike_quotes())
def test_a_quote_with_a_look_alike_digit_is_refused(scratch, case):
    claim_file, index, article, quote = case
    problems = quote_problems(scratch, claim_file, index, quote)
    assert any(p.startswith("the quote has the digit") for p in problems), (quote, problems)


def test_every_real_quote_stands_whole_in_its_article():
    """The 126 quotes of the briefing are all on word boundaries, by the independent search too."""
    assert len(QUOTES) >= 100
    assert [q for _, _, article, q in QUOTES if not stands_whole(ARTICLES[article], q)] == []
