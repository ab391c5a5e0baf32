"""`python -m build_tools new`, and the editor support it relies on.

The scaffolder is run as an editor would run it, in a scratch copy of the
repository; each refusal is one bad input and must write nothing.
"""
from __future__ import annotations

import datetime
import json
import shlex

import pytest

from build_tools import load, scaffold
from conftest import REPO, guide_example, run_cli

IDS = "claims/published-ids.txt"
QUOTE = ("Kim menandatangani kesepakatan dengan pemimpin Rusia Vladimir Putin pada Juni tahun lalu, "
         "setuju untuk saling mendukung jika salah satu negara menghadapi \u201cagresi.\u201d")
# What an editor types over the empty values of a new claim.
FILLED_IN = {
    "claim": "Kim and Putin agreed in June 2024 to support each other against aggression",
    "title": "Did North Korea and Russia sign a mutual-support pact?",
    "bottom_line": "Only one article reports the pact, and it names no source.",
    "verdict": "unproven",
    "claimant": "unattributed",
    "translator": "Briefing editors",
    "translation": "Kim signed an agreement with Russian leader Vladimir Putin in June last year, agreeing to "
                   "support each other if either country faced \u201caggression.\u201d",
    "originator": "unattributed",
    "stance": "supports",
    "analysis": "Only one article reports the pact, in its own voice.",
}


def new(root, *args):
    return run_cli("new", "--root", str(root), *args)


def fill_in(text: str) -> str:
    lines = []
    for line in text.splitlines():
        key = line.strip().removeprefix("- ").split(":")[0]
        if line.endswith(': ""') and key in FILLED_IN:
            line = line[: -len('""')] + json.dumps(FILLED_IN[key], ensure_ascii=False)
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_new_claim_validates_once_filled_in(scratch_repo):
    result = new(scratch_repo, "diplomacy", "kim-putin-pact", "--article", "lavrov-jul2025", "--quote", QUOTE)
    assert result.returncode == 0, result.stderr
    created = scratch_repo / "claims" / "diplomacy" / "kim-putin-pact.yaml"
    assert result.stdout.strip().endswith("claims/diplomacy/kim-putin-pact.yaml")
    text = created.read_text(encoding="utf-8")
    assert text.startswith(scaffold.SCHEMA_LINE + "\n")
    assert "article: \"lavrov-jul2025\"" in text
    created.write_text(fill_in(text), encoding="utf-8")
    check = run_cli("validate", "--root", str(scratch_repo), str(created))
    assert check.returncode == 0, check.stderr


def test_new_claim_does_not_validate_until_filled_in(scratch_repo):
    assert new(scratch_repo, "diplomacy", "kim-putin-pact").returncode == 0
    path = scratch_repo / "claims" / "diplomacy" / "kim-putin-pact.yaml"
    line = path.read_text(encoding="utf-8").splitlines().index('claim: ""') + 1
    check = run_cli("validate", "--root", str(scratch_repo))
    assert check.returncode == 1
    assert f"claims/diplomacy/kim-putin-pact.yaml:{line}:1: `claim` must not be empty" in check.stderr


def test_new_claim_comments_every_required_key():
    text = scaffold.render("kim-putin-pact", "diplomacy", None, None, datetime.date(2026, 11, 21))
    lines = text.splitlines()
    for key in scaffold.CLAIM_KEYS + scaffold.SOURCE_KEYS:
        at = next(i for i, line in enumerate(lines) if line.strip().removeprefix("- ").startswith(f"{key}:"))
        assert lines[at - 1].lstrip().startswith("# "), key
    assert 'published: "2026-11-21"' in lines


def test_new_claim_records_its_id_in_sorted_place(scratch_repo):
    (scratch_repo / IDS).write_text("alpha\nzulu\n", encoding="utf-8")
    assert new(scratch_repo, "diplomacy", "kim-putin-pact").returncode == 0
    assert (scratch_repo / IDS).read_text(encoding="utf-8") == "alpha\nkim-putin-pact\nzulu\n"


@pytest.mark.parametrize("args, message", [
    (("rumours", "kim-putin-pact"),
     "claims/rumours/kim-putin-pact.yaml:1:1: topic `rumours` is not declared in claims/topics.yaml"),
    (("diplomacy", "Kim_Putin"),
     "claims/diplomacy/Kim_Putin.yaml:1:1: claim id `Kim_Putin` must be lowercase words joined by hyphens"),
    (("diplomacy", "kim-putin-pact", "--article", "lavrov-2025", "--quote", QUOTE),
     "unknown article `lavrov-2025` (an id from seeds/articles.yaml); did you mean `lavrov-jul2025`?"),
    (("diplomacy", "kim-putin-pact", "--article", "lavrov-jul2025", "--quote", QUOTE.replace("\u201c", '"')),
     "quote not found in 001_b6a996e676aab42a.txt; quote differs from the article only in quotation marks"),
    (("diplomacy", "kim-putin-pact", "--article", "lavrov-jul2025", "--quote", "Kim menandatangani perjanjian"),
     "quote not found in 001_b6a996e676aab42a.txt; closest passage, line 27"),
])
def test_new_claim_refuses_bad_input_and_writes_nothing(scratch_repo, args, message):
    result = new(scratch_repo, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "1 error(s): nothing written" in result.stderr
    assert load.claim_paths(scratch_repo) == []
    assert not (scratch_repo / IDS).exists()


def test_new_claim_refuses_an_id_used_in_another_topic(scratch_repo):
    assert new(scratch_repo, "deployments", "kim-putin-pact").returncode == 0
    result = new(scratch_repo, "diplomacy", "kim-putin-pact")
    assert result.returncode == 1
    assert "claim id `kim-putin-pact` is already used by" in result.stderr
    assert not (scratch_repo / "claims" / "diplomacy" / "kim-putin-pact.yaml").exists()


def test_new_claim_refuses_to_overwrite(scratch_repo):
    existing = scratch_repo / "claims" / "diplomacy" / "kim-putin-pact.yaml"
    existing.parent.mkdir()
    existing.write_text("claim: mine\n", encoding="utf-8")
    result = new(scratch_repo, "diplomacy", "kim-putin-pact")
    assert result.returncode == 1
    assert "claims/diplomacy/kim-putin-pact.yaml:1:1: this file already exists; nothing was overwritten" in result.stderr
    assert existing.read_text(encoding="utf-8") == "claim: mine\n"


def test_new_claim_refuses_an_id_published_before(scratch_repo):
    (scratch_repo / IDS).write_text("kim-putin-pact\n", encoding="utf-8")
    result = new(scratch_repo, "diplomacy", "kim-putin-pact")
    assert result.returncode == 1
    assert "claim id `kim-putin-pact` was published before" in result.stderr


def test_quote_without_article_is_a_usage_error(scratch_repo):
    assert new(scratch_repo, "diplomacy", "kim-putin-pact", "--quote", QUOTE).returncode == 2


# --- editor support ----------------------------------------------------------

def test_every_claim_file_names_its_schema_on_the_first_line():
    for path in load.claim_paths(REPO):
        with open(path, encoding="utf-8") as claim:
            assert claim.readline().rstrip("\n") == scaffold.SCHEMA_LINE, path


def _properties(node: dict, where: str):
    """Every (where, property schema) under a schema node, nested objects included."""
    for name, prop in node.get("properties", {}).items():
        yield f"{where}.{name}", prop
        yield from _properties(prop, f"{where}.{name}")


def _resolved(prop: dict, schema: dict) -> list[dict]:
    """The property and what it refers to, since a description may live on either."""
    refs = [prop.get("$ref")] + [part.get("$ref") for part in prop.get("allOf", [])]
    return [prop] + [schema["definitions"][ref.rsplit("/", 1)[-1]] for ref in refs if ref]


def test_every_schema_property_has_a_description_and_examples():
    schema = json.loads((REPO / "build_tools" / "schema" / "claim.schema.json").read_text(encoding="utf-8"))
    lacking = []
    nodes = [("claim", schema), *schema["definitions"].items()]
    for where, prop in (found for owner, node in nodes for found in _properties(node, owner)):
        parts = _resolved(prop, schema)
        for needed in ("description", "examples"):
            if not any(needed in part for part in parts):
                lacking.append(f"{where} has no {needed}")
    assert not lacking, "\n".join(lacking)


# --- the worked example in CONTRIBUTING.md -----------------------------------

def test_contributing_worked_example_runs_and_validates(scratch_repo):
    command = shlex.split(guide_example("new-command").replace("\\\n", " "))
    assert command[:4] == ["python", "-m", "build_tools", "new"]
    created = new(scratch_repo, *command[4:])
    assert created.returncode == 0, created.stderr
    path = scratch_repo / created.stdout.strip()
    path.write_text(guide_example("claim-file"), encoding="utf-8")
    assert run_cli("validate", "--root", str(scratch_repo)).returncode == 0

    claim = guide_example("claim-file")
    corrected = claim.replace("corrections: []\n", guide_example("correction"))
    withdrawn = claim + guide_example("withdrawal")
    for text in (corrected, withdrawn):
        path.write_text(text, encoding="utf-8")
        result = run_cli("validate", "--root", str(scratch_repo))
        assert result.returncode == 0, result.stderr


def test_contributing_worked_example_verdict_is_held_to_the_evidence(scratch_repo):
    # The guide says `corroborated` would be refused in favour of `unproven`.
    assert new(scratch_repo, "diplomacy", "kim-putin-pact").returncode == 0
    path = scratch_repo / "claims" / "diplomacy" / "kim-putin-pact.yaml"
    path.write_text(guide_example("claim-file").replace("verdict: unproven", "verdict: corroborated"))
    result = run_cli("validate", "--root", str(scratch_repo))
    assert result.returncode == 1
    assert "the evidence carries `unproven`" in result.stderr
