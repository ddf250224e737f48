"""Score systems against references: the data a score report renders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sacrebleu.metrics import BLEU
from sacrebleu.metrics.base import Metric

from tqkit.progress import Progress, size_of
from tqkit.scoring import metrics as M
from tqkit.scoring.segments import Segments, align, read_segments
from tqkit.scoring.significance import Comparison, compare
from tqkit.scoring.terms import TermAccuracy, load_glossary, term_accuracy


@dataclass(frozen=True)
class MetricScore:
    metric: str
    score: float
    signature: str


@dataclass(frozen=True)
class SegmentScore:
    index: int  # 0-based segment
    line: int
    scores: dict[str, float]
    hypothesis: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class SystemResult:
    path: str
    scores: list[MetricScore]
    comparisons: list[Comparison] = field(default_factory=list)  # against the baseline
    segments: list[SegmentScore] = field(default_factory=list)  # worst first
    terms: TermAccuracy | None = None


@dataclass(frozen=True)
class ScoreReport:
    references: list[str]
    systems: list[SystemResult]
    baseline: str | None = None


def _sentence_metric(name: str, metric):
    # Sentence BLEU needs effective order (sacrebleu's sentence_bleu does the same).
    return BLEU(effective_order=True) if name == "bleu" else metric


def _segment_scores(hyp: Segments, stats: dict[str, np.ndarray], metrics: dict[str, Metric], refs: list[Segments],
                    progress: Progress) -> list[SegmentScore]:
    first = refs[0]
    rows = []
    for i in range(len(hyp.texts)):
        values = {name: M.compute(_sentence_metric(name, m), stats[name][i]).score for name, m in metrics.items()}
        rows.append(SegmentScore(i, first.lines[i] if i < len(first.lines) else i + 1, values, hyp.texts[i],
                                 tuple(r.texts[i] for r in refs)))
        progress.advance()
    return rows


def run(hypotheses: Sequence[str], references: Sequence[str], metric_names: Sequence[str],
        baseline: str | None = None, segments: int = 0, jobs: int = 1, bs_samples: int = 1000,
        ar_samples: int = 10000, case_sensitive_ter: bool = False, glossaries: Sequence[str] = (),
        source: str | None = None, quiet: bool = True) -> ScoreReport:
    """Unless `quiet`, a progress line on a terminal's stderr for each long phase: files scored,
    paired tests, segment scores."""
    refs = [read_segments(r) for r in references]
    first = refs[0]
    refs = [first] + [align(first, r) for r in refs[1:]]
    ref_texts = [list(r.texts) for r in refs]
    paths = ([baseline] if baseline else []) + [h for h in hypotheses if h != baseline]
    systems: list[tuple[Segments, dict[str, np.ndarray]]] = []
    metric_objects = {name: M.make(name, case_sensitive_ter) for name in metric_names}
    results = []
    sizes = [size_of(p) for p in paths]
    with Progress(len(paths), sum(sizes), "files scored", quiet=quiet) as progress:
        for path, size in zip(paths, sizes):
            hyp = align(first, read_segments(path))
            done = progress.spread(size, len(hyp.texts) * len(metric_objects))
            stats, scores = {}, []
            for name, metric in metric_objects.items():
                scored = M.score(metric, list(hyp.texts), ref_texts, jobs, done)
                stats[name] = scored.stats
                scores.append(MetricScore(scored.metric, scored.score, scored.signature))
            systems.append((hyp, stats))
            results.append(SystemResult(hyp.path, scores))
            progress.advance()
    if glossaries and source:
        glossary = load_glossary(glossaries)
        sources = align(first, read_segments(source)).texts
        for (hyp, _), result in zip(systems, results):
            results[results.index(result)] = SystemResult(result.path, result.scores, result.comparisons,
                                                          result.segments, term_accuracy(glossary, sources, hyp.texts))
    if baseline:
        base_stats = systems[0][1]
        resamples = (len(systems) - 1) * len(metric_objects) * (bs_samples + ar_samples)
        with Progress(resamples, 0, "resamples", quiet=quiet) as progress:
            for (hyp, stats), result in zip(systems[1:], results[1:]):
                for (name, metric), score in zip(metric_objects.items(), result.scores):
                    result.comparisons.append(compare(metric, score.metric, base_stats[name], stats[name],
                                                      bs_samples, ar_samples, progress=progress))
    if segments:
        key = "chrf" if "chrf" in metric_objects else next(iter(metric_objects))
        sign = 1 if key != "ter" else -1  # worst first: lowest chrF/BLEU, highest TER
        with Progress(len(first.texts) * len(systems), 0, "segments scored", quiet=quiet) as progress:
            for (hyp, stats), result in zip(systems, results):
                rows = [r for r in _segment_scores(hyp, stats, metric_objects, refs, progress)
                        if r.hypothesis or any(r.references)]
                rows.sort(key=lambda r: (sign * r.scores[key], r.index))
                result.segments.extend(rows[:segments])
    return ScoreReport([r.path for r in refs], results, baseline)

