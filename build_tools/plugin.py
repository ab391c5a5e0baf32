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

Under `mkdocs serve --dirty` (`make serve`) a save renders again only the
generated pages whose HTML can have changed: each generated page outside the
navigation has a key (its Markdown as generated, and what every page carries:
the list of files, the navigation, the configuration, the theme's own
templates), and MkDocs' dirty mode skips a page whose key is the one its
output on disk was written with. Pages in the navigation and hand-written
pages are rendered every time (they are few, and their titles and fragments
are known only once rendered). Outputs of files that are gone are deleted, so
the served folder holds what a clean build writes. A plain `mkdocs serve`
renders everything, as MkDocs does, into a folder it empties first. Under
`--dirty` the search index is built whole once, then a save indexes only the
pages whose HTML changed since (search.ServedIndex), by the digest of each
page as written (`on_post_page`); a plain serve indexes the whole site again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import sysconfig
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
        self.dirty = False  # `mkdocs serve --dirty`: MkDocs renders only the pages whose file says it is modified
        # Under serve: each generated page's key as its output on disk was last written, and this build's keys.
        self.written_keys: dict[str, bytes] = {}
        self.page_keys: dict[str, bytes] = {}
        # Under serve: the output file of every file of the last finished build, and of this one,
        # and the folder they were written to.
        self.written_outputs: set[str] = set()
        self.outputs: set[str] = set()
        self.written_site_dir: str | None = None
        # Under `serve --dirty`: what each page's output on disk is to the search index (search.indexed_digest),
        # and the index, which a save brings up to date by indexing only the pages changed. A plain serve
        # empties the folder before each rebuild: it indexes the whole site every time.
        self.indexed_digests: dict[str, bytes | None] = {}
        self.served_index = search.ServedIndex()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        self._forget_written()

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
        self.page_keys = {}
        for path, content in (*site.pages.items(), *site.files.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is a hand-written file where a generated one goes; rename it")
            if path in site.pages:
                self.page_keys[path] = _digest(content)
                content, self.blocks[path] = html_blocks.set_aside(content)
            files.append(File.generated(config, path, content=content))
        return files

    def on_nav(self, nav, *, config, files):
        if self.serving:
            self.outputs = {file.abs_dest_path for file in files}
            if config.site_dir != self.written_site_dir:  # MkDocs keeps one plugin instance per process
                self._forget_written()
        if not self.dirty:
            return nav
        # Material's lunr search indexes only the pages rendered in this build: with it, every page is.
        skipping = "material/search" not in config.plugins and "search" not in config.plugins
        site_key = _site_key(nav, files, config, self.page_keys)
        self.page_keys = {path: _digest(key, site_key) for path, key in self.page_keys.items()}
        pages = files.documentation_pages()
        rendered = 0
        for file in pages:
            unchanged = (skipping and file.page is not None and file.page not in nav.pages
                         and self.written_keys.get(file.src_uri) == self.page_keys.get(file.src_uri)
                         and os.path.isfile(file.abs_dest_path))
            # MkDocs' dirty mode asks each page's file whether it is modified (for a generated file,
            # always yes; for a hand-written one, by its output's mtime, which misses its fragments).
            file.is_modified = _answer(not unchanged)
            rendered += not unchanged
        log.info(f"briefing: {rendered:,} of {len(pages):,} pages to render again")
        return nav

    def on_post_build(self, *, config) -> None:
        if self.serving:
            # `mkdocs serve` builds into one folder that only a clean build empties: what a deleted
            # claim's page (or any file gone since) left there goes.
            for output in self.written_outputs - self.outputs:
                _remove_with_empty_folders(Path(output), Path(config.site_dir))
            self.written_outputs, self.written_keys = self.outputs, self.page_keys
            self.written_site_dir = config.site_dir
        # The search index is built from the finished HTML on disk, every page of it (those a dirty
        # rebuild skipped too), so it runs after MkDocs has written every page.
        site_dir = Path(config.site_dir)
        try:
            if self.dirty:
                self.indexed_digests = {output: digest for output, digest in self.indexed_digests.items()
                                        if output in self.outputs}
                overlay = self.served_index.update(site_dir, {output: digest for output, digest
                                                              in self.indexed_digests.items() if digest})
                if overlay is not None:
                    log.info(f"briefing: search index: {overlay:,} pages changed since the whole site was indexed")
            else:
                search.index_site(site_dir)
        except search.IndexingFailed as err:
            raise PluginError(f"the search index could not be built: {err}") from None

    def on_build_error(self, *, error):
        # Some pages may have been written with keys never recorded: the next build renders them all.
        self.written_keys = {}
        self.served_index.forget()

    def _forget_written(self) -> None:
        self.written_keys, self.written_outputs, self.written_site_dir = {}, set(), None
        self.indexed_digests = {}
        self.served_index.forget()

    def on_template_context(self, context, *, template_name, config):
        if template_name == "404.html":  # the page offers a way onward: each topic
            context["topics"] = self.last_good.topics
        return context

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

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.dirty:
            self.indexed_digests[page.file.abs_dest_path] = search.indexed_digest(output)
        return output

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


def _digest(*parts: str | bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.digest()


def _answer(modified: bool):
    return lambda: modified


def _site_key(nav, files, config, generated: dict[str, bytes]) -> bytes:
    """What lands in every page's HTML besides its own Markdown: the files (links), the navigation (its
    entries, and the Markdown of those whose titles come from it), the configuration and the theme's templates."""
    parts = [f"{file.src_uri}>{file.dest_uri}" for file in files]
    for page in nav.pages:
        parts += [page.file.src_uri, repr(page.title)]
        if "title" not in vars(page):  # no title in the navigation: MkDocs takes it from the page's Markdown
            parts.append(generated.get(page.file.src_uri) or Path(page.file.abs_src_path).read_bytes())
    parts += _nav_entries(nav.items, depth=0)
    # Not the configuration file's path: `mkdocs serve` names it relatively for its first build only.
    parts += [f"{name}={value!r}" for name, value in sorted(config.items())
              if name not in ("plugins", "config_file_path")]
    parts += [f"{name}={plugin.config!r}" for name, plugin in config.plugins.items()]
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    for folder in map(Path, config.theme.dirs):
        if not folder.resolve().is_relative_to(installed):  # an installed theme does not change under serve
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    parts.append(f"{path}:{path.stat().st_mtime_ns}:{path.stat().st_size}")
    return _digest(*parts)


def _nav_entries(items, depth: int) -> list[str]:
    """Each entry of the navigation (section, page or link) with its title, address and depth."""
    entries = []
    for item in items:
        entries.append(f"{depth}:{item!r}")
        entries += _nav_entries(getattr(item, "children", None) or [], depth + 1)
    return entries


def _remove_with_empty_folders(output: Path, site_dir: Path) -> None:
    output.unlink(missing_ok=True)
    folder = output.parent
    while folder != site_dir and folder.is_relative_to(site_dir) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


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
