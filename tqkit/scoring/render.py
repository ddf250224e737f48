"""Score reports as text, JSON (a contract: systems/path/scores/metric/score/signature) and Markdown."""

from __future__ import annotations

import json

from tqkit import __version__
from tqkit.scoring.run import MetricScore, ScoreReport
from tqkit.scoring.significance import Comparison


def _score_json(score: MetricScore) -> dict:
    out = {"metric": score.metric, "score": score.score, "signature": score.signature}
    if score.details:
        out["details"] = score.details
    if score.confidence:
        out["confidence"] = {"mean": score.confidence.mean, "half_width": score.confidence.half_width,
                             "resamples": score.confidence.resamples}
    return out


def to_json(report: ScoreReport, width: int = 2) -> str:
    """Scores at full precision whatever `width`: a machine reads them, and compares them with sacrebleu's."""
    document = {
        "tool": {"name": "tqkit", "version": __version__},
        "references": report.references,
        "baseline": report.baseline,
        "systems": [
            {
                "path": system.path,
                "scores": [_score_json(s) for s in system.scores],
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


def randomization_label(c: Comparison) -> str:
    """Which randomization test gave the p-value: the exact one, or how many trials."""
    if c.randomization == "exact":
        return f"exact, all 2^{c.differing_segments} swaps"
    test = "sacrebleu's count" if c.randomization == "sacrebleu" else "sampled"
    return f"{test}, {c.randomization_trials:,} trials, {c.differing_segments:,} segments differ"


def p_text(p: float, decimals: int = 4) -> str:
    """`decimals` decimals, or two significant digits where those would show 0 (an exact test's
    2/2^20 is not 0)."""
    return f"{p:.{decimals}f}" if round(p, decimals) or not p else f"{p:.1e}"


def _comparison_text(c: Comparison, width: int) -> list[str]:
    parts = [f"  {c.metric:8} {c.difference:+{width + 5}.{width}f}"]
    if c.p_bootstrap is not None:
        parts.append(f"95% CI [{c.ci_low:+.{width}f}, {c.ci_high:+.{width}f}]  p(bootstrap)={p_text(c.p_bootstrap)}")
    if c.p_randomization is not None:
        parts.append(f"p(randomization)={p_text(c.p_randomization)} ({randomization_label(c)})")
    return ["  ".join(parts), f"           {c.signature}"]


def _score_text(s: MetricScore, width: int) -> str:
    value = f"{s.score:{width + 5}.{width}f}"
    if s.confidence:
        value += f" (μ = {s.confidence.mean:.{width}f} ± {s.confidence.half_width:.{width}f})"
    return f"  {s.metric:8} {value}  {s.signature}"


def to_text(report: ScoreReport, width: int = 2) -> str:
    lines = [f"references: {', '.join(report.references)}"]
    for system in report.systems:
        tag = " (baseline)" if system.path == report.baseline else ""
        lines.append(f"\n{system.path}{tag}")
        lines += [_score_text(s, width) for s in system.scores]
        if system.terms:
            lines += _terms_text(system.terms)
        for c in system.comparisons:
            lines += _comparison_text(c, width)
        if system.segments:
            lines.append("  worst segments:")
            for g in system.segments:
                values = "  ".join(f"{k}={v:.1f}" for k, v in g.scores.items())
                lines.append(f"    #{g.index + 1} (line {g.line})  {values}  {g.hypothesis[:80]}")
    lines.append(f"\ntqkit {__version__}")
    return "\n".join(lines) + "\n"


def _markdown_note(report: ScoreReport) -> list[str]:
    compared = [c for system in report.systems for c in system.comparisons]
    if not compared:
        return []
    c = compared[0]
    note = "Differences against the baseline with paired "
    if c.p_bootstrap is None:
        return [note + f"approximate randomization p-values ({randomization_label(c)}).", ""]
    note += f"bootstrap p-values ({c.bootstrap_resamples:,} resamples)"
    if c.p_randomization is not None:
        note += "; paired approximate randomization p-values are in the JSON output"
    return [note + ".", ""]


def to_markdown(report: ScoreReport, width: int = 2) -> str:
    metrics = [s.metric for s in report.systems[0].scores] if report.systems else []
    lines = ["| system | " + " | ".join(metrics) + " |", "|---|" + "---:|" * len(metrics)]
    for system in report.systems:
        cells = []
        by_metric = {c.metric: c for c in system.comparisons}
        for s in system.scores:
            cell = f"{s.score:.{width}f}"
            if s.confidence:
                cell += f" (μ = {s.confidence.mean:.{width}f} ± {s.confidence.half_width:.{width}f})"
            c = by_metric.get(s.metric)
            if c:
                p = c.p_bootstrap if c.p_bootstrap is not None else c.p_randomization
                cell += f" ({c.difference:+.{width}f}, p={p_text(p, 3)})"
            cells.append(cell)
        name = f"`{system.path}`" + (" (baseline)" if system.path == report.baseline else "")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    lines += _markdown_note(report)
    for s in report.systems[0].scores if report.systems else []:
        lines.append(f"- {s.metric}: `{s.signature}`")
    compared = next((system.comparisons for system in report.systems if system.comparisons), [])
    lines += [f"- {c.metric}, paired tests: `{c.signature}`" for c in compared]
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
