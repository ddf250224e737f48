"""Score reports as text, JSON (a contract: systems/path/scores/metric/score/signature) and Markdown."""

from __future__ import annotations

import json

from tqkit import __version__
from tqkit.scoring.run import ScoreReport


def to_json(report: ScoreReport) -> str:
    document = {
        "tool": {"name": "tqkit", "version": __version__},
        "references": report.references,
        "baseline": report.baseline,
        "systems": [
            {
                "path": system.path,
                "scores": [{"metric": s.metric, "score": round(s.score, 6), "signature": s.signature}
                           for s in system.scores],
                **({"comparison": [c.as_dict() for c in system.comparisons]} if system.comparisons else {}),
                **({"segments": [{"segment": g.index + 1, "line": g.line,
                                  "scores": {k: round(v, 4) for k, v in g.scores.items()},
                                  "hypothesis": g.hypothesis, "references": list(g.references)}
                                 for g in system.segments]} if system.segments else {}),
            }
            for system in report.systems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_text(report: ScoreReport) -> str:
    lines = [f"references: {', '.join(report.references)}"]
    for system in report.systems:
        tag = " (baseline)" if system.path == report.baseline else ""
        lines.append(f"\n{system.path}{tag}")
        for s in system.scores:
            lines.append(f"  {s.metric:8} {s.score:7.2f}  {s.signature}")
        for c in system.comparisons:
            lines.append(f"  {c.metric:8} {c.difference:+7.2f}  95% CI [{c.ci_low:+.2f}, {c.ci_high:+.2f}]  "
                         f"p(bootstrap)={c.p_bootstrap:.4f}  p(randomization)={c.p_randomization:.4f}")
        if system.segments:
            lines.append("  worst segments:")
            for g in system.segments:
                values = "  ".join(f"{k}={v:.1f}" for k, v in g.scores.items())
                lines.append(f"    #{g.index + 1} (line {g.line})  {values}  {g.hypothesis[:80]}")
    lines.append(f"\ntqkit {__version__}")
    return "\n".join(lines) + "\n"


def to_markdown(report: ScoreReport) -> str:
    metrics = [s.metric for s in report.systems[0].scores] if report.systems else []
    lines = ["| system | " + " | ".join(metrics) + " |", "|---|" + "---:|" * len(metrics)]
    for system in report.systems:
        cells = []
        by_metric = {c.metric: c for c in system.comparisons}
        for s in system.scores:
            cell = f"{s.score:.2f}"
            c = by_metric.get(s.metric)
            if c:
                cell += f" ({c.difference:+.2f}, p={c.p_bootstrap:.3f})"
            cells.append(cell)
        name = f"`{system.path}`" + (" (baseline)" if system.path == report.baseline else "")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    if any(system.comparisons for system in report.systems):
        lines.append("Differences against the baseline with paired bootstrap p-values (1,000 resamples); "
                     "paired approximate randomization p-values are in the JSON output.")
        lines.append("")
    for s in report.systems[0].scores if report.systems else []:
        lines.append(f"- {s.metric}: `{s.signature}`")
    lines.append(f"- tqkit {__version__}, references: {', '.join(f'`{r}`' for r in report.references)}")
    return "\n".join(lines) + "\n"


RENDERERS = {"text": to_text, "json": to_json, "markdown": to_markdown}
