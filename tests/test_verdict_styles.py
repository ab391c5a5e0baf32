"""Verdict colours and icons in claims/verdicts.yaml: readable in both schemes, real icons, each its own.

The rules run on fixtures (tests/fixtures/verdicts/, each the real registry
with one entry spoiled), so an editor restyling a verdict does not break them.
"""
from __future__ import annotations

import colorsys
import shutil

import pytest
import yaml

from build_tools import styles
from conftest import FIXTURES, REPO, run_cli

VERDICT_FIXTURES = FIXTURES / "verdicts"

# fixture -> (line:column, message): the contrast is computed, not looked up.
BAD_REGISTRIES = {
    "low-contrast-light.yaml": ("13:12", "verdict `single-source`: colour #6cb4e4 has contrast 2.26:1 on the light "
                                         "background (#ffffff); text needs at least 4.5:1"),
    "low-contrast-dark.yaml": ("28:30", "verdict `unproven`: colour #7b3fa0 has contrast 2.35:1 on the dark "
                                        "background (#1e2129); text needs at least 4.5:1"),
    "one-colour.yaml": ("18:3", "verdict `disputed`: colour #767676 has contrast 3.54:1 on the dark background "
                                "(#1e2129); text needs at least 4.5:1; no one colour is readable on both"),
    "unknown-icon.yaml": ("24:3", "verdict `outdated`: icon `material/calendar-clocks` is not among the theme's "
                                  "icons (material/templates/.icons); did you mean `material/calendar-clock`?"),
    "same-icon.yaml": ("29:3", "verdict `unproven` has the same icon as `corroborated`; each verdict needs its own"),
    "bad-colour.yaml": ("8:3", "`[0].colour`: a colour is a hex colour"),
}


@pytest.mark.parametrize(("foreground", "background", "ratio"), [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#767676", "#ffffff", 4.54),   # the palest grey that passes AA on white
    ("#777", "#fff", 4.48),         # one step paler fails it
    ("#ffffff", "#1e2129", 16.09),  # white text on Material's slate
])
def test_contrast_ratio_is_wcag_2(foreground, background, ratio):
    assert styles.contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.005)
    assert styles.contrast_ratio(background, foreground) == pytest.approx(ratio, abs=0.005)


@pytest.mark.parametrize("fixture", sorted(BAD_REGISTRIES))
def test_a_bad_verdict_style_is_refused_at_its_key(scratch_repo, fixture):
    shutil.copy(VERDICT_FIXTURES / fixture, scratch_repo / "claims" / "verdicts.yaml")
    position, message = BAD_REGISTRIES[fixture]
    result = run_cli("validate", "--root", str(scratch_repo))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"claims/verdicts.yaml:{position}: {message}" in result.stderr


def test_every_verdict_fixture_is_tested():
    assert {p.name for p in VERDICT_FIXTURES.glob("*.yaml")} == set(BAD_REGISTRIES)


def test_the_real_verdicts_are_told_apart_and_unproven_is_not_green():
    verdicts = {v["id"]: v for v in yaml.safe_load((REPO / "claims" / "verdicts.yaml").read_text(encoding="utf-8"))}
    assert {"corroborated", "single-source", "disputed", "outdated", "unproven"} <= set(verdicts)
    assert len({v["icon"] for v in verdicts.values()}) == len(verdicts)
    for scheme in styles.BACKGROUNDS:
        assert len({styles.colours(v)[scheme].lower() for v in verdicts.values()}) == len(verdicts)
        digits = styles.colours(verdicts["unproven"])[scheme].lstrip("#")
        hue = colorsys.rgb_to_hls(*(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)))[0] * 360
        assert not 75 <= hue <= 165, f"unproven's {scheme} colour #{digits} is green (hue {hue:.0f})"
