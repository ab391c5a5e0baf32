"""One definition of a safe link: a target the validator lets through is a link on the page, and
a target the renderer would drop is a validation error, never a silent loss of the link."""
from __future__ import annotations

import pytest

from build_tools.links import unsafe_links
from build_tools.render.text import markdown_subset

TARGETS = {
    "https://example.org/a": True,
    "http://example.org/": True,
    "/methodology/": True,
    "../claims/x/": True,
    "javascript:void": False,
    "JavaScript:void": False,
    "java&#115;cript:void": False,
    "&#106;avascript:x": False,
    "java&Tab;script:x": False,
    "data:text/html,x": False,
    "vbscript:x": False,
    "//evil.example/": False,
    "/\\evil.example/": False,
    "\\\\evil.example/": False,
    "mailto:a@example.org": False,
}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_the_validator_refuses_exactly_the_links_the_renderer_would_drop(target):
    text = f"See [the source]({target})."
    refused = list(unsafe_links(text)) == [target]
    linked = "<a href=" in markdown_subset(text, 1)
    assert refused == (not TARGETS[target])
    assert linked == TARGETS[target]
