"""Glossaries as CSV, for people who keep terms in a spreadsheet.

One row per term under a header naming the columns, in any order: `source`, `target` and `kind`
are required; `title`, `short`, `forbidden`, `variants` (or `variant`), `note` and `flags` are
optional. `forbidden`, `variants` and `flags` are lists separated by `|`, so a list item cannot
contain `|` (the PO format has the same rule). Values are trimmed and made one line, because they
end up in PO comment lines. Without a `flags` column terms get `terminology`; an empty `flags`
cell means no flags. Files whose header uses `;` or tabs instead of commas (a spreadsheet in a
French locale saves `;`) are read too; we always write commas.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a `'` in
front, as OWASP recommends against formula injection: a spreadsheet shows it as text instead of
running it. Reading removes that one quote again, so export and import give back the same terms.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tqkit.errors import InputError
from tqkit.glossary.model import KINDS, Term, split_list
from tqkit.loaders import decode, read
from tqkit.progress import Progress

COLUMNS = ("source", "target", "kind", "title", "short", "forbidden", "variants", "note", "flags")
REQUIRED = ("source", "target", "kind")
ALIASES = {"variant": "variants"}
DEFAULT_FLAGS = ("terminology",)


def read_csv(path: str, quiet: bool = True) -> list[Term]:
    """Terms of a CSV file; any malformed row stops the import with its line number. Unless
    `quiet`, a progress line on a terminal's stderr counts entries and MB read."""
    data = read(path)
    text = decode(data, path)
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=_delimiter(text))
    line = 1  # a record can span lines; this is where the next one starts
    try:
        header = _header(path, next(reader, []))
        terms = []
        line = reader.line_num + 1
        with Progress(None, len(data), "entries", quiet=quiet) as progress:
            counted = 0
            for row in reader:
                if row:
                    terms.append(_term(path, line, header, row))
                line = reader.line_num + 1
                # Characters read, scaled to bytes: exact at the end, close enough on the way.
                done = len(data) * stream.tell() // max(len(text), 1)
                progress.advance(done - counted, items=1 if row else 0)
                counted = done
    except csv.Error as exc:  # a field over the csv module's limit, a NUL, an unclosed quote at the end
        raise InputError(f"malformed CSV: {exc}", path, line) from None
    return terms


def _delimiter(text: str) -> str:
    first = text.partition("\n")[0]
    return max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","


def _header(path: str, row: list[str]) -> list[str]:
    if not any(cell.strip() for cell in row):
        raise InputError("no header row (expected columns: " + ", ".join(COLUMNS) + ")", path, 1)
    names = []
    for cell in row:
        name = ALIASES.get(cell.strip().lower(), cell.strip().lower())
        if name not in COLUMNS:
            raise InputError(f"unknown column {cell.strip()!r} (expected: {', '.join(COLUMNS)})", path, 1)
        if name in names:
            raise InputError(f"duplicate column {name!r}", path, 1)
        names.append(name)
    for name in REQUIRED:
        if name not in names:
            raise InputError(f"missing required column {name!r}", path, 1)
    return names


def _term(path: str, line: int, header: list[str], row: list[str]) -> Term:
    if len(row) != len(header):
        raise InputError(f"expected {len(header)} fields ({', '.join(header)}), found {len(row)}", path, line)
    values = {name: _one_line(cell) for name, cell in zip(header, row)}
    if not values["source"]:
        raise InputError("empty value in column 'source'", path, line)
    if values["kind"] not in KINDS:
        raise InputError(f"unknown kind {values['kind']!r} in column 'kind' (expected: {', '.join(KINDS)})",
                         path, line)
    flags = split_list(values["flags"]) if "flags" in values else DEFAULT_FLAGS
    return Term(
        source=values["source"],
        target=values["target"],
        kind=values["kind"],
        title=values.get("title") or None,
        short=values.get("short") or None,
        forbidden=split_list(values.get("forbidden", "")),
        variants=split_list(values.get("variants", "")),
        note=values.get("note") or None,
        flags=flags,
        origin=f"{path}:{line}",
    )


def _one_line(text: str) -> str:
    text = text[1:] if text[:1] == "'" and _needs_quote(text[1:]) else text  # see _cell
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(value: str) -> bool:
    """Whether a cell gets a leading quote: a formula start, or a quote that reading would take
    for ours ("'=" is written "''=", so that it reads back as itself)."""
    return value[:1] in FORMULA_STARTS or (value[:1] == "'" and _needs_quote(value[1:]))


def _cell(value: str) -> str:
    """A cell a spreadsheet will not evaluate as a formula."""
    return "'" + value if _needs_quote(value) else value


def write_csv(terms: Sequence[Term]) -> str:
    """CSV text with every column, so a spreadsheet shows where each optional field goes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for t in terms:
        writer.writerow([_cell(v) for v in (t.source, t.target, t.kind, t.title or "", t.short or "",
                                            "|".join(t.forbidden), "|".join(t.variants), t.note or "",
                                            "|".join(t.flags))])
    return out.getvalue()
