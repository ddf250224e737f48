"""Phrase patterns: lexicon entries a linguist writes as words, not regular expressions.

Real machine translation renders a French idiom with every inflection, determiner and pronoun
English allows ("put the package", "are putting their package", "had put the package"), so an
entry must match them all. Writing that as a regex for each of hundreds of entries is error-prone;
a phrase says it in words and compiles to the regex the lexicon runs:

    take* DET bull by the horns      ->  take, takes, took, taken, taking; optional the/a/his/...
    [play|plays] the fire            ->  one of the words in brackets
    (very) heavy                     ->  an optional word
    hold POSS breath                 ->  a required possessive (his, her, their, ...)
    tell PRON                        ->  an object pronoun
    call SB to order                 ->  someone: a pronoun, a capitalised name, or "the" + a noun
    turn ... page                    ->  up to three words in between
    make <<the point>>               ->  only the part between << >> is reported (and replaced)

Words match whole words. A word written in lower case matches with its first letter in either
case ("keeper of the seals" finds "Keeper of the Seals"); a capital matches only itself, for
names. Inflection needs the target language's facts: English verbs come from `langs/en/irregular_verbs.txt` and spelling rules.
"""

from __future__ import annotations

import re
from functools import cache

from tqkit.rules.base import word_list

DETERMINERS = ("the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
               "your", "some")
POSSESSIVES = ("his", "her", "its", "their", "our", "my", "your")
PRONOUNS = ("him", "her", "it", "them", "us", "me", "you", "himself", "herself", "itself", "themselves")
_TOKEN = re.compile(r"<<|>>|\[[^\]]+\]|\([^)]+\)|\.\.\.|[^\s\[\]()<>]+")
_VOWELS = "aeiou"


@cache
def irregular_verbs(lang: str) -> dict[str, tuple[str, ...]]:
    """base -> every other form (third person, past, participles) of the irregular verbs."""
    verbs = {}
    for line in word_list("langs", lang, "irregular_verbs.txt"):
        base, *forms = line.split()
        verbs[base] = tuple(forms)
    return verbs


def verb_forms(verb: str, lang: str = "en") -> tuple[str, ...]:
    """Every form of an English verb: the table's for irregular verbs, else by spelling rules."""
    head, _, rest = verb.partition(" ")  # a phrasal verb inflects its first word
    irregular = irregular_verbs(lang).get(head)
    if irregular is not None:
        forms = (head, *irregular)
    else:
        forms = (head, _third(head), _past(head), _ing(head))
    return tuple(dict.fromkeys(f"{f} {rest}".strip() for f in forms))


def _third(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _doubles(verb: str) -> bool:
    """stop -> stopped, plan -> planned: one short vowel between single consonants."""
    return (len(verb) >= 3 and verb[-1] not in _VOWELS + "wxy" and verb[-2] in _VOWELS
            and verb[-3] not in _VOWELS and sum(c in _VOWELS for c in verb) == 1)


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ied"
    return verb + (verb[-1] if _doubles(verb) else "") + "ed"


def _ing(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + (verb[-1] if _doubles(verb) else "") + "ing"


def _literal(word: str) -> str:
    """A word; written in lower case, its first letter in either case."""
    escaped = re.escape(word).replace(r"\ ", " ")
    first = word[:1]
    if first.isalpha() and first.islower() and first.upper() != first:
        return f"[{first.upper()}{first}]" + escaped[1:]
    return escaped


def _alternatives(words: list[str]) -> str:
    return "(?:" + "|".join(_literal(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _word(token: str, lang: str) -> str:
    if token.endswith("*"):
        return _alternatives(list(verb_forms(token[:-1].replace("_", " "), lang)))
    return _literal(token)


def compile_phrase(phrase: str, lang: str = "en") -> str:
    """The regex of a phrase pattern (see the module docstring), for the lexicon to run."""
    tokens = _TOKEN.findall(phrase)
    if "".join(tokens).replace(" ", "") != phrase.replace(" ", ""):
        raise ValueError(f"phrase {phrase!r}: unbalanced brackets")
    words = [t for t in tokens if t not in ("<<", ">>")]
    if not words:
        raise ValueError("empty phrase")
    if tokens.count("<<") != tokens.count(">>") or tokens.count("<<") > 1:
        raise ValueError(f"phrase {phrase!r}: one << … >> at most")
    if words[-1] in ("DET", "...") or words[-1].startswith("("):
        raise ValueError(f"phrase {phrase!r}: cannot end with an optional part")
    out, space = "", False
    for n, token in enumerate(tokens):
        if token == "<<":
            out += (" " if space else "") + "(?P<span>"
            space = False
        elif token == ">>":
            out += ")"
        else:
            piece = _piece(token, lang)
            optional = piece.startswith(_OPTIONAL)
            piece = piece.lstrip(_OPTIONAL)
            out += (" " if space else "") + piece
            space = not optional
    return rf"\b{out}\b"


_OPTIONAL = "\x00"  # marks a piece that carries its own trailing space


def _piece(token: str, lang: str) -> str:
    if token == "DET":
        return _OPTIONAL + f"(?:{_alternatives(list(DETERMINERS))} )?"
    if token == "POSS":
        return _alternatives(list(POSSESSIVES))
    if token == "PRON":
        return _alternatives(list(PRONOUNS))
    if token == "SB":
        return (rf"(?:{_alternatives(list(PRONOUNS))}|(?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){{0,3}}"
                rf"|(?:the|their|his|her|its) [a-z]+)")
    if token == "...":
        return _OPTIONAL + r"(?:[\w'’-]+,? ){0,3}"
    if token.startswith("["):
        words = [w.strip() for w in token[1:-1].split("|")]
        return _alternatives([f for w in words for f in (verb_forms(w[:-1], lang) if w.endswith("*") else (w,))])
    if token.startswith("("):
        return _OPTIONAL + f"(?:{_piece(token[1:-1], lang).lstrip(_OPTIONAL)} )?"
    if not re.fullmatch(r"[\w'’.,:;!?&-]+\*?", token):
        raise ValueError(f"unknown token {token!r}")
    return _word(token, lang)
