"""The verdicts' colours and icons as a stylesheet, from claims/verdicts.yaml, so a new verdict needs no code.

Each verdict gets two custom properties, `--verdict-colour` (its light
colour, and its dark one under Material's slate scheme) and `--verdict-icon`
(its theme icon as a data: URL, drawn as a CSS mask in the text colour, the
way Material draws its admonition icons); docs/stylesheets/briefing.css uses
them for the verdict box, the badges and the listings. The stances' icons come
the same way. Colours are checked as #rgb or #rrggbb and icons as theme icon
names (build_tools/styles.py), ids as ^[a-z0-9-]+$: nothing here can break out
of its declaration. The icons are read from the installed theme, the one file
read here besides the package's own.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from .. import model, styles

# A source's stance, shown at the top of its card in words and with this icon.
STANCE_ICONS = {
    "supports": "material/check-circle-outline",
    "contradicts": "material/close-octagon-outline",
    "context": "material/information-outline",
}


@lru_cache(maxsize=64)
def _icon_url(name: str) -> str:
    return f'url("data:image/svg+xml;charset=utf-8,{quote(styles.icon_svg(name))}")'


def verdict_stylesheet(corpus: model.Corpus) -> str:
    rules = ["/* Generated from claims/verdicts.yaml (build_tools/render/stylesheet.py). */"]
    for verdict in corpus.verdicts.values():
        scope = f".md-typeset .verdict--{verdict.id}, .md-typeset .verdict-badge--{verdict.id}"
        rules.append(f"{scope} {{ --verdict-colour: {verdict.colour_light}; --verdict-icon: {_icon_url(verdict.icon)}; }}")
        dark = ", ".join(f'[data-md-color-scheme="slate"] {selector.strip()}' for selector in scope.split(","))
        rules.append(f"{dark} {{ --verdict-colour: {verdict.colour_dark}; }}")
    for stance, icon in STANCE_ICONS.items():
        rules.append(f".md-typeset .source-card__stance--{stance} {{ --stance-icon: {_icon_url(icon)}; }}")
    return "\n".join(rules) + "\n"
