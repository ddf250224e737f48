"""Score gates: a revision's score against its reference must not fall below a floor, or drop
by more than a margin versus the base revision of a pull request."""

from __future__ import annotations

import glob
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tqkit.config import ScoreGate
from tqkit.gitdiff import file_at
from tqkit.scoring import metrics as M
from tqkit.scoring.segments import align, read_segments


@dataclass(frozen=True)
class GateResult:
    gate: ScoreGate
    hypothesis: str
    reference: str
    score: float
    base_score: float | None
    passed: bool
    reason: str


def _score(metric_name: str, hypothesis: str, reference: str) -> float:
    ref = read_segments(reference)
    hyp = align(ref, read_segments(hypothesis))
    return M.score(M.make(metric_name), list(hyp.texts), [list(ref.texts)]).score


def _relative(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def run(gates: tuple[ScoreGate, ...], base: str | None) -> list[GateResult]:
    results = []
    for gate in gates:
        for reference in sorted(glob.glob(gate.references)):
            hypothesis = str(Path(reference).parent / gate.hypothesis)
            if not os.path.exists(hypothesis):
                continue
            ref, hyp = _relative(reference), _relative(hypothesis)
            score = _score(gate.metric, hyp, ref)
            higher_is_better = gate.metric != "ter"
            base_score = None
            reasons = []
            if base and gate.max_drop is not None:
                old = file_at(base, hyp)
                if old is not None:
                    with tempfile.NamedTemporaryFile("w", suffix=Path(hyp).suffix, delete=False, encoding="utf-8") as fh:
                        fh.write(old)
                    try:
                        base_score = _score(gate.metric, fh.name, ref)
                    finally:
                        os.unlink(fh.name)
                    drop = (base_score - score) if higher_is_better else (score - base_score)
                    if drop > gate.max_drop:
                        reasons.append(f"{gate.metric} fell {drop:.2f} points versus {base} "
                                       f"({base_score:.2f} → {score:.2f}; at most {gate.max_drop:g} allowed)")
            if gate.min is not None and (score < gate.min if higher_is_better else score > gate.min):
                reasons.append(f"{gate.metric} {score:.2f} is {'below' if higher_is_better else 'above'} "
                               f"the gate's {gate.min:g}")
            results.append(GateResult(gate, hyp, ref, score, base_score, not reasons, "; ".join(reasons)))
    return results
