"""Results of per-file stages, remembered by content between rebuilds.

Under `mkdocs serve` every save rebuilds the site; with a memo, a rebuild
re-parses and re-checks only the files whose bytes changed (and every file
when something they are checked against changes: a registry, the archive).
"""
from __future__ import annotations

import hashlib


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class Memo:
    """A dictionary that forgets whatever the last run did not use."""

    def __init__(self):
        self._kept: dict = {}
        self._used: dict = {}

    def get(self, key):
        if key in self._used:
            return self._used[key]
        if key in self._kept:
            self._used[key] = self._kept[key]
            return self._used[key]
        return None

    def put(self, key, value) -> None:
        self._used[key] = value

    def end_run(self) -> None:
        """Keep only what this run used, so that edits do not pile up."""
        self._kept, self._used = self._used, {}
