"""tqkit reads PO files as strictly as gettext's `msgfmt -c`: the same verdict on every case of
tests/data/po_conformance.toml, checked against msgfmt itself where gettext is installed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from po_cases import po_cases
from tqkit import po
from tqkit.cli import main
from tqkit.errors import InputError

CASES = po_cases()
IDS = [name for name, *_ in CASES]


@pytest.mark.parametrize(("name", "data", "valid", "line"), CASES, ids=IDS)
def test_tqkit_verdict(name, data, valid, line) -> None:
    if valid:
        po.parse("g.po", data)
        return
    with pytest.raises(InputError) as info:
        po.parse("g.po", data)
    assert info.value.path == "g.po"
    if line is not None:
        assert info.value.line == line


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize(("name", "data", "valid", "line"), CASES, ids=IDS)
def test_msgfmt_gives_the_same_verdict(name, data, valid, line, tmp_path) -> None:
    path = tmp_path / "g.po"
    path.write_bytes(data)
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert (done.returncode == 0) == valid, done.stderr


@pytest.mark.parametrize(("name", "data", "valid", "line"), [c for c in CASES if not c[2]],
                         ids=[c[0] for c in CASES if not c[2]])
@pytest.mark.parametrize("command", [["glossary", "validate"], ["glossary", "fmt"], ["glossary", "list"],
                                     ["glossary", "add", "{path}", "Rome", "Rome", "--kind", "place"],
                                     ["glossary", "remove", "{path}", "A"], ["glossary", "set", "{path}", "A",
                                     "--note", "x"], ["lint", "--glossary", "{path}", "{text}"], ["lint"]])
def test_every_command_refuses_what_gettext_rejects(name, data, valid, line, command, tmp_path, capsys) -> None:
    path = tmp_path / "g.po"
    path.write_bytes(data)
    text = tmp_path / "a.txt"
    text.write_text("Vladimir Putin spoke.\n", encoding="utf-8")
    args = [a.replace("{path}", str(path)).replace("{text}", str(text)) for a in command]
    if "{path}" not in command:
        args.append(str(path))
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"tqkit: error: {path}") and "Traceback" not in err
    assert path.read_bytes() == data  # nothing written into a file that could not be read faithfully
