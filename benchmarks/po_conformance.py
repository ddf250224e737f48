"""Which PO reader can glossary edits stand on? tqkit.po, polib and translate-toolkit's pypo
against msgfmt -c on the conformance table, and their parse time on a large glossary.

Usage: python benchmarks/po_conformance.py [--entries 100000]

For each reader: verdicts that agree with the table (msgfmt's), whether it gives entry line
spans, and on the valid cases whether writing the parsed file back gives the same bytes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import polib  # noqa: E402
from translate.storage import pypo  # noqa: E402

from po_cases import po_cases  # noqa: E402
from tqkit import po  # noqa: E402
from tqkit.errors import InputError  # noqa: E402


def tqkit_read(data: bytes) -> bytes | None:
    catalog = po.parse("g.po", data)
    return catalog.text.encode(catalog.charset)  # edits keep every byte they do not touch


def polib_read(data: bytes) -> bytes | None:
    with tempfile.NamedTemporaryFile(suffix=".po") as f:
        f.write(data)
        f.flush()
        return str(polib.pofile(f.name)).encode("utf-8")


def ttk_read(data: bytes) -> bytes | None:
    return bytes(pypo.pofile(data))


READERS = {"tqkit.po": (tqkit_read, "yes"), "polib": (polib_read, "first line only"),
           "translate-toolkit pypo": (ttk_read, "no")}


def verdicts() -> list[str]:
    cases = po_cases()
    rows = ["| reader | verdicts as msgfmt -c | byte-faithful round trips (valid cases) | entry line spans |",
            "|---|---:|---:|---|"]
    for name, (read, spans) in READERS.items():
        agree = faithful = valid = 0
        wrong = []
        for case, data, ok, _ in cases:
            try:
                out = read(data)
                accepted = True
            except (InputError, ValueError, OSError, UnicodeError, Exception):  # noqa: BLE001 - any refusal
                accepted, out = False, None
            agree += accepted == ok
            if accepted != ok:
                wrong.append(case)
            if ok:
                valid += 1
                faithful += out == data
        rows.append(f"| {name} | {agree}/{len(cases)} | {faithful}/{valid} | {spans} |")
        if wrong:
            rows.append(f"|  wrong on: {'; '.join(wrong)} | | | |")
    if shutil.which("msgfmt"):
        agree = 0
        for _, data, ok, _ in cases:
            with tempfile.NamedTemporaryFile(suffix=".po") as f:
                f.write(data)
                f.flush()
                done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", f.name], capture_output=True)
            agree += (done.returncode == 0) == ok
        rows.append(f"| msgfmt -c (the table's source) | {agree}/{len(cases)} | | |")
    return rows


def speed(entries: int) -> list[str]:
    body = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    body += [f'# title: Minister\n# forbidden: Nom {i}\n#, terminology\nmsgctxt "person"\nmsgid "Nom {i}"\n'
             f'msgstr "Name {i}"\n' for i in range(entries)]
    data = "\n".join(body).encode()
    rows = [f"| reader | parse {entries:,} entries (s) |", "|---|---:|"]
    for name, (read, _) in READERS.items():
        start = time.perf_counter()
        read(data)
        rows.append(f"| {name} | {time.perf_counter() - start:.2f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    print("\n".join(verdicts()))
    print()
    print("\n".join(speed(args.entries)))


if __name__ == "__main__":
    main()
