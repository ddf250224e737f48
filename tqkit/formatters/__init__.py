"""Output formats. A formatter receives the whole report and renders it; nothing else writes stdout.

A formatter returns the text, or pieces of it in order: `json` and `text` yield a finding a
line, so 100,000 findings are never one string in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tqkit.formatters import github_format, gitlab_format, json_format, junit_format, rdjsonl_format, sarif_format, text_format
from tqkit.model import Report
from tqkit.rules.base import Rule

Formatter = Callable[[Report, Sequence[Rule]], str | Iterable[str]]

FORMATTERS: dict[str, Formatter] = {
    "text": text_format.render,
    "json": json_format.render,
    "sarif": sarif_format.render,
    "github": github_format.render,
    "junit": junit_format.render,
    "gitlab": gitlab_format.render,
    "rdjsonl": rdjsonl_format.render,
}

# Formats that read the findings once, in order, and print them as they come: lint streams
# its report into them (StreamedReport) instead of holding a corpus's findings.
STREAMING = frozenset({"text", "json"})
