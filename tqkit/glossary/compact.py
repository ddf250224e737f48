"""Large read-only tables that load fast: marshalled in chunks, each decoded when first read.

A 100,000-entry glossary's rows and forms take a third of a second to decode all at once,
and a lint reads a few hundred of them.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from typing import Any

CHUNK = 512


class Chunked(Sequence[Any]):
    def __init__(self, chunks: Sequence[bytes], length: int):
        self._chunks = chunks
        self._length = length
        self._decoded: dict[int, tuple] = {}

    @staticmethod
    def pack(items: Sequence[Any]) -> tuple[list[bytes], int]:
        """What `Chunked(*pack(items))` reads back (marshal-able items only)."""
        return [marshal.dumps(tuple(items[i : i + CHUNK])) for i in range(0, len(items), CHUNK)], len(items)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        chunk, offset = divmod(index, CHUNK)
        decoded = self._decoded.get(chunk)
        if decoded is None:
            decoded = self._decoded[chunk] = marshal.loads(self._chunks[chunk])
        return decoded[offset]
