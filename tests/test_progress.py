"""Progress lines: on a terminal's stderr only, never with --quiet, and never a byte of stdout changed."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tqkit import progress as progress_module
from tqkit.cli import main
from tqkit.errors import InputError
from tqkit.glossary import tbx
from tqkit.glossary.csv_io import write_csv
from tqkit.glossary.model import Term
from tqkit.progress import Progress
from tqkit.scoring import metrics as M

CORPUS = "corpora/sco-summit-2022"
TERMS = [Term("Pékin", "Beijing", "place", forbidden=("Peking",)),
         Term("Vladimir Poutine", "Vladimir Putin", "person", title="Russian President", short="Putin"),
         Term("mise en demeure", "formal notice", "phrase")]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(progress_module, "time", SimpleNamespace(monotonic=fake.monotonic))
    return fake


# -- the line --------------------------------------------------------------------------------


@pytest.mark.parametrize("total_items,total_bytes,label,steps,expected", [
    # (nbytes, items) per step; the line drawn when the last one completes the phase
    (2, 2_000_000, "files", [(1_000_000, 1), (1_000_000, 1)], r"2/2 files, 2\.0/2\.0 MB, 0\.2 MB/s, 0 s left"),
    (1000, 0, "resamples", [(0, 370), (0, 630)], r"1000/1000 resamples, 100/s, 0 s left"),
    (None, 3_000_000, "entries", [(1_000_000, 40), (2_000_000, 60)], r"100 entries, 3\.0/3\.0 MB, 0\.3 MB/s, 0 s left"),
])
def test_final_line(clock, total_items, total_bytes, label, steps, expected) -> None:
    out = Terminal()
    with Progress(total_items, total_bytes, label, stream=out) as p:
        clock.now += 10  # the phase takes ten seconds
        for nbytes, items in steps:
            p.advance(nbytes, items)
    assert out.getvalue().startswith("\r") and out.getvalue().count("\n") == 1
    assert re.fullmatch(expected + r" *\n", out.getvalue().rsplit("\r", 1)[1])


def test_time_left_without_bytes(clock) -> None:
    out = Terminal()
    p = Progress(1000, 0, "resamples", stream=out)
    clock.now += 4
    p.advance(items=370)
    assert out.getvalue() == "\r370/1000 resamples, 92.5/s, 7 s left"


def test_at_most_ten_lines_a_second(clock) -> None:
    out = Terminal()
    with Progress(1000, 0, "resamples", stream=out) as p:
        for _ in range(999):
            clock.now += 1 / 64  # exact in binary: the interval is crossed every 7 steps (0.109 s)
            p.advance()
        drawn = out.getvalue().count("\r")
        p.advance()  # the last one is always drawn
    assert drawn == 999 // 7
    assert out.getvalue().count("\r") == drawn + 1
    assert re.search(r"\r1000/1000 resamples, [\d.]+/s, 0 s left *\n$", out.getvalue())


def test_newline_only_after_a_line(clock) -> None:
    out = Terminal()
    with Progress(10, 0, "files", stream=out) as p:
        p.advance()  # too soon to draw
    assert out.getvalue() == ""


def test_close_shows_where_an_early_stop_left_off(clock) -> None:
    out = Terminal()
    with pytest.raises(ValueError), Progress(10, 0, "files", stream=out) as p:
        clock.now += 1
        p.advance()
        p.advance(items=2)  # within 0.1 s: not drawn yet
        raise ValueError
    assert out.getvalue().startswith("\r1/10 files") and re.search(r"\r3/10 files[^\r]*\n$", out.getvalue())


def test_shorter_line_blanks_the_longer_one(clock) -> None:
    out = Terminal()
    p = Progress(None, 0, "entries", stream=out)
    clock.now += 0.5
    p.advance(items=12345)
    clock.now += 1000
    p.advance(items=1)
    first, second = out.getvalue().split("\r")[1:]
    assert second.rstrip() == "12346 entries, 12.3/s" and len(second) == len(first)


def test_spread_moves_bytes_with_the_work() -> None:
    p = Progress(1, 1000, "files", stream=io.StringIO())
    step = p.spread(1000, 3)
    for _ in range(3):
        step(1)
    assert (p.items, p.bytes) == (0, 1000)  # all of the bytes, none of the file: the caller counts it


def test_chunk_progress_is_heard_in_the_parent(monkeypatch) -> None:
    monkeypatch.setattr(M, "CHUNK", 4)  # three chunks over two worker processes
    heard = []
    hyps = ["the cat sat on the mat", "a dog", "it rained", "so it goes"] * 3
    M.segment_stats(M.make("chrf"), hyps, [hyps[::-1]], jobs=2, done=lambda n: heard.append((n, os.getpid())))
    assert heard == [(4, os.getpid())] * 3


@pytest.mark.parametrize("feed", [7, 100])
def test_tbx_parsed_in_pieces_reads_the_same(tmp_path: Path, monkeypatch, feed: int) -> None:
    whole = tmp_path / "g.tbx"
    whole.write_bytes(tbx.write_tbx(TERMS))
    utf16 = tmp_path / "g16.tbx"
    utf16.write_bytes(whole.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
                      .encode("utf-16"))
    broken = tmp_path / "bad.tbx"
    broken.write_bytes(whole.read_bytes().replace(b"</termEntry>", b"</termEntr>", 2))
    expected = tbx.read_tbx(str(whole))
    with pytest.raises(InputError) as before:
        tbx.read_tbx(str(broken))
    monkeypatch.setattr(tbx, "FEED", feed)
    assert tbx.read_tbx(str(whole)) == tbx.read_tbx(str(utf16)) == expected
    with pytest.raises(InputError) as after:
        tbx.read_tbx(str(broken))
    assert str(after.value) == str(before.value)


# -- the commands ----------------------------------------------------------------------------


def run(args: list[str], terminal: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), Terminal() if terminal else io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def progress_lines(err: str) -> list[str]:
    """The last state of each progress line, which redraws itself after a carriage return."""
    return [line.rsplit("\r", 1)[1].rstrip() for line in err.split("\n") if line.startswith("\r")]


def three_ways(args: list[str]) -> tuple[str, str, str, list[str]]:
    """stderr on a terminal, on a pipe, and on a terminal with --quiet; and the common stdout."""
    outputs, errors = [], []
    for extra, terminal in (([], True), ([], False), (["--quiet"], True)):
        code, out, err = run(args + extra, terminal)
        assert code == 0, err
        outputs.append(out)
        errors.append(err)
    assert outputs[0] == outputs[1] == outputs[2]
    return errors[0], errors[1], errors[2], outputs


@pytest.fixture
def in_root(root: Path, monkeypatch) -> Path:
    monkeypatch.chdir(root)
    return root


def test_score(in_root: Path) -> None:
    args = ["score", "-f", "json", "--metrics", "bleu,chrf", "--ref", f"{CORPUS}/ref.en.txt", "--baseline",
            f"{CORPUS}/mt.en.txt", "--bootstrap-samples", "30", "--randomization-trials", "70", "--segments", "2",
            f"{CORPUS}/rev.en.txt"]
    shown, piped, quiet, outputs = three_ways(args)
    assert outputs[0].startswith("{") and '"comparison"' in outputs[0]
    lines = progress_lines(shown)
    assert [line.split(",")[0] for line in lines] == ["2/2 files scored", "200/200 resamples", "104/104 segments scored"]
    assert re.fullmatch(r"2/2 files scored, 0\.0/0\.0 MB, [\d.]+ MB/s, 0 s left", lines[0])
    assert re.fullmatch(r"200/200 resamples, [\d.]+/s, 0 s left", lines[1])
    assert shown.count("\n") == 3 and piped == quiet == ""


def test_score_post_edit(in_root: Path) -> None:
    args = ["score", "-f", "json", "--post-edit", f"{CORPUS}/rev.en.txt", f"{CORPUS}/mt.en.txt"]
    shown, piped, quiet, _ = three_ways(args)
    assert [line.split(",")[0] for line in progress_lines(shown)] == ["1/1 files scored"]
    assert piped == quiet == ""


@pytest.mark.parametrize("name", ["terms.csv", "terms.tbx"])
def test_glossary_import(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(write_csv(TERMS).encode("utf-8") if name.endswith(".csv") else tbx.write_tbx(TERMS))
    written = []
    for extra, terminal in (([], True), ([], False), (["-q"], True)):
        code, out, err = run(["glossary", "import", str(source), "-o", str(tmp_path / "out.po"), *extra], terminal)
        assert code == 0 and out == ""
        written.append((tmp_path / "out.po").read_bytes())
        if terminal and not extra:
            size = source.stat().st_size / 1e6
            assert err.count("\n") == 2  # reading, then writing
            assert re.fullmatch(rf"3 entries, {size:.1f}/{size:.1f} MB, [\d.]+ MB/s, 0 s left", progress_lines(err)[0])
            assert re.fullmatch(r"3/3 entries written, [\d.]+/s, 0 s left", progress_lines(err)[1])
        else:
            assert err == ""
    assert written[0] == written[1] == written[2] and b'msgid "P\xc3\xa9kin"' in written[0]


def test_report(in_root: Path, tmp_path: Path) -> None:
    outputs, errors = [], []
    for n, (extra, terminal) in enumerate((([], True), ([], False), (["--quiet"], True))):
        reports = tmp_path / str(n)
        code, out, err = run(["report", CORPUS, "-o", str(reports), "--bootstrap-samples", "20",
                              "--randomization-trials", "20", *extra], terminal)
        assert code == 0 and out == ""
        # The reports name their directory (the autofixed file is a system): compare them without it.
        outputs.append([p.read_bytes().replace(str(reports).encode(), b"OUT") for p in sorted(reports.iterdir())])
        errors.append(err.replace(str(reports), "OUT"))
    assert outputs[0] == outputs[1] == outputs[2] and len(outputs[0]) == 4
    wrote = ("Wrote OUT/sco-summit-2022.html, OUT/sco-summit-2022.md, OUT/sco-summit-2022.json and "
             "OUT/sco-summit-2022.autofix.en.txt.\n")
    assert errors[1] == errors[2] == wrote  # a short run off a terminal: no step lines
    assert errors[0].endswith("\n" + wrote)
    assert [line.split(",")[0] for line in progress_lines(errors[0])] == [
        "3/3 files scored", "320/320 resamples", "156/156 segments scored", "1/1 revisions compared",
        "3/3 files linted"]
