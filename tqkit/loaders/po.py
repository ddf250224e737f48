"""gettext PO: each translated `msgstr` is a segment, its `msgid` the segment's source.

`tqkit.po` reads the file as strictly as msgfmt and keeps every string literal's line and
column, so a finding points at the exact characters in the file even across continuation
lines and escapes.
"""

from __future__ import annotations

from tqkit import po
from tqkit.loaders.strings import Strings
from tqkit.model import Document


def load(path: str, data: bytes, include_fuzzy: bool = False) -> Document:
    catalog = po.parse(path, data)
    strings = Strings()
    for entry in catalog.entries:
        if entry.fuzzy and not include_fuzzy:
            continue
        for key, literals in entry.literals.items():
            if not key.startswith("msgstr"):
                continue
            text = "".join(po.unescape(lit, path) for lit in literals)
            positions = [(lit.line, column, width) for lit in literals for column, width in lit.positions()]
            if text.strip():
                strings.add(text, positions, entry.msgid)
    return strings.document(path, catalog.text)
