"""`python -m build_tools init DIR`: a new briefing that validates and builds as it is.

The command and the validator run in-process; the build runs the installed
MkDocs with the installed plugin in a subprocess, in the new folder, as a
newsroom would run it.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools import cli, new_briefing
from scratch import REPO

MKDOCS = Path(sys.executable).with_name("mkdocs")
EXAMPLE_CLAIM = "households-without-water-1200"


@pytest.mark.slow  # a MkDocs build
def test_init_writes_a_briefing_that_validates_and_builds_strictly(tmp_path, capsys):
    briefing = tmp_path / "our-briefing"

    assert cli.main(["init", str(briefing)]) == 0
    assert capsys.readouterr().out.strip().endswith("our-briefing")

    for name in ("mkdocs.yml", "Makefile", "README.md", "CONTRIBUTING.md", "requirements.txt",
                 ".github/workflows/checks.yml", ".github/workflows/publish.yml",
                 "docs/methodology.md", "docs/about.md",
                 "claims/published-ids.txt", "schema/claim.schema.json"):
        assert (briefing / name).is_file(), name
    for registry in ("topics", "measures", "originators", "stances", "verdicts"):
        assert yaml.safe_load((briefing / "claims" / f"{registry}.yaml").read_text(encoding="utf-8")), registry
    [entry] = yaml.safe_load((briefing / "seeds/articles.yaml").read_text(encoding="utf-8"))
    assert entry["sha256"] == hashlib.sha256((briefing / "seeds" / entry["file"]).read_bytes()).hexdigest()
    assert EXAMPLE_CLAIM in (briefing / "claims/published-ids.txt").read_text(encoding="utf-8").split()
    # The tool as it is installed here (`make setup`: this checkout, editable), which pip can install again.
    requirements = (briefing / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert f"factcheck-briefing @ {REPO.as_uri()}" in requirements
    assert "TOOL-REQUIREMENT" not in requirements and not any(line.startswith("factcheck-briefing==") for line in requirements)

    assert cli.main(["validate", "--root", str(briefing)]) == 0
    assert "ok: 1 claims, 1 articles" in capsys.readouterr().err

    site = tmp_path / "site"
    built = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site)], cwd=briefing,
                           capture_output=True, text=True, timeout=600,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    assert built.returncode == 0, built.stderr
    page = (site / "claims" / EXAMPLE_CLAIM / "index.html").read_text(encoding="utf-8")
    assert "1,200 households" in page
    assert "Single source" in page
    methodology = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "<!-- briefing:" not in methodology  # both generated fragments were filled in
    assert "Corroborated" in methodology and "The Pelabuhan Baru water company" in methodology


def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path, capsys):
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "notes.txt").write_text("ours\n", encoding="utf-8")

    assert cli.main(["init", str(existing)]) == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not empty" in err and "nothing written" in err
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]  # no staging folder left behind


def test_init_fills_an_empty_folder(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()

    assert cli.main(["init", str(empty)]) == 0

    assert (empty / "mkdocs.yml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_init_refuses_a_file_and_leaves_it_as_it_was(tmp_path, capsys):
    existing = tmp_path / "briefing.txt"
    existing.write_text("ours\n", encoding="utf-8")

    assert cli.main(["init", str(existing)]) == 1

    assert "is a file, not a folder: nothing written" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "ours\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.txt"]


def test_the_tool_is_named_as_pip_recorded_its_install(monkeypatch):
    """A git install gives its URL at the commit; an install from the package index, the version."""
    class Installed:
        version = "0.1.0"

        def __init__(self, recorded):
            self.recorded = recorded

        def read_text(self, name):
            return self.recorded if name == "direct_url.json" else None

    git = '{"url": "https://github.com/owner/tool", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}'
    monkeypatch.setattr(new_briefing.metadata, "distributions", lambda name: [Installed(git)])
    assert new_briefing.tool_requirement() == "factcheck-briefing @ git+https://github.com/owner/tool@abc123"
    monkeypatch.setattr(new_briefing.metadata, "distributions", lambda name: [Installed(None)])
    assert new_briefing.tool_requirement() == "factcheck-briefing==0.1.0"
