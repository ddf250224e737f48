"""The German→English pack: traces a German source leaves in English text.

Most families are shared classes under this pack's codes; the data (calques, boilerplate,
months) lives in tqkit/packs/de-en/.
"""

from __future__ import annotations

from tqkit.model import Fix, Severity
from tqkit.rules.base import Rule, RuleMeta
from tqkit.rules import docs
from tqkit.rules.fr_en.countries import CountryArticle
from tqkit.rules.fr_en.dates import SourceMonth
from tqkit.rules.fr_en.typography import DecimalComma, ThousandsSpace, UnitSignPosition
from tqkit.rules.lexicon import LexiconRule
from tqkit.rules.traces import HourSuffix, PairedQuotes, SourceHonorific, ThousandsDot
from tqkit.rules.untranslated import UntranslatedText

PACK = "de-en"

IDIOM_EXAMPLES = '"that is not my beer" for "das ist nicht mein Bier", "get the cow off the ice" for "die Kuh vom Eis holen", "under four eyes" for "unter vier Augen"'
FALSE_FRIEND_EXAMPLES = '"the unemployment quote" for "Arbeitslosenquote", "a police speaker said" for "Polizeisprecher", "make a photo" for "ein Foto machen", "against 10 p.m." for "gegen 22 Uhr"'


def rules() -> list[Rule]:
    return [
        SourceHonorific({"Herr": "Mr.", "Frau": "Ms.", "Herrn": "Mr.", "Fräulein": "Ms."}).as_code("DE001"),
        PairedQuotes().as_code("DE002"),
        DecimalComma().as_code("DE003"),
        ThousandsDot().as_code("DE004"),
        ThousandsSpace().as_code("DE005"),
        UnitSignPosition().as_code("DE006"),
        HourSuffix().as_code("DE007"),
        SourceMonth(PACK, day=r"\d{1,2}\.", year="").as_code("DE008", docs.months("German", '"12. Juni", "Juli 2022"', "12. Juni")),
        LexiconRule(RuleMeta("DE009", "boilerplate", Severity.ERROR, "Web-page chrome or scraper residue", Fix.SAFE),
                    PACK, "boilerplate.toml", docs.boilerplate('"Lesen Sie auch", "Mehr zum Thema", "Read also: …", "Quelle: dpa"')),
        LexiconRule(RuleMeta("DE010", "calque", Severity.INFO, "Calque or false friend of German", Fix.UNSAFE),
                    PACK, "calques.toml", docs.calques("German", '"actual" for aktuell, "eventually" for eventuell, "become" for bekommen, "chef" for Chef')),
        CountryArticle().as_code("DE011", docs.country_article(
            "German", '"die Schweiz", "die Türkei", "der Iran"', "The Switzerland has agreed to the plan.",
            "Switzerland has agreed to the plan; the Swiss franc rose.")),
        UntranslatedText("DE012", source="de", target="en"),
        LexiconRule(RuleMeta("DE013", "idiom-calque", Severity.WARNING,
                             "German idiom rendered word for word", Fix.UNSAFE), PACK, "idioms.toml", docs.idioms("German", IDIOM_EXAMPLES)),
        LexiconRule(RuleMeta("DE014", "false-friend", Severity.WARNING,
                             "English word in the sense of its German look-alike", Fix.UNSAFE),
                    PACK, "false_friends.toml", docs.false_friends("German", FALSE_FRIEND_EXAMPLES)),
    ]
