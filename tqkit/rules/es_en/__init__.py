"""The Spanish→English pack: traces a Spanish source leaves in English text."""

from __future__ import annotations

from tqkit.model import Fix, Severity
from tqkit.rules.base import Rule, RuleMeta
from tqkit.rules import docs
from tqkit.rules.fr_en.countries import CountryArticle
from tqkit.rules.fr_en.dates import SourceMonth
from tqkit.rules.fr_en.typography import DecimalComma, Guillemets, ThousandsSpace, UnitSignPosition
from tqkit.rules.lexicon import LexiconRule
from tqkit.rules.traces import InvertedMarks, SourceHonorific, ThousandsDot
from tqkit.rules.untranslated import UntranslatedText

PACK = "es-en"

HONORIFIC_DOC = """\
What it does:
    Flags Spanish honorifics left before a name ("Sr. Sánchez", "Sra. Díaz", "Dña. Ana").

Why is this bad?
    They are Spanish abbreviations for Mr, Mrs and Ms; English news writes "Mr." or
    "Ms." or the surname alone.

Example:
    Sr. Sánchez arrived in Brussels.

Use instead:
    Mr. Sánchez arrived in Brussels.
"""

IDIOM_EXAMPLES = '"cost an eye of the face" for "costar un ojo de la cara", "take cards in the matter" for "tomar cartas en el asunto", "in what goes of year" for "en lo que va de año"'
FALSE_FRIEND_EXAMPLES = '"the storm charged the lives of" for "se cobró la vida de", "mortal victims" for "víctimas mortales", "the means of communication" for "los medios de comunicación", "a library" where a bookshop (librería) is meant'


def rules() -> list[Rule]:
    return [
        SourceHonorific({"Sr.": "Mr.", "Sra.": "Ms.", "Srta.": "Ms.", "Dña.": "Ms."}).as_code("ES001", HONORIFIC_DOC),
        Guillemets().as_code("ES002"),
        InvertedMarks().as_code("ES003"),
        DecimalComma().as_code("ES004"),
        ThousandsDot().as_code("ES005"),
        ThousandsSpace().as_code("ES006"),
        UnitSignPosition().as_code("ES007"),
        SourceMonth(PACK, day=r"\d{1,2} de", year="de ").as_code("ES008", docs.months("Spanish", '"12 de junio", "julio de 2022"', "12 de junio")),
        LexiconRule(RuleMeta("ES009", "boilerplate", Severity.ERROR, "Web-page chrome or scraper residue", Fix.SAFE),
                    PACK, "boilerplate.toml", docs.boilerplate('"Lee también", "Te puede interesar", "Read also: …", "Fuente: EFE"')),
        LexiconRule(RuleMeta("ES010", "calque", Severity.INFO, "Calque or false friend of Spanish", Fix.UNSAFE),
                    PACK, "calques.toml", docs.calques("Spanish", '"assisted to" for asistir a, "realized a study" for realizar, "actually" for actualmente')),
        CountryArticle().as_code("ES011", docs.country_article(
            "Spanish", '"la Argentina", "el Perú", "la India"', "The Argentina has defaulted again.",
            "Argentina has defaulted again; the Argentine peso fell.")),
        UntranslatedText("ES012", source="es", target="en"),
        LexiconRule(RuleMeta("ES013", "idiom-calque", Severity.WARNING,
                             "Spanish idiom rendered word for word", Fix.UNSAFE), PACK, "idioms.toml", docs.idioms("Spanish", IDIOM_EXAMPLES)),
        LexiconRule(RuleMeta("ES014", "false-friend", Severity.WARNING,
                             "English word in the sense of its Spanish look-alike", Fix.UNSAFE),
                    PACK, "false_friends.toml", docs.false_friends("Spanish", FALSE_FRIEND_EXAMPLES)),
    ]
