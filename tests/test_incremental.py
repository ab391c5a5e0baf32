"""Under mkdocs serve, a rebuild parses, checks and renders again only what a save changed,
and gives what a build from scratch gives (build_tools/incremental.py)."""
from __future__ import annotations

from build_tools import load, pipeline, render, validate
from build_tools.incremental import Incremental
from build_tools.render import Publisher, render_site
from scratch import scratch_repository

PUBLISHER = Publisher("Test", "https://example.org/")


def copy_of_the_briefing(tmp_path):
    return scratch_repository(tmp_path / "repo", claims="all")


def counting(monkeypatch, module, name: str, what) -> list:
    seen: list = []
    real = getattr(module, name)

    def counted(*args):
        seen.append(what(*args))
        return real(*args)

    monkeypatch.setattr(module, name, counted)
    return seen


def test_a_rebuild_parses_and_checks_only_the_changed_claim_and_gives_the_same_result(tmp_path, monkeypatch):
    root = copy_of_the_briefing(tmp_path)
    incremental = Incremental()
    first = incremental.check(root)
    assert first.ok

    parsed = counting(monkeypatch, load, "parse_file", lambda file: str(file.path))
    checked = counting(monkeypatch, validate, "check_claim", lambda claim_file, *rest: claim_file.id)
    again = incremental.check(root)
    assert parsed == [] and checked == []
    assert again.corpus.claims.keys() == first.corpus.claims.keys()
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]

    edited = root / "claims" / "casualties" / "nk-killed-wounded.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("verdict: disputed", "verdict: corroborated"),
                      encoding="utf-8")
    after_edit = incremental.check(root)
    assert parsed == [str(edited)]
    assert checked == ["nk-killed-wounded"]
    assert any("verdict `corroborated` does not fit" in p.message for p in after_edit.problems.errors)
    assert after_edit.problems == pipeline.check(root).problems  # as without the cache


def test_a_changed_registry_rechecks_every_claim(tmp_path):
    root = copy_of_the_briefing(tmp_path)
    incremental = Incremental()
    assert incremental.check(root).ok
    originators = root / "claims" / "originators.yaml"
    originators.write_text(originators.read_text(encoding="utf-8").replace("- id: sk-jcs\n", "- id: sk-jcs-renamed\n"),
                           encoding="utf-8")
    result = incremental.check(root)
    assert any("unknown originator `sk-jcs`" in p.message for p in result.problems.errors)
    assert result.problems == pipeline.check(root).problems


def test_a_changed_archived_article_is_seen(tmp_path):
    root = copy_of_the_briefing(tmp_path)
    incremental = Incremental()
    assert incremental.check(root).ok
    article = sorted((root / "seeds").glob("*.txt"))[0]
    article.write_bytes(article.read_bytes() + b"\nedited\n")
    result = incremental.check(root)
    assert any("no longer matches its recorded sha256" in p.message for p in result.problems.errors)


def test_a_rebuild_renders_again_only_the_page_of_the_changed_claim(tmp_path, monkeypatch):
    root = copy_of_the_briefing(tmp_path)
    incremental = Incremental()
    incremental.render(incremental.check(root), PUBLISHER)

    rendered = counting(monkeypatch, render, "claim_page", lambda corpus, claim, *rest: claim.id)
    edited = root / "claims" / "casualties" / "nk-heavy-losses.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("analysis: |\n", "analysis: |\n  Edited.\n\n", 1),
                      encoding="utf-8")
    again = incremental.check(root)
    assert again.ok
    site = incremental.render(again, PUBLISHER)
    assert rendered == ["nk-heavy-losses"]
    assert "Edited." in site.pages["claims/nk-heavy-losses.md"]
    cold = pipeline.check(root)
    assert site.pages == render_site(cold.corpus, cold.comparisons, PUBLISHER).pages  # as if built from scratch


def test_a_page_is_rendered_again_when_only_its_comparison_changes(tmp_path, monkeypatch):
    """The page key is the claim's content and its comparison's, so a comparison that another claim
    changes (a total against its parts) is seen even when the claim's own file is unchanged."""
    root = copy_of_the_briefing(tmp_path)
    incremental = Incremental()
    result = incremental.check(root)
    incremental.render(result, PUBLISHER)
    claim_id = next(c.id for c in result.corpus.claims.values() if not c.replaced_by)
    rendered = counting(monkeypatch, render, "claim_page", lambda corpus, claim, *rest: claim.id)
    again = incremental.check(root)
    again.comparisons[claim_id].relations = [*again.comparisons[claim_id].relations, "a relation from elsewhere"]
    incremental.render(again, PUBLISHER)
    assert rendered == [claim_id]
