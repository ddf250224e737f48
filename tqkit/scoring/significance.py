"""Paired significance tests on per-segment statistics, as sacrebleu computes them.

These follow sacrebleu's `_paired_bs_test` and `_paired_ar_test` (same seed, same random
draws, same p-value formula) but never materialise a resample of the statistics: a bootstrap
resample is a vector of counts (np.bincount) times the statistics matrix, and randomisation
trials are drawn in blocks. Memory stays O(segments) instead of O(resamples x segments).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics.base import Metric

from tqkit.progress import Progress
from tqkit.scoring.metrics import compute

SEED = 12345  # sacrebleu's default SACREBLEU_SEED
BS_SAMPLES = 1000
AR_SAMPLES = 10000


@dataclass(frozen=True)
class Comparison:
    metric: str
    baseline: float
    system: float
    difference: float  # system - baseline
    ci_low: float  # 95% bootstrap interval of the difference
    ci_high: float
    p_bootstrap: float
    p_randomization: float
    system_mean: float  # sacrebleu's bootstrap mean and half-width for the system
    system_ci: float

    def as_dict(self) -> dict[str, float | str]:
        return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def estimate_ci(scores: np.ndarray) -> tuple[float, float]:
    """sacrebleu's estimate: mean, and half the width of the central 95% of the sorted scores."""
    scores = np.sort(scores)
    lower = len(scores) // 40
    return float(scores.mean()), float(0.5 * (scores[len(scores) - lower - 1] - scores[lower]))


def percentile_interval(values: np.ndarray) -> tuple[float, float]:
    values = np.sort(values)
    lower = len(values) // 40
    return float(values[lower]), float(values[len(values) - lower - 1])


def p_value(samples: np.ndarray, real_difference: float) -> float:
    return (int(np.sum(samples > real_difference)) + 1) / (len(samples) + 1)


def _resampled_scores(metric: Metric, stats: np.ndarray, counts: np.ndarray) -> float:
    # sacrebleu sums float32 statistics; the integer product is exact and equal whenever
    # float32 could represent the totals, which is what sacrebleu then computes with.
    return metric._compute_score_from_stats((counts @ stats).astype(np.float32)).score


def paired_bootstrap(metric: Metric, base: np.ndarray, system: np.ndarray, n_samples: int = BS_SAMPLES,
                     seed: int = SEED, progress: Progress | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Scores of baseline and system on the same `n_samples` bootstrap resamples."""
    rng = np.random.default_rng(seed)
    n = len(base)
    scores_base, scores_sys = np.empty(n_samples), np.empty(n_samples)
    for i in range(n_samples):  # one row at a time draws exactly what rng.choice(n, (samples, n)) would
        counts = np.bincount(rng.choice(n, size=n, replace=True), minlength=n)
        scores_base[i] = _resampled_scores(metric, base, counts)
        scores_sys[i] = _resampled_scores(metric, system, counts)
        if progress:
            progress.advance()
    return scores_base, scores_sys


def randomization(metric: Metric, base: np.ndarray, system: np.ndarray, n_samples: int = AR_SAMPLES,
                  seed: int = SEED, progress: Progress | None = None) -> np.ndarray:
    """|score(A) - score(B)| for pseudo-systems swapping each segment with probability 1/2."""
    rng = np.random.default_rng(seed)
    n = len(base)
    # numpy draws booleans from 32-bit words, discarding leftover bits at the end of a call:
    # blocks of whole words reproduce a single (n_samples, n) draw bit for bit.
    block = 32 // math.gcd(n, 32) * max(1, 256 // (32 // math.gcd(n, 32)))
    out = np.empty(n_samples)
    done = 0
    while done < n_samples:
        rows = min(block, n_samples - done)
        if rows < block and rows % (32 // math.gcd(n, 32)):
            rows = n_samples - done  # the last, partial block ends the stream anyway
        pos = rng.integers(2, size=(rows, n), dtype=bool)
        shuf_a = pos @ base + ~pos @ system
        shuf_b = ~pos @ base + pos @ system
        for j in range(rows):
            out[done + j] = abs(compute(metric, shuf_a[j]).score - compute(metric, shuf_b[j]).score)
        done += rows
        if progress:
            progress.advance(items=rows)
    return out


def compare(metric: Metric, name: str, base: np.ndarray, system: np.ndarray, bs_samples: int = BS_SAMPLES,
            ar_samples: int = AR_SAMPLES, seed: int = SEED, progress: Progress | None = None) -> Comparison:
    """Both paired tests; `progress` counts their resamples and trials (bs_samples + ar_samples)."""
    base_score = compute(metric, base.sum(axis=0)).score
    sys_score = compute(metric, system.sum(axis=0)).score
    diff = abs(base_score - sys_score)
    scores_base, scores_sys = paired_bootstrap(metric, base, system, bs_samples, seed, progress)
    sample_diffs = np.abs(scores_sys - scores_base)
    p_bs = p_value(sample_diffs - sample_diffs.mean(), diff)
    low, high = percentile_interval(scores_sys - scores_base)
    p_ar = p_value(randomization(metric, base, system, ar_samples, seed, progress), diff)
    mean, half = estimate_ci(scores_sys)
    return Comparison(name, base_score, sys_score, sys_score - base_score, low, high, p_bs, p_ar, mean, half)
