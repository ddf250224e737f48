"""`tqkit glossary …`: maintain name-and-title termbases kept as PO files in git."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from tqkit.atomic import Snapshot, exclusive, write_atomic
from tqkit.cli.options import Quiet
from tqkit.errors import ConfigError, ExitCode, InputError
from tqkit.glossary import ops
from tqkit.glossary.model import KINDS, Term
from tqkit.glossary.po_file import GlossaryFile, glossary_paths, load_terms, write_po
from tqkit.loaders import iter_paths

app = typer.Typer(help="Maintain glossaries (gettext PO termbases).", no_args_is_help=True)

Paths = Annotated[list[str], typer.Argument(help="Glossary PO files or directories.")]
Kind = Annotated[Optional[str], typer.Option(help=f"Entry kind: {', '.join(KINDS)}.")]


def _kind(kind: str | None) -> str | None:
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"--kind: unknown kind {kind!r} (expected {', '.join(KINDS)})")
    return kind


_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _line_value(option: str, value: str | None, forbidden: str = "") -> str | None:
    """A value that goes into a comment or flag line: one line, no control characters, none of
    `forbidden` (the list separator, a flag separator), so it cannot end its line or add another."""
    if value is None:
        return None
    bad = _CONTROL.search(value) or next((c for c in forbidden if c in value), None)
    if bad:
        shown = bad.group() if isinstance(bad, re.Match) else bad
        raise ConfigError(f"{option}: {value!r} contains {shown!r}, which cannot go into a PO comment line")
    return value


def _line_values(option: str, values: list[str] | None, forbidden: str = "") -> tuple[str, ...]:
    return tuple(_line_value(option, v, forbidden) for v in values or ())


def _entry(file: GlossaryFile, source: str, kind: str | None) -> Term:
    matches = [t for t in file.terms if t.source == source and (kind is None or t.kind == kind)]
    if not matches:
        raise InputError(f"no entry for {source!r}" + (f" ({kind})" if kind else ""), file.path)
    if len(matches) > 1:
        raise ConfigError(f"{source!r} has entries of several kinds ({', '.join(t.kind for t in matches)}); pass --kind")
    return matches[0]


@app.command()
def add(
    file: Annotated[str, typer.Argument(help="Glossary PO file (created if missing).")],
    source: Annotated[str, typer.Argument(help="Source-language form (msgid).")],
    target: Annotated[str, typer.Argument(help="Canonical target form (msgstr).")],
    kind: Annotated[str, typer.Option(help=f"Entry kind: {', '.join(KINDS)}.")] = "phrase",
    title: Annotated[Optional[str], typer.Option(help="A person's title, e.g. 'Russian President'.")] = None,
    short: Annotated[Optional[str], typer.Option(help="Short form on second mention, e.g. 'Putin'.")] = None,
    forbid: Annotated[Optional[list[str]], typer.Option(help="A forbidden target form (repeatable).")] = None,
    variant: Annotated[Optional[list[str]], typer.Option(help="An accepted variant (repeatable).")] = None,
    note: Annotated[Optional[str], typer.Option(help="A note for reviewers.")] = None,
    flag: Annotated[Optional[list[str]], typer.Option(help="Extra flag, e.g. read-only (repeatable).")] = None,
) -> int:
    """Add an entry; refuse if one with the same kind and source exists."""
    _kind(kind)
    flags = tuple(dict.fromkeys(["terminology", *_line_values("--flag", flag, ", \t")]))
    term = Term(source, target, kind, _line_value("--title", title), _line_value("--short", short),
                _line_values("--forbid", forbid, "|"), _line_values("--variant", variant, "|"),
                _line_value("--note", note), flags)
    with exclusive(file):
        glossary = GlossaryFile.open(file, create=True)
        glossary.add(term)
        glossary.save()
    print(f"added {source!r} ({kind}) to {file}", file=sys.stderr)
    return ExitCode.OK


@app.command()
def remove(file: str, source: str, kind: Kind = None) -> int:
    """Remove an entry."""
    with exclusive(file):
        glossary = GlossaryFile.open(file)
        term = _entry(glossary, source, _kind(kind))
        glossary.remove(*term.key)
        glossary.save()
    print(f"removed {source!r} ({term.kind}) from {file}", file=sys.stderr)
    return ExitCode.OK


@app.command("set")
def set_(
    file: str,
    source: str,
    kind: Kind = None,
    target: Annotated[Optional[str], typer.Option(help="New canonical target.")] = None,
    title: Annotated[Optional[str], typer.Option(help="New title ('' removes it).")] = None,
    short: Annotated[Optional[str], typer.Option(help="New short form ('' removes it).")] = None,
    forbid: Annotated[Optional[list[str]], typer.Option(help="Replace the forbidden forms (repeatable).")] = None,
    variant: Annotated[Optional[list[str]], typer.Option(help="Replace the variants (repeatable).")] = None,
    note: Annotated[Optional[str], typer.Option(help="New note ('' removes it).")] = None,
) -> int:
    """Change fields of an existing entry; only that entry's lines change."""
    changes: dict[str, object] = {}
    for name, value in (("target", target), ("title", title), ("short", short), ("note", note)):
        if value is not None:
            changes[name] = _line_value(f"--{name}", value) or None if name != "target" else value
    if forbid is not None:
        changes["forbidden"] = tuple(f for f in _line_values("--forbid", forbid, "|") if f)
    if variant is not None:
        changes["variants"] = tuple(v for v in _line_values("--variant", variant, "|") if v)
    with exclusive(file):
        glossary = GlossaryFile.open(file)
        term = _entry(glossary, source, _kind(kind))
        if target is not None and term.message is not None and term.message.msgid_plural is not None:
            raise InputError(f"{source!r} has plural forms; edit its msgstr[n] lines by hand", file,
                             term.message.line)
        glossary.replace(*term.key, term.with_fields(**changes))
        glossary.save()
    print(f"updated {source!r} ({term.kind}) in {file}", file=sys.stderr)
    return ExitCode.OK


@app.command()
def show(paths: Paths, source: Annotated[str, typer.Option(help="The entry's source form.")], kind: Kind = None) -> int:
    """Print entries whose source is SOURCE, as they appear in the PO file."""
    found = [t for t in load_terms(paths) if t.source == source and (kind is None or t.kind == kind)]
    if not found:
        raise InputError(f"no entry for {source!r}", ", ".join(paths))
    for term in found:
        typer.echo(f"# {term.origin}\n{term.to_po()}\n")
    return ExitCode.OK


def _print_terms(terms: list[Term], output_format: str) -> None:
    if output_format == "json":
        rows = [{"kind": t.kind, "source": t.source, "target": t.target, "title": t.title, "short": t.short,
                 "forbidden": list(t.forbidden), "variants": list(t.variants), "note": t.note,
                 "flags": list(t.flags), "origin": t.origin} for t in terms]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for t in terms:
        typer.echo(f"{t.kind:12} {t.source} → {t.target}" + (f"  [{t.title}]" if t.title else ""))


FormatOption = Annotated[str, typer.Option("--format", "-f", help="text or json.")]


@app.command("list")
def list_(paths: Paths, kind: Kind = None, output_format: FormatOption = "text") -> int:
    """List entries."""
    _print_terms([t for t in load_terms(paths) if kind is None or t.kind == _kind(kind)], output_format)
    return ExitCode.OK


@app.command()
def search(paths: Paths, query: Annotated[str, typer.Option(help="Text to look for.")],
           output_format: FormatOption = "text") -> int:
    """Find entries any form of which contains QUERY (case and diacritics ignored)."""
    _print_terms(ops.search(load_terms(paths), query), output_format)
    return ExitCode.OK


@app.command()
def validate(paths: Paths) -> int:
    """Report duplicates, conflicting targets, forbidden forms that are accepted elsewhere, bad kinds/flags."""
    problems = ops.validate(load_terms(paths))
    for problem in problems:
        typer.echo(str(problem))
    return ExitCode.FINDINGS if problems else ExitCode.OK


@app.command()
def fmt(paths: Paths, check: Annotated[bool, typer.Option(help="Only report files that are not canonical.")] = False) -> int:
    """Rewrite files into the canonical layout (sorted entries, fields in order)."""
    changed = []
    for path in glossary_paths(paths):
        with exclusive(path):
            snapshot, data = Snapshot.read(path)
            if snapshot.digest is None:
                raise InputError("no such glossary file", path)
            canonical = ops.canonical(path, data)
            if canonical != data:
                changed.append(path)
                if not check:
                    write_atomic(path, canonical, snapshot)
    for path in changed:
        print(f"{'would reformat' if check else 'reformatted'} {path}", file=sys.stderr)
    return ExitCode.FINDINGS if check and changed else ExitCode.OK


Output = Annotated[Path, typer.Option("--output", "-o", help="File to write.")]


def _read_any(path: str, quiet: bool = True) -> list[Term]:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        from tqkit.glossary.csv_io import read_csv

        return read_csv(path, quiet=quiet)
    if suffix == ".tbx":
        from tqkit.glossary.tbx import read_tbx

        return read_tbx(path, quiet=quiet)
    return load_terms([path])


def _write_terms(terms: list[Term], output: Path, quiet: bool = True) -> None:
    suffix = output.suffix.lower()
    if suffix == ".csv":
        from tqkit.glossary.csv_io import write_csv

        data = write_csv(terms).encode("utf-8")
    elif suffix == ".tbx":
        from tqkit.glossary.tbx import write_tbx

        data = write_tbx(terms)
    elif suffix == ".po":
        data = write_po(terms, quiet).encode("utf-8")
    else:
        raise ConfigError(f"--output: unknown format {suffix or str(output)!r} (use .po, .csv or .tbx)")
    with exclusive(output):
        write_atomic(output, data)


@app.command("import")
def import_(source: Annotated[str, typer.Argument(help="A .csv or .tbx file.")], output: Output,
            quiet: Quiet = False) -> int:
    """Convert a CSV or TBX termbase into a PO glossary."""
    _write_terms(_read_any(source, quiet), output, quiet)
    return ExitCode.OK


@app.command()
def export(paths: Paths, output: Output) -> int:
    """Write PO glossaries as CSV or TBX (by the output's extension)."""
    _write_terms(load_terms(paths), output)
    return ExitCode.OK


@app.command()
def merge(paths: Paths, output: Output) -> int:
    """Merge glossaries into one PO file; conflicting entries for one source are an error."""
    terms = [t for p in paths for t in _read_any(p)]
    merged: dict[tuple[str, str], Term] = {}
    for term in terms:
        if term.key in merged and merged[term.key] != term:
            raise InputError(f"conflicting entries for {term.source!r} ({term.kind}): "
                             f"{merged[term.key].origin} and {term.origin}")
        merged.setdefault(term.key, term)
    _write_terms(list(merged.values()), output)
    return ExitCode.OK


@app.command()
def stats(paths: Paths, output_format: FormatOption = "text") -> int:
    """Count entries by kind, titles, forbidden forms and variants."""
    figures = ops.stats(load_terms(paths))
    if output_format == "json":
        typer.echo(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            typer.echo(f"{key}: {value}")
    return ExitCode.OK


@app.command()
def extract(
    corpus: Annotated[list[str], typer.Argument(help="Articles or directories to mine.")],
    glossary: Annotated[Optional[list[str]], typer.Option(help="Glossaries whose names to leave out.")] = None,
    min_count: Annotated[int, typer.Option(help="Only candidates seen at least this often.")] = 1,
) -> int:
    """Propose names found in articles but missing from the glossary, most frequent first."""
    from tqkit.loaders import load, read

    errors: list = []
    texts = [load(p, read(p)).text for p in iter_paths(corpus, errors)]
    for count_name in ops.extract(texts, load_terms(glossary or []), min_count):
        typer.echo(f"{count_name[1]:5} {count_name[0]}")
    for error in errors:
        print(f"tqkit: error: {error}", file=sys.stderr)
    return ExitCode.USAGE if errors else ExitCode.OK
