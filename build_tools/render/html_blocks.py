"""A generated page's HTML blocks, set aside while MkDocs converts the Markdown around them.

A generated page is Markdown headings between blocks of raw HTML (cards,
tables, passages). Python-Markdown copies a raw HTML block to its output
unchanged, but only after parsing it twice with Python's HTMLParser (MkDocs
to collect its anchor ids, Markdown to find where it ends): at 1,000 claims
that was a third of `mkdocs build`. The plugin swaps each block for a comment
before conversion (`set_aside`) and puts it back into the page's HTML after
(`put_back`), so the page comes out the same, byte for byte
(tests/test_reproducible.py builds both ways and compares).

Only what the renderer writes is set aside: a chunk between blank lines that
opens with a block-level element and ends by closing one (the renderer
writes a chunk as HTML elements one after another, never with Markdown
between them). Data never
holds a blank line or a literal "<" (text.text folds the one and escapes the
other), so no chunk is cut short and no placeholder can be forged.
"""
from __future__ import annotations

import re

_BLOCK_TAGS = "div|p|ul|ol|dl|table|nav|blockquote|figure|section"
_BLOCK = re.compile(rf"<({_BLOCK_TAGS})[\s>].*</({_BLOCK_TAGS})>\n?", re.DOTALL)
_PLACEHOLDER = re.compile(r"<!--briefing-block-(\d+)-->")
_ID = re.compile(r'\sid="([^"]+)"')


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The page with each HTML block replaced by a numbered comment, and the blocks."""
    chunks = markdown.split("\n\n")
    blocks: list[str] = []
    for index, chunk in enumerate(chunks):
        if _BLOCK.fullmatch(chunk):
            chunks[index] = f"<!--briefing-block-{len(blocks)}-->" + ("\n" if chunk.endswith("\n") else "")
            blocks.append(chunk.rstrip("\n"))
    return "\n\n".join(chunks), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with its blocks where their comments are."""
    return _PLACEHOLDER.sub(lambda match: blocks[int(match[1])], html)


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids the blocks define, for MkDocs' check of links to anchors."""
    return {found for block in blocks for found in _ID.findall(block)}
