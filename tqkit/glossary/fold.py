"""One-to-one character folding, so a match in folded text is a match at the same offsets."""

from __future__ import annotations

import re
import unicodedata

_SAME_AS = {"-": " ", "‐": " ", "‑": " ", "–": " ", "’": "'", "‘": "'", "ʼ": "'", "\u00a0": " "}


class _Table(dict):
    """A str.translate table computed on demand, character by character: `_SAME_AS`, then
    lower case (one character to one), with diacritics dropped when `strip` is set."""

    def __init__(self, strip: bool):
        super().__init__()
        self.strip = strip

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _SAME_AS.get(char)
        if folded is None:
            base = unicodedata.normalize("NFD", char)[0] if self.strip else char
            lower = base.lower()
            folded = lower if len(lower) == 1 else base
        self[code] = folded
        return folded


_TABLE = _Table(strip=True)  # fold: lower case, no diacritics, hyphens as spaces
_CASE_TABLE = _Table(strip=False)  # fold_case: case, apostrophes and hyphens only


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold(text: str) -> str:
    """Fold for matching: same length as `text`, every character mapped on its own.

    ASCII runs take the C-speed path (`lower`, hyphens as spaces: what the table does for
    ASCII); only the non-ASCII characters, a few per paragraph of English, go through it.
    """
    if text.isascii():
        return text.lower().replace("-", " ")
    parts, pos = [], 0
    for m in _NON_ASCII.finditer(text):
        parts.append(text[pos : m.start()].lower().replace("-", " "))
        parts.append(m.group().translate(_TABLE))
        pos = m.end()
    parts.append(text[pos:].lower().replace("-", " "))
    return "".join(parts)


def fold_case(text: str) -> str:
    """Case, apostrophes and hyphens only (diacritics kept): "Erdogan" is not "Erdoğan"."""
    return text.translate(_CASE_TABLE)
