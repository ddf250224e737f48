"""Loaders keep exact positions: 1-based lines and columns in code points, end exclusive."""

from __future__ import annotations

import pytest

from tqkit.errors import InputError
from tqkit.loaders import load
from tqkit.loaders.markdown import MASK


def spans(path: str, data: bytes) -> list[tuple[str, tuple[int, int, int, int]]]:
    doc = load(path, data)
    return [(doc.text[s.start : s.end], doc.locator.span(s.start, s.end)) for s in doc.segments]


def test_text_segments_are_lines_with_code_point_columns() -> None:
    data = "Été ? oui\n\n  Deux lignes\n".encode()
    assert spans("a.txt", data) == [("Été ? oui", (1, 1, 1, 10)), ("Deux lignes", (3, 3, 3, 14))]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_keep_columns(newline: str) -> None:
    data = f"one{newline}two words{newline}".encode()
    assert spans("a.txt", data) == [("one", (1, 1, 1, 4)), ("two words", (2, 1, 2, 10))]


def test_bom_is_not_a_column() -> None:
    assert spans("a.txt", b"\xef\xbb\xbfHello") == [("Hello", (1, 1, 1, 6))]


def test_utf16_with_bom_is_decoded() -> None:
    assert spans("a.txt", "Hello".encode("utf-16")) == [("Hello", (1, 1, 1, 6))]


def test_invalid_utf8_names_byte_offset_and_position() -> None:
    with pytest.raises(InputError) as exc:
        load("bad.txt", b"ok\nab\xffc")
    assert (exc.value.message, exc.value.line, exc.value.column) == ("invalid UTF-8 at byte 5", 2, 3)


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        load("a.txt", b"\x00\x01\x02abc")


MARKDOWN = """---
title: The the title
---
# Heading ?

Para with `code the the` and [link text](http://example.com/a?b "title") and
a *soft* wrapped line: https://example.org/x ?

```
code ? block
```

    indented code ?

- item one
<!-- a comment ? -->
> quoted **words**
"""


def test_markdown_keeps_prose_and_offsets() -> None:
    doc = load("a.md", MARKDOWN.encode())
    assert len(doc.text) == len(MARKDOWN)
    texts = [doc.text[s.start : s.end].replace(MASK, "") for s in doc.segments]
    assert texts == [
        "Heading ?",
        "Para with  and link text and a soft wrapped line:  ?",
        "item one",
        "quoted words",
    ]
    heading, para = doc.segments[0], doc.segments[1]
    assert doc.locator.span(heading.start, heading.end) == (4, 3, 4, 12)
    assert doc.locator.span(para.start, para.end) == (6, 1, 7, 47)
    assert "\n" not in doc.text[para.start : para.end]


PO = '''# header comment
msgid ""
msgstr ""
"Language: en\\n"

#, fuzzy
msgid "Flou"
msgstr "Fuzzy ?"

msgctxt "person"
msgid "Bonjour"
msgstr "Hello \\"you\\" "
"there"

#~ msgid "old"
#~ msgstr "obsolete ?"
'''


def test_po_segments_map_into_string_literals() -> None:
    doc = load("a.po", PO.encode())
    assert [(doc.text[s.start : s.end], s.source) for s in doc.segments] == [('Hello "you" there', "Bonjour")]
    seg = doc.segments[0]
    # "Hello" starts after `msgstr "` on line 12; "there" ends before the quote on line 13.
    assert doc.locator.span(seg.start, seg.end) == (12, 9, 13, 7)
    quote = doc.text.index('"')
    assert doc.locator.span(quote, quote + 1) == (12, 15, 12, 17)  # the escape \" is two columns


def test_po_fuzzy_entries_on_request() -> None:
    doc = load("a.po", PO.encode(), include_fuzzy=True)
    assert [doc.text[s.start : s.end] for s in doc.segments] == ["Fuzzy ?", 'Hello "you" there']


def test_po_bad_escape_is_located() -> None:
    with pytest.raises(InputError) as exc:
        load("a.po", b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\\q"\n')
    assert (exc.value.line, exc.value.column) == (5, 10)
