"""Which rules exist, and which run for a language pair.

A pair's rules are its source-side pack (traces the source language leaves, such as
French honorifics in English) plus the target language's own checks (English quotation
and sentence hygiene), so a new pair reuses the target checks and a new target language
reuses nothing it should not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from tqkit.errors import ConfigError
from tqkit.rules.base import Rule

if TYPE_CHECKING:
    from tqkit.rules.glossary import Glossary


def _fr_en() -> list[Rule]:
    from tqkit.rules import fr_en

    return fr_en.rules()


def _de_en() -> list[Rule]:
    from tqkit.rules import de_en

    return de_en.rules()


def _es_en() -> list[Rule]:
    from tqkit.rules import es_en

    return es_en.rules()


def _en() -> list[Rule]:
    from tqkit.rules import en

    return en.rules()


def _fr() -> list[Rule]:
    from tqkit.rules import fr

    return fr.rules()


# Source packs: traces of a source language in a target language. A pair with no traces of
# its own yet (en-fr) still gets its target language's checks.
SOURCE_PACKS: dict[str, Callable[[], list[Rule]]] = {"fr-en": _fr_en, "de-en": _de_en, "es-en": _es_en,
                                                     "en-fr": list}
TARGET_PACKS: dict[str, Callable[[], list[Rule]]] = {"en": _en, "fr": _fr}
DEFAULT_PAIR = "fr-en"


def pairs() -> list[str]:
    return sorted(SOURCE_PACKS)


@cache
def rules_for(pair: str) -> tuple[Rule, ...]:
    if pair not in SOURCE_PACKS:
        raise ConfigError(f"unknown language pair {pair!r} (known: {', '.join(pairs())})")
    from tqkit.rules import core

    target = pair.split("-", 1)[1]
    rules = SOURCE_PACKS[pair]() + TARGET_PACKS.get(target, list)() + core.rules()
    codes = [r.meta.code for r in rules]
    duplicates = {c for c in codes if codes.count(c) > 1}
    assert not duplicates, f"duplicate rule codes: {duplicates}"
    return tuple(sorted(rules, key=lambda r: r.meta.code))


def build(pair: str, glossaries: Sequence[str] | Glossary = (), select_: Sequence[str] = (),
          ignore: Sequence[str] = ()) -> list[Rule]:
    """The rules a run uses: the pair's packs, glossary rules when glossaries (files, or one
    loaded `Glossary`) are given, selected."""
    from tqkit.rules.glossary import Glossary, glossary_rules

    rules = list(rules_for(pair))
    glossary = glossaries if isinstance(glossaries, Glossary) else Glossary.load(glossaries) if glossaries else None
    rules += glossary_rules(glossary or [])
    chosen = select(rules, select_, ignore)
    if glossary is None:  # without a termbase the glossary rules have nothing to check
        chosen = [r for r in chosen if not r.meta.code.startswith("GL")]
    return chosen


def documented(pair: str) -> list[Rule]:
    """Every rule a pair can run, glossary rules included, for listings and documentation."""
    from tqkit.rules.glossary import glossary_rules

    return sorted([*rules_for(pair), *glossary_rules([])], key=lambda r: r.meta.code)


def _specificity(rule: Rule, selectors: Iterable[str]) -> int:
    """Length of the longest selector naming the rule (by code prefix or by name), or -1."""
    best = -1
    for s in selectors:
        if s == rule.meta.name:
            best = max(best, 1000)
        elif rule.meta.code.startswith(s.upper()):
            best = max(best, len(s))
    return best


def select(rules: Sequence[Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    """Rules enabled by code prefix or name; the most specific selector wins, as in ruff.

    `select=()` means every rule. A selector that names no rule is an error: a typo in a
    CI configuration must not silently disable checks.
    """
    for selector in (*select, *ignore):
        if not any(_specificity(r, [selector]) >= 0 for r in rules):
            raise ConfigError(f"{selector!r} matches no rule code or name")
    chosen = []
    for rule in rules:
        sel = _specificity(rule, select) if select else 0
        ign = _specificity(rule, ignore)
        if sel >= 0 and sel > ign:
            chosen.append(rule)
    return chosen


def find(rules: Sequence[Rule], key: str) -> Rule:
    for rule in rules:
        if key.upper() == rule.meta.code or key == rule.meta.name:
            return rule
    raise ConfigError(f"no rule {key!r}")
