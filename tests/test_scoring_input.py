"""What `tqkit score` reads: lines as sacrebleu reads them, and the few places it deliberately differs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF

from tqkit.cli import main
from tqkit.scoring import segments as G

REF = ["the cat sat on the mat", "the dog barked at night", "a bird sang", "fish swim in the sea"]
HYP = ["the cat sat on a mat", "the dog barked at noon", "a bird sang loudly", "fish swims in a sea"]


def scores(capsys, *args: str) -> dict[str, dict]:
    assert main(["score", "-q", "-f", "json", "--metrics", "bleu,chrf", *args]) == 0, capsys.readouterr().err
    return {s["metric"]: s for s in json.loads(capsys.readouterr().out)["systems"][0]["scores"]}


def sacrebleu_reads(path: Path) -> list[str]:
    """The segments sacrebleu's command line reads from a file."""
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line.rstrip() for line in f]


def sacrebleu_scores(hyp: list[str], ref: list[str]) -> dict[str, float]:
    return {m.corpus_score(hyp, [ref]).name: m.corpus_score(hyp, [ref]).score for m in (BLEU(), CHRF())}


def test_carriage_return_inside_a_line_stays_and_crlf_is_one_break(tmp_path, capsys) -> None:
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref.write_bytes("\r\n".join(REF).replace("barked", "barked\r").encode() + b"\r\n")
    hyp.write_bytes("\n".join(HYP).replace("barked", "barked\r").encode() + b"\n")
    got = scores(capsys, "--ref", str(ref), str(hyp))
    assert len(sacrebleu_reads(ref)) == len(sacrebleu_reads(hyp)) == 4
    expected = sacrebleu_scores(sacrebleu_reads(hyp), sacrebleu_reads(ref))
    assert {k: v["score"] for k, v in got.items()} == expected


def test_markdown_files_are_read_as_lines_unless_asked(tmp_path, capsys) -> None:
    text = "# Title\n\nthe cat sat\non the mat\n\n* a list item\n"
    for name in ("ref", "hyp"):
        (tmp_path / f"{name}.md").write_text(text.replace("cat", "cat" if name == "ref" else "dog"), encoding="utf-8")
        (tmp_path / f"{name}.txt").write_text(text.replace("cat", "cat" if name == "ref" else "dog"), encoding="utf-8")
    as_md = scores(capsys, "--ref", str(tmp_path / "ref.md"), str(tmp_path / "hyp.md"))
    as_txt = scores(capsys, "--ref", str(tmp_path / "ref.txt"), str(tmp_path / "hyp.txt"))
    assert as_md == as_txt
    expected = sacrebleu_scores(sacrebleu_reads(tmp_path / "hyp.md"), sacrebleu_reads(tmp_path / "ref.md"))
    assert {k: v["score"] for k, v in as_md.items()} == expected
    paragraphs = scores(capsys, "--input-format", "markdown", "--ref", str(tmp_path / "ref.md"), str(tmp_path / "hyp.md"))
    assert paragraphs != as_md
    assert G.read_segments(str(tmp_path / "ref.md"), "markdown").texts == ("Title", "the cat sat on the mat", "a list item")


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("ref_tail,hyp_tail", [("\n\n", "\n"), ("\n", "\n\n\n"), ("\n\n\n", "")])
def test_files_may_differ_only_by_blank_lines_at_the_end(ref_tail, hyp_tail, tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", "\n".join(REF) + ref_tail)
    hyp = write(tmp_path / "hyp.txt", "\n".join(HYP) + hyp_tail)
    got = scores(capsys, "--ref", ref, hyp)
    n = len(sacrebleu_reads(Path(ref)))  # the reference sets the number of segments
    expected = sacrebleu_scores((HYP + [""] * n)[:n], sacrebleu_reads(Path(ref)))
    assert {k: v["score"] for k, v in got.items()} == expected


def test_a_blank_line_at_the_end_of_both_files_is_a_segment_as_for_sacrebleu(tmp_path, capsys) -> None:
    # It changes no score, but a bootstrap resamples it: the confidence interval is sacrebleu's.
    ref = write(tmp_path / "ref.txt", "\n".join(REF) + "\n\n")
    hyp = write(tmp_path / "hyp.txt", "\n".join(HYP) + "\n\n")
    got = scores(capsys, "--confidence", "--confidence-n", "100", "--ref", ref, hyp)
    expected = CHRF().corpus_score(sacrebleu_reads(Path(hyp)), [sacrebleu_reads(Path(ref))], n_bootstrap=100)
    assert len(sacrebleu_reads(Path(ref))) == 5
    assert got["chrF2"]["confidence"]["mean"] == expected._mean


def test_a_missing_line_is_an_error_whatever_the_blank_lines_around_it(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", "\n".join(REF) + "\n")
    hyp = write(tmp_path / "hyp.txt", "\n".join(HYP + ["one line too many"]) + "\n\n")
    assert main(["score", "--ref", ref, hyp]) == 2
    err = capsys.readouterr().err
    assert "6 segments but" in err and "has 4" in err and err.count("\n") == 1


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_segment(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", "\n".join(REF) + "\n")
    plain = write(tmp_path / "hyp.txt", "\n".join(HYP) + "\n")
    marked = tmp_path / "bom.txt"
    marked.write_bytes(b"\xef\xbb\xbf" + Path(plain).read_bytes())
    assert scores(capsys, "--ref", ref, str(marked)) == scores(capsys, "--ref", ref, plain)
    assert G.read_segments(str(marked)).texts[0] == HYP[0]  # sacrebleu would read "\ufeff" + HYP[0]


def test_gzipped_files_are_read_decompressed(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", "\n".join(REF) + "\n")
    hyp = write(tmp_path / "hyp.txt", "\n".join(HYP) + "\n")
    for path in (ref, hyp):
        Path(path + ".gz").write_bytes(gzip.compress(Path(path).read_bytes()))
    assert scores(capsys, "--ref", ref + ".gz", hyp + ".gz") == scores(capsys, "--ref", ref, hyp)
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(b"abc\n")[:-6])
    assert main(["score", "--ref", ref, str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tqkit: error: {broken}: cannot decompress") and err.count("\n") == 1


def test_invalid_utf8_names_line_and_column_in_a_large_file(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(G, "PIECE", 64)  # the file is decoded in many pieces
    lines = [f"line number {i} é" for i in range(40)]
    data = ("\n".join(lines) + "\n").encode()
    bad = data.index(b"line number 31 ") + len("line number 31 ")
    path = tmp_path / "bad.txt"
    path.write_bytes(data[:bad] + b"\xff" + data[bad:])
    assert main(["score", "--ref", str(path), str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:32:16: invalid UTF-8 at byte {bad}" in err and err.count("\n") == 1
    monkeypatch.setattr(G, "PIECE", 1 << 20)
    assert G.read_lines(data, "x") == tuple(lines)


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\n\n", "\n", "a\r\nb", "a\rb\n", "x\u2028y\x85z\x0c\n", "a \t\n b\n"])
def test_lines_are_read_as_sacrebleu_reads_them(text: str, tmp_path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(text.encode())
    assert list(G.read_segments(str(path)).texts) == sacrebleu_reads(path)


def period_lines(n: int) -> list[str]:
    return [f"This is sentence {i} ." for i in range(n)]


def test_tokenized_period_warning_once_and_never_with_quiet(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", "\n".join(period_lines(120)) + "\n")
    other = write(tmp_path / "other.txt", "\n".join(period_lines(120)) + "\n")
    args = ["score", "-f", "json", "--metrics", "bleu,chrf", "--ref", ref, "--baseline", ref, "--paired-bs",
            "--bootstrap-samples", "10", other]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert err.count("tokenized period") == 1 and err.count("\n") == 1 and "(120 lines)" in err
    assert main(args + ["-q"]) == 0 and capsys.readouterr().err == ""
    assert main(args + ["--force"]) == 0 and capsys.readouterr().err == ""
    few = write(tmp_path / "few.txt", "\n".join(period_lines(99)) + "\n")
    assert main(["score", "--ref", few, few]) == 0 and capsys.readouterr().err == ""


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="fr" target-language="en" datatype="plaintext" original="a.txt"><body>
    <trans-unit id="1"><source>Le chat.</source><target>{one}</target></trans-unit>
    <trans-unit id="2"><source>Le chien.</source><target>{two}</target></trans-unit>
  </body></file>
</xliff>
"""


def test_xliff_units_are_matched_by_id(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.xlf", XLIFF.format(one="The cat sat.", two="The dog barked."))
    hyp = tmp_path / "hyp.xlf"
    hyp.write_text(XLIFF.format(one="The dog barked.", two="The cat sat.").replace('id="1"', 'id="x"')
                   .replace('id="2"', 'id="1"').replace('id="x"', 'id="2"'), encoding="utf-8")
    got = scores(capsys, "--input-format", "xliff", "--ref", ref, str(hyp))
    assert got["chrF2"]["score"] == 100.0
    assert G.read_segments(ref, "xliff").texts == ("The cat sat.", "The dog barked.")
