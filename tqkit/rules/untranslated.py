"""Text left in another language than the target: one rule type, one instance per pack."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Rule, RuleMeta, word_list, words_pattern

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*[ \t]+(?=[\"“‘«(]*[A-ZÀ-Þ0-9])")
_WORD = re.compile(r"[^\W\d_]+")
_QUOTED = re.compile(r"[«“\"„]\s*([^«»“”\"„\n]{25,}?)\s*[»”\"“]")
_LANGUAGE_NAMES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
                   "nl": "Dutch", "en": "English", "ca": "Catalan", "ro": "Romanian"}
MIN_WORDS = 6  # lower-case words; shorter sentences and name lists are left alone
LANGDETECT_MIN_WORDS = 8
SHARE = 0.2


@cache
def _detector_ready() -> None:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0  # langdetect is random unless seeded


def detect(text: str) -> tuple[str, float]:
    """langdetect's best guess and its probability (deterministic)."""
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    _detector_ready()
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return "", 0.0
    return best.lang, best.prob


@cache
def _known_languages() -> dict[str, frozenset[str]]:
    """Function words of every language tqkit ships a list for (tqkit/langs/<lang>/)."""
    from importlib import resources

    langs = resources.files("tqkit").joinpath("langs")
    return {d.name: frozenset(word_list("langs", d.name, "function_words.txt"))
            for d in sorted(langs.iterdir(), key=lambda d: d.name) if d.joinpath("function_words.txt").is_file()}


def sentences(text: str, offset: int) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield offset + start, offset + m.start()
        start = m.end()
    yield offset + start, offset + len(text.rstrip())


class UntranslatedText(Rule):
    """
    What it does:
        Flags a sentence that is not in the target language.

    Why is this bad?
        Machine translation passes through what it cannot parse: a quotation, a caption,
        a paragraph of page chrome. Cheap evidence comes first: the share of the
        target's and the source's function words. langdetect (seeded, so results are
        deterministic) is asked only when that evidence is inconclusive, and never about
        sentences of fewer than six lower-case words, which it misjudges (headings, name
        lists).

    Example:
        Le président a déclaré que la Russie n'était pas isolée sur la scène internationale.

    Use instead:
        The president said that Russia was not isolated on the international stage.
        “Concerns” about Ukraine?
    """

    line_local = True

    def __init__(self, code: str, source: str, target: str):
        self.meta = RuleMeta(code, "untranslated-text", Severity.WARNING, "Text not in the target language")
        self.source, self.target = source, target
        self.target_words = frozenset(word_list("langs", target, "function_words.txt"))
        self.source_words = frozenset(word_list("langs", source, "function_words.txt"))
        # Every verdict needs a function word of another language that the target lacks, so
        # a line without one cannot fire: those words are the rule's screen.
        self.foreign_words = {lang: known - self.target_words for lang, known in _known_languages().items()
                              if lang != target}
        foreign = words_pattern(set().union(*self.foreign_words.values()))
        self._screen = re.compile(rf"(?:^|[\W\d_])(?:{foreign})(?:[\W\d_]|$)", re.MULTILINE)

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self._screen,)

    def language_of(self, sentence: str) -> str | None:
        """The sentence's language when it is confidently not the target, else None."""
        words = [w for w in _WORD.findall(sentence) if w.islower()]
        n = len(words)
        if n < MIN_WORDS:
            return None
        target = sum(1 for w in words if w in self.target_words)
        source = sum(1 for w in words if w in self.source_words)
        if target and (not source or target >= SHARE * n and target >= source):
            return None
        if source >= SHARE * n and source > 2 * target:
            return self.source
        # The same evidence for any language tqkit knows, when one clearly leads the others.
        counts = {lang: sum(1 for w in words if w in known) for lang, known in self.foreign_words.items()}
        best, runner_up = (sorted(counts.values(), reverse=True) + [0, 0])[:2]
        if best >= SHARE * n and best > 2 * target and best > 2 * runner_up:
            return max(counts, key=counts.__getitem__)
        if n < LANGDETECT_MIN_WORDS:
            return None
        # langdetect misreads technical or name-heavy English as Somali, Danish, Estonian...
        # Only languages tqkit knows the function words of are reported, and only when the
        # sentence has some of them that the target language lacks (one for the source
        # language, two for any other), so langdetect (about 6 ms a sentence) is not even
        # asked when no language qualifies.
        candidates = {lang for lang, count in counts.items() if count >= (1 if lang == self.source else 2)}
        if not candidates:
            return None
        lang, prob = detect(sentence)
        return lang if lang in candidates and prob >= 0.9 else None

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for seg in doc.screened_segments():
            hits = list(self._sentence_runs(text, seg.start, seg.end))
            yield from hits
            # A quotation left in the source language inside an English sentence ("«Nosotros
            # no formamos parte…», she said") is judged on its own words.
            for m in _QUOTED.finditer(text, seg.start, seg.end):
                start, end = m.start(1), m.end(1)
                if any(h.start <= start < h.end for h in hits):
                    continue
                lang = self.language_of(m.group(1))
                if lang:
                    yield self._hit(start, end, lang)

    def _sentence_runs(self, text: str, start: int, end: int) -> Iterator[Hit]:
        run: tuple[int, int, str] | None = None
        for a, b in sentences(text[start:end], start):
            lang = self.language_of(text[a:b])
            if lang and run and run[2] == lang:
                run = (run[0], b, lang)
                continue
            if run:
                yield self._hit(*run)
            run = (a, b, lang) if lang else None
        if run:
            yield self._hit(*run)

    def _hit(self, start: int, end: int, lang: str) -> Hit:
        name = _LANGUAGE_NAMES.get(lang, lang)
        return Hit(start, end, f"this text appears to be {name}, not {_LANGUAGE_NAMES.get(self.target, self.target)}")
