"""Settings: defaults < the nearest configuration file < command-line flags.

A configuration is `[tool.tqkit]` in `pyproject.toml`, or the top level of `tqkit.toml` /
`.tqkit.toml`; the nearest one to the working directory wins. Paths in it are relative to
the file. Unknown keys and bad values are errors naming the key and the file.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from fnmatch import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqkit.errors import ConfigError, InputError
from tqkit.files import read_regular
from tqkit.model import Severity

FILES = ("tqkit.toml", ".tqkit.toml", "pyproject.toml")


@dataclass(frozen=True)
class ScoreGate:
    """`references` (a glob) scored against `hypothesis` (a file name beside each reference)."""

    references: str
    hypothesis: str
    metric: str = "chrf"
    max_drop: float | None = None  # versus the base revision (with --diff BASE)
    min: float | None = None  # absolute floor


@dataclass(frozen=True)
class Config:
    pair: str | None = None  # None: detected from the glossaries, else fr-en
    glossaries: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    paths: tuple[str, ...] = ()  # what `tqkit check` checks by default
    baseline: str | None = None
    score_gates: tuple[ScoreGate, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob relative to `base`, codes)
    base: str = "."  # the configuration file's directory
    path: str | None = None  # the file the settings came from
    file_severity: tuple[str, ...] = ()  # codes the file's `severity` table names, for its errors

    def ignored(self, path: str, code: str) -> bool:
        """Whether a per-file ignore hides `code` in `path` (globs relative to the configuration)."""
        if not self.per_file_ignores:
            return False
        relative = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.base))).as_posix()
        return any(fnmatch(relative, glob) and any(code.startswith(c) for c in codes)
                   for glob, codes in self.per_file_ignores)

    def merged(self, **flags: object) -> Config:
        """These settings with every flag that was given (not None) taking precedence; severity
        overrides from flags are added to the configuration's, not swapped for them."""
        given = {k: v for k, v in flags.items() if v is not None and v != ()}
        if "severity" in given:
            given["severity"] = {**self.severity, **given["severity"]}
        return replace(self, **given)


def find(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        for name in FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        return "tqkit" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load() report the problem


def load(path: Path) -> Config:
    where = str(path)
    try:
        data = tomllib.loads(read_regular(path).decode("utf-8"))
    except InputError as exc:
        raise ConfigError(f"cannot read configuration: {exc.message}", where) from None
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror or exc}", where) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"configuration is not UTF-8 (byte {exc.start})", where) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"configuration is not valid TOML: {exc}", where) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tqkit", {})
    return parse(data, where, path.parent)


def parse(data: Mapping[str, object], where: str, base: Path) -> Config:
    config = Config(path=where, base=str(base))
    for key, value in data.items():
        if key == "pair":
            from tqkit.rules import registry  # the rules are imported only when a file names a pair

            pair = _string(key, value, where)
            if pair not in registry.pairs():
                raise ConfigError(f"'pair': unknown language pair {pair!r} (known: {', '.join(registry.pairs())})",
                                  where)
            config = replace(config, pair=pair)
        elif key == "glossaries":
            config = replace(config, glossaries=tuple(str(base / p) for p in _strings(key, value, where)))
        elif key in ("select", "ignore"):
            config = replace(config, **{key: _strings(key, value, where)})
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError("'severity' must be a table of CODE = \"level\"", where)
            config = replace(config, severity={str(k).upper(): _severity(f"severity.{k}", v, where)
                                               for k, v in value.items()},
                             file_severity=tuple(str(k).upper() for k in value))
        elif key == "fail-on":
            config = replace(config, fail_on=_severity(key, value, where))
        elif key == "paths":
            config = replace(config, paths=tuple(str(base / p) for p in _strings(key, value, where)))
        elif key == "baseline":
            config = replace(config, baseline=str(base / _string(key, value, where)))
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError("'per-file-ignores' must be a table of \"glob\" = [\"CODE\", ...]", where)
            config = replace(config, per_file_ignores=tuple(
                (glob, tuple(c.upper() for c in _strings(f"per-file-ignores.{glob}", codes, where)))
                for glob, codes in value.items()))
        elif key == "score-gates":
            config = replace(config, score_gates=tuple(_gate(g, i, where, base) for i, g in enumerate(_tables(key, value, where))))
        else:
            raise ConfigError(f"unknown key '{key}'", where)
    return config


def _tables(key: str, value: object, where: str) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"'{key}' must be an array of tables ([[tool.tqkit.{key}]])", where)
    return value


GATE_KEYS = {"references", "hypothesis", "metric", "max-drop", "min"}


def _gate(table: dict, index: int, where: str, base: Path) -> ScoreGate:
    name = f"score-gates[{index}]"
    for key in table:
        if key not in GATE_KEYS:
            raise ConfigError(f"unknown key '{name}.{key}'", where)
    for key in ("references", "hypothesis"):
        if key not in table:
            raise ConfigError(f"'{name}' needs '{key}'", where)
    metric = _string(f"{name}.metric", table.get("metric", "chrf"), where)
    if metric not in ("bleu", "chrf", "chrf++", "ter"):
        raise ConfigError(f"'{name}.metric': unknown metric {metric!r}", where)
    numbers = {}
    for key in ("max-drop", "min"):
        if key in table:
            if not isinstance(table[key], (int, float)) or isinstance(table[key], bool):
                raise ConfigError(f"'{name}.{key}' must be a number", where)
            if not math.isfinite(table[key]):  # a NaN limit would never fail: no comparison is true
                raise ConfigError(f"'{name}.{key}' must be a finite number, not {table[key]}", where)
            numbers[key.replace("-", "_")] = float(table[key])
    return ScoreGate(str(base / _string(f"{name}.references", table["references"], where)),
                     _string(f"{name}.hypothesis", table["hypothesis"], where), metric, **numbers)


def _string(key: str, value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"'{key}' must be a string", where)
    return value


def _strings(key: str, value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of strings", where)
    return tuple(value)


def _severity(key: str, value: object, where: str) -> Severity:
    try:
        return Severity.parse(_string(key, value, where))
    except ValueError as exc:
        raise ConfigError(f"'{key}': {exc}", where) from None
