"""The MkDocs plugin on broken data: serve keeps the last good pages, build fails cleanly."""
from __future__ import annotations

import logging
import shutil

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from build_tools import plugin as plugin_module

from scratch import THREE_SOURCES

BROKEN_QUOTE = THREE_SOURCES.replace("Perkiraan Barat menyebutkan", "Perkiraan Barat mengatakan")


@pytest.fixture
def repo_and_config(site_repo, tmp_path):
    """A repository copy and its loaded config; each loaded config has its own
    plugin instance, and so its own last good site."""
    return site_repo, load_config(config_file=str(site_repo / "mkdocs.yml"), site_dir=str(tmp_path / "site"))


def generated(files: Files) -> dict[str, str]:
    return {f.src_uri: f.content_string for f in files}


def test_serve_keeps_the_last_good_pages_and_shows_the_validator_messages(repo_and_config, caplog):
    repo, config = repo_and_config
    config.plugins.on_startup(command="serve", dirty=False)
    good = generated(config.plugins.on_files(Files([]), config=config))
    assert "claims/three-sources.md" in good

    (repo / "claims" / "casualties" / "three-sources.yaml").write_text(BROKEN_QUOTE, encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.briefing"):
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
    result = run_cli("generate", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "claims" / "nk-reinforcements.md").read_text(encoding="utf-8")
    review = json.loads(json.loads(page.split("claimreview: ", 1)[1].split("\n", 1)[0]))
    assert review["url"] == address + "claims/nk-reinforcements/"
    monkeypatch.delenv("SITE_URL")
    assert load_config(config_file=str(REPO / "mkdocs.yml")).site_url == "https://example.org/nk-russia-briefing/"


def test_a_save_under_serve_renders_the_edited_claim_and_reuses_the_unchanged_pages(repo_and_config):
    """The plugin instance keeps the caches across rebuilds: an edit is seen, an unchanged claim is not recomputed."""
    repo, config = repo_and_config
    config.plugins.on_startup(command="serve", dirty=False)
    first = {f.src_uri: f.content_string for f in config.plugins.on_files(Files([]), config=config)}
    plugin = config.plugins["briefing"]
    pages_before = dict(plugin.last_good.pages)

    path = repo / "claims" / "casualties" / "three-sources.yaml"
    path.write_text(THREE_SOURCES.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    again = {f.src_uri: f.content_string for f in config.plugins.on_files(Files([]), config=config)}
    assert again["claims/three-sources.md"] != first["claims/three-sources.md"]
    assert "Edited" in again["claims/three-sources.md"]
    # Claim pages but the edited one; indexes and redirects (which name other claims) are always rendered.
    unchanged = [uri for uri, page in pages_before.items() if uri.startswith("claims/") and uri.count("/") == 1
                 and uri not in ("claims/index.md", "claims/three-sources.md") and "\nredirect: " not in page]
    assert unchanged, "the fixture repository has other claim pages"
    # The very same string objects: the pages were taken from the cache, not rendered again.
    assert [uri for uri in unchanged if plugin.last_good.pages[uri] is not pages_before[uri]] == []


def test_the_publisher_option_is_required_and_named_in_mkdocs_own_error(site_repo, caplog):
    from mkdocs.exceptions import Abort

    repo = site_repo
    config_file = repo / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace("      publisher:", "      # publisher:", 1), encoding="utf-8")
    with pytest.raises(Abort):
        load_config(config_file=str(config_file))
    assert "Plugin 'briefing' option 'publisher': Required configuration not provided." in caplog.text


def test_data_dir_points_the_plugin_at_another_folder_of_claims_and_seeds(site_repo, tmp_path):
    data = site_repo
    site = tmp_path / "site-sources"
    site.mkdir()
    for name in ("docs",):
        shutil.copytree(data / name, site / name)
    text = (data / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(text.replace("  - briefing:\n", f"  - briefing:\n      data_dir: {data}\n", 1),
                                     encoding="utf-8")
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config.plugins.on_startup(command="build", dirty=False)
    pages = generated(config.plugins.on_files(Files([]), config=config))
    assert "claims/three-sources.md" in pages


def test_serve_watches_the_claims_and_the_archive(repo_and_config):
    repo, config = repo_and_config

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    server = config.plugins.on_serve(Server(), config=config, builder=lambda: None)
    assert sorted(server.watched) == [str(repo / "claims"), str(repo / "seeds")]


def test_serve_survives_every_hostile_save_and_keeps_the_last_good_pages(repo_and_config, caplog, tmp_path):
    """Each case of the hostile corpus saved in turn under `mkdocs serve` (tests/test_hostile_input.py
    says what each must report), then a claim nested 100,000 levels, then a linked topic folder."""
    import os
    import shutil

    from hostile_cases import CASES, EXPECTED, overlay

    repo, config = repo_and_config
    config.plugins.on_startup(command="serve", dirty=False)
    good = generated(config.plugins.on_files(Files([]), config=config))
    originals = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    for case, message in EXPECTED:
        places = overlay(CASES / case, repo)
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.briefing"):
            again = generated(config.plugins.on_files(Files([]), config=config))
        assert again == good, case
        assert message.format(**places) in caplog.text, (case, caplog.text[-2000:])
        assert "still serving the last good pages" in caplog.text, case
        for path in [p for p in repo.rglob("*") if p.is_file() and p not in originals]:
            path.unlink()
        for path, content in originals.items():
            path.write_bytes(content)
    deep = repo / "claims" / "casualties" / "deep.yaml"
    deep.write_text("claim: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.briefing"):
        assert generated(config.plugins.on_files(Files([]), config=config)) == good
    assert "claims/casualties/deep.yaml:1:71: nested more than 64 levels deep" in caplog.text
    deep.unlink()
    os.symlink(tmp_path, repo / "claims" / "linked")
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.briefing"):
        assert generated(config.plugins.on_files(Files([]), config=config)) == good
    assert "claims/linked is a symbolic link, which is not followed" in caplog.text


def test_serve_keeps_the_last_good_pages_when_the_build_itself_fails(repo_and_config, caplog, monkeypatch):
    """A bug of ours (here: the renderer raising) must not take the server down either."""
    repo, config = repo_and_config
    config.plugins.on_startup(command="serve", dirty=False)
    good = generated(config.plugins.on_files(Files([]), config=config))
    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(plugin_module.Incremental, "render", broken)
    (repo / "claims" / "casualties" / "three-sources.yaml").write_text(
        THREE_SOURCES.replace("How many", "How many, now,"), encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.briefing"):
        assert generated(config.plugins.on_files(Files([]), config=config)) == good
    assert "the briefing's build failed (RecursionError: maximum recursion depth exceeded); " \
           "still serving the last good pages" in caplog.text
