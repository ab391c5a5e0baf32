"""Stable addresses: a published claim id never disappears.

claims/published-ids.txt records every claim id ever published, one per line,
sorted, and only grows. A claim is retired by marking it `withdrawn` (its page
stays, with a notice) or `replaced_by` another claim (its page redirects),
never by deleting or renaming its file, since readers and other sites link to
its address.

The "recorded id has no file" check uses the whole tree listing, because
`validate FILE ...` loads only the named claims. That the file only grows is
checked against an earlier commit (`validate --since REF`, run on pull
requests against their base): deleting a claim together with its line would
otherwise pass.
"""
from __future__ import annotations

import bisect
import difflib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import model
from .load import CLAIM_SUFFIX, PUBLISHED_IDS, LoadedFiles
from .problems import ProblemList, excerpt
from .yamldoc import YamlDocError, parse_bytes
from .validate import ID_PATTERN

HEADER = """\
# Every claim id ever published, one per line, sorted. This file only grows:
# retire a claim by marking it `withdrawn` or `replaced_by` in its file, never
# by deleting or renaming the file. `python -m build_tools new` adds new ids.
"""


@dataclass(frozen=True)
class RecordedId:
    id: str
    line: int


def read_recorded(raw: bytes, path: Path, problems: ProblemList) -> list[RecordedId]:
    """The ids in the file's bytes, reporting lines that are not ids, duplicates and disorder."""
    recorded: list[RecordedId] = []
    seen: dict[str, int] = {}
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.add(str(path), 1, 1, f"not valid UTF-8 ({err.reason})")
        return recorded
    for number, line in enumerate(content.split("\n"), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if not ID_PATTERN.fullmatch(text):
            problems.add(str(path), number, 1, f"`{excerpt(text, 60)}` is not a claim id (lowercase words joined by hyphens)")
            continue
        if text in seen:
            problems.add(str(path), number, 1, f"`{text}` is listed twice (first at line {seen[text]})")
            continue
        if recorded and text < recorded[-1].id:
            # Sorted order keeps concurrent additions from colliding in merges.
            problems.add(str(path), number, 1, f"ids must be sorted: `{text}` comes before `{recorded[-1].id}` (line {recorded[-1].line})")
        seen[text] = number
        recorded.append(RecordedId(text, number))
    return recorded


def check_since(files: LoadedFiles, ref: str, problems: ProblemList) -> None:
    """Every id recorded at commit `ref` is still recorded: the file only grows. Asks git for the file at `ref`."""
    root = files.root
    listing = Path(root) / PUBLISHED_IDS
    if ref.startswith("-"):  # git would read it as an option
        problems.add(str(listing), 1, 1, f"`{excerpt(ref, 60)}` is not a git commit or branch name")
        return
    try:
        # safe.directory: CI containers run as root on a checkout another user owns;
        # this only reads the repository the user asked to compare.
        shown = subprocess.run(["git", "-c", f"safe.directory={Path(root).resolve()}", "show",
                                f"{ref}:{PUBLISHED_IDS.as_posix()}"], cwd=root,
                               env={**os.environ, "LC_ALL": "C"},  # git's messages in English, as matched below
                               capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=60)
    except (OSError, subprocess.SubprocessError) as err:
        problems.add(str(listing), 1, 1, f"cannot compare with {ref}: git did not run ({err})")
        return
    if shown.returncode:
        reason = (shown.stderr.strip().splitlines() or ["unknown error"])[-1]
        if "exists on disk, but not in" in reason or "does not exist in" in reason:
            return  # nothing was published at that commit
        problems.add(str(listing), 1, 1, f"cannot read {PUBLISHED_IDS.as_posix()} at {ref}: {excerpt(reason, 200)}")
        return
    before = {line.strip() for line in shown.stdout.split("\n") if ID_PATTERN.fullmatch(line.strip())}
    now = read_recorded(files.published_ids, listing, ProblemList()) if files.published_ids is not None else []
    recorded = [entry.id for entry in now]
    for removed in sorted(before - set(recorded)):
        place = bisect.bisect(recorded, removed)
        line = now[place].line if place < len(now) else (now[-1].line + 1 if now else 1)
        problems.add(str(listing), line, 1,
                     f"`{removed}` was published at {ref} and is no longer listed: published ids are never removed. "
                     f"Restore the line and its claim file, and retire the claim with `withdrawn` or `replaced_by`")


def ids_in_tree(all_claim_paths: list[Path], root: Path) -> dict[str, Path]:
    """Claim id -> file, for every claims/<topic>/<id>.yaml in the tree."""
    claims_dir = (root / "claims").absolute()
    return {p.stem: p for p in all_claim_paths
            if p.suffix == CLAIM_SUFFIX and p.parent.parent.absolute() == claims_dir}


def check(files: LoadedFiles, corpus: model.Corpus, problems: ProblemList) -> None:
    """Every claim is recorded, every recorded id still has its file, retirements are sound."""
    listing = files.root / PUBLISHED_IDS
    in_tree = ids_in_tree(files.all_claim_paths, files.root)
    if files.published_ids is not None:
        recorded = read_recorded(files.published_ids, listing, problems)
        for entry in recorded:
            if entry.id not in in_tree:
                problems.add(str(listing), entry.line, 1,
                             f"published claim `{entry.id}` has no file: a published page must stay. Restore "
                             f"claims/<topic>/{entry.id}.yaml and retire it with `withdrawn` or `replaced_by` "
                             f"instead of deleting or renaming it")
        recorded_ids = {entry.id for entry in recorded}
        for claim_file in files.claims:
            if claim_file.id not in recorded_ids and ID_PATTERN.fullmatch(claim_file.id):
                problems.add(str(claim_file.path), 1, 1,
                             f"claim id `{claim_file.id}` is not recorded in {PUBLISHED_IDS.as_posix()}: create claims "
                             f"with `python -m build_tools new TOPIC ID`, or add the line `{claim_file.id}` to that file")
    else:
        problems.add(str(listing), 1, 1, f"missing: {PUBLISHED_IDS.as_posix()} records the published claim ids; "
                                         f"without it a deleted claim goes unnoticed", "warning")
    documents = {**files.replacement_targets, **{claim_file.id: claim_file.document for claim_file in files.claims}}
    for claim in corpus.claims.values():
        if claim.replaced_by is not None:
            _check_replacement(claim, documents, in_tree, problems)


def _check_replacement(claim: model.Claim, documents: dict, in_tree: dict[str, Path], problems: ProblemList) -> None:
    line, column = documents[claim.id].position(("replaced_by",))

    def error(message: str) -> None:
        problems.add(claim.path, line, column, message)

    target = claim.replaced_by
    if claim.withdrawn is not None:
        error("a claim is either `withdrawn` or `replaced_by` another, not both")
    elif target == claim.id:
        error("a claim cannot be replaced by itself")
    elif target not in in_tree:
        close = difflib.get_close_matches(target, list(in_tree), n=1)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        error(f"`replaced_by` names `{target}`, which has no claim file{hint}")
    else:
        data = _document_data(target, documents)
        if "withdrawn" in data:
            error(f"`replaced_by` names `{target}`, which is itself withdrawn: point at a claim that stands")
        elif "replaced_by" in data:
            error(f"`replaced_by` names `{target}`, which is itself replaced by "
                  f"`{excerpt(str(data['replaced_by']), 60)}`: point at the claim that stands, not along a chain")


def _document_data(claim_id: str, documents: dict) -> dict:
    """The raw data of a claim file, loaded (load.py reads the targets of the claims it loads); its own
    problems are reported when it is validated."""
    document = documents.get(claim_id)
    return document.data if document is not None and isinstance(document.data, dict) else {}


def record(root: Path, claim_id: str, all_claim_paths: list[Path]) -> None:
    """Add an id to the published-ids file in sorted place, creating the file if it is missing.

    A new file lists every claim already in the tree, since each of them is
    published by the same build.
    """
    listing = Path(root) / PUBLISHED_IDS
    if not listing.is_file():
        ids = sorted(set(ids_in_tree(all_claim_paths, Path(root))) | {claim_id})
        listing.write_text(HEADER + "".join(f"{i}\n" for i in ids), encoding="utf-8")
        return
    lines = listing.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    id_rows = [(line.strip(), index) for index, line in enumerate(lines)
               if line.strip() and not line.lstrip().startswith("#")]
    if claim_id in {text for text, _ in id_rows}:
        return
    place = bisect.bisect([text for text, _ in id_rows], claim_id)
    at = id_rows[place][1] if place < len(id_rows) else len(lines)
    lines.insert(at, claim_id + "\n")
    listing.write_text("".join(lines), encoding="utf-8")


# What a claim says, for the corrections policy: a change to any of these
# since the base commit is logged in `corrections`. English wording (the
# translation, the analysis) may be polished without an entry.
_SUBSTANCE = ("claim", "verdict", "claimant", "measure", "figure")
_SOURCE_SUBSTANCE = ("article", "quote", "originator", "via", "stance", "figure", "attribution")


def check_corrections_since(files: LoadedFiles, ref: str, corpus: model.Corpus, problems: ProblemList) -> None:
    """A published claim changed in substance since `ref` has a new corrections entry; a re-rating gives verdict_before.

    Only claim files that git reports as changed are read at `ref`. Errors in
    running git are reported by check_since, which runs with it.
    """
    if ref.startswith("-"):
        return
    root = files.root
    git = ["git", "-c", f"safe.directory={Path(root).resolve()}"]
    try:
        changed = subprocess.run([*git, "diff", "--name-only", "--no-renames", ref, "--", "claims/"], cwd=root,
                                 env={**os.environ, "LC_ALL": "C"}, capture_output=True, text=True,
                                 encoding="utf-8", errors="replace", timeout=60)
    except (OSError, subprocess.SubprocessError):
        return
    if changed.returncode:
        return
    by_path = {Path(claim.path).absolute(): claim for claim in corpus.claims.values()}
    for name in changed.stdout.splitlines():
        claim = by_path.get((Path(root) / name).absolute())
        if claim is None:
            continue
        before = _data_at(git, root, ref, name)
        if before is None:
            continue  # new since `ref`, or unreadable there: nothing published to compare
        document = files.document(claim.path)
        _check_logged(claim, document, before, document.data, ref, problems)


def _sources_substance(sources) -> list:
    if not isinstance(sources, list):
        return []
    return [{key: entry.get(key) for key in _SOURCE_SUBSTANCE} if isinstance(entry, dict) else entry
            for entry in sources]


def _data_at(git: list[str], root: Path, ref: str, name: str) -> dict | None:
    try:
        shown = subprocess.run([*git, "show", f"{ref}:{name}"], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if shown.returncode:
        return None
    try:
        data = parse_bytes(name, shown.stdout).data
    except YamlDocError:
        return None
    return data if isinstance(data, dict) else None


def _check_logged(claim: model.Claim, document, before: dict, now: dict, ref: str, problems: ProblemList) -> None:
    old_corrections = before.get("corrections") if isinstance(before.get("corrections"), list) else []
    new_entries = claim.corrections[len(old_corrections):]
    old_verdict = before.get("verdict")
    if isinstance(old_verdict, str) and old_verdict != claim.verdict:
        if not any(c.verdict_before == old_verdict for c in new_entries):
            line, column = document.position(("verdict",))
            problems.add(claim.path, line, column,
                         f"the verdict changed from `{excerpt(old_verdict, 40)}` since {excerpt(ref, 60)}: add a "
                         f"corrections entry with its date, change and reason, and `verdict_before: "
                         f"{excerpt(old_verdict, 40)}`")
        return
    if new_entries:
        return
    changed = [key for key in _SUBSTANCE if before.get(key) != now.get(key)]
    if _sources_substance(before.get("sources")) != _sources_substance(now.get("sources")):
        changed.append("sources")
    if changed:
        line, column = document.position(("corrections",))
        problems.add(claim.path, line, column,
                     f"{', '.join(f'`{key}`' for key in changed)} changed since {excerpt(ref, 60)} without a "
                     f"corrections entry: every change to a published claim is logged with its date, change and reason")
