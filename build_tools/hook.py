"""MkDocs hook: the generated pages as virtual files, never written to docs/.

A thin adapter: check the data, compare, render (build_tools.render), and
hand the result to MkDocs in `on_files`. Hand-written pages include
generated fragments with a `<!-- briefing:NAME -->` marker.

When the data has errors, the validator's own messages (path:line:column)
are shown. `mkdocs build` then fails with MkDocs' own error type; `mkdocs
serve` keeps serving the last good pages, so a claim file saved half-way
does not take the site down.
"""
from __future__ import annotations

import logging
import re
import sys
import time
from pathlib import Path

# MkDocs imports a hook by its file path, as a top-level module, with only
# this folder on sys.path; the package it belongs to is one level up.
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)
if _PACKAGE_PARENT not in sys.path:
    sys.path.insert(0, _PACKAGE_PARENT)

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from build_tools import pipeline  # noqa: E402
from build_tools.render import Publisher, Site, html_blocks, render_site  # noqa: E402

# MkDocs shows only loggers below "mkdocs.", and counts their warnings under --strict.
log = logging.getLogger("mkdocs.hooks.briefing")
_FRAGMENT_MARKER = re.compile(r"<!--\s*briefing:([a-z0-9-]+)\s*-->")

# The hook module lives as long as the `mkdocs serve` process, across rebuilds.
_serving = False
_last_good: Site | None = None
# Parsed files and checked claims by content: a save under `mkdocs serve`
# re-checks only what changed.
_memos = pipeline.Memos.new()
# Each generated page's HTML blocks, set aside while MkDocs converts its Markdown.
_blocks: dict[str, list[str]] = {}


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_files(files, config):
    site = _current_site(Path(config.config_file_path).parent, publisher(config))
    _blocks.clear()
    for path, content in (*site.pages.items(), *site.files.items()):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is a hand-written file where a generated one goes; rename it")
        if path in site.pages:
            content, _blocks[path] = html_blocks.set_aside(content)
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, page, config, files) -> str:
    blocks = _blocks.get(page.file.src_uri)
    if not blocks:
        return html
    page.present_anchor_ids |= html_blocks.anchor_ids(blocks)
    return html_blocks.put_back(html, blocks)


def on_page_markdown(markdown: str, page, config, files) -> str:
    def include(match: re.Match) -> str:
        name = match.group(1)
        if name not in _last_good.fragments:
            log.warning(f"{page.file.src_uri}: no generated fragment named '{name}'")
            return match.group(0)
        return _last_good.fragments[name]

    return _FRAGMENT_MARKER.sub(include, markdown)


def publisher(config) -> Publisher:
    """Who publishes the briefing (`extra.publisher`) at which address (`site_url`), for ClaimReview."""
    try:
        return Publisher.from_settings(config.site_url, config.extra)
    except ValueError as err:
        raise PluginError(str(err)) from None


def _current_site(root: Path, publisher: Publisher) -> Site:
    try:
        return _checked_site(root, publisher)
    except PluginError:
        raise
    except Exception as err:  # a bug of ours; under serve the last good pages stay up
        if not (_serving and _last_good is not None):
            raise
        log.error(f"the briefing's build failed ({type(err).__name__}: {err}); still serving the last good pages")
        return _last_good


def _checked_site(root: Path, publisher: Publisher) -> Site:
    global _last_good
    started = time.perf_counter()
    result = pipeline.check(root, memos=_memos)
    for problem in result.problems.warnings:
        log.warning(problem.format())
    if result.ok:
        _last_good = render_site(result.corpus, result.comparisons, publisher, _memos.pages)
        _memos.pages.end_run()
        # One line per build: under `mkdocs serve` it shows what a save cost the project's own stages.
        log.info(f"briefing: {len(result.corpus.claims):,} claims checked and {len(_last_good.pages):,} pages "
                 f"generated in {time.perf_counter() - started:.2f} s")
        return _last_good
    errors = "\n".join(problem.format() for problem in
                       sorted(result.problems.errors, key=lambda p: (p.path, p.line, p.column)))
    if _serving and _last_good is not None:
        log.error(f"the claim data has errors; still serving the last good pages:\n{errors}")
        return _last_good
    raise PluginError(f"the claim data has {len(result.problems.errors)} error(s):\n{errors}")
