"""Stage 1: read the data files into documents with positions.

Reads only `claims/` and `seeds/` under the root. Article files are read as
bytes, since their sha256 is checked before anything trusts their text.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import collector
from .memo import Memo, digest
from .problems import ProblemList, excerpt
from .yamldoc import MAX_CLAIM_BYTES, MAX_INDEX_BYTES, Document, YamlDocError, parse_bytes

REGISTRIES = ("topics", "measures", "originators", "stances", "verdicts")
CLAIM_SUFFIX = ".yaml"
EDITOR_SCHEMA = "schema/claim.schema.json"  # the briefing's own claim schema (editor_schema.py)


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
    editor_schema: bytes | None = None  # schema/claim.schema.json as written, checked against the registries

    def read_article_bytes(self, file_name: str) -> bytes | None:
        path = self.root / "seeds" / file_name
        return path.read_bytes() if path.is_file() and linked_part(self.root, path) is None else None


def linked_part(root: Path, path: Path, folders: dict | None = None) -> Path | None:
    """The first symbolic link on the way from the repository root down to `path` (itself included).

    Nothing is read through a link: a linked folder under claims/ would
    publish files from anywhere on the machine. `folders` remembers the
    answer for each folder within one load.
    """
    path = Path(path).absolute()
    root = Path(root).absolute()
    if path == root or root not in path.parents:
        return None
    if path.is_symlink():
        return path
    if folders is None:
        return linked_part(root, path.parent)
    if path.parent not in folders:
        folders[path.parent] = linked_part(root, path.parent, folders)
    return folders[path.parent]


def _linked_message(root: Path, link: Path) -> str:
    shown = link.relative_to(Path(root).absolute()).as_posix()
    return f"{excerpt(shown, 80)} is a symbolic link, which is not followed; commit the files themselves"


def read_document(path: Path, problems: ProblemList, max_bytes: int = MAX_CLAIM_BYTES,
                  memo: Memo | None = None) -> Document | None:
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO or a device would block the read, or never end
            problems.add(str(path), 1, 1, "not a regular file; claim data lives in plain files")
            return None
        if status.st_size > max_bytes:  # refused before it is read into memory
            problems.add(str(path), 1, 1, f"file is {status.st_size:,} bytes; the limit is {max_bytes:,}")
            return None
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
    """Every file under claims/<topic>/, and every symbolic link there (to be refused),
    sorted so that every build sees one order. Linked folders are listed, not entered."""
    claims_dir = root / "claims"
    if not claims_dir.is_dir() or linked_part(root, claims_dir):
        return []
    found = []
    for top in claims_dir.iterdir():
        if top.is_symlink():
            found += [top] if top.is_dir() else []
        elif top.is_dir():
            for folder, folders, names in os.walk(top):  # os.walk does not follow links
                found += [Path(folder) / name for name in names]
                found += [Path(folder) / name for name in folders if (Path(folder) / name).is_symlink()]
    return sorted(found)


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
        if linked_part(root, path):
            problems.add(str(path), 1, 1, _linked_message(root, linked_part(root, path)))
            registries[name] = None
        elif not path.is_file():
            problems.add(str(path), 1, 1, f"missing: claims/{name}.yaml declares the {name}")
            registries[name] = None
        else:
            registries[name] = read_document(path, problems, MAX_INDEX_BYTES, memo)
    articles_path = root / "seeds" / "articles.yaml"
    if linked_part(root, articles_path):
        problems.add(str(articles_path), 1, 1, _linked_message(root, linked_part(root, articles_path)))
        articles = None
    elif articles_path.is_file():
        articles = read_document(articles_path, problems, MAX_INDEX_BYTES, memo)
    else:
        problems.add(str(articles_path), 1, 1, "missing: seeds/articles.yaml lists the archived articles")
        articles = None

    everything = claim_paths(root)
    selected = everything if only is None else [Path(p) for p in only]
    claims = []
    folders: dict = {}
    for path in selected:
        relative = _relative_inside(path, root / "claims")
        if relative is None:
            problems.add(str(path), 1, 1, "not a claim file: claim files live in claims/<topic>/<id>.yaml")
            continue
        link = linked_part(root, path, folders)
        if link is not None:
            problems.add(str(path), 1, 1, _linked_message(root, link))
            continue
        if len(relative.parts) != 2 or path.suffix != CLAIM_SUFFIX:
            problems.add(str(path), 1, 1,
                         "not a claim file: claims live in claims/<topic>/<id>.yaml, one level deep, ending in .yaml")
            continue
        claims.append(ClaimFile(path, relative.parts[0], path.stem, read_document(path, problems, memo=memo)))
    return LoadedFiles(root, registries, articles, claims, everything, problems, _read_editor_schema(root))


def _read_editor_schema(root: Path) -> bytes | None:
    path = root / EDITOR_SCHEMA
    return path.read_bytes() if path.is_file() and not path.is_symlink() else None


def _relative_inside(path: Path, folder: Path) -> Path | None:
    """`path` relative to `folder`, or None when it lies outside (no symlink is followed)."""
    try:
        return Path(path).absolute().relative_to(folder.absolute())
    except ValueError:
        return None
