"""Hostile input, second round: each case is refused with one exact message at its place.

Every folder in tests/fixtures/hostile/cases/ is one case: files laid over a
scratch repository (the real archive and registries, no claims). The table
below says the one error each must give, as `path:line:column: message`.
Cases whose file is too large to keep (100,000 levels, 60,000 nodes) or that
need a symbolic link are made here, as are the command-line cases.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import pipeline
from conftest import REPO, run_cli
from hostile_cases import CASES, EXPECTED, overlay


def errors(root: Path) -> list[str]:
    return [p.format(relative_to=str(root)) for p in pipeline.check(root).problems.errors]


def test_every_case_folder_is_in_the_table():
    assert sorted(p.name for p in CASES.iterdir()) == sorted(name for name, _ in EXPECTED)


@pytest.mark.parametrize("case, message", EXPECTED, ids=[name for name, _ in EXPECTED])
def test_case_is_refused_with_its_message_at_its_place(scratch_repo, case, message):
    places = overlay(CASES / case, scratch_repo)
    assert errors(scratch_repo) == [message.format(**places)]


def test_a_claim_nested_100000_levels_is_an_error_not_a_crash(scratch_repo):
    """libyaml's composer recursed until the C stack ran out: the process died."""
    path = scratch_repo / "claims" / "diplomacy" / "deep.yaml"
    path.parent.mkdir()
    path.write_text("claim: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = run_cli("validate", "--root", str(scratch_repo))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "claims/diplomacy/deep.yaml:1:71: nested more than 64 levels deep; claim data needs a handful" in result.stderr


def test_a_claim_nested_in_blocks_is_bounded_too(scratch_repo):
    path = scratch_repo / "claims" / "diplomacy" / "deep.yaml"
    path.parent.mkdir()
    path.write_text("claim:\n" + "".join(" " * (2 * n) + "- \n" for n in range(1, 200)), encoding="utf-8")
    assert errors(scratch_repo) == [
        "claims/diplomacy/deep.yaml:65:129: nested more than 64 levels deep; claim data needs a handful"]


def test_a_claim_with_too_many_values_is_an_error(scratch_repo):
    path = scratch_repo / "claims" / "diplomacy" / "many.yaml"
    path.parent.mkdir()
    path.write_text("claim: [" + "1," * 60_000 + "1]\n", encoding="utf-8")
    assert errors(scratch_repo) == [
        "claims/diplomacy/many.yaml:1:100003: more than 50,000 values in one file; split it"]


def test_a_topic_folder_that_is_a_symbolic_link_is_not_entered(scratch_repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(REPO / "claims" / "diplomacy" / "kelly-per-capita-payment.yaml", outside / "stolen.yaml")
    os.symlink(outside, scratch_repo / "claims" / "diplomacy")
    result = pipeline.check(scratch_repo)
    assert [p.format(relative_to=str(scratch_repo)) for p in result.problems.errors] == [
        "claims/diplomacy:1:1: claims/diplomacy is a symbolic link, which is not followed; commit the files themselves"]
    assert not result.corpus.claims
    named = run_cli("validate", "--root", str(scratch_repo), str(scratch_repo / "claims" / "diplomacy" / "stolen.yaml"))
    assert "claims/diplomacy/stolen.yaml:1:1: claims/diplomacy is a symbolic link, which is not followed" in named.stderr


def test_a_seeds_folder_that_is_a_symbolic_link_is_not_read(scratch_repo, tmp_path):
    shutil.move(scratch_repo / "seeds", tmp_path / "seeds")
    os.symlink(tmp_path / "seeds", scratch_repo / "seeds")
    assert errors(scratch_repo) == [
        "seeds/articles.yaml:1:1: seeds is a symbolic link, which is not followed; commit the files themselves"]


# --- the tools' own file errors: one line, nothing half-made ------------------------------------

@pytest.mark.parametrize("where", ["a file", "a missing parent", "a folder that cannot be written"])
def test_generate_out_problems_are_one_line_and_write_nothing(tmp_path, where):
    target = {"a file": tmp_path / "taken", "a missing parent": tmp_path / "no" / "such" / "out",
              "a folder that cannot be written": Path("/proc/briefing-out")}[where]
    if where == "a file":
        target.write_text("mine\n")
    before = sorted(tmp_path.rglob("*"))
    result = run_cli("generate", "--out", str(target))
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last == {
        "a file": f"error: --out {target} is a file, not a folder: nothing written",
        "a missing parent": f"error: --out {target}: the folder it would go in does not exist: nothing written",
        "a folder that cannot be written": f"error: cannot write to {target}: No such file or directory: nothing written",
    }[where]
    assert "Traceback" not in result.stderr
    assert sorted(tmp_path.rglob("*")) == before
    if where == "a file":
        assert target.read_text() == "mine\n"


def test_new_refuses_when_published_ids_is_not_a_file_and_writes_nothing(scratch_repo):
    (scratch_repo / "claims" / "published-ids.txt").mkdir()
    result = run_cli("new", "diplomacy", "fresh-claim", "--root", str(scratch_repo))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].endswith(
        "claims/diplomacy/fresh-claim.yaml:1:1: claims/published-ids.txt is not a plain file, so the new id could not be recorded")
    assert not (scratch_repo / "claims" / "diplomacy").exists()


def test_new_removes_its_claim_file_when_the_id_cannot_be_recorded(scratch_repo, monkeypatch):
    from build_tools import published, scaffold

    def fail(*args):
        raise PermissionError(13, "Permission denied", str(scratch_repo / "claims" / "published-ids.txt"))

    monkeypatch.setattr(published, "record", fail)
    path, problems = scaffold.new_claim(scratch_repo, "diplomacy", "fresh-claim")
    assert [p.message for p in problems.errors] == [
        f"cannot write {scratch_repo / 'claims' / 'published-ids.txt'}: Permission denied; nothing was written"]
    assert not path.exists() and not path.parent.exists()


@pytest.mark.parametrize("claim_id, message", [
    ("index", "claim id `index` is reserved: /claims/index/ belongs to the site's own listing of claims; choose another id"),
    ("page", "claim id `page` is reserved: /claims/page/ belongs to the site's own listing of claims; choose another id"),
    ("fresh\n", "claim id 'fresh\\n' must be lowercase words joined by hyphens, e.g. `kim-putin-pact`"),
])
def test_new_refuses_reserved_and_newline_ending_ids(scratch_repo, claim_id, message):
    result = run_cli("new", "diplomacy", claim_id, "--root", str(scratch_repo))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].endswith(f".yaml:1:1: {message}"), result.stderr
    assert not (scratch_repo / "claims" / "diplomacy").exists()


def test_a_fast_check_refusal_the_precise_validator_cannot_explain_is_an_error():
    """The two schema checks once disagreed on `$` before a final newline, and the file passed."""
    import jsonschema

    from build_tools.validate import _SchemaCheck

    schema = {"type": "object", "properties": {"published": {"type": "string", "pattern": "^[0-9]{4}$"}}}
    check = _SchemaCheck(schema)
    check.explain = jsonschema.Draft7Validator(schema)  # the stock validator, where `$` matches before "\n"
    assert list(check.explain.iter_errors({"published": "2026\n"})) == []
    (error,) = check.errors({"published": "2026\n"})
    assert (list(error.absolute_path), error.validator) == (["published"], "pattern")


# --- republishing rights: an excerpts article's page shows passages, not paragraphs ---------------

def test_excerpts_pages_show_quoted_passages_with_bounded_context_and_print_the_share():
    import re

    from build_tools import excerpts
    from build_tools.render import Publisher, render_site

    result = pipeline.check(REPO)
    site = render_site(result.corpus, result.comparisons, Publisher("Test", "https://example.org/"))
    articles = [a for a in result.corpus.articles.values() if a.republish == "excerpts"]
    assert articles
    for article in articles:
        page = site.pages[f"sources/{article.id}.md"]
        # Outside the marked quotes, only context: at most CONTEXT_WORDS words before or after a quote.
        for line in re.findall(r'<p class="archive-line"[^>]*>(.*?)</p>', page):
            unmarked = re.sub(r"<mark[^>]*>.*?</mark>", "\x00", line)
            for stretch in re.sub(r"<[^>]+>", "", unmarked).replace(" […] ", "\x00").split("\x00"):
                assert len(stretch.split()) <= excerpts.CONTEXT_WORDS, (article.id, stretch)
        shown = re.search(r"This page shows (\d+)% of the article's words \((\d+) of (\d+); the limit is (\d+)%",
                          page)
        assert shown, article.id
        percent, words_shown, words, limit = map(int, shown.groups())
        assert words == len(article.archive.text.split()) and percent <= limit
        assert percent == round(100 * words_shown / words)


def test_a_claim_file_that_is_a_named_pipe_is_refused_not_read(scratch_repo):
    """Reading a FIFO blocks until something writes to it: validate, build and serve would hang."""
    (scratch_repo / "claims" / "diplomacy").mkdir()
    os.mkfifo(scratch_repo / "claims" / "diplomacy" / "pipe.yaml")
    assert errors(scratch_repo) == [
        "claims/diplomacy/pipe.yaml:1:1: not a regular file; claim data lives in plain files"]


def test_an_oversized_claim_file_is_refused_before_it_is_read(scratch_repo, monkeypatch):
    path = scratch_repo / "claims" / "diplomacy" / "huge.yaml"
    path.parent.mkdir()
    with open(path, "wb") as huge:
        huge.truncate(8 * 1024 ** 3)  # 8 GiB, sparse: reading it whole would exhaust memory
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes",
                        lambda self: pytest.fail(f"{self} was read") if self == path else read_bytes(self))
    assert errors(scratch_repo) == [
        "claims/diplomacy/huge.yaml:1:1: file is 8,589,934,592 bytes; the limit is 262,144"]


def test_nesting_by_indentation_with_carriage_returns_alone_is_bounded_too(scratch_repo):
    """YAML also ends a line at a lone CR: the cheap bound must count lines as YAML does."""
    path = scratch_repo / "claims" / "diplomacy" / "deep.yaml"
    path.parent.mkdir()
    path.write_bytes("".join(" " * n + "k:\r" for n in range(100)).encode())
    assert errors(scratch_repo) == [
        "claims/diplomacy/deep.yaml:65:65: nested more than 64 levels deep; claim data needs a handful"]
