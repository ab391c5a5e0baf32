"""Source cards: one per quoted passage, numbered as the figure tables cite the entries."""
from __future__ import annotations

import dataclasses
import html

import pytest

from build_tools import pipeline
from build_tools.render import components, paths
from conftest import REPO


@pytest.fixture(scope="module")
def checked():
    return pipeline.check(REPO)


def test_two_entries_quoting_one_passage_share_a_card_that_keeps_both_numbers(checked):
    claim = next(c for c in checked.corpus.claims.values() if len(c.sources) >= 2 and c.is_current)
    first = claim.sources[0]
    # A second originator for the same passage, as when an article quotes two bodies in one sentence.
    other = next(o for o in checked.corpus.originators if o != first.originator)
    sources = [first, dataclasses.replace(first, originator=other), *claim.sources[1:]]
    cards = components.source_cards(checked.corpus, dataclasses.replace(claim, sources=sources), paths.claim(claim.id))
    shared = cards[0]
    assert shared.numbers == "Sources 1–2" and shared.anchors == ["source-1", "source-2"]
    assert [entry.number for entry in shared.entries] == [1, 2]
    assert html.unescape(shared.entries[1].attribution).startswith(checked.corpus.originators[other].reader_name)
    assert [card.numbers for card in cards[1:]] == [f"Source {n}" for n in range(3, len(sources) + 1)]


def test_numbers_that_do_not_follow_each_other_are_listed():
    assert components._numbers([1, 3]) == "Sources 1 and 3"
    assert components._numbers([2, 3, 4]) == "Sources 2–4"
    assert components._numbers([5]) == "Source 5"
