"""Linting a plain-text file in chunks of lines, as the Dask engine does for large files, gives
the findings of linting it whole: the line-local rules run on each chunk, the others on the
whole file, and the file's suppressions apply to both."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqkit import distributed
from tqkit.engine import LintOptions
from tqkit.glossary.po_file import read_glossaries
from tqkit.loaders import load
from tqkit.rules import registry

GLOSSARIES = Path(__file__).parent.parent / "glossaries"


def spec(glossary: bool, pair: str = "fr-en") -> distributed.LinterSpec:
    files = tuple(read_glossaries([str(GLOSSARIES / pair)])) if glossary else None
    return distributed.LinterSpec(pair, files, (), (), LintOptions(pair=pair))


def chunked(spec: distributed.LinterSpec, path: str, data: bytes, size: int) -> tuple:
    """What the Dask engine's tasks compute for a file, called here in turn."""
    if not distributed.chunkable(path, data):
        return distributed.lint_bytes(spec, path, data)
    parts = [distributed.lint_whole(spec, path, data)]
    parts += [distributed.lint_chunk(spec, path, data[start:end], lines_before)
              for start, end, lines_before in distributed.line_chunks(data, size)]
    return distributed.settle(spec, path, data, *parts)


def whole(spec: distributed.LinterSpec, path: str) -> tuple:
    """What the local engine gives for the file: (findings, error)."""
    return distributed._linter(spec).lint_file(path)


# Every rule that is not line-local has something to read on another line here.
ACROSS_PARAGRAPHS = """Mr Xi met Mr Putin and Mr Lavrov on Friday.

Mr. Wang followed; MM. Xi and Putin spoke after him.

The interview between the two leaders lasted two hours. “We agree,

“and we will go on,” he said. The summit and the meeting ended.

Later, Mme Merkel spoke. He said: “No way.

Then he left.

Recep Tayyip Erdogan arrived. Erdogan spoke first.

Later Erdoğan left. Stoltenburg and Lukachenko listened.

A lukachenko is no name in this document.
<!-- tqkit: off[EN006] -->

He said that the the talks went well. <!-- tqkit: ignore[FR004] -->

<!-- tqkit: on -->
"""


@pytest.mark.parametrize("pair", registry.pairs())
@pytest.mark.parametrize("glossary", [False, True], ids=["no-glossary", "glossary"])
@pytest.mark.parametrize("size", [1, 200, 10**9], ids=["each-line", "200-chars", "one-chunk"])
def test_chunks_give_the_findings_of_the_whole_file(root: Path, tmp_path: Path, pair: str, glossary: bool,
                                                     size: int) -> None:
    files = sorted((root / "corpora").glob("*/*.txt")) + sorted((root / "tests" / "corpus").glob("*/*.txt"))
    crafted = tmp_path / "across.txt"
    crafted.write_text(ACROSS_PARAGRAPHS, encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(ACROSS_PARAGRAPHS.replace("\n", "\r\n").encode("utf-8"))
    cr = tmp_path / "cr.txt"
    cr.write_bytes(ACROSS_PARAGRAPHS.replace("\n", "\r").encode("utf-8"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(ACROSS_PARAGRAPHS.rstrip("\n").encode("utf-16"))
    bom = tmp_path / "bom.txt"  # a BOM, and a U+FEFF starting a later line (two files joined)
    bom.write_bytes(("\ufeff" + ACROSS_PARAGRAPHS + "\ufeffthe Russia is here ?\n").encode("utf-8"))
    broken = tmp_path / "broken.txt"  # invalid UTF-8 far into the file: one error, no findings
    broken.write_bytes(ACROSS_PARAGRAPHS.encode("utf-8") * 2 + b"caf\xe9\n" + ACROSS_PARAGRAPHS.encode("utf-8"))
    linter_spec = spec(glossary, pair)
    for path in [*files, crafted, crlf, cr, utf16, bom, broken]:
        data = path.read_bytes()
        assert chunked(linter_spec, str(path), data, size) == whole(linter_spec, str(path)), path


def test_the_crafted_text_needs_the_whole_document() -> None:
    """Each rule that is not line-local fires on the crafted text, and linting every line
    alone with all rules would give other findings: the test above could fail."""
    linter_spec = spec(True)
    linter = distributed._linter(linter_spec)
    found, _ = distributed.lint_bytes(linter_spec, "across.txt", ACROSS_PARAGRAPHS.encode("utf-8"))
    wide = {r.meta.code for r in linter.rules if not r.line_local}
    assert wide == {"EN001", "EN002", "FR001", "FR002", "FR017", "GL002", "GL004"}
    assert wide <= {f.code for f in found}
    assert "EN006" not in {f.code for f in found}  # turned off on another line
    assert "TQ001" in {f.code for f in found}  # an unused suppression, judged on the whole file
    naive = []
    data = ACROSS_PARAGRAPHS.encode("utf-8")
    for start, end, lines_before in distributed.line_chunks(data, 1):
        doc = load("across.txt", data[start:end])
        naive += [(f.line + lines_before, f.code) for f in linter.lint_document(doc)]
    assert sorted(naive) != sorted((f.line, f.code) for f in found)


def test_line_chunks_cut_after_a_line_feed_and_count_every_line_break() -> None:
    data = b"a\nb b\r\nc\rd\n\ne"
    pieces = distributed.line_chunks(data, 1)
    assert [data[a:b] for a, b, _ in pieces] == [b"a\n", b"b b\r\n", b"c\rd\n", b"\n", b"e"]
    assert [lines for _, _, lines in pieces] == [0, 1, 2, 4, 5]  # the lone CR ends a line too
    assert [data[a:b] for a, b, _ in distributed.line_chunks(data, 4)] == [b"a\nb b\r\n", b"c\rd\n", b"\ne"]
    assert distributed.line_chunks(data, 100) == [(0, len(data), 0)]
    assert distributed.line_chunks(b"", 1) == []


def test_only_plain_text_in_utf8_is_chunked() -> None:
    text = "one\ntwo\n"
    assert distributed.chunkable("a.txt", text.encode()) and distributed.chunkable("notes", text.encode("utf-8-sig"))
    assert not distributed.chunkable("a.txt", text.encode("utf-16"))
    assert not distributed.chunkable("a.po", text.encode()) and not distributed.chunkable("a.md", text.encode())


def test_dask_engine_chunks_large_text_files(root: Path, tmp_path: Path, monkeypatch) -> None:
    """Files over the chunk size are cut into lines and linted by several tasks; the report is
    the local engine's, file errors included, in the same order."""
    pytest.importorskip("distributed")
    (tmp_path / "a-across.txt").write_text(ACROSS_PARAGRAPHS * 3, encoding="utf-8")
    (tmp_path / "b-sample.txt").write_bytes((root / "corpora" / "sco-summit-2022" / "mt.en.txt").read_bytes())
    (tmp_path / "c-broken.txt").write_bytes(b"fine\n\n\xff broken\n" * 100)
    (tmp_path / "d-notes.md").write_text("# Notes\n\n" + ACROSS_PARAGRAPHS, encoding="utf-8")
    for n in range(6):  # the same text in several files: their scattered pieces must not be shared
        (tmp_path / f"e-copy-{n}.txt").write_text(ACROSS_PARAGRAPHS * 3, encoding="utf-8")
    cut, line_chunks = [], distributed.line_chunks

    def spy(data: bytes, size: int) -> list[tuple[int, int, int]]:
        cut.append(line_chunks(data, size))
        return cut[-1]

    monkeypatch.setattr(distributed, "line_chunks", spy)
    linter_spec = spec(glossary=True)
    local = distributed._linter(linter_spec).lint_paths([str(tmp_path)])
    remote = distributed.lint_paths(linter_spec, [str(tmp_path)], None, 2, chunk_size=300)
    assert remote == local
    assert remote.files == 10 and len(remote.errors) == 1 and len({f.path for f in remote.findings}) == 9
    assert len(cut) == 9 and all(len(pieces) > 3 for pieces in cut)  # the large text files (the broken one too)

