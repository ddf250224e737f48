"""Score systems against references: the data a score report renders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from sacrebleu.metrics.base import Metric

from tqkit.progress import Progress, size_of
from tqkit.scoring import metrics as M
from tqkit.scoring import significance as S
from tqkit.scoring.segments import Segments, align, read_segments, split_references
from tqkit.scoring.terms import TermAccuracy, load_glossary, term_accuracy


@dataclass(frozen=True)
class MetricScore:
    metric: str
    score: float
    signature: str
    confidence: S.Confidence | None = None
    details: dict = field(default_factory=dict)  # BLEU: counts, totals, precisions, bp, lengths


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
    comparisons: list[S.Comparison] = field(default_factory=list)  # against the baseline
    segments: list[SegmentScore] = field(default_factory=list)  # worst first
    terms: TermAccuracy | None = None


@dataclass(frozen=True)
class ScoreReport:
    references: list[str]
    systems: list[SystemResult]
    baseline: str | None = None
    warnings: tuple[str, ...] = ()  # for stderr, once each; never part of the output


@dataclass(frozen=True)
class Settings:
    """How to read, score and compare; the defaults are sacrebleu's."""

    options: M.MetricOptions = M.MetricOptions()
    tests: S.Tests = S.Tests()
    confidence: int = 0  # bootstrap resamples for each system's confidence interval; 0: none
    num_refs: int = 1  # tab-separated references per line of a single reference file
    input_format: str = "lines"
    jobs: int = 1


def _segment_scores(hyp: Segments, stats: dict[str, np.ndarray], metrics: dict[str, Metric], refs: list[Segments],
                    options: M.MetricOptions, progress: Progress) -> list[SegmentScore]:
    # Sentence BLEU needs effective order (sacrebleu's --sentence-level turns it on too).
    sentence = {name: M.make("bleu", replace(options, effective_order=True)) if name == "bleu" else m
                for name, m in metrics.items()}
    first = refs[0]
    rows = []
    for i in range(len(hyp.texts)):
        values = {name: M.compute(m, stats[name][i]).score for name, m in sentence.items()}
        rows.append(SegmentScore(i, first.lines[i] if i < len(first.lines) else i + 1, values, hyp.texts[i],
                                 tuple(r.texts[i] for r in refs)))
        progress.advance()
    return rows


def read_references(paths: Sequence[str], settings: Settings) -> list[Segments]:
    refs = [read_segments(p, settings.input_format) for p in paths]
    if settings.num_refs > 1:  # one file, tab-separated references
        refs = split_references(align(refs[0], refs[0]), settings.num_refs)
    return [refs[0]] + [align(refs[0], r) for r in refs[1:]]


def _tokenized_period_warning(counts: list[tuple[str, int]]) -> list[str]:
    """sacrebleu's three-line warning, as one line for the whole run."""
    if not counts:
        return []
    files = ", ".join(f"{path} ({n} lines)" for path, n in counts)
    return [f"warning: hypothesis lines end in a tokenized period (' .'): {files}; "
            f"BLEU expects detokenized text (--force silences this)"]


def run(hypotheses: Sequence[str], references: Sequence[str], metric_names: Sequence[str],
        baseline: str | None = None, segments: int = 0, jobs: int = 1, bs_samples: int = S.BS_SAMPLES,
        ar_samples: int = S.AR_SAMPLES, glossaries: Sequence[str] = (), source: str | None = None,
        quiet: bool = True, settings: Settings | None = None) -> ScoreReport:
    """Unless `quiet`, a progress line on a terminal's stderr for each long phase: files scored,
    resamples (paired tests and confidence intervals), segment scores. `settings` overrides
    `jobs`, `bs_samples` and `ar_samples` when given."""
    settings = settings or Settings(tests=S.Tests(bs_samples, ar_samples), jobs=jobs)
    refs = read_references(references, settings)
    paths = ([baseline] if baseline else []) + [h for h in hypotheses if h != baseline]
    with M.sacrebleu_warnings() as advice:
        metrics = {name: M.make(name, settings.options) for name in metric_names}
    systems, results, periods = _score(paths, refs, metrics, settings, quiet)
    if glossaries and source:
        glossary = load_glossary(glossaries)
        sources = align(refs[0], read_segments(source, settings.input_format)).texts
        results = [replace(result, terms=term_accuracy(glossary, sources, hyp.texts))
                   for (hyp, _), result in zip(systems, results)]
    results = _tests(systems, results, metrics, settings, baseline, quiet)
    if segments:
        _worst_segments(systems, results, metrics, refs, settings.options, segments, quiet)
    warnings = tuple(dict.fromkeys(f"warning: {a}" for a in advice)) + tuple(_tokenized_period_warning(periods))
    return ScoreReport([r.path for r in refs], results, baseline, warnings)


def _score(paths: list[str], refs: list[Segments], metrics: dict[str, Metric], settings: Settings, quiet: bool
           ) -> tuple[list[tuple[Segments, dict[str, np.ndarray]]], list[SystemResult], list[tuple[str, int]]]:
    """Each system's statistics and scores, and the files whose lines end in tokenized periods."""
    ref_texts = [list(r.texts) for r in refs]
    systems, results, periods = [], [], []
    sizes = [size_of(p) for p in paths]
    with Progress(len(paths), sum(sizes), "files scored", quiet=quiet) as progress:
        for path, size in zip(paths, sizes):
            hyp = align(refs[0], read_segments(path, settings.input_format))
            done = progress.spread(size, len(hyp.texts) * len(metrics))
            stats, scores = {}, []
            for name, metric in metrics.items():
                if M.tokenized_periods(metric, hyp.texts) >= M.TOKENIZED_PERIODS:
                    periods.append((hyp.path, M.tokenized_periods(metric, hyp.texts)))
                scored = M.score(metric, list(hyp.texts), ref_texts, settings.jobs, done)
                stats[name] = scored.stats
                scores.append(MetricScore(scored.metric, scored.score, scored.signature, details=scored.details))
            systems.append((hyp, stats))
            results.append(SystemResult(hyp.path, scores))
            progress.advance()
    return systems, results, periods


def _worst_segments(systems: list[tuple[Segments, dict[str, np.ndarray]]], results: list[SystemResult],
                    metrics: dict[str, Metric], refs: list[Segments], options: M.MetricOptions, count: int,
                    quiet: bool) -> None:
    key = "chrf" if "chrf" in metrics else next(iter(metrics))
    sign = 1 if key != "ter" else -1  # worst first: lowest chrF/BLEU, highest TER
    with Progress(len(refs[0].texts) * len(systems), 0, "segments scored", quiet=quiet) as progress:
        for (hyp, stats), result in zip(systems, results):
            rows = [r for r in _segment_scores(hyp, stats, metrics, refs, options, progress)
                    if r.hypothesis or any(r.references)]
            rows.sort(key=lambda r: (sign * r.scores[key], r.index))
            result.segments.extend(rows[:count])


def _tests(systems: list[tuple[Segments, dict[str, np.ndarray]]], results: list[SystemResult],
           metrics: dict[str, Metric], settings: Settings, baseline: str | None, quiet: bool) -> list[SystemResult]:
    """Confidence intervals for every system, paired tests of every system against the baseline."""
    tests = settings.tests
    compared = systems[1:] if baseline and (tests.bootstrap or tests.randomization) else []
    resamples = (len(compared) * len(metrics) * (tests.bootstrap + tests.randomization)
                 + len(systems) * len(metrics) * settings.confidence)
    if not resamples:
        return results
    with Progress(resamples, 0, "resamples", quiet=quiet) as progress:
        if settings.confidence:
            results = [replace(result, scores=[_with_confidence(score, metric, stats[name], settings, progress)
                                               for score, (name, metric) in zip(result.scores, metrics.items())])
                       for (_, stats), result in zip(systems, results)]
        base_stats = systems[0][1]
        for (_, stats), result in zip(compared, results[1:]):
            result.comparisons.extend(S.compare(metrics, base_stats, stats, tests, progress))
    return results


def _with_confidence(score: MetricScore, metric: Metric, stats: np.ndarray, settings: Settings,
                     progress: Progress) -> MetricScore:
    """sacrebleu's --confidence: its signature gains the resamples and the seed."""
    seed = settings.tests.seed
    interval = S.confidence(metric, stats, settings.confidence, seed, progress)
    signature = M.signature(metric)
    signature.update("bs", settings.confidence)
    signature.update("seed", str(seed).lower())
    return replace(score, signature=signature.format(), confidence=interval)
