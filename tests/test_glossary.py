"""Glossary files, their maintenance commands, and the matcher behind the GL rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tqkit.cli import main
from tqkit.glossary import ops
from tqkit.glossary.matcher import Form, TermMatcher
from tqkit.glossary.po_file import GlossaryFile, load_terms

DATA = Path(__file__).parent / "data"
GLOSSARY = DATA / "glossary.po"

# A PO file as another tool writes it: CRLF, a header comment, wrapped strings,
# an extracted comment, a reference and an obsolete entry. Edits must not disturb any of it.
FOREIGN = (
    "# Glossary exported by another tool\r\n"
    'msgid ""\r\nmsgstr ""\r\n"Language: en\\n"\r\n"Project-Id-Version: x\\n"\r\n\r\n'
    "#. kept extracted comment\r\n#: people.csv:3\r\n#, terminology\r\n"
    'msgctxt "person"\r\nmsgid ""\r\n"Alexandre "\r\n"Loukachenko"\r\nmsgstr "Alexander Lukashenko"\r\n\r\n'
    '#, terminology\r\nmsgctxt "place"\r\nmsgid "Moscou"\r\nmsgstr "Moscow"\r\n\r\n'
    '#~ msgid "Ancien"\r\n#~ msgstr "Old"\r\n'
).encode("utf-8")


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_then_remove_gives_back_the_file_byte_for_byte(tmp_path, capsys) -> None:
    path = tmp_path / "g.po"
    path.write_bytes(FOREIGN)
    args = ["glossary", "add", str(path), "Iouri Ouchakov", "Yuri Ushakov", "--kind", "person",
            "--title", "Kremlin foreign policy adviser", "--forbid", "Ouchakov", "--forbid", "Iouri Ouchakov"]
    assert run(args, capsys)[0] == 0
    added = path.read_bytes()
    assert added.startswith(FOREIGN[: FOREIGN.index(b"#, terminology\r\nmsgctxt \"place\"")])
    assert b"# forbidden: Ouchakov | Iouri Ouchakov\r\n" in added
    assert run(["glossary", "remove", str(path), "Iouri Ouchakov"], capsys)[0] == 0
    assert path.read_bytes() == FOREIGN


def test_set_changes_only_that_entry(tmp_path, capsys) -> None:
    path = tmp_path / "g.po"
    path.write_bytes(FOREIGN)
    assert run(["glossary", "set", str(path), "Moscou", "--note", "AP style"], capsys)[0] == 0
    before, after = FOREIGN.split(b"\r\n"), path.read_bytes().split(b"\r\n")
    assert [line for line in after if line not in before] == [b"# note: AP style"]


def test_add_refuses_an_existing_entry_and_leaves_the_file(tmp_path, capsys) -> None:
    path = tmp_path / "g.po"
    path.write_bytes(FOREIGN)
    code, _, err = run(["glossary", "add", str(path), "Moscou", "Moskva", "--kind", "place"], capsys)
    assert code == 2 and "already exists" in err and err.count("\n") == 1
    assert path.read_bytes() == FOREIGN


def test_glossary_built_by_commands_equals_hand_written(tmp_path, capsys) -> None:
    built = tmp_path / "built.po"
    for term in load_terms([str(GLOSSARY)]):
        args = ["glossary", "add", str(built), term.source, term.target, "--kind", term.kind]
        for option, value in (("--title", term.title), ("--short", term.short), ("--note", term.note)):
            if value:
                args += [option, value]
        for form in term.forbidden:
            args += ["--forbid", form]
        for form in term.variants:
            args += ["--variant", form]
        assert run(args, capsys)[0] == 0
    assert load_terms([str(built)]) == load_terms([str(GLOSSARY)])
    assert built.read_bytes() == GLOSSARY.read_bytes()


def test_fmt_is_a_fixed_point_and_check_reports(tmp_path, capsys) -> None:
    path = tmp_path / "g.po"
    path.write_bytes(FOREIGN)
    assert run(["glossary", "fmt", "--check", str(path)], capsys)[0] == 1
    assert path.read_bytes() == FOREIGN
    assert run(["glossary", "fmt", str(path)], capsys)[0] == 0
    once = path.read_bytes()
    assert b"kept extracted comment" in once and b'#~ msgid "Ancien"' in once
    assert run(["glossary", "fmt", "--check", str(path)], capsys)[0] == 0
    assert run(["glossary", "fmt", str(path)], capsys)[0] == 0 and path.read_bytes() == once


def test_validate_reports_each_kind_of_problem(tmp_path, capsys) -> None:
    path = tmp_path / "bad.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n\n'
        '#, terminology\nmsgctxt "person"\nmsgid "Poutine"\nmsgstr "Putin"\n\n'
        '#, terminology\nmsgctxt "place"\nmsgid "Poutine"\nmsgstr "Poutin"\n\n'
        '# forbidden: Putin\n#, terminology, shiny\nmsgctxt "animal"\nmsgid "Ours"\nmsgstr ""\n',
        encoding="utf-8",
    )
    code, out, _ = run(["glossary", "validate", str(path)], capsys)
    assert code == 1
    for needle in ("2 canonical targets", "forbidden form 'Putin'", "empty target",
                   "unknown kind 'animal'", "unknown flag 'shiny'"):
        assert needle in out
    assert run(["glossary", "validate", str(GLOSSARY)], capsys)[0] == 0


def test_extract_proposes_missing_names(tmp_path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kremlin aide Yuri Ushakov met Vladimir Putin. Yuri Ushakov left.\n", encoding="utf-8")
    code, out, _ = run(["glossary", "extract", str(article), "--glossary", str(GLOSSARY)], capsys)
    assert code == 0
    assert out.splitlines()[0].split(None, 1) == ["2", "Yuri Ushakov"]
    assert "Vladimir Putin" not in out


MATCHER = TermMatcher(load_terms([str(GLOSSARY)]))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Vladimir Putin's aide", [("Vladimir Putin", Form.CANONICAL, True)]),
        ("PUTIN SPEAKS", [("PUTIN", Form.SHORT, True)]),
        ("Poutine et Poutin", [("Poutine", Form.SOURCE, True), ("Poutin", Form.FORBIDDEN, True)]),
        ("Erdoğan and Erdogàn", [("Erdoğan", Form.VARIANT, True), ("Erdogàn", Form.SHORT, False)]),
        ("the Putin-Xi talks", [("Putin", Form.SHORT, True), ("Xi", Form.SHORT, True)]),
        ("poutine, Putinism, Xian", []),
        ("Shanghai Cooperation Organization (SCO)",
         [("Shanghai Cooperation Organization", Form.CANONICAL, True), ("SCO", Form.VARIANT, True)]),
    ],
)
def test_matcher(text: str, expected: list) -> None:
    got = [(text[m.start : m.end], m.surface.form, m.exact) for m in MATCHER.mentions(text)]
    assert got == expected


def test_stats_counts(capsys) -> None:
    figures = ops.stats(load_terms([str(GLOSSARY)]))
    assert figures["entries"] == 8 and figures["by_kind"]["person"] == 5


def test_open_missing_file_is_an_input_error(tmp_path) -> None:
    from tqkit.errors import InputError

    with pytest.raises(InputError, match="no such glossary"):
        GlossaryFile.open(str(tmp_path / "none.po"))


def _findings(glossary, text: str) -> list[tuple]:
    from tqkit.engine import Linter
    from tqkit.loaders import load
    from tqkit.rules import registry
    from tqkit.rules.glossary import glossary_rules

    rules = [*registry.rules_for("fr-en"), *glossary_rules(glossary)]
    doc = load("t.txt", text.encode("utf-8"))
    return [(f.line, f.column, f.code, f.message, f.suggestion) for f in Linter(rules).lint_document(doc)]


def test_cached_glossary_lints_like_a_freshly_built_one(tmp_path, monkeypatch) -> None:
    from tqkit.rules.glossary import Glossary

    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    sample = (DATA.parent.parent / "corpora/sco-summit-2022/mt.en.txt").read_text(encoding="utf-8")
    shipped = str(DATA.parent.parent / "glossaries/fr-en")
    built = Glossary.load([shipped])  # parsed with polib, then stored
    assert len(list((tmp_path / "cache").glob("glossary-*.bin"))) == 1
    import tqkit.rules.glossary as glossary_module

    def no_parsing(*args):
        raise AssertionError("the cached glossary was parsed again")

    with monkeypatch.context() as patched:  # (undo() would also drop the cache directory set above)
        patched.setattr(glossary_module, "parse_glossaries", no_parsing)
        cached = Glossary.load([shipped])
    fresh = Glossary(load_terms([shipped]))
    assert _findings(cached, sample) == _findings(built, sample) == _findings(fresh, sample)
    assert any(code == "GL001" for _, _, code, _, _ in _findings(cached, sample))
    assert list(cached.terms) == list(fresh.terms)


def test_glossary_cache_follows_the_file_and_survives_damage(tmp_path, monkeypatch, capsys) -> None:
    from tqkit.rules.glossary import Glossary

    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "g.po"
    shutil.copy(GLOSSARY, path)
    Glossary.load([str(path)])
    assert not any(t.target == "Kassym-Jomart Tokayev" for t in Glossary.load([str(path)]).terms)
    code, _, _ = run(["glossary", "add", str(path), "Kassym-Jomart Tokaïev", "Kassym-Jomart Tokayev", "--kind", "person"],
                     capsys)
    assert code == 0
    assert any(t.target == "Kassym-Jomart Tokayev" for t in Glossary.load([str(path)]).terms)  # not the stale entry
    for entry in (tmp_path / "cache").glob("glossary-*.bin"):
        entry.write_bytes(b"damaged")
    reloaded = Glossary.load([str(path)])
    assert any(t.target == "Kassym-Jomart Tokayev" for t in reloaded.terms)
    assert any(e.read_bytes() != b"damaged" for e in (tmp_path / "cache").glob("glossary-*.bin"))  # rebuilt


def test_chunked_table_reads_back_what_was_packed() -> None:
    from tqkit.glossary.compact import CHUNK, Chunked

    items = [(i, f"form {i}", ("a", "b")) for i in range(CHUNK * 2 + 7)]
    table = Chunked(*Chunked.pack(items))
    assert len(table) == len(items) and list(table) == items
    assert table[-1] == items[-1] and table[CHUNK - 1 : CHUNK + 2] == items[CHUNK - 1 : CHUNK + 2]
    with pytest.raises(IndexError):
        table[len(items)]


def test_a_cache_directory_others_can_write_is_not_used(tmp_path, monkeypatch, capsys) -> None:
    from tqkit import cache

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(shared))
    cache.store("x.bin", {"a": 1})
    assert not list(shared.iterdir()) and "other users can write to it" in capsys.readouterr().err
    shared.chmod(0o700)
    cache.store("x.bin", {"a": 1})
    assert cache.load("x.bin") == {"a": 1}
    data = (shared / "x.bin").read_bytes()
    (shared / "x.bin").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit of the digest
    assert cache.load("x.bin") is None
