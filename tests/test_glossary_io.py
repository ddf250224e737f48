"""Glossary CSV and TBX import/export: round trips, hand-written files, and refused input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tqkit.errors import InputError
from tqkit.glossary.csv_io import COLUMNS, read_csv, write_csv
from tqkit.glossary.model import Term
from tqkit.glossary.po_file import parse_terms
from tqkit.glossary.tbx import read_tbx, write_tbx

TERMS = [
    Term("Vladimir Poutine", "Vladimir Putin", "person", title="Russian President", short="Putin",
         forbidden=("Poutine", "Poutin"), variants=("Vladimir Vladimirovich Putin",),
         note='AP, Reuters and AFP English all write "Putin"; never <Poutine> & co.'),
    Term("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "person", title="President of Türkiye", short="Erdoğan",
         variants=("Erdoğan", "R. T. Erdoğan"), forbidden=("Erdogan", "Erdoghan", "Erdoğan, R."),
         flags=("terminology", "read-only")),
    Term("Organisation des Nations unies", "United Nations", "organization", short="UN",
         forbidden=("Organisation of United Nations", "UNO"), note="Not “the U.N.”; AP drops the periods.",
         flags=("read-only", "terminology")),
    Term("Pékin", "Beijing", "place", forbidden=("Peking",)),
    Term("garde des Sceaux", "Keeper of the Seals", "title", flags=("forbidden", "terminology")),
    Term("à l'heure où nous écrivons", "at the time of writing", "phrase"),
    Term("mise en demeure", "formal notice", "phrase", flags=()),
]


@pytest.fixture
def tmp_file(tmp_path: Path):
    def make(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return str(path)

    return make


def error_of(reader, path: str) -> InputError:
    with pytest.raises(InputError) as info:
        reader(path)
    return info.value


# -- round trips ---------------------------------------------------------------------------


def test_csv_round_trip(tmp_file):
    text = write_csv(TERMS)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "\r" not in text
    terms = read_csv(tmp_file("g.csv", text))
    assert terms == TERMS
    assert [t.flags for t in terms] == [t.flags for t in TERMS]  # order of flags kept
    assert terms[1].origin.endswith("g.csv:3")


def test_tbx_round_trip(tmp_file):
    data = write_tbx(TERMS)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert data == write_tbx(list(TERMS))  # deterministic
    assert read_tbx(tmp_file("g.tbx", data)) == TERMS


def test_tbx_round_trip_other_languages(tmp_file):
    data = write_tbx(TERMS[:2], source_lang="de-DE", target_lang="fr")
    assert b'<martif type="TBX-Basic" xml:lang="de-DE">' in data
    assert read_tbx(tmp_file("g.tbx", data)) == TERMS[:2]
    regional = tmp_file("r.tbx", write_tbx(TERMS[:2], source_lang="en-US", target_lang="en-GB"))
    assert read_tbx(regional, target_lang="en-GB") == TERMS[:2]


def test_tbx_ids_are_stable_when_terms_are_added():
    def ids(data: bytes) -> set[bytes]:
        return {line.strip() for line in data.splitlines() if b"<termEntry" in line}

    assert ids(write_tbx(TERMS[:3])) < ids(write_tbx(TERMS))
    twice = write_tbx([TERMS[0], TERMS[0]])
    assert len(ids(twice)) == 2


def test_tbx_marks_forms_with_tbx_basic_statuses():
    data = write_tbx([TERMS[0], TERMS[4]]).decode()
    assert data.count("preferredTerm-admn-sts") == 3  # both sources, Putin's target
    assert data.count("deprecatedTerm-admn-sts") == 3  # Poutine, Poutin, and the forbidden target
    assert '<termNote type="termType">shortForm</termNote>' in data
    assert '<descrip type="definition">Russian President</descrip>' in data


PO = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

# title: Russian President
# short: Putin
# forbidden: Poutine | Poutin
# variant: Vladimir Vladimirovich Putin
# note: AP, Reuters and AFP English all write Putin.
#, terminology, read-only
msgctxt "person"
msgid "Vladimir Poutine"
msgstr "Vladimir Putin"

#, forbidden
msgctxt "title"
msgid "garde des Sceaux"
msgstr "Keeper of the Seals"

msgctxt "phrase"
msgid "mise en demeure"
msgstr "formal notice"
'''


@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_po_round_trip_is_exact(tmp_file, fmt):
    terms = [term for _, term in parse_terms("g.po", PO)]
    if fmt == "csv":
        back = read_csv(tmp_file("g.csv", write_csv(terms)))
    else:
        back = read_tbx(tmp_file("g.tbx", write_tbx(terms)))
    assert [t.to_po() for t in back] == [t.to_po() for t in terms]


def test_tbx_refuses_untranslated_term():
    with pytest.raises(InputError) as info:
        write_tbx([Term("Zoé", "", "person", origin="g.po:12")])
    assert (info.value.path, info.value.line) == ("g.po", 12)


# -- CSV input -----------------------------------------------------------------------------

CSV_READS = [
    ("source,target,kind\nPékin,Beijing,place\n", [Term("Pékin", "Beijing", "place")]),
    ("kind;target;source;variant\nperson;Recep Tayyip Erdoğan;Recep Tayyip Erdogan; Erdoğan | Erdogan \n",
     [Term("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "person", variants=("Erdoğan", "Erdogan"))]),
    ('\ufeffsource,target,kind,note,flags\r\n"Poutine, V.",Putin,person,"a ""quoted"", note",\r\n\r\n',
     [Term("Poutine, V.", "Putin", "person", note='a "quoted", note', flags=())]),
    ("Source,Target,Kind,Flags\nPékin,Beijing,place,read-only|terminology\n",
     [Term("Pékin", "Beijing", "place", flags=("read-only", "terminology"))]),
]


@pytest.mark.parametrize(("text", "expected"), CSV_READS)
def test_read_csv(tmp_file, text, expected):
    assert read_csv(tmp_file("g.csv", text)) == expected


CSV_ERRORS = [
    ("source,kind\nPékin,place\n", 1, "target"),
    ("source,target,kind,colour\nPékin,Beijing,place,red\n", 1, "colour"),
    ("source,target,kind,variant,variants\n", 1, "variants"),
    ("", 1, "header"),
    ("source,target,kind\nPékin,Beijing,place\nOslo,Oslo,city\n", 3, "kind"),
    ("source,target,kind\nPékin,Beijing,place\nOslo,Oslo\n", 3, "fields"),
    ("source,target,kind\nPékin,Beijing,place,extra\n", 2, "fields"),
    ("source,target,kind\n ,Beijing,place\n", 2, "source"),
    ('source,target,kind,note\nPékin,Beijing,place,"two\nlines"\n\nOslo,Oslo,town,\n', 5, "kind"),
]


@pytest.mark.parametrize(("text", "line", "word"), CSV_ERRORS)
def test_read_csv_errors(tmp_file, text, line, word):
    error = error_of(read_csv, tmp_file("g.csv", text))
    assert error.path.endswith("g.csv")
    assert error.line == line
    assert word in error.message


# -- TBX input -----------------------------------------------------------------------------

TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "http://example.invalid/TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="fr">
  <martifHeader><fileDesc><sourceDesc><p>hand-written</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="putin">
      <descrip type="subjectField">politics</descrip>
      <note>tqkit-kind: person</note>
      <note>Wire style.</note>
      <langSet xml:lang="en-GB">
        <descripGrp><descrip type="definition">Russian President</descrip></descripGrp>
        <tig><term>Putin</term><termNote type="termType">shortForm</termNote></tig>
        <ntig><termGrp><term>Vladimir Putin</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
        <tig><term>Poutine</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        <tig><term>V. V. Putin</term></tig>
      </langSet>
      <langSet xml:lang="fr-FR"><tig><term>Vladimir Poutine</term></tig></langSet>
    </termEntry>
    <termEntry id="fisc">
      <langSet xml:lang="fr"><tig><term> le fisc </term>
        <termNote type="partOfSpeech">noun</termNote></tig></langSet>
      <langSet xml:lang="en"><tig><term>the tax authorities</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:basic="http://www.tbxinfo.net/ns/basic" xmlns:min="http://www.tbxinfo.net/ns/min">
  <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <note>tqkit-kind: organization</note>
      <note>tqkit-flags: read-only</note>
      <langSec xml:lang="fr"><termSec><term>Organisation des Nations unies</term></termSec></langSec>
      <langSec xml:lang="en">
        <termSec><term>United Nations</term>
          <termNoteGrp><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termNoteGrp>
        </termSec>
        <termSec><term>UN</term><basic:termType>shortForm</basic:termType></termSec>
        <termSec><term>UNO</term><min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

TBX_READS = [
    (TBX_V2, {}, [
        Term("Vladimir Poutine", "Vladimir Putin", "person", title="Russian President", short="Putin",
             forbidden=("Poutine",), variants=("V. V. Putin",), note="Wire style."),
        Term("le fisc", "the tax authorities", "phrase"),
    ]),
    (TBX_V3, {"source_lang": "fr"}, [
        Term("Organisation des Nations unies", "United Nations", "organization", short="UN", forbidden=("UNO",),
             flags=("read-only",)),
    ]),
]


@pytest.mark.parametrize(("text", "options", "expected"), TBX_READS)
def test_read_tbx(tmp_file, text, options, expected):
    assert read_tbx(tmp_file("g.tbx", text), **options) == expected


def test_read_tbx_utf16(tmp_file):
    data = TBX_V2.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert read_tbx(tmp_file("g.tbx", data))[0].target == "Vladimir Putin"


def test_read_tbx_origin_has_entry_line(tmp_file):
    terms = read_tbx(tmp_file("g.tbx", TBX_V2))
    assert [t.origin.rpartition(":")[2] for t in terms] == ["6", "20"]


BOMB = """<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<martif type="TBX-Basic"><text><body><termEntry><note>&g;</note></termEntry></body></text></martif>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry><note>&x;</note></termEntry></body></text></martif>
"""

ENTRY = '<langSet xml:lang="fr"><tig><term>Pékin</term></tig></langSet>'
TBX_ERRORS = [
    ("<martif>\n  <text></martif>", 2, 11, "well-formed"),
    ("<martif>\n  <text>é&nbsp;</text></martif>", 2, 10, "well-formed"),
    ("", 1, 1, "well-formed"),
    ('<?xml version="1.0"?>\n<html><body/></html>', 1, 0, "html"),
    (BOMB, 3, 0, "entit"),
    (EXTERNAL, 2, 0, "entit"),
    (f'<martif xml:lang="fr"><text><body>\n<termEntry id="beijing">{ENTRY}</termEntry></body></text></martif>',
     2, 0, "beijing"),
    ('<martif xml:lang="fr"><text><body>\n<termEntry id="x"><langSet xml:lang="en"><tig><term>Beijing</term></tig>'
     '</langSet></termEntry></body></text></martif>', 2, 0, "source"),
    (f'<martif xml:lang="fr"><text><body>\n<termEntry><note>tqkit-kind: city</note>{ENTRY}<langSet xml:lang="en">'
     '<tig><term>Beijing</term></tig></langSet></termEntry></body></text></martif>', 2, 0, "kind"),
    (f'<martif xml:lang="fr"><text><body><termEntry id="multi">{ENTRY}<langSet xml:lang="en"><tig><term>Beijing'
     '</term></tig></langSet><langSet xml:lang="de"><tig><term>Peking</term></tig></langSet></termEntry>'
     '</body></text></martif>', 1, 0, "multi"),
]


@pytest.mark.parametrize(("text", "line", "column", "word"), TBX_ERRORS)
def test_read_tbx_errors(tmp_file, text, line, column, word):
    started = time.monotonic()
    error = error_of(read_tbx, tmp_file("g.tbx", text))
    assert time.monotonic() - started < 5
    assert error.path.endswith("g.tbx")
    assert error.line == line
    if column:
        assert error.column == column
    assert word in error.message


def test_read_tbx_target_language_can_be_named(tmp_file):
    text = TBX_ERRORS[-1][0]
    terms = read_tbx(tmp_file("g.tbx", text), target_lang="de")
    assert [(t.source, t.target) for t in terms] == [("Pékin", "Peking")]
