"""A progress line on stderr for long runs: items and MB done, rate, time left.

Shown only when stderr is a terminal (never in CI logs or pipes) and not --quiet.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total_items: int, total_bytes: int, label: str = "files", stream: TextIO | None = None,
                 enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total_items, self.total_bytes, self.label = total_items, total_bytes, label
        self.items = self.bytes = 0
        self.start = self.last = time.monotonic()

    def advance(self, nbytes: int) -> None:
        self.items += 1
        self.bytes += nbytes
        now = time.monotonic()
        if self.enabled and (now - self.last >= 0.1 or self.items == self.total_items):
            self.last = now
            elapsed = max(now - self.start, 1e-9)
            rate = self.bytes / elapsed / 1e6
            left = (self.total_bytes - self.bytes) / (self.bytes / elapsed) if self.bytes else 0.0
            self.stream.write(f"\r{self.items}/{self.total_items} {self.label}, {self.bytes / 1e6:.1f}/"
                              f"{self.total_bytes / 1e6:.1f} MB, {rate:.1f} MB/s, {left:.0f} s left  ")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.items:
            self.stream.write("\n")
            self.stream.flush()
