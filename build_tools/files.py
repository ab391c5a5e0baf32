"""Writing that never leaves half a file or half a folder behind, for the commands that write.

The stages never write; `schema`, `archive add`, `generate` and `init` do,
and each must leave either the old state or the whole new one.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .problems import display_path, excerpt


def replace_whole(path: Path, content: bytes) -> None:
    """Write `content` to a file beside `path`, then rename it over `path`: a reader never sees half of it."""
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_bytes(content)
    temporary.replace(path)


def shown(target: Path) -> str:
    return excerpt(display_path(str(Path(target).absolute())), 120)


def unfit_folder(target: Path, label: str = "") -> str | None:
    """Why `target` cannot become a folder written whole (it is a file, or its parent is missing), or None."""
    if target.exists() and not target.is_dir():
        return f"{label}{shown(target)} is a file, not a folder: nothing written"
    if not target.absolute().parent.is_dir():
        return f"{label}{shown(target)}: the folder it would go in does not exist: nothing written"
    return None


@contextmanager
def staging_beside(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target`, on the same file system so that renames out of it are atomic;
    removed afterwards with whatever is still in it."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.absolute().name}.", dir=target.absolute().parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
