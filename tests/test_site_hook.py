"""The MkDocs hook on broken data: serve keeps the last good pages, build fails cleanly."""
from __future__ import annotations

import logging
import sys

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


def test_serve_survives_every_hostile_save_and_keeps_the_last_good_pages(repo_and_config, caplog, tmp_path):
    """Each case of the hostile corpus saved in turn under `mkdocs serve` (tests/test_hostile_input.py
    says what each must report), then a claim nested 100,000 levels, then a linked topic folder."""
    import os
    import shutil

    from test_hostile_input import CASES, EXPECTED

    repo, config = repo_and_config
    config.plugins.on_startup(command="serve", dirty=False)
    good = generated(config.plugins.on_files(Files([]), config=config))
    saves = [(case, message, sorted(p for p in (CASES / case).rglob("*") if p.is_file())) for case, message in EXPECTED]
    for case, message, files in saves:
        originals = {}
        for source in files:
            target = repo / source.relative_to(CASES / case)
            originals[target] = target.read_bytes() if target.exists() else None
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.briefing"):
            again = generated(config.plugins.on_files(Files([]), config=config))
        assert again == good, case
        assert message in caplog.text and "still serving the last good pages" in caplog.text, (case, caplog.text[-2000:])
        for target, content in originals.items():
            target.unlink() if content is None else target.write_bytes(content)
    deep = repo / "claims" / "casualties" / "deep.yaml"
    deep.write_text("claim: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.briefing"):
        assert generated(config.plugins.on_files(Files([]), config=config)) == good
    assert "claims/casualties/deep.yaml:1:71: nested more than 64 levels deep" in caplog.text
    deep.unlink()
    os.symlink(tmp_path, repo / "claims" / "linked")
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.briefing"):
        assert generated(config.plugins.on_files(Files([]), config=config)) == good
    assert "claims/linked is a symbolic link, which is not followed" in caplog.text


def test_serve_keeps_the_last_good_pages_when_the_build_itself_fails(repo_and_config, caplog, monkeypatch):
    """A bug of ours (here: the renderer raising) must not take the server down either."""
    repo, config = repo_and_config
    config.plugins.on_startup(command="serve", dirty=False)
    good = generated(config.plugins.on_files(Files([]), config=config))
    # MkDocs loads the hook as a module named after its file, once per path.
    (hook_module,) = [m for m in list(sys.modules.values())
                      if getattr(m, "__file__", None) == str(repo / "build_tools" / "hook.py")]

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(hook_module, "render_site", broken)
    (repo / "claims" / "casualties" / "three-sources.yaml").write_text(
        THREE_SOURCES.replace("How many", "How many, now,"), encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.briefing"):
        assert generated(config.plugins.on_files(Files([]), config=config)) == good
    assert "the briefing's build failed (RecursionError: maximum recursion depth exceeded); " \
           "still serving the last good pages" in caplog.text
