"""Shared fixtures: the real repository, scratch copies of it to break (all made by
scratch.scratch_repository), sites built once per session, and the CLI run in-process.

    scratch_repo        the real archive and registries, no claims (function scope)
    site_repo           a buildable copy with the site-build claims (scratch.SITE_CLAIMS)
    real_site_build     a copy of this checkout built once with `mkdocs build --strict`
    hostile_site        the hostile corpus built once with `mkdocs build --strict`
"""
from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools import cli
from scratch import SITE_CLAIMS, scratch_repository

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGISTRY_FILES = ("topics.yaml", "measures.yaml", "originators.yaml", "stances.yaml", "verdicts.yaml")


# Tests that use these fixtures build a whole site (or drive the browser): marked slow.
SLOW_FIXTURES = {"built", "real_site_build", "hostile_site", "builds", "real_site", "chromium"}


def pytest_collection_modifyitems(items):
    """`slow` on the browser tests and on every test that needs a built site, so that
    `make test-quick` (pytest -m "not slow") runs the rest; explicit marks cover the others."""
    for item in items:
        if item.get_closest_marker("browser") or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """The real archive and registries, with no claims: a place to add one claim and check it."""
    return scratch_repository(tmp_path / "repo")


@pytest.fixture
def site_repo(tmp_path: Path) -> Path:
    """This repository's site sources, registries and archive, with the claims of scratch.SITE_CLAIMS."""
    return scratch_repository(tmp_path / "repo", claims=SITE_CLAIMS, site=True)


@pytest.fixture(scope="session")
def real_site_build(tmp_path_factory) -> tuple[Path, Path]:
    """(checkout, site): a copy of this checkout, claims and all, and its `mkdocs build --strict`,
    made once for every test that needs the real site unchanged (browser tests, reproducibility,
    the untampered archive). Skips where the site cannot be built."""
    from browser.support import build_site, skip_unless_site_is_buildable

    skip_unless_site_is_buildable()
    base = tmp_path_factory.mktemp("real-site")
    root = scratch_repository(base / "repo", claims="all", site=True)
    out = base / "site"
    result = build_site(root, out, extra_env={"PYTHONHASHSEED": "1"})
    assert result.returncode == 0, f"mkdocs build --strict of this checkout failed:\n{result.stderr[-4000:]}"
    return root, out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile corpus (tests/fixtures/hostile/) built with mkdocs --strict, once for
    the file checks (test_hostile_site.py) and the browser checks alike. Skips where
    the site cannot be built."""
    from browser.support import HOSTILE_DATA, build_site, skip_unless_site_is_buildable

    skip_unless_site_is_buildable()
    root = scratch_repository(tmp_path_factory.mktemp("hostile") / "repo", claims="all", data=HOSTILE_DATA, site=True)
    out = root.parent / "site"
    result = build_site(root, out)
    assert result.returncode == 0, f"mkdocs build --strict of the hostile corpus failed:\n{result.stderr[-4000:]}"
    return out


@dataclass
class Ran:
    """What a command did: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None) -> Ran:
    """`python -m build_tools ...` in this process: cli.main(args) run from `cwd` (default: this
    repository), its output captured. Environment variables: set them with monkeypatch."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or REPO), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        returncode = cli.main([str(arg) for arg in args])
    return Ran(returncode, out.getvalue(), err.getvalue())


def run_cli_process(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m build_tools ...` as a user starts it, in a process of its own: only for
    what the in-process run cannot prove (the entry point, the exit status the shell sees)."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args],
        cwd=cwd or REPO, capture_output=True, text=True, timeout=120, env=env,
    )


def guide_example(name: str) -> str:
    """The code block after `<!-- example: NAME -->` in CONTRIBUTING.md, its indentation removed."""
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    after = guide.split(f"<!-- example: {name} -->\n", 1)[1]
    fence, _, rest = after.partition("\n")
    indent = fence[: len(fence) - len(fence.lstrip())]
    assert fence.strip().startswith("```"), name
    return textwrap.dedent(rest.split(f"\n{indent}```", 1)[0] + "\n")
