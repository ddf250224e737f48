"""The French→English pack: traces a French source leaves in English text."""

from __future__ import annotations

from tqkit.model import Severity
from tqkit.rules import docs
from tqkit.rules.base import Fix, Rule, RuleMeta
from tqkit.rules.fr_en.countries import CountryArticle
from tqkit.rules.fr_en.dates import FrenchOrdinal, FrenchTime, SourceMonth
from tqkit.rules.fr_en.elision import ElisionResidue
from tqkit.rules.fr_en.honorifics import FrenchHonorific, MessrsList
from tqkit.rules.fr_en.interview import InterviewForTalks
from tqkit.rules.fr_en.titles import PluralTitle
from tqkit.rules.fr_en.typography import (
    DecimalComma,
    Guillemets,
    SpaceBeforePunctuation,
    ThousandsSpace,
    UnitSignPosition,
)
from tqkit.rules.lexicon import LexiconRule
from tqkit.rules.untranslated import UntranslatedText

PACK = "fr-en"

DEMONYMS_DOC = """\
What it does:
    Flags a people's name used for a bloc of states ("the Westerners", "the Occidentals",
    "the Anglo-Saxons", "the Twenty-Seven"), suggesting the bloc's English name.

Why is this bad?
    French news names blocs by their peoples ("les Occidentaux"); English names the bloc
    ("the West"). "Westerners" for people ("Westerners living in Beijing") is left alone."""


def rules() -> list[Rule]:
    return [
        MessrsList(),
        FrenchHonorific(),
        LexiconRule(RuleMeta("FR003", "collective-demonym", Severity.WARNING,
                             "A people's name used for a bloc of states", Fix.UNSAFE),
                    PACK, "demonyms.toml", DEMONYMS_DOC),
        CountryArticle(),
        ElisionResidue(),
        LexiconRule(RuleMeta("FR006", "boilerplate", Severity.ERROR,
                             "Web-page chrome or scraper residue in the article", Fix.SAFE),
                    PACK, "boilerplate.toml", docs.boilerplate('"To see in video", "Read also: …", "Lire aussi", "source site-41"')),
        UntranslatedText("FR007", source="fr", target="en"),
        SpaceBeforePunctuation(),
        Guillemets(),
        DecimalComma(),
        ThousandsSpace(),
        FrenchTime(),
        FrenchOrdinal(),
        UnitSignPosition(),
        SourceMonth(),
        LexiconRule(RuleMeta("FR016", "calque", Severity.INFO, "Calque or false friend of French", Fix.UNSAFE),
                    PACK, "calques.toml", docs.calques("French", '"for his part" (pour sa part), "makes it possible to" (permet de), "actually" for "currently" (actuellement)')),
        InterviewForTalks(),
        PluralTitle(),
    ]
