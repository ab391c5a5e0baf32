"""The stages wired together, for the adapters (CLI, MkDocs hook) to call."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import compare, load, model, published, validate
from .problems import ProblemList


@dataclass
class CheckResult:
    corpus: model.Corpus
    comparisons: dict[str, compare.ClaimComparison]
    problems: ProblemList

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def check(root: Path, only: list[Path] | None = None) -> CheckResult:
    """Load, validate, compare; `only` limits the claims checked to those files.

    Verdicts are checked last, against the computed comparison, so that a
    verdict the evidence does not carry fails validation.
    """
    files = load.load_files(Path(root), only)
    corpus, problems = validate.validate(files)
    published.check(files, corpus, problems)
    comparisons = compare.compare_all(corpus)
    validate.check_verdicts(corpus, comparisons, problems)
    return CheckResult(corpus, comparisons, problems)
