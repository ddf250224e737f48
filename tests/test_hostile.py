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
    assert Path("/dev/null").is_char_device()


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
# that runs on file content must be linear, so one MB of them lints in seconds. A quadratic
# pattern takes minutes here (a directive padded with 5,000 spaces took 51 s; 40,000 "[" 16 s).
RUN = 8000
BUDGET_PER_MB = 30.0  # seconds; linting runs at a few MB/s


def _hostile_lines() -> list[str]:
    lines = []
    for c in string.punctuation + "«»“”‘’…–—\u00a0\u202f":
        lines += [c * RUN, c * (RUN // 2) + "a" * (RUN // 2), (c + " ") * (RUN // 2), (c + "a") * (RUN // 2)]
    lines += ["<!-- tqkit: ignore" + " " * RUN + "x", "<!-- tqkit: ignore -- " + " " * RUN + "x",
              "<!--" * (RUN // 4), "a" + "`" * RUN + "b" * RUN, "Mr " * (RUN // 3), "Word " * (RUN // 5)]
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
    data = shape(_hostile_lines()).encode("utf-8")
    start = time.perf_counter()
    linter.lint_document(load(path, data))
    seconds = time.perf_counter() - start
    assert seconds < BUDGET_PER_MB * len(data) / 1e6, f"{seconds:.1f} s for {len(data) / 1e6:.2f} MB"


def _git_repo(path: Path) -> None:
    for args in (["init", "-q"], ["config", "user.email", "t@example.org"], ["config", "user.name", "t"]):
        subprocess.run(["git", *args], cwd=path, check=True)
    (path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    subprocess.run(["git", "add", "a.txt"], cwd=path, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "a"], cwd=path, check=True)


def test_check_diff_names_an_unknown_revision_and_skips_devices(tmp_path, capsys, monkeypatch) -> None:
    _git_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # untracked: check --diff reads untracked files
    (tmp_path / "a.txt").write_text("Fine.\nWhy now ?\n", encoding="utf-8")
    assert main(["check", "--diff", "nosuchrev", "a.txt"]) == 2
    assert "no revision 'nosuchrev'" in capsys.readouterr().err
    assert main(["check", "--diff", "HEAD", "a.txt"]) == 1
    captured = capsys.readouterr()
    assert "FR008" in captured.out and "internal error" not in captured.err
