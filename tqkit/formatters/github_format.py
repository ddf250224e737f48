"""GitHub Actions workflow commands, plus a Markdown job summary when $GITHUB_STEP_SUMMARY is set.

The summary shows the score gates, then the first findings (errors first) with the flagged
text, the suggestion and a link to the line, and says how many more there are. It stays under
GitHub's limit of 1 MiB per step summary, counting what the step wrote there before.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Sequence
from urllib.parse import quote

from tqkit.formatters.text_format import summary
from tqkit.gates import GateResult, Outcome, gate_results
from tqkit.model import Finding, Report, Severity
from tqkit.rules.base import Rule

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GATE_LEVEL = {Outcome.FAILED: "error", Outcome.ERROR: "error", Outcome.SKIPPED: "warning"}
SUMMARY_LIMIT = 1024 * 1024  # bytes: GitHub refuses a larger step summary
SUMMARY_FINDINGS = 100  # findings listed in the summary; the annotations and the log have them all
CELL = 200  # characters of a message, flagged text or suggestion in a summary cell


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, rules: Sequence[Rule]) -> str:
    lines = []
    for f in report.findings:
        props = (f"file={_property(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
                 f"endColumn={f.end_column},title={_property(f'{f.code} {f.name}')}")
        message = f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
        lines.append(f"::{_LEVEL[f.severity]} {props}::{_data(message)}")
    for e in report.errors:
        lines.append(f"::error file={_property(e.path)}" + (f",line={e.line}" if e.line else "") + f"::{_data(e.message)}")
    for g in gate_results(report):
        if g.outcome in _GATE_LEVEL or g.reason:  # a passed gate's notes: what it did not check, the base's score
            where = f"file={_property(g.hypothesis)},line=1," if g.reference is not None else ""
            level = _GATE_LEVEL.get(g.outcome, "notice")
            lines.append(f"::{level} {where}title={_property(g.title)}::{_data(f'{g.outcome}: {g.message}')}")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            written = os.path.getsize(target)
        except OSError:
            written = 0
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(markdown_summary(report, SUMMARY_LIMIT - written, line_links()))
    return "\n".join(lines) + ("\n" if lines else "")


def markdown_summary(report: Report, budget: int = SUMMARY_LIMIT, link: LineLink | None = None,
                     limit: int = SUMMARY_FINDINGS) -> str:
    """The summary in at most `budget` UTF-8 bytes (empty when not even its heading fits)."""
    head = ["## tqkit", "", summary(report), ""]
    gates = gate_results(report)
    if gates:
        head += ["### Score gates", "", "| result | file | metric | score | base | why |", "|---|---|---|---:|---:|---|"]
        head += [_gate_row(g) for g in gates] + [""]
    out = "\n".join(head) + "\n"
    if _size(out) > budget:
        return ""
    findings = sorted(report.findings, key=lambda f: (-f.severity, f.path, f.line, f.column))
    if not findings:
        return out
    table = ["### Findings", "", "| severity | where | rule | message | flagged | suggestion |",
             "|---|---|---|---|---|---|"]
    rows, used = [], _size(out) + _size("\n".join(table) + "\n") + _size(_more(1, len(findings)))
    for f in findings[:limit]:
        row = _finding_row(f, link)
        if used + _size(row + "\n") > budget:
            break
        rows.append(row)
        used += _size(row + "\n")
    if not rows:
        return out + _more(0, len(findings))
    return out + "\n".join(table + rows) + "\n" + _more(len(rows), len(findings))


def _more(shown: int, total: int) -> str:
    if shown == total:
        return "\n"
    first = f"Showing the first {shown:,} of {total:,} findings (errors first); " if shown else f"{total:,} findings; "
    return f"\n{first}the {total - shown:,} more are annotations of this run and in `tqkit check`'s output.\n"


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _gate_row(g: GateResult) -> str:
    score = f"{g.score:.2f}" if g.score is not None else ""
    base = f"{g.base_score:.2f}" if g.base_score is not None else ""
    return (f"| {'**' + str(g.outcome) + '**' if g.outcome in _GATE_LEVEL else g.outcome} | `{_code(g.hypothesis)}` | "
            f"{g.gate.metric} | {score} | {base} | {_cell(g.reason)} |")


def _finding_row(f: Finding, link: LineLink | None) -> str:
    where, url = f"`{_code(f'{f.path}:{f.line}')}`", link(f) if link else None
    place = f"[{where}]({url})" if url else where
    flagged = f"“{_cell(f.text)}”" if f.text else ""
    suggestion = "" if f.suggestion is None else f"“{_cell(f.suggestion)}”" if f.suggestion else "delete"
    return f"| {f.severity} | {place} | `{f.code}` {f.name} | {_cell(f.message)} | {flagged} | {suggestion} |"


_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")


def _cell(text: str) -> str:
    """Text that stays plain in a Markdown table cell: one line, no markup, cut at CELL characters."""
    text = " ".join(text.split())
    if len(text) > CELL:
        text = text[: CELL - 1] + "…"
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))


def _code(text: str) -> str:
    """Text for a code span in a table cell (a backquote would end it, a bar the cell)."""
    return text.replace("`", "'").replace("|", "\\|")


class LineLink:
    """Links to a line of a file in the repository, at the commit the run checked."""

    def __init__(self, server: str, repository: str, commit: str, workspace: str):
        self.base = f"{server.rstrip('/')}/{repository}/blob/{commit}/"
        self.workspace = os.path.abspath(workspace)

    def __call__(self, f: Finding) -> str | None:
        path = os.path.relpath(os.path.abspath(f.path), self.workspace)
        if path.startswith(".."):
            return None  # outside the repository
        lines = f"L{f.line}" + (f"-L{f.end_line}" if f.end_line != f.line else "")
        return self.base + quote(path.replace(os.sep, "/")) + "#" + lines


def line_links(environ: dict[str, str] | None = None) -> LineLink | None:
    """Links from the Actions environment: to a pull request's head commit (GITHUB_SHA is the
    merge commit there, which disappears once the pull request closes), else GITHUB_SHA."""
    env = os.environ if environ is None else environ
    server, repository = env.get("GITHUB_SERVER_URL", "https://github.com"), env.get("GITHUB_REPOSITORY")
    commit = _head_commit(env.get("GITHUB_EVENT_PATH")) or env.get("GITHUB_SHA")
    if not repository or not commit:
        return None
    return LineLink(server, repository, commit, env.get("GITHUB_WORKSPACE") or os.getcwd())


def _head_commit(event_path: str | None) -> str | None:
    if not event_path:
        return None
    try:
        with open(event_path, encoding="utf-8") as fh:
            event = json.load(fh)
    except (OSError, ValueError):
        return None
    head = (event.get("pull_request") or {}).get("head") or {} if isinstance(event, dict) else {}
    sha = head.get("sha") if isinstance(head, dict) else None
    return sha if isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{40,64}", sha) else None
