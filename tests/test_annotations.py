"""On GitHub Actions, each problem is also printed as a workflow annotation.

The CLI runs from inside a scratch repository, as the workflow runs it from
the checkout, so annotations name files relative to the repository root and
GitHub can attach them to the changed lines of a pull request.
"""
from __future__ import annotations

import shutil

from conftest import FIXTURES, run_cli

CASES = FIXTURES / "annotations"


def validate_on_github(root, monkeypatch, github: bool = True):
    if github:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return run_cli("validate", "--root", str(root), cwd=root)


def add_claim(root, name: str, fixture: str) -> None:
    (root / "claims" / "diplomacy").mkdir(exist_ok=True)
    shutil.copy(CASES / fixture, root / "claims" / "diplomacy" / name)


def test_problem_in_a_value_is_annotated_with_percent_escaped_and_newline_removed(scratch_repo, monkeypatch):
    # The article id is "lavrov-100%\njul2025": `%` would start an escape in
    # GitHub's syntax and a newline would end the command early.
    add_claim(scratch_repo, "kim-pledge.yaml", "percent-and-newline.yaml")
    (scratch_repo / "claims" / "published-ids.txt").write_text("kim-pledge\n")
    result = validate_on_github(scratch_repo, monkeypatch)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=claims/diplomacy/kim-pledge.yaml,line=11,col=5::"
        "unknown article `lavrov-100%25 jul2025`; did you mean `lavrov-jul2025`?"
    ]


def test_file_name_is_escaped_as_a_property(scratch_repo, monkeypatch):
    # In the file= property `,` and `:` are separators too; in the message they are not.
    add_claim(scratch_repo, "100%,sure.yaml", "percent-and-newline.yaml")
    result = validate_on_github(scratch_repo, monkeypatch)
    assert result.returncode == 1
    assert ("::error file=claims/diplomacy/100%25%2Csure.yaml,line=1,col=1::"
            "claim id `100%25,sure` (the file name) must be lowercase words joined by hyphens") in result.stdout.splitlines()


def test_no_annotations_outside_github_actions(scratch_repo, monkeypatch):
    add_claim(scratch_repo, "kim-pledge.yaml", "percent-and-newline.yaml")
    result = validate_on_github(scratch_repo, monkeypatch, github=False)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "claims/diplomacy/kim-pledge.yaml:11:5: unknown article" in result.stderr
