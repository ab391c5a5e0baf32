"""Stage 1: read every file the pipeline needs into documents with positions.

Reads only `claims/`, `seeds/` and the briefing's schema/claim.schema.json
under the root: the registries, the claim files, the archive index and the
archived articles it names (as bytes, since their sha256 is checked before
anything trusts their text), and claims/published-ids.txt. Nothing after
this stage touches the disk.

Reading (`read_files`) and parsing (`parse_file`, one file at a time) are
separate steps so that the plugin's cache under `mkdocs serve`
(build_tools/incremental.py) can parse again only the files whose bytes
changed; `load_files` is the two in a row.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ProblemList, excerpt
from .yamldoc import MAX_CLAIM_BYTES, MAX_INDEX_BYTES, Document, YamlDocError, parse_bytes

REGISTRIES = ("topics", "measures", "originators", "stances", "verdicts")
CLAIM_SUFFIX = ".yaml"
EDITOR_SCHEMA = "schema/claim.schema.json"  # the briefing's own claim schema (editor_schema.py)
PUBLISHED_IDS = Path("claims") / "published-ids.txt"


@dataclass(frozen=True)
class RawFile:
    """A data file's bytes as read, before parsing."""

    path: Path
    raw: bytes
    max_bytes: int
    digest: bytes  # of the bytes: what the plugin's cache keys a parse by


@dataclass
class ClaimFile:
    path: Path
    topic: str
    id: str
    document: Document | None  # None when the file could not be read or parsed


@dataclass
class Reading:
    """Every file's bytes, and the problems met reading them (a missing file, a link, a FIFO, too large)."""

    root: Path
    registries: dict[str, RawFile | None]
    articles: RawFile | None
    claims: list[tuple[Path, str, str, RawFile | None]]  # path, topic, id, bytes
    all_claim_paths: list[Path]
    archive: dict[str, bytes]
    seed_names: list[str]
    published_ids: bytes | None
    editor_schema: bytes | None
    problems: ProblemList

    def raw_files(self) -> list[RawFile]:
        """The files to parse, in reading order."""
        return [f for f in (*self.registries.values(), self.articles, *(c[3] for c in self.claims)) if f is not None]


@dataclass
class LoadedFiles:
    root: Path
    registries: dict[str, Document | None]
    articles: Document | None
    claims: list[ClaimFile]
    all_claim_paths: list[Path]  # every claim file in the tree, for id checks
    problems: ProblemList = field(default_factory=ProblemList)
    editor_schema: bytes | None = None  # schema/claim.schema.json as written, checked against the registries
    archive: dict[str, bytes] = field(default_factory=dict)  # seeds/<name>: the archived articles, as bytes
    seed_names: list[str] = field(default_factory=list)  # every seeds/*.txt, for those the index does not list
    published_ids: bytes | None = None  # claims/published-ids.txt; None when it is not a plain file
    # Claims named by `replaced_by` that were not loaded themselves (`validate FILE ...`).
    replacement_targets: dict[str, Document | None] = field(default_factory=dict)
    _by_path: dict[str, Document | None] | None = field(default=None, repr=False, compare=False)

    def document(self, path: str) -> Document | None:
        """The loaded claim document at `path` (a Claim's `path`): where messages about it point."""
        if self._by_path is None:
            self._by_path = {str(c.path): c.document for c in self.claims}
        return self._by_path.get(str(path))

    def article_position(self, article_id: str) -> tuple[int, int]:
        """Where the archive index's (first) entry of an article is."""
        data = self.articles.data if self.articles is not None else None
        for index, entry in enumerate(data if isinstance(data, list) else []):
            if isinstance(entry, dict) and entry.get("id") == article_id:
                return self.articles.position((index, "id"))
        return 1, 1


def linked_part(root: Path, path: Path, folders: dict | None = None) -> Path | None:
    """The first symbolic link on the way from the repository root down to `path` (itself included).

    Nothing is read through a link: a linked folder under claims/ would
    publish files from anywhere on the machine. `folders` remembers the
    answer for each folder within one load.
    """
    path, root = _absolute(path), _absolute(root)
    if len(path.parts) <= len(root.parts) or path.parts[:len(root.parts)] != root.parts:  # not below root
        return None
    if path.is_symlink():
        return path
    if folders is None:
        return linked_part(root, path.parent)
    if path.parent not in folders:
        folders[path.parent] = linked_part(root, path.parent, folders)
    return folders[path.parent]


def _absolute(path) -> Path:
    # Path(path) of a Path parses it again: at 10,000 claim files, a tenth of reading them.
    return path if isinstance(path, Path) and path.is_absolute() else Path(path).absolute()


def _linked_message(root: Path, link: Path) -> str:
    shown = link.relative_to(Path(root).absolute()).as_posix()
    return f"{excerpt(shown, 80)} is a symbolic link, which is not followed; commit the files themselves"


def read_raw(path: Path, problems: ProblemList, max_bytes: int = MAX_CLAIM_BYTES) -> RawFile | None:
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
    return RawFile(path, raw, max_bytes, hashlib.blake2b(raw, digest_size=16).digest())


def parse_file(file: RawFile) -> tuple[Document | None, ProblemList]:
    """A file's document, or None and why not. A plain function of the bytes."""
    found = ProblemList()
    try:
        return parse_bytes(str(file.path), file.raw, file.max_bytes), found
    except YamlDocError as err:
        found.add(str(file.path), err.line, err.column, err.message)
        return None, found


def read_document(path: Path, problems: ProblemList, max_bytes: int = MAX_CLAIM_BYTES) -> Document | None:
    """Read and parse one file, its problems added to `problems`."""
    file = read_raw(path, problems, max_bytes)
    if file is None:
        return None
    document, found = parse_file(file)
    problems.extend(found)
    return document


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
                folder = Path(folder)
                found += [folder / name for name in names]
                found += [folder / name for name in folders if (folder / name).is_symlink()]
    return sorted(found, key=lambda path: path.parts)  # as Paths sort, without comparing them pairwise


def read_files(root: Path, only: list[Path] | None = None) -> Reading:
    """Read the registries, the archive index and its articles, the claim files and the published ids.

    `only` limits the claims read to those files; the registries and the
    archive are always read whole, since every claim is checked against them.
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
            registries[name] = read_raw(path, problems, MAX_INDEX_BYTES)
    articles_path = root / "seeds" / "articles.yaml"
    if linked_part(root, articles_path):
        problems.add(str(articles_path), 1, 1, _linked_message(root, linked_part(root, articles_path)))
        articles = None
    elif articles_path.is_file():
        articles = read_raw(articles_path, problems, MAX_INDEX_BYTES)
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
        claims.append((path, relative.parts[0], path.stem, read_raw(path, problems)))
    archive = _read_archive(root)
    return Reading(root, registries, articles, claims, everything, archive,
                   [name for name in archive if name.endswith(".txt")], _read_plain(root, root / PUBLISHED_IDS),
                   _read_editor_schema(root), problems)


def parsed_files(reading: Reading, parsed: dict[Path, tuple[Document | None, ProblemList]]) -> LoadedFiles:
    """The files of `reading` with their documents, `parsed[path]` being `parse_file` of each."""
    problems = ProblemList(reading.problems)

    def document(file: RawFile | None) -> Document | None:
        if file is None:
            return None
        found_document, found = parsed[file.path]
        problems.extend(found)
        return found_document

    registries = {name: document(file) for name, file in reading.registries.items()}
    articles = document(reading.articles)
    claims = [ClaimFile(path, topic, claim_id, document(file)) for path, topic, claim_id, file in reading.claims]
    return LoadedFiles(reading.root, registries, articles, claims, reading.all_claim_paths, problems,
                       reading.editor_schema, reading.archive, reading.seed_names, reading.published_ids)


def load_files(root: Path, only: list[Path] | None = None) -> LoadedFiles:
    """Read and parse every file the pipeline needs (see `read_files`)."""
    reading = read_files(root, only)
    files = parsed_files(reading, {file.path: parse_file(file) for file in reading.raw_files()})
    if only is not None:
        files.replacement_targets = _replacement_targets(files)
    return files


def _replacement_targets(files: LoadedFiles) -> dict[str, Document | None]:
    """The claims that loaded claims name in `replaced_by` but that were not loaded: what they say of
    themselves (withdrawn, replaced) is checked. Their own problems are reported when they are validated."""
    loaded = {claim.id for claim in files.claims}
    in_tree = {path.stem: path for path in files.all_claim_paths}
    targets = {}
    for claim in files.claims:
        data = claim.document.data if claim.document is not None else None
        target = data.get("replaced_by") if isinstance(data, dict) else None
        if isinstance(target, str) and target not in loaded and target in in_tree and target not in targets:
            targets[target] = read_document(in_tree[target], ProblemList())
    return targets


def _read_archive(root: Path) -> dict[str, bytes]:
    """Every plain file directly in seeds/ but the index, by name: the articles the index may name.
    A name the index gives that is not here is missing (or linked, and not followed)."""
    seeds = root / "seeds"
    if not seeds.is_dir() or linked_part(root, seeds):
        return {}
    archive = {}
    for entry in sorted(os.scandir(seeds), key=lambda e: e.name):
        if entry.name != "articles.yaml":
            content = _read_plain(root, Path(entry.path))
            if content is not None:
                archive[entry.name] = content
    return archive


def _read_plain(root: Path, path: Path) -> bytes | None:
    """A plain file's bytes, or None when it is missing, reached through a link, or unreadable."""
    try:
        return path.read_bytes() if path.is_file() and linked_part(root, path) is None else None
    except OSError:
        return None


def _read_editor_schema(root: Path) -> bytes | None:
    path = root / EDITOR_SCHEMA
    try:
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None


def _relative_inside(path: Path, folder: Path) -> Path | None:
    """`path` relative to `folder`, or None when it lies outside (no symlink is followed)."""
    try:
        return _absolute(path).relative_to(_absolute(folder))
    except ValueError:
        return None
