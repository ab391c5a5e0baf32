"""Every data string reaches a page through this module.

Claim and article files are untrusted input: a quote, a title or a name must
show as the text it is, never as HTML or Markdown. Pages are Markdown files
that mix Markdown and raw HTML, and whether a spot is parsed as Markdown
depends on its context; so plain text is escaped in a way that reads the same
in both: HTML-escaped, and every character Markdown or its extensions treat
as syntax written as a numeric character reference, which Markdown passes
through untouched and the browser shows as the character.

`analysis` and corrections are a Markdown subset, rendered here to HTML with
raw HTML switched off and links limited to http(s) and the site's own pages.
"""
from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from urllib.parse import urlsplit

from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# HTML syntax, then Markdown syntax (emphasis, links, code, headings, lists,
# tables, attribute lists) and that of the enabled extensions (fences, tabs,
# admonitions). One translation table, so nothing is escaped twice.
_MARKDOWN_SYNTAX = "\\`*_{}[]()#+-!|~^=:$"
_AS_REFERENCES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                                **{char: f"&#{ord(char)};" for char in _MARKDOWN_SYNTAX}})
# Characters that open a fenced block; the fence preprocessor runs before raw
# HTML is set aside, so rendered HTML must not contain them literally either.
_FENCE_CHARACTERS = str.maketrans({"`": "&#96;", "~": "&#126;"})
_SAFE_SCHEMES = ("http", "https")
_WHITE_SPACE = re.compile(r"\s+")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def text(value: str | None) -> str:
    """Plain text, safe anywhere in a page: in Markdown, in HTML, in an attribute.

    White space is folded to single spaces, as HTML shows it anyway and as
    quotes are verified; a line break in data must not start a Markdown block.
    """
    return text_run(value.strip()) if value else ""


def text_run(value: str) -> str:
    """Like text(), for a piece of a longer text: leading and trailing spaces kept (folded)."""
    return _WHITE_SPACE.sub(" ", value).translate(_AS_REFERENCES)


def is_safe_link(target: str) -> bool:
    """http(s) addresses and relative links; not javascript:, data:, //host, ..."""
    # Judge the address as a browser reads it: character references decoded,
    # tabs, line breaks and control characters dropped, backslashes as slashes.
    target = _URL_IGNORED.sub("", html.unescape(target)).replace("\\", "/")
    if target.startswith("//"):
        return False
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", target)
    return not scheme or scheme.group(1).lower() in _SAFE_SCHEMES


def outbound_url(url: str | None) -> str | None:
    """An external address for an href attribute, or None when it is not http(s)."""
    if not url or not urlsplit(url.strip()).scheme or not is_safe_link(url):
        return None
    return html.escape(url.strip(), quote=True).translate(_FENCE_CHARACTERS)


class _LinkPolicy(Treeprocessor):
    """Keep only safe link targets; make site-absolute paths relative to the page."""

    def __init__(self, md: markdown.Markdown, depth: int):
        super().__init__(md)
        self.depth = depth

    def run(self, root):
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag == "img":
                    # No images: they would be requests to other hosts.
                    replacement = _text_span(element.get("alt", ""), element.tail)
                    parent.remove(element)
                    parent.insert(index, replacement)
        for link in root.iter("a"):
            target = link.get("href", "")
            if not is_safe_link(target):
                del link.attrib["href"]
                continue
            if target.startswith("/"):
                link.set("href", posixpath.join("../" * self.depth or "./", target.lstrip("/")))
            if urlsplit(target).scheme:
                link.set("rel", "nofollow noopener")


def _text_span(content: str, tail: str | None) -> Element:
    span = Element("span")
    span.text = content
    span.tail = tail
    return span


class _SubsetExtension(Extension):
    def __init__(self, depth: int):
        super().__init__()
        self.depth = depth

    def extendMarkdown(self, md):
        # Raw HTML is shown as text: without these, `<script>` passes through.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("automail")  # builds mailto: links
        md.treeprocessors.register(_LinkPolicy(md, self.depth), "link_policy", 0)


@lru_cache(maxsize=None)
def _subset_converter(depth: int) -> markdown.Markdown:
    # Building a converter costs a third of a conversion; one per page depth is reused.
    return markdown.Markdown(extensions=[_SubsetExtension(depth)], output_format="html")


def markdown_subset(source: str, depth: int) -> str:
    """Render the analysis Markdown subset to HTML for a page `depth` folders below the root."""
    rendered = _subset_converter(depth).reset().convert(source)
    return rendered.translate(_FENCE_CHARACTERS)
