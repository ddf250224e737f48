"""Post-edit effort: HTER (case-sensitive TER of the machine translation against its post-edit),
edits by type, and a word-level diff per segment.

The edit counts replay sacrebleu's own TER search (its shift heuristics and beam edit
distance), so insertions + deletions + substitutions + shifts equal sacrebleu's edit count.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from sacrebleu.metrics.lib_ter import BeamEditDistance, _shift
from sacrebleu.metrics.ter import TER

from tqkit.progress import Progress, size_of
from tqkit.scoring import metrics as M
from tqkit.scoring.segments import align, read_segments

MAX_SHIFT_CANDIDATES = 1000  # sacrebleu's limit


@dataclass(frozen=True)
class Edits:
    insertions: int = 0
    deletions: int = 0
    substitutions: int = 0
    shifts: int = 0
    reference_words: int = 0

    @property
    def total(self) -> int:
        return self.insertions + self.deletions + self.substitutions + self.shifts

    def __add__(self, other: Edits) -> Edits:
        return Edits(*(a + b for a, b in zip(self.__dict__.values(), other.__dict__.values())))


def edits(metric: TER, hypothesis: str, reference: str) -> Edits:
    words_h = metric._preprocess_segment(hypothesis).split()
    words_r = metric._preprocess_segment(reference).split()
    if not words_r:
        return Edits(deletions=len(words_h))
    cached = BeamEditDistance(words_r)
    shifts, checked, words = 0, 0, words_h
    while True:
        delta, shifted, checked = _shift(words, words_r, cached, checked)
        if checked >= MAX_SHIFT_CANDIDATES or delta <= 0:
            break
        shifts += 1
        words = shifted
    _, trace = cached(words)
    # The trace rewrites the hypothesis into the reference: 'd' drops a hypothesis word,
    # 'i' adds a reference word.
    return Edits(trace.count("i"), trace.count("d"), trace.count("s"), shifts, len(words_r))


def word_diff(before: str, after: str) -> str:
    """`[-removed-]{+added+}` word diff, as `git diff --word-diff` writes it."""
    a, b = before.split(), after.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


@dataclass(frozen=True)
class SegmentEffort:
    index: int
    hter: float
    edits: Edits
    diff: str


@dataclass(frozen=True)
class PostEditReport:
    post_edit: str
    machine_translation: str
    hter: float
    signature: str
    edits: Edits
    segments: list[SegmentEffort] = field(default_factory=list)


def post_edit(post_edit_path: str, mt_path: str, progress: Progress | None = None,
              input_format: str = "lines") -> PostEditReport:
    """`progress` moves through the machine translation's bytes in two passes, as its segments are
    scored and as their edits are counted; the caller counts the file."""
    pe = read_segments(post_edit_path, input_format)
    mt = align(pe, read_segments(mt_path, input_format))
    done = progress.spread(size_of(mt_path), 2 * len(mt.texts)) if progress else M.ignore
    metric = TER(case_sensitive=True)  # a case fix is an edit
    scored = M.score(metric, list(mt.texts), [list(pe.texts)], done=done)
    segments, total = [], Edits()
    for i, (hyp, ref) in enumerate(zip(mt.texts, pe.texts)):
        done(1)
        if not hyp and not ref:
            continue
        e = edits(metric, hyp, ref)
        total = total + e
        segment_hter = 100 * e.total / e.reference_words if e.reference_words else (100.0 if e.total else 0.0)
        segments.append(SegmentEffort(i, segment_hter, e, word_diff(hyp, ref)))
    return PostEditReport(pe.path, mt.path, scored.score, scored.signature + "|hter:yes", total, segments)


def post_edits(post_edit_path: str, mt_paths: Sequence[str], quiet: bool = True,
               input_format: str = "lines") -> list[PostEditReport]:
    """Unless `quiet`, a progress line on a terminal's stderr counts the machine translations."""
    reports = []
    total = sum(size_of(p) for p in mt_paths)
    with Progress(len(mt_paths), total, "files scored", quiet=quiet) as progress:
        for path in mt_paths:
            reports.append(post_edit(post_edit_path, path, progress, input_format))
            progress.advance()
    return reports
