"""Python's cyclic garbage collector, paused while an adapter runs the stages once.

Loading, validating and rendering allocate hundreds of thousands of dicts,
lists and records and free almost none of them until the build ends. Each
allocation burst triggers a collection that walks the ever larger heap and
finds nothing to collect: about a tenth of load + validate at 10,000 claims
(BENCHMARKS.md). Reference counting still frees everything that is dropped;
only reference cycles wait, until the collector runs again afterwards. The
stages themselves know nothing of it: the CLI and the plugin pause it.
"""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """The cyclic collector off (if it was on) inside the block, then as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
