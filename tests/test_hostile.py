"""Hostile inputs, one table row each: every one ends in one located line on stderr and exit 2
(or the stated code), never a hang, a traceback or a changed file. Adding a case is one row."""

from __future__ import annotations

import os
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tqkit.cli import main
from tqkit.engine import Linter
from tqkit.loaders import load
from tqkit.rules import registry

GOOD = "Why now ?\n"  # FR008: proof that the good file was linted
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link(target: str):
    return lambda path: path.symlink_to(target)


def _text(content: str):
    return lambda path: path.write_text(content, encoding="utf-8")


def _bytes(content: bytes):
    return lambda path: path.write_bytes(content)


# (name, {file: maker}, command with {file} placeholders, exit code, stderr must contain)
CASES = [
    ("fifo as a file", {"f.txt": _fifo}, ["lint", "{f.txt}", "{good.txt}"], 2, "a FIFO, not a regular file"),
    ("fifo in a walked directory", {"d/f.txt": _fifo, "d/good.txt": _text(GOOD)}, ["lint", "{d}"], 2, "a FIFO"),
    ("fifo with --fix", {"f.txt": _fifo}, ["lint", "--fix", "{f.txt}"], 2, "a FIFO"),
    ("fifo as --glossary", {"g.po": _fifo}, ["lint", "--glossary", "{g.po}", "{good.txt}"], 2, "a FIFO"),
    ("fifo in score", {"h.txt": _fifo}, ["score", "--ref", "{good.txt}", "{h.txt}"], 2, "a FIFO"),
    ("fifo as baseline", {"b.json": _fifo}, ["lint", "--baseline", "{b.json}", "{good.txt}"], 2, "a FIFO"),
    ("fifo as configuration", {"c.toml": _fifo}, ["lint", "--config", "{c.toml}", "{good.txt}"], 2, "a FIFO"),
    ("/dev/zero as a file", {"z.txt": _link("/dev/zero")}, ["lint", "{z.txt}", "{good.txt}"], 2, "character device"),
    ("/dev/zero as --glossary", {"z.po": _link("/dev/zero")}, ["lint", "--glossary", "{z.po}", "{good.txt}"], 2,
     "character device"),
    ("/dev/urandom as --glossary", {"u.po": _link("/dev/urandom")}, ["glossary", "list", "{u.po}"], 2,
     "character device"),
    ("XLIFF that is not XLIFF", {"r.xlf": _text("<root/>")}, ["lint", "{r.xlf}", "{good.txt}"], 2, "malformed XLF"),
    ("CSV field over the csv limit", {"big.csv": _text("source,target,kind\n" + "x" * 140_000 + ",y,person\n")},
     ["glossary", "import", "{big.csv}", "-o", "{out.po}"], 2, "big.csv:2: malformed CSV"),
    ("duplicate CSV rows", {"d.csv": _text("source,target,kind\nMoscou,Moscow,place\nMoscou,Moscow,place\n")},
     ["glossary", "import", "{d.csv}", "-o", "{out.po}"], 2, "two entries for 'Moscou'"),
    ("NaN score gate", {"c.toml": _text('[[score-gates]]\nreferences = "r.txt"\nhypothesis = "h.txt"\nmax-drop = nan\n')},
     ["lint", "--config", "{c.toml}", "{good.txt}"], 2, "'score-gates[0].max-drop' must be a finite number"),
    ("unknown pair in the configuration", {"c.toml": _text('pair = "xx-yy"\n')},
     ["lint", "--config", "{c.toml}", "{good.txt}"], 2, "c.toml: 'pair': unknown language pair 'xx-yy'"),
    ("severity for no rule in the configuration", {"c.toml": _text('[severity]\nZZ999 = "info"\n')},
     ["lint", "--config", "{c.toml}", "{good.txt}"], 2, "c.toml: 'severity.ZZ999': no rule 'ZZ999'"),
    ("update-baseline onto a device", {}, ["lint", "--baseline", "/dev/null", "--update-baseline", "{good.txt}"], 2,
     "not a regular file"),
]


@pytest.mark.parametrize(("name", "files", "command", "code", "message"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input(tmp_path, capsys, monkeypatch, name, files, command, code, message) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for relative, make in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        make(tmp_path / relative)
    names = {f"{{{k}}}": str(tmp_path / k) for k in [*files, "good.txt", "out.po", "d"]}
    args = [names.get(part, part) for part in command]
    assert main(args) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and "internal error" not in err


def test_stdin_from_dev_zero_stops_at_the_limit(tmp_path) -> None:
    tqkit = str(Path(sys.executable).parent / "tqkit")
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([tqkit, "lint", "-"], stdin=zero, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "TQKIT_MAX_FILE_SIZE": "1M"})
    assert done.returncode == 2 and "larger than 1,048,576 bytes" in done.stderr and "TQKIT_MAX_FILE_SIZE" in done.stderr


def test_po_suppression_covers_only_its_entry_in_a_compact_file(tmp_path, capsys) -> None:
    path = tmp_path / "a.po"
    path.write_text(HEADER + '#, tqkit-ignore-FR008\nmsgid "a"\nmsgstr "Why now ?"\nmsgid "b"\nmsgstr "Why then ?"\n',
                    encoding="utf-8")
    assert main(["lint", "--select", "FR008", str(path)]) == 1
    assert f"{path}:9:" in capsys.readouterr().out


# Long runs of every punctuation character, as lines of one document per loader: every pattern
# that runs on file content must be linear. A quadratic one took minutes (a directive padded with
# 5,000 spaces took 51 s; 40,000 "[" 16 s). Linear means four times the run costs about four
# times as much; the test allows eight (timing noise), and a quadratic pattern costs sixteen.


def _hostile_lines(run: int) -> list[str]:
    lines = []
    for c in string.punctuation + "«»“”‘’…–—\u00a0\u202f":
        lines += [c * run, c * (run // 2) + "a" * (run // 2), (c + " ") * (run // 2), (c + "a") * (run // 2)]
    lines += ["<!-- tqkit: ignore" + " " * run + "x", "<!-- tqkit: ignore -- " + " " * run + "x",
              "<!--" * (run // 4), "a" + "`" * run + "b" * run, "Mr " * (run // 3), "Word " * (run // 5)]
    return lines


def _as_po(lines: list[str]) -> str:
    escape = lambda s: s.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    return HEADER + "".join(f'msgid "{i}"\nmsgstr "{escape(line)}"\n\n' for i, line in enumerate(lines))


def _as_xliff(lines: list[str]) -> str:
    from xml.sax.saxutils import escape

    units = "".join(f'<trans-unit id="{i}"><source>s</source><target>{escape(line)}</target></trans-unit>'
                    for i, line in enumerate(lines))
    return ('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            f'<file source-language="fr" target-language="en" datatype="plaintext" original="a"><body>{units}'
            '</body></file></xliff>')


@pytest.mark.parametrize(("path", "shape"), [("a.txt", "\n".join), ("a.md", "\n".join), ("a.po", _as_po),
                                            ("a.xlf", _as_xliff)])
def test_long_runs_of_punctuation_lint_in_linear_time(path: str, shape) -> None:
    linter = Linter(registry.build("fr-en", [str(Path(__file__).parent / "data" / "glossary.po")]))

    def seconds(run: int) -> float:
        data = shape(_hostile_lines(run)).encode("utf-8")
        start = time.perf_counter()
        linter.lint_document(load(path, data))
        return time.perf_counter() - start

    seconds(200)  # compiles what the runs need, so the two timings compare scanning alone
    small, large = min(seconds(1000) for _ in range(2)), min(seconds(4000) for _ in range(2))
    assert large < 8 * small + 0.5, f"{small:.2f} s for runs of 1,000, {large:.2f} s for runs of 4,000"
