"""sacrebleu metrics computed from per-segment sufficient statistics held as compact arrays.

sacrebleu's `corpus_score` caches every reference's n-grams at once (about 7 GB for chrF on
100,000 segments). Here statistics are extracted chunk by chunk (BLEU and chrF by
`tqkit.scoring.ngrams`, TER by the metric's own `_extract_corpus_statistics`) and kept as one
integer (or float, for TER) row per segment; the corpus score is the metric's own
`_compute_score_from_stats` of their column sums, so it is sacrebleu's number to the last digit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric, Signature

from tqkit.errors import ConfigError
from tqkit.scoring import ngrams

METRICS = ("bleu", "chrf", "chrf++", "ter")
TOKENIZERS = tuple(BLEU.TOKENIZERS)
SMOOTH_METHODS = tuple(BLEU.SMOOTH_DEFAULTS)
CHUNK = 5000  # segments per chunk at most
CHUNK_CHARACTERS = 100_000  # characters of hypotheses and references per chunk, past its first segment
TOKENIZED_PERIODS = 100  # sacrebleu warns from this many hypothesis lines ending in " ."


@dataclass(frozen=True)
class MetricOptions:
    """sacrebleu's metric settings, as its command line names them; each one changes the
    signature when it changes the number."""

    tokenize: str | None = None  # None: 13a, or zh / ja-mecab / ko-mecab for that target language
    target_language: str = ""
    lowercase: bool = False
    force: bool = False
    smooth_method: str = "exp"
    smooth_value: float | None = None
    effective_order: bool = False
    max_ngram_order: int = 4  # sacrebleu's API option, which its signature leaves out (see `signature`)
    chrf_char_order: int = CHRF.CHAR_ORDER
    chrf_word_order: int = CHRF.WORD_ORDER
    chrf_beta: int = CHRF.BETA
    chrf_whitespace: bool = False
    chrf_lowercase: bool = False
    chrf_eps_smoothing: bool = False
    ter_case_sensitive: bool = False
    ter_normalized: bool = False
    ter_no_punct: bool = False
    ter_asian_support: bool = False


def make(name: str, options: MetricOptions = MetricOptions()) -> Metric:
    if name == "bleu":
        return _bleu(options)
    if name in ("chrf", "chrf++"):
        return CHRF(char_order=options.chrf_char_order, beta=options.chrf_beta,
                    word_order=2 if name == "chrf++" else options.chrf_word_order,
                    lowercase=options.chrf_lowercase, whitespace=options.chrf_whitespace,
                    eps_smoothing=options.chrf_eps_smoothing)
    if name == "ter":
        return TER(normalized=options.ter_normalized, no_punct=options.ter_no_punct,
                   asian_support=options.ter_asian_support, case_sensitive=options.ter_case_sensitive)
    raise ValueError(name)


def _bleu(options: MetricOptions) -> BLEU:
    if options.tokenize is not None and options.tokenize not in TOKENIZERS:
        raise ConfigError(f"--tokenize: unknown tokenizer {options.tokenize!r} (choose from {', '.join(TOKENIZERS)})")
    try:
        return BLEU(lowercase=options.lowercase, force=options.force, tokenize=options.tokenize,
                    smooth_method=options.smooth_method, smooth_value=options.smooth_value,
                    effective_order=options.effective_order, trg_lang=options.target_language,
                    max_ngram_order=options.max_ngram_order)
    except (ImportError, RuntimeError, OSError) as exc:  # a tokenizer's library or model is missing
        chosen = options.tokenize or BLEU._TOKENIZER_MAP.get(options.target_language, BLEU.TOKENIZER_DEFAULT)
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()] or [type(exc).__name__]
        hint = next((f" ({line})" for line in lines[1:] if "pip install" in line), "")
        raise ConfigError(f"the {chosen!r} tokenizer is not available: {lines[0]}{hint}") from None


class _Collect(logging.Handler):
    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def sacrebleu_warnings() -> Iterator[list[str]]:
    """sacrebleu's log messages (its tokenizer advice), kept for the caller to show once, or not
    at all with --quiet, instead of reaching stderr through logging's last-resort handler."""
    logger = logging.getLogger("sacrebleu")
    messages: list[str] = []
    handler, propagate = _Collect(messages), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def tokenized_periods(metric: Metric, hyps: Sequence[str]) -> int:
    """Hypothesis lines ending in " ." when that worries sacrebleu (BLEU without --force)."""
    if not isinstance(metric, BLEU) or metric._force:
        return 0
    return sum(h.endswith(" .") for h in hyps)


def _dtype(metric: Metric) -> type:
    return np.float64 if isinstance(metric, TER) else np.int64


def _chunk_stats(args: tuple[Metric, Sequence[str], list[Sequence[str]]]) -> np.ndarray:
    metric, hyps, refs = args
    if isinstance(metric, BLEU):
        return ngrams.bleu_stats(metric, hyps, refs)
    if isinstance(metric, CHRF):
        return ngrams.chrf_stats(metric, hyps, refs)
    return np.asarray(metric._extract_corpus_statistics(hyps, refs), dtype=_dtype(metric)).reshape(len(hyps), -1)


def _chunks(hyps: Sequence[str], refs: Sequence[Sequence[str]]) -> Iterator[tuple[int, int]]:
    """Segment ranges of at most CHUNK segments and, past their first, CHUNK_CHARACTERS characters:
    the memory a chunk's statistics take is bounded however long the lines."""
    start, size = 0, 0
    for i, hyp in enumerate(hyps):
        length = len(hyp) + sum(len(r[i]) for r in refs)
        if i > start and (i - start >= CHUNK or size + length > CHUNK_CHARACTERS):
            yield start, i
            start, size = i, 0
        size += length
    if start < len(hyps):
        yield start, len(hyps)


def _forget_tokenizations(metric: Metric) -> None:
    """sacrebleu's tokenizers cache their last 65,536 lines, and 13a's regex stage another
    65,536: about 40 MB that later phases (the paired tests) need more."""
    tokenizer = getattr(metric, "tokenizer", None)
    for stage in (tokenizer, getattr(tokenizer, "_post_tokenizer", None)):
        clear = getattr(type(stage).__call__, "cache_clear", None) if stage is not None else None
        if clear:
            clear()


def ignore(segments: int) -> None:
    """The `done` callback of a run that shows no progress."""


def segment_stats(metric: Metric, hyps: Sequence[str], refs: Sequence[Sequence[str]], jobs: int = 1,
                  done: Callable[[int], None] = ignore) -> np.ndarray:
    """One row of sufficient statistics per segment, extracted a chunk at a time; `done` hears
    of each chunk's segments in this process, as the chunks come back in order. Counts are kept
    as int32 while they fit (half the memory; sums are taken in int64)."""
    tasks = [(metric, hyps[a:b], [r[a:b] for r in refs]) for a, b in _chunks(hyps, refs)]
    out, row = None, 0
    with ProcessPoolExecutor(jobs) if jobs > 1 and len(tasks) > 1 else nullcontext() as pool:
        for part in (pool.map if pool else map)(_chunk_stats, tasks):
            if out is None:
                out = np.empty((len(hyps), part.shape[1]), dtype=np.int32 if part.dtype == np.int64 else part.dtype)
            if out.dtype == np.int32 and part.size and part.max() > np.iinfo(np.int32).max:
                out = out.astype(np.int64)
            out[row : row + len(part)] = part
            row += len(part)
            done(len(part))
    # sacrebleu's metric learns the number of references while caching them; the signature needs it.
    metric.num_refs = len(refs)
    _forget_tokenizations(metric)
    return out if out is not None else np.zeros((0, 0), dtype=_dtype(metric))


def compute(metric: Metric, totals: np.ndarray):
    """The metric's own score object for summed statistics."""
    values = totals.tolist()  # plain Python numbers, as sacrebleu computes with
    return metric._compute_score_from_stats(values)


def signature(metric: Metric) -> Signature:
    """sacrebleu's signature of the metric, with what it leaves out although it changes the
    number: BLEU's n-gram order when it is not 4 (`order:6`)."""
    out = metric.get_signature()
    if isinstance(metric, BLEU) and metric.max_ngram_order != 4:
        out.update("order", metric.max_ngram_order)
        out._abbr["order"] = "o"
    return out


def details(result) -> dict:
    """What sacrebleu's verbose BLEU line shows, as data: n-gram counts and totals, precisions,
    brevity penalty and lengths. Empty for the other metrics."""
    if not isinstance(getattr(result, "counts", None), list):
        return {}
    return {"counts": result.counts, "totals": result.totals, "precisions": [round(p, 6) for p in result.precisions],
            "bp": round(result.bp, 6), "sys_len": result.sys_len, "ref_len": result.ref_len}


@dataclass(frozen=True)
class Scored:
    metric: str  # sacrebleu's name for it: BLEU, chrF2, chrF2++, TER
    score: float
    signature: str
    stats: np.ndarray
    details: dict


def score(metric: Metric, hyps: Sequence[str], refs: Sequence[Sequence[str]], jobs: int = 1,
          done: Callable[[int], None] = ignore) -> Scored:
    stats = segment_stats(metric, hyps, refs, jobs, done)
    result = compute(metric, stats.sum(axis=0))
    return Scored(result.name, result.score, signature(metric).format(), stats, details(result))
