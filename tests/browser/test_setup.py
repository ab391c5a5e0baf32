"""Without the browser, browser tests skip with a notice saying how to install it; under CI they fail."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_harness(**env):
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment.update(env, BRIEFING_CHROMIUM="/nonexistent/chromium")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(HERE / "test_harness.py")],
        cwd=HERE.parent.parent, capture_output=True, text=True, timeout=120, env=environment,
    )


def test_missing_browser_skips_with_install_notice():
    result = run_harness()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 skipped" in result.stdout
    assert "/nonexistent/chromium is missing" in result.stdout
    assert "apt-get install chromium" in result.stdout


def test_missing_browser_fails_under_ci():
    result = run_harness(CI="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "cannot run under CI=true" in result.stdout
    assert "passed" not in result.stdout and "skipped" not in result.stdout
