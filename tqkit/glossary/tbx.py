"""Glossaries as TBX-Basic, the termbase exchange format CAT tools and terminologists use.

We write TBX v2 (ISO 30042:2008, `<martif type="TBX-Basic">`) because every TBX tool reads it;
we read it and TBX v3 (ISO 30042:2019, `<tbx>` / `<conceptEntry>` / `<langSec>` / `<termSec>`,
DCA or DCT style). One `Term` is one concept entry:

| Term field | TBX-Basic                                                                            |
|------------|--------------------------------------------------------------------------------------|
| source     | `<term>` of the source `<langSet>` (its preferred term, else its first)              |
| target     | first target `<tig>`: administrativeStatus `preferredTerm-admn-sts`                  |
|            | (`deprecatedTerm-admn-sts` when `flags` has `forbidden`, Weblate's meaning)          |
| short      | target `<tig>`: termType `shortForm`, administrativeStatus `admittedTerm-admn-sts`   |
| variants   | one target `<tig>` each, administrativeStatus `admittedTerm-admn-sts`                |
| forbidden  | one target `<tig>` each, administrativeStatus `deprecatedTerm-admn-sts`              |
| title      | `<descrip type="definition">` of the target `<langSet>`                              |
| kind       | entry-level `<note>tqkit-kind: person</note>`                                        |
| flags      | entry-level `<note>tqkit-flags: terminology, read-only</note>` (always written)      |
| note       | entry-level `<note>`, unprefixed                                                     |

Why: the office of a person is what a termbase defines them by, and tools show definitions
beside the term; the statuses and shortForm are TBX-Basic picklist values, so any TBX tool sees
which forms are forbidden. TBX-Basic has no category for a named-entity class (subjectField is a
domain) or for Weblate flags, so they are prefixed notes, which every TBX reader keeps. Without
them an entry gets kind `phrase` (no name-specific matching) and flags `terminology`.

Reading: the target is the preferred target term, else the first that is not a short form; of
the others, deprecated/superseded → forbidden, the first shortForm → short, the rest → variants.
Free notes are joined with a space; text is trimmed to one line (it ends up in PO comments).
Other categories, term-level notes, extra source terms and other languages are ignored. A free
note beginning with `tqkit-kind:` or `tqkit-flags:` cannot round-trip.

XML is parsed with defusedxml: entity declarations (billion laughs, external entities) are
refused; a DOCTYPE naming the TBX DTD is allowed but never fetched.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from tqkit.errors import InputError
from tqkit.glossary.model import KINDS, Term
from tqkit.loaders import read
from tqkit.progress import Progress

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KIND_NOTE, FLAGS_NOTE = "tqkit-kind:", "tqkit-flags:"
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
_FORBIDDEN_STATUSES = {DEPRECATED, "supersededTerm-admn-sts", "deprecatedTerm", "supersededTerm"}
_ROOTS = {"martif", "tbx"}
_ENTRIES = {"termEntry", "conceptEntry"}
_LANGS = {"langSet", "langSec"}
_TERMS = {"tig", "ntig", "termSec"}
_GROUPS = {"descripGrp", "adminGrp", "termGrp", "termNoteGrp", "noteGrp", "transacGrp"}
_TYPED = {"descrip", "admin", "termNote", "transac", "transacNote", "ref", "xref"}
DEFAULT_KIND = "phrase"
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
FEED = 1 << 20  # bytes given to the parser at a time, so progress moves while a large file is parsed


# -- reading -----------------------------------------------------------------------------


class _LineTreeBuilder(ET.TreeBuilder):
    """Remembers where each entry starts, so errors about an entry point at it."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: object = None
        self.lines: dict[ET.Element, int] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        elem = super().start(tag, attrs)
        if _local(tag) in _ENTRIES:
            self.lines[elem] = getattr(self.expat, "CurrentLineNumber", 0)
        return elem


def _parse(path: str, data: bytes, progress: Progress) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The tree, and the line of each entry; `progress` counts bytes parsed and entries begun."""
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.expat = expat = getattr(parser, "parser", None)  # the pure-Python parser's expat object
    try:
        begun = 0
        for start in range(0, len(data), FEED):
            chunk = data[start : start + FEED]
            parser.feed(chunk)
            progress.advance(len(chunk), items=len(builder.lines) - begun)
            begun = len(builder.lines)
        return parser.close(), builder.lines
    except ET.ParseError as exc:
        line, column = exc.position
        message = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise InputError(f"not well-formed XML: {message}", path, line, column + 1) from None
    except DefusedXmlException as exc:
        what = f"entity {exc.name!r}" if isinstance(exc, EntitiesForbidden) else "an external reference"
        raise InputError(f"refused: the file declares {what}; entity declarations and external references "
                         "are not allowed in TBX (they can expand without bound or read local files)",
                         path, getattr(expat, "CurrentLineNumber", 0)) from None


def read_tbx(path: str, source_lang: str | None = None, target_lang: str | None = None,
             quiet: bool = True) -> list[Term]:
    """Terms of a TBX v2 or v3 file; the source language defaults to the root's `xml:lang`.
    Unless `quiet`, a progress line on a terminal's stderr counts entries and MB read."""
    data = read(path)
    with Progress(None, len(data), "entries", quiet=quiet) as progress:
        root, lines = _parse(path, data, progress)
    if _local(root.tag) not in _ROOTS:
        raise InputError(f"not a TBX file: root is <{_local(root.tag)}>", path, 1)
    source_lang = source_lang or root.get(XML_LANG)
    entries = [e for e in root.iter() if _local(e.tag) in _ENTRIES]
    return [_term(path, n, entry, lines.get(entry, 0), source_lang, target_lang) for n, entry in enumerate(entries, 1)]


def _term(path: str, n: int, entry: ET.Element, line: int, source_lang: str | None, target_lang: str | None) -> Term:
    name = f"entry {entry.get('id')!r}" if entry.get("id") else f"entry #{n}"

    def fail(message: str) -> InputError:
        return InputError(f"{name}: {message}", path, line)

    source_set, target_set = _languages(entry, source_lang, target_lang, fail)
    sources = _tigs(source_set)
    source = next((t[0] for t in sources if t[1] == PREFERRED), sources[0][0] if sources else "")
    targets = _tigs(target_set) if target_set is not None else []
    if not source or not targets:
        raise fail(f"no {'source' if not source else 'target'} term")
    target, short, variants, forbidden = _target_forms(targets)
    kind, flags, notes = DEFAULT_KIND, ("terminology",), []
    for category, text in _props(entry, _LANGS):
        if category != "note" or not text:
            continue
        if text.startswith(KIND_NOTE):
            kind = text[len(KIND_NOTE):].strip()
        elif text.startswith(FLAGS_NOTE):
            flags = tuple(f.strip() for f in text[len(FLAGS_NOTE):].split(",") if f.strip())
        else:
            notes.append(text)
    if kind not in KINDS:
        raise fail(f"unknown kind {kind!r} (expected {', '.join(KINDS)})")
    title = next((text for category, text in _props(target_set, _TERMS) if category == "definition" and text), None)
    return Term(source, target, kind, title=title, short=short, forbidden=tuple(forbidden), variants=tuple(variants),
                note=" ".join(notes) or None, flags=flags, origin=f"{path}:{line}" if line else path)


def _languages(entry: ET.Element, source_lang: str | None, target_lang: str | None,
               fail: Callable[[str], InputError]) -> tuple[ET.Element, ET.Element | None]:
    """The source and target language sections; without a named target, the one other language."""
    sections = [(e.get(XML_LANG) or "", e) for e in entry if _local(e.tag) in _LANGS]
    source = _pick(sections, source_lang) if source_lang else (sections[0] if sections else None)
    if source is None:
        raise fail(f"no source term ({source_lang})")
    if target_lang:
        return source[1], (_pick([s for s in sections if s is not source], target_lang) or (None, None))[1]
    others = [(lang, e) for lang, e in sections if _primary(lang) != _primary(source[0])]
    if len({lang.casefold() for lang, _ in others}) > 1:
        raise fail(f"several target languages ({', '.join(lang for lang, _ in others)}); name the target language")
    else:
        target = others[0] if others else None
    return source[1], target[1] if target else None


def _target_forms(tigs: list[tuple[str, str, str]]) -> tuple[str, str | None, list[str], list[str]]:
    """(target, short, variants, forbidden): the preferred term, else the first that is not a short form."""
    statuses = [status for _, status, _ in tigs]
    main = statuses.index(PREFERRED) if PREFERRED in statuses else next(
        (i for i, (_, _, term_type) in enumerate(tigs) if term_type != "shortForm"), 0)
    short, variants, forbidden = None, [], []
    for i, (text, status, term_type) in enumerate(tigs):
        if i == main:
            continue
        if status in _FORBIDDEN_STATUSES:
            forbidden.append(text)
        elif term_type == "shortForm" and short is None:
            short = text
        else:
            variants.append(text)
    return tigs[main][0], short, variants, forbidden


def _tigs(langset: ET.Element) -> list[tuple[str, str, str]]:
    """(term, administrativeStatus, termType) of each term in a language section that has text."""
    found = []
    for tig in (e for e in langset.iter() if _local(e.tag) in _TERMS):
        props = dict(reversed(_props(tig, set())))  # the first value of each category wins
        if props.get("term"):
            found.append((props["term"], props.get("administrativeStatus", ""), props.get("termType", "")))
    return found


def _props(elem: ET.Element, skip: set[str]) -> list[tuple[str, str]]:
    """(data category, text) below `elem`, through groups, not into `skip` sections.

    DCA style names the category in `type` (`<termNote type="termType">`); DCT style (TBX v3)
    uses it as the element name (`<basic:termType>`): both come out as `termType`.
    """
    found = []
    for child in elem:
        name = _local(child.tag)
        if name in skip:
            continue
        if name in _GROUPS:
            found += _props(child, skip)
        else:
            category = child.get("type", "") if name in _TYPED else name
            found.append((category, _one_line("".join(child.itertext()))))
    return found


def _pick(langsets: list[tuple[str, ET.Element]], lang: str) -> tuple[str, ET.Element] | None:
    """The section in `lang`: an exact tag first, else the same primary language (`fr` ~ `fr-CA`)."""
    exact = [s for s in langsets if s[0].casefold().replace("_", "-") == lang.casefold().replace("_", "-")]
    loose = [s for s in langsets if _primary(s[0]) == _primary(lang)]
    return (exact or loose or [None])[0]


def _primary(lang: str) -> str:
    return lang.replace("_", "-").partition("-")[0].casefold()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


# -- writing -----------------------------------------------------------------------------


def write_tbx(terms: Sequence[Term], source_lang: str = "fr", target_lang: str = "en") -> bytes:
    """A TBX-Basic v2 document; no dates or random ids, so the same terms give the same bytes."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: source_lang})
    header = ET.SubElement(root, "martifHeader")
    _sub(ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc"), "p", "tqkit glossary")
    _sub(ET.SubElement(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    seen: set[str] = set()
    for term in terms:
        path, _, line = term.origin.rpartition(":")
        where = (path or term.origin or None, int(line) if line.isdigit() else 0)
        if not term.target:
            raise InputError(f"{term.source!r} ({term.kind}) has no translation; TBX needs a target term", *where)
        bad = next((c for t in _texts(term) for c in t if _XML_INVALID.match(c)), None)
        if bad is not None:
            raise InputError(f"{term.source!r} ({term.kind}) contains the control character U+{ord(bad):04X}, "
                             "which XML cannot hold; remove it before exporting to TBX", *where)
        entry = ET.SubElement(body, "termEntry", id=_entry_id(term, seen))
        _sub(entry, "note", f"{KIND_NOTE} {term.kind}")
        _sub(entry, "note", f"{FLAGS_NOTE} {', '.join(term.flags)}".rstrip())
        if term.note:
            _sub(entry, "note", term.note)
        _tig(ET.SubElement(entry, "langSet", {XML_LANG: source_lang}), term.source, PREFERRED)
        target = ET.SubElement(entry, "langSet", {XML_LANG: target_lang})
        if term.title:
            _sub(target, "descrip", term.title, type="definition")
        _tig(target, term.target, DEPRECATED if term.is_forbidden else PREFERRED)
        if term.short:
            _tig(target, term.short, ADMITTED, "shortForm")
        for variant in term.variants:
            _tig(target, variant, ADMITTED)
        for form in term.forbidden:
            _tig(target, form, DEPRECATED)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{text}\n'.encode()


# Characters XML 1.0 forbids in a document, even escaped: C0 controls but tab, LF and CR, and
# the non-characters U+FFFE and U+FFFF (surrogates cannot reach here: they do not encode).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _texts(term: Term) -> list[str]:
    return [term.source, term.target, term.kind, term.title or "", term.short or "", term.note or "",
            *term.variants, *term.forbidden, *term.flags]


def _entry_id(term: Term, seen: set[str]) -> str:
    """An id from the entry's key, so adding a term does not renumber the others in a diff."""
    base = "t" + hashlib.sha1(f"{term.kind}\0{term.source}".encode()).hexdigest()[:12]
    ident, n = base, 1
    while ident in seen:
        n += 1
        ident = f"{base}-{n}"
    seen.add(ident)
    return ident


def _tig(langset: ET.Element, text: str, status: str, term_type: str | None = None) -> None:
    tig = ET.SubElement(langset, "tig")
    _sub(tig, "term", text)
    if term_type:
        _sub(tig, "termNote", term_type, type="termType")
    _sub(tig, "termNote", status, type="administrativeStatus")


def _sub(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    ET.SubElement(parent, tag, attrs).text = text
