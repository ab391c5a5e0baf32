"""Which link targets a page may carry: one definition for the validator and the renderer.

Editors' Markdown (analyses, corrections, reasons) may link to http(s)
addresses and to the site's own pages, nothing else; the archive index's
article addresses (`url`, `archived_url`) must be http(s) addresses. No
address may hold a quotation mark or an angle bracket (`"`, `<`, `>`), written
or as a character reference, which would end the attribute or tag the address
is put in wherever it is not escaped: a real address has them percent-encoded. The validator refuses any other target at its line
and column; the renderer, as a second line of defence, shows the link's
label as text.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

_SAFE_SCHEMES = ("http", "https")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_ENDS_AN_ATTRIBUTE = re.compile('["<>]')
# Link targets in editors' Markdown: inline links and images, reference
# definitions, and autolinks. Wider than what the renderer makes links of,
# so that nothing that could become one is left unchecked.
_LINK_TARGETS = re.compile(
    r"\]\(\s*<?([^)\s>]*)"
    r"|^[ ]{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)"
    r"|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>",
    re.MULTILINE,
)


def is_safe_link(target: str) -> bool:
    """http(s) addresses and relative links; not javascript:, data:, //host, ..."""
    # Judge the address as a browser reads it: character references decoded,
    # tabs, line breaks and control characters dropped, backslashes as slashes.
    target = _URL_IGNORED.sub("", html.unescape(target)).replace("\\", "/")
    if target.startswith("//") or _ENDS_AN_ATTRIBUTE.search(target):
        return False
    scheme = _SCHEME.match(target)
    return not scheme or scheme.group(1).lower() in _SAFE_SCHEMES


def is_safe_address(address: str) -> bool:
    """An article's own address: an absolute http(s) address that is a safe link."""
    return bool(re.match(r"https?://", address, re.IGNORECASE)) and is_safe_link(address)


def unsafe_links(text: str) -> Iterator[str]:
    """Every link target in `text` that a page may not carry, as written."""
    for match in _LINK_TARGETS.finditer(text):
        target = next(group for group in match.groups() if group is not None)
        if not is_safe_link(target):
            yield target
