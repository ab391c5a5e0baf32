"""Without the browser (or Java, for the markup check), the tests skip with a notice saying how to
install it; under CI they fail."""
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


def run_markup_check_without_java(tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment.update(env, PATH=str(tmp_path))  # an empty folder: no java on the PATH
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         str(HERE / "test_markup.py") + "::test_the_checker_finds_an_error_in_markup"],
        cwd=HERE.parent.parent, capture_output=True, text=True, timeout=120, env=environment,
    )


def test_missing_java_skips_the_markup_check_with_a_notice(tmp_path):
    result = run_markup_check_without_java(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "markup check skipped: Java is not installed" in result.stdout


def test_missing_java_fails_the_markup_check_under_ci(tmp_path):
    result = run_markup_check_without_java(tmp_path, CI="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Java is not installed" in result.stdout and "(CI=true)" in result.stdout
    assert "passed" not in result.stdout and "skipped" not in result.stdout
