"""Many corpus scores at once: sacrebleu's score formulas over rows of summed statistics.

A randomization test needs the score of tens of thousands, and an exact test of up to a
million, pseudo-systems; one Python call per score would take longer than everything else.
These follow sacrebleu's `_compute_score_from_stats` step for step. numpy's `log` and `exp`
may differ from `math`'s in the last bit, so a caller that must decide exact ties (the
sacrebleu-compatible test) recomputes the few scores near the tie with sacrebleu itself.
"""

from __future__ import annotations

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

LOG_ZERO = -9999999999  # sacrebleu's my_log(0)


def scores(metric: Metric, totals: np.ndarray, truncate_add_k: bool = False) -> np.ndarray:
    """The metric's score for each row of `totals` (float64, one row per pseudo-system).

    `truncate_add_k`: sacrebleu adds BLEU's add-k value in place to integer statistics in its
    randomization trials, which drops the fraction of a non-integer k."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if isinstance(metric, BLEU):
            return _bleu(metric, totals, truncate_add_k)
        if isinstance(metric, CHRF):
            return _chrf(metric, totals)
        if isinstance(metric, TER):
            return _ter(totals)
    raise TypeError(f"no batch scores for {type(metric).__name__}")


def _bleu(metric: BLEU, totals: np.ndarray, truncate_add_k: bool) -> np.ndarray:
    order = metric.max_ngram_order
    sys_len, ref_len = totals[:, 0], totals[:, 1]
    correct, total = totals[:, 2 : 2 + order].copy(), totals[:, 2 + order :].copy()
    method = metric.smooth_method
    value = metric.smooth_value if metric.smooth_value is not None else BLEU.SMOOTH_DEFAULTS[method]
    any_correct = (correct != 0).any(axis=1)
    if method == "add-k":
        k = float(np.trunc(value)) if truncate_add_k else value
        correct[:, 1:] += k
        total[:, 1:] += k
    bp = np.where(sys_len < ref_len, np.where(sys_len > 0, np.exp(1 - ref_len / sys_len), 0.0), 1.0)
    alive = np.ones(len(totals), dtype=bool)  # no order with zero n-grams yet (sacrebleu stops there)
    eff_order = np.full(len(totals), order)
    mteval = np.ones(len(totals))
    logs = np.zeros((len(totals), order))
    for n in range(order):
        alive &= total[:, n] != 0
        if metric.effective_order:
            eff_order = np.where(alive, n + 1, eff_order)
        zero = correct[:, n] == 0
        precision = 100.0 * correct[:, n] / total[:, n]
        if method == "exp":
            mteval = np.where(alive & zero, mteval * 2, mteval)
            precision = np.where(zero, 100.0 / (mteval * total[:, n]), precision)
        elif method == "floor":
            precision = np.where(zero, 100.0 * value / total[:, n], precision)
        precision = np.where(alive, precision, 0.0)
        logs[:, n] = np.where(precision == 0, LOG_ZERO, np.log(np.where(precision == 0, 1.0, precision)))
    acc = np.zeros(len(totals))
    for n in range(order):  # left to right, as Python's sum() adds them
        acc = acc + np.where(n < eff_order, logs[:, n], 0.0)
    return np.where(any_correct, bp * np.exp(acc / eff_order), 0.0)


def _chrf(metric: CHRF, totals: np.ndarray) -> np.ndarray:
    eps = 1e-16
    factor = metric.beta**2
    rows = len(totals)
    score, avg_prec, avg_rec, eff = np.zeros(rows), np.zeros(rows), np.zeros(rows), np.zeros(rows)
    for i in range(metric.order):
        hyp, ref, match = totals[:, 3 * i], totals[:, 3 * i + 1], totals[:, 3 * i + 2]
        prec = np.where(hyp > 0, match / hyp, eps)
        rec = np.where(ref > 0, match / ref, eps)
        denom = factor * prec + rec
        score = score + np.where(denom > 0, (1 + factor) * prec * rec / denom, eps)
        both = (hyp > 0) & (ref > 0)
        avg_prec = avg_prec + np.where(both, prec, 0.0)
        avg_rec = avg_rec + np.where(both, rec, 0.0)
        eff = eff + both
    if metric.eps_smoothing:
        return 100 * score / metric.order
    avg_prec = np.where(eff == 0, 0.0, avg_prec / eff)
    avg_rec = np.where(eff == 0, 0.0, avg_rec / eff)
    f = (1 + factor) * avg_prec * avg_rec
    f = f / ((factor * avg_prec) + avg_rec)
    return np.where(avg_prec + avg_rec != 0, 100 * f, 0.0)


def _ter(totals: np.ndarray) -> np.ndarray:
    edits, length = totals[:, 0], totals[:, 1]
    return 100 * np.where(length > 0, edits / length, np.where(edits > 0, 1.0, 0.0))
