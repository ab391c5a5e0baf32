"""The benchmark at a tiny size, so that it never rots: the synthetic corpus
validates, generation is deterministic, and the report has every row.

No timing is asserted: timings belong in BENCHMARKS.md, not in a test.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import run, synthetic
from browser.support import chromium_status, in_ci
from build_tools import pipeline

pytestmark = pytest.mark.slow  # the benchmark's own run, at a tiny size

EXPECTED_ROWS = [
    "YAML files parsed (bytes)",
    "largest YAML file",
    "floor: PyYAML CSafeLoader parse",
    "stage: load",
    "stage: validate",
    "stage: compare",
    "stage: render",
    "load + validate + compare + render",
    "ratio to the floor (target <= 1.5)",
    "validate process / floor process, synthetic corpus (target <= 1.5)",
    "validate process / floor process, real claims replicated (target <= 1.5)",
    "render: pages, Markdown",
    "mkdocs build --strict",
    "site: HTML pages, total size",
    "largest HTML page",
    "search index, all files (pagefind/; a search fetches a few)",
    "mkdocs build --strict, real claims replicated",
    "make serve, real claims replicated: one claim saved, until its page and the search carry it "
    "(target <= 2 s at 1,000 claims, <= 0.33 of the cold build)",
    "largest tag index page",
    "ratio largest / smallest size (target <= 11)",
]


def skip_unless_chromium() -> None:
    problem = chromium_status()
    if problem:
        (pytest.fail if in_ci() else pytest.skip)(f"Chromium is needed: {problem}")


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_corpus_validates_with_zero_errors(tmp_path: Path):
    corpus = synthetic.generate(articles=20, claims=60, seed=1)
    synthetic.write(corpus, tmp_path / "corpus")
    result = pipeline.check(tmp_path / "corpus")
    assert [p.format() for p in result.problems] == []
    assert len(result.corpus.claims) == 60 and len(result.corpus.articles) == 20
    # Every verdict is one the computed comparison carries (check_verdicts ran in pipeline.check),
    # and the corpus is not all one kind of evidence.
    assert len({c.status for c in result.comparisons.values()}) >= 3
    assert all(1 <= len(claim.sources) <= 5 for claim in result.corpus.claims.values())
    sizes = [len(p.read_bytes()) for p in (tmp_path / "corpus" / "seeds").glob("*.txt")]
    assert min(sizes) >= 2_000 and max(sizes) <= 8_000


def test_generation_is_deterministic(tmp_path: Path):
    for name in ("first", "second"):
        synthetic.write(synthetic.generate(articles=5, claims=15, seed=7), tmp_path / name)
    assert _tree(tmp_path / "first") == _tree(tmp_path / "second")


def test_bench_report_has_every_row(tmp_path: Path):
    skip_unless_chromium()  # benchmarks/serve.py searches the served site in it
    sizes = [run.Size(claims=10, articles=5), run.Size(claims=30, articles=10)]
    results = run.run_benchmark(sizes, seed=1, data_dir=tmp_path, repeats=1, with_site=True)
    rows = run.report_rows(results)
    assert [name for name, _ in rows] == EXPECTED_ROWS
    for name, cells in rows[:-1]:
        assert all(cells) and not any("FAILED" in cell or "not built" in cell for cell in cells), (name, cells)
    assert rows[-1][1][-1]  # the growth ratio, on the largest size
    serve_cells = dict(rows)[EXPECTED_ROWS[-3]]
    assert all("of the cold build" in cell for cell in serve_cells), serve_cells
    # Each save was served by the search overlay (benchmarks/serve.py also found the edit by searching).
    assert all(r.serve["stages_seconds"] is not None and r.serve["overlay_pages"] for r in results)
    assert all(r.errors == 0 and r.pages > 0 for r in results)
    table = run.format_report(results)
    assert all(f"| {name} |" in table for name in EXPECTED_ROWS)
