"""Keeping Python's cyclic garbage collector away from large, long-lived structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection while building millions of objects that all stay alive (a
    100,000-entry glossary): the collector would walk them all, again and again, for
    nothing. Restores the collector's previous state, so pauses nest."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
