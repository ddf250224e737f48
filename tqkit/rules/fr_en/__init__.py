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


INSTITUTIONS_DOC = """\
What it does:
    Flags French institutions, offices and procedures rendered literally ("Keeper of the
    Seals" for "garde des Sceaux", "Council of Ministers" for "Conseil des ministres"),
    suggesting what English news agencies write.

Why is this bad?
    A literal rendering hides what the institution is; readers of English news know the
    English terms (Justice Minister, cabinet meeting)."""

NAMES_DOC = """\
What it does:
    Flags names of French parties, movements, newspapers and programmes translated word for
    word ("Unsubmissive France", "according to the World"), suggesting the English usage.

Why is this bad?
    A translated name cannot be looked up and is sometimes read as a common noun; English
    news keeps French titles (Le Monde) and uses established English names (France Unbowed)."""

SCRAPER_DOC = """\
What it does:
    Flags damage from scraping: sentences glued without a space ("2020.The mayor"), CSS
    or script text inside prose.

Why is this bad?
    It shows the text was copied by a machine and never read; published, it looks broken."""


SYNTAX_DOC = """\
What it does:
    Flags French constructions rendered word for word: durations ("since ten years" for
    "depuis dix ans"), number order ("the ten last years"), amounts ("3 billion of euros"),
    comparatives ("the most young"), inverted reporting clauses ("believes- she"), narrative
    infinitives ("And to add"), nationalities used as nouns ("a French in four").

Why is this bad?
    Each is French grammar in English words: a reader notices at once that the text was
    translated, and some change the meaning ("there is ten years" is not "ten years ago")."""


IDIOM_EXAMPLES = '"it is not the sea to drink" for "ce n\'est pas la mer à boire", "take act of" for "prendre acte de"'
FALSE_FRIEND_EXAMPLES = 'speech verbs ("underlined the minister" for "a souligné le ministre"), "precised" for "précisé", "important" fires for "large" fires'


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
        LexiconRule(RuleMeta("FR019", "idiom-calque", Severity.WARNING,
                             "French idiom rendered word for word", Fix.UNSAFE), PACK, "idioms.toml", docs.idioms("French", IDIOM_EXAMPLES)),
        LexiconRule(RuleMeta("FR020", "false-friend", Severity.WARNING,
                             "English word in the sense of its French look-alike", Fix.UNSAFE),
                    PACK, "false_friends.toml", docs.false_friends("French", FALSE_FRIEND_EXAMPLES)),
        LexiconRule(RuleMeta("FR021", "literal-institution", Severity.WARNING,
                             "French institution or procedure rendered literally", Fix.UNSAFE),
                    PACK, "institutions.toml", INSTITUTIONS_DOC),
        LexiconRule(RuleMeta("FR022", "translated-name", Severity.WARNING,
                             "French party, movement or media name translated", Fix.UNSAFE),
                    PACK, "names.toml", NAMES_DOC),
        LexiconRule(RuleMeta("FR023", "scraper-damage", Severity.WARNING,
                             "Glued sentences, CSS or script text left by a scraper", Fix.UNSAFE),
                    PACK, "scraper.toml", SCRAPER_DOC),
        LexiconRule(RuleMeta("FR024", "french-syntax", Severity.WARNING,
                             "French construction rendered word for word", Fix.UNSAFE), PACK, "syntax.toml", SYNTAX_DOC),
    ]
