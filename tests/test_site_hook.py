"""The MkDocs hook on broken data: serve keeps the last good pages, build fails cleanly."""
from __future__ import annotations

import logging

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from test_site_build import THREE_SOURCES, make_repo

BROKEN_QUOTE = THREE_SOURCES.replace("Perkiraan Barat menyebutkan", "Perkiraan Barat mengatakan")


@pytest.fixture
def repo_and_config(tmp_path):
    """A repository copy and its loaded config. MkDocs loads the hook once per
    hook path, so each copy gets a fresh hook module and its own last good site."""
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    return repo, load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(tmp_path / "site"))


def generated(files: Files) -> dict[str, str]:
    return {f.src_uri: f.content_string for f in files}


def test_serve_keeps_the_last_good_pages_and_shows_the_validator_messages(repo_and_config, caplog):
    repo, config = repo_and_config
    config.plugins.on_startup(command="serve", dirty=False)
    good = generated(config.plugins.on_files(Files([]), config=config))
    assert "claims/three-sources.md" in good

    (repo / "claims" / "casualties" / "three-sources.yaml").write_text(BROKEN_QUOTE, encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.briefing"):
        again = generated(config.plugins.on_files(Files([]), config=config))
    assert again == good
    assert "claims/casualties/three-sources.yaml:" in caplog.text
    assert "last good pages" in caplog.text


def test_build_fails_with_mkdocs_own_error_naming_the_file(repo_and_config):
    repo, config = repo_and_config
    config.plugins.on_startup(command="build", dirty=False)
    (repo / "claims" / "casualties" / "three-sources.yaml").write_text(BROKEN_QUOTE, encoding="utf-8")
    with pytest.raises(PluginError, match=r"claims/casualties/three-sources\.yaml:\d+:\d+: "):
        config.plugins.on_files(Files([]), config=config)


def test_the_site_address_comes_from_SITE_URL_when_the_pages_workflow_sets_it(tmp_path, monkeypatch):
    """mkdocs.yml reads `site_url: !ENV [SITE_URL, default]`; MkDocs and `generate` resolve it alike."""
    import json
    import os

    from conftest import REPO, run_cli

    address = "https://owner.github.io/briefing/"
    monkeypatch.setenv("SITE_URL", address)
    assert load_config(config_file=str(REPO / "mkdocs.yml")).site_url == address
    result = run_cli("generate", "--out", str(tmp_path / "out"), env={**os.environ, "SITE_URL": address})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "claims" / "nk-reinforcements.md").read_text(encoding="utf-8")
    review = json.loads(json.loads(page.split("claimreview: ", 1)[1].split("\n", 1)[0]))
    assert review["url"] == address + "claims/nk-reinforcements/"
    monkeypatch.delenv("SITE_URL")
    assert load_config(config_file=str(REPO / "mkdocs.yml")).site_url == "https://example.org/nk-russia-briefing/"
