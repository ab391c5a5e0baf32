"""The MkDocs plugin: the generated pages as virtual files, never written to docs/.

The only module that imports the engine. A thin adapter: check the data,
compare, render (build_tools.render), and hand the result to MkDocs in
`on_files`. Hand-written pages include generated fragments with a
`<!-- briefing:NAME -->` marker.

    plugins:
      - briefing:
          publisher: Our Fact-Check Desk   # named in every claim's ClaimReview
          data_dir: .                      # holds claims/ and seeds/ (default: mkdocs.yml's folder)
          licence: https://creativecommons.org/licenses/by/4.0/  # of the briefing's own text
          listing_page_size: 25    # claims on each page of a topic, originator or verdict listing
          claims_page_size: 250    # rows on each page of the claim index
          sources_page_size: 250   # rows on each page of the source index

When the data has errors, the validator's own messages (path:line:column)
are shown. `mkdocs build` then fails with MkDocs' own error type; `mkdocs
serve` keeps serving the last good pages, so a claim file saved half-way
does not take the site down.

MkDocs keeps one plugin instance across `mkdocs serve` rebuilds because the
plugin defines `on_startup`; what outlives a build lives on that instance.
"""
from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from . import collector, search
from .incremental import Incremental
from .render import PageSizes, Publisher, Site, html_blocks

# MkDocs shows only loggers below "mkdocs.", and counts their warnings under --strict.
log = logging.getLogger("mkdocs.plugins.briefing")
_FRAGMENT_MARKER = re.compile(r"<!--\s*briefing:([a-z0-9-]+)\s*-->")
PLUGIN_NAME = "briefing"
# The tool's own theme overrides (ClaimReview JSON-LD, redirects, the feed link, the 404 page) and
# stylesheet, shipped in the package so that every briefing has them; a briefing's own `custom_dir`
# still comes first.
THEME = Path(__file__).resolve().parent / "theme"
STYLESHEET = "stylesheets/briefing.css"
DATA_FOLDERS = ("claims", "seeds")  # under data_dir: what the briefing is built from


class _PageSize(c.Type):
    """A number of entries a page: a whole number, at least 1."""

    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value):
        value = super().run_validation(value)
        if isinstance(value, bool) or value < 1:
            raise ValidationError(f"a page size is a whole number of at least 1, not {value!r}")
        return value


class BriefingConfig(base.Config):
    # Who publishes the briefing: the author of every claim page's ClaimReview.
    publisher = c.Type(str)
    # The folder holding claims/ and seeds/; relative to mkdocs.yml's folder.
    data_dir = c.Optional(c.Dir(exists=True))
    # The address of the licence of the briefing's own text, named in the ClaimReview data feed.
    licence = c.Optional(c.URL())
    # How many entries each page of a long list holds; the rest go to page 2, 3, ...
    listing_page_size = _PageSize(PageSizes.listing)
    claims_page_size = _PageSize(PageSizes.claims)
    sources_page_size = _PageSize(PageSizes.sources)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self):
        self.serving = False
        self.last_good: Site | None = None
        # Parsed files, checked claims and claim pages by content (build_tools/incremental.py):
        # a save under `mkdocs serve` re-checks and re-renders only what changed.
        self.incremental = Incremental()
        # Each generated page's HTML blocks, set aside while MkDocs converts its Markdown.
        self.blocks: dict[str, list[str]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME / "overrides"))
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        return config

    def on_serve(self, server, *, config, builder):
        # The data lies outside docs/: a save in claims/ or seeds/ rebuilds too.
        for folder in DATA_FOLDERS:
            if (data_dir(config) / folder).is_dir():
                server.watch(str(data_dir(config) / folder))
        return server

    def on_files(self, files, *, config):
        site = self._current_site(data_dir(config), publisher(config), page_sizes(config))
        self.blocks.clear()
        for path, content in (*site.pages.items(), *site.files.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is a hand-written file where a generated one goes; rename it")
            if path in site.pages:
                content, self.blocks[path] = html_blocks.set_aside(content)
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        def include(match: re.Match) -> str:
            name = match.group(1)
            if name not in self.last_good.fragments:
                log.warning(f"{page.file.src_uri}: no generated fragment named '{name}'")
                return match.group(0)
            return self.last_good.fragments[name]

        return _FRAGMENT_MARKER.sub(include, markdown)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        blocks = self.blocks.get(page.file.src_uri)
        if not blocks:
            return html
        page.present_anchor_ids |= html_blocks.anchor_ids(blocks)
        return html_blocks.put_back(html, blocks)

    def on_post_build(self, *, config) -> None:
        # The search index is built from the finished HTML, so it runs after MkDocs has written every page.
        try:
            search.index_site(Path(config.site_dir))
        except search.IndexingFailed as err:
            raise PluginError(f"the search index could not be built: {err}") from None

    def _current_site(self, root: Path, publisher: Publisher, sizes: PageSizes) -> Site:
        try:
            return self._checked_site(root, publisher, sizes)
        except PluginError:
            raise
        except Exception as err:  # a bug of ours; under serve the last good pages stay up
            if not (self.serving and self.last_good is not None):
                raise
            log.error(f"the briefing's build failed ({type(err).__name__}: {err}); still serving the last good pages")
            return self.last_good

    def _checked_site(self, root: Path, publisher: Publisher, sizes: PageSizes) -> Site:
        started = time.perf_counter()
        with collector.paused():
            result = self.incremental.check(root)
            site = self.incremental.render(result, publisher, sizes) if result.ok else None
        for problem in result.problems.warnings:
            log.warning(problem.format())
        if site is not None:
            self.last_good = site
            # One line per build: under `mkdocs serve` it shows what a save cost the project's own stages.
            log.info(f"briefing: {len(result.corpus.claims):,} claims checked and {len(self.last_good.pages):,} "
                     f"pages generated in {time.perf_counter() - started:.2f} s")
            return self.last_good
        errors = "\n".join(problem.format() for problem in
                           sorted(result.problems.errors, key=lambda p: (p.path, p.line, p.column)))
        if self.serving and self.last_good is not None:
            log.error(f"the claim data has errors; still serving the last good pages:\n{errors}")
            return self.last_good
        raise PluginError(f"the claim data has {len(result.problems.errors)} error(s):\n{errors}")


def _options(config) -> BriefingConfig:
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise PluginError(f"{config.config_file_path}: the `{PLUGIN_NAME}` plugin is not listed under `plugins:`")
    return plugin.config


def data_dir(config) -> Path:
    """The folder holding claims/ and seeds/."""
    return Path(_options(config).data_dir or Path(config.config_file_path).parent)


def publisher(config) -> Publisher:
    """Who publishes the briefing (the plugin's `publisher`) at which address (`site_url`), for ClaimReview."""
    if not config.site_url:
        raise PluginError(f"{config.config_file_path}: `site_url` is needed: claim pages name their canonical "
                          "address in their ClaimReview data")
    return Publisher(_options(config).publisher, config.site_url, _options(config).licence)


def page_sizes(config) -> PageSizes:
    """How many entries a page of each long list holds (the plugin's `*_page_size` options)."""
    options = _options(config)
    return PageSizes(options.listing_page_size, options.claims_page_size, options.sources_page_size)


def read_settings(config_file: Path) -> tuple[Path, Publisher, PageSizes]:
    """The data folder, the publisher and the page sizes, from mkdocs.yml as MkDocs itself reads it (`!ENV` tags
    included).

    ValueError when the configuration is wrong; MkDocs logs what is wrong with it."""
    try:
        config = load_config(config_file=str(config_file))
        return data_dir(config), publisher(config), page_sizes(config)
    except (Abort, ConfigurationError, PluginError) as err:
        raise ValueError(str(err)) from None
