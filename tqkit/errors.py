"""Errors the user can act on; the CLI turns them into one line on stderr and exit code 2."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2


class TqkitError(Exception):
    """An error caused by the user's input or invocation, never by a bug in tqkit."""

    def __init__(self, message: str, path: str | None = None, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return located(self.message, self.path, self.line, self.column)


def located(message: str, path: str | None, line: int = 0, column: int = 0) -> str:
    """`path:line:col: message`, leaving out what is unknown (0 or None)."""
    if not path:
        return message
    where = path
    if line:
        where += f":{line}"
        if column:
            where += f":{column}"
    return f"{where}: {message}"


class InputError(TqkitError):
    """A file that cannot be read or parsed."""


class ConfigError(TqkitError):
    """A bad option, configuration key or value."""
