"""`tqkit report`: a self-contained HTML report (and a Markdown summary) of an article's versions.

No external assets and no JavaScript: tables, an inline SVG chart of segment-level chrF, word
diffs against the reference. Nothing depends on the clock or on dictionary order, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import difflib
import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import sacrebleu

from tqkit import __version__
from tqkit.model import Finding
from tqkit.scoring.run import ScoreReport

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")


@dataclass(frozen=True)
class SystemFindings:
    path: str
    findings: Sequence[Finding]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def word_diff_html(hypothesis: str, reference: str) -> str:
    a, b = hypothesis.split(), reference.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_e(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(f"<del>{_e(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{_e(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def chart(series: list[tuple[str, list[float]]], width: int = 760, height: int = 220) -> str:
    """Segment-level scores of each system as polylines; integer coordinates keep bytes stable."""
    n = max((len(s) for _, s in series), default=0)
    if n == 0:
        return ""
    left, bottom, top = 40, 20, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    x = (lambda i: left + (plot_w * i) // max(n - 1, 1))
    y = (lambda v: top + plot_h - int(round(plot_h * max(0.0, min(v, 100.0)) / 100)))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="segment-level chrF">',
             f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#999"/>']
    for tick in (0, 50, 100):
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4}" font-size="10" text-anchor="end">{tick}</text>')
    for k, (name, values) in enumerate(series):
        points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values))
        colour = COLOURS[k % len(COLOURS)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{points}"/>')
        parts.append(f'<text x="{left + 8}" y="{top + 14 + 12 * k}" font-size="11" fill="{colour}">{_e(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def render_html(title: str, scores: ScoreReport, lint: Sequence[SystemFindings], worst: int = 5) -> str:
    metrics = [s.metric for s in scores.systems[0].scores] if scores.systems else []
    rows = []
    for system in scores.systems:
        cells = "".join(f"<td>{s.score:.2f}</td>" for s in system.scores)
        rows.append(f"<tr><th>{_e(system.path)}</th>{cells}</tr>")
    out = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{_e(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
        "del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}"
        "code{font-size:.85em}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<p>References: {', '.join(f'<code>{_e(r)}</code>' for r in scores.references)}. "
        f"tqkit {__version__}, sacrebleu {sacrebleu.__version__}.</p>",
        "<h2>Scores</h2>",
        "<table><tr><th>system</th>" + "".join(f"<th>{_e(m)}</th>" for m in metrics) + "</tr>" + "".join(rows) + "</table>",
        "<ul>" + "".join(f"<li>{_e(s.metric)}: <code>{_e(s.signature)}</code></li>"
                         for s in (scores.systems[0].scores if scores.systems else [])) + "</ul>",
    ]
    compared = [s for s in scores.systems if s.comparisons]
    if compared:
        out.append(f"<h2>Against the baseline <code>{_e(scores.baseline)}</code></h2>")
        out.append("<table><tr><th>system</th><th>metric</th><th>difference</th><th>95% interval</th>"
                   "<th>p (bootstrap)</th><th>p (randomization)</th></tr>")
        for system in compared:
            for c in system.comparisons:
                out.append(f"<tr><td>{_e(system.path)}</td><td>{_e(c.metric)}</td><td>{c.difference:+.2f}</td>"
                           f"<td>[{c.ci_low:+.2f}, {c.ci_high:+.2f}]</td><td>{c.p_bootstrap:.4f}</td>"
                           f"<td>{c.p_randomization:.4f}</td></tr>")
        out.append("</table>")
    series = []
    for system in scores.systems:
        by_index = sorted(system.segments, key=lambda g: g.index)
        series.append((system.path, [g.scores.get("chrf", 0.0) for g in by_index]))
    out += ["<h2>Segment-level chrF</h2>", chart(series)]
    out.append("<h2>Worst segments</h2>")
    for system in scores.systems:
        out.append(f"<h3>{_e(system.path)}</h3><ol>")
        for g in sorted(system.segments, key=lambda g: (g.scores.get("chrf", 0.0), g.index))[:worst]:
            ref = g.references[0] if g.references else ""
            out.append(f"<li>segment {g.index + 1} (line {g.line}), chrF {g.scores.get('chrf', 0.0):.1f}: "
                       f"{word_diff_html(g.hypothesis, ref)}</li>")
        out.append("</ol>")
    out.append("<h2>Lint findings by rule</h2>")
    for item in lint:
        counts = Counter((f.code, f.name, str(f.severity)) for f in item.findings)
        out.append(f"<h3>{_e(item.path)}</h3>")
        if not counts:
            out.append("<p>No findings.</p>")
            continue
        out.append("<table><tr><th>rule</th><th>name</th><th>severity</th><th>findings</th></tr>")
        for (code, name, severity), n in sorted(counts.items()):
            out.append(f"<tr><td>{code}</td><td>{_e(name)}</td><td>{severity}</td><td>{n}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_markdown(title: str, scores: ScoreReport, lint: Sequence[SystemFindings]) -> str:
    from tqkit.scoring.render import to_markdown

    lines = [f"# {title}", "", to_markdown(scores).rstrip("\n"), "", "| file | errors | warnings | info |",
             "|---|---:|---:|---:|"]
    for item in lint:
        c = Counter(str(f.severity) for f in item.findings)
        lines.append(f"| `{item.path}` | {c['error']} | {c['warning']} | {c['info']} |")
    return "\n".join(lines) + "\n"
