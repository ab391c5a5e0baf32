"""Stable URLs: published claim ids never disappear.

Each case builds a scratch repository from fixtures in tests/fixtures/published/
(claim files, and published-ids listings) and checks the exact
`path:line:column: message` the validator gives.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools import load, published
from build_tools.problems import ProblemList
from conftest import FIXTURES, REPO, run_cli

CASES = FIXTURES / "published"
VALID = FIXTURES / "claims" / "valid.yaml"
IDS = "claims/published-ids.txt"


def add_claim(root: Path, claim_id: str, source: Path = VALID, topic: str = "diplomacy") -> Path:
    target = root / "claims" / topic / f"{claim_id}.yaml"
    target.parent.mkdir(exist_ok=True)
    shutil.copy(source, target)
    return target


def record_ids(root: Path, *ids: str) -> None:
    (root / IDS).write_text("".join(f"{i}\n" for i in sorted(ids)), encoding="utf-8")


def check(root: Path, *files: Path):
    return run_cli("validate", "--root", str(root), *map(str, files))


def test_real_repository_records_its_published_ids():
    assert (REPO / IDS).is_file()
    problems = ProblemList()
    recorded = {r.id for r in published.read_recorded((REPO / IDS).read_bytes(), REPO / IDS, problems)}
    assert not problems, problems
    assert set(published.ids_in_tree(load.claim_paths(REPO), REPO)) <= recorded


def test_recorded_claims_validate(scratch_repo):
    add_claim(scratch_repo, "kim-pledge")
    record_ids(scratch_repo, "kim-pledge")
    result = check(scratch_repo)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_removed_published_claim_is_an_error_at_its_line(scratch_repo):
    add_claim(scratch_repo, "kim-pledge")
    shutil.copy(CASES / "ids-removed-claim.txt", scratch_repo / IDS)
    result = check(scratch_repo)
    assert result.returncode == 1
    assert (f"{IDS}:3:1: published claim `kim-visit` has no file: a published page must stay. "
            "Restore claims/<topic>/kim-visit.yaml and retire it with `withdrawn` or `replaced_by`") in result.stderr


def test_removed_published_claim_is_found_when_validating_named_files(scratch_repo):
    claim = add_claim(scratch_repo, "kim-pledge")
    shutil.copy(CASES / "ids-removed-claim.txt", scratch_repo / IDS)
    result = check(scratch_repo, claim)
    assert result.returncode == 1
    assert f"{IDS}:3:1: published claim `kim-visit` has no file" in result.stderr


def test_renamed_claim_is_an_error_at_both_ends(scratch_repo):
    add_claim(scratch_repo, "kim-pledged")
    record_ids(scratch_repo, "kim-pledge")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert f"{IDS}:1:1: published claim `kim-pledge` has no file" in result.stderr
    assert ("claims/diplomacy/kim-pledged.yaml:1:1: claim id `kim-pledged` is not recorded in claims/published-ids.txt: "
            "create claims with `python -m build_tools new TOPIC ID`, or add the line `kim-pledged` to that file") in result.stderr


@pytest.mark.parametrize("fixture, message", [
    ("ids-duplicate.txt", "2:1: `kim-pledge` is listed twice (first at line 1)"),
    ("ids-not-an-id.txt", "2:1: `claims/diplomacy/kim-visit.yaml` is not a claim id"),
    ("ids-unsorted.txt", "2:1: ids must be sorted: `kim-pledge` comes before `kim-visit` (line 1)"),
])
def test_malformed_published_ids_file_is_an_error_at_the_line(scratch_repo, fixture, message):
    add_claim(scratch_repo, "kim-pledge")
    add_claim(scratch_repo, "kim-visit")
    shutil.copy(CASES / fixture, scratch_repo / IDS)
    result = check(scratch_repo)
    assert result.returncode == 1
    assert f"{IDS}:{message}" in result.stderr


def test_missing_published_ids_file_is_a_warning(scratch_repo):
    add_claim(scratch_repo, "kim-pledge")
    result = check(scratch_repo)
    assert result.returncode == 0, result.stderr
    assert f"{IDS}:1:1: warning: missing: {IDS} records the published claim ids" in result.stderr


def test_withdrawn_claim_validates(scratch_repo):
    add_claim(scratch_repo, "kim-pledge", CASES / "withdrawn.yaml")
    record_ids(scratch_repo, "kim-pledge")
    result = check(scratch_repo)
    assert result.returncode == 0, result.stderr


def test_withdrawal_date_must_be_real(scratch_repo):
    add_claim(scratch_repo, "kim-pledge", CASES / "withdrawn-impossible-date.yaml")
    record_ids(scratch_repo, "kim-pledge")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "claims/diplomacy/kim-pledge.yaml:21:3: 2026-02-30 is not a real date" in result.stderr


def test_replaced_claim_validates(scratch_repo):
    add_claim(scratch_repo, "kim-pledge")
    add_claim(scratch_repo, "kim-old-pledge", CASES / "replaced.yaml")
    record_ids(scratch_repo, "kim-pledge", "kim-old-pledge")
    result = check(scratch_repo)
    assert result.returncode == 0, result.stderr


def test_replaced_by_a_missing_claim_is_an_error(scratch_repo):
    add_claim(scratch_repo, "kim-pledge")
    add_claim(scratch_repo, "kim-old-pledge", CASES / "replaced-by-missing.yaml")
    record_ids(scratch_repo, "kim-pledge", "kim-old-pledge")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert ("claims/diplomacy/kim-old-pledge.yaml:20:1: `replaced_by` names `kim-pledges`, which has no claim file; "
            "did you mean `kim-pledge`?") in result.stderr


def test_withdrawn_and_replaced_together_is_an_error(scratch_repo):
    add_claim(scratch_repo, "kim-pledge")
    add_claim(scratch_repo, "kim-old-pledge", CASES / "withdrawn-and-replaced.yaml")
    record_ids(scratch_repo, "kim-pledge", "kim-old-pledge")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert ("claims/diplomacy/kim-old-pledge.yaml:23:1: a claim is either `withdrawn` or `replaced_by` another, "
            "not both") in result.stderr


def test_replaced_by_a_withdrawn_claim_is_an_error(scratch_repo):
    add_claim(scratch_repo, "kim-pledge", CASES / "withdrawn.yaml")
    add_claim(scratch_repo, "kim-old-pledge", CASES / "replaced.yaml")
    record_ids(scratch_repo, "kim-pledge", "kim-old-pledge")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "kim-old-pledge.yaml:20:1: `replaced_by` names `kim-pledge`, which is itself withdrawn" in result.stderr


def test_chain_of_replacements_is_an_error_even_when_validating_one_file(scratch_repo):
    add_claim(scratch_repo, "kim-pledge", CASES / "replaced-by-missing.yaml", topic="deployments")
    first = add_claim(scratch_repo, "kim-old-pledge", CASES / "replaced.yaml")
    record_ids(scratch_repo, "kim-pledge", "kim-old-pledge")
    result = check(scratch_repo, first)
    assert result.returncode == 1
    assert ("kim-old-pledge.yaml:20:1: `replaced_by` names `kim-pledge`, which is itself replaced by `kim-pledges`: "
            "point at the claim that stands, not along a chain") in result.stderr


def test_claim_replaced_by_itself_is_an_error(scratch_repo):
    add_claim(scratch_repo, "kim-pledge", CASES / "replaced.yaml")
    record_ids(scratch_repo, "kim-pledge")
    result = check(scratch_repo)
    assert result.returncode == 1
    assert "kim-pledge.yaml:20:1: a claim cannot be replaced by itself" in result.stderr


def test_record_inserts_in_sorted_place_keeping_comments(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / IDS).write_text("# header\nalpha\ngamma\n", encoding="utf-8")
    published.record(tmp_path, "beta", [])
    published.record(tmp_path, "omega", [])
    published.record(tmp_path, "beta", [])
    assert (tmp_path / IDS).read_text(encoding="utf-8") == "# header\nalpha\nbeta\ngamma\nomega\n"


def test_record_creates_the_file_from_the_tree(tmp_path):
    existing = tmp_path / "claims" / "diplomacy" / "kim-pledge.yaml"
    existing.parent.mkdir(parents=True)
    existing.write_text("")
    published.record(tmp_path, "kim-visit", [existing])
    assert (tmp_path / IDS).read_text(encoding="utf-8") == published.HEADER + "kim-pledge\nkim-visit\n"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=root,
                   check=True, capture_output=True)


@pytest.fixture
def committed_repo(scratch_repo):
    """A scratch repository with two published claims, committed to git."""
    add_claim(scratch_repo, "kim-pledge")
    add_claim(scratch_repo, "kim-visit")
    record_ids(scratch_repo, "kim-pledge", "kim-visit")
    git(scratch_repo, "init", "-q")
    git(scratch_repo, "add", "-A")
    git(scratch_repo, "commit", "-q", "-m", "publish")
    return scratch_repo


def test_a_claim_deleted_with_its_line_is_caught_against_the_base_commit(committed_repo):
    (committed_repo / "claims" / "diplomacy" / "kim-visit.yaml").unlink()
    record_ids(committed_repo, "kim-pledge")
    assert check(committed_repo).returncode == 0  # the tree alone cannot tell
    result = run_cli("validate", "--root", str(committed_repo), "--since", "HEAD")
    assert result.returncode == 1
    assert (f"{IDS}:2:1: `kim-visit` was published at HEAD and is no longer listed: published ids are never "
            "removed. Restore the line and its claim file") in result.stderr


def test_ids_added_since_the_base_commit_pass(committed_repo):
    add_claim(committed_repo, "kim-arrival")
    record_ids(committed_repo, "kim-arrival", "kim-pledge", "kim-visit")
    result = run_cli("validate", "--root", str(committed_repo), "--since", "HEAD")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("ref, message", [
    ("no-such-branch", "cannot read claims/published-ids.txt at no-such-branch: "),
    ("--output=/tmp/x", "`--output=/tmp/x` is not a git commit or branch name"),
])
def test_a_base_that_cannot_be_read_is_an_error_not_a_pass(committed_repo, ref, message):
    result = run_cli("validate", "--root", str(committed_repo), f"--since={ref}")
    assert result.returncode == 1
    assert f"{IDS}:1:1: {message}" in result.stderr


def test_a_base_without_the_listing_has_nothing_to_compare(committed_repo, monkeypatch):
    (committed_repo / IDS).rename(committed_repo / "ids.bak")
    git(committed_repo, "add", "-A")
    git(committed_repo, "commit", "-q", "-m", "before the listing existed")
    (committed_repo / "ids.bak").rename(committed_repo / IDS)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # git, started by the validator, speaks German here
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    result = run_cli("validate", "--root", str(committed_repo), "--since", "HEAD")
    assert result.returncode == 0, result.stderr


# --- the corrections policy, against the base commit -------------------------------

def edit_pledge(root: Path, *replacements: tuple[str, str]) -> Path:
    path = root / "claims" / "diplomacy" / "kim-pledge.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


RERATED = (("originator: kcna", "originator: unattributed"), ("verdict: single-source", "verdict: unproven"))
CORRECTION = ("corrections: []", 'corrections:\n  - date: "2026-12-01"\n    change: Re-rated.\n'
                                 "    reason: KCNA is not named.\n")


def test_a_re_rating_since_the_base_commit_needs_a_correction_with_the_verdict_before(committed_repo):
    edit_pledge(committed_repo, *RERATED, CORRECTION)
    result = run_cli("validate", "--root", str(committed_repo), "--since", "HEAD")
    assert result.returncode == 1
    assert ("kim-pledge.yaml:5:1: the verdict changed from `single-source` since HEAD: add a corrections entry "
            "with its date, change and reason, and `verdict_before: single-source`") in result.stderr


def test_a_re_rating_logged_with_the_verdict_before_passes(committed_repo):
    edit_pledge(committed_repo, *RERATED, (CORRECTION[0], CORRECTION[1] + "    verdict_before: single-source\n"))
    result = run_cli("validate", "--root", str(committed_repo), "--since", "HEAD")
    assert result.returncode == 0, result.stderr


def test_a_source_changed_since_the_base_commit_without_a_correction_is_an_error(committed_repo):
    path = edit_pledge(committed_repo, ("    originator: kcna\n", "    originator: kcna\n    via: [AP News]\n"))
    result = run_cli("validate", "--root", str(committed_repo), "--since", "HEAD")
    assert result.returncode == 1
    line = next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if l.startswith("corrections"))
    assert f"kim-pledge.yaml:{line}:1: `sources` changed since HEAD without a corrections entry" in result.stderr


def test_english_wording_polished_since_the_base_commit_needs_no_correction(committed_repo):
    edit_pledge(committed_repo, ("translation: Kim and Lavrov met on Saturday", "translation: Kim and Lavrov met on a Saturday"))
    result = run_cli("validate", "--root", str(committed_repo), "--since", "HEAD")
    assert result.returncode == 0, result.stderr
