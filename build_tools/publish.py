"""`make build`: a strict build, published so that `site` is never half a site.

    python -m build_tools.publish [--site site] [-- COMMAND ... {out} ...]

The site is built into a fresh folder under `.site-builds/`; only when the
build succeeded does `site` change, and then in one step: `site` is a
symbolic link to the current build, replaced with rename(2) (os.replace),
which swaps a link atomically where it could not swap a folder full of
files. At every instant `site` is the whole old site or the whole new one; a
build killed at any moment leaves the old one, and its leftovers are removed
by the next build. A lock (`.site-builds/lock`) makes a second build wait
for the first instead of both swapping at once.

COMMAND defaults to `mkdocs build --strict --site-dir {out}`; without
`--quiet`, so that --strict counts every warning (with --quiet MkDocs drops
the warnings before strict can count them).
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BUILDS = ".site-builds"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.publish", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the published folder (a link to a build)")
    parser.add_argument("command", nargs="*", help="the build command; {out} is the folder to build into")
    args = parser.parse_args(argv)
    command = args.command or [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "{out}"]
    return publish(args.site, command)


def publish(site: Path, command: list[str]) -> int:
    site = site.absolute()
    builds = site.parent / BUILDS
    try:
        builds.mkdir(exist_ok=True)
        lock = open(builds / "lock", "a")
    except OSError as err:
        return _fail(f"cannot prepare {builds}: {err.strerror or err}")
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another build is publishing {site.name}; waiting for it to finish", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        out = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
        out.chmod(0o755)  # mkdtemp makes it private; the site is for everyone to read
        try:
            result = subprocess.run([part.replace("{out}", str(out)) for part in command])
        except KeyboardInterrupt:
            shutil.rmtree(out, ignore_errors=True)
            return _fail(f"interrupted; {site.name} is unchanged", 130)
        except OSError as err:
            shutil.rmtree(out, ignore_errors=True)
            return _fail(f"cannot run {command[0]}: {err.strerror or err}; {site.name} is unchanged")
        if result.returncode != 0:
            shutil.rmtree(out, ignore_errors=True)
            return _fail(f"the build failed; {site.name} is unchanged", result.returncode)
        try:
            _swap_in(site, out)
        except OSError as err:
            shutil.rmtree(out, ignore_errors=True)
            return _fail(f"cannot publish into {site}: {err.strerror or err}; {site.name} is unchanged")
        _clean(site, builds, keep=out)
    return 0


def _swap_in(site: Path, out: Path) -> None:
    """Point `site` at `out` in one rename."""
    link = site.parent / f".{site.name}.new-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(out, site.parent), target_is_directory=True)
    if site.is_dir() and not site.is_symlink():
        # A folder (from a build before this scheme) cannot be renamed over:
        # exchange it with the link in one step, then retire it with the builds.
        retired = out.parent / f"old-{os.getpid()}"
        if _exchange(link, site):
            link.rename(retired)
        else:  # no renameat2 (not Linux): once, for an instant, there is no `site`
            site.rename(retired)
            os.replace(link, site)
    else:
        os.replace(link, site)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): swap two names atomically; False where the system has no such call."""
    try:
        renameat2 = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno), str(b))
    return True


def _clean(site: Path, builds: Path, keep: Path) -> None:
    """Every build but the published one: earlier sites, and what builds that were killed left."""
    leftovers = [entry for entry in builds.iterdir() if entry != keep and entry.name != "lock"]
    leftovers += list(site.parent.glob(f".{site.name}.new-*"))
    for entry in leftovers:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
