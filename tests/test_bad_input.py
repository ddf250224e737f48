"""Bad input: one located line on stderr, exit 2, the other files still linted, nothing written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tqkit.cli import main

GOOD = "Some 15 000 people came.\n"


def run(capsys, *paths: str) -> tuple[int, list[str], list[str]]:
    code = main(["lint", "-f", "json", *paths])
    out = capsys.readouterr()
    codes = [f["code"] for f in json.loads(out.out)["findings"]]
    return code, codes, out.err.splitlines()


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("bad-utf8.txt", b"caf\xe9 au lait\n", "bad-utf8.txt:1:4: invalid UTF-8 at byte 3"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.txt: binary file"),
        ("unterminated.po", b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "never closed\n', "unterminated.po:5:8: end of line within string"),
        ("escape.po", b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "bad \\q"\n', "escape.po:5:13: invalid escape sequence"),
        ("duplicate.po", b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', "duplicate.po:7: duplicate message definition"),
    ],
)
def test_bad_file_is_reported_and_others_linted(tmp_path: Path, capsys, name: str, data: bytes, message: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, codes, err = run(capsys, str(bad), str(good))
    assert code == 2 and codes == ["FR011"]
    assert len(err) == 1 and err[0].startswith("tqkit: error: ") and message in err[0]
    assert bad.read_bytes() == data


@pytest.mark.parametrize("data", [b"", "Why now ?\r\n".encode(), "Why now ?\r".encode(), "\ufeffWhy now ?\n".encode(),
                                  "Why now ?\n".encode("utf-16")])
def test_unusual_but_valid_files(tmp_path: Path, capsys, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    code, codes, err = run(capsys, str(path))
    assert err == [] and codes == ([] if not data else ["FR008"])


def test_one_long_line_does_not_hang(tmp_path: Path, capsys) -> None:
    path = tmp_path / "long.txt"
    path.write_text(("The talks went on for hours. " * 35_000) + "Why now ?\n", encoding="utf-8")  # one 1 MB line
    code, codes, _ = run(capsys, str(path))
    assert codes == ["FR008"]


def test_symlink_loop_and_unreadable_directory(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")
    code, codes, err = run(capsys, str(tmp_path))
    assert (code, codes, err) == (1, ["FR011"], [])  # the loop is not followed, nothing is read twice


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    code, codes, err = run(capsys, str(path))
    assert code == 2 and "cannot read" in err[0]


def test_missing_file(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and err == [f"tqkit: error: {tmp_path / 'nope.txt'}: cannot read: No such file or directory"]


def test_unreadable_directory_is_reported_and_the_rest_linted(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # what a directory without read permission does, even for root
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, codes, err = run(capsys, str(tmp_path))
    assert code == 2 and codes == ["FR011"]
    assert len(err) == 1 and "locked: cannot read directory: Permission denied" in err[0]
