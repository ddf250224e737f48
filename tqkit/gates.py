"""Score gates: a revision's score against its reference must not fall below a floor, or drop
by more than a margin versus the base revision of a pull request.

Every gate has a result, also one that could not run (nothing matched, a file is missing, no
base revision to compare with), saying why, so that CI output never hides a gate. Scoring
(sacrebleu, numpy) is imported only when a gate has files to score: formatters import this
module for its result type.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tqkit.config import ScoreGate
from tqkit.errors import InputError
from tqkit.gitdiff import file_at
from tqkit.model import Report


class Outcome(Enum):
    PASSED = "passed"
    FAILED = "failed"  # the score is below the floor or fell too far
    SKIPPED = "skipped"  # the gate (or its comparison with the base) could not run; `reason` says why
    ERROR = "error"  # its files could not be scored (unreadable, misaligned): bad input

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class GateResult:
    gate: ScoreGate
    hypothesis: str  # the scored file; the references glob when nothing matched it
    reference: str | None
    outcome: Outcome
    reason: str = ""  # why it failed, erred or was skipped; notes on a gate that passed
    score: float | None = None
    base_score: float | None = None

    @property
    def failed(self) -> bool:
        """Whether it fails the check (a gate that could not run does not)."""
        return self.outcome in (Outcome.FAILED, Outcome.ERROR)

    @property
    def title(self) -> str:
        limits = [f"min {self.gate.min:g}" if self.gate.min is not None else "",
                  f"max-drop {self.gate.max_drop:g}" if self.gate.max_drop is not None else ""]
        return f"score gate {self.gate.metric} ({', '.join(x for x in limits if x) or 'no limit'})"

    @property
    def message(self) -> str:
        """The score and why the gate did what it did, for humans."""
        score = f"{self.gate.metric} {self.score:.2f}" if self.score is not None else ""
        return ": ".join(p for p in (score, self.reason) if p)

    @property
    def line(self) -> str:
        """`file: score gate chrf (max-drop 1) failed: chrf 55.19: fell 1.29 points …`"""
        return f"{self.hypothesis}: {self.title} {self.outcome}" + (f": {self.message}" if self.message else "")

    def as_dict(self) -> dict[str, object]:
        return {"hypothesis": self.hypothesis, "reference": self.reference, "metric": self.gate.metric,
                "min": self.gate.min, "max_drop": self.gate.max_drop, "outcome": str(self.outcome),
                "score": None if self.score is None else round(self.score, 6),
                "base_score": None if self.base_score is None else round(self.base_score, 6), "reason": self.reason}


@dataclass(frozen=True)
class GatedReport(Report):
    """A lint report with the score gates' results, for formatters that show both."""

    gates: tuple[GateResult, ...] = ()


def gate_results(report: Report) -> Sequence[GateResult]:
    """The gates a report carries (a plain lint report carries none)."""
    return report.gates if isinstance(report, GatedReport) else ()


def gates_summary(gates: Sequence[GateResult]) -> str:
    """`Score gates: 1 failed, 2 passed.`, or "" without gates."""
    if not gates:
        return ""
    words = {Outcome.FAILED: "failed", Outcome.ERROR: "could not be scored", Outcome.SKIPPED: "skipped",
             Outcome.PASSED: "passed"}
    parts = [f"{n} {word}" for outcome, word in words.items() if (n := sum(g.outcome is outcome for g in gates))]
    return f"Score gates: {', '.join(parts)}."


def _score(metric_name: str, hypothesis: str, reference: str) -> float:
    from tqkit.scoring import metrics as M
    from tqkit.scoring.segments import align, read_segments

    ref = read_segments(reference)
    hyp = align(ref, read_segments(hypothesis))
    return M.score(M.make(metric_name), list(hyp.texts), [list(ref.texts)]).score


def _relative(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def run(gates: Sequence[ScoreGate], base: str | None) -> list[GateResult]:
    results = []
    for gate in gates:
        references = sorted(glob.glob(gate.references))
        if not references:
            results.append(GateResult(gate, _relative(gate.references), None, Outcome.SKIPPED,
                                      "no reference matches this glob"))
        for reference in references:
            results.append(_check(gate, _relative(reference), _relative(str(Path(reference).parent / gate.hypothesis)),
                                  base))
    return results


def _check(gate: ScoreGate, ref: str, hyp: str, base: str | None) -> GateResult:
    if not os.path.isfile(hyp):
        return GateResult(gate, hyp, ref, Outcome.SKIPPED, f"no {gate.hypothesis} beside {ref}")
    try:
        score = _score(gate.metric, hyp, ref)
    except InputError as exc:
        where = f"line {exc.line}: " if exc.line and exc.path == hyp else ""
        problem = exc.message if exc.path in (None, hyp) else str(exc)
        return GateResult(gate, hyp, ref, Outcome.ERROR, f"cannot score: {where}{problem}")
    higher_is_better = gate.metric != "ter"
    failures, notes = [], []
    if gate.min is not None and (score < gate.min if higher_is_better else score > gate.min):
        failures.append(f"{'below' if higher_is_better else 'above'} the gate's {gate.min:g}")
    base_score = None
    if gate.max_drop is not None and not base:
        notes.append("max-drop not checked: it needs --diff BASE")
    elif gate.max_drop is not None:
        base_score, note = _base_score(gate, hyp, ref, base)
        if base_score is None:
            notes.append(note)
        elif (drop := (base_score - score) if higher_is_better else (score - base_score)) > gate.max_drop:
            failures.append(f"fell {drop:.2f} points versus {base} ({base_score:.2f} → {score:.2f}; "
                            f"at most {gate.max_drop:g} allowed)")
        else:
            notes.append(f"was {base_score:.2f} at {base}")
    if failures:
        outcome = Outcome.FAILED
    elif gate.min is None and base_score is None:
        outcome = Outcome.SKIPPED  # nothing was compared: say so rather than pass
    else:
        outcome = Outcome.PASSED
    return GateResult(gate, hyp, ref, outcome, "; ".join(failures + notes), score, base_score)


def _base_score(gate: ScoreGate, hyp: str, ref: str, base: str) -> tuple[float | None, str]:
    """The hypothesis's score at the base revision against today's reference, or why there is none."""
    old = file_at(base, hyp)
    if old is None:
        return None, f"max-drop not checked: {hyp} is new since {base}"
    with tempfile.NamedTemporaryFile("w", suffix=Path(hyp).suffix, delete=False, encoding="utf-8") as fh:
        fh.write(old)
    try:
        return _score(gate.metric, fh.name, ref), ""
    except InputError as exc:  # the reference changed too (lines added on both sides): nothing to compare
        return None, f"max-drop not checked: its version at {base} does not align with {ref} ({exc.message})"
    finally:
        os.unlink(fh.name)
