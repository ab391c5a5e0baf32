"""`python -m build_tools init DIR`: start a new briefing, whole or not at all.

The starter ships inside the package, in build_tools/starter/: mkdocs.yml,
a Makefile, the registries with one example entry each (and the tool's
default verdict scale), an example article written for the purpose with its
archive entry, one claim that quotes it, the editors' README and the CI
workflows. The theme overrides and the stylesheet are the plugin's own
(build_tools/theme/), not copied. It is copied as it is, except that the archive entry gets the
example article's checksum, requirements.txt names the tool as it is installed
where init runs (tool_requirement), and schema/claim.schema.json is written
from the registries. The result is validated before it is moved to DIR: a starter
that does not validate is a bug of the tool, and leaves nothing behind.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path

from . import editor_schema, files, pipeline
from .problems import ProblemList, excerpt

STARTER = Path(__file__).parent / "starter"
ARCHIVE_INDEX = Path("seeds/articles.yaml")
EXAMPLE_ARTICLE = Path("seeds/example-water.txt")
CHECKSUM_PLACEHOLDER = "SHA256-OF-THE-ARTICLE"
REQUIREMENTS = Path("requirements.txt")
TOOL = "factcheck-briefing"
TOOL_PLACEHOLDER = "TOOL-REQUIREMENT"


def tool_requirement() -> str:
    """The requirements.txt line that installs this tool from where it was installed (pip's
    record of it, PEP 610): a git URL at its commit, a folder or archive, else the version
    from the package index. Not yet on PyPI: the line a checkout gives is the one that works."""
    # pip's record is on the installed copy; a source tree's own egg-info (which an editable
    # install leaves there, found first when run from it) has none.
    installs = list(metadata.distributions(name=TOOL))
    if not installs:  # run from a checkout that was never installed
        return f"{TOOL} @ {Path(__file__).resolve().parent.parent.as_uri()}"
    recorded = next((text for text in (d.read_text("direct_url.json") for d in installs) if text), None)
    if not recorded:
        return f"{TOOL}=={installs[0].version}"
    origin = json.loads(recorded)
    vcs = origin.get("vcs_info")
    if vcs:
        return f"{TOOL} @ {vcs['vcs']}+{origin['url']}@{vcs['commit_id']}"
    return f"{TOOL} @ {origin['url']}"


def init(target: Path) -> tuple[Path | None, ProblemList | str]:
    """Write a new briefing into `target` (absent or empty). Returns (target, problems) or (None, why)."""
    target = Path(target)
    unfit = files.unfit_folder(target)
    if unfit:
        return None, unfit
    if target.is_dir() and any(target.iterdir()):
        return None, f"{files.shown(target)} is not empty; a new briefing starts in an empty or new folder: nothing written"
    try:
        with files.staging_beside(target) as staging:
            tree = staging / "briefing"
            _copy_starter(tree)
            digest = hashlib.sha256((tree / EXAMPLE_ARTICLE).read_bytes()).hexdigest()
            index = tree / ARCHIVE_INDEX
            index.write_text(index.read_text(encoding="utf-8").replace(CHECKSUM_PLACEHOLDER, digest), encoding="utf-8")
            requirements = tree / REQUIREMENTS
            requirements.write_text(requirements.read_text(encoding="utf-8").replace(TOOL_PLACEHOLDER, tool_requirement()),
                                    encoding="utf-8")
            checked = pipeline.check(tree, only=[])
            if checked.ok:
                editor_schema.write(tree, checked.corpus)
                checked = pipeline.check(tree)
            if not checked.ok:
                return None, checked.problems
            if target.is_dir():
                target.rmdir()  # empty, as checked above: a rename cannot replace a folder
            os.rename(tree, target)
            return target, checked.problems
    except OSError as err:
        return None, f"cannot write {files.shown(target)}: {excerpt(err.strerror or str(err))}: nothing written"


def _copy_starter(tree: Path) -> None:
    """Copy the starter's files' contents only: an installed package's read-only modes stay behind."""
    for source in sorted(STARTER.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            destination = tree / source.relative_to(STARTER)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
