"""Glossary edits keep every entry: reproductions of the data losses of issue 15, items 1 to 6."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tqkit import po
from tqkit.cli import main

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
COMPACT = HEADER + ('msgctxt "person"\nmsgid "Vladimir Poutine"\nmsgstr "Vladimir Putin"\n'
                    'msgctxt "place"\nmsgid "Pékin"\nmsgstr "Beijing"\n'
                    'msgctxt "place"\nmsgid "Moscou"\nmsgstr "Moscow"\n')


def run(args: list[str], capsys) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


def entries(path: Path) -> list[tuple[str | None, str, str]]:
    catalog = po.parse(str(path), path.read_bytes())
    return [(m.msgctxt, m.msgid, m.msgstr) for m in catalog.entries]


@pytest.fixture
def glossary(tmp_path):
    def make(text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / "g.po"
        path.write_bytes(text.encode(encoding))
        return path
    return make


def test_remove_without_blank_lines_keeps_the_neighbours(glossary, capsys) -> None:
    path = glossary(COMPACT)
    assert run(["glossary", "remove", str(path), "Vladimir Poutine"], capsys)[0] == 0
    assert entries(path) == [("place", "Pékin", "Beijing"), ("place", "Moscou", "Moscow")]


def test_set_without_blank_lines_changes_only_its_entry(glossary, capsys) -> None:
    path = glossary(COMPACT)
    assert run(["glossary", "set", str(path), "Pékin", "--note", "AP style"], capsys)[0] == 0
    assert entries(path) == [("person", "Vladimir Poutine", "Vladimir Putin"), ("place", "Pékin", "Beijing"),
                             ("place", "Moscou", "Moscow")]
    assert path.read_text(encoding="utf-8").count("# note: AP style") == 1


def test_set_before_an_obsolete_block_keeps_it(glossary, capsys) -> None:
    path = glossary(HEADER + 'msgctxt "place"\nmsgid "Moscou"\nmsgstr "Moscow"\n#~ msgid "Ancien"\n#~ msgstr "Old"\n')
    assert run(["glossary", "set", str(path), "Moscou", "--target", "Moskva"], capsys)[0] == 0
    assert '#~ msgid "Ancien"\n#~ msgstr "Old"\n' in path.read_text(encoding="utf-8")


def test_a_comment_separated_by_a_blank_line_goes_with_its_entry(glossary, capsys) -> None:
    text = HEADER + '# note: capital\n\nmsgctxt "place"\nmsgid "Moscou"\nmsgstr "Moscow"\n'
    path = glossary(text)
    assert run(["glossary", "set", str(path), "Moscou", "--target", "Moskva"], capsys)[0] == 0
    assert entries(path) == [("place", "Moscou", "Moskva")]  # one copy, not two
    assert run(["glossary", "remove", str(path), "Moscou"], capsys)[0] == 0
    assert "capital" not in path.read_text(encoding="utf-8")


def test_set_keeps_plural_forms_previous_strings_and_no_context(glossary, capsys) -> None:
    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
            '#| msgid "depute"\nmsgid "député"\nmsgid_plural "députés"\nmsgstr[0] "MP"\nmsgstr[1] "MPs"\n\n'
            'msgid "Moscou"\nmsgstr "Moscow"\n')
    path = glossary(text)
    assert run(["glossary", "set", str(path), "député", "--note", "not deputy"], capsys)[0] == 0
    assert run(["glossary", "set", str(path), "Moscou", "--note", "capital"], capsys)[0] == 0
    after = path.read_text(encoding="utf-8")
    for kept in ('#| msgid "depute"\n', 'msgid_plural "députés"\n', 'msgstr[0] "MP"\n', 'msgstr[1] "MPs"\n'):
        assert kept in after
    assert "msgctxt" not in after  # no context stays no context: the gettext lookup key is unchanged
    code, err = run(["glossary", "set", str(path), "député", "--target", "member"], capsys)
    assert code == 2 and "plural forms" in err and path.read_text(encoding="utf-8") == after
    assert run(["glossary", "fmt", str(path)], capsys)[0] == 0
    formatted = path.read_text(encoding="utf-8")
    assert 'msgstr[1] "MPs"' in formatted and '#| msgid "depute"' in formatted and "msgctxt" not in formatted


def test_edits_keep_the_charset_and_line_endings(glossary, capsys) -> None:
    koi8 = glossary(HEADER.replace("UTF-8", "KOI8-R") + 'msgid "Moscou"\nmsgstr "Москва"\n', "koi8-r")
    assert run(["glossary", "add", str(koi8), "Kiev", "Киев", "--kind", "place"], capsys)[0] == 0
    assert "Киев" in koi8.read_bytes().decode("koi8-r")
    code, err = run(["glossary", "add", str(koi8), "Pékin", "北京", "--kind", "place"], capsys)
    assert code == 2 and "KOI8" in err.upper()
    cr = glossary(COMPACT.replace("\n", "\r"))
    assert run(["glossary", "add", str(cr), "Rome", "Rome", "--kind", "place"], capsys)[0] == 0
    assert b"\n" not in cr.read_bytes() and len(entries(cr)) == 4


def test_an_unterminated_name_is_never_suggested_or_written(glossary, tmp_path, capsys) -> None:
    path = glossary(HEADER + 'msgctxt "person"\nmsgid "Dmitri Peskov"\nmsgstr "Dmitry Peskov\n')
    article = tmp_path / "a.txt"
    article.write_text("Dmitri Peskov said so.\n", encoding="utf-8")
    before = path.read_bytes()
    for args in (["lint", "--glossary", str(path), "--fix", str(article)], ["glossary", "validate", str(path)],
                 ["glossary", "fmt", str(path)]):
        code, err = run(args, capsys)
        assert code == 2 and f"{path}:7:8: end of line within string" in err
    assert path.read_bytes() == before and article.read_text(encoding="utf-8") == "Dmitri Peskov said so.\n"


@pytest.mark.parametrize("option", ["--flag", "--note", "--title", "--short", "--forbid", "--variant"])
def test_newlines_cannot_inject_entries(glossary, option, capsys) -> None:
    path = glossary(COMPACT)
    value = 'x\n\nmsgctxt "place"\nmsgid "Moscou"\nmsgstr "HIJACKED"'
    code, err = run(["glossary", "add", str(path), "Rome", "Rome", "--kind", "place", option, value], capsys)
    assert code == 2 and option in err
    assert path.read_text(encoding="utf-8") == COMPACT


def test_a_list_separator_in_a_list_item_is_refused(glossary, capsys) -> None:
    path = glossary(COMPACT)
    code, err = run(["glossary", "add", str(path), "Rome", "Rome", "--kind", "place", "--forbid", "A | B"], capsys)
    assert code == 2 and "--forbid" in err


def _add(path: Path, i: int) -> int:
    return subprocess.run([str(Path(sys.executable).parent / "tqkit"), "glossary", "add", str(path), f"Ville {i}",
                           f"Town {i}", "--kind", "place"], capture_output=True).returncode


def test_concurrent_adds_lose_nothing(glossary) -> None:
    path = glossary(HEADER.rstrip("\n") + "\n")
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: _add(path, i), range(24)))
    assert codes == [0] * 24
    assert sorted(msgid for _, msgid, _ in entries(path)) == sorted(f"Ville {i}" for i in range(24))


def test_update_baseline_is_not_written_when_a_file_could_not_be_read(tmp_path, capsys) -> None:
    good, bad, baseline = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "bl.json"
    good.write_text("Why now ?\n", encoding="utf-8")
    bad.write_bytes(b"caf\xe9 ?\n")
    baseline.write_text("{}", encoding="utf-8")
    code, err = run(["lint", "--baseline", str(baseline), "--update-baseline", str(good), str(bad)], capsys)
    assert code == 2 and "baseline not updated" in err
    assert baseline.read_text(encoding="utf-8") == "{}"


def test_nothing_but_a_regular_file_is_replaced(tmp_path, capsys) -> None:
    fifo, good = tmp_path / "fifo.json", tmp_path / "good.txt"
    os.mkfifo(fifo)
    good.write_text("Why now ?\n", encoding="utf-8")
    code, err = run(["lint", "--baseline", str(fifo), "--update-baseline", str(good)], capsys)
    assert code == 2 and "not a regular file" in err and fifo.is_fifo()
