"""The Indonesian number parser, on every form the archived articles use."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.indonesian_numbers import find_numbers, parse_number

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def mentions(text):
    return [(m.text, m.low, m.high, m.qualifier) for m in find_numbers(text)]


@pytest.mark.parametrize("text, low, high, qualifier", [
    ("11.000", 11_000, 11_000, None),
    ("12 juta butir amunisi", 12_000_000, 12_000_000, None),
    ("3 juta peluru 155mm", 3_000_000, 3_000_000, None),
    ("25.000 hingga 30.000 tentara", 25_000, 30_000, None),
    ("berkisar antara 1.000 hingga 3.000 orang", 1_000, 3_000, None),
    ("sekitar 10.000 hingga 12.000 tentara", 10_000, 12_000, "about"),
    ("setidaknya 1.000 dari mereka", 1_000, 1_000, "at least"),
    ("sekitar 11.000 tentara", 11_000, 11_000, "about"),
    ("lebih dari 3.000 drone", 3_000, 3_000, "more than"),
    ("hampir 20.000 tamu", 20_000, 20_000, "nearly"),
    ("Total sembilan orang tewas", 9, 9, None),
    ("tiga kali dalam tiga bulan", 3, 3, None),
    ("dua puluh lima", 25, 25, None),
    ("dua belas", 12, 12, None),
    ("sebelas", 11, 11, None),
    ("seribu", 1_000, 1_000, None),
    ("sepuluh ribu", 10_000, 10_000, None),
    ("dua ratus lima puluh ribu", 250_000, 250_000, None),
    ("1,5 juta", 1_500_000, 1_500_000, None),
    ("25 hingga 30 ribu", 25_000, 30_000, None),
])
def test_first_number_is_read_as_indonesian_writes_it(text, low, high, qualifier):
    first = find_numbers(text)[0]
    assert (first.low, first.high, first.qualifier) == (low, high, qualifier)


def test_vague_plurals_have_a_qualifier_and_no_value():
    assert mentions("ribuan pekerja") == [("ribuan", None, None, "thousands of")]
    assert mentions("ratusan pesawat tanpa awak")[0][3] == "hundreds of"


def test_two_numbers_joined_by_dan_outside_antara_stay_apart():
    assert [m[1] for m in mentions("3 dan 4 orang")] == [3, 4]


def test_calibres_and_dates_are_separate_numbers():
    assert [m[1] for m in mentions("220 unit dari 170mm senjata")] == [220, 170]
    assert [m[1] for m in mentions("Kamis (27/3/2025)")] == [27, 3, 2025]


def test_not_a_number():
    assert parse_number("pasukan") is None
    assert parse_number("dua tiga") is None
    assert find_numbers("Kim bertemu Lavrov") == ()


def test_every_figure_form_in_the_archive_is_found():
    """Each figure the articles print, read from the real files."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    found = {(m.text, m.low, m.high, m.qualifier) for m in find_numbers(text)}
    for expected in [
        ("30.000", 30_000, 30_000, None),
        ("12 juta", 12_000_000, 12_000_000, None),
        ("25.000 hingga 30.000", 25_000, 30_000, None),
        ("sekitar 11.000", 11_000, 11_000, "about"),
        ("setidaknya 1.000", 1_000, 1_000, "at least"),
        ("sekitar 28.000", 28_000, 28_000, "about"),
        ("sekitar 3 juta", 3_000_000, 3_000_000, "about"),
        ("sekitar 10.000 hingga 12.000", 10_000, 12_000, "about"),
        ("1.000 hingga 3.000", 1_000, 3_000, None),
        ("ribuan", None, None, "thousands of"),
        ("3.000", 3_000, 3_000, None),
        ("4.000", 4_000, 4_000, None),
        ("6.000", 6_000, 6_000, None),
        ("220", 220, 220, None),
        ("setidaknya 100", 100, 100, "at least"),
        ("9 juta", 9_000_000, 9_000_000, None),
        ("lebih dari 3.000", 3_000, 3_000, "more than"),
        ("hampir 20.000", 20_000, 20_000, "nearly"),
        ("sembilan", 9, 9, None),
        ("23", 23, 23, None),
        ("tiga", 3, 3, None),
    ]:
        assert expected in found, expected


def test_every_mention_knows_where_it_stands():
    text = "Pada 2024, 3 dan 4 orang; sekitar 11.000 tentara"
    for mention in find_numbers(text):
        assert text[mention.start:mention.start + len(mention.text)] == mention.text
