"""The stages wired together, for the adapters (CLI, MkDocs hook) to call."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import load, model, validate
from .problems import ProblemList


@dataclass
class CheckResult:
    corpus: model.Corpus
    problems: ProblemList

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def check(root: Path, only: list[Path] | None = None) -> CheckResult:
    """Load and validate; `only` limits the claims checked to those files."""
    files = load.load_files(Path(root), only)
    corpus, problems = validate.validate(files)
    return CheckResult(corpus, problems)
