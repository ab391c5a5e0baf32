"""Under mkdocs serve, a rebuild re-parses and re-checks only the files that changed."""
from __future__ import annotations

from build_tools import pipeline, yamldoc
from scratch import scratch_repository


def counting_parses(monkeypatch) -> list[str]:
    parsed: list[str] = []
    real = yamldoc.parse_bytes

    def parse_bytes(path, raw, *args):
        parsed.append(path)
        return real(path, raw, *args)

    monkeypatch.setattr("build_tools.load.parse_bytes", parse_bytes)
    return parsed


def test_a_rebuild_parses_only_the_changed_claim_and_gives_the_same_result(tmp_path, monkeypatch):
    root = scratch_repository(tmp_path / "repo", claims="all")
    memos = pipeline.Memos.new()
    first = pipeline.check(root, memos=memos)
    assert first.ok

    parsed = counting_parses(monkeypatch)
    again = pipeline.check(root, memos=memos)
    assert parsed == []
    assert again.corpus.claims.keys() == first.corpus.claims.keys()
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]

    edited = root / "claims" / "casualties" / "nk-killed-wounded.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("verdict: disputed", "verdict: corroborated"),
                      encoding="utf-8")
    after_edit = pipeline.check(root, memos=memos)
    assert parsed == [str(edited)]
    assert any("verdict `corroborated` does not fit" in p.message for p in after_edit.problems.errors)
    assert after_edit.problems.errors == pipeline.check(root).problems.errors  # same as without a memo


def test_a_changed_registry_rechecks_every_claim(tmp_path):
    root = scratch_repository(tmp_path / "repo", claims="all")
    memos = pipeline.Memos.new()
    assert pipeline.check(root, memos=memos).ok
    originators = root / "claims" / "originators.yaml"
    originators.write_text(originators.read_text(encoding="utf-8").replace("- id: sk-jcs\n", "- id: sk-jcs-renamed\n"),
                           encoding="utf-8")
    result = pipeline.check(root, memos=memos)
    assert any("unknown originator `sk-jcs`" in p.message for p in result.problems.errors)


def test_a_rebuild_renders_again_only_the_page_of_the_changed_claim(tmp_path, monkeypatch):
    from build_tools import render
    from build_tools.render import Publisher, render_site

    root = scratch_repository(tmp_path / "repo", claims="all")
    publisher = Publisher("Test", "https://example.org/")
    memos = pipeline.Memos.new()
    first = pipeline.check(root, memos=memos)
    render_site(first.corpus, first.comparisons, publisher, memos.pages)
    memos.pages.end_run()

    rendered: list[str] = []
    real = render.claim_page
    monkeypatch.setattr(render, "claim_page", lambda corpus, claim, *rest: rendered.append(claim.id) or real(corpus, claim, *rest))
    edited = root / "claims" / "casualties" / "nk-heavy-losses.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("analysis: |\n", "analysis: |\n  Edited.\n\n", 1),
                      encoding="utf-8")
    again = pipeline.check(root, memos=memos)
    assert again.ok
    site = render_site(again.corpus, again.comparisons, publisher, memos.pages)
    assert rendered == ["nk-heavy-losses"]
    assert "Edited." in site.pages["claims/nk-heavy-losses.md"]
    cold = pipeline.check(root)
    assert site.pages == render_site(cold.corpus, cold.comparisons, publisher).pages  # as if built from scratch
