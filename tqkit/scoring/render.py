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
                **({"term_accuracy": _terms_json(system.terms)} if system.terms else {}),
                **({"segments": [{"segment": g.index + 1, "line": g.line,
                                  "scores": {k: round(v, 4) for k, v in g.scores.items()},
                                  "hypothesis": g.hypothesis, "references": list(g.references)}
                                 for g in system.segments]} if system.segments else {}),
            }
            for system in report.systems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _terms_json(terms) -> dict:
    return {"accuracy": None if terms.accuracy is None else round(terms.accuracy, 4),
            "occurrences": terms.occurrences, "matched": terms.matched,
            "terms": [t.__dict__ for t in terms.terms]}


def _terms_text(terms) -> list[str]:
    if terms.accuracy is None:
        return ["  term accuracy: no glossary term in the source"]
    lines = [f"  term accuracy {terms.accuracy:6.2f}  ({terms.matched}/{terms.occurrences} source terms rendered canonically)"]
    lines += [f"    {t.matched}/{t.occurrences}  {t.source} → {t.target}" for t in terms.terms if t.matched < t.occurrences]
    return lines


def to_text(report: ScoreReport) -> str:
    lines = [f"references: {', '.join(report.references)}"]
    for system in report.systems:
        tag = " (baseline)" if system.path == report.baseline else ""
        lines.append(f"\n{system.path}{tag}")
        for s in system.scores:
            lines.append(f"  {s.metric:8} {s.score:7.2f}  {s.signature}")
        if system.terms:
            lines += _terms_text(system.terms)
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


def post_edit_json(reports) -> str:
    return json.dumps({
        "tool": {"name": "tqkit", "version": __version__},
        "post_edits": [{
            "path": r.machine_translation, "post_edit": r.post_edit, "hter": round(r.hter, 6),
            "signature": r.signature, "edits": {**r.edits.__dict__, "total": r.edits.total},
            "segments": [{"segment": s.index + 1, "hter": round(s.hter, 4),
                          "edits": {**s.edits.__dict__, "total": s.edits.total}, "diff": s.diff} for s in r.segments],
        } for r in reports],
    }, ensure_ascii=False, indent=2) + "\n"


def post_edit_text(reports) -> str:
    lines = []
    for r in reports:
        e = r.edits
        lines += [f"{r.machine_translation} → {r.post_edit}",
                  f"  HTER {r.hter:6.2f}  {r.signature}",
                  f"  edits: {e.total} ({e.insertions} insertions, {e.deletions} deletions, "
                  f"{e.substitutions} substitutions, {e.shifts} shifts) over {e.reference_words} post-edited words"]
        for s in r.segments:
            if s.edits.total:
                lines.append(f"  #{s.index + 1}  HTER {s.hter:5.1f}  {s.diff}")
    lines.append(f"tqkit {__version__} (HTER is case-sensitive TER: a case fix is an edit)")
    return "\n".join(lines) + "\n"


def post_edit_markdown(reports) -> str:
    lines = ["| machine translation | HTER | insertions | deletions | substitutions | shifts |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in reports:
        e = r.edits
        lines.append(f"| `{r.machine_translation}` | {r.hter:.2f} | {e.insertions} | {e.deletions} | "
                     f"{e.substitutions} | {e.shifts} |")
    if reports:
        lines += ["", f"- `{reports[0].signature}` (case-sensitive TER against the post-edit)"]
    return "\n".join(lines) + "\n"


RENDERERS = {"text": to_text, "json": to_json, "markdown": to_markdown}
POST_EDIT_RENDERERS = {"text": post_edit_text, "json": post_edit_json, "markdown": post_edit_markdown}
