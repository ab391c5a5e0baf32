"""The stages wired together, for the adapters (CLI, MkDocs plugin) to call."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import compare, editor_schema, load, model, published, validate
from .memo import Memo
from .problems import ProblemList


@dataclass
class CheckResult:
    corpus: model.Corpus
    comparisons: dict[str, compare.ClaimComparison]
    problems: ProblemList

    @property
    def ok(self) -> bool:
        return not self.problems.errors


@dataclass
class Memos:
    """What `mkdocs serve` keeps between rebuilds: parsed files, checked claims and claim pages, by content."""

    documents: Memo
    claims: Memo
    pages: Memo

    @classmethod
    def new(cls) -> "Memos":
        return cls(Memo(), Memo(), Memo())


def check(root: Path, only: list[Path] | None = None, memos: Memos | None = None) -> CheckResult:
    """Load, validate, compare; `only` limits the claims checked to those files.

    Verdicts are checked last, against the computed comparison, so that a
    verdict the evidence does not carry fails validation.
    """
    files = load.load_files(Path(root), only, memos.documents if memos else None)
    corpus, problems = validate.validate(files, memos.claims if memos else None)
    if memos:
        memos.documents.end_run()
        memos.claims.end_run()
    published.check(files, corpus, problems)
    editor_schema.check_current(files.editor_schema, corpus, files.root, problems)
    validate.check_excerpts(corpus, problems)
    comparisons = compare.compare_all(corpus)
    validate.check_verdicts(corpus, comparisons, problems)
    return CheckResult(corpus, comparisons, problems)
