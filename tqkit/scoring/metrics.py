"""sacrebleu metrics computed from per-segment sufficient statistics held as compact arrays.

sacrebleu's `corpus_score` caches every reference's n-grams at once (about 7 GB for chrF on
100,000 segments). Here statistics are extracted chunk by chunk with the metric's own
`_extract_corpus_statistics` and kept as one integer (or float, for TER) row per segment;
the corpus score is the metric's own `_compute_score_from_stats` of their column sums, so
it is sacrebleu's number to the last digit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

METRICS = ("bleu", "chrf", "chrf++", "ter")
CHUNK = 5000


def make(name: str, case_sensitive_ter: bool = False) -> Metric:
    if name == "bleu":
        return BLEU()
    if name == "chrf":
        return CHRF()
    if name == "chrf++":
        return CHRF(word_order=2)
    if name == "ter":
        return TER(case_sensitive=case_sensitive_ter)
    raise ValueError(name)


def _dtype(metric: Metric) -> type:
    return np.float64 if isinstance(metric, TER) else np.int64


def _chunk_stats(args: tuple[Metric, Sequence[str], list[Sequence[str]]]) -> np.ndarray:
    metric, hyps, refs = args
    return np.asarray(metric._extract_corpus_statistics(hyps, refs), dtype=_dtype(metric)).reshape(len(hyps), -1)


def ignore(segments: int) -> None:
    """The `done` callback of a run that shows no progress."""


def segment_stats(metric: Metric, hyps: Sequence[str], refs: Sequence[Sequence[str]], jobs: int = 1,
                  done: Callable[[int], None] = ignore) -> np.ndarray:
    """One row of sufficient statistics per segment, extracted CHUNK segments at a time; `done`
    hears of each chunk's segments in this process, as the chunks come back in order."""
    tasks = [(metric, hyps[i : i + CHUNK], [r[i : i + CHUNK] for r in refs]) for i in range(0, len(hyps), CHUNK)]
    parts = []
    with ProcessPoolExecutor(jobs) if jobs > 1 and len(tasks) > 1 else nullcontext() as pool:
        for part in (pool.map if pool else map)(_chunk_stats, tasks):
            parts.append(part)
            done(len(part))
    # The metric learns the number of references while caching them; the signature needs it.
    metric.num_refs = len(refs)
    return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=_dtype(metric))


def compute(metric: Metric, totals: np.ndarray):
    """The metric's own score object for summed statistics."""
    values = totals.tolist()  # plain Python numbers, as sacrebleu computes with
    return metric._compute_score_from_stats(values)


@dataclass(frozen=True)
class Scored:
    metric: str  # sacrebleu's name for it: BLEU, chrF2, chrF2++, TER
    score: float
    signature: str
    stats: np.ndarray


def score(metric: Metric, hyps: Sequence[str], refs: Sequence[Sequence[str]], jobs: int = 1,
          done: Callable[[int], None] = ignore) -> Scored:
    stats = segment_stats(metric, hyps, refs, jobs, done)
    result = compute(metric, stats.sum(axis=0))
    return Scored(result.name, result.score, str(metric.get_signature()), stats)
