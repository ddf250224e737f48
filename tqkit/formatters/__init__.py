"""Output formats. A formatter receives the whole report and renders it; nothing else writes stdout."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tqkit.formatters import json_format, text_format
from tqkit.model import Report
from tqkit.rules.base import Rule

Formatter = Callable[[Report, Sequence[Rule]], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text_format.render,
    "json": json_format.render,
}
