"""Every data string reaches a page through this module.

Claim and article files are untrusted input: a quote, a title or a name must
show as the text it is, never as HTML or Markdown. Pages are Markdown files
that mix Markdown and raw HTML, and whether a spot is parsed as Markdown
depends on its context; so plain text is escaped in a way that reads the same
in both: HTML-escaped, and every character Markdown or its extensions treat
as syntax written as a numeric character reference, which Markdown passes
through untouched and the browser shows as the character.

`analysis` and corrections are a Markdown subset (paragraphs, emphasis, lists,
links), rendered here to HTML: raw HTML and any other syntax show as text, and
links are limited to http(s) and the site's own pages (build_tools/links.py).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from ..links import is_safe_link

# HTML syntax, then Markdown syntax (emphasis, links, code, headings, lists,
# tables, attribute lists) and that of the enabled extensions (fences, tabs,
# admonitions). One substitution, so nothing is escaped twice; a regular
# expression rather than str.translate, which is four times slower with
# replacements longer than one character.
_MARKDOWN_SYNTAX = "\\`*_{}[]()#+-!|~^=:$"
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
               **{char: f"&#{ord(char)};" for char in _MARKDOWN_SYNTAX}}
_SYNTAX = re.compile("[" + re.escape("".join(_REFERENCES)) + "]")
# Characters that open a fenced block; the fence preprocessor runs before raw
# HTML is set aside, so rendered HTML must not contain them literally either.
_FENCE_CHARACTERS = str.maketrans({"`": "&#96;", "~": "&#126;"})
_WHITE_SPACE = re.compile(r"\s+")


class Html(str):
    """Markup safe to print as it is, which templates print unescaped (render/templating.py says what makes one)."""

    __slots__ = ()


@lru_cache(maxsize=8192)  # names, labels and outlets recur on every page that cites them
def text(value: str | None) -> str:
    """Plain text, safe anywhere in a page: in Markdown, in HTML, in an attribute.

    White space is folded to single spaces, as HTML shows it anyway and as
    quotes are verified; a line break in data must not start a Markdown block.
    """
    return _SYNTAX.sub(_reference, " ".join(value.split())) if value else ""


def text_run(value: str) -> str:
    """Like text(), for a piece of a longer text: leading and trailing spaces kept (folded)."""
    return _SYNTAX.sub(_reference, _WHITE_SPACE.sub(" ", value))


def _reference(match: re.Match) -> str:
    return _REFERENCES[match[0]]


def outbound_url(url: str | None) -> str | None:
    """An external address for an href attribute, or None when it is not http(s)."""
    if not url or not urlsplit(url.strip()).scheme or not is_safe_link(url):
        return None
    return html.escape(url.strip(), quote=True).translate(_FENCE_CHARACTERS)


# The analysis subset, parsed here rather than by Python-Markdown: at 10,000
# claims a full Markdown converter per analysis was a third of the render
# stage, for syntax the subset does not allow. Blocks are separated by blank
# lines; a block whose first line starts with "-", "*", "+" or "1." is a list
# (or goes on with the list before it), each such line an item and other
# lines its continuation; anything else is a paragraph. Inline: backslash
# escapes, [text](target), **strong** and *emphasis* (or __ and _, which do
# not open or close inside a word). Everything else is text. The parse is
# linear in the length of the text whatever it holds, since editors' text is
# untrusted: a regular expression for nested emphasis backtracks for ever on
# a line of unclosed asterisks.
_LINE_BREAK = re.compile(r"\r\n?|\n")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r" {0,3}(?:(?P<bullet>[-*+])|\d+\.)[ \t]+(?=\S)")
_INLINE = re.compile(
    r"\\(?P<escaped>[\\`*_{}\[\]()#+\-.!])"
    # Not an image (![alt](src)): it would be a request to another host; shown as text.
    r"|(?<!!)\[(?P<label>[^\[\]]*)\]\((?P<target>[^()\s]*)\)"
    r"|(?P<run>\*+|_+)")


def markdown_subset(source: str, depth: int) -> Html:
    """Render the analysis Markdown subset to HTML for a page `depth` folders below the root."""
    blocks: list[str] = []
    list_tag, items = "", []   # the list being built: "ul" or "ol", and each item's lines
    for chunk in _BLANK_LINES.split(_LINE_BREAK.sub("\n", source)):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        first = _LIST_ITEM.match(lines[0])
        tag = "" if first is None else list_tag or ("ul" if first.group("bullet") else "ol")
        if tag != list_tag:  # as in Python-Markdown, a list after a blank line goes on, whatever its markers
            blocks.append(_list_html(list_tag, items, depth))
            list_tag, items = tag, []
        if not tag:
            blocks.append(f"<p>{_inline(' '.join(lines), depth)}</p>")
            continue
        for line in lines:
            item = _LIST_ITEM.match(line)
            if item:
                items.append([line[item.end():]])
            else:
                items[-1].append(line)
    blocks.append(_list_html(list_tag, items, depth))
    return Html("\n".join(block for block in blocks if block))


def _list_html(tag: str, items: list[list[str]], depth: int) -> str:
    if not items:
        return ""
    entries = "\n".join(f"<li>{_inline(' '.join(lines), depth)}</li>" for lines in items)
    return f"<{tag}>\n{entries}\n</{tag}>"


@dataclass
class _Delimiters:
    """A run of * or _ in the text: what is left of it shows as text, with the tags it opens or closes."""
    char: str
    count: int
    closes: list[str] = field(default_factory=list)  # innermost first
    opens: list[str] = field(default_factory=list)   # innermost first

    def html(self) -> str:
        return ("".join(f"</{tag}>" for tag in self.closes) + text_run(self.char * self.count)
                + "".join(f"<{tag}>" for tag in reversed(self.opens)))


def _inline(source: str, depth: int) -> str:
    """Inline spans of the subset as HTML; all text through text_run().

    Emphasis is matched with a stack of open delimiter runs per character,
    as CommonMark does: a run that can close takes the nearest opener of its
    character (two characters from each for strong when both have them, else
    one for emphasis); openers of the other character inside the span are
    dropped, so tags never cross.
    """
    nodes: list[str | _Delimiters] = []
    openers: dict[str, list[int]] = {"*": [], "_": []}  # indexes into nodes
    position = 0
    for match in _INLINE.finditer(source):
        nodes.append(text_run(source[position:match.start()]))
        position = match.end()
        kind = match.lastgroup
        if kind == "escaped":
            nodes.append(text_run(match.group(kind)))
        elif kind == "target":
            nodes.append(_link(match.group("label"), match.group("target"), depth))
        else:
            run = _Delimiters(match.group(kind)[0], len(match.group(kind)))
            before = source[match.start() - 1] if match.start() else " "
            after = source[match.end()] if match.end() < len(source) else " "
            can_open, can_close = not after.isspace(), not before.isspace()
            if run.char == "_":
                can_open, can_close = can_open and not _is_word(before), can_close and not _is_word(after)
            if can_close:
                _close(run, nodes, openers)
            if run.count and can_open:
                openers[run.char].append(len(nodes))
            nodes.append(run)
    nodes.append(text_run(source[position:]))
    return "".join(node if isinstance(node, str) else node.html() for node in nodes).strip()


def _close(closer: _Delimiters, nodes: list, openers: dict[str, list[int]]) -> None:
    stack, other = openers[closer.char], openers["_" if closer.char == "*" else "*"]
    while closer.count and stack:
        start = stack[-1]
        opener = nodes[start]
        width = 2 if closer.count >= 2 and opener.count >= 2 else 1
        tag = "strong" if width == 2 else "em"
        opener.count -= width
        closer.count -= width
        opener.opens.append(tag)
        closer.closes.append(tag)
        if not opener.count:
            stack.pop()
        while other and other[-1] > start:
            other.pop()


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _link(label: str, target: str, depth: int) -> str:
    """A link to an http(s) address (rel=nofollow) or to a site page; any other target leaves the label as text."""
    label_html = _inline(label, depth)
    if not is_safe_link(target):
        return label_html
    if target.startswith("/"):
        target = "../" * depth + target.lstrip("/") or "./"
    rel = ' rel="nofollow noopener"' if urlsplit(target).scheme else ""
    return f'<a href="{html.escape(target, quote=True).translate(_FENCE_CHARACTERS)}"{rel}>{label_html}</a>'
