"""Property tests: no input crashes a loader or a rule, spans quote the text they point at,
fixing is idempotent and touches nothing outside findings, glossary edits are reversible."""

from __future__ import annotations

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GLOSSARY
from tqkit.engine import Linter
from tqkit.errors import InputError
from tqkit.fix import apply, edits_for
from tqkit.glossary.model import Term
from tqkit.glossary.po_file import GlossaryFile, HEADER
from tqkit.loaders import load
from tqkit.loaders.text import normalize_newlines
from tqkit.rules import registry

LINTER = Linter(registry.build("fr-en", [GLOSSARY]))
# Fragments that make rules fire, mixed with arbitrary text, so properties are tested on hits.
FRAGMENTS = ["Messrs. Xi and Putin", " ?", "« oui »", "1,5 million", "10 000", "14h30", "1er", "10 %", "the Russia is",
             "of ‘Central Asia", "To see in video", "source site-41", "for his part", "the the", "Chinese Presidents Xi Jinping and",
             "Poutine", "Berdymoukhamedov", "Mr Xi", "Mr. Xi", "“", "”", '"', "''", ". lower", "\n", "\r\n", "\r", "  ",
             "<!-- tqkit: ignore[FR004] -->", "`code`", "[a](http://x.y)", "# ", "- ", "\u00a0", "é", "𝔘", "\u2060"]
CHARS = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))  # NUL means binary: refused
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(CHARS, max_size=12)), max_size=25).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(path: str, text: str) -> None:
    doc = load(path, text.encode("utf-8"))
    lines = normalize_newlines(text).split("\n")
    for f in LINTER.lint_document(doc):
        assert 1 <= f.line <= f.end_line <= len(lines)
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1
        if path.endswith(".po"):
            continue  # PO spans point into escaped string literals
        if f.line == f.end_line:
            # The span quotes the file; the lint text may only differ where markup was masked.
            quoted = lines[f.line - 1][f.column - 1 : f.end_column - 1]
            assert len(quoted) == len(f.text)
            assert all(a == b or b in " \u2060" for a, b in zip(quoted, f.text)), (quoted, f.text)


@SETTINGS
@given(texts)
def test_text_and_markdown_spans(text: str) -> None:
    _check_spans("a.txt", text)
    _check_spans("a.md", text)


@SETTINGS
@given(st.lists(st.tuples(st.text(CHARS, max_size=10), texts), max_size=5))
def test_po_files_from_any_strings(entries: list[tuple[str, str]]) -> None:
    catalog = polib.POFile()
    seen = set()
    for i, (msgid, msgstr) in enumerate(entries):
        key = f"{i}-{msgid}"
        if key not in seen:
            seen.add(key)
            msgstr = msgstr.strip("\n")  # msgfmt -c: both begin and both end with a newline, or neither
            msgstr += "\n" if msgstr and key.endswith("\n") else ""
            catalog.append(polib.POEntry(msgid=key, msgstr=msgstr))
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    _check_spans("a.po", catalog.__unicode__())


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_load_or_fail_cleanly(data: bytes) -> None:
    for path in ("a.txt", "a.md", "a.po"):
        try:
            LINTER.lint_document(load(path, data))
        except InputError:
            pass


@SETTINGS
@given(texts)
def test_fix_is_idempotent_and_local(text: str) -> None:
    doc = load("a.txt", text.encode("utf-8"))
    findings = LINTER.lint_document(doc)
    edits = edits_for(findings, text, "a.txt", unsafe=True)
    fixed = apply(text, edits)
    # Outside the edited spans, nothing changed: removing the edits' replacements gives the rest back.
    rest = "".join(text[a:b] for a, b in zip([0] + [e[1] for e in edits], [e[0] for e in edits] + [len(text)]))
    assert "".join(fixed[a:b] for a, b in _gaps(edits, len(text))) == rest
    assert fixed.count("\n") == text.count("\n") or any("\n" in text[s:e] for s, e, _ in edits)
    assert fixed.count("\r") == text.count("\r")


def _gaps(edits, length):
    """Spans of the fixed text that correspond to unedited spans of the original."""
    shift, last, out = 0, 0, []
    for start, end, replacement in edits:
        out.append((last + shift, start + shift))
        shift += len(replacement) - (end - start)
        last = end
    out.append((last + shift, length + shift))
    return out


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=15).filter(str.strip)


@SETTINGS
@given(names, names, st.sampled_from(["\n", "\r\n", "\r"]))
def test_glossary_add_then_remove_is_byte_for_byte(source: str, target: str, newline: str) -> None:
    original = (HEADER.replace("\n", newline)
                + newline + '#, terminology' + newline + 'msgctxt "place"' + newline + 'msgid "Moscou"' + newline
                + 'msgstr "Moscow"' + newline).encode("utf-8")
    glossary = GlossaryFile("g.po", original)
    if glossary.find("person", source):
        return
    glossary.add(Term(source, target, "person", title="Minister", forbidden=("X",)))
    edited = GlossaryFile("g.po", glossary.data())
    assert edited.find("person", source).target == target
    edited.remove("person", source)
    assert edited.data() == original


field_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="|\x00"),
                     min_size=1, max_size=12).map(str.strip).filter(bool)
terms = st.builds(
    Term,
    source=field_text, target=field_text,
    kind=st.sampled_from(["person", "title", "organization", "place", "phrase"]),
    title=st.none() | field_text, short=st.none() | field_text,
    forbidden=st.lists(field_text, max_size=3, unique=True).map(tuple),
    variants=st.lists(field_text, max_size=3, unique=True).map(tuple),
    note=st.none() | field_text.filter(lambda n: not n.startswith("tqkit-")),  # TBX's reserved note prefix
    flags=st.sampled_from([("terminology",), ("read-only", "terminology"), ("forbidden",)]),
)


@SETTINGS
@given(st.lists(terms, min_size=1, max_size=4, unique_by=lambda t: (t.kind, t.source)))
def test_glossary_round_trips_keep_every_field(tmp_path_factory, items: list[Term]) -> None:
    from tqkit.glossary.csv_io import read_csv, write_csv
    from tqkit.glossary.ops import canonical
    from tqkit.glossary.po_file import parse_terms, write_po
    from tqkit.glossary.tbx import read_tbx, write_tbx

    directory = tmp_path_factory.mktemp("rt")
    po = HEADER + "\n" + "\n\n".join(t.to_po() for t in items) + "\n"
    assert [t for _, t in parse_terms("g.po", po)] == items
    written = write_po(items)  # what import, export and merge write, without polib's second reading
    assert written.encode() == canonical("g.po", written.encode()) == canonical("g.po", po.encode())
    (directory / "g.csv").write_text(write_csv(items), encoding="utf-8")
    assert read_csv(str(directory / "g.csv")) == items
    (directory / "g.tbx").write_bytes(write_tbx(items))
    assert read_tbx(str(directory / "g.tbx")) == items


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts, st.booleans())
def test_fix_file_keeps_bom_and_final_newline_and_is_idempotent(tmp_path, text: str, bom: bool) -> None:
    from tqkit.fix import fix_file

    path = tmp_path / "a.txt"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    result, _, encoding = fix_file(LINTER, str(path), unsafe=True)
    assert encoding == ("utf-8-sig" if bom else "utf-8")
    # The final newline stays as it was, unless a fix emptied a last line that had none
    # (deleting page chrome there keeps the line count rather than the missing newline).
    emptied_last_line = not text.endswith(("\n", "\r")) and result.fixed.endswith(("\n", "\r"))
    assert result.fixed.endswith(("\n", "\r")) == text.endswith(("\n", "\r")) or emptied_last_line
    assert result.fixed.count("\n") == text.count("\n")
    path.write_bytes(result.fixed.encode(encoding))
    again, _, _ = fix_file(LINTER, str(path), unsafe=True)
    assert again.fixed == result.fixed


@given(st.text())
def test_fold_is_the_table_character_by_character(text: str) -> None:
    from tqkit.glossary.fold import _TABLE, fold

    folded = fold(text)
    assert folded == text.translate(_TABLE)
    assert len(folded) == len(text)


cell_text = st.text(st.sampled_from("ab |,-é\t"), max_size=8)


@SETTINGS
@given(st.lists(st.builds(
    Term, source=field_text, target=field_text, kind=st.sampled_from(["person", "place"]),
    title=st.none() | cell_text, note=st.none() | cell_text,
    forbidden=st.lists(cell_text, max_size=3).map(tuple), variants=st.lists(cell_text, max_size=3).map(tuple),
    flags=st.lists(st.sampled_from(["terminology", "read-only", "read-only,terminology", " forbidden "]),
                   min_size=1, max_size=2).map(tuple),
), min_size=1, max_size=4))
def test_written_glossary_is_what_reading_it_back_gives(items: list[Term]) -> None:
    items = list({t.key: t for t in items}.values())  # one entry per key: gettext rejects duplicates
    """Cells a termbase can hold that a PO entry cannot ("A|B" as one form, two flags in one
    cell, spaces around a field) are written as reading the entry back gives them."""
    from tqkit.glossary.ops import canonical
    from tqkit.glossary.po_file import write_po

    as_before = canonical("g.po", (HEADER + "\n" + "\n\n".join(t.to_po() for t in items) + "\n").encode())
    assert write_po(items).encode() == as_before
