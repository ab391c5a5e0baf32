"""Shared fixtures: the real repository, and scratch copies of it to break."""
from __future__ import annotations

import shutil
import subprocess
import textwrap
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGISTRY_FILES = ("topics.yaml", "measures.yaml", "originators.yaml", "stances.yaml", "verdicts.yaml")


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """The real archive and registries, with no claims: a place to add one claim and check it."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "claims").mkdir(parents=True)
    for name in REGISTRY_FILES:
        shutil.copy(REPO / "claims" / name, root / "claims" / name)
    return root


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile corpus (tests/fixtures/hostile/) built with mkdocs --strict, once for
    the file checks (test_hostile_site.py) and the browser checks alike. Skips where
    the site cannot be built."""
    from browser.support import HOSTILE_DATA, build_site, make_checkout, site_is_buildable

    missing = site_is_buildable()
    if missing:
        pytest.skip(missing)
    root = make_checkout(tmp_path_factory.mktemp("hostile") / "repo", HOSTILE_DATA)
    out = root.parent / "site"
    result = build_site(root, out)
    assert result.returncode == 0, f"mkdocs build --strict of the hostile corpus failed:\n{result.stderr[-4000:]}"
    return out


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m build_tools ...` as a user would, capturing its output."""
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
