"""Python's cyclic garbage collector, paused while a stage builds objects that live on.

Loading, validating and rendering allocate hundreds of thousands of dicts,
lists and records and free almost none of them until the build ends. Each
allocation burst triggers a collection that walks the ever larger heap and
finds nothing to collect: about a tenth of load + validate at 10,000 claims
(BENCHMARKS.md). Reference counting still frees everything that is dropped;
only reference cycles wait, until the collector runs again after the stage.
"""
from __future__ import annotations

import functools
import gc


def paused(stage):
    """Run `stage` with the cyclic collector off (if it was on), then restore it."""
    @functools.wraps(stage)
    def run(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return stage(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return run
