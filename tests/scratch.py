"""Scratch repositories: copies of this one to break or to build, made one way for every test.

Not a test module and no fixtures (those are in conftest.py, built on `scratch_repository`):
test modules import from here, never from each other.

    scratch_repository(target, claims=..., data=..., site=..., reverse=...)
    SITE_CLAIMS      the claim files of the site-build tests (three sources, hostile, withdrawn, replaced)
    THREE_SOURCES    the disputed claim among them, as text, for tests that break it
"""
from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What builds the site besides the data: the MkDocs set-up, the generator, and what `make build` runs.
SITE_SOURCES = ("mkdocs.yml", "docs", "build_tools", "Makefile", "requirements.txt", "pyproject.toml")


def copy_tree(source: Path, destination: Path, reverse: bool = False) -> None:
    """Copy the files under `source` (no byte-code); with `reverse`, created in reverse sorted
    order, so that a build which depended on the order of directory listings would show it."""
    files = sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in (reversed(files) if reverse else files):
        target = destination / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def scratch_repository(target: Path, claims: str | Mapping[str, str] = "none", data: Path = REPO,
                       site: bool = False, reverse: bool = False) -> Path:
    """A repository at `target` with the archive (seeds/) and the registries (claims/*.yaml) of `data`, and:

    claims   "none": no claim files; "all": every file under data's claims/ (its claims and
             published-ids.txt too); a mapping {path under claims/: text}: those claim files,
             their ids listed in claims/published-ids.txt
    site     also this repository's mkdocs.yml, docs/, build_tools/ and what `make build` needs
    reverse  files created in reverse order (see copy_tree)
    """
    target.mkdir(parents=True, exist_ok=True)
    if site:
        for name in (SITE_SOURCES[::-1] if reverse else SITE_SOURCES):
            if (REPO / name).is_dir():
                copy_tree(REPO / name, target / name, reverse=reverse)
            else:
                shutil.copy2(REPO / name, target / name)
    copy_tree(data / "seeds", target / "seeds", reverse=reverse)
    if claims == "all":
        copy_tree(data / "claims", target / "claims", reverse=reverse)
        return target
    (target / "claims").mkdir(exist_ok=True)
    for registry in sorted(data.joinpath("claims").glob("*.yaml"), reverse=reverse):
        shutil.copy2(registry, target / "claims" / registry.name)
    if isinstance(claims, Mapping):
        ids = sorted(Path(path).stem for path in claims)
        (target / "claims" / "published-ids.txt").write_text("\n".join(ids) + "\n", encoding="utf-8")
        for path, content in claims.items():
            (target / "claims" / path).parent.mkdir(parents=True, exist_ok=True)
            (target / "claims" / path).write_text(content, encoding="utf-8")
    elif claims != "none":
        raise ValueError(f"claims must be 'none', 'all' or a mapping, not {claims!r}")
    return target


THREE_SOURCES = """\
claim: 4,000 North Korean soldiers have been killed or wounded in Russia
title: How many North Korean soldiers have been killed or wounded?
bottom_line: South Korea's military said 4,000 in March 2025; a July report gives 6,000, from estimates it does not attribute.
verdict: disputed
claimant: sk-jcs
measure: nk-killed-wounded
figure:
  value: 4000
  unit: soldiers
published: "2026-11-21"
last_reviewed: "2026-11-21"
translator: Briefing editors
sources:
  - article: kompastv-mar2025
    quote: Ia juga mengungkapkan dari 11.000 tentara Korut yang dikirim pertama kali ke Rusia, 4.000 di antaranya telah terbunuh atau cedera.
    translation: It also disclosed that of the 11,000 North Korean soldiers first sent to Russia, 4,000 have been killed or injured.
    originator: sk-jcs
    via: [The Japan Times]
    date: "2025-03-27"
    stance: supports
    figure:
      value: 4000
      unit: soldiers
      period: {as_of: "2025-03-27"}
  - article: wonsan-jul2025
    quote: Diperkirakan 4.000 tentara Korea Utara telah tewas atau terluka di Rusia, menurut pejabat Barat .
    translation: An estimated 4,000 North Korean soldiers have been killed or wounded in Russia, according to Western officials.
    originator: western-officials
    date: "2025-07"
    stance: supports
    figure:
      value: 4000
      unit: soldiers
      period: {as_of: "2025-07"}
  - article: bi-jul2025
    quote: Perkiraan Barat menyebutkan 6.000 dari tentara Korea Utara itu tewas atau terluka.
    translation: Western estimates say 6,000 of those North Korean soldiers have been killed or wounded.
    originator: western-estimates
    via: [Business Insider]
    date: "2025-07"
    stance: contradicts
    figure:
      value: 6000
      unit: soldiers
      period: {as_of: "2025-07"}
analysis: |
  The two July figures do not overlap, so the toll is **disputed**.
corrections: []
"""

# Hostile but valid: Markdown and HTML in every plain-text field, raw HTML in
# the analysis. Its quote overlaps the start of the quote above.
HOSTILE = """\
claim: "[x](javascript:alert(1)) <script>alert(1)</script> *em* {: onclick=x}"
title: "Hostile <img src=x onerror=alert(1)> [click](javascript:alert(1)) `code`"
bottom_line: "Bottom <img src=x onerror=alert(5)> **line** [z](javascript:alert(6)) {: onclick=x} !!! note"
verdict: single-source
claimant: sk-jcs
published: "2026-11-21"
last_reviewed: "2026-11-21"
translator: "<b>Desk</b> & co"
sources:
  - article: kompastv-mar2025
    quote: Ia juga mengungkapkan dari
    translation: "**bold** <script>alert(2)</script> [y](javascript:alert(3))"
    originator: sk-jcs
    date: "2025-03-27"
    stance: supports
analysis: |
  <script>alert(4)</script> <img src="https://tracker.example/x.png">
  ![pixel](https://tracker.example/p.png) [fine](https://example.com/) [home](/claims/three-sources/)
  ```
  fence
  ```
corrections:
  - date: "2026-11-21"
    change: "Retitled. <iframe src=https://evil.example></iframe>"
    reason: "Clearer. <iframe src=https://evil.example></iframe>"
"""
# Retired claims: one withdrawn (its page stays, with a notice), one replaced
# by three-sources (its page redirects there).
WITHDRAWN = THREE_SOURCES.replace("corrections: []", """corrections: []
withdrawn:
  date: "2026-11-21"
  reason: A duplicate of *three-sources*, kept so that its address still answers.""")
REPLACED = THREE_SOURCES.replace("corrections: []", "corrections: []\nreplaced_by: three-sources\nreplaced_on: \"2026-11-22\"")
SITE_CLAIMS = {"casualties/three-sources.yaml": THREE_SOURCES, "casualties/hostile.yaml": HOSTILE,
               "casualties/withdrawn-toll.yaml": WITHDRAWN, "casualties/old-toll.yaml": REPLACED}
