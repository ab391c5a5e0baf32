"""Verdict styles from claims/verdicts.yaml: colours readable on both schemes, icons the theme has.

A verdict's colour is text on the page, so it must reach WCAG AA (4.5:1)
against the background of the scheme it is shown in: Material's light
("default", white) and dark ("slate") schemes. No single colour does both
(one dark enough for white is too dark for slate), hence a light and a dark
one. Its icon is a path under the installed theme's .icons folder, as
Material's own `icon:` settings name them ("material/check-decagram").
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import material

from .problems import ProblemList, excerpt
from .yamldoc import Document

AA_CONTRAST = 4.5
# The page backgrounds: Material's default scheme, and slate's
# --md-default-bg-color, hsla(225deg, 15%, 14%), as the browser renders it.
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}
ICONS = Path(material.__file__).parent / "templates" / ".icons"
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #rgb or #rrggbb colour."""
    digits = _HEX.match(colour).group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2's contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours(entry: dict) -> dict[str, str]:
    """The colour for each scheme: `colour` is one for both, or {light, dark}."""
    colour = entry["colour"]
    return dict(colour) if isinstance(colour, dict) else {scheme: colour for scheme in BACKGROUNDS}


def icon_exists(name: str) -> bool:
    return (ICONS / f"{name}.svg").is_file()


def _icon_hint(name: str) -> str:
    """The nearest icon of the same set, or an example, for a name the theme does not have."""
    folder = (ICONS / name).parent
    known = sorted(f"{folder.relative_to(ICONS).as_posix()}/{p.stem}" for p in folder.glob("*.svg")) if folder.is_dir() else []
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean `{close[0]}`?" if close else "use a name such as material/check-decagram"


def check_verdict_styles(doc: Document, problems: ProblemList) -> None:
    """Each verdict of a schema-valid registry readable in both schemes, and told apart from the others."""
    seen_icons: dict[str, str] = {}
    seen_colours: dict[tuple, str] = {}
    for index, entry in enumerate(doc.data):
        def report(path: tuple, message: str) -> None:
            line, column = doc.position((index,) + path)
            problems.add(doc.path, line, column, message)

        single = not isinstance(entry["colour"], dict)
        by_scheme = colours(entry)
        for scheme, colour in by_scheme.items():
            ratio = contrast_ratio(colour, BACKGROUNDS[scheme])
            if ratio < AA_CONTRAST:
                hint = "; no one colour is readable on both, so give `colour: {light: …, dark: …}`" if single else ""
                report(("colour",) if single else ("colour", scheme),
                       f"verdict `{entry['id']}`: colour {colour} has contrast {ratio:.2f}:1 on the {scheme} "
                       f"background ({BACKGROUNDS[scheme]}); text needs at least {AA_CONTRAST}:1{hint}")
        if not icon_exists(entry["icon"]):
            report(("icon",), f"verdict `{entry['id']}`: icon `{excerpt(entry['icon'], 80)}` is not among the "
                              f"theme's icons (material/templates/.icons); {_icon_hint(entry['icon'])}")
        elif entry["icon"] in seen_icons:
            report(("icon",), f"verdict `{entry['id']}` has the same icon as `{seen_icons[entry['icon']]}`; "
                              f"each verdict needs its own")
        seen_icons.setdefault(entry["icon"], entry["id"])
        pair = tuple(by_scheme[scheme].lower() for scheme in BACKGROUNDS)
        if pair in seen_colours:
            report(("colour",), f"verdict `{entry['id']}` has the same colour as `{seen_colours[pair]}`; "
                                f"each verdict needs its own")
        seen_colours.setdefault(pair, entry["id"])


def icon_svg(name: str) -> str:
    """A theme icon's SVG, by the name check_verdict_styles has checked it exists under."""
    return (ICONS / f"{name}.svg").read_text(encoding="utf-8")
