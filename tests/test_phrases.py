"""Phrase patterns compile to regexes that match every inflection they promise, and no more."""

from __future__ import annotations

import pytest
import regex

from tqkit.rules.phrases import compile_phrase, verb_forms

CASES = [
    # phrase, texts it must match (with the reported part), texts it must not match
    ("take* DET stock", [("They took stock of the damage.", "took stock"), ("Taking their stock, he left", "Taking their stock")],
     ["a stock take", "The taking of stock"]),
    ("play* with fire", [("She is playing with fire.", "playing with fire"), ("Played with fire", "Played with fire")],
     ["a player with fire"]),
    ("make* <<the point>>", [("He made the point again.", "the point")], ["He made a point."]),
    ("keeper of the seals", [("The Keeper of the Seals spoke.", "Keeper of the Seals"),
                             ("the keeper of the seals", "keeper of the seals")], ["the keepers of the seals"]),
    ("[Unsubmissive|Rebellious] France", [("Rebellious France marched.", "Rebellious France")],
     ["A rebellious France marched."]),
    ("hold* POSS breath", [("They held their breath.", "held their breath")], ["They held the breath."]),
    ("call* SB to order", [("He called Mr Martin to order.", "called Mr Martin to order"),
                           ("She calls them to order", "calls them to order")], ["He called to order."]),
    ("turn* ... page", [("They turned a new page", "turned a new page"), ("turn the page", "turn the page")],
     ["turn around and around and around the page"]),
    ("(very) heavy toll", [("a very heavy toll", "very heavy toll"), ("a heavy toll", "heavy toll")], ["a heavy tolls"]),
]


@pytest.mark.parametrize(("phrase", "matching", "other"), CASES, ids=[c[0] for c in CASES])
def test_phrase_matches(phrase: str, matching: list[tuple[str, str]], other: list[str]) -> None:
    pattern = regex.compile(compile_phrase(phrase))
    group = "span" if "span" in pattern.groupindex else 0
    for text, reported in matching:
        found = pattern.search(text)
        assert found and found.group(group) == reported, (phrase, text)
    for text in other:
        assert not pattern.search(text), (phrase, text)


@pytest.mark.parametrize(("verb", "forms"), [
    ("stop", {"stop", "stops", "stopped", "stopping"}), ("try", {"try", "tries", "tried", "trying"}),
    ("make", {"make", "makes", "made", "making"}), ("die", {"die", "dies", "died", "dying"}),
    ("visit", {"visit", "visits", "visited", "visiting"}), ("go", {"go", "goes", "went", "gone", "going"}),
    ("set up", {"set up", "sets up", "setting up"}),
])
def test_verb_forms(verb: str, forms: set[str]) -> None:
    assert set(verb_forms(verb)) == forms


@pytest.mark.parametrize("bad", ["", "take* DET", "a <<b", "<<a>> <<b>>", "turn ...", "x {y}"])
def test_malformed_phrases_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        compile_phrase(bad)
