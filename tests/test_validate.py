"""The validator on bad input: one fixture per case, each error precise.

Each case puts one file from tests/fixtures/claims/ into a scratch copy of
the repository and expects `path:line:column: message` for it, exit status 1,
and no traceback.
"""
from __future__ import annotations

import hashlib
import shutil

import pytest
import yaml

from conftest import FIXTURES, REPO, run_cli, run_cli_process

CLAIMS = FIXTURES / "claims"

# fixture file -> (line:column, a fragment of the message)
BAD_CLAIMS = {
    "broken-yaml.yaml": ("2:6", "YAML syntax error: did not find expected ',' or ']'"),
    "tabs.yaml": ("4:1", "tab character: indent YAML with spaces"),
    "empty.yaml": ("1:1", "file is empty"),
    "not-a-mapping.yaml": ("1:1", "must be a mapping"),
    "not-utf8.yaml": ("2:11", "not valid UTF-8 (byte 0xe9)"),
    "unknown-key.yaml": ("12:5", "unknown key `qoute`; did you mean `quote`?"),
    "missing-key.yaml": ("11:5", "missing key `translation` in `sources[0]`"),
    "wrong-type.yaml": ("19:1", "`corrections` must be an array, not a string"),
    "impossible-date.yaml": ("15:5", "2025-02-30 is not a real date"),
    "unquoted-date.yaml": ("7:12", 'write dates as quoted strings, e.g. "2026-11-21"'),
    "unknown-article.yaml": ("11:5", "unknown article `lavrov-2025`; did you mean `lavrov-jul2025`?"),
    "unknown-originator.yaml": ("14:5", "unknown originator `kcna-news`"),
    "unknown-measure.yaml": ("7:1", "unknown measure `troops-in-mars`"),
    "file-path-as-id.yaml": ("11:5", "wants article id from seeds/articles.yaml, not a file path; 001_b6a996e676aab42a.txt is `lavrov-jul2025`"),
    "quote-not-in-article.yaml": ("12:5", "closest passage, line 11:"),
    "quote-with-straight-quotes.yaml": ("12:5", "only in quotation marks, dashes or spaces; copy them exactly from line 11"),
    "quote-from-furniture.yaml": ("12:5", "quote is taken from page furniture"),
    "claim-too-long.yaml": ("2:1", "`claim` is 89 characters; at most 75 allowed"),
    "javascript-link.yaml": ("18:20", "links may go only to http(s) addresses"),
    # The browser decodes the character reference: the link is javascript: all the same.
    "character-reference-in-a-link.yaml": ("18:20", "link to \u201cjava&#115;cript:alert(1\u201d: links may go only"),
    "duplicate-key.yaml": ("6:1", "duplicate key `verdict` (first at line 5)"),
    "python-tag.yaml": ("1:8", "YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
    "alias-bomb.yaml": ("2:8", "YAML aliases (*name) are not allowed"),
    "figure-not-in-quote.yaml": ("16:5", "figure about 12,000 is not in the quote as Indonesian writes it (numbers in the quote: \u201csekitar 11.000\u201d)"),
    "bottom-line-too-long.yaml": ("4:1", "`bottom_line` is 248 characters; at most 240 allowed"),
    "bottom-line-line-break.yaml": ("4:1", "`bottom_line` is one or two sentences on one line"),
    "qualifier-missing.yaml": ("16:5", "the quote says \u201csekitar 11.000\u201d: add `qualifier: about`"),
}


def check(root, *files):
    return run_cli("validate", "--root", str(root), *map(str, files))


def test_real_data_validates():
    # In a process of its own, as CI and editors start it: proves the `python -m build_tools` entry point.
    result = run_cli_process("validate")
    assert result.returncode == 0, result.stderr
    assert "ok:" in result.stderr


def test_valid_fixture_validates(scratch_repo):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    shutil.copy(CLAIMS / "valid.yaml", scratch_repo / "claims" / "diplomacy" / "kim-pledge.yaml")
    result = check(scratch_repo)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("fixture", sorted(BAD_CLAIMS))
def test_bad_claim_gives_precise_error(scratch_repo, fixture):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    target = scratch_repo / "claims" / "diplomacy" / fixture
    shutil.copy(CLAIMS / fixture, target)
    position, fragment = BAD_CLAIMS[fixture]
    result = check(scratch_repo)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    prefix = f"claims/diplomacy/{fixture}:{position}: "
    lines = [l for l in result.stderr.splitlines() if l.startswith(str(target)) or prefix in l]
    assert any(prefix in l and fragment in l for l in lines), result.stderr


def test_every_fixture_case_is_tested():
    on_disk = {p.name for p in CLAIMS.glob("*.yaml")} - {"valid.yaml"}
    assert on_disk == set(BAD_CLAIMS)


def test_very_large_file_is_refused_before_parsing(scratch_repo):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    big = scratch_repo / "claims" / "diplomacy" / "huge.yaml"
    big.write_text("analysis: |\n" + "  padding line\n" * 40_000)
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "huge.yaml:1:1: file is 600,012 bytes; the limit is 262,144" in result.stderr


def test_undeclared_topic_folder_is_an_error(scratch_repo):
    (scratch_repo / "claims" / "rumours").mkdir()
    shutil.copy(CLAIMS / "valid.yaml", scratch_repo / "claims" / "rumours" / "kim-pledge.yaml")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "claims/rumours/kim-pledge.yaml:1:1: topic folder `rumours` is not declared in claims/topics.yaml" in result.stderr


def test_same_id_in_two_topics_is_an_error(scratch_repo):
    for topic in ("diplomacy", "deployments"):
        (scratch_repo / "claims" / topic).mkdir()
        shutil.copy(CLAIMS / "valid.yaml", scratch_repo / "claims" / topic / "kim-pledge.yaml")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "claims/deployments/kim-pledge.yaml:1:1: claim id `kim-pledge` is used twice: also" in result.stderr


def test_all_problems_in_all_files_are_reported_in_one_run(scratch_repo):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    for fixture in ("unknown-key.yaml", "empty.yaml", "quote-from-furniture.yaml"):
        shutil.copy(CLAIMS / fixture, scratch_repo / "claims" / "diplomacy" / fixture)
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "4 error(s)" in result.stderr  # unknown-key.yaml also misses `quote`
    for fixture in ("unknown-key.yaml", "empty.yaml", "quote-from-furniture.yaml"):
        assert f"claims/diplomacy/{fixture}:" in result.stderr


def test_tampered_article_stops_validation_naming_the_file(scratch_repo):
    article = scratch_repo / "seeds" / "002_6eb3d2f8a7884fb1.txt"
    article.write_bytes(article.read_bytes().replace(b"4.000", b"400"))
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "seeds/002_6eb3d2f8a7884fb1.txt no longer matches its recorded sha256" in result.stderr
    assert "seeds/articles.yaml:" in result.stderr


def test_a_sixth_article_needs_no_code_change(scratch_repo):
    # Long enough that one quoted sentence stays under the excerpt limits (half of its words).
    text = ("Kepala Staf Gabungan Korsel menyebutkan 5.000 tentara.\n\n"
            "Pejabat itu tidak memberikan rincian lebih lanjut tentang waktu dan tempat pengiriman pasukan.\n").encode()
    (scratch_repo / "seeds" / "005_new.txt").write_bytes(text)
    entry = {
        "id": "new-article", "file": "005_new.txt", "sha256": hashlib.sha256(text).hexdigest(),
        "headline": None, "outlet": "Test outlet", "kind": "original report", "translates": None,
        "cites": [], "language": "id", "date": "2025-08-01", "url": None, "republish": "excerpts", "furniture": [],
    }
    with open(scratch_repo / "seeds" / "articles.yaml", "a", encoding="utf-8") as index:
        index.write("\n" + yaml.safe_dump([entry], allow_unicode=True))
    (scratch_repo / "claims" / "deployments").mkdir()
    claim = (CLAIMS / "valid.yaml").read_text().replace("lavrov-jul2025", "new-article").replace(
        "Kim dan Lavrov bertemu pada Sabtu", "Kepala Staf Gabungan Korsel menyebutkan 5.000 tentara.")
    (scratch_repo / "claims" / "deployments" / "new-claim.yaml").write_text(claim)
    result = check(scratch_repo)
    assert result.returncode == 0, result.stderr


def test_unlisted_article_file_is_a_warning_not_an_error(scratch_repo):
    (scratch_repo / "seeds" / "999_stray.txt").write_text("stray")
    result = check(scratch_repo)
    assert result.returncode == 0, result.stderr
    assert "warning: seeds/999_stray.txt is not listed in seeds/articles.yaml" in result.stderr


def test_named_files_are_checked_against_the_whole_archive(scratch_repo):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    good = scratch_repo / "claims" / "diplomacy" / "kim-pledge.yaml"
    bad = scratch_repo / "claims" / "diplomacy" / "unknown-key.yaml"
    shutil.copy(CLAIMS / "valid.yaml", good)
    shutil.copy(CLAIMS / "unknown-key.yaml", bad)
    assert check(scratch_repo, good).returncode == 0
    assert check(scratch_repo, bad).returncode == 1


def test_usage_errors_exit_2(scratch_repo):
    assert run_cli("validate", "--root", str(scratch_repo / "nowhere")).returncode == 2
    assert run_cli("validate", "--root", str(scratch_repo), "no-such-file.yaml").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli_process("frobnicate").returncode == 2  # the status the shell sees, not only main's
    outside = scratch_repo / "elsewhere.yaml"
    shutil.copy(CLAIMS / "valid.yaml", outside)
    result = check(scratch_repo, outside)
    assert result.returncode == 1 and "not a claim file" in result.stderr


def test_an_error_at_the_end_of_a_file_without_a_final_line_break_points_at_its_last_line(scratch_repo):
    (scratch_repo / "claims" / "diplomacy").mkdir()
    (scratch_repo / "claims" / "diplomacy" / "cut-short.yaml").write_bytes(b"claim: a\ntitle")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "claims/diplomacy/cut-short.yaml:2:6: YAML syntax error" in result.stderr
