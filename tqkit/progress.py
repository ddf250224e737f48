"""A progress line on stderr for long runs: items and MB done, rate, time left.

Shown only when stderr is a terminal (never in CI logs or pipes) and not --quiet.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from tqkit.loaders import STDIN

INTERVAL = 0.1  # seconds between redraws: a terminal needs no more than ten a second


class Progress:
    """One phase of a run. Without a byte total (resamples) the line shows items per second;
    without an item total (a termbase's entries are known only once read) it shows the count
    alone, and time left comes from the bytes."""

    def __init__(self, total_items: int | None, total_bytes: int, label: str = "files", stream: TextIO | None = None,
                 enabled: bool | None = None, quiet: bool = False):
        """Drawn when `enabled`; by default, when the stream is a terminal and not `quiet`."""
        self.stream = stream or sys.stderr
        self.enabled = (not quiet and self.stream.isatty()) if enabled is None else enabled
        self.total_items, self.total_bytes, self.label = total_items, total_bytes, label
        self.items = self.bytes = 0
        self.start = self.last = time.monotonic()
        self.drawn = ""  # the last line drawn, without padding
        self.drawn_at = (0, 0)  # items and bytes it showed

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, nbytes: int = 0, items: int = 1) -> None:
        self.items += items
        self.bytes += nbytes
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last >= INTERVAL or self._finished():
            self.last = now
            self._draw(now)

    def spread(self, nbytes: int, units: int) -> Callable[[int], None]:
        """A callback that advances `nbytes` in step with `units` of work (a file's segments times
        the metrics that score them), so MB and time left move before a large item is done; the
        item itself is counted by a separate `advance(items=1)`."""
        done = 0

        def step(n: int) -> None:
            nonlocal done
            before = nbytes * done // units
            done += n
            self.advance(nbytes * done // units - before, items=0)

        return step

    def close(self) -> None:
        """End the line, showing where the phase stopped (an error can stop it early)."""
        if self.drawn:
            if self.drawn_at != (self.items, self.bytes):
                self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = ""

    def _finished(self) -> bool:
        if self.total_items:
            return self.items >= self.total_items
        return bool(self.total_bytes) and self.bytes >= self.total_bytes

    def _draw(self, now: float) -> None:
        line = self._line(max(now - self.start, 1e-9))
        self.stream.write("\r" + line.ljust(len(self.drawn)))  # blanks over a longer previous line
        self.stream.flush()
        self.drawn, self.drawn_at = line, (self.items, self.bytes)

    def _line(self, elapsed: float) -> str:
        count = f"{self.items}/{self.total_items}" if self.total_items else f"{self.items}"
        if self.total_bytes:
            rate = self.bytes / elapsed
            left = (self.total_bytes - self.bytes) / rate if self.bytes else 0.0
            return (f"{count} {self.label}, {self.bytes / 1e6:.1f}/{self.total_bytes / 1e6:.1f} MB, "
                    f"{rate / 1e6:.1f} MB/s, {left:.0f} s left")
        rate = self.items / elapsed
        per_second = f"{rate:.1f}/s" if rate < 100 else f"{rate:.0f}/s"
        if not self.total_items:
            return f"{count} {self.label}, {per_second}"
        left = (self.total_items - self.items) / rate if self.items else 0.0
        return f"{count} {self.label}, {per_second}, {left:.0f} s left"


def size_of(path: str) -> int:
    """A file's size for a progress total; 0 for stdin or a file that cannot be read (the
    reading reports that)."""
    try:
        return os.path.getsize(path) if path != STDIN else 0
    except OSError:
        return 0
