"""XLIFF 1.2, XLIFF 2.x and TMX: each unit's target is a segment, its source the segment's source.

translate-toolkit (lxml underneath) parses the formats and decides which units and which
language are source and target; positions come from re-reading the target element's
characters in the file, from the line lxml reports, so findings point into the XML itself
(entities and inline tags skipped, each entity one character wide in the lint text).
"""

from __future__ import annotations

import html
import re
from tqkit.errors import InputError
from tqkit.loaders.strings import Strings
from tqkit.loaders.text import normalize_newlines
from tqkit.model import Document, LineIndex


def _store(path: str, data: bytes):
    from translate.storage import tmx, xliff, xliff2

    suffix = path.lower().rsplit(".", 1)[-1]
    try:
        if suffix == "tmx":
            return tmx.tmxfile.parsestring(data)
        if b'version="2.' in data[:2000] or b"version='2." in data[:2000]:
            return xliff2.Xliff2File.parsestring(data)
        return xliff.xlifffile.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit raise many types for bad XML
        line = getattr(exc, "lineno", 0) or 0
        reason = (str(exc).strip().splitlines() or [f"not a {suffix.upper()} document ({type(exc).__name__})"])[0]
        raise InputError(f"malformed {suffix.upper()} file: {reason[:200]}", path, line) from None


def _target_element(unit, source_lang: str | None):
    element = unit.xmlelement
    for child in element.iter():
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag.endswith("}target") or tag == "target":
            return child
    tuvs = [c for c in element if isinstance(c.tag, str) and c.tag.endswith("tuv")]
    for tuv in tuvs:
        lang = tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang")
        if lang and source_lang and lang.lower().split("-")[0] != source_lang.lower().split("-")[0]:
            return next((c for c in tuv if isinstance(c.tag, str) and c.tag.endswith("seg")), None)
    return None


def _characters(text: str, index: LineIndex, element) -> list[tuple[str, int, int, int]]:
    """(char, line, column, width) of the element's text content, read from the raw file."""
    local = element.tag.rsplit("}", 1)[-1]
    start_tag = re.compile(rf"<(?:[\w.-]+:)?{re.escape(local)}(?=[\s/>])")
    # Several such elements may start on one line (a TMX <tu> on one line holds two <seg>s):
    # take the one with as many same-named elements before it on that line.
    rank = 0
    for other in element.getroottree().getroot().iter(element.tag):
        if other is element:
            break
        rank += other.sourceline == element.sourceline
    m = None
    pos = index.starts[element.sourceline - 1]
    for _ in range(rank + 1):
        m = start_tag.search(text, pos)
        if m is None:
            return []
        pos = m.end()
    end = text.find(">", m.end())
    if end == -1 or text[end - 1] == "/":
        return []
    out, depth, j = [], 0, end + 1
    while j < len(text):
        c = text[j]
        if c == "<":
            if text.startswith("<![CDATA[", j):  # literal characters, no entities
                close = text.find("]]>", j)
                close = len(text) if close == -1 else close
                out += [(text[k], *index.position(k), 1) for k in range(j + 9, close)]
                j = close + 3
                continue
            for opener, closer in (("<!--", "-->"), ("<?", "?>")):
                if text.startswith(opener, j):  # comments and processing instructions: skipped whole
                    close = text.find(closer, j)
                    j = len(text) if close == -1 else close + len(closer)
                    break
            else:
                opener = ""
            if opener:
                continue
            close = text.find(">", j)
            if close == -1:
                break
            if text.startswith("</", j):
                if depth == 0:
                    break
                depth -= 1
            elif text[close - 1] != "/":
                depth += 1
            j = close + 1
            continue
        width = 1
        if c == "&":
            semi = text.find(";", j, j + 12)
            decoded = html.unescape(text[j : semi + 1]) if semi != -1 else ""
            if len(decoded) == 1:  # an unknown entity stays as written, one character at a time
                width, c = semi - j + 1, decoded
        out.append((c, *index.position(j), width))
        j += width
    return out


def load(path: str, content: str) -> Document:
    # lxml reads the re-encoded text: a declaration saying UTF-16 would no longer be true.
    declared = re.sub(r'^(\ufeff?<\?xml[^>]*?encoding=["\'])[^"\']*', r"\g<1>UTF-8", content.lstrip("\ufeff"))
    store = _store(path, declared.encode("utf-8"))
    text = normalize_newlines(content)
    index = LineIndex.of(text)
    source_lang = getattr(store, "sourcelanguage", None)
    strings = Strings()
    for unit in store.units:
        if unit.isheader():
            continue
        element = _target_element(unit, source_lang)
        if element is None:
            continue
        chars = _characters(text, index, element)
        target = "".join(c for c, *_ in chars)
        if target.strip():
            strings.add(target, [position for _, *position in chars], str(unit.source or ""))
    return strings.document(path, content)
