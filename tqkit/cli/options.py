"""Options shared by commands, and parsing of their values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer

from tqkit.errors import ConfigError
from tqkit.model import Severity

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress line on stderr.")]


def split_codes(values: Iterable[str] | None) -> tuple[str, ...]:
    """`--select FR,EN001 --select FR012` -> ("FR", "EN001", "FR012")."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def severity(value: str, option: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{option}: {exc}") from None


def severity_overrides(values: Iterable[str] | None) -> dict[str, Severity]:
    """`--severity FR016=warning` -> {"FR016": Severity.WARNING}."""
    overrides = {}
    for value in values or ():
        code, sep, level = value.partition("=")
        if not sep or not code.strip():
            raise ConfigError(f"--severity expects CODE=LEVEL, got {value!r}")
        overrides[code.strip().upper()] = severity(level, "--severity")
    return overrides
