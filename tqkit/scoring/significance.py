"""Paired significance tests and bootstrap confidence on per-segment statistics.

The paired bootstrap and the confidence interval are sacrebleu's (same seed, same draws, same
p-value). Approximate randomization is where tqkit differs by default: sacrebleu counts only
trials whose difference is strictly greater than the observed one, so the trial that swaps
nothing never counts and a change of three segments out of 24 gets p = 0.0001 where the exact
answer is 0.25. tqkit counts trials at least as extreme (with a tolerance for float rounding),
enumerates all 2^k swaps when k <= EXACT_MAX segments differ, and keeps sacrebleu's test behind
`sacrebleu_compatible`. Segments whose statistics are equal in both systems never change a
trial's totals, so trials only touch the segments that differ.

All metrics of a comparison share one stream of draws, as in sacrebleu: a bootstrap resample is
a vector of counts (np.bincount) times the statistics, a randomization trial a 0/1 row times the
differences; both are computed in blocks, never as copies of the statistics.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics import TER
from sacrebleu.metrics.base import Metric

from tqkit.progress import Progress
from tqkit.scoring import batch
from tqkit.scoring.metrics import compute
from tqkit.scoring.metrics import signature as metric_signature

SEED = 12345  # sacrebleu's default SACREBLEU_SEED
BS_SAMPLES = 1000
AR_SAMPLES = 10000
EXACT_MAX = 20  # differing segments up to which the randomization test is exact (2^20 swaps)
TOLERANCE = 1e-9  # relative: differences this close to the observed one are ties
BLOCK = 1 << 20  # matrix elements per block of bootstrap resamples
TRIAL_BLOCK = 1 << 22  # swap-matrix elements per block of randomization trials: BLAS wants wide blocks
TRIAL_ROWS = 1 << 14  # trials per block at most: each trial's totals and scores take a row too
FLOAT32_EXACT = 1 << 24


@dataclass(frozen=True)
class Tests:
    """Which paired tests run, and how. 0 resamples or trials: the test does not run."""

    bootstrap: int = BS_SAMPLES
    randomization: int = AR_SAMPLES
    seed: int | None = SEED  # None: fresh entropy, as SACREBLEU_SEED=none
    sacrebleu_compatible: bool = False


def parse_seed(value: str) -> int | None:
    """A seed as SACREBLEU_SEED writes it: an integer, or `none` for fresh entropy."""
    return None if value.strip().lower() == "none" else int(value)


@dataclass(frozen=True)
class Comparison:
    metric: str
    baseline: float
    system: float
    difference: float  # system - baseline
    signature: str  # the metric's, with the tests, their trials and the seed
    ci_low: float | None = None  # 95% bootstrap interval of the difference
    ci_high: float | None = None
    p_bootstrap: float | None = None
    bootstrap_resamples: int | None = None
    system_mean: float | None = None  # sacrebleu's bootstrap mean and half-width for the system
    system_ci: float | None = None
    p_randomization: float | None = None
    randomization: str | None = None  # exact, sampled, or sacrebleu (its sampled test)
    randomization_trials: int | None = None  # 2^k for the exact test
    differing_segments: int | None = None

    def as_dict(self) -> dict[str, float | int | str]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Confidence:
    """sacrebleu's --confidence: the mean of bootstrap scores and half the width of their central 95%."""

    mean: float
    half_width: float
    resamples: int


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
    """sacrebleu's: trials strictly above the observed statistic, plus one, over trials plus one."""
    return (int(np.sum(samples > real_difference)) + 1) / (len(samples) + 1)


# -- bootstrap ---------------------------------------------------------------------------------


def _resample_totals(stats: Sequence[np.ndarray], n_samples: int, seed: int | None,
                     progress: Progress | None, units: int) -> Iterator[list[np.ndarray]]:
    """For each of sacrebleu's bootstrap resamples, each statistics matrix's column sums as
    sacrebleu computes them: float32. The exact integer sums equal sacrebleu's float32 sums
    while they stay below 2^24; past that, or for fractional statistics (multi-reference TER),
    the resample is summed as sacrebleu sums it."""
    rng = np.random.default_rng(seed)
    n = len(stats[0])
    widths = [s.shape[1] for s in stats]
    # (metrics' columns x segments) @ (segments x resamples): OpenBLAS runs this shape fast;
    # (resamples x segments) @ (segments x columns) took 20 times longer on a busy machine.
    stacked = np.empty((sum(widths), n))
    for start, s in zip(np.cumsum([0, *widths[:-1]]), stats):
        stacked[start : start + s.shape[1]] = s.T
    integral = all(s.dtype.kind in "iu" or bool(np.all(s == np.round(s))) for s in stats)
    as32: list[np.ndarray] = []  # sacrebleu's float32 statistics, made when first needed
    rows = max(1, BLOCK // max(n, 1))
    for start in range(0, n_samples, rows):
        # One row at a time draws exactly what rng.choice(n, (n_samples, n)) would.
        draws = [rng.choice(n, size=n, replace=True) for _ in range(min(rows, n_samples - start))]
        counts = np.array([np.bincount(d, minlength=n) for d in draws], dtype=np.float64)
        totals = (stacked @ counts.T).T
        for row, draw in zip(totals, draws):
            if integral and row.max(initial=0) < FLOAT32_EXACT:
                yield [part.astype(np.float32) for part in np.split(row, np.cumsum(widths)[:-1])]
            else:
                as32 = as32 or [s.astype(np.float32) for s in stats]
                yield [s[draw].sum(0) for s in as32]
            if progress:
                progress.advance(items=units)


def _score(metric: Metric, totals: np.ndarray) -> float:
    return metric._compute_score_from_stats(totals).score


def confidence(metric: Metric, stats: np.ndarray, n_samples: int = BS_SAMPLES, seed: int | None = SEED,
               progress: Progress | None = None) -> Confidence:
    """sacrebleu's corpus_score(n_bootstrap=n_samples): same draws, same mean (statistics.mean)."""
    values = [_score(metric, totals) for (totals,) in _resample_totals([stats], n_samples, seed, progress, 1)]
    values.sort()
    lower = len(values) // 40
    half_width = 0.5 * (values[len(values) - lower - 1] - values[lower])
    return Confidence(float(statistics.mean(values)), float(half_width), n_samples)


def _bootstrap(metrics: Sequence[Metric], base: Sequence[np.ndarray], system: Sequence[np.ndarray], n_samples: int,
               seed: int | None, progress: Progress | None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each metric's baseline and system scores on the same resamples, in the dtype sacrebleu
    collects them in (float32 for TER, whose scores of float32 totals stay float32)."""
    m = len(metrics)
    out: list[tuple[list, list]] = [([], []) for _ in metrics]
    for totals in _resample_totals([*base, *system], n_samples, seed, progress, m):
        for j, metric in enumerate(metrics):
            out[j][0].append(_score(metric, totals[j]))
            out[j][1].append(_score(metric, totals[m + j]))
    return [(np.array(b), np.array(s)) for b, s in out]


# -- approximate randomization ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Trials:
    """What the randomization test needs: the totals of both systems, and the differences
    (baseline minus system) of the segments that differ, one column block per metric."""

    base_total: np.ndarray
    system_total: np.ndarray
    delta: np.ndarray  # the columns that differ somewhere x the segments that differ
    moving: np.ndarray  # those columns' indices (a single reference's lengths never differ)
    differing: np.ndarray  # those segments' indices
    widths: list[int]
    segments: int

    @classmethod
    def of(cls, base: Sequence[np.ndarray], system: Sequence[np.ndarray]) -> _Trials:
        differing = np.flatnonzero(np.any([np.any(b != s, axis=1) for b, s in zip(base, system)], axis=0))
        deltas, moving, start = [], [], 0
        for b, s in zip(base, system):
            d = b[differing].astype(np.float64) - s[differing]
            columns = np.flatnonzero(np.any(d != 0, axis=0))
            deltas.append(d[:, columns].T)
            moving.append(columns + start)
            start += b.shape[1]
        # columns x segments, the shape OpenBLAS multiplies fast (see _resample_totals)
        delta = np.ascontiguousarray(np.vstack(deltas)) if deltas else np.zeros((0, len(differing)))
        # A trial moves a subset sum of each column; float32 adds integers exactly while every
        # partial sum stays below 2^24, which the sum of magnitudes bounds. Twice as fast.
        if np.all(delta == np.round(delta)) and np.abs(delta).sum(axis=1).max(initial=0) < FLOAT32_EXACT:
            delta = delta.astype(np.float32)
        return cls(np.concatenate([b.sum(axis=0) for b in base]).astype(np.float64),
                   np.concatenate([s.sum(axis=0) for s in system]).astype(np.float64),
                   delta, np.concatenate(moving), differing, [b.shape[1] for b in base], len(base[0]))

    def totals(self, swaps: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Per metric, the totals of pseudo-systems A and B for each row of swaps (1: segment i
        of A comes from the baseline, of B from the system)."""
        moved = np.zeros((len(swaps), len(self.base_total)))
        moved[:, self.moving] = (self.delta @ swaps.T.astype(self.delta.dtype)).T
        a = np.split(self.system_total + moved, np.cumsum(self.widths)[:-1], axis=1)
        b = np.split(self.base_total - moved, np.cumsum(self.widths)[:-1], axis=1)
        return a, b


def _trial_rows(k: int) -> int:
    return max(1, min(TRIAL_ROWS, TRIAL_BLOCK // max(k, 1)))


def _exact_swaps(k: int) -> Iterator[np.ndarray]:
    rows = _trial_rows(k)
    for start in range(0, 1 << k, rows):
        numbers = np.arange(start, min(start + rows, 1 << k), dtype=np.int64)
        yield ((numbers[:, None] >> np.arange(k)) & 1).astype(bool)


def _sampled_swaps(k: int, n_samples: int, seed: int | None) -> Iterator[np.ndarray]:
    """Random swaps of the k differing segments, from random bytes (one draw per 8 segments)."""
    rng = np.random.default_rng(seed)
    rows, width = _trial_rows(k), (k + 7) // 8
    for start in range(0, n_samples, rows):
        block = min(rows, n_samples - start)
        packed = np.frombuffer(rng.bytes(block * width), dtype=np.uint8).reshape(block, width)
        yield np.unpackbits(packed, axis=1, count=k).view(bool)


def _sacrebleu_swaps(trials: _Trials, n_samples: int, seed: int | None) -> Iterator[np.ndarray]:
    """sacrebleu's draws, rng.integers(2, (n_samples, segments), dtype=bool), restricted to the
    differing segments. numpy draws booleans from 32-bit words, discarding the leftover bits at
    the end of a call: blocks of whole words reproduce the single draw bit for bit."""
    rng = np.random.default_rng(seed)
    n = trials.segments
    word_rows = 32 // math.gcd(n, 32)
    rows = word_rows * max(1, min(TRIAL_ROWS, TRIAL_BLOCK // n) // word_rows)
    done = 0
    while done < n_samples:
        block = min(rows, n_samples - done)
        if block < rows and block % word_rows:
            block = n_samples - done  # the last, partial block ends the stream anyway
        yield rng.integers(2, size=(block, n), dtype=bool)[:, trials.differing]
        done += block


def _randomization(metrics: Sequence[Metric], observed: Sequence[float], trials: _Trials, tests: Tests,
                   progress: Progress | None) -> tuple[list[float], str, int]:
    """Each metric's p-value, the test that ran and its number of trials."""
    k = len(trials.differing)
    m = len(metrics)
    if tests.sacrebleu_compatible:
        kind, n_trials = "sacrebleu", tests.randomization
        swaps = _sacrebleu_swaps(trials, n_trials, tests.seed) if k else iter(())
    elif k <= EXACT_MAX:
        kind, n_trials, swaps = "exact", 1 << k, _exact_swaps(k)
    else:
        kind, n_trials, swaps = "sampled", tests.randomization, _sampled_swaps(k, tests.randomization, tests.seed)
    extreme = [0] * m
    for block in swaps:
        a, b = trials.totals(block)
        for j, metric in enumerate(metrics):
            extreme[j] += _count_extreme(metric, a[j], b[j], observed[j], tests.sacrebleu_compatible)
        if progress and kind != "exact":
            progress.advance(items=len(block) * m)
    if progress and kind == "exact":
        progress.advance(items=tests.randomization * m)
    if kind == "exact":
        return [e / n_trials for e in extreme], kind, n_trials
    # sacrebleu's trials with no differing segment all equal the observed difference: none above it.
    return [(e + 1) / (n_trials + 1) for e in extreme], kind, n_trials


def _count_extreme(metric: Metric, a: np.ndarray, b: np.ndarray, observed: float, strict: bool) -> int:
    differences = np.abs(batch.scores(metric, a, strict) - batch.scores(metric, b, strict))
    margin = TOLERANCE * max(1.0, observed)
    if not strict:
        return int(np.count_nonzero(differences >= observed - margin))
    # sacrebleu's strict comparison: decide the trials near the observed difference with its own arithmetic.
    near = np.flatnonzero(np.abs(differences - observed) <= margin)
    clear = int(np.count_nonzero(differences > observed + margin))
    dtype = np.float64 if isinstance(metric, TER) else np.int64
    for i in near:
        exact = abs(_score(metric, a[i].astype(dtype)) - _score(metric, b[i].astype(dtype)))
        clear += exact > observed
    return clear


def _plain(value):
    """numpy scalars (sacrebleu's TER bootstrap scores are float32) as Python numbers."""
    return value.item() if isinstance(value, np.generic) else value


# -- both tests ---------------------------------------------------------------------------------


def _signature(metric: Metric, tests: Tests, kind: str | None, n_trials: int | None) -> str:
    signature = metric_signature(metric)
    if tests.bootstrap:
        signature.update("bs", tests.bootstrap)
    if kind:
        signature.update("ar", "exact" if kind == "exact" else n_trials)
        if kind != "sacrebleu":
            signature.update("ties", "yes")  # tqkit's count: trials at least as extreme
    if tests.bootstrap or kind in ("sampled", "sacrebleu"):
        signature.update("seed", str(tests.seed).lower())
    return signature.format()


def compare(metrics: Mapping[str, Metric], base: Mapping[str, np.ndarray], system: Mapping[str, np.ndarray],
            tests: Tests = Tests(), progress: Progress | None = None) -> list[Comparison]:
    """The chosen tests for every metric; `progress` counts resamples and trials per metric."""
    objects = list(metrics.values())
    base_stats, sys_stats = [base[name] for name in metrics], [system[name] for name in metrics]
    base_scores = [compute(metric, s.sum(axis=0)) for metric, s in zip(objects, base_stats)]
    sys_scores = [compute(metric, s.sum(axis=0)).score for metric, s in zip(objects, sys_stats)]
    observed = [abs(b.score - s) for b, s in zip(base_scores, sys_scores)]
    fields: list[dict] = [{} for _ in objects]
    if tests.bootstrap:
        for f, scores, diff in zip(fields, _bootstrap(objects, base_stats, sys_stats, tests.bootstrap, tests.seed,
                                                      progress), observed):
            f.update(_bootstrap_fields(*scores, diff, tests.bootstrap))
    kind, n_trials = None, None
    if tests.randomization:
        trials = _Trials.of(base_stats, sys_stats)
        p_values, kind, n_trials = _randomization(objects, observed, trials, tests, progress)
        for f, p in zip(fields, p_values):
            f.update(p_randomization=p, randomization=kind, randomization_trials=n_trials,
                     differing_segments=len(trials.differing))
    return [Comparison(b.name, b.score, s, s - b.score, _signature(metric, tests, kind, n_trials), **f)
            for metric, b, s, f in zip(objects, base_scores, sys_scores, fields)]


def _bootstrap_fields(scores_base: np.ndarray, scores_sys: np.ndarray, observed: float, resamples: int) -> dict:
    """sacrebleu's p-value (centred differences above the observed one) and system mean and
    half-width, with tqkit's 95% interval of the difference."""
    sample_diffs = np.abs(scores_sys - scores_base)
    low, high = percentile_interval(scores_sys - scores_base)
    mean, half = estimate_ci(scores_sys)
    fields = dict(ci_low=low, ci_high=high, p_bootstrap=p_value(sample_diffs - sample_diffs.mean(), observed),
                  bootstrap_resamples=resamples, system_mean=mean, system_ci=half)
    return {k: _plain(v) for k, v in fields.items()}
