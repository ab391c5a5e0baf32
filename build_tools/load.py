"""Stage 1: read the data files into documents with positions.

Reads only `claims/` and `seeds/` under the root. Article files are read as
bytes, since their sha256 is checked before anything trusts their text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import collector
from .memo import Memo, digest
from .problems import ProblemList, excerpt
from .yamldoc import MAX_CLAIM_BYTES, MAX_INDEX_BYTES, Document, YamlDocError, parse_bytes

REGISTRIES = ("topics", "measures", "originators", "stances", "verdicts")
CLAIM_SUFFIX = ".yaml"


@dataclass
class ClaimFile:
    path: Path
    topic: str
    id: str
    document: Document | None  # None when the file could not be parsed


@dataclass
class LoadedFiles:
    root: Path
    registries: dict[str, Document | None]
    articles: Document | None
    claims: list[ClaimFile]
    all_claim_paths: list[Path]  # every claim file in the tree, for id checks
    problems: ProblemList = field(default_factory=ProblemList)

    def read_article_bytes(self, file_name: str) -> bytes | None:
        path = self.root / "seeds" / file_name
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None


def read_document(path: Path, problems: ProblemList, max_bytes: int = MAX_CLAIM_BYTES,
                  memo: Memo | None = None) -> Document | None:
    try:
        raw = path.read_bytes()
    except OSError as err:
        problems.add(str(path), 1, 1, f"cannot read file: {excerpt(err.strerror or str(err))}")
        return None
    key = (str(path), digest(raw))
    remembered = memo.get(key) if memo is not None else None
    if remembered is None:
        found = ProblemList()
        try:
            document = parse_bytes(str(path), raw, max_bytes)
            document.digest = key[1]
        except YamlDocError as err:
            found.add(str(path), err.line, err.column, err.message)
            document = None
        remembered = (document, found)
        if memo is not None:
            memo.put(key, remembered)
    problems.extend(remembered[1])
    return remembered[0]


def claim_paths(root: Path) -> list[Path]:
    """Every file under claims/<topic>/, sorted so that every build sees one order."""
    claims_dir = root / "claims"
    if not claims_dir.is_dir():
        return []
    return sorted(p for p in claims_dir.glob("*/**/*") if p.is_file() or p.is_symlink())


@collector.paused
def load_files(root: Path, only: list[Path] | None = None, memo: Memo | None = None) -> LoadedFiles:
    """Read the registries, the archive index and the claim files.

    `only` limits the claims read to those files; the registries and the
    archive are always read whole, since every claim is checked against them.
    With a memo, files whose bytes have not changed are not parsed again.
    """
    root = Path(root).absolute()  # once, so that no path below needs the working directory again
    problems = ProblemList()
    registries = {}
    for name in REGISTRIES:
        path = root / "claims" / f"{name}.yaml"
        if not path.is_file():
            problems.add(str(path), 1, 1, f"missing: claims/{name}.yaml declares the {name}")
            registries[name] = None
        else:
            registries[name] = read_document(path, problems, MAX_INDEX_BYTES, memo)
    articles_path = root / "seeds" / "articles.yaml"
    if articles_path.is_file():
        articles = read_document(articles_path, problems, MAX_INDEX_BYTES, memo)
    else:
        problems.add(str(articles_path), 1, 1, "missing: seeds/articles.yaml lists the archived articles")
        articles = None

    everything = claim_paths(root)
    selected = everything if only is None else [Path(p) for p in only]
    claims = []
    for path in selected:
        relative = _relative_inside(path, root / "claims")
        if relative is None:
            problems.add(str(path), 1, 1, "not a claim file: claim files live in claims/<topic>/<id>.yaml")
            continue
        if path.is_symlink():
            problems.add(str(path), 1, 1, "symbolic links are not followed; commit the claim file itself")
            continue
        if len(relative.parts) != 2 or path.suffix != CLAIM_SUFFIX:
            problems.add(str(path), 1, 1,
                         "not a claim file: claims live in claims/<topic>/<id>.yaml, one level deep, ending in .yaml")
            continue
        claims.append(ClaimFile(path, relative.parts[0], path.stem, read_document(path, problems, memo=memo)))
    return LoadedFiles(root, registries, articles, claims, everything, problems)


def _relative_inside(path: Path, folder: Path) -> Path | None:
    """`path` relative to `folder`, or None when it lies outside (no symlink is followed)."""
    try:
        return Path(path).absolute().relative_to(folder.absolute())
    except ValueError:
        return None
