"""`quote find`: a passage found in the archive as validation will match it, ready to paste."""
from __future__ import annotations

import yaml

from build_tools import cli
from conftest import REPO


def quote_find(*args, capsys) -> tuple[int, str, str]:
    status = cli.main(["quote", "find", *args, "--root", str(REPO)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_passage_is_found_whatever_its_white_space_and_printed_as_a_source_entry(capsys):
    status, out, err = quote_find("Kim Jong Un   menegaskan\n kembali", capsys=capsys)
    assert status == 0, err
    assert out.startswith("# seeds/004_6bfe8775addcbd2b.txt, line ")
    assert yaml.safe_load(out) == [{"article": "wonsan-jul2025", "quote": "Kim Jong Un menegaskan kembali"}]


def test_every_match_in_every_article_is_listed(capsys):
    status, out, err = quote_find("Korea Utara", capsys=capsys)
    assert status == 0
    entries = yaml.safe_load(out)
    assert {entry["article"] for entry in entries} == {"bi-jul2025", "lavrov-jul2025", "kompastv-mar2025",
                                                       "5blogger-mar2025", "wonsan-jul2025"}
    assert err.strip() == f"{len(entries)} match(es)"


def test_one_article_only_with_article(capsys):
    status, out, _ = quote_find("Korea Utara", "--article", "kompastv-mar2025", capsys=capsys)
    assert status == 0
    assert {entry["article"] for entry in yaml.safe_load(out)} == {"kompastv-mar2025"}


def test_text_standing_only_inside_other_words_is_not_a_match_and_the_hint_says_why(capsys):
    status, out, err = quote_find("000 pasukan lagi", "--article", "kompastv-mar2025", capsys=capsys)
    assert status == 1 and out == ""
    assert "kompastv-mar2025: the article has it only cut out of other words: it begins inside \u201c3.000\u201d" in err


def test_an_unknown_article_is_named(capsys):
    status, _, err = quote_find("Korea Utara", "--article", "nope", capsys=capsys)
    assert status == 1 and "unknown article `nope`" in err
