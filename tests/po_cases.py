"""The PO conformance table (tests/data/po_conformance.toml) as (name, bytes, valid, line) cases."""

from __future__ import annotations

import tomllib
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "po_conformance.toml"


def po_cases() -> list[tuple[str, bytes, bool, int | None]]:
    table = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    header = table["defaults"]["header"]
    cases = []
    for case in table["case"]:
        data = case["text"].replace("{header}", header).encode(case.get("encoding", "utf-8"))
        data += bytes.fromhex(case.get("tail_hex", ""))
        cases.append((case["name"], data, case["valid"], case.get("line")))
    return cases
