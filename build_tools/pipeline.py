"""The stages wired together, for the adapters (CLI, MkDocs plugin) to call."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import compare, editor_schema, load, model, published, validate
from .problems import ProblemList


@dataclass
class CheckResult:
    files: load.LoadedFiles
    corpus: model.Corpus
    comparisons: dict[str, compare.ClaimComparison]
    problems: ProblemList

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def check(root: Path, only: list[Path] | None = None) -> CheckResult:
    """Load, validate, compare; `only` limits the claims checked to those files."""
    files = load.load_files(Path(root), only)
    corpus, problems = validate.validate(files)
    return check_across(files, corpus, problems)


def check_across(files: load.LoadedFiles, corpus: model.Corpus, problems: ProblemList) -> CheckResult:
    """What is checked across claims, once each claim is checked: published ids, the editors' schema,
    republishing shares, then the comparisons and the verdicts.

    Verdicts are checked last, against the computed comparison, so that a
    verdict the evidence does not carry fails validation.
    """
    published.check(files, corpus, problems)
    editor_schema.check_current(files.editor_schema, corpus, files.root, problems)
    validate.check_excerpts(corpus, files, problems)
    comparisons = compare.compare_all(corpus)
    validate.check_verdicts(corpus, comparisons, files, problems)
    return CheckResult(files, corpus, comparisons, problems)
