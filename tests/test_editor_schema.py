"""The briefing's own claim schema: the registries' ids as enums for editors' tools, refused when stale."""
from __future__ import annotations

import json
import posixpath

import jsonschema
import yaml

from build_tools import cli, editor_schema, load, scaffold
from conftest import REPO


def schema_command(root, capsys) -> tuple[int, str]:
    status = cli.main(["schema", "--root", str(root)])
    return status, capsys.readouterr().err


def test_the_schema_command_gives_each_reference_its_registrys_ids(scratch_repo, capsys):
    status, _ = schema_command(scratch_repo, capsys)
    assert status == 0
    schema = json.loads((scratch_repo / editor_schema.PATH).read_text(encoding="utf-8"))
    verdicts = [entry["id"] for entry in yaml.safe_load((scratch_repo / "claims" / "verdicts.yaml").read_text())]
    originators = [e["id"] for e in yaml.safe_load((scratch_repo / "claims" / "originators.yaml").read_text())]
    articles = [entry["id"] for entry in yaml.safe_load((scratch_repo / "seeds" / "articles.yaml").read_text())]
    assert schema["properties"]["verdict"]["enum"] == verdicts
    assert schema["properties"]["claimant"]["enum"] == originators
    assert schema["definitions"]["source"]["properties"]["originator"]["enum"] == originators
    assert schema["definitions"]["source"]["properties"]["article"]["enum"] == articles


def test_a_claim_with_a_misspelt_verdict_fails_the_editors_schema_and_the_real_claims_pass(tmp_path, capsys):
    """The real claims: every one of them is valid under the schema their first line names."""
    schema = json.loads((REPO / editor_schema.PATH).read_text(encoding="utf-8"))
    checker = jsonschema.Draft7Validator(schema)
    for path in load.claim_paths(REPO):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(checker.iter_errors(data)) == [], path
        data["verdict"] = "corroborrated"
        assert any(error.validator == "enum" for error in checker.iter_errors(data))


def test_a_schema_left_behind_by_a_registry_change_is_an_error_naming_the_command(scratch_repo, capsys):
    assert schema_command(scratch_repo, capsys)[0] == 0
    assert cli.main(["validate", "--root", str(scratch_repo)]) == 0
    capsys.readouterr()

    originators = scratch_repo / "claims" / "originators.yaml"
    another = {**yaml.safe_load(originators.read_text(encoding="utf-8"))[-1], "id": "new-ministry"}
    originators.write_text(originators.read_text(encoding="utf-8") + yaml.safe_dump([another], allow_unicode=True),
                           encoding="utf-8")
    assert cli.main(["validate", "--root", str(scratch_repo)]) == 1
    err = capsys.readouterr().err
    assert f"{scratch_repo / editor_schema.PATH}:1:1: out of date with the registries" in err
    assert "refresh it with: python -m build_tools schema" in err

    assert schema_command(scratch_repo, capsys)[0] == 0
    assert cli.main(["validate", "--root", str(scratch_repo)]) == 0


def test_broken_registries_write_no_schema(scratch_repo, capsys):
    (scratch_repo / "claims" / "verdicts.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    status, err = schema_command(scratch_repo, capsys)
    assert status == 1 and "nothing written" in err
    assert not (scratch_repo / editor_schema.PATH).exists()


def test_claim_files_name_the_briefings_schema_from_their_folder():
    named = scaffold.SCHEMA_LINE.split("$schema=", 1)[1].split()[0]
    assert posixpath.normpath(posixpath.join("claims/some-topic", named)) == editor_schema.PATH
