"""XLIFF 1.2, XLIFF 2.0 and TMX: targets linted at their exact place in the XML, sources used."""

from __future__ import annotations

import pytest

from conftest import lint_text

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="fr" target-language="en" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="1">
        <source>Vladimir Poutine est arrivé à Pékin jeudi avec 1 500 soldats.</source>
        <target>Poutine arrived in Beijing &amp; <g id="1">Samarkand</g> with 150 soldiers ?</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Le sommet s'est ouvert jeudi.</source>
        <target>Le sommet s'est ouvert jeudi.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>Pourquoi maintenant ?</source>
        <target>Why now ?</target>
      </segment>
    </unit>
  </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fr" datatype="plaintext"/>
  <body>
    <tu>
      <tuv xml:lang="fr"><seg>Pourquoi maintenant ?</seg></tuv>
      <tuv xml:lang="en"><seg>Why now ?</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def spans(text: str, path: str, codes: tuple[str, ...]) -> list[tuple[int, int, int, str]]:
    return [(f.line, f.column, f.end_column, f.code) for f in lint_text(text, codes, path)]


def test_xliff12_positions_skip_entities_and_inline_tags() -> None:
    got = spans(XLIFF12, "a.xlf", ("FR008", "GL001", "TQ002", "TQ003"))
    assert got == [(7, 17, 24, "GL001"), (7, 17, 93, "TQ003"), (7, 91, 93, "FR008"), (11, 17, 46, "TQ002")]


@pytest.mark.parametrize("text,path,line,column", [(XLIFF20, "a.xliff", 7, 24), (TMX, "a.tmx", 7, 38)])
def test_xliff2_and_tmx(text: str, path: str, line: int, column: int) -> None:
    assert spans(text, path, ("FR008",)) == [(line, column, column + 2, "FR008")]


def test_malformed_xliff_is_an_input_error() -> None:
    from tqkit.errors import InputError
    from tqkit.loaders import load

    with pytest.raises(InputError, match="malformed"):
        load("bad.xlf", b"<xliff version='1.2'><file>")


def test_tmx_with_both_segments_on_one_line_lints_the_target() -> None:
    one_line = TMX.replace('<tuv xml:lang="fr"><seg>Pourquoi maintenant ?</seg></tuv>\n      <tuv', '<tuv xml:lang="fr"><seg>Pourquoi maintenant ?</seg></tuv><tuv')
    assert spans(one_line, "a.tmx", ("FR008", "TQ002")) == [(6, 95, 97, "FR008")]


def test_cdata_and_comments_in_targets() -> None:
    text = XLIFF20.replace("<target>Why now ?</target>", "<target><!-- x > y --><![CDATA[a > b]]> now ?</target>")
    from tqkit.loaders import load

    doc = load("a.xliff", text.encode())
    assert doc.text == "a > b now ?"


def test_utf16_xliff() -> None:
    from tqkit.loaders import load

    data = XLIFF20.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert load("a.xliff", data).text == "Why now ?"


def test_fix_leaves_inline_markup_alone(tmp_path) -> None:
    from tqkit.cli import main

    path = tmp_path / "a.xlf"
    path.write_text(XLIFF12.replace("Poutine arrived", 'Messrs. <g id="2">Xi</g> and Putin arrived'), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    main(["lint", "--fix", "--select", "FR001", str(path)])
    assert path.read_text(encoding="utf-8") == before


def test_entities_are_one_character_wide_in_lint_text() -> None:
    from tqkit.loaders import load

    text = XLIFF20.replace("<target>Why now ?</target>", "<target>A &#233; B &amp; C ?</target>")
    doc = load("a.xliff", text.encode("utf-8"))
    assert doc.text == "A é B & C ?"
    assert doc.locator.span(2, 3) == (7, 19, 7, 25)  # é is the six characters of &#233;
    assert doc.locator.span(len(doc.text) - 2, len(doc.text)) == (7, 35, 7, 37)
