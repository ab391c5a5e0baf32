"""What `mkdocs serve` keeps between rebuilds: the MkDocs plugin's one cache.

A save under `mkdocs serve` rebuilds the whole site. The stages are plain
functions, and the per-file work is visible as such: `load.parse_file` (one
file), `validate.check_context` (registries and archive), `validate.check_claim`
(one claim in its context) and `render.claim_page` (one claim's page). This
module runs the pipeline as `pipeline.check` and `render.render_site` do, but
through those functions with their results remembered by content, so a save
parses, checks and renders again only what it changed. Everything across
claims (published ids, comparisons, verdicts, listings, feeds) is computed
again on every rebuild, since one claim can change any of it.

Every key is built here, from content, never from object identity:
  a parse     the file's path and the digest of its bytes
  the context the root, and the digests of the registries, the archive index and every archived file
  a claim     its file's path and bytes, the files sharing its id, and the context
  a page      its claim's file and bytes, its comparison (which may depend on
              other claims), the context and the publisher
"""
from __future__ import annotations

import hashlib

from . import load, pipeline, render, validate
from .render import PageSizes, Publisher, Site


class Kept:
    """A dictionary that forgets whatever the last run did not use, so that edits do not pile up."""

    def __init__(self):
        self._kept: dict = {}
        self._used: dict = {}

    def get(self, key, compute):
        if key not in self._used:
            self._used[key] = self._kept[key] if key in self._kept else compute()
        return self._used[key]

    def end_run(self) -> None:
        self._kept, self._used = self._used, {}


class Incremental:
    """The pipeline and the renderer with their per-file results remembered between rebuilds."""

    def __init__(self):
        self.parses, self.contexts, self.claims, self.pages = Kept(), Kept(), Kept(), Kept()
        self._claim_keys: dict[str, tuple] = {}  # claim id -> what its page's key takes from the last check

    def check(self, root) -> pipeline.CheckResult:
        """As `pipeline.check(root)`."""
        reading = load.read_files(root)
        files = load.parsed_files(reading, {
            file.path: self.parses.get((file.path, file.digest), lambda file=file: load.parse_file(file))
            for file in reading.raw_files()})
        context_key = _context_key(reading)
        context = self.contexts.get(context_key, lambda: validate.check_context(files))
        same_id = validate.claim_paths_by_id(files)
        raw = {path: file.digest if file else None for path, _, _, file in reading.claims}
        checked = [self.claims.get((str(f.path), raw[f.path], same_id[f.id], context_key),
                                   lambda f=f: validate.check_claim(f, context, same_id[f.id]))
                   for f in files.claims]
        corpus, problems = validate.corpus_of(files, context, checked)
        for kept in (self.parses, self.contexts, self.claims):
            kept.end_run()
        self._claim_keys = {f.id: (str(f.path), raw[f.path], context_key) for f in files.claims}
        return pipeline.check_across(files, corpus, problems)

    def render(self, result: pipeline.CheckResult, publisher: Publisher, sizes: PageSizes = PageSizes()) -> Site:
        """As `render.render_site`, for the result of this instance's last `check`."""
        corpus, comparisons = result.corpus, result.comparisons
        pages = {}
        for claim in corpus.claims.values():
            if claim.replaced_by:
                continue
            comparison = comparisons[claim.id]
            key = (self._claim_keys[claim.id], _digest(repr(comparison).encode("utf-8")), publisher)
            pages[claim.id] = self.pages.get(key, lambda: render.claim_page(corpus, claim, comparison, publisher))
        self.pages.end_run()
        return render.site_of(corpus, comparisons, publisher, pages, sizes)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _context_key(reading: load.Reading) -> bytes:
    """What `validate.check_context` reads: the registries, the archive index, the archive, the root."""
    parts = [str(reading.root).encode("utf-8")]
    parts += [file.digest if file else b"-" for file in (*reading.registries.values(), reading.articles)]
    for name, content in reading.archive.items():
        parts += [name.encode("utf-8"), _digest(content)]
    return _digest(b"\0".join(parts))
