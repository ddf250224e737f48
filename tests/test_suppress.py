"""Inline suppressions: next line, blocks, PO flags and comments, reasons, unused ones reported."""

from __future__ import annotations

from conftest import lint_text


def codes(text: str, path: str = "t.md", select: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in lint_text(text, select, path)]


def test_ignore_next_line_with_reason() -> None:
    text = "<!-- tqkit: ignore[FR004] -- a quoted title -->\nThe Russia is not isolated.\nThe Germany is big.\n"
    assert codes(text, select=("FR004", "TQ")) == [(3, "FR004")]


def test_ignore_on_the_same_line_in_plain_text() -> None:
    text = "The Germany is big. <!-- tqkit: ignore[FR004] -->\nThe Italy is big too.\n"
    assert codes(text, "t.txt", ("FR004", "TQ")) == [(2, "FR004")]


def test_off_on_block_and_prefix_codes() -> None:
    text = "<!-- tqkit: off[FR] -->\nWhy now ?\nThe Germany is big.\n<!-- tqkit: on -->\nWhy then ?\n"
    assert codes(text, select=("FR008", "FR004", "TQ")) == [(5, "FR008")]


def test_unused_and_unknown_suppressions_are_reported() -> None:
    text = ("<!-- tqkit: ignore[FR004] -->\nRussia is not isolated.\n\n"
            "<!-- tqkit: ignore[ZZ123] -->\nFine.\n\n<!-- tqkit: ignore[EN006] -->\nFine again.\n")
    assert codes(text, select=("FR004", "TQ")) == [(1, "TQ001"), (4, "TQ001")]  # EN006 did not run


def test_po_flag_and_comment() -> None:
    text = ('msgid ""\nmsgstr ""\n\n#, tqkit-ignore-FR008\nmsgid "a"\nmsgstr "Why now ?"\n\n'
            '# tqkit: ignore[FR009] -- house style\nmsgid "b"\nmsgstr "« Yes »"\n\n'
            'msgid "c"\nmsgstr "Why then ?"\n')
    assert codes(text, "t.po", ("FR008", "FR009", "TQ")) == [(13, "FR008")]


def test_directives_are_not_linted_as_prose() -> None:
    assert codes("<!-- tqkit: ignore -->\nWhy now ?\n", "t.txt", ("FR008", "TQ")) == []


def test_malformed_po_flag_is_not_a_blanket_ignore() -> None:
    text = 'msgid ""\nmsgstr ""\n\n#, tqkit-ignore-messrs-list\nmsgid "a"\nmsgstr "Why now ?"\n'
    assert codes(text, "t.po", ("FR008", "TQ")) == [(6, "FR008")]
