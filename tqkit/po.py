"""gettext PO files, read at least as strictly as `msgfmt -c`, with each entry's exact lines.

Glossary edits replace an entry's lines and nothing else, so they need where each entry begins
(its first comment) and ends (its last string), in any valid layout: without blank lines between
entries, with a comment separated from its entry by a blank line, with `#~` obsolete blocks. And a
file that gettext rejects must never be read as something else: polib reads an unterminated
`msgstr "Dmitry Peskov` as "Dmitry Pesko" and accepts duplicates. Neither polib nor
translate-toolkit keeps line spans or refuses what msgfmt refuses (benchmarks/po_conformance.py
measures both on tests/data/po_conformance.toml), hence this reader.

What it refuses, each with the file, line and column: encodings gettext cannot read (UTF-16, a
byte-order mark, bytes invalid in the declared charset), unterminated strings,
unknown escapes, unknown keywords, an msgctxt without msgid, an msgid without msgstr, plural forms
without msgid_plural or with wrong indices, duplicate messages, a missing header, plural forms that
disagree with the header's nplurals, and messages whose msgid and msgstr do not both begin and end
with a newline.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cached_property

from tqkit.errors import InputError

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "a": "\a",
           "\\": "\\", '"': '"', "'": "'", "?": "?"}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"])")
_CHARSET = re.compile(rb'"Content-Type:[^"\n]*?charset=([A-Za-z0-9_.:-]+)')
_PLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_ONE_STRING = re.compile(r'[ \t]*"((?:[^"\\]|\\.)*)"[ \t]*')
_ENDING = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str) -> list[str]:
    """Lines with their endings, a line break being LF, CRLF or CR as gettext reads them."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class Literal:
    """One quoted string as written: its line, the column of its opening quote, its raw text."""

    line: int
    column: int
    raw: str

    def positions(self) -> list[tuple[int, int]]:
        """(1-based column, width in the file) of each character the string decodes to."""
        out, i = [], 0
        while i < len(self.raw):
            width = _escape_width(self.raw, i) if self.raw[i] == "\\" else 1
            out.append((self.column + 1 + i, width))
            i += width
        return out


@dataclass(frozen=True)
class Message:
    """One entry. `first` and `end` are 0-based line indexes: its first comment line, one past its
    last string line. `line` is the 1-based line of its msgid, where gettext locates it."""

    first: int
    end: int
    line: int
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: tuple[str, ...] = ()
    obsolete: bool = False
    comments: tuple[str, ...] = ()  # every comment line as written, in order, without "\n"
    literals: dict[str, tuple[Literal, ...]] = field(default_factory=dict, compare=False)

    @cached_property
    def flags(self) -> tuple[str, ...]:
        return tuple(f.strip() for c in self.comments if c.startswith("#,") for f in c[2:].split(",") if f.strip())

    @property
    def translator_comments(self) -> tuple[str, ...]:
        return tuple(c[2:] if c.startswith("# ") else c[1:] for c in self.comments if c[1:2] in ("", " "))

    @property
    def extracted(self) -> tuple[str, ...]:
        return tuple(c[3:] if c.startswith("#. ") else c[2:] for c in self.comments if c.startswith("#."))

    @property
    def references(self) -> tuple[str, ...]:
        return tuple(r for c in self.comments if c.startswith("#:") for r in c[2:].split())

    @property
    def previous(self) -> tuple[str, ...]:
        return tuple(c for c in self.comments if c.startswith("#|"))

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


@dataclass(frozen=True)
class Catalog:
    path: str
    text: str
    charset: str  # the Python codec the file is written in
    messages: tuple[Message, ...]

    @property
    def lines(self) -> list[str]:
        return split_lines(self.text)

    @property
    def newline(self) -> str | None:
        """The file's line ending ("\n", "\r\n" or "\r"; gettext reads all three), None if mixed."""
        endings = set(_ENDING.findall(self.text))
        return endings.pop() if len(endings) == 1 else "\n" if not endings else None

    @property
    def header(self) -> Message | None:
        return next((m for m in self.messages if m.msgid == "" and m.msgctxt is None and not m.obsolete), None)

    @property
    def entries(self) -> list[Message]:
        """Live messages other than the header."""
        return [m for m in self.messages if not m.obsolete and not (m.msgid == "" and m.msgctxt is None)]


def parse(path: str, data: bytes) -> Catalog:
    """The catalog in `data`, or InputError naming the first thing gettext would reject."""
    charset = charset_of(path, data)
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        column = len(head[head.rfind(b"\n") + 1 :].decode(charset, "replace")) + 1
        raise InputError(f"invalid byte sequence for the file's charset ({charset})", path, line, column) from None
    return parse_text(path, text, charset)


def parse_text(path: str, text: str, charset: str = "utf-8") -> Catalog:
    """The catalog of text already decoded from `charset`."""
    lines = split_lines(text)
    messages = tuple(_Parser(path, [line.rstrip("\r\n") for line in lines]).messages())
    catalog = Catalog(path, text, charset, messages)
    _check(catalog)
    return catalog


def charset_of(path: str, data: bytes) -> str:
    """The Python codec of a PO file's declared charset, or InputError for one gettext cannot read."""
    if data.startswith(codecs.BOM_UTF8):
        raise InputError("starts with a UTF-8 byte-order mark, which gettext rejects; remove it", path, 1, 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        raise InputError("UTF-16 or binary data; gettext reads PO files in ASCII-compatible encodings only", path)
    found = _CHARSET.search(data[:65536])
    name = found.group(1).decode("ascii") if found else "UTF-8"
    if name.upper() == "CHARSET":  # the template placeholder: gettext reads such files as ASCII
        name = "UTF-8"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown charset {name!r} in the header", path) from None
    if codec.startswith(("utf-16", "utf-32")):
        raise InputError(f"charset {name}: gettext reads PO files in ASCII-compatible encodings only", path)
    return codec


def _escape_width(raw: str, i: int) -> int:
    """Length of the escape sequence at raw[i] (a backslash), or 0 if it is not one gettext knows."""
    nxt = raw[i + 1 : i + 2]
    if nxt in ESCAPES and nxt:
        return 2
    if nxt in "01234567" and nxt:
        return 1 + len(re.match(r"[0-7]{1,3}", raw[i + 1 :]).group())
    if nxt == "x" and re.match(r"[0-9A-Fa-f]", raw[i + 2 : i + 3]):
        return 2 + len(re.match(r"[0-9A-Fa-f]+", raw[i + 2 :]).group())
    return 0


def unescape(literal: Literal, path: str) -> str:
    raw, out, i = literal.raw, [], 0
    if "\\" not in raw:
        return raw
    while i < len(raw):
        if raw[i] != "\\":
            out.append(raw[i])
            i += 1
            continue
        width = _escape_width(raw, i)
        if not width:
            raise InputError("invalid escape sequence", path, literal.line, literal.column + 1 + i)
        body = raw[i + 1 : i + width]
        out.append(ESCAPES[body] if body in ESCAPES else chr(int(body[1:], 16) if body[0] == "x" else int(body, 8)))
        i += width
    return "".join(out)


class _Parser:
    """Lines -> messages: a line is blank, a comment, a keyword with strings, or more strings."""

    def __init__(self, path: str, lines: list[str]):
        self.path = path
        self.lines = lines
        self.i = 0
        self.rows = [self.classify(line) for line in lines]  # (kind, content, column offset, obsolete)

    def error(self, message: str, line: int, column: int = 0) -> InputError:
        return InputError(message, self.path, line, column)

    @staticmethod
    def classify(line: str) -> tuple[str, str, int, bool]:
        """(kind, content without an obsolete "#~" prefix, the content's column offset, obsolete);
        kind is blank, comment, string or keyword."""
        obsolete, offset, content = False, 0, line
        if line.startswith("#~") and not line.startswith("#~|"):
            rest = line[2:]
            offset = 2 + len(rest) - len(rest.lstrip(" \t"))
            obsolete, content = True, line[offset:]
        first = content.lstrip()[:1]
        if not first:
            kind = "comment" if obsolete else "blank"
        else:
            kind = "comment" if first == "#" else "string" if first == '"' else "keyword"
        return kind, content, offset, obsolete

    def strip(self, index: int) -> tuple[str, int, bool]:
        return self.rows[index][1:]

    def kind(self, index: int) -> str:
        return self.rows[index][0]

    def strings(self, index: int, start: int) -> tuple[Literal, ...]:
        """The quoted strings on line `index` from column `start` (0-based) to its end."""
        content, offset, _ = self.strip(index)
        whole = _ONE_STRING.fullmatch(content, start)
        if whole:  # the common case: one string and nothing after it
            return (Literal(index + 1, offset + whole.start(1), whole.group(1)),)
        literals, i = [], start
        while True:
            while i < len(content) and content[i] in " \t":
                i += 1
            if i == len(content):
                break
            if content[i] != '"':
                raise self.error("syntax error: text after the string", index + 1, offset + i + 1)
            j = i + 1
            while j < len(content) and content[j] != '"':
                j += 2 if content[j] == "\\" else 1
            if j >= len(content):
                raise self.error("end of line within string (unterminated string)", index + 1, offset + i + 1)
            literals.append(Literal(index + 1, offset + i + 1, content[i + 1 : j]))
            i = j + 1
        if not literals:
            raise self.error("keyword without a string", index + 1, offset + start + 1)
        return tuple(literals)

    def peek(self, obsolete: bool) -> tuple[str, int | None] | None:
        """The keyword the entry continues with (blank lines skipped, as gettext does), or None."""
        i = self.i
        while i < len(self.lines) and self.kind(i) == "blank":
            i += 1
        if i >= len(self.lines) or self.kind(i) != "keyword":
            return None
        content, offset, this_obsolete = self.strip(i)
        match = _KEYWORD.match(content)
        if not match:
            raise self.error(f"keyword {content.split()[0]!r} unknown", i + 1, offset + 1)
        if this_obsolete != obsolete:
            return None
        self.i = i
        return match.group(1).split("[")[0], int(match.group(2)) if match.group(2) is not None else None

    def take(self) -> tuple[Literal, ...]:
        """The strings of the keyword at the current line and of its continuation lines."""
        content, _, obsolete = self.strip(self.i)
        literals = list(self.strings(self.i, _KEYWORD.match(content).end()))
        self.i += 1
        while self.i < len(self.lines) and self.kind(self.i) == "string" and self.strip(self.i)[2] == obsolete:
            literals += self.strings(self.i, 0)
            self.i += 1
        return tuple(literals)

    def messages(self):
        comments: list[str] = []
        first = None
        while self.i < len(self.lines):
            kind = self.kind(self.i)
            if kind == "blank":
                self.i += 1
            elif kind == "comment":
                first = self.i if first is None else first
                comments.append(self.lines[self.i])
                self.i += 1
            elif kind == "string":
                raise self.error("syntax error: a string without a keyword", self.i + 1, 1)
            else:
                yield self.message(self.i if first is None else first, tuple(comments))
                comments, first = [], None

    def message(self, first: int, comments: tuple[str, ...]) -> Message:
        obsolete = self.strip(self.i)[2]
        values: dict[str, str] = {}
        literals: dict[str, tuple[Literal, ...]] = {}

        def take(key: str) -> None:
            literals[key] = self.take()
            values[key] = "".join(unescape(lit, self.path) for lit in literals[key])

        start = self.i + 1
        keyword = self.peek(obsolete)
        if keyword == ("msgctxt", None):
            take("msgctxt")
            keyword = self.peek(obsolete)
            if keyword != ("msgid", None):
                raise self.error("syntax error: msgctxt without msgid", start, 1)
        if keyword != ("msgid", None):
            raise self.error(f"syntax error: {keyword[0]} before msgid", self.i + 1, 1)
        msgid_line = self.i + 1
        take("msgid")
        keyword = self.peek(obsolete)
        plurals: list[str] = []
        if keyword == ("msgid_plural", None):
            take("msgid_plural")
            while (keyword := self.peek(obsolete)) is not None and keyword[0] == "msgstr" and keyword[1] is not None:
                if keyword[1] != len(plurals):
                    raise self.error(f"plural form has wrong index (msgstr[{keyword[1]}], expected "
                                     f"{len(plurals)})", self.i + 1, 1)
                take(f"msgstr[{keyword[1]}]")
                plurals.append(values[f"msgstr[{keyword[1]}]"])
            if not plurals:
                raise self.error("missing 'msgstr[0]' section", msgid_line, 1)
        elif keyword == ("msgstr", None):
            take("msgstr")
        elif keyword is not None and keyword[0] == "msgstr":
            raise self.error("missing 'msgid_plural' section", msgid_line, 1)
        else:
            raise self.error("missing 'msgstr' section", msgid_line, 1)
        last = max(lit.line for lits in literals.values() for lit in lits)
        return Message(first, last, msgid_line, values["msgid"], values.get("msgctxt"), values.get("msgid_plural"),
                       values.get("msgstr", ""), tuple(plurals), obsolete, comments, literals)


def _check(catalog: Catalog) -> None:
    path = catalog.path
    header = catalog.header
    if header is None:
        raise InputError("no header entry (msgid \"\"); gettext requires one", path, 1)
    seen: dict[tuple[str | None, str], int] = {}
    for m in catalog.messages:
        if m.obsolete:
            continue
        key = (m.msgctxt, m.msgid)
        if key in seen:
            raise InputError(f"duplicate message definition (first at line {seen[key]})", path, m.line)
        seen[key] = m.line
    plural = [m for m in catalog.entries if m.msgid_plural is not None]
    if plural:
        forms = re.search(r"^Plural-Forms:.*$", header.msgstr, re.M)
        count = _PLURALS.search(forms.group()) if forms else None
        if count is None or "plural=" not in forms.group().replace(" ", ""):
            raise InputError("plural forms without a Plural-Forms header (nplurals=…; plural=…)", path, plural[0].line)
        for m in plural:
            if len(m.msgstr_plural) != int(count.group(1)):
                raise InputError(f"{len(m.msgstr_plural)} plural forms, but the header says nplurals = "
                                 f"{count.group(1)}", path, m.line)
    for m in catalog.entries:
        if not m.fuzzy:
            _check_newlines(m, path)
            _check_format(m, path)


def _check_newlines(m: Message, path: str) -> None:
    pairs = [("msgid", m.msgid, "msgstr", m.msgstr)] if m.msgid_plural is None else [
        ("msgid" if i == 0 else "msgid_plural", m.msgid if i == 0 else m.msgid_plural, f"msgstr[{i}]", s)
        for i, s in enumerate(m.msgstr_plural)]
    for id_name, msgid, str_name, msgstr in pairs:
        if not msgstr:
            continue
        for where, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(msgid, "\n") != test(msgstr, "\n"):
                raise InputError(f"'{id_name}' and '{str_name}' do not both {where} with '\\n'", path, m.line)


# msgfmt -c compares the directives of msgid and msgstr in entries flagged as format strings.
_FORMATS = {
    "c-format": re.compile(r"%(?:(\d+)\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|ll|[hlLqjzZt])?([diouxXeEfFgGaAcspn%])"),
    "python-format": re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])"),
}
_CLASSES = {c: k for k, cs in (("i", "diouxXc"), ("f", "eEfFgGaA"), ("s", "s"), ("p", "p"), ("n", "n"), ("r", "r"))
            for c in cs}


def _directives(pattern: re.Pattern[str], text: str) -> list[tuple[str, str]]:
    return [(m.group(1) or "", _CLASSES.get(m.group(2), m.group(2))) for m in pattern.finditer(text)
            if m.group(2) != "%"]


def _check_format(m: Message, path: str) -> None:
    if not m.msgstr or m.msgid_plural is not None:
        return
    for flag in m.flags:
        pattern = _FORMATS.get(flag)
        if pattern is not None and _directives(pattern, m.msgid) != _directives(pattern, m.msgstr):
            raise InputError(f"{flag}: the format directives of 'msgid' and 'msgstr' are not the same", path, m.line)
