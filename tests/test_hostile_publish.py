"""`make build` publishes atomically: `site` is always the whole old site or the whole new one.

build_tools/publish.py builds into .site-builds/<fresh>/ and swaps the `site`
link in one rename. These tests run it with a stand-in builder that writes
FILES files slowly (so that a kill lands in the middle of a build), kill it at
many moments, run several at once, and meanwhile watch `site` from another
thread: every look must find one complete build.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FILES = 60
# Writes FILES files, each holding the version, one every millisecond or so; exits 1 for version "fail".
BUILDER = """\
import sys, time, pathlib
out, version = pathlib.Path(sys.argv[1]), sys.argv[2]
for n in range(%d):
    (out / f"page-{n}").mkdir()
    (out / f"page-{n}" / "index.html").write_text(version)
    time.sleep(0.001)
sys.exit(1 if version == "fail" else 0)
""" % FILES


def publish(folder: Path, version: str, **kwargs) -> subprocess.Popen:
    builder = folder / "builder.py"
    if not builder.exists():
        builder.write_text(BUILDER)
    return subprocess.Popen(
        [sys.executable, "-m", "build_tools.publish", "--site", str(folder / "site"), "--",
         sys.executable, str(builder), "{out}", version],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, **kwargs)


def site_version(site: Path) -> str:
    """The one version every file of the build `site` points to holds, read through the link as
    it was at one instant; fails on a missing, partial or mixed site."""
    while True:
        target = site.parent / os.readlink(site) if site.is_symlink() else site
        try:
            versions = [(target / f"page-{n}" / "index.html").read_text() for n in range(FILES)]
        except FileNotFoundError:
            if site.is_symlink() and site.parent / os.readlink(site) != target:
                continue  # the link moved on while we read, and the old build was cleaned up: look again
            raise
        assert len(set(versions)) == 1, f"a mixed site: {sorted(set(versions))}"
        return versions[0]


class Watcher(threading.Thread):
    """Looks at `site` as often as it can and records every version it saw, or what was wrong."""

    def __init__(self, site: Path):
        super().__init__(daemon=True)
        self.site, self.seen, self.problems, self.looks = site, set(), [], 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                self.seen.add(site_version(self.site))
            except (AssertionError, OSError) as err:
                self.problems.append(repr(err))
            self.looks += 1

    def finish(self):
        self.stop.set()
        self.join()
        assert not self.problems, self.problems[:5]
        assert self.looks > 10


@pytest.fixture
def folder(tmp_path):
    first = publish(tmp_path, "v0")
    assert first.wait(60) == 0, first.stderr.read()
    assert site_version(tmp_path / "site") == "v0"
    return tmp_path


def test_a_build_killed_at_any_moment_leaves_the_whole_old_or_new_site(folder):
    site = folder / "site"
    watcher = Watcher(site)
    watcher.start()
    versions = set()
    # From before the builder starts to after the swap: 0 to ~0.6 s, in steps.
    for step in range(24):
        version = f"v{step + 1}"
        process = publish(folder, version)
        time.sleep(step * 0.025)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
        now = site_version(site)
        assert now in versions | {"v0", version}, now
        versions.add(now)
    watcher.finish()
    assert len(versions) > 1, "some kills should have come after the swap"
    assert len(watcher.seen) > 1
    # The next build cleans up what the killed ones left.
    final = publish(folder, "final")
    assert final.wait(60) == 0
    assert site_version(site) == "final"
    assert {p.name for p in (folder / ".site-builds").iterdir()} == {"lock", os.readlink(site).split("/")[-1]}
    assert not list(folder.glob(".site.new-*"))


def test_concurrent_builds_wait_for_each_other_and_publish_whole_sites(folder):
    site = folder / "site"
    watcher = Watcher(site)
    watcher.start()
    processes = [publish(folder, f"c{n}") for n in range(4)]
    results = [(p.wait(120), p.stderr.read()) for p in processes]
    watcher.finish()
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert any("another build is publishing site; waiting for it to finish" in err for _, err in results)
    assert site_version(site) in {f"c{n}" for n in range(4)}
    assert len(list((folder / ".site-builds").iterdir())) == 2  # the lock and the published build


def test_a_failed_build_leaves_the_site_and_no_build_behind(folder):
    before = os.readlink(folder / "site")
    process = publish(folder, "fail")
    assert process.wait(60) == 1
    assert process.stderr.read().strip().splitlines()[-1] == "error: the build failed; site is unchanged"
    assert os.readlink(folder / "site") == before and site_version(folder / "site") == "v0"
    assert {p.name for p in (folder / ".site-builds").iterdir()} == {"lock", before.split("/")[-1]}


def test_a_site_folder_from_before_is_exchanged_for_the_link_in_one_step(tmp_path):
    old = tmp_path / "site"
    for n in range(FILES):
        (old / f"page-{n}").mkdir(parents=True)
        (old / f"page-{n}" / "index.html").write_text("folder")
    process = publish(tmp_path, "linked")
    assert process.wait(60) == 0, process.stderr.read()
    assert old.is_symlink() and site_version(old) == "linked"
    assert len(list((tmp_path / ".site-builds").iterdir())) == 2


def test_the_pages_upload_takes_the_files_through_the_link(folder, tmp_path):
    """actions/upload-pages-artifact runs `tar --dereference --hard-dereference --directory "$INPUT_PATH"
    -cvf artifact.tar .` with INPUT_PATH=site: the archive must hold the pages, and no link."""
    archive = tmp_path / "artifact.tar"
    subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory", str(folder / "site"),
                    "-cf", str(archive), "--exclude=.git", "--exclude=.github", "."], check=True)
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
    names = {m.name for m in members}
    assert {f"./page-{n}/index.html" for n in range(FILES)} <= names
    assert not any(m.issym() or m.islnk() for m in members)


# --- strict means strict: real builds of a repository copy --------------------------------------

def make_build(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    stamp = tmp_path / ".setup-done"  # the test's own venv is set up already
    stamp.touch()
    venv = Path(sys.executable).parent.parent
    return subprocess.run(["make", "--no-print-directory", "build", f"VENV={venv}", f"STAMP={stamp}"],
                          cwd=repo, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300)


@pytest.mark.slow  # two make builds each
@pytest.mark.parametrize("breakage", ["broken link in docs", "unlisted seed file"])
def test_make_build_fails_on_every_warning_and_keeps_the_site(site_repo, tmp_path, breakage):
    repo = site_repo
    first = make_build(repo, tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    published = os.readlink(repo / "site")
    if breakage == "broken link in docs":
        with open(repo / "docs" / "about.md", "a", encoding="utf-8") as page:
            page.write("\nSee [the missing page](missing.md).\n")
        expected = "WARNING -  Doc file 'about.md' contains a link 'missing.md', but the target is not found"
    else:
        (repo / "seeds" / "009_unlisted.txt").write_text("Artikel tanpa entri.\n", encoding="utf-8")
        expected = "seeds/articles.yaml:1:1: warning: seeds/009_unlisted.txt is not listed in seeds/articles.yaml"
    second = make_build(repo, tmp_path)
    assert second.returncode != 0
    assert expected in second.stderr, second.stderr[-3000:]
    assert "Aborted with 1 warnings in strict mode!" in second.stdout + second.stderr
    assert "error: the build failed; site is unchanged" in second.stderr
    assert os.readlink(repo / "site") == published
