"""BLEU and chrF sufficient statistics for many segments at once, equal to sacrebleu's.

sacrebleu builds a `Counter` per n-gram order per line and matches them in a Python loop
(and its corpus scorer caches every reference's counters at once). Here each line is a run
of integer symbols (characters or tokens), and every position starts one n-gram of each
order. Sorting the positions of a chunk by (segment, the next `order` symbols, side) puts
equal n-grams of one segment next to each other, for every order at once; counting each
run per side gives the clipped matches. Only the symbols' identity matters, so the
statistics are sacrebleu's exactly (tests compare them on random and hostile text).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, count

import numpy as np
from sacrebleu.metrics import BLEU, CHRF

Symbols = tuple[np.ndarray, np.ndarray]  # every line's symbols (ids >= 1) concatenated, and each line's length
KEY_BITS = 63


def _bits(n: int) -> int:
    return max(1, int(n).bit_length())


def _pack(fields: list[tuple[np.ndarray, int]]) -> list[np.ndarray]:
    """Fields (values, bits) packed in order into as few int64 sort keys as hold them."""
    keys: list[np.ndarray] = []
    used = KEY_BITS
    for values, bits in fields:
        if used + bits > KEY_BITS:
            keys.append(values.astype(np.int64))
            used = bits
        else:
            keys[-1] = (keys[-1] << bits) | values
            used += bits
    return keys


class _Sorted:
    """The positions of every side's lines, sorted by (segment, next `order` symbols, side)."""

    def __init__(self, sides: Sequence[Symbols], segments: int, order: int):
        symbols = np.concatenate([s[0] for s in sides]).astype(np.int64)
        lengths = np.concatenate([s[1] for s in sides]).astype(np.int64)
        line = np.repeat(np.arange(len(lengths)), lengths)
        self.size = len(symbols)
        left = np.repeat(np.cumsum(lengths), lengths) - np.arange(self.size)  # symbols left in the line
        symbol_bits = _bits(int(symbols.max()) if self.size else 1)
        fields = [(line % segments, _bits(segments - 1))]
        fields += [(_column(symbols, left, j), symbol_bits) for j in range(order)]
        fields.append((line // segments, _bits(len(sides) - 1)))
        self._bits = [b for _, b in fields]
        keys = _pack(fields)
        if len(keys) == 1:  # sort the keys themselves and read the fields back out of them
            self._key = np.sort(keys[0])
            self._shifts = [sum(self._bits[i + 1 :]) for i in range(len(fields))]
            self._fields: list[np.ndarray] = []
        else:
            perm = np.lexsort(keys[::-1])
            self._fields = [values[perm] for values, _ in fields]

    def field(self, i: int) -> np.ndarray:
        """Field i (0 segment, 1..order the symbols, order + 1 the side) in sorted order."""
        if self._fields:
            return self._fields[i]
        return (self._key >> self._shifts[i]) & ((1 << self._bits[i]) - 1)


def _column(symbols: np.ndarray, left: np.ndarray, j: int) -> np.ndarray:
    """The symbol j places after each position, 0 past the end of its line."""
    column = np.zeros(len(symbols), dtype=np.int64)
    if j < len(symbols):
        column[: len(symbols) - j] = symbols[j:]
        column[left <= j] = 0
    return column


def matches(sides: Sequence[Symbols], segments: int, order: int, against_max: bool) -> np.ndarray:
    """Clipped n-gram matches of side 0 (the hypothesis) per order and segment.

    With `against_max`, one row per order: each hypothesis n-gram counts up to its largest
    count in any reference (BLEU). Otherwise rows (order, reference): matches against each
    reference apart (chrF, which then keeps the best reference)."""
    refs = len(sides) - 1
    out = np.zeros((order, 1 if against_max else refs, segments), dtype=np.int64)
    table = _Sorted(sides, segments, order)
    if not table.size:
        return out
    segment, side = table.field(0), table.field(order + 1)
    same = np.zeros(table.size, dtype=bool)
    same[1:] = segment[1:] == segment[:-1]
    for k in range(order):
        symbol = table.field(k + 1)
        same[1:] &= symbol[1:] == symbol[:-1]
        valid = symbol != 0
        first = valid & ~same  # the first position of each distinct n-gram of a segment
        group = (np.cumsum(first) - 1)[valid]
        groups = int(np.count_nonzero(first))
        counts = np.bincount(group * len(sides) + side[valid], minlength=groups * len(sides))
        counts = counts.reshape(groups, len(sides))  # occurrences of each n-gram on each side
        owner = segment[first]
        if against_max:
            clipped = np.minimum(counts[:, 0], counts[:, 1:].max(axis=1))
            out[k, 0] = np.bincount(owner, weights=clipped, minlength=segments)
        else:
            for r in range(refs):
                out[k, r] = np.bincount(owner, weights=np.minimum(counts[:, 0], counts[:, r + 1]), minlength=segments)
    return out


def _characters(sides: Sequence[Iterable[str]]) -> list[Symbols]:
    """Every side's lines as code points renumbered from 1, one numbering for all sides."""
    sides = [list(lines) for lines in sides]
    points = np.frombuffer("".join(chain.from_iterable(sides)).encode("utf-32-le"), dtype=np.uint32)
    ids = points.astype(np.int64)
    if len(points):
        present = np.flatnonzero(np.bincount(points))
        dense = np.zeros(int(present[-1]) + 1, dtype=np.int64)
        dense[present] = np.arange(1, len(present) + 1)
        ids = dense[points]
    out, start = [], 0
    for lines in sides:
        lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
        end = start + int(lengths.sum())
        out.append((ids[start:end], lengths))
        start = end
    return out


class Vocabulary:
    """Token ids (from 1) shared by the hypothesis and references of one chunk."""

    def __init__(self) -> None:
        self._ids: defaultdict[str, int] = defaultdict(count(1).__next__)

    def symbols(self, token_lists: Sequence[Sequence[str]]) -> Symbols:
        ids = np.fromiter(map(self._ids.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64)
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        return ids, lengths


def _positive(lengths: np.ndarray, n: int) -> np.ndarray:
    """How many n-grams a line of `lengths` symbols holds."""
    return np.maximum(lengths - n + 1, 0)


def bleu_stats(metric: BLEU, hyps: Sequence[str], refs: Sequence[Sequence[str]]) -> np.ndarray:
    """sacrebleu's rows: hypothesis length, closest reference length, matches and totals per order."""
    prepare: Callable[[str], str] = metric._preprocess_segment
    vocabulary = Vocabulary()
    sides = [vocabulary.symbols([prepare(h).split() for h in hyps])]
    sides += [vocabulary.symbols([prepare(r).split() for r in stream]) for stream in refs]
    order, n = metric.max_ngram_order, len(hyps)
    hyp_len = sides[0][1]
    ref_len, distance = sides[1][1], np.abs(hyp_len - sides[1][1])
    for _, lengths in sides[2:]:  # the closest reference length; the shorter of two as close
        d = np.abs(hyp_len - lengths)
        closer = (d < distance) | ((d == distance) & (lengths < ref_len))
        ref_len, distance = np.where(closer, lengths, ref_len), np.where(closer, d, distance)
    out = np.empty((n, 2 + 2 * order), dtype=np.int64)
    out[:, 0], out[:, 1] = hyp_len, ref_len
    out[:, 2 : 2 + order] = matches(sides, n, order, against_max=True)[:, 0].T
    for k in range(order):
        out[:, 2 + order + k] = _positive(hyp_len, k + 1)
    return out


def chrf_stats(metric: CHRF, hyps: Sequence[str], refs: Sequence[Sequence[str]]) -> np.ndarray:
    """sacrebleu's rows: (hypothesis, reference, matched) n-grams per character then word order,
    against the reference with the best segment F-score."""
    prepare: Callable[[str], str] = metric._preprocess_segment
    hyps = [prepare(h) for h in hyps]
    refs = [[prepare(r) for r in stream] for stream in refs]
    squeeze = (lambda s: s) if metric.whitespace else (lambda s: "".join(s.split()))
    per_ref = [np.empty((len(hyps), 3 * metric.order), dtype=np.int64) for _ in refs]
    parts = [(metric.char_order, _characters([map(squeeze, lines) for lines in [hyps, *refs]]))]
    if metric.word_order:
        vocabulary = Vocabulary()
        parts.append((metric.word_order, [vocabulary.symbols([metric._remove_punctuation(s) for s in lines])
                                          for lines in [hyps, *refs]]))
    column = 0
    for order, sides in parts:
        found = matches(sides, len(hyps), order, against_max=False)
        for k in range(order):
            hyp_count = _positive(sides[0][1], k + 1)
            for r, stats in enumerate(per_ref):
                ref_count = _positive(sides[r + 1][1], k + 1)
                stats[:, column] = np.where(ref_count > 0, hyp_count, 0)  # sacrebleu: no reference n-gram, no count
                stats[:, column + 1] = ref_count
                stats[:, column + 2] = found[k, r]
            column += 3
    if len(per_ref) == 1:
        return per_ref[0]
    return _best_reference(metric, per_ref)


def _best_reference(metric: CHRF, per_ref: list[np.ndarray]) -> np.ndarray:
    # sacrebleu keeps the first reference with the highest segment F-score; its own
    # arithmetic decides, so that near-ties fall the same way.
    best = per_ref[0].copy()
    for i in range(len(best)):
        top = metric._compute_f_score(best[i].tolist())
        for stats in per_ref[1:]:
            f = metric._compute_f_score(stats[i].tolist())
            if f > top:
                top, best[i] = f, stats[i]
    return best
