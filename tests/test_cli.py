"""The command line: output formats, exit codes, selection, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tqkit.cli import main

SAMPLE = "corpora/sco-summit-2022/mt.en.txt"


def run(args: list[str], capsys, cwd: Path | None = None) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def in_root(root: Path, monkeypatch) -> None:
    monkeypatch.chdir(root)


def test_json_contract(capsys) -> None:
    code, out, err = run(["lint", "--format", "json", SAMPLE], capsys)
    assert code == 1 and err == ""
    report = json.loads(out)
    assert report["tool"] == {"name": "tqkit", "version": "0.1.0"}
    assert set(report["summary"]) == {"files", "errors", "warnings", "info"}
    assert report["summary"]["files"] == 1
    first = report["findings"][0]
    assert list(first) == ["path", "line", "column", "end_line", "end_column", "code", "name", "severity",
                           "message", "suggestion"]
    counted = sum(report["summary"][k] for k in ("errors", "warnings", "info"))
    assert counted == len(report["findings"])


def test_text_format_lines_and_summary(capsys) -> None:
    code, out, _ = run(["lint", "--select", "FR004", SAMPLE], capsys)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{SAMPLE}:29:235: FR004 [warning] ")
    assert lines[-1] == "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."


def test_select_and_ignore_by_prefix(capsys) -> None:
    _, out, _ = run(["lint", "-f", "json", "--select", "FR", "--ignore", "FR004,FR017", SAMPLE], capsys)
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert codes and all(c.startswith("FR") for c in codes)
    assert not codes & {"FR004", "FR017"}


def test_more_specific_select_wins(capsys) -> None:
    _, out, _ = run(["lint", "-f", "json", "--ignore", "FR", "--select", "FR004", SAMPLE], capsys)
    assert {f["code"] for f in json.loads(out)["findings"]} == {"FR004"}


def test_severity_override_and_fail_on(capsys) -> None:
    code, out, _ = run(["lint", "-f", "json", "--select", "FR004", "--severity", "FR004=info", SAMPLE], capsys)
    assert code == 0 and json.loads(out)["findings"][0]["severity"] == "info"
    code, _, _ = run(["lint", "--select", "FR004", "--fail-on", "error", SAMPLE], capsys)
    assert code == 0


def test_clean_file_exits_zero(tmp_path, capsys) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("The talks ended on Friday.\n", encoding="utf-8")
    code, out, _ = run(["lint", str(clean)], capsys)
    assert code == 0 and out == "No problems found in 1 file.\n"


@pytest.mark.parametrize(
    "args,message",
    [
        (["lint", "--select", "XX9", SAMPLE], "'XX9' matches no rule"),
        (["lint", "--format", "yaml", SAMPLE], "unknown format 'yaml'"),
        (["lint", "--fail-on", "fatal", SAMPLE], "unknown severity 'fatal'"),
        (["lint", "--severity", "FR004", SAMPLE], "expects CODE=LEVEL"),
        (["lint", "--pair", "xx-yy", SAMPLE], "unknown language pair 'xx-yy'"),
        (["lint", "--no-such-option"], "No such option"),
        (["rules", "ZZ999"], "no rule 'ZZ999'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, message, capsys) -> None:
    code, out, err = run(args, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("tqkit: error: ")


def test_unreadable_input_is_reported_and_others_still_linted(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine\n\xff\n")
    good = tmp_path / "good.txt"
    good.write_text("Some 15 000 people came.\n", encoding="utf-8")
    code, out, err = run(["lint", "-f", "json", str(bad), str(good), str(tmp_path / "missing.txt")], capsys)
    assert code == 2
    assert f"{bad}:2:1: invalid UTF-8 at byte 5" in err
    assert "missing.txt: cannot read" in err
    assert [f["code"] for f in json.loads(out)["findings"]] == ["FR011"]


def test_directories_are_walked_in_order(tmp_path, capsys) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.md").write_text("The the end.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("The the end.\n", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("The the end.\n", encoding="utf-8")
    _, out, _ = run(["lint", "-f", "json", str(tmp_path)], capsys)
    paths = [Path(f["path"]).relative_to(tmp_path).as_posix() for f in json.loads(out)["findings"]]
    assert paths == ["a.txt", "b/x.md"]


def test_stdin_with_filename(root: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tqkit", "lint", "-f", "json", "--stdin-filename", "doc.md", "-"],
        input="Cost: `10 %` and 10 %\n".encode(), capture_output=True, cwd=root,
    )
    report = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert [(f["path"], f["column"], f["code"]) for f in report["findings"]] == [("doc.md", 20, "FR014")]


def test_rules_lists_and_documents(capsys) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "FR004" in out and "EN006" in out
    code, out, _ = run(["rules", "FR004"], capsys)
    assert code == 0 and "What it does" in out and "Use instead" in out


def test_readme_rules_table_is_current(root: Path, capsys) -> None:
    assert main(["rules", "--format", "markdown"]) == 0
    table = capsys.readouterr().out
    readme = (root / "README.md").read_text(encoding="utf-8")
    start = readme.index("-->\n", readme.index("<!-- rules-table")) + 4
    assert readme[start : readme.index("<!-- /rules-table -->")] == table


def test_jobs_do_not_change_output(root: Path, capsys) -> None:
    paths = [str(p) for p in sorted((root / "tests/corpus").rglob("*.txt"))]
    outputs = []
    for jobs in ("1", "2"):
        main(["lint", "-f", "json", "--jobs", jobs, *paths])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and json.loads(outputs[0])["summary"]["files"] == len(paths)


def test_progress_only_on_a_terminal() -> None:
    import io

    from tqkit.progress import Progress

    quiet = io.StringIO()
    p = Progress(2, 2_000_000, stream=quiet)  # StringIO is not a terminal
    p.advance(1_000_000)
    p.close()
    assert quiet.getvalue() == ""
    shown = io.StringIO()
    p = Progress(2, 2_000_000, stream=shown, enabled=True)
    p.advance(1_000_000)
    p.advance(1_000_000)
    p.close()
    assert "2/2 files, 2.0/2.0 MB" in shown.getvalue() and shown.getvalue().endswith("\n")


def test_pair_is_detected_from_the_glossary(root: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)  # no configuration here
    article = tmp_path / "a.txt"
    article.write_text("¿What now? Sr. Sánchez said.\n", encoding="utf-8")
    main(["lint", "-f", "json", "--glossary", str(root / "glossaries/es-en"), str(article)])
    assert {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]} >= {"ES001", "ES003"}


def test_pair_is_detected_from_a_po_header(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    po = tmp_path / "a.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"X-Source-Language: en\\n"\n\n'
                  'msgid "Why now?"\nmsgstr "Pourquoi maintenant?"\n', encoding="utf-8")
    main(["lint", "-f", "json", str(po)])
    assert [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["FT001"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_lost_to_a_full_disk_is_an_error(root: Path) -> None:
    """The command flushes its output before it leaves; a write that fails there is reported."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "tqkit", "score", "--ref", "corpora/sco-summit-2022/ref.en.txt",
                               "corpora/sco-summit-2022/mt.en.txt"], stdout=full, stderr=subprocess.PIPE, cwd=root,
                              env=env, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["tqkit: error: cannot write the output: No space left on device"]


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    """`tqkit lint | head`: no traceback, no error line, and exit 0 however far the output got."""
    (tmp_path / "a.txt").write_text("the Russia is here ?\n" * 20000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "tqkit", "lint", "-f", "json", str(tmp_path / "a.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(10) == b'{\n  "tool"'
    proc.stdout.close()  # far more than a pipe holds is still to come
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""
    proc.stderr.close()
